"""Cross-story claim matching: is this claim already in another story, or contradicted there?

Pure: text in, scores out; nothing here touches a database or a terminal. The stable
public functions are :func:`similarity`, :func:`same_claim`, :func:`match_pairs` and
:func:`rank`; a database keeps a :class:`ClaimIndex` (with its :class:`AliasTable` and
:class:`IdfTable`) to match new stories against everything stored.

Scores blend sentence embeddings (:mod:`.embedding`, an ONNX model loaded on first use)
with the lexical engine (:mod:`.hybrid`); without a model they are lexical alone, and
:func:`unavailable_reason` says why.

Each name loads its own module when first used (see :mod:`tracker.lazy_exports`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.lazy_exports import lazy_exports

# Named like its module, so it cannot be lazy (see lazy_exports); the module is small.
from tracker.matching.clusters import clusters

if TYPE_CHECKING:
    from tracker.matching.aliases import AliasTable, learn_aliases
    from tracker.matching.embedding import (
        EmbeddingUnavailable,
        Encoder,
        get_encoder,
        load_encoder,
        unavailable_reason,
    )
    from tracker.matching.index import ClaimIndex
    from tracker.matching.normalize import ClaimTerms, analyze, stem
    from tracker.matching.pairs import brute_force_pairs, match_pairs, match_profiles
    from tracker.matching.retrieval import rank
    from tracker.matching.score import (
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
    from tracker.matching.thresholds import (
        CONFLICT_THRESHOLD,
        LINK_THRESHOLD,
        SAME_THRESHOLD,
        SUGGEST_THRESHOLD,
    )
    from tracker.matching.weights import IdfTable, prior_weight

_EXPORTS = {
    "AliasTable": "tracker.matching.aliases",
    "learn_aliases": "tracker.matching.aliases",
    "ClaimIndex": "tracker.matching.index",
    **dict.fromkeys(
        (
            "EmbeddingUnavailable",
            "Encoder",
            "get_encoder",
            "load_encoder",
            "unavailable_reason",
        ),
        "tracker.matching.embedding",
    ),
    "rank": "tracker.matching.retrieval",
    **dict.fromkeys(("ClaimTerms", "analyze", "stem"), "tracker.matching.normalize"),
    **dict.fromkeys(
        ("brute_force_pairs", "match_pairs", "match_profiles"), "tracker.matching.pairs"
    ),
    **dict.fromkeys(
        (
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
        ),
        "tracker.matching.score",
    ),
    **dict.fromkeys(
        ("CONFLICT_THRESHOLD", "LINK_THRESHOLD", "SAME_THRESHOLD", "SUGGEST_THRESHOLD"),
        "tracker.matching.thresholds",
    ),
    **dict.fromkeys(("IdfTable", "prior_weight"), "tracker.matching.weights"),
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

__all__ = [
    "CONFLICT_THRESHOLD",
    "LINK_THRESHOLD",
    "SAME_THRESHOLD",
    "SUGGEST_THRESHOLD",
    "AliasTable",
    "ClaimIndex",
    "ClaimTerms",
    "Disagreement",
    "EmbeddingUnavailable",
    "Encoder",
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
    "get_encoder",
    "learn_aliases",
    "load_encoder",
    "match_pairs",
    "match_profiles",
    "prior_weight",
    "rank",
    "same_claim",
    "similarity",
    "stem",
    "unavailable_reason",
]
