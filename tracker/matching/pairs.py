"""All similar pairs in a batch of claims, without comparing every pair.

Prefix filtering over an inverted index: a pair can only reach threshold ``T`` if the
weighted overlap covers a fraction ``T/100`` of the lighter claim (the score never exceeds
that coverage). Sort each claim's terms rarest first; once the remaining terms weigh less
than that fraction, the pair must share one of the terms before them, its "prefix". So
each claim needs to look up only its prefix terms, which are rare and have short posting
lists, and only claims at least as heavy as itself. Found pairs are then scored exactly, so
the result equals brute force at the same threshold.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from tracker.matching.aliases import AliasTable
from tracker.matching.score import SAME_THRESHOLD, Matcher, Profile, _score, default_matcher
from tracker.matching.weights import IdfTable

__all__ = ["match_pairs", "match_profiles", "brute_force_pairs"]

# Rounding slack so float error never shortens a prefix below what the bound needs.
_SLACK = 1e-9


def match_pairs(texts: Sequence[str], threshold: float | None = None, *,
                matcher: Matcher | None = None, aliases: AliasTable | None = None,
                idf: IdfTable | None = None) -> list[tuple[int, int, float]]:
    """Every pair ``(i, j, score)`` with ``i < j`` whose similarity reaches ``threshold``.

    ``threshold`` defaults to the one :func:`same_claim` uses. Sorted by ``(i, j)``.
    """
    if matcher is None:
        matcher = default_matcher() if aliases is None and idf is None else Matcher(aliases, idf)
    seen: dict[str, Profile] = {}
    profiles: list[Profile] = []
    for text in texts:
        prof = seen.get(text)
        if prof is None:
            prof = matcher.profile_terms(matcher.analyze(text))
            seen[text] = prof
        profiles.append(prof)
    return match_profiles(profiles, SAME_THRESHOLD if threshold is None else threshold)


def match_profiles(profiles: Sequence[Profile], threshold: float
                   ) -> list[tuple[int, int, float]]:
    """:func:`match_pairs` over profiles already weighed by one matcher."""
    n = len(profiles)
    if threshold <= 0.0:
        return brute_force_pairs(profiles, threshold)
    need = min(threshold / 100.0, 1.0)
    # Claims in order of total weight (ties by position): each probes only heavier ones.
    order = sorted(range(n), key=lambda i: (profiles[i].total, i))
    rank = [0] * n
    for r, i in enumerate(order):
        rank[i] = r
    df: dict[str, int] = {}
    for p in profiles:
        for t in p.terms:
            df[t] = df.get(t, 0) + 1
    postings: dict[str, list[int]] = {}
    for r, i in enumerate(order):
        for t in profiles[i].terms:
            postings.setdefault(t, []).append(r)  # ascending ranks
    out: list[tuple[int, int, float]] = []
    for r, i in enumerate(order):
        x = profiles[i]
        if x.total <= 0.0:
            continue
        terms = sorted(x.terms, key=lambda t: (df[t], t))
        weights = x.weights
        rest = x.total
        bound = need * x.total * (1.0 - _SLACK)
        candidates: set[int] = set()
        for t in terms:
            if rest < bound:
                break
            plist = postings[t]
            start = bisect_right(plist, r)
            if start < len(plist):
                candidates.update(plist[start:])
            rest -= weights[t]
        for c in candidates:
            j = order[c]
            s = _score(x, profiles[j])
            if s >= threshold:
                out.append((i, j, s) if i < j else (j, i, s))
    out.sort()
    return out


def brute_force_pairs(profiles: Sequence[Profile], threshold: float
                      ) -> list[tuple[int, int, float]]:
    """Every pair scored, the slow way: the reference :func:`match_pairs` must equal."""
    out: list[tuple[int, int, float]] = []
    n = len(profiles)
    for i in range(n):
        x = profiles[i]
        for j in range(i + 1, n):
            s = _score(x, profiles[j])
            if s >= threshold:
                out.append((i, j, s))
    return out
