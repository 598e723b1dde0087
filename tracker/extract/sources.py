"""Who a claim is attributed to: the kind of a source mention, and which earlier source a
later mention ("the official", "Khulaifi", "he") refers to within one story."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from tracker.extract.lexicon import (
    ANONYMITY_MARKERS,
    ANONYMOUS_NOUNS,
    DOCUMENT_NOUNS,
    ORGANIZATION_NOUNS,
    PLURAL_QUANTIFIERS,
    PRONOUN_SOURCES,
    ROLE_NOUNS,
    SINGLE_QUANTIFIERS,
)
from tracker.vocab import SourceKind

_CORE_END = re.compile(
    r",|\s(?:who|which|that|of|for|at|from|with|in|on|to|by|briefed|familiar|close|"
    r"speaking|involved|knowledgeable|told|said|published|released|issued|obtained|seen|"
    r"reviewed|filed|posted|written|commissioned|prepared|conducted|compiled|produced|sent|"
    r"signed|made|last|this|taken)(?:\s|$)"
)
_WORD = re.compile(r"[A-Za-z][\w'’.-]*")
_TITLES = frozenset(
    {
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "sen",
        "sen.",
        "rep",
        "rep.",
        "gov",
        "gov.",
        "gen",
        "gen.",
        "president",
        "senator",
        "governor",
        "minister",
        "secretary",
        "prime",
        "former",
        "vice",
        "chief",
        "judge",
        "justice",
        "lt.",
        "col.",
        "sgt.",
        "capt.",
        "adm.",
        "state",
        "general",
        "attorney",
        "candidate",
        "gop",
        "democratic",
        "republican",
        "the",
        "a",
        "an",
        "u.s.",
        "said",
        "speaker",
        "leader",
        "chairman",
        "chairwoman",
        "representative",
        "mayor",
        "ambassador",
        "commissioner",
        "director",
        "professor",
        "prof.",
        "rev.",
        "pope",
        "king",
        "queen",
        "prince",
        "sheikh",
        "al",
        "el",
        "de",
        "la",
        "van",
        "von",
        "bin",
    }
)
_DETERMINERS = frozenset(
    {
        "a",
        "an",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "several",
        "some",
        "many",
        "other",
        "another",
        "multiple",
        "few",
        "numerous",
        "various",
        "both",
        "most",
        "more",
        "dozens",
        "senior",
        "top",
    }
)
_NAME_AT_END = re.compile(r"([A-Z][a-z'’-]+\.?)\s+([A-Z][\w'’.-]+)\s*$")
_ACRONYM = re.compile(r"^[A-Z][A-Z.&]{1,}$")


@dataclass(slots=True)
class Entity:
    """One source in a story, as first named, with what later mentions can match on."""

    key: int
    canonical: str
    kind: SourceKind
    plural: bool
    head: str = ""
    names: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    # "m" or "f" once a title, a noun or a pronoun has told; "" while unknown.
    gender: str = ""


_POLL_SHARE = re.compile(r"^(?:[\w-]+\s+){0,3}?[\w-]+\s+(?:in (?:10|ten)|percent|per cent)\b")


_MALE_WORDS = frozenset(
    "mr mr. man men spokesman chairman congressman businessman father son brother "
    "husband king prince uncle nephew grandfather boy widower councilman".split()
)
_FEMALE_WORDS = frozenset(
    "mrs mrs. ms ms. miss woman women spokeswoman chairwoman congresswoman "
    "businesswoman mother daughter sister wife queen princess aunt niece grandmother girl "
    "widow actress councilwoman".split()
)
_PRONOUN_GENDER = {"he": "m", "she": "f"}


def _gender(mention: str) -> str:
    """ "m" or "f" when a word of the mention, or of its first appositive, says so
    ("Mrs. Ruiz", "a spokeswoman", "Ana Ruiz, a spokeswoman for the port")."""
    for part in mention.split(",")[:2]:
        words = {w.lower() for w in _WORD.findall(_core(part.strip()))}
        male, female = bool(words & _MALE_WORDS), bool(words & _FEMALE_WORDS)
        if male != female:
            return "m" if male else "f"
    return ""


@lru_cache(maxsize=4096)
def _core(mention: str) -> str:
    m = _CORE_END.search(mention)
    return mention[: m.start()] if m else mention


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _ends_with_name(zone: str) -> bool:
    m = _NAME_AT_END.search(zone)
    if m is None:
        return False
    first, second = m.group(1).lower(), m.group(2).lower().rstrip(".")
    return (
        first not in _TITLES
        and second not in ORGANIZATION_NOUNS
        and first not in (ORGANIZATION_NOUNS)
    )


_SOME_OF = re.compile("(" + "|".join(PLURAL_QUANTIFIERS + SINGLE_QUANTIFIERS) + r")\b")


@lru_cache(maxsize=4096)
def classify(mention: str) -> tuple[SourceKind, bool]:
    """The kind of a source mention and whether it names several people or a body."""
    low = mention.lower()
    if _POLL_SHARE.search(low):
        return SourceKind.ANONYMOUS, True  # "six in 10 respondents", "41 percent of voters"
    core = _core(mention).strip()
    words = _WORD.findall(core)
    if not words:
        return SourceKind.NAMED, False
    part = _SOME_OF.match(low)
    if part is not None and (len(words) == 1 or " of " in low):
        # "Another said", "one of the drivers", "two of his aides": unnamed members
        return SourceKind.ANONYMOUS, part.group(1) not in SINGLE_QUANTIFIERS
    lw = [w.lower() for w in words]
    head = lw[-1].rstrip(".").removesuffix("'s").removesuffix("’s")
    first = lw[0]
    plural = (
        head.endswith("s")
        and not head.endswith("ss")
        and (not words[-1][0].isupper() or head in ANONYMOUS_NOUNS or head in ROLE_NOUNS)
    )
    indefinite = first in _DETERMINERS
    if first in ("the", "a", "an") and head in DOCUMENT_NOUNS:
        return SourceKind.DOCUMENT, plural
    if any(marker in low for marker in ANONYMITY_MARKERS) and head in ANONYMOUS_NOUNS:
        return SourceKind.ANONYMOUS, plural
    if (head in ORGANIZATION_NOUNS and head not in ROLE_NOUNS) or _ACRONYM.match(words[-1]):
        return SourceKind.ORGANIZATION, True
    comma = mention.find(",")
    appos = mention[comma + 1 :].strip() if comma >= 0 else ""
    if _ends_with_name(core) or (
        appos and _ends_with_name(_core(appos) if _core(appos) else appos)
    ):
        return SourceKind.NAMED, False
    if head in ANONYMOUS_NOUNS:
        return SourceKind.ANONYMOUS, plural or (indefinite and first not in ("a", "an", "one"))
    if head in ROLE_NOUNS:
        if indefinite or plural:
            return SourceKind.ANONYMOUS, plural
        return SourceKind.NAMED, False
    if head in DOCUMENT_NOUNS:
        return SourceKind.DOCUMENT, plural
    if words[-1][0].isupper():
        return SourceKind.NAMED, False
    if indefinite or plural:
        return SourceKind.ANONYMOUS, plural
    return SourceKind.NAMED, False


@lru_cache(maxsize=4096)
def _name_tokens(mention: str) -> frozenset[str]:
    core = _core(mention)
    out: set[str] = set()
    for w in _WORD.findall(core):
        if not (w[0].isupper() or any(p[:1].isupper() for p in w.split("-")[1:])):
            continue
        lw = w.lower().rstrip(".").removesuffix("'s").removesuffix("’s")
        if lw in _TITLES:
            continue
        out.add(lw)
        for part in lw.split("-"):
            if part and part not in _TITLES:
                out.add(part)
    return frozenset(out)


def _agree(kind: SourceKind, plural: bool, ent: Entity) -> bool:
    """Whether a definite mention can refer back to an entity by number: "the official" is
    not the "Officials" who spoke before (a body, plural or not, may be either)."""
    if SourceKind.ORGANIZATION in (kind, ent.kind):
        return True
    return ent.plural == plural


class SourceBook:
    """The sources of one story, resolving each mention to an entity key."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        # Entity keys by last use, most recent last; each key once.
        self._recent: dict[int, None] = {}
        self._exact: dict[str, Entity] = {}

    def _touch(self, ent: Entity) -> Entity:
        self._recent.pop(ent.key, None)
        self._recent[ent.key] = None
        return ent

    def _new(self, mention: str, kind: SourceKind, plural: bool) -> Entity:
        ent = Entity(len(self.entities), mention, kind, plural)
        ent.names = (
            set(_name_tokens(mention))
            if kind in (SourceKind.NAMED, SourceKind.ORGANIZATION)
            else set()
        )
        ent.words = {_singular(w.lower()) for w in _WORD.findall(mention)}
        core_words = _WORD.findall(_core(mention))
        ent.head = _singular(core_words[-1].lower()) if core_words else ""
        ent.gender = _PRONOUN_GENDER.get(mention.lower(), "") or _gender(mention)
        self.entities.append(ent)
        self._exact.setdefault(mention.lower(), ent)
        return self._touch(ent)

    def _latest(
        self, want: tuple[SourceKind, ...], plural: bool | None, gender: str = ""
    ) -> Entity | None:
        for key in list(reversed(self._recent))[:12]:
            ent = self.entities[key]
            if ent.kind in want and (plural is None or ent.plural == plural):
                if gender and ent.gender and ent.gender != gender:
                    continue  # "she" after "Mr. Ruiz": someone else
                return ent
        return None

    def rename(self, ent: Entity, name: str) -> None:
        """Give an entity a better canonical name (kept findable by exact mention)."""
        ent.canonical = name
        self._exact.setdefault(name.lower(), ent)

    def outlet(self, name: str) -> Entity:
        """The story's own voice, one entity per story."""
        for ent in self.entities:
            if ent.kind is SourceKind.OUTLET:
                return ent
        ent = Entity(len(self.entities), name, SourceKind.OUTLET, True)
        self.entities.append(ent)
        return ent

    def resolve(self, mention: str) -> Entity:
        """The entity a mention refers to, creating one for a new source."""
        text = mention.strip()
        low = text.lower()
        pron = PRONOUN_SOURCES.get(low)
        if pron is not None:
            if pron == "person":
                gender = _PRONOUN_GENDER.get(low, "")
                ent = self._latest((SourceKind.NAMED, SourceKind.ANONYMOUS), False, gender)
                if ent is not None and gender and not ent.gender:
                    ent.gender = gender  # the story has told us
            elif pron == "plural":
                ent = self._latest((SourceKind.ORGANIZATION, SourceKind.ANONYMOUS), True)
                if ent is None:
                    ent = self._latest((SourceKind.ORGANIZATION, SourceKind.ANONYMOUS), None)
                if ent is None:
                    # "Reyes and her husband ... They said": a pair named together; one
                    # person alone is not "they".
                    ent = self._latest((SourceKind.NAMED,), None)
                    if ent is not None and " and " not in ent.canonical:
                        ent = None
            else:
                ent = self._latest((SourceKind.ORGANIZATION, SourceKind.DOCUMENT), None)
            if ent is not None:
                return self._touch(ent)
            # A pronoun nobody earlier answers to is no name: "he" stays an unnamed person.
            kind = SourceKind.ORGANIZATION if pron == "thing" else SourceKind.ANONYMOUS
            return self._new(text, kind, pron == "plural")
        same = self._exact.get(low)
        if same is not None:
            return self._touch(same)
        kind, plural = classify(text)
        words = _WORD.findall(_core(text))
        first = words[0].lower() if words else ""
        if kind in (SourceKind.NAMED, SourceKind.ORGANIZATION) and " and " not in _core(text):
            # ("Mills and Clinton" together are neither of them alone.)
            names = _name_tokens(text)
            if names:
                last = sorted(names, key=lambda n: text.lower().rfind(n))[-1]
                for key in reversed(self._recent):
                    ent = self.entities[key]
                    if ent.kind in (SourceKind.NAMED, SourceKind.ORGANIZATION) and (
                        last in ent.names
                    ):
                        return self._touch(ent)
        if first == "the" or (
            words
            and words[0][0].isupper()
            and kind is SourceKind.ANONYMOUS
            and first not in _DETERMINERS
        ):
            # "the official", "the ministry", "the report": the latest source with that noun
            # ("A senior official", "Another official": someone new).
            head = _singular(words[-1].lower()) if words else ""
            if head:
                for key in reversed(self._recent):
                    ent = self.entities[key]
                    if not _agree(kind, plural, ent):
                        continue
                    if head == ent.head and ent.kind is not SourceKind.OUTLET:
                        canon = ent.canonical.lower()
                        if len(canon.split()) == 1 and canon in low and len(low) > len(canon):
                            ent.canonical = text
                            self._exact.setdefault(low, ent)
                        return self._touch(ent)
                for key in reversed(self._recent):
                    ent = self.entities[key]
                    if not _agree(kind, plural, ent):
                        continue
                    if kind is SourceKind.ORGANIZATION and ent.kind is not SourceKind.ORGANIZATION:
                        continue  # "the ministry" is not "An official at the ministry"
                    if head in ent.words and ent.kind is not SourceKind.OUTLET:
                        if ent.kind is SourceKind.DOCUMENT and kind is not SourceKind.DOCUMENT:
                            continue  # "the council" is not "a leaked council budget"
                        if ent.head in ORGANIZATION_NOUNS and ent.head != head:
                            continue  # "the bank" is not "the bank workers' union"
                        return self._touch(ent)
        return self._new(text, kind, plural)
