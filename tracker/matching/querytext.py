"""Query text as a claim would say it: the marks of social media taken out.

A query pasted from a social network carries what no stored claim says: links, @handles,
hashtag signs, a leading "RT", emoji, and the signature a copied post ends on ("— Name
(@handle) Month D, YYYY"). To a sentence embedding these pull the query away from the claim
it repeats, so :func:`clean_query` takes them out and keeps the words they carry: hashtags
and handles their words ("#TaxTheRich" reads "Tax The Rich"), the signature its author's name
(a claim often names who said it), a picture link the word "photo" (a claim about a post
often says what its picture shows). Other links go. On a plain news sentence it changes
nothing but typography, so it is safe on any query.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clean_query"]

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# The signature a post copied with its embed code ends on: a dash (an em dash may be glued
# to the link before it), the author's name, the handle in brackets and the date (the year
# is sometimes cut short).
_SIGNATURE = re.compile(
    rf"(?:\u2014|(?:^|\s)[\u2013-])\s*(?P<name>[^\u2014\n]{{0,80}}?)\s*\(@\w+\)\s*(?:{_MONTHS})\s+"
    rf"\d{{1,2}},\s*\d{{0,4}}\s*$"
)
# Links: anything from a scheme to the next space (often glued to the word before), and the
# scheme-less picture and short links social networks print.
_PICTURE = re.compile(r"pic\.twitter\.com/\w+", re.IGNORECASE)
_LINK = re.compile(r"(?:https?://|www\.)\S+|\bt\.co/\w+", re.IGNORECASE)
_RETWEET = re.compile(r"^\s*RT\b\s*(?:@\w+\s*:?)?\s*")
_HANDLE = re.compile(r"(?<!\w)\.?@(\w+)")
_HASHTAG = re.compile(r"#(\w+)")
_GLUED = re.compile(r"(?<=\w)(?=#\w)")
# Boundaries inside a CamelCase word: "TaxTheRich" -> "Tax The Rich", "NHSFunding" -> "NHS
# Funding", "VoteIn5Steps" -> "Vote In 5 Steps", "COVID19Vaccine" -> "COVID19 Vaccine" (a
# capital's digits stay with it), "JaneDoe1984" -> "Jane Doe 1984".
_CAMEL = re.compile(
    r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[a-z])(?=\d)|(?<=[A-Z])(?=\d{3,})"
)
_SPACES = re.compile(r"\s+")
# Symbol categories emoji and pictographs belong to, and the invisible joiners and marks.
_DROP_CATEGORIES = frozenset({"So", "Sk", "Cf", "Co", "Cs"})
_KEEP_SYMBOLS = frozenset("°$€£¥%&")


def _words(token: str) -> str:
    """A hashtag's or handle's words: CamelCase split, underscores made spaces."""
    return _CAMEL.sub(" ", token.replace("_", " ")).strip()


def _is_noise(char: str) -> bool:
    """Emoji, pictographs, skin tones, variation selectors and direction marks."""
    if char in _KEEP_SYMBOLS:
        return False
    if "\ufe00" <= char <= "\ufe0f" or "\U0001f3fb" <= char <= "\U0001f3ff":
        return True
    return unicodedata.category(char) in _DROP_CATEGORIES


def clean_query(text: str) -> str:
    """``text`` without the marks of social media (see the module's docstring); a text
    with none of them comes back with its words unchanged."""
    text = "".join(" " if _is_noise(c) else c for c in str(text))  # before NFKC: "™" -> "TM"
    text = unicodedata.normalize("NFKC", text).replace("&amp;", "&")
    text = _SIGNATURE.sub(lambda m: " " + m.group("name"), text)
    text = _PICTURE.sub(" photo ", text)
    text = _LINK.sub(" ", text)
    text = _RETWEET.sub("", text)
    text = _GLUED.sub(" ", text)
    text = _HASHTAG.sub(lambda m: _words(m.group(1)), text)
    text = _HANDLE.sub(lambda m: _words(m.group(1)), text)
    return _SPACES.sub(" ", text).strip()
