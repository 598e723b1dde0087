"""Who "her" or "his" means in a hint's subject ("Her office did not comment", "His
spokesman did not respond to a request for comment").

The status-link pass needs the person, not the office: the hint qualifies claims about that
person or made by them. A reader takes the last person named whose gender agrees with the
pronoun; the story tells the gender by a pronoun that follows the name in its sentence
("Tom Reyes voted ... on land owned by his brother-in-law"), by a title ("Ms Berg") or by a
"he"/"she" source the story resolved to the person. Failing any agreeing person, the last
person with an office (a title or a role: "Mayor Jonas Kvist", "lawmaker Per Aune") whose
gender the story never told; a group misread as a name ("Tide Watch") has no office.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tracker.extract.lexicon import ORGANIZATION_NOUNS, ROLE_NOUNS, SENTENCE_OPENERS
from tracker.vocab import SourceKind

if TYPE_CHECKING:
    from tracker.extract.raw import RawClaim

# "Her office", "His spokesman", "her lawyers": a possessive pronoun and the person's people.
_POSSESSIVE_SUBJECT = re.compile(r"\W*(?:[Aa]nd\s+|[Bb]ut\s+)?([Hh]is|[Hh]er)\s+[a-z]")
_GENDER_OF = {"his": "m", "her": "f", "he": "m", "him": "m", "she": "f", "hers": "f"}
_TITLE_GENDER = {"mr": "m", "mr.": "m", "ms": "f", "ms.": "f", "mrs": "f", "mrs.": "f"}
# A capitalised run (a name, perhaps with titles before it), a personal pronoun, or the end
# of a sentence; pronouns first so that a capitalised "Her" is read as one.
_TOKEN = re.compile(
    r"(?P<pron>\b(?i:he|his|him|she|her|hers)\b)"
    r"|(?P<name>\b[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*))*)"
    r"|(?P<stop>[.!?][\"”’]?\s|\n)"
)
_POSSESSIVE_END = re.compile(r"['’]s?$")
# Those who have an office or a spokesman: a role or a title before or in the name.
_OFFICE = ROLE_NOUNS | frozenset(
    """councillor councilor councilwoman councilman lawmaker legislator mp executive official
    officer politician deputy magistrate commander chairperson mr mr. ms ms. mrs mrs. dr dr.
    sen. rep. gov.""".split()
)
_ROLE_WINDOW = 40  # characters before a name where its role is written


def possessive_pronoun(subject: str) -> str:
    """ "m" or "f" when a hint's subject is "his ..." or "her ..."; "" otherwise."""
    m = _POSSESSIVE_SUBJECT.match(subject)
    return "" if m is None else _GENDER_OF[m.group(1).lower()]


def _surname(run: str) -> str:
    """The word a later mention would use for the person a capitalised run names (its
    last word), or "" when the run names no one (an opener, an organisation, a title)."""
    words = [_POSSESSIVE_END.sub("", w).rstrip(".") for w in run.split()]
    while words and words[0] in SENTENCE_OPENERS:
        words = words[1:]
    if not words:
        return ""
    last = words[-1]
    low = last.lower()
    if low in ORGANIZATION_NOUNS or low in ROLE_NOUNS or low in _TITLE_GENDER or len(last) < 2:
        return ""
    return last


def _has_office(words: str) -> bool:
    return any(w.strip(",.;:'’\"“”").lower() in _OFFICE for w in words.split())


def _mentions(
    text: str, end: int, people: set[str], office: set[str]
) -> tuple[list[tuple[int, str]], dict[str, str]]:
    """The names in ``text[:end]`` in order (position, surname) and the gender the story
    gives each: a pronoun goes to the last name before it in its sentence. A lone
    capitalised word opening a sentence ("Police said he ...") is a name only when the
    story uses it as one elsewhere."""
    found: list[tuple[int, str]] = []
    gender: dict[str, str] = {}
    known = set(people)
    last = ""
    opening = True
    for m in _TOKEN.finditer(text, 0, end):
        if m.group("stop") is not None:
            last, opening = "", True
            continue
        first, opening = opening, False
        if m.group("pron") is not None:
            if last and last not in gender:
                gender[last] = _GENDER_OF[m.group("pron").lower()]
            continue
        run = m.group("name")
        name = _surname(run)
        if not name:
            continue
        if first and " " not in run and name not in known:
            continue
        known.add(name)
        title = _TITLE_GENDER.get(run.split()[0].lower())
        if title is not None:
            gender.setdefault(name, title)
        found.append((m.start(), name))
        if _has_office(text[max(0, m.start() - _ROLE_WINDOW) : m.end()]):
            office.add(name)
        last = name
    return found, gender


def person_meant(
    text: str,
    raws: list[RawClaim],
    before: int,
    want: str,
    *,
    speaker: bool = False,
    agreeing: bool = False,
) -> str:
    """The surname of the person "his"/"her" (``want`` "m"/"f") at ``before`` refers to,
    or "" when the story names no one it could be. With ``speaker`` ("his figure", "her
    remarks": something the person said) anyone quoted whose gender the story never told
    will do, office or not; with ``agreeing`` only a person whose gender the story told."""
    people: set[str] = set()
    office: set[str] = set()
    told: dict[str, str] = {}
    for r in raws:
        if r.outlet or r.kind is not SourceKind.NAMED or not r.source:
            continue
        name = _surname(r.source.split(",")[0])
        if not name:
            continue
        people.add(name)
        if _has_office(r.source):
            office.add(name)
        said = (r.mention or "").strip().lower()
        if said in ("he", "she") and r.unit[0] < before:
            told.setdefault(name, _GENDER_OF[said])
    found, gender = _mentions(text, before, people, office)
    for name, g in told.items():
        gender.setdefault(name, g)
    for _, name in reversed(found):
        if gender.get(name) == want:
            return name
    if agreeing:
        return ""
    for _, name in reversed(found):
        if name in people and (speaker or name in office) and name not in gender:
            return name
    return ""


def looks_like_person(text: str, raws: list[RawClaim], before: int, name: str) -> bool:
    """Whether the story treats ``name`` as a person before ``before``: a pronoun, a title
    or a role goes with it ("Brodway Bakeries" has none; "Councillor Tom Reyes" has)."""
    office: set[str] = set()
    _, gender = _mentions(text, before, set(), office)
    return name in gender or name in office
