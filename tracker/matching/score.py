"""Claim-to-claim scores: are two sentences the same claim, a conflicting one, or neither?

The lexical score (0..100, symmetric) is IDF-weighted term overlap, blended from coverage
of the shorter claim and of both (Dice), scaled by a rapidfuzz ratio over the content terms
in order, then discounted when the two disagree on a number, a date, a name or a negation.
With a sentence embedding model, the score a :class:`Matcher` gives blends it with the
cosine of the two claims' vectors (:mod:`.hybrid`). The same disagreements, found between
two claims that otherwise describe one event (in words, and in meaning when a model is
loaded), make a ``conflict`` match (see :func:`classify`).
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from tracker.matching import hybrid
from tracker.matching.aliases import AliasTable
from tracker.matching.normalize import ATTRIBUTION_FACTOR, ClaimTerms, analyze, is_date, is_number
from tracker.matching.thresholds import (
    CONFLICT_THRESHOLD,
    LINK_THRESHOLD,
    SAME_THRESHOLD,
    SUGGEST_THRESHOLD,
)
from tracker.matching.weights import IdfTable, prior_weight
from tracker.vocab import MatchKind, MatchState

if TYPE_CHECKING:
    import numpy as np

    from tracker.matching.embedding import Encoder

__all__ = [
    "CONFLICT_THRESHOLD",
    "LINK_THRESHOLD",
    "SAME_THRESHOLD",
    "SUGGEST_THRESHOLD",
    "Disagreement",
    "Explanation",
    "Matcher",
    "Profile",
    "classify",
    "decide",
    "default_matcher",
    "explain",
    "same_claim",
    "similarity",
]

# Blend of the two overlap views: coverage of the shorter claim, and Dice over both.
_COVER = 0.4
_DICE = 0.6
# How much the word-order ratio can take away from the overlap score.
_ORDER = 0.25
# Names identify a claim more than other words of the same rarity.
_NAME_BOOST = 1.4
# Discounts (fractions of the score) for disagreements between otherwise similar claims.
_NUMBER_PENALTY = 0.45
_DATE_PENALTY = 0.3
_NAME_PENALTY = 0.45
_NEGATION_PENALTY = 0.55
# Shared content words a conflict needs around its disagreement (see _same_event).
_EVENT_SUPPORT = 3
_NAME_SUPPORT = 4
# Terms that say opposite things about one event (after stemming and synonyms).
_OPPOSITES: tuple[tuple[str, str], ...] = (
    ("rise", "fall"),
    ("win", "lose"),
    ("open", "clos"),
    ("rise", "cut"),
    ("rise", "loss"),
    ("guilty", "innocent"),
    ("acquit", "convict"),
    ("ban", "allow"),
)


@dataclass(frozen=True, slots=True)
class Profile:
    """A claim weighted and ready to score: what :meth:`Matcher.score` compares."""

    claim: ClaimTerms
    terms: frozenset[str]
    weights: dict[str, float]
    total: float
    text: str
    numbers: frozenset[str]
    dates: frozenset[str]
    names: frozenset[str]
    negated: bool
    polar: frozenset[str] = frozenset()
    repeats: dict[str, int] = field(default_factory=dict)
    units: dict[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Disagreement:
    """One fact on which two claims differ: ``kind`` is number, date, name or negation."""

    kind: str
    a: tuple[str, ...]
    b: tuple[str, ...]

    def __str__(self) -> str:
        left = ", ".join(self.a) or "-"
        right = ", ".join(self.b) or "-"
        return f"{self.kind}: {left} vs {right}"


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why two claims scored as they did, in words a reviewer can check in a second.

    ``aligned`` are the words both claims share (as claim A wrote them, "A/B" when claim B
    wrote them differently, e.g. "HTS/Hayat"); ``only_a`` and ``only_b`` the content words
    one has and the other lacks; ``disagreements`` the numbers, dates, names or negation
    they differ on; ``score`` the similarity, ``event_score`` the similarity with the
    disagreeing facts left out.
    """

    score: float
    event_score: float
    aligned: tuple[str, ...] = ()
    only_a: tuple[str, ...] = ()
    only_b: tuple[str, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    kind: MatchKind | None = None
    components: dict[str, float] = field(default_factory=dict)
    cosine: float | None = None
    lexical: float | None = None

    def summary(self) -> str:
        """One line: the score, what the meaning and the wording gave, what aligned and
        what disagreed."""
        parts = [f"score {self.score:.0f}"]
        if self.kind is not None:
            parts[0] += f" ({self.kind.value})"
        if self.cosine is not None:
            parts.append(f"meaning {self.cosine:.2f} (embedding cosine)")
            if self.lexical is not None:
                parts.append(f"wording {self.lexical:.0f}")
        if self.aligned:
            parts.append("aligned: " + ", ".join(self.aligned))
        if self.disagreements:
            parts.append("disagree on " + "; ".join(str(d) for d in self.disagreements))
        if self.only_a:
            parts.append("only in A: " + ", ".join(self.only_a))
        if self.only_b:
            parts.append("only in B: " + ", ".join(self.only_b))
        return " | ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly form, as stored with a match."""
        return {
            "score": round(self.score, 2),
            "event_score": round(self.event_score, 2),
            "kind": self.kind.value if self.kind else None,
            "cosine": None if self.cosine is None else round(self.cosine, 4),
            "lexical": None if self.lexical is None else round(self.lexical, 2),
            "aligned": list(self.aligned),
            "only_a": list(self.only_a),
            "only_b": list(self.only_b),
            "disagreements": [
                {"kind": d.kind, "a": list(d.a), "b": list(d.b)} for d in self.disagreements
            ],
            "summary": self.summary(),
        }


def decide(
    kind: MatchKind | None,
    score: float,
    *,
    link: float = LINK_THRESHOLD,
    suggest: float = SUGGEST_THRESHOLD,
) -> MatchState | None:
    """The state a new match starts in: linked above ``link``, suggested above ``suggest``.

    Conflicts are never linked automatically: a reviewer must see them.
    """
    if kind is None or score < suggest:
        return None
    if kind is MatchKind.SAME and score >= link:
        return MatchState.LINKED
    return MatchState.SUGGESTED


class Matcher:
    """Scores claims with a given alias table and IDF table, caching what it has read.

    The module-level functions use a shared default matcher (built-in word weights, no
    aliases). A database keeps its own, with the aliases its stories taught it and an IDF
    table over its claims. With ``embeddings`` (the default) scores blend the sentence
    embedding model's cosine with the lexical evidence (:mod:`.hybrid`) whenever the model
    can be loaded; without a model they are the lexical engine's alone.
    """

    def __init__(
        self,
        aliases: AliasTable | None = None,
        idf: IdfTable | None = None,
        *,
        cache_size: int = 50_000,
        embeddings: bool = True,
    ) -> None:
        self.aliases = aliases
        self.idf = idf
        self.embeddings = embeddings
        self._cache: OrderedDict[str, Profile] = OrderedDict()
        self._vectors: OrderedDict[str, Any] = OrderedDict()
        self._cache_size = cache_size
        self._stamp = self._version()
        self._weight: Callable[[str], float] = idf.weight if idf is not None else prior_weight

    def _version(self) -> tuple[int, int]:
        return (
            self.aliases.version if self.aliases is not None else -1,
            self.idf.version if self.idf is not None else -1,
        )

    def analyze(self, text: str) -> ClaimTerms:
        """Read ``text`` with this matcher's aliases."""
        return analyze(text, self.aliases)

    def profile(self, text: str) -> Profile:
        """The weighted form of ``text`` (cached)."""
        stamp = self._version()
        if stamp != self._stamp:
            self._cache.clear()
            self._stamp = stamp
        cache = self._cache
        hit = cache.get(text)
        if hit is not None:
            return hit
        prof = self.profile_terms(self.analyze(text))
        cache[text] = prof
        if len(cache) > self._cache_size:
            cache.popitem(last=False)
        return prof

    def holds(self, count: int) -> bool:
        """Whether this matcher's cache keeps the profiles of ``count`` texts."""
        return count <= self._cache_size

    def profile_terms(self, claim: ClaimTerms) -> Profile:
        """Weigh an already analysed claim."""
        weight = self._weight
        weights: dict[str, float] = {}
        attribution, names = claim.attribution, claim.names
        for t in claim.terms:
            if t not in weights:
                w = weight(t)
                if t in attribution:
                    w *= ATTRIBUTION_FACTOR
                elif t in names:
                    w *= _NAME_BOOST
                weights[t] = w
        content = " ".join(t for t in claim.terms if t not in attribution)
        terms = frozenset(weights)
        repeats: dict[str, int] = {}
        if len(terms) < len(claim.terms):
            for t in claim.terms:
                repeats[t] = repeats.get(t, 0) + 1
            repeats = {t: k for t, k in repeats.items() if k > 1}
        numbers = frozenset(t for t in terms if is_number(t))
        return Profile(
            claim=claim,
            terms=terms,
            weights=weights,
            total=math.fsum(weights.values()),
            text=content,
            numbers=numbers,
            dates=frozenset(t for t in terms if is_date(t) and not is_number(t)),
            names=(claim.names & terms) - claim.attribution,
            negated=claim.negated,
            polar=terms & _POLAR_TERMS,
            repeats=repeats,
            units=_units(claim, numbers) if numbers else {},
        )

    # -- meaning ---------------------------------------------------------------------------

    @property
    def encoder(self) -> Encoder | None:
        """The sentence embedding model, or ``None`` (embeddings off, or no model loads)."""
        if not self.embeddings:
            return None
        from tracker.matching.embedding import get_encoder

        return get_encoder()

    def vectors(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray | None:
        """The sentence vectors of ``texts`` (rows in order; each text encoded once and
        cached), or ``None`` without a model."""
        encoder = self.encoder
        if encoder is None:
            return None
        import numpy as np

        cache = self._vectors
        found: dict[str, Any] = {}
        missing: list[str] = []
        for t in dict.fromkeys(texts):
            hit = cache.get(t)
            if hit is None:
                missing.append(t)
            else:
                found[t] = hit
        if missing:
            fresh = encoder.encode(missing, batch_size=batch_size)
            for t, row in zip(missing, fresh, strict=True):
                found[t] = row
                cache[t] = row
            while len(cache) > self._cache_size:
                cache.popitem(last=False)
        if not texts:
            return np.zeros((0, encoder.dim), dtype=np.float32)
        return np.stack([found[t] for t in texts])

    def cosine(self, a: str, b: str) -> float | None:
        """The cosine of two texts' sentence vectors, or ``None`` without a model."""
        vectors = self.vectors([a, b])
        return None if vectors is None else float(vectors[0] @ vectors[1])

    # -- scoring ---------------------------------------------------------------------------

    def score(self, x: Profile, y: Profile) -> float:
        """Lexical similarity of two profiles, 0..100 (symmetric)."""
        return _score(x, y)

    def lexical(self, a: str, b: str) -> float:
        """The lexical engine's similarity of two texts, 0..100, whatever the model."""
        return _score(self.profile(a), self.profile(b))

    def similarity(self, a: str, b: str, *, cosine: float | None = None) -> float:
        """Similarity of two claims' texts, 0..100 (symmetric).

        Hybrid when a model is loaded (``cosine`` may be given, say from stored vectors),
        else lexical.
        """
        x, y = self.profile(a), self.profile(b)
        if x.total <= 0.0 or y.total <= 0.0:
            return 0.0
        if cosine is None:
            cosine = self.cosine(a, b)
        if cosine is None:
            return _score(x, y)
        return _verdict(x, y, cosine, (a, b)).score

    def same_claim(self, a: str, b: str, threshold: float = SAME_THRESHOLD) -> bool:
        """Whether two texts state the same claim (similarity at or above ``threshold``)."""
        return self.similarity(a, b) >= threshold

    def explain(self, a: str, b: str) -> Explanation:
        """What aligned and what disagreed between two claims."""
        return self.classify(a, b)[2]

    def classify(
        self,
        a: str,
        b: str,
        *,
        suggest: float = SUGGEST_THRESHOLD,
        conflict: float = CONFLICT_THRESHOLD,
        cosine: float | None = None,
    ) -> tuple[MatchKind | None, float, Explanation]:
        """``(kind, score, explanation)``: ``same``, ``conflict`` or ``None`` (no match).

        A conflict is two claims whose event agrees (``event_score`` at or above
        ``conflict``, and with a model, a cosine of at least ``hybrid.CONFLICT_COSINE``)
        while a number, date, name or negation disagrees; its score is the event score.
        Otherwise the pair is ``same`` when its similarity reaches ``suggest``. ``cosine``
        may be given (from stored vectors); else the model computes it, if there is one.
        """
        if cosine is None:
            cosine = self.cosine(a, b)
        return classify_profiles(
            self.profile(a),
            self.profile(b),
            suggest=suggest,
            conflict=conflict,
            cosine=cosine,
            texts=(a, b),
        )


def _overlap(x: Profile, y: Profile, drop: frozenset[str] = frozenset()) -> float:
    xw, yw = x.weights, y.weights
    if drop:
        shared = (x.terms & y.terms) - drop
        xt = x.total - math.fsum(xw[t] for t in drop if t in xw)
        yt = y.total - math.fsum(yw[t] for t in drop if t in yw)
    else:
        shared = x.terms & y.terms
        xt, yt = x.total, y.total
    if xt <= 0.0 or yt <= 0.0 or not shared:
        return 0.0
    inter = math.fsum([xw[t] if xw[t] <= yw[t] else yw[t] for t in shared])
    tok = _COVER * inter / (xt if xt < yt else yt) + _DICE * 2.0 * inter / (xt + yt)
    return 1.0 if tok > 1.0 else tok


def _score(x: Profile, y: Profile, floor: float = 0.0) -> float:
    """The similarity; 0.0 as soon as it is certain to fall below ``floor``."""
    xt, yt = x.total, y.total
    if xt <= 0.0 or yt <= 0.0:
        return 0.0
    shared = x.terms & y.terms
    if not shared:
        return 0.0
    xw, yw = x.weights, y.weights
    inter = math.fsum([xw[t] if xw[t] <= yw[t] else yw[t] for t in shared])
    tok = _COVER * inter / (xt if xt < yt else yt) + _DICE * 2.0 * inter / (xt + yt)
    if tok > 1.0:
        tok = 1.0
    if 100.0 * tok < floor:
        return 0.0  # the score never exceeds the overlap
    keep = 1.0 - _penalty(x, y, 1.0 - floor / (100.0 * tok) if floor > 0.0 else 1.0)
    if 100.0 * tok * keep < floor:
        return 0.0  # nor the overlap less its discounts
    order = fuzz.ratio(x.text, y.text) / 100.0
    return 100.0 * tok * (1.0 - _ORDER + _ORDER * order) * keep


def _unmatched(xs: frozenset[str], ys: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    return xs - ys, ys - xs


def _units(claim: ClaimTerms, numbers: frozenset[str]) -> dict[str, frozenset[str]]:
    """What each number counts: the term after it ("13 years" -> year), empty if none."""
    out: dict[str, set[str]] = {}
    terms = claim.terms
    for i, t in enumerate(terms):
        if t in numbers:
            after = terms[i + 1] if i + 1 < len(terms) else ""
            unit = "" if not after or is_number(after) or after in claim.attribution else after
            out.setdefault(t, set()).add(unit)
    return {t: frozenset(u) for t, u in out.items()}


def _clashing_numbers(x: Profile, y: Profile) -> tuple[frozenset[str], frozenset[str]]:
    """The numbers each claim has and the other lacks, kept only where they count the same
    thing: "11 years" against "13 years" clash, "two days" against "50 years" do not. A
    number with no unit after it may count anything, so it clashes with any other."""
    a, b = _unmatched(x.numbers, y.numbers)
    if not a or not b:
        return frozenset(), frozenset()
    xu, yu = x.units, y.units

    def clash(m: str, n: str) -> bool:
        um, un = xu.get(m, frozenset({""})), yu.get(n, frozenset({""}))
        return "" in um or "" in un or not um.isdisjoint(un)

    keep_a = frozenset(m for m in a if any(clash(m, n) for n in b))
    keep_b = frozenset(n for n in b if any(clash(m, n) for m in a))
    return keep_a, keep_b


_NO_UNIT = frozenset({""})


def _numbers_clash(x: Profile, y: Profile) -> bool:
    """Whether :func:`_clashing_numbers` finds a clash (both its sets then hold one): a
    number only one claim has against one only the other has, counting the same thing.
    Stops at the first such pair, as the scores need no more."""
    a = x.numbers - y.numbers
    if not a:
        return False
    b = y.numbers - x.numbers
    if not b:
        return False
    xu, yu = x.units, y.units
    for m in a:
        um = xu.get(m, _NO_UNIT)
        if "" in um:
            return True  # a number with no unit clashes with any other
        for n in b:
            un = yu.get(n, _NO_UNIT)
            if "" in un or not um.isdisjoint(un):
                return True
    return False


def _unmatched_names(x: Profile, y: Profile) -> frozenset[str]:
    """Names of ``x`` that ``y`` lacks, counting repeats ("Brazil ... of Brazil" vs "Brazil
    ... of Egypt" leaves one Brazil unmatched)."""
    missing = x.names - y.terms
    if x.repeats:
        extra = {t for t in x.names & y.terms if x.repeats.get(t, 1) > y.repeats.get(t, 1)}
        if extra:
            return missing | extra
    return missing


def _penalty(x: Profile, y: Profile, limit: float = 1.0) -> float:
    """The share a disagreement takes off the score (at most 0.9).

    Stops adding once past ``limit``: the caller only needs to know it is that much.
    """
    penalty = 0.0
    if x.negated != y.negated:
        penalty += _NEGATION_PENALTY
    if x.numbers or y.numbers:
        a, b = _unmatched(x.numbers, y.numbers)
        if a and b and _numbers_clash(x, y):
            penalty += _NUMBER_PENALTY
        elif a or b:
            penalty += _NUMBER_PENALTY / 4
    if penalty > limit:
        return min(penalty, 0.9)
    if (x.polar or y.polar) and _opposed(x.terms, y.terms):
        penalty += _NEGATION_PENALTY
    if x.dates and y.dates:
        a, b = _unmatched(x.dates, y.dates)
        if a and b:
            penalty += _DATE_PENALTY
    if penalty > limit:
        return min(penalty, 0.9)
    if x.names and y.names:
        a, b = _unmatched_names(x, y), _unmatched_names(y, x)
        if a and b:
            penalty += _NAME_PENALTY * min(len(a), len(b), 2)
    return min(penalty, 0.9)


_POLAR_TERMS = frozenset(t for pair in _OPPOSITES for t in pair)


def _opposed(a: frozenset[str], b: frozenset[str]) -> tuple[str, str] | None:
    """A pair of opposite terms (rise/fall, win/lose...) one claim has and the other lacks."""
    for up, down in _OPPOSITES:
        if up in a and down in b and up not in b and down not in a:
            return up, down
        if down in a and up in b and up not in a and down not in b:
            return down, up
    return None


def _disagreements(x: Profile, y: Profile) -> tuple[list[Disagreement], frozenset[str]]:
    found: list[Disagreement] = []
    drop: set[str] = set()
    sa, sb = x.claim.surface, y.claim.surface
    a, b = _clashing_numbers(x, y)
    if a and b:
        found.append(
            Disagreement(
                "number",
                tuple(sorted({sa.get(t, t) for t in a})),
                tuple(sorted({sb.get(t, t) for t in b})),
            )
        )
        drop |= a | b
    a, b = _unmatched(x.dates, y.dates)
    if a and b:
        found.append(
            Disagreement(
                "date",
                tuple(sorted({sa.get(t, t) for t in a})),
                tuple(sorted({sb.get(t, t) for t in b})),
            )
        )
        drop |= a | b
    a, b = _unmatched_names(x, y), _unmatched_names(y, x)
    if a and b:
        found.append(
            Disagreement(
                "name",
                tuple(sorted({sa.get(t, t) for t in a})),
                tuple(sorted({sb.get(t, t) for t in b})),
            )
        )
        drop |= a | b
    if x.negated != y.negated:
        found.append(Disagreement("negation", x.claim.negations, y.claim.negations))
    opposed = _opposed(x.terms, y.terms)
    if opposed:
        found.append(
            Disagreement(
                "direction", (sa.get(opposed[0], opposed[0]),), (sb.get(opposed[1], opposed[1]),)
            )
        )
        drop |= set(opposed)
    return found, frozenset(drop)


def _entities(x: Profile, names: frozenset[str]) -> int:
    """How many separate names ``names`` are in ``x``: terms side by side ("Mohamed",
    "Bashir") or one alias written out ("HTS") are one."""
    groups = 0
    previous = False
    seen: set[str] = set()
    for t in x.claim.terms:
        here = t in names
        if here and not previous:
            written = x.claim.surface.get(t, t)
            if written not in seen:
                groups += 1
            seen.add(written)
        previous = here
    return groups


def _same_event(x: Profile, y: Profile, found: list[Disagreement], drop: frozenset[str]) -> bool:
    """Whether enough besides the disagreement is shared to call it one event.

    One fact must differ, not several. "Tehran held talks with HTS" and "Qatar held talks
    with HTS" share two words around the names: two events, not a conflict. A number, date
    or negation needs three shared content words around it; a name alone, being the
    commonest false alarm, four (or all that the shorter claim has, if fewer, but never
    fewer than two).
    """
    if len(found) > 1:
        return False  # two facts differ (another company and another month): two events
    if (
        found
        and found[0].kind == "name"
        and (_entities(x, _unmatched_names(x, y)) > 1 or _entities(y, _unmatched_names(y, x)) > 1)
    ):
        return False  # two other parties ("Qatar ... HTS" against "Idlib"): two events
    attribution = x.claim.attribution | y.claim.attribution
    shared = (x.terms & y.terms) - drop - attribution
    # a name one claim writes once ("HTS") and the other in full ("Hayat Tahrir al-Sham")
    # is one word of support, not three
    sa, sb = x.claim.surface, y.claim.surface
    support = min(len({sa.get(t, t) for t in shared}), len({sb.get(t, t) for t in shared}))
    names_only = all(d.kind == "name" for d in found)
    need = _NAME_SUPPORT if names_only else _EVENT_SUPPORT
    # a short claim ("The election will be held in May") cannot offer more than it has
    smallest = min(len(x.terms - drop - attribution), len(y.terms - drop - attribution))
    return support >= max(2, min(need, smallest))


@dataclass(frozen=True, slots=True)
class _Verdict:
    lexical: float
    score: float
    event: float
    found: list[Disagreement]
    conflict: bool


#: The kinds of specific fact whose disagreement marks two claims as two different events.
_FACT_KINDS = frozenset({"number", "date", "name"})


def _two_facts_disagree(kinds: frozenset[str] | set[str]) -> bool:
    """Whether the two claims disagree on two kinds of specific fact (a name and a day, a
    number and a place...).

    Sentence vectors see the shape of a sentence more than its names and numbers: "An air
    strike on Homs killed 12 people on Monday" and "... on Aleppo killed 40 people on
    Friday" are as close in meaning as two tellings of one strike. Claims that differ on
    two kinds of fact are two events, or one event told two ways (a conflict, which the
    event score judges apart); neither is the same claim, so the meaning model may not lift
    such a pair above its lexical score. On the dev paraphrase pairs this costs nothing
    (``bench/matching_eval.py``); one kind alone is left to the blend, because paraphrases
    often name one party two ways.
    """
    return len(_FACT_KINDS & kinds) >= 2


def _verdict(
    x: Profile,
    y: Profile,
    cosine: float | None,
    texts: tuple[str, str] | None,
    conflict: float = CONFLICT_THRESHOLD,
) -> _Verdict:
    """The lexical score, the final (hybrid when ``cosine`` is given) score, the event
    score, the disagreements, and whether they make a conflict."""
    lexical = _score(x, y)
    score = lexical
    found, drop = _disagreements(x, y)
    if cosine is not None and texts is not None:
        if x.total <= 0.0 or y.total <= 0.0:
            score = 0.0
        else:
            kinds = frozenset(d.kind for d in found)
            score = hybrid.evidence(texts[0], texts[1], cosine, lexical, kinds).score
            if _two_facts_disagree(kinds):
                score = min(score, lexical)
    if found:
        tok = _overlap(x, y, drop)
        order = (
            fuzz.ratio(
                " ".join(t for t in x.text.split() if t not in drop),
                " ".join(t for t in y.text.split() if t not in drop),
            )
            / 100.0
        )
        event = 100.0 * tok * (1.0 - _ORDER + _ORDER * order)
    else:
        event = score
    # the same event in meaning too: the embedding must agree, when there is one
    same_meaning = cosine is None or cosine >= hybrid.CONFLICT_COSINE
    is_conflict = bool(
        found and event >= conflict and same_meaning and _same_event(x, y, found, drop)
    )
    if (
        is_conflict
        and cosine is not None
        and any(d.kind in ("negation", "direction") for d in found)
    ):
        # sentence vectors barely see a "not": one event said both ways is not the same
        # claim, whatever the meaning model thinks, so the lexical verdict stands
        score = min(score, lexical)
    return _Verdict(lexical, score, event, found, is_conflict)


def hybrid_score(
    x: Profile,
    y: Profile,
    cosine: float,
    texts: tuple[str, str],
    prepared_texts: tuple[str, str] | None = None,
    ratios: tuple[float, float] | None = None,
    order: float | None = None,
) -> float:
    """The hybrid score of :func:`_verdict` alone, for a batch that keeps only the pairs
    reaching a threshold: the kinds of disagreement the blend weighs are found without the
    words an explanation lists, and the full verdict is taken only when a negation or an
    opposite direction could make the pair a conflict that keeps its lexical score.
    ``ratios`` are the two texts' :func:`hybrid.compared`, if the batch computed them,
    and ``order`` the ratio of the two profiles' content texts (0..1).
    """
    if x.total <= 0.0 or y.total <= 0.0:
        return 0.0
    lexical, kinds = _lexical_and_kinds(x, y, order)
    if texts[0] != texts[1] and ratios is None:
        if prepared_texts is None:
            ratios = hybrid.wording(*texts)
        else:
            ratios = hybrid.compared(*prepared_texts)
    return _hybrid_from(x, y, cosine, texts, lexical, kinds, ratios)


def _hybrid_from(
    x: Profile,
    y: Profile,
    cosine: float,
    texts: tuple[str, str],
    lexical: float,
    kinds: frozenset[str],
    ratios: tuple[float, float] | None,
) -> float:
    """:func:`hybrid_score` given the lexical score and disagreeing kinds
    (:func:`_lexical_and_kinds`) and the two texts' character ratios (unread when the
    texts are the same). Never above ``lexical`` when :func:`_two_facts_disagree`: a batch
    that knows the lexical score below its threshold skips the ratios."""
    if texts[0] == texts[1]:
        score = 100.0 if lexical else 0.0  # as hybrid.evidence scores a text with itself
    else:
        assert ratios is not None
        score = hybrid.blend(cosine, lexical, ratios[0], ratios[1], kinds)
    if _two_facts_disagree(kinds):
        return min(score, lexical)
    if score > lexical and ("negation" in kinds or "direction" in kinds):
        return _verdict(x, y, cosine, texts).score
    return score


def _lexical_and_kinds(
    x: Profile, y: Profile, order: float | None = None
) -> tuple[float, frozenset[str]]:
    """:func:`_score` of two claims of some weight, and the kinds of fact they disagree
    on as :func:`hybrid.blend` weighs them: each disagreement looked for once, where
    :func:`_score` and the kinds would each look (a batch scores millions of pairs).

    ``order`` is the ratio of the two content texts (0..1), if a batch computed it.
    """
    kinds, keep = _kinds_and_keep(x, y)
    return _lexical_kept(x, y, keep, order), kinds


def _kinds_and_keep(x: Profile, y: Profile) -> tuple[frozenset[str], float]:
    """The kinds of fact two claims disagree on (as :func:`hybrid.blend` weighs them),
    and the share of the lexical score their discounts keep.

    The discounts are added in :func:`_penalty`'s order; it stops adding past 1.0, where
    the cap of 0.9 is reached anyway, so the sum capped here is the same. Two kinds of
    specific fact (:func:`_two_facts_disagree`) keep at most a quarter: such a pair's
    lexical score is at most 25, whatever words the two share.
    """
    numbers = bool(x.numbers and y.numbers) and _numbers_clash(x, y)
    names_a: frozenset[str] = frozenset()
    names_b: frozenset[str] = frozenset()
    if x.names and y.names:
        names_a = _unmatched_names(x, y)
        if names_a:
            names_b = _unmatched_names(y, x)
    negation = x.negated != y.negated
    direction = bool((x.polar or y.polar) and _opposed(x.terms, y.terms))
    dates = bool(x.dates and y.dates) and all(_unmatched(x.dates, y.dates))
    found: list[str] = []
    if numbers:
        found.append("number")
    if names_a and names_b:
        found.append("name")
    if negation:
        found.append("negation")
    if direction:
        found.append("direction")
    if dates:
        found.append("date")
    penalty = 0.0
    if negation:
        penalty += _NEGATION_PENALTY
    if numbers:
        penalty += _NUMBER_PENALTY
    elif x.numbers or y.numbers:
        a, b = _unmatched(x.numbers, y.numbers)
        if a or b:
            penalty += _NUMBER_PENALTY / 4
    if direction:
        penalty += _NEGATION_PENALTY
    if dates:
        penalty += _DATE_PENALTY
    if names_a and names_b:
        penalty += _NAME_PENALTY * min(len(names_a), len(names_b), 2)
    return frozenset(found), 1.0 - min(penalty, 0.9)


def _lexical_kept(x: Profile, y: Profile, keep: float, order: float | None = None) -> float:
    """:func:`_score` of two claims of some weight, given the share their discounts keep
    (:func:`_kinds_and_keep`) and, if a batch computed it, their word-order ratio."""
    shared = x.terms & y.terms
    if not shared:
        return 0.0
    xt, yt = x.total, y.total
    xw, yw = x.weights, y.weights
    inter = math.fsum([xw[t] if xw[t] <= yw[t] else yw[t] for t in shared])
    tok = _COVER * inter / (xt if xt < yt else yt) + _DICE * 2.0 * inter / (xt + yt)
    if tok > 1.0:
        tok = 1.0
    if 100.0 * tok < 0.0:
        return 0.0
    if 100.0 * tok * keep < 0.0:
        return 0.0
    if order is None:
        order = fuzz.ratio(x.text, y.text) / 100.0
    return 100.0 * tok * (1.0 - _ORDER + _ORDER * order) * keep


def classify_profiles(
    x: Profile,
    y: Profile,
    *,
    suggest: float = SUGGEST_THRESHOLD,
    conflict: float = CONFLICT_THRESHOLD,
    cosine: float | None = None,
    texts: tuple[str, str] | None = None,
) -> tuple[MatchKind | None, float, Explanation]:
    """:meth:`Matcher.classify` for profiles already computed (``cosine`` and the two
    ``texts`` make the score hybrid)."""
    if texts is None:
        cosine = None
    v = _verdict(x, y, cosine, texts, conflict)
    found, score, event = v.found, v.score, v.event
    kind: MatchKind | None = None
    final = score
    if v.conflict:
        kind, final = MatchKind.CONFLICT, event
    elif score >= suggest:
        kind = MatchKind.SAME
    shared = x.terms & y.terms
    sa, sb = x.claim.surface, y.claim.surface

    def order_of(p: Profile) -> dict[str, int]:
        out: dict[str, int] = {}
        for i, t in enumerate(p.claim.terms):
            out.setdefault(t, i)
        return out

    pos_a, pos_b = order_of(x), order_of(y)
    attribution = x.claim.attribution | y.claim.attribution
    aligned = _merge_aliased(
        [
            (sa.get(t, t), sb.get(t, t))
            for t in sorted(shared, key=lambda t: pos_a[t])
            if t not in attribution
        ]
    )
    # one word standing for several canonical terms ("HTS") is listed once
    only_a = tuple(
        dict.fromkeys(
            sa.get(t, t)
            for t in sorted(x.terms - y.terms, key=lambda t: pos_a[t])
            if t not in x.claim.attribution
        )
    )
    only_b = tuple(
        dict.fromkeys(
            sb.get(t, t)
            for t in sorted(y.terms - x.terms, key=lambda t: pos_b[t])
            if t not in y.claim.attribution
        )
    )
    explanation = Explanation(
        score=final,
        event_score=event,
        aligned=aligned,
        only_a=only_a,
        only_b=only_b,
        disagreements=tuple(found),
        kind=kind,
        components={"similarity": score, "event": event, "lexical": v.lexical},
        cosine=cosine,
        lexical=None if cosine is None else v.lexical,
    )
    return kind, final, explanation


def _merge_aliased(pairs: list[tuple[str, str]]) -> tuple[str, ...]:
    """Words as "A/B" when written differently; one alias's terms merged ("HTS/Hayat ...")."""
    out: list[tuple[str, str]] = []
    for left, right in pairs:
        if out and out[-1] == (left, right):
            continue  # one alias written once, standing for several canonical terms
        if out and left != right and (out[-1][1] == right or out[-1][0] == left):
            prev_l, prev_r = out[-1]
            out[-1] = (
                prev_l if prev_l == left else f"{prev_l} {left}",
                prev_r if prev_r == right else f"{prev_r} {right}",
            )
        else:
            out.append((left, right))
    return tuple(a if a.lower() == b.lower() else f"{a}/{b}" for a, b in out)


_DEFAULT: Matcher | None = None


def default_matcher() -> Matcher:
    """The shared matcher behind the module-level functions (no aliases, built-in weights)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Matcher()
    return _DEFAULT


def _matcher(aliases: AliasTable | None, idf: IdfTable | None) -> Matcher:
    if aliases is None and idf is None:
        return default_matcher()
    return Matcher(aliases, idf, cache_size=256)


def similarity(
    a: str, b: str, *, aliases: AliasTable | None = None, idf: IdfTable | None = None
) -> float:
    """How alike two claims are, 0..100, symmetric: 50 and above is the same claim.

    What the two mean (the cosine of their sentence vectors) blended with how they are
    worded: rare words count more than common ones, the attribution around a claim ("an
    official told Reuters") little, and a disagreeing number, date, name or negation takes
    a share off. Texts without a content word score 0. Without an embedding model, the
    wording alone. ``aliases`` and ``idf`` swap in a database's alias and IDF tables for
    the built-in defaults.
    """
    return _matcher(aliases, idf).similarity(a, b)


def same_claim(
    a: str,
    b: str,
    *,
    threshold: float = SAME_THRESHOLD,
    aliases: AliasTable | None = None,
    idf: IdfTable | None = None,
) -> bool:
    """Whether ``a`` and ``b`` state the same claim (at the default threshold)."""
    return _matcher(aliases, idf).similarity(a, b) >= threshold


def classify(
    a: str,
    b: str,
    *,
    aliases: AliasTable | None = None,
    idf: IdfTable | None = None,
    suggest: float = SUGGEST_THRESHOLD,
    conflict: float = CONFLICT_THRESHOLD,
) -> tuple[MatchKind | None, float, Explanation]:
    """``(kind, score, explanation)`` for two claims: same, conflict or no match."""
    return _matcher(aliases, idf).classify(a, b, suggest=suggest, conflict=conflict)


def explain(
    a: str, b: str, *, aliases: AliasTable | None = None, idf: IdfTable | None = None
) -> Explanation:
    """Which words and names aligned between two claims, and which disagreed."""
    return _matcher(aliases, idf).explain(a, b)
