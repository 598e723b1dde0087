"""Small shared pieces of the extractor's grammar: clause boundaries, span trimming,
and the patterns more than one pass reads (quote marks, datelines, "that", finite verbs)."""

from __future__ import annotations

import re
from bisect import bisect_left

from tracker.extract.claim import Span
from tracker.extract.lexicon import (
    CUE_WORDS,
    PARTICIPLE_CUES,
    WIRE_NAMES,
)
from tracker.extract.wordscan import word_pattern

# Participles also open sentences: "Noting that ..., the mayor said".
_OPENING_CUES = (*(w.capitalize() for w in PARTICIPLE_CUES if " " not in w), "Asked", "Said")


_CUE = word_pattern((*CUE_WORDS, *_OPENING_CUES, "according to", "According to"))


_BOUNDARY_WORDS = (
    "that and but because while when as if after before since although though so where whom "
    "than until whether which then what how why or once unless whereas"
).split()


_LEFT_BOUNDARY = re.compile(
    r"[,;:“”\"—–―(]|\s-\s|"
    + word_pattern(_BOUNDARY_WORDS + [w.capitalize() for w in _BOUNDARY_WORDS]).pattern
)


_LEAD = re.compile(
    r"^(?:But|And|So|Yet|Still|Now|Also|Instead|Later|Earlier|Then|Meanwhile|However|"
    r"Separately|Similarly)\b[\s,]*"
)


_STOP = re.compile(r"[.!?;]")


def _stop_after(m: str, pos: int) -> int:
    """Where the sentence running on from ``pos`` stops (looking at most 240 characters)."""
    stop = _STOP.search(m, pos, pos + 240)
    return stop.start() if stop is not None else min(len(m), pos + 240)


# Auxiliaries and modals: a finite verb, whatever the clause.
_AUX = "has|have|had|is|are|was|were|will|would|could|should|can|may|might|must"


_IRREGULAR_PAST = "became|made|took|gave|came|went|led|began|won|lost|got|kept|held|ran|sent|saw"


_FINITE = re.compile(rf"(?:{_AUX})\b")


# A clause's verb within its first words ("the mere mention of her name could ...").
_CLAUSE_VERB = re.compile(rf"(?:[\w'’.-]+\s+){{0,8}}?(?:{_AUX}|{_IRREGULAR_PAST}|[a-z]{{3,}}ed)\b")


# The words an indirect question opens with ("whether the depot will close").
_WH = "whether|if|what|why|how|who|whom|which|where|when"


_WH_AFTER = re.compile(rf"\s+(?:publicly\s+|exactly\s+|immediately\s+)?(?=(?:{_WH})\b)")


# "The Journal, citing documents, reported ...": what "citing" names is an aside.
_CITING_ASIDE = re.compile(
    r"[^,;:“\"]{1,80},\s+(?:[a-z]+ly\s+)?(?:said|says|reported|reports|wrote)\b"
)


def _cue_within(cue_starts: list[int], lo: int, hi: int) -> bool:
    """Whether a cue word starts in ``[lo, hi)``."""
    i = bisect_left(cue_starts, lo)
    return i < len(cue_starts) and cue_starts[i] < hi


_TOLD_WORDS = ("told", "tells", "tell", "telling")


_DASH_AFTER = re.compile(r"(?:--|—|–|-\s)")


_THAT_AHEAD = re.compile(r"\s*,?\s*(?:that\b|[:“\"])")


_THAT = re.compile(r"\s*[,:]?\s*(?:that\s+)?")


_PREPOSITION_OPENERS = frozenset(
    {
        "in",
        "on",
        "at",
        "during",
        "after",
        "before",
        "asked",
        "speaking",
        "earlier",
        "later",
        "last",
        "this",
        "since",
        "when",
        "while",
        "for",
        "from",
        "separately",
        "meanwhile",
        "however",
        "still",
        "but",
        "and",
        "yet",
        "also",
        "today",
        "yesterday",
        "then",
        "writing",
        "appearing",
        "addressing",
        "responding",
        "over",
        "throughout",
        "according",
    }
)


_WORDS = re.compile(r"[\w'’.-]+")


_XX = "xxx"  # quotation interiors are masked with "x": a run of them is quoted text


_DATELINE = re.compile(
    r"[A-Z][A-Z .,'’-]{2,40}(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?\s*(?:\([^)\n]{1,40}\))?\s*"
    r"[-—–―]+\s*"
)


_WIRE = "|".join(re.escape(n) for n in WIRE_NAMES)


_HEDGES_LIST = (
    "reportedly",
    "allegedly",
    "apparently",
    "appears to",
    "appeared to",
    "seems to",
    "seemed to",
    "appear to",
    "seem to",
    "is said to",
    "are said to",
    "was said to",
    "were said to",
    "is believed to",
    "are believed to",
    "was believed to",
    "seems",
    "seemed",
    "appears",
    "appeared",
)


_COLON_QUOTE = re.compile(r":\s*[“\"]")


_QUOTE_OPEN = '“"«„'


_QUOTE_CLOSE = "”\"»'"


def _strip_span(text: str, s: int, e: int, chars: str = ",;:") -> Span:
    """Narrow a span past whitespace (any Unicode space) and the given punctuation."""
    while s < e and (text[s] in chars or text[s].isspace()):
        s += 1
    while e > s and (text[e - 1] in chars or text[e - 1].isspace()):
        e -= 1
    return s, e


def _content_end(text: str, e: int, s: int) -> int:
    """Drop a sentence's final stop (a stop inside a closing quote stays)."""
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s and text[e - 1] == ")" and text.rfind("(", s, e) < 0:
        e -= 1  # "(She says the plan will fail.)": the closing bracket is the story's
    if e > s and text[e - 1] in ".;:":
        e -= 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
        e -= 1
    return e


_AFTER_CUE_TAIL = frozenset(
    {
        "in",
        "on",
        "at",
        "during",
        "after",
        "before",
        "while",
        "as",
        "when",
        "of",
        "about",
        "to",
        "from",
        "with",
        "via",
        "through",
        "over",
        "last",
        "this",
        "earlier",
        "later",
        "late",
        "early",
        "shortly",
        "recently",
        "afterward",
        "then",
    }
)


def _last_boundary(m: str, lo: int, hi: int) -> tuple[int, str]:
    """Offset just after the last clause boundary in ``m[lo:hi]`` (``lo`` if none)."""
    pos, char = lo, ""
    for b in _LEFT_BOUNDARY.finditer(m, lo, hi):
        pos, char = b.end(), b.group()
    return pos, char


def _first_word(s: str) -> str:
    m = _WORDS.search(s, 0, 40)
    return m.group().lower() if m else ""


def _capitalised(word: str) -> bool:
    """A name-like word: "Marri", "al-Marri", "O'Neill", "McDonald"."""
    return word[0].isupper() or any(part[:1].isupper() for part in word.split("-")[1:])
