"""Aliases learned from the stories themselves, so "HTS" and "Hayat Tahrir al-Sham" meet.

Stories introduce names with their abbreviations ("Hayat Tahrir al-Sham (HTS)"), with
descriptions ("Syria's leading rebel faction, Hayat Tahrir al-Sham"), with titles
("Mohammed Al-Khulaifi, Minister of State at Qatar's foreign ministry") and then shorten
them ("Khulaifi"). :func:`learn_aliases` reads those patterns; :class:`AliasTable` keeps
the equivalences (per database) and rewrites every alias to one canonical form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tracker.matching.lexicon import COMMON_WORDS, MEDIUM_WORDS, STOPWORDS, TITLE_WORDS
from tracker.matching.normalize import ClaimTerms, _AliasLike, analyze, is_number, normalize_text

__all__ = ["AliasTable", "learn_aliases"]

_CONNECT = r"(?:al|el|bin|ibn|abu|de|del|da|van|von|der|of|the|for|and|&)"
_CAPWORD = r"[A-Z][\w'.&]*(?:-[\w']+)*"
_NAME = rf"{_CAPWORD}(?:[ -](?:{_CONNECT}[ -])*{_CAPWORD})*"
_ABBR = r"[A-Z][A-Za-z&.]{1,9}"

_NAME_THEN_ABBR = re.compile(rf"({_NAME})\s*\(\s*({_ABBR})\s*\)")
_ABBR_THEN_NAME = re.compile(rf"\b({_ABBR})\s*\(\s*({_NAME})\s*\)")
_DESCRIPTOR_NAME = re.compile(
    rf"(?<![\w'])((?:[A-Z][\w-]*'s|[Tt]he)(?:\s+[a-z][\w-]*){{1,5}}),\s+({_NAME})(?=\s*[,.;)]|$)"
)
_POSSESSIVE_NAME = re.compile(
    rf"(?<![\w'])([A-Z][\w-]*'s(?:\s+[a-z][\w-]*){{1,4}})\s+({_NAME})\b"
    r"(?!\s*,\s*[A-Z]|\s+and\s+[A-Z]|-)"
)
_NAME_TITLE = re.compile(
    rf"({_NAME}),\s+((?:the\s+)?[A-Z][a-z]+(?:\s+(?:[A-Z][\w'-]*|of|at|for|and|the|to|in|"
    rf"[a-z]+(?=[\w\s']*,)))*)(?=\s*,)"
)
_KNOWN_AS = re.compile(
    rf"({_NAME}),?\s+(?:also|formerly|previously|better)?\s*known as\s+(?:the\s+)?({_NAME})"
)
_PERSON = re.compile(
    r"\b([A-Z][a-z]+(?:\s+(?:(?:al|el|bin|ibn|abu|de|van|von)[ -])?[A-Z][\w']+"
    r"(?:-[A-Z][\w']+)?)+)"
)
_ACRONYM = re.compile(r"\b([A-Z]{2,6})\b")


def _initials(name: str) -> str:
    parts = re.split(r"[\s-]+", name)
    return "".join(p[0] for p in parts if p and p[0].isupper())


def _abbr_fits(abbr: str, name: str) -> bool:
    letters = [c for c in abbr if c.isalpha() and c.isupper()]
    if len(letters) < 2:
        return False
    initials = _initials(name)
    # the abbreviation's capitals must appear in order among the name's initials
    it = iter(initials)
    return all(c in it for c in letters) and initials[:1] == letters[0]


def _trim_to_abbr(name: str, abbr: str) -> str | None:
    words = name.split()
    for start in range(len(words)):
        candidate = " ".join(words[start:])
        if _abbr_fits(abbr, candidate):
            if start + 1 < len(words) and _abbr_fits(abbr, " ".join(words[start + 1 :])):
                continue
            return candidate
    return None


def _strip_particle(word: str) -> str:
    return re.sub(r"^(?:al|Al|el|El)-", "", word)


def learn_aliases(text: str) -> list[tuple[str, str]]:
    """Read the aliases a story introduces, as ``(alias, canonical)`` pairs.

    Finds abbreviations in brackets, descriptive appositives ("Syria's leading rebel
    faction, Hayat Tahrir al-Sham"), office titles after a name, "known as" clauses and
    surnames used alone after a full name. The canonical side is always the proper name.
    """
    clean = normalize_text(text)
    found: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()

    def keep(alias: str, canonical: str) -> None:
        alias = alias.strip(" ,.;")
        canonical = canonical.strip(" ,.;")
        if not alias or not canonical or alias.lower() == canonical.lower():
            return
        key = (alias, canonical)
        if key not in seen:
            seen.add(key)
            found.append(key)

    for m in _NAME_THEN_ABBR.finditer(clean):
        name = _trim_to_abbr(m.group(1), m.group(2))
        if name:
            keep(m.group(2), name)
    for m in _ABBR_THEN_NAME.finditer(clean):
        if _abbr_fits(m.group(1), m.group(2)):
            keep(m.group(1), m.group(2))
    for m in _DESCRIPTOR_NAME.finditer(clean):
        descriptor, name = m.group(1), m.group(2)
        if descriptor.lower().startswith("the ") and len(descriptor.split()) < 3:
            continue
        keep(descriptor, name)
    for m in _POSSESSIVE_NAME.finditer(clean):
        descriptor, name = m.group(1), m.group(2)
        last = descriptor.split()[-1].lower()
        if last in STOPWORDS:
            continue
        keep(descriptor, name)
    for m in _NAME_TITLE.finditer(clean):
        name, title = m.group(1), m.group(2)
        words = title.split()
        lead = words[1] if words[0].lower() == "the" and len(words) > 1 else words[0]
        if lead.lower() in TITLE_WORDS and len(name.split()) >= 2 and len(words) >= 2:
            keep(title, name)
    # An acronym and a name whose initials spell it, in the same story ("HTS" ... "Hayat
    # Tahrir al-Sham"): the story uses both for one thing.
    acronyms = {m.group(1) for m in _ACRONYM.finditer(clean)}
    if acronyms:
        for m in re.finditer(_NAME, clean):
            name = m.group(0)
            if len(name.split()) < 2:
                continue
            initials = _initials(name)
            for start in range(len(initials) - 1):
                if initials[start:] in acronyms:
                    trimmed = _trim_to_abbr(name, initials[start:])
                    if trimmed and _initials(trimmed) == initials[start:]:
                        keep(initials[start:], trimmed)
                    break
    for m in _KNOWN_AS.finditer(clean):
        keep(m.group(2), m.group(1))
    # Surnames: "Mohammed Al-Khulaifi ... Khulaifi said".
    for m in _PERSON.finditer(clean):
        full = m.group(1)
        words = full.split()
        if len(words) < 2 or len(words) > 4 or words[0].lower() in TITLE_WORDS:
            continue
        surname = _strip_particle(words[-1].split("'")[0])
        if len(surname) < 3 or surname.lower() in COMMON_WORDS or surname.lower() in STOPWORDS:
            continue
        pattern = re.compile(rf"(?<![\w-]){re.escape(surname)}(?![\w-])")
        alone = [
            s.start() for s in pattern.finditer(clean) if not (m.start() <= s.start() < m.end())
        ]
        if alone:
            keep(surname, full)
    return found


class AliasTable(_AliasLike):
    """Equivalent names, kept as groups with one canonical spelling each.

    Phrases are compared in matching's normal form, so "Syria's leading rebel faction" also
    matches "Syria's leading rebel factions". Groups merge transitively: learning
    "HTS" = "Hayat Tahrir al-Sham" and "Syria's leading rebel faction" = "Hayat Tahrir al-Sham"
    makes all three one name.
    """

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        self._parent: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._display: dict[tuple[str, ...], str] = {}
        self._names: dict[tuple[str, ...], int] = {}
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        self._pairs: list[tuple[str, str]] = []
        self.version = 0
        self.update(pairs)

    def __len__(self) -> int:
        return len(self._pairs)

    def __bool__(self) -> bool:
        return bool(self._pairs)

    def pairs(self) -> list[tuple[str, str]]:
        """Every ``(alias, canonical)`` pair added, in order (for saving)."""
        return list(self._pairs)

    def _key(self, phrase: str) -> tuple[tuple[str, ...], int] | None:
        claim = analyze(phrase)
        terms = claim.terms
        if not terms:
            return None
        if len(terms) == 1:
            t = terms[0]
            if is_number(t) or t in COMMON_WORDS or t in MEDIUM_WORDS or len(t) < 2:
                return None
        return terms, sum(1 for t in terms if t in claim.names)

    def _find(self, key: tuple[str, ...]) -> tuple[str, ...]:
        parent = self._parent
        root = key
        while parent[root] != root:
            root = parent[root]
        while parent[key] != root:
            parent[key], key = root, parent[key]
        return root

    def _rank(self, key: tuple[str, ...]) -> tuple[float, int, int, tuple[str, ...]]:
        # canonical: the most purely a name ("Iran" over "Assad's main regional ally"),
        # then the fullest name ("Hayat Tahrir al-Sham" over "HTS"), then alphabetical
        names = self._names[key]
        return (-names / len(key), -names, -len(key), key)

    def add(self, alias: str, canonical: str) -> bool:
        """Record that ``alias`` names the same thing as ``canonical``; False if unusable."""
        a = self._key(alias)
        c = self._key(canonical)
        if a is None or c is None or a[0] == c[0]:
            return False
        for (key, names), text in ((a, alias), (c, canonical)):
            if key not in self._parent:
                self._parent[key] = key
                self._display[key] = text
                self._names[key] = names
                bucket = self._by_first.setdefault(key[0], [])
                bucket.append(key)
                bucket.sort(key=len, reverse=True)
        ra, rc = self._find(a[0]), self._find(c[0])
        if ra != rc:
            winner, loser = sorted((ra, rc), key=self._rank)
            self._parent[loser] = winner
        self._pairs.append((alias, canonical))
        self.version += 1
        return True

    def update(self, pairs: Iterable[tuple[str, str]]) -> int:
        """Add many pairs; returns how many were usable."""
        return sum(1 for a, c in pairs if self.add(a, c))

    def learn(self, text: str) -> list[tuple[str, str]]:
        """Learn the aliases a story introduces (see :func:`learn_aliases`); returns them."""
        learned = [p for p in learn_aliases(text) if self.add(*p)]
        return learned

    def roots(self) -> dict[tuple[str, ...], tuple[str, ...]]:
        """Every known phrase (as terms) and the canonical terms it is rewritten to."""
        return {key: self._find(key) for key in self._parent}

    def canonical(self, phrase: str) -> str:
        """The canonical spelling of ``phrase`` (itself when it is no known alias)."""
        key = self._key(phrase)
        if key is None or key[0] not in self._parent:
            return phrase
        return self._display[self._find(key[0])]

    def canonicalize(self, claim: ClaimTerms) -> ClaimTerms:
        """Rewrite every alias in ``claim`` to its group's canonical terms."""
        if not self._by_first:
            return claim
        terms = claim.terms
        out: list[str] = []
        names = set(claim.names)
        surface = dict(claim.surface)
        changed = False
        i = 0
        while i < len(terms):
            bucket = self._by_first.get(terms[i])
            hit = None
            if bucket:
                for key in bucket:
                    if tuple(terms[i : i + len(key)]) == key:
                        hit = key
                        break
            if hit is None:
                out.append(terms[i])
                i += 1
                continue
            root = self._find(hit)
            written = " ".join(claim.surface.get(t, t) for t in hit)
            if root != hit:
                changed = True
                for t in root:
                    surface.setdefault(t, written)
                names.update(root)
            # "Syria's leading rebel faction, Hayat Tahrir al-Sham" or "... al-Sham (HTS)":
            # a name and its alias side by side say it once
            if tuple(out[-len(root) :]) != root:
                out.extend(root)
            else:
                changed = True
            i += len(hit)
        if not changed:
            return claim
        return ClaimTerms(
            terms=tuple(out),
            names=frozenset(names),
            attribution=claim.attribution,
            negations=claim.negations,
            surface=surface,
        )
