"""What a status hint's words name, and whether a claim names it or was made by it.

The status-link pass (``links.py``) asks of a hint's subject ("Qatar's foreign ministry"),
its question ("about the contacts with HTS") or its object ("the union's claim") which
claims they point to; this module reads such a phrase (its proper names, acronyms, head
nouns and topical words) and compares it with a claim's content and source.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tracker.extract.lexicon import (
    ORGANIZATION_NOUNS,
    PRONOUN_SOURCES,
    ROLE_NOUNS,
    SENTENCE_OPENERS,
)

if TYPE_CHECKING:
    from tracker.extract.claim import Span
    from tracker.extract.hints import Hint
    from tracker.extract.raw import RawClaim as _Raw


_COMMON_NOUN = re.compile(r"\b[a-z][a-z'’-]{3,}\b")
# Words too common in news to say what a sentence is about: function words, reporting and
# auxiliary verbs, quantities and times.
_NOT_TOPICAL = frozenset(
    """that this with from have been were their about which would could should other also
    said says told spokesman spokeswoman spokesperson representative representatives office
    officials there these those they them then than when where while what whether will just
    only very even still being does done made make makes into over after before since more
    most some many much such each every last next year years week weeks month months time
    times percent million billion around because against between during under without
    within across among further already again later earlier today yesterday first second
    third according people thing things number numbers part being come came went going
    take taken took give given gave back well good""".split()
)


def topic_words(s: str) -> set[str]:
    out = set()
    for w in _COMMON_NOUN.findall(s):
        w = w.removesuffix("'s").removesuffix("’s")
        if w not in _NOT_TOPICAL:
            out.add(w.rstrip("s"))
    return out


_NAME_WORD = re.compile(r"(?:(?:al|el|ad|as|bin|ibn|de|van|von)-)?[A-Z][\w'’.-]*")
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
POSSESSIVE = re.compile(r"['’]s?$")
_CONNECTORS = frozenset({"of", "and", "the", "for", "al", "el", "de", "la", "le", "van", "von"})
_NOT_NAMES = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our"}
    | {"in", "on", "at", "for", "when", "after", "asked", "but", "and", "also", "mr", "mrs"}
    | {"ms", "dr", "national", "federal", "state", "foreign", "chief", "senior", "deputy"}
)
WORD = re.compile(r"[\w'’-]+")


def _generic(word: str) -> bool:
    low = word.lower()
    return low in _NOT_NAMES or low in ORGANIZATION_NOUNS or low in ROLE_NOUNS


class Phrase:
    """What a noun phrase names: its distinctive proper words, acronyms and head nouns
    ("The ferry operator, Strand Marine": Strand, Marine and the operator)."""

    def __init__(self, s: str) -> None:
        self.names: set[str] = set()
        self.heads: list[tuple[str, str]] = []  # (head noun, the word before it)
        for part in s.split(","):
            words = [POSSESSIVE.sub("", w) for w in WORD.findall(part)]
            for i, w in enumerate(words):
                if (
                    _NAME_WORD.fullmatch(w)
                    and not _generic(w)
                    and not (i == 0 and w in SENTENCE_OPENERS)
                    and not w.isupper()
                    and w.lower() not in PRONOUN_SOURCES
                ):
                    self.names.add(w)
            if words and (words[-1].islower() or _generic(words[-1])):
                low = [w.lower() for w in words]
                if low[-1] not in PRONOUN_SOURCES and low[-1] not in _NOT_NAMES:
                    self.heads.append((low[-1], low[-2] if len(low) > 1 else ""))
        self.acronyms = set(_ACRONYM.findall(s))
        low_all = WORD.findall(s.lower())
        self.pronoun = len(low_all) == 1 and low_all[0] in PRONOUN_SOURCES
        self.topic = topic_words(s)

    def __bool__(self) -> bool:
        return bool(self.names or self.acronyms or self.heads)


def names_in(names: set[str], s: str) -> int:
    """How many of ``names`` ``s`` mentions ("Qatar" in "Qatari diplomats" too)."""
    n = 0
    for name in names:
        tail = r"\w*" if len(name) >= 4 else r"\b"
        if re.search(rf"\b{re.escape(name)}{tail}", s):
            n += 1
    return n


def acronyms_in(acronyms: set[str], s: str) -> int:
    """How many of ``acronyms`` ``s`` writes out or spells ("Hayat Tahrir al-Sham": HTS)."""
    n = 0
    words = [w.strip(',.;:"“”()') for w in s.split()]
    for acr in acronyms:
        if re.search(rf"\b{acr}\b", s):
            n += 1
            continue
        for i in range(len(words)):
            got = ""
            for w in words[i:]:
                caps = "".join(part[0] for part in w.split("-") if part[:1].isupper())
                if caps:
                    got += caps
                elif w.lower() not in _CONNECTORS:
                    break
                if len(got) >= len(acr):
                    break
            if got == acr:
                n += 1
                break
    return n


def names_phrase(p: Phrase, s: str) -> bool:
    """Whether ``s`` names what ``p`` names: a proper word of it, or a head noun with its
    modifier or an article ("the operator's fuel bill" for "the ferry operator")."""
    if names_in(p.names, s) or acronyms_in(p.acronyms, s):
        return True
    for head, modifier in p.heads:
        mods = "the|its|their" + (f"|{re.escape(modifier)}" if modifier.isalpha() else "")
        pattern = rf"\b(?:{mods})\s+(?:[\w'’-]+\s+){{0,2}}?{re.escape(head)}\b"
        if re.search(pattern, s, re.IGNORECASE) is not None:
            return True
    return False


def _same_word(a: str, b: str) -> bool:
    """The same word, or one a longer form of the other ("audit", "auditors")."""
    a, b = a.rstrip("s"), b.rstrip("s")
    return a == b or (min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a)))


def source_is(raw: _Raw, p: Phrase, *, loose: bool = False) -> bool:
    """Whether ``raw`` is attributed to what ``p`` names: one of its names, or its head
    noun as the head of the source or of an appositive ("the maker" for "The vaccine's
    maker, Halden Biologics"); ``loose``, anywhere in the source ("the auditors" for "the
    regional audit office")."""
    if raw.outlet:
        return False
    for s in (raw.source, raw.mention or ""):
        if (p.names or p.acronyms) and (names_in(p.names, s) or acronyms_in(p.acronyms, s)):
            return True
        for part in s.lower().split(","):
            words = [POSSESSIVE.sub("", w) for w in WORD.findall(part)]
            words = [w for w in words if w not in _NOT_NAMES and w not in _NOT_TOPICAL]
            if not loose:
                words = words[-1:]
            if any(_same_word(w, h) for w in words for h, _ in p.heads):
                return True
    return False


def content_of(text: str, raw: _Raw) -> str:
    return text[raw.content[0] : raw.content[1]]


def in_unit(raw: _Raw, unit: Span) -> bool:
    us, ue = unit
    return us <= raw.unit[0] < ue or raw.unit[0] <= us < raw.unit[1]


def claims_before(raws: list[_Raw], idx: int, hpara: int, paras: int) -> list[int]:
    """Indices of the attributed claims before ``idx`` within ``paras`` paragraphs, latest
    first; a participle going on from a claim ("..., saying ...") is not one of its own."""
    out = []
    for i in range(min(idx, len(raws)) - 1, -1, -1):
        r = raws[i]
        if hpara - r.para > paras:
            break
        if not r.outlet and not (r.inherit and r.cue_span is not None):
            out.append(i)
    return out


def hint_subject(text: str, hint: Hint) -> Phrase:
    """What the hint's clause is about: the words before its verb ("Qatar's foreign
    ministry" in "Qatar's foreign ministry did not immediately respond")."""
    lo = hint.clause if hint.clause >= 0 else hint.start
    s = text[lo : hint.start]
    s = re.sub(r"^\W*(?:(?:[Aa]nd|[Bb]ut|[Ss]till|[Hh]owever|[Ii]n a statement)\b\W*)*", "", s)
    s = re.sub(r"^(?:[Nn]o one|[Nn]obody|[Nn]o-one)\s+(?:at|from|for)\s+", "", s)  # "No one at X"
    s = re.sub(r"\s+(?:also|has|have|had|had also|immediately|so far|yet)\s*$", "", s)
    s = re.sub(r",\s+(?:who|which|whose|where)\b[^,]*(?:,|$)", ",", s)  # a relative clause
    return Phrase(s.strip(" ,"))
