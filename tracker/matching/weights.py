"""How much each term of a claim counts: a built-in prior, refined by a corpus IDF table.

Rare words identify a claim ("Khulaifi", "HTS", "13"); common ones ("said", "officials",
"year") say little. Before a database has seen many claims, word tiers from
:mod:`~tracker.matching.lexicon` stand in for document frequencies; as claims arrive,
:class:`IdfTable` learns the real ones incrementally.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from tracker.matching.lexicon import ATTRIBUTION, COMMON_WORDS, MEDIUM_WORDS
from tracker.matching.normalize import is_date, is_number, stem

__all__ = ["IdfTable", "prior_weight"]


def _with_stems(words: Iterable[str]) -> frozenset[str]:
    out = set(words)
    out.update(stem(w) for w in list(out))
    return frozenset(out)


_ATTRIBUTION_TERMS = _with_stems(ATTRIBUTION)
_COMMON_TERMS = _with_stems(COMMON_WORDS) - _with_stems(MEDIUM_WORDS) | _with_stems(COMMON_WORDS)
_MEDIUM_TERMS = _with_stems(MEDIUM_WORDS) - _COMMON_TERMS


@lru_cache(maxsize=200_000)
def prior_weight(term: str) -> float:
    """The weight of ``term`` when no corpus statistics exist (0.1 boilerplate .. 1.0 rare)."""
    if is_number(term):
        return 0.7 if is_date(term) else 1.0
    if is_date(term):
        return 0.6
    if term in _ATTRIBUTION_TERMS:
        return 0.1
    if term in _COMMON_TERMS:
        return 0.3
    if term in _MEDIUM_TERMS:
        return 0.6
    if len(term) <= 2:
        return 0.5
    return 1.0


class IdfTable:
    """Document frequencies of terms over a corpus of claims, updated one claim at a time.

    ``weight(term)`` blends the prior with the corpus IDF: a term seen in most claims weighs
    little even if the prior thought it rare, and the prior still counts for small corpora.
    ``version`` changes on every update so caches of weighted claims know to refresh.
    """

    __slots__ = ("df", "docs", "version", "_log_docs", "_cache")

    def __init__(self, df: Mapping[str, int] | None = None, docs: int = 0) -> None:
        self.df: dict[str, int] = dict(df or {})
        self.docs = docs
        self.version = 0
        self._log_docs = math.log(docs + 1.0)
        self._cache: dict[str, float] = {}

    def __len__(self) -> int:
        return self.docs

    def add(self, terms: Iterable[str]) -> None:
        """Count one claim's terms (each distinct term once)."""
        df = self.df
        for t in set(terms):
            df[t] = df.get(t, 0) + 1
        self.docs += 1
        self._log_docs = math.log(self.docs + 1.0)
        self.version += 1
        if self._cache:
            self._cache = {}

    def remove(self, terms: Iterable[str]) -> None:
        """Forget one claim previously added with :meth:`add`."""
        df = self.df
        for t in set(terms):
            n = df.get(t, 0) - 1
            if n > 0:
                df[t] = n
            else:
                df.pop(t, None)
        self.docs = max(0, self.docs - 1)
        self._log_docs = math.log(self.docs + 1.0)
        self.version += 1
        if self._cache:
            self._cache = {}

    def update(self, claims: Iterable[Iterable[str]]) -> None:
        """Count many claims at once."""
        df = self.df
        n = 0
        for terms in claims:
            for t in set(terms):
                df[t] = df.get(t, 0) + 1
            n += 1
        self.docs += n
        self._log_docs = math.log(self.docs + 1.0)
        self.version += 1
        if self._cache:
            self._cache = {}

    def weight(self, term: str) -> float:
        """The term's weight: the prior, pulled toward the corpus IDF as the corpus grows."""
        hit = self._cache.get(term)
        if hit is not None:
            return hit
        value = self._weight(term)
        if len(self._cache) < 500_000:
            self._cache[term] = value
        return value

    def _weight(self, term: str) -> float:
        prior = prior_weight(term)
        if self.docs < 2:
            return prior
        df = self.df.get(term, 0)
        idf = math.log((self.docs + 1.0) / (df + 0.5)) / self._log_docs
        corpus = min(1.2, max(0.05, idf * 1.1))
        trust = self.docs / (self.docs + 200.0)
        return (1.0 - 0.6 * trust) * prior + 0.6 * trust * corpus

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly form (see :meth:`from_dict`)."""
        return {"docs": self.docs, "df": self.df}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> IdfTable:
        """Rebuild a table saved with :meth:`to_dict`."""
        return cls(df=data.get("df", {}), docs=int(data.get("docs", 0)))
