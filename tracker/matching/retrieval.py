"""Ranking stored claims for a query: which claims say what this sentence says?

Candidates come from two places and are merged: the claims nearest in meaning (sentence
embeddings, exact cosine) and the claims best by BM25 over the lexical engine's terms
(stems, numbers, aliases), so a claim reworded with no shared word and a claim sharing a
rare name both reach the final ranking. Each candidate is then scored by a blend of its
cosine and its BM25 score relative to the query's best; the weight was fitted on the
CheckThat! training queries in ``../shared/dev/`` (see ``bench/matching_eval.py``). Without
an embedding model the ranking is BM25 alone.

A query is read twice by the embedding model: as given, and as :func:`.querytext.clean_query`
makes it (no links, handles, hashtag signs or emoji: the marks of a post copied from social
media, which no claim carries), and its vector is the mean of the two. Neither alone did as
well on the CheckThat queries: the text as given keeps the handle and date, which the
cleaned text drops; the cleaned text is nearer what a claim says. BM25 reads the query as
given (the lexical engine already splits handles, and the post's date often matches the
month and year a claim names).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from tracker.matching.score import Matcher

__all__ = ["Bm25", "nearest", "neighbour_pairs", "rank"]

# BM25's usual constants.
_K1 = 1.2
_B = 0.75
# Weight of the cosine in the final score (the rest is BM25 relative to the best claim).
_W_COSINE = 0.75
# Candidates taken from each side before the blend, at least.
_CANDIDATES = 50
# Query rows scored against every claim at once (bounds the memory of one block).
_BLOCK = 256


class Bm25:
    """A BM25 index over texts read as the lexical engine reads them."""

    def __init__(self, docs: Sequence[Sequence[str]]) -> None:
        self.postings: dict[str, list[tuple[int, int]]] = {}
        self.lengths = [len(d) for d in docs]
        self.avg = (sum(self.lengths) / len(docs)) if docs else 0.0
        for i, terms in enumerate(docs):
            counts: dict[str, int] = {}
            for t in terms:
                counts[t] = counts.get(t, 0) + 1
            for t, c in counts.items():
                self.postings.setdefault(t, []).append((i, c))
        n = len(docs)
        self.idf = {
            t: math.log(1.0 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()
        }

    def scores(self, terms: Sequence[str]) -> dict[int, float]:
        """BM25 score of every text sharing a term with ``terms``."""
        out: dict[int, float] = {}
        lengths, avg = self.lengths, self.avg or 1.0
        for t in set(terms):
            plist = self.postings.get(t)
            if plist is None:
                continue
            idf = self.idf[t]
            for doc, tf in plist:
                norm = tf * (_K1 + 1.0) / (tf + _K1 * (1.0 - _B + _B * lengths[doc] / avg))
                out[doc] = out.get(doc, 0.0) + idf * norm
        return out


def nearest(
    queries: np.ndarray, claims: np.ndarray, k: int, *, block: int = _BLOCK
) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` claims of highest cosine for each query row (exact): indices and cosines,
    best first, shapes ``(len(queries), min(k, len(claims)))``."""
    import numpy as np

    n, m = len(queries), len(claims)
    k = min(k, m)
    idx = np.zeros((n, k), dtype=np.int64)
    sims = np.zeros((n, k), dtype=np.float32)
    if k == 0:
        return idx, sims
    for start in range(0, n, block):
        scores = queries[start : start + block] @ claims.T
        if k < m:
            part = np.argpartition(-scores, k - 1, axis=1)[:, :k]
        else:
            part = np.tile(np.arange(m), (len(scores), 1))
        top = np.take_along_axis(scores, part, axis=1)
        order = np.argsort(-top, axis=1, kind="stable")
        idx[start : start + block] = np.take_along_axis(part, order, axis=1)
        sims[start : start + block] = np.take_along_axis(top, order, axis=1)
    return idx, sims


