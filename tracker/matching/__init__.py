"""Cross-story claim matching: is this claim already in another story, or contradicted there?

Pure: text in, scores out; nothing here touches a database or a terminal. The stable
public functions are :func:`similarity`, :func:`same_claim` and :func:`match_pairs`; a
database keeps a :class:`ClaimIndex` (with its :class:`AliasTable` and :class:`IdfTable`)
to match new stories against everything stored.
"""

from __future__ import annotations

from tracker.matching.aliases import AliasTable, learn_aliases
from tracker.matching.clusters import clusters
from tracker.matching.index import ClaimIndex
from tracker.matching.normalize import ClaimTerms, analyze, stem
from tracker.matching.pairs import brute_force_pairs, match_pairs, match_profiles
from tracker.matching.score import (
    CONFLICT_THRESHOLD,
    LINK_THRESHOLD,
    SAME_THRESHOLD,
    SUGGEST_THRESHOLD,
    Disagreement,
    Explanation,
    Matcher,
    Profile,
    classify,
    decide,
    default_matcher,
    explain,
    same_claim,
    similarity,
)
from tracker.matching.weights import IdfTable, prior_weight

__all__ = [
    "CONFLICT_THRESHOLD",
    "LINK_THRESHOLD",
    "SAME_THRESHOLD",
    "SUGGEST_THRESHOLD",
    "AliasTable",
    "ClaimIndex",
    "ClaimTerms",
    "Disagreement",
    "Explanation",
    "IdfTable",
    "Matcher",
    "Profile",
    "analyze",
    "brute_force_pairs",
    "classify",
    "clusters",
    "decide",
    "default_matcher",
    "explain",
    "learn_aliases",
    "match_pairs",
    "match_profiles",
    "prior_weight",
    "same_claim",
    "similarity",
    "stem",
]