def neighbour_pairs(
    vectors: np.ndarray, k: int, floor: float, *, exact_limit: int | None = None
) -> set[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, where ``j`` is among the ``k`` rows nearest ``i`` (or
    the reverse) with a cosine of at least ``floor``: exact search up to ``exact_limit``
    rows (default: the vector index's), an HNSW graph (:mod:`.vectors`) above."""
    from tracker.matching.vectors import EXACT_LIMIT, VectorIndex, quantize

    limit = EXACT_LIMIT if exact_limit is None else exact_limit
    rows: list[list[tuple[int, float]]]
    if len(vectors) <= limit:
        idx, sims = nearest(vectors, vectors, k + 1)
        pairs = zip(idx.tolist(), sims.tolist(), strict=True)
        rows = [list(zip(a, b, strict=True)) for a, b in pairs]
    else:
        index = VectorIndex("batch", int(vectors.shape[1]), exact_limit=limit)
        index.add(range(len(vectors)), quantize(vectors))
        rows = index.search(vectors, k + 1)
    out: set[tuple[int, int]] = set()
    for i, row in enumerate(rows):
        for j, c in row:
            if c < floor:
                break
            if j != i:
                out.add((i, j) if i < j else (j, i))
    return out


def _vectors(matcher: Matcher, queries: Sequence[str], claims: Sequence[str]) -> np.ndarray | None:
    """The queries' vectors (each the normalised mean of the text as given and as cleaned)
    then the claims', in one array; each distinct text embedded once. ``None`` without a
    model."""
    from tracker.matching.querytext import clean_query

    n = len(queries)
    cleaned = [clean_query(q) for q in queries]
    vectors = matcher.vectors([*queries, *cleaned, *claims])
    if vectors is None:
        return None
    import numpy as np

    mean = vectors[:n] + vectors[n : 2 * n]
    mean /= np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12)
    return np.concatenate([mean, vectors[2 * n :]])


def rank(
    queries: Sequence[str],
    claims: Sequence[str],
    k: int = 10,
    *,
    matcher: Matcher | None = None,
) -> list[list[tuple[int, float]]]:
    """For each query, its best ``k`` claims as ``(claim index, score 0..100)``, best first.

    Each distinct text is embedded once (a query also as :func:`.querytext.clean_query`
    makes it). Candidates are the nearest claims in meaning and the best by BM25, merged;
    ties keep the claims' order.
    """
    from tracker.matching.score import default_matcher

    if matcher is None:
        matcher = default_matcher()
    if k <= 0 or not claims:
        return [[] for _ in queries]
    bm25 = Bm25([matcher.analyze(c).terms for c in claims])
    width = max(_CANDIDATES, 3 * k)
    vectors = _vectors(matcher, queries, claims)
    near_idx = near_cos = None
    if vectors is not None:
        qv, cv = vectors[: len(queries)], vectors[len(queries) :]
        near_idx, near_cos = nearest(qv, cv, width)
    out: list[list[tuple[int, float]]] = []
    for qi, query in enumerate(queries):
        lexical = bm25.scores(matcher.analyze(query).terms)
        best = max(lexical.values(), default=0.0)
        chosen = sorted(lexical, key=lambda d: (-lexical[d], d))[:width]
        if near_idx is None or near_cos is None:
            scored = [(d, 100.0 * lexical[d] / best) for d in chosen]
        else:
            import numpy as np

            candidates = set(chosen) | {int(d) for d in near_idx[qi]}
            ids = np.fromiter(candidates, dtype=np.int64, count=len(candidates))
            cos = vectors[len(queries) + ids] @ vectors[qi]  # type: ignore[index]
            scored = []
            for d, c in zip(ids.tolist(), cos.tolist(), strict=True):
                rel = lexical.get(d, 0.0) / best if best > 0.0 else 0.0
                s = 100.0 * (_W_COSINE * max(0.0, c) + (1.0 - _W_COSINE) * rel)
                scored.append((d, min(100.0, s)))
        scored.sort(key=lambda p: (-p[1], p[0]))
        out.append(scored[:k])
    return out
