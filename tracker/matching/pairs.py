"""All similar pairs in a batch of claims, without comparing every pair.

Prefix filtering over an inverted index: a pair can only reach threshold ``T`` if the
weighted overlap covers a fraction ``T/100`` of the lighter claim (the score never exceeds
that coverage). Sort each claim's terms rarest first; once the remaining terms weigh less
than that fraction, the pair must share one of the terms before them, its "prefix". So
each claim needs to look up only its prefix terms, and only claims at least as heavy as
itself. That is exact, and it is what small batches get. In a large batch a prefix reaches
into common terms whose posting lists are long, so probing stops at terms found in more
than ``exact_df`` claims, and claims are also blocked on pairs of their rarest terms (the
same event keeps its names and numbers however it is worded). Every candidate is scored
exactly; ``bench/matching.py`` measures the recall against brute force.
"""

from __future__ import annotations

import gc
import math
import multiprocessing
import os
import sys
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tracker.matching.aliases import AliasTable
from tracker.matching.hybrid import CANDIDATE_COSINE, prepared
from tracker.matching.normalize import analyze
from tracker.matching.score import (
    _COVER,
    _DICE,
    _NUMBER_PENALTY,
    SAME_THRESHOLD,
    Matcher,
    Profile,
    _hybrid_from,
    _kinds_and_keep,
    _lexical_kept,
    _numbers_clash,
    _score,
    _two_facts_disagree,
    default_matcher,
    hybrid_score,
)
from tracker.matching.weights import IdfTable

if TYPE_CHECKING:
    import numpy as np

__all__ = ["brute_force_pairs", "clustered_neighbour_pairs", "match_pairs", "match_profiles"]

# Rounding slack so float error never shortens a prefix below what the bound needs.
_SLACK = 1e-9
# Terms found in at most this many claims are probed exhaustively (exact prefix filtering).
_EXACT_DF = 16
# How many of a claim's rarest terms form its signature, and the largest bucket worth using.
_SIGNATURE = 5
# Signature terms are those in at most 1/_RARE_DIV of the batch.
_RARE_DIV = 30
_BUCKET_CAP = 40
# Batches this large are read in several processes; texts go to them in chunks this long.
_PARALLEL_FROM = 20_000
_CHUNK = 5_000
# Hybrid scoring: each text's nearest texts in meaning are candidates, and lexical blocks
# are probed at this share of the threshold, in its wide blocks. Ten neighbours, not
# thirty: the 11th to 30th neighbours were 60% of the candidates to score. On the bench's
# 100,000 synthetic claims, ten neighbours and the wide lexical blocks lose 101,000 of the
# 307,000 pairs thirty found, 6 of them tellings of one event (the rest: other events
# told alike, a name or a number apart), and find 11,000 more, 93 of them tellings of
# one event (same-event recall 0.956 -> 0.958; share of the pairs found that are tellings
# of one event 0.17 -> 0.24).
_NEIGHBOURS = 10
_LEXICAL_SHARE = 0.6
# Batches larger than this are embedded only if the caller brings the vectors.
_EMBED_LIMIT = 20_000
# Up to this many rows (the vector index's exact limit), a batch's meaning neighbours are
# found by exact search; above it, by clusters.
_EXACT_NEIGHBOURS = 20_000
# Meaning neighbours of a batch above the exact limit: centres probed per row, sample rows
# per centre for k-means, its rounds, and rows per block of matrix products.
_PROBES = 12
_SAMPLE_PER_CENTRE = 40
_KMEANS_ROUNDS = 6
_ROW_BLOCK = 8_192
# Hybrid candidate pairs are scored in several processes from this many.
_PARALLEL_PAIRS = 50_000
#: Whether worker processes can be forked here (they share the parent's indexes).
CAN_FORK = "fork" in multiprocessing.get_all_start_methods() and sys.platform != "win32"


@contextmanager
def _no_cycle_collector() -> Iterator[None]:
    """Python's cycle collector off for a batch (and the processes it forks), as it was
    after: a batch makes millions of objects, none in a cycle, and each of the collector's
    full passes walked every profile (and in a forked worker, copied the pages it
    touched). On the bench's 100,000 claims: 79.5 -> 62.2 CPU-s in all processes."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def match_pairs(
    texts: Sequence[str],
    threshold: float | None = None,
    *,
    matcher: Matcher | None = None,
    aliases: AliasTable | None = None,
    idf: IdfTable | None = None,
    workers: int | None = None,
    vectors: np.ndarray | None = None,
    neighbours: int = _NEIGHBOURS,
    keep_close: float | None = None,
) -> list[tuple[int, int, float]]:
    """Every pair ``(i, j, score)`` with ``i < j`` whose similarity reaches ``threshold``.

    ``threshold`` defaults to the one :func:`same_claim` uses. Sorted by ``(i, j)``.
    A large batch (from 20,000 texts) runs in ``workers`` processes (default: up to two;
    with vectors, as the pipeline of :func:`_hybrid_in_processes`); the result is the
    same whatever the number of workers.

    With an embedding model (or ``vectors``, one row per text, say from the database) the
    scores are hybrid and the candidates are the lexical blocks (at a lower threshold)
    together with each text's ``neighbours`` nearest texts in meaning, so a claim reworded
    with no shared word is still found. Without one, the lexical engine alone; and so for
    a batch of more than 20,000 distinct texts given without ``vectors`` (embedding them
    would take minutes: pass the stored vectors).

    ``keep_close`` (hybrid only): a candidate pair whose cosine reaches it and whose
    claims disagree on exactly one kind of fact is returned whatever its score. A
    conflict (one event told with another number, date or name) may score low as the
    same claim; these are the pairs a caller classifying conflicts must look at too.
    """
    close = math.inf if keep_close is None else keep_close
    with _no_cycle_collector():
        return _match_pairs(
            texts, threshold, matcher, aliases, idf, workers, vectors, neighbours, close
        )


def _match_pairs(
    texts: Sequence[str],
    threshold: float | None,
    matcher: Matcher | None,
    aliases: AliasTable | None,
    idf: IdfTable | None,
    workers: int | None,
    vectors: np.ndarray | None,
    neighbours: int,
    close: float,
) -> list[tuple[int, int, float]]:
    if matcher is None:
        matcher = default_matcher() if aliases is None and idf is None else Matcher(aliases, idf)
    unique = list(dict.fromkeys(texts))
    if workers is None:
        workers = min(2, os.cpu_count() or 1) if len(unique) >= _PARALLEL_FROM else 1
    threshold = SAME_THRESHOLD if threshold is None else threshold
    if vectors is None and len(unique) <= _EMBED_LIMIT:
        found = matcher.vectors(unique)
        if found is not None:
            row = {t: i for i, t in enumerate(unique)}
            vectors = found[[row[t] for t in texts]] if len(unique) < len(texts) else found
    if vectors is not None and len(vectors) != len(texts):
        raise ValueError(f"{len(vectors)} vectors for {len(texts)} texts")
    if (
        vectors is not None
        and threshold > 0.0
        and workers > 1
        and len(texts) >= _PARALLEL_FROM
        and CAN_FORK
    ):
        return _hybrid_in_processes(
            texts, unique, matcher, vectors, (threshold, close), workers, neighbours
        )
    if workers > 1 and len(unique) >= 2 * _CHUNK and CAN_FORK:
        read = _read_in_processes(unique, matcher, workers)
    else:
        read = [matcher.profile_terms(matcher.analyze(t)) for t in unique]
    by_text = dict(zip(unique, read, strict=True))
    profiles = [by_text[text] for text in texts]
    if vectors is None:
        return match_profiles(profiles, threshold, workers=workers)
    return _hybrid_pairs(texts, profiles, vectors, (threshold, close), workers, neighbours)


def _read_in_processes(unique: list[str], matcher: Matcher, workers: int) -> list[Profile]:
    """The profiles of ``unique``, read by ``workers - 1`` forked processes and this one:
    each text read once, in chunks; this process reads the last chunks itself, so only
    the others' profiles are pickled back (unpickling 100,000 took it seconds)."""
    ctx = multiprocessing.get_context("fork")
    chunks = [unique[i : i + _CHUNK] for i in range(0, len(unique), _CHUNK)]
    theirs = len(chunks) * (workers - 1) // workers
    with ctx.Pool(workers - 1) as pool:
        pending = pool.starmap_async(
            _profile_chunk, [(chunk, matcher.aliases, matcher.idf) for chunk in chunks[:theirs]]
        )
        mine = [_profile_chunk(chunk, matcher.aliases, matcher.idf) for chunk in chunks[theirs:]]
        parts = pending.get() + mine
    return [p for part in parts for p in part]


def _hybrid_pairs(
    texts: Sequence[str],
    profiles: Sequence[Profile],
    vectors: np.ndarray,
    limits: tuple[float, float],
    workers: int,
    neighbours: int,
) -> list[tuple[int, int, float]]:
    """The pairs reaching the threshold by the hybrid score, or kept as a conflict's
    candidates (``limits``: the threshold and ``keep_close``), among lexical and
    embedding candidates."""
    import numpy as np

    threshold, close = limits
    n = len(texts)
    if threshold <= 0.0:
        first, second = np.triu_indices(n, 1)
        keys = first.astype(np.int64) * n + second
    else:
        # A pair reaching the hybrid threshold nearly always either shares words enough for
        # a lower lexical threshold or is close in meaning (bench/matching_eval.py checks
        # this against scoring every pair).
        lexical = match_profiles(profiles, threshold * _LEXICAL_SHARE, workers=workers, wide=True)
        near = _neighbour_keys(vectors, neighbours)
        # one sorted array of pair keys (i * n + j) is the union, in (i, j) order
        keys = np.union1d(_keys(((i, j) for i, j, _ in lexical), n), near)
    batch = _Scoring(texts, profiles, vectors, [prepared(t) for t in texts], threshold, close)
    if workers > 1 and len(keys) >= _PARALLEL_PAIRS and CAN_FORK:
        global _SCORING
        _SCORING = batch
        try:
            ctx = multiprocessing.get_context("fork")
            step = -(-len(keys) // workers)
            with ctx.Pool(workers) as pool:
                parts = pool.map(
                    _score_shared, [keys[k : k + step] for k in range(0, len(keys), step)]
                )
        finally:
            _SCORING = None
        return [pair for part in parts for pair in part]
    return _score_keys(batch, keys)


@dataclass
class _Pipeline:
    """What the processes of one large hybrid batch share by fork."""

    vectors: np.ndarray
    neighbours: int
    blocks: _Blocks | None = None
    near: np.ndarray | None = None
    scoring: _Scoring | None = None


_PIPELINE: _Pipeline | None = None


def _hybrid_in_processes(
    texts: Sequence[str],
    unique: list[str],
    matcher: Matcher,
    vectors: np.ndarray,
    limits: tuple[float, float],
    workers: int,
    neighbours: int,
) -> list[tuple[int, int, float]]:
    """:func:`_hybrid_pairs` for a large batch, every part on every core: a forked helper
    finds the meaning neighbours (it needs only the vectors) while this process reads
    the texts and builds the lexical blocks (no profile is pickled between processes);
    then ``workers`` forked processes each probe a share of the blocks and score their
    lexical pairs with a share of the neighbour pairs (a pair both found is scored with
    the neighbours). The pairs and scores are :func:`_hybrid_pairs`'s, sorted the same.
    """
    global _PIPELINE
    threshold, close = limits
    ctx = multiprocessing.get_context("fork")
    _PIPELINE = shared = _Pipeline(vectors, neighbours)
    try:
        with ctx.Pool(1) as helper:
            pending = helper.apply_async(_pipeline_neighbours)
            # read as a small batch reads (surface words kept: nothing is pickled); a
            # matcher made to hold the batch keeps them, for whoever forks after
            # (tracker match --rebuild classifies the pairs in forked processes)
            if matcher.holds(len(unique)):
                read = [matcher.profile(t) for t in unique]
            else:
                read = [matcher.profile_terms(matcher.analyze(t)) for t in unique]
            by_text = dict(zip(unique, read, strict=True))
            profiles = [by_text[text] for text in texts]
            shared.blocks = _build_blocks(profiles, threshold * _LEXICAL_SHARE, wide=True)
            shared.scoring = _Scoring(
                texts, profiles, vectors, [prepared(t) for t in texts], threshold, close
            )
            shared.near = pending.get()
        with ctx.Pool(workers) as pool:
            parts = pool.starmap(_pipeline_share, [(k, workers) for k in range(workers)])
    finally:
        _PIPELINE = None
    out = [pair for part in parts for pair in part]
    out.sort()
    return out


def _pipeline_neighbours() -> np.ndarray:
    assert _PIPELINE is not None
    blas_threads(1)  # this helper's one process; the reading process has the other core
    return _neighbour_keys(_PIPELINE.vectors, _PIPELINE.neighbours)


def blas_threads(count: int | None = None) -> int | None:
    """Set (with ``count``) and return the number of threads numpy's OpenBLAS runs
    matrix products in, in this process; ``None`` where numpy has another BLAS.

    The neighbour search beside the reading process ran its products in two threads
    whose waits for each other cost CPU: 13.3 CPU-s on the bench's 100,000 claims against
    8.9 in one, while the reading process waited for the core. numpy offers no call for
    this, so it is asked of the OpenBLAS library numpy's wheels carry.
    """
    import ctypes

    import numpy as np

    folder = os.path.join(os.path.dirname(os.path.dirname(np.__file__)), "numpy.libs")
    try:
        names = sorted(f for f in os.listdir(folder) if f.startswith("libscipy_openblas"))
    except OSError:
        return None
    for name in names:
        try:
            lib = ctypes.CDLL(os.path.join(folder, name))
        except OSError:
            continue
        for suffix in ("64_", ""):
            setter = getattr(lib, f"scipy_openblas_set_num_threads{suffix}", None)
            getter = getattr(lib, f"scipy_openblas_get_num_threads{suffix}", None)
            if setter is not None and getter is not None:
                if count is not None:
                    setter(count)
                return int(getter())
    return None


def _pipeline_share(k: int, workers: int) -> list[tuple[int, int, float]]:
    """Worker ``k`` of ``workers``: the lexical pairs its ranks probe (those not among the
    neighbour pairs) and its share of the neighbour pairs, scored."""
    import numpy as np

    shared = _PIPELINE
    assert shared is not None and shared.blocks is not None
    assert shared.near is not None and shared.scoring is not None
    blocks, near = shared.blocks, shared.near
    n = len(blocks.order)
    ranks = range(k, len(blocks.order), workers)
    lexical = _keys(((i, j) for i, j, _ in _probe(blocks, ranks, set(near.tolist()))), n)
    step = -(-len(near) // workers)
    keys = np.union1d(lexical, near[k * step : (k + 1) * step])
    return _score_keys(shared.scoring, keys)


def _neighbour_keys(vectors: np.ndarray, neighbours: int) -> np.ndarray:
    """Each row's ``neighbours`` nearest rows in meaning (above the candidate cosine), as
    sorted pair keys: by exact search in a small batch, by clusters in a large one."""
    from tracker.matching.retrieval import neighbour_pairs

    n = len(vectors)
    if n <= _EXACT_NEIGHBOURS:
        return _keys(neighbour_pairs(vectors, neighbours, CANDIDATE_COSINE), n)
    return _clustered_neighbour_keys(vectors, neighbours, CANDIDATE_COSINE)


def _keys(pairs: Iterable[tuple[int, int]], n: int) -> np.ndarray:
    """Pairs ``(i, j)`` as sorted keys ``i * n + j``."""
    import numpy as np

    return np.sort(np.fromiter((i * n + j for i, j in pairs), dtype=np.int64))


def clustered_neighbour_pairs(
    vectors: np.ndarray,
    k: int,
    floor: float,
    *,
    probes: int = _PROBES,
    seed: int = 0,
) -> set[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, where ``j`` is among the ``k`` rows nearest ``i`` in
    meaning (or the reverse) with a cosine of at least ``floor``, searched by clusters.

    The rows are grouped around about sqrt(n) centres (a few rounds of k-means on a
    sample); each row is compared, in blocks of matrix products, with the rows whose
    nearest centre is one of its own ``probes`` nearest centres. Approximate like an HNSW
    graph, but a batch needs no graph built and searched row by row: on 100,000 vectors
    here, 20 CPU-s against 27 s to build a graph and 138 s to search it. Recall of the exact
    neighbour pairs: 0.996 on 20,000 real sentence vectors (the graph: 0.995), 0.968 on
    100,000 synthetic ones (``tests/unit/test_matching_scale.py`` checks it on small data).
    """
    n = len(vectors)
    keys = _clustered_neighbour_keys(vectors, k, floor, probes=probes, seed=seed)
    return set(zip((keys // n).tolist(), (keys % n).tolist(), strict=True))


def _clustered_neighbour_keys(
    vectors: np.ndarray,
    k: int,
    floor: float,
    *,
    probes: int = _PROBES,
    seed: int = 0,
) -> np.ndarray:
    """:func:`clustered_neighbour_pairs` as sorted keys ``i * n + j``.

    Each row's ``k + 1`` nearest (itself too) among the rows of its home cluster are
    found first: nothing less similar than the last of those can be among its nearest
    overall, so the blocks of the probed clusters keep only what reaches that bar (and
    ``floor``), and a row's survivors are few to rank.
    """
    import numpy as np

    x = np.ascontiguousarray(vectors, dtype=np.float32)
    n, width = len(x), k + 1  # each row finds itself too
    centres = _centres(x, max(1, round(math.sqrt(n))), seed)
    lists = len(centres)
    probes = min(probes, lists)
    near = _nearest_centres(x, centres, probes)
    home = near[:, 0]
    by_home = np.argsort(home, kind="stable")
    home_starts = np.searchsorted(home[by_home], np.arange(lists + 1))
    grouped = x[by_home]  # each cluster's rows side by side
    flat = near.ravel()
    by_probe = np.argsort(flat, kind="stable")
    probe_starts = np.searchsorted(flat[by_probe], np.arange(lists + 1))
    bar = np.full(n, floor, dtype=np.float32)
    for c in range(lists):
        size = home_starts[c + 1] - home_starts[c]
        if size > width:
            block = grouped[home_starts[c] : home_starts[c + 1]]
            kth = np.partition(block @ block.T, size - width, axis=1)[:, size - width]
            # the products of the probing pass may differ in the last bit
            bar[by_home[home_starts[c] : home_starts[c + 1]]] = np.maximum(kth - 1e-5, floor)
    found_rows, found_cols, found_sims = [], [], []
    for c in range(lists):
        block = grouped[home_starts[c] : home_starts[c + 1]]
        rows = by_probe[probe_starts[c] : probe_starts[c + 1]] // probes
        if not len(block) or not len(rows):
            continue
        sims = x[rows] @ block.T
        r, m = np.nonzero(sims >= bar[rows][:, None])
        found_rows.append(rows[r])
        found_cols.append(by_home[home_starts[c] + m])
        found_sims.append(sims[r, m])
    if not found_rows:
        return np.empty(0, dtype=np.int64)
    rows, cols = np.concatenate(found_rows), np.concatenate(found_cols)
    # by row, the nearest first: one sort of the row number plus a fraction under 1 that
    # falls as the cosine rises (exact in float64 for float32 cosines; twice as fast as
    # sorting by the two keys, in the same order)
    sims = np.clip(np.concatenate(found_sims), -1.0, 1.0).astype(np.float64)
    order = np.argsort(rows + (1.0 - sims) / 4.0, kind="stable")
    rows, cols = rows[order], cols[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, np.arange(n))[rows]
    keep = (rank < width) & (cols != rows)
    a, b = rows[keep], cols[keep]
    return np.unique(np.minimum(a, b) * n + np.maximum(a, b))


def _nearest_centres(x: np.ndarray, centres: np.ndarray, probes: int) -> np.ndarray:
    """Each row's ``probes`` nearest centres, the nearest (its home) first."""
    import numpy as np

    lists = len(centres)
    near = np.empty((len(x), probes), dtype=np.int64)
    for start in range(0, len(x), _ROW_BLOCK):
        sims = x[start : start + _ROW_BLOCK] @ centres.T
        if probes < lists:
            part = np.argpartition(-sims, probes - 1, axis=1)[:, :probes]
        else:
            part = np.tile(np.arange(lists), (len(sims), 1))
        order = np.argsort(-np.take_along_axis(sims, part, axis=1), axis=1, kind="stable")
        near[start : start + _ROW_BLOCK] = np.take_along_axis(part, order, axis=1)
    return near


def _centres(x: np.ndarray, lists: int, seed: int) -> np.ndarray:
    """``lists`` unit vectors spread over ``x``'s rows: k-means (cosine) on a sample."""
    import numpy as np

    rng = np.random.default_rng(seed)
    n = len(x)
    sample = x[rng.choice(n, min(n, lists * _SAMPLE_PER_CENTRE), replace=False)]
    lists = min(lists, len(sample))
    centres = sample[rng.choice(len(sample), lists, replace=False)].copy()
    for _ in range(_KMEANS_ROUNDS):
        assign = np.argmax(sample @ centres.T, axis=1)
        sums = np.zeros_like(centres)
        np.add.at(sums, assign, sample)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        filled = norms[:, 0] > 0.0
        centres[filled] = sums[filled] / norms[filled]
    return centres


@dataclass
class _Scoring:
    """What scoring a batch's candidate pairs needs, shared with worker processes by fork."""

    texts: Sequence[str]
    profiles: Sequence[Profile]
    vectors: np.ndarray
    prepared: list[str]
    threshold: float
    # pairs at least this close in meaning are kept whatever their score (match_pairs'
    # keep_close; infinity for none)
    close: float = math.inf


_SCORING: _Scoring | None = None
# Candidate pairs are scored in runs of this many (each run gathers two vector rows a pair).
_SCORE_RUN = 8_192


def _score_shared(keys: np.ndarray) -> list[tuple[int, int, float]]:
    assert _SCORING is not None
    return _score_keys(_SCORING, keys)


def _score_keys(batch: _Scoring, keys: np.ndarray) -> list[tuple[int, int, float]]:
    """The pairs (keys ``i * n + j``) whose hybrid score reaches the batch's threshold
    (or that may be a conflict, :func:`_maybe_conflict`), with their scores, in key order.

    What needs no profile is computed for a run of pairs at once, in C (rapidfuzz
    ``cpdist``): the cosines (one dot product a pair, as :func:`_score_pairs` takes it,
    so bit for bit the same), the ratio of the content texts the lexical score weighs
    word order by, and the two character ratios of the prepared texts. The best-part
    ratio costs the most, so it is left out for pairs already known to fall short: two
    claims that disagree on two kinds of fact never score above their lexical score.
    """
    import numpy as np

    n, vectors = len(batch.texts), batch.vectors
    profiles, threshold = batch.profiles, batch.threshold
    out: list[tuple[int, int, float]] = []
    for start in range(0, len(keys), _SCORE_RUN):
        run = keys[start : start + _SCORE_RUN]
        first, second = (run // n).tolist(), (run % n).tolist()
        cosines = np.matmul(vectors[first][:, None, :], vectors[second][:, :, None])[:, 0, 0]
        weighed: list[tuple[int, int, float, float, frozenset[str]]] = []
        for i, j, cosine in zip(first, second, cosines.tolist(), strict=True):
            x, y = profiles[i], profiles[j]
            if x.total <= 0.0 or y.total <= 0.0:
                if threshold <= 0.0:
                    out.append((i, j, 0.0))
                continue
            kinds, keep = _kinds_and_keep(x, y)
            if 100.0 * keep < threshold and _two_facts_disagree(kinds):
                continue  # the score is at most the lexical one, itself at most 100 * keep
            weighed.append((i, j, cosine, keep, kinds))
        orders = _ratios(
            [profiles[i].text for i, *_ in weighed], [profiles[j].text for _, j, *_ in weighed]
        )
        kept: list[tuple[int, int, float, float, frozenset[str]]] = []
        for (i, j, cosine, keep, kinds), order in zip(weighed, orders, strict=True):
            lexical = _lexical_kept(profiles[i], profiles[j], keep, order)
            if lexical < threshold and _two_facts_disagree(kinds):
                continue  # the score is at most the lexical one
            kept.append((i, j, cosine, lexical, kinds))
        out.extend(_score_kept(batch, kept))
    if threshold <= 0.0:
        out.sort()  # pairs of a claim of no weight were listed first
    return out


def _ratios(left: list[str], right: list[str], partial: bool = False) -> list[float]:
    """The character ratio (or the best-part ratio) of each pair of texts, 0..1."""
    import numpy as np
    from rapidfuzz import fuzz, process

    scorer = fuzz.partial_ratio if partial else fuzz.ratio
    found = process.cpdist(left, right, scorer=scorer, dtype=np.float64)
    found /= 100.0
    return list(found.tolist())


def _score_kept(
    batch: _Scoring, kept: list[tuple[int, int, float, float, frozenset[str]]]
) -> list[tuple[int, int, float]]:
    """The hybrid scores reaching the threshold among pairs whose cosine, lexical score
    and disagreeing kinds are known (in their order)."""
    texts, profiles, ready, threshold = batch.texts, batch.profiles, batch.prepared, batch.threshold
    keeping = batch.close < math.inf  # conflicts' candidates (a call a pair saved if not)
    left = [ready[i] for i, _, _, _, _ in kept]
    right = [ready[j] for _, j, _, _, _ in kept]
    ratios, partials = _ratios(left, right), _ratios(left, right, partial=True)
    out: list[tuple[int, int, float]] = []
    for (i, j, cosine, lexical, kinds), ratio, partial in zip(kept, ratios, partials, strict=True):
        # an empty prepared text compares as nothing (hybrid.compared)
        found = (ratio, partial) if ready[i] and ready[j] else (0.0, 0.0)
        s = _hybrid_from(
            profiles[i], profiles[j], cosine, (texts[i], texts[j]), lexical, kinds, found
        )
        if s >= threshold or (keeping and _maybe_conflict(batch, cosine, kinds)):
            out.append((i, j, s))
    return out


def _maybe_conflict(batch: _Scoring, cosine: float, kinds: frozenset[str]) -> bool:
    """Whether a pair below the threshold is kept as a conflict's candidate: close enough
    in meaning (the batch's ``close``), disagreeing on exactly one kind of fact (a conflict
    is one event told with one fact apart; see ``score._same_event``)."""
    return cosine >= batch.close and len(kinds) == 1


def _score_pairs(batch: _Scoring, pairs: Iterable[tuple[int, int]]) -> list[tuple[int, int, float]]:
    """The pairs whose hybrid score reaches the batch's threshold (or that may be a
    conflict), with their scores, one pair at a time (the reference :func:`_score_keys`
    is tested against)."""
    texts, profiles, vectors, ready = batch.texts, batch.profiles, batch.vectors, batch.prepared
    threshold = batch.threshold
    out: list[tuple[int, int, float]] = []
    for i, j in pairs:
        cosine = float(vectors[i] @ vectors[j])
        s = hybrid_score(
            profiles[i], profiles[j], cosine, (texts[i], texts[j]), (ready[i], ready[j])
        )
        kinds = _kinds_and_keep(profiles[i], profiles[j])[0]
        if s >= threshold or _maybe_conflict(batch, cosine, kinds):
            out.append((i, j, s))
    return out


def _profile_chunk(
    texts: list[str], aliases: AliasTable | None, idf: IdfTable | None
) -> list[Profile]:
    matcher = Matcher(aliases, idf, cache_size=0)
    out = []
    for text in texts:
        prof = matcher.profile_terms(analyze(text, aliases))
        # scores never read the surface words, so they need not travel between processes
        out.append(replace(prof, claim=replace(prof.claim, surface={})))
    return out


@dataclass
class _Blocks:
    """The candidate blocks of one batch, shared with worker processes by fork."""

    profiles: Sequence[Profile]
    order: list[int]
    rare_terms: list[list[str]]
    signatures: list[list[tuple[str, ...]]]
    postings: dict[str, list[int]]
    buckets: dict[tuple[str, ...], list[int]]
    threshold: float
    bucket_cap: int


_SHARED: _Blocks | None = None


def match_profiles(
    profiles: Sequence[Profile],
    threshold: float,
    *,
    exact_df: int = _EXACT_DF,
    signature: int = _SIGNATURE,
    bucket_cap: int = _BUCKET_CAP,
    workers: int = 1,
    wide: bool = False,
) -> list[tuple[int, int, float]]:
    """:func:`match_pairs` over profiles already weighed by one matcher.

    Candidates come from two blocks: (1) prefix filtering over terms found in at most
    ``exact_df`` claims, which alone is exact whenever no prefix term is commoner than that
    (always so for small batches); (2) claims sharing two of their ``signature`` rarest
    terms (a name and a number, two names...) among those in at most 1/30 of the claims,
    buckets larger than ``bucket_cap`` skipped. ``workers`` processes score the candidates.
    ``wide`` (the hybrid run's lexical block) adds the buckets of :func:`_anchor_keys` and
    :func:`_split_full_buckets`, for tellings of one event that share one rare term, or
    only rare terms that many other claims share too.
    """
    global _SHARED
    n = len(profiles)
    if threshold <= 0.0:
        return brute_force_pairs(profiles, threshold)
    blocks = _build_blocks(
        profiles,
        threshold,
        exact_df=exact_df,
        signature=signature,
        bucket_cap=bucket_cap,
        wide=wide,
    )
    if workers > 1 and n >= _PARALLEL_FROM and CAN_FORK:
        _SHARED = blocks
        try:
            ctx = multiprocessing.get_context("fork")
            with ctx.Pool(workers) as pool:
                parts = pool.starmap(_probe_share, [(k, workers) for k in range(workers)])
        finally:
            _SHARED = None
        out = [pair for part in parts for pair in part]
    else:
        out = _probe(blocks, range(n))
    out.sort()
    return out


def _build_blocks(
    profiles: Sequence[Profile],
    threshold: float,
    *,
    exact_df: int = _EXACT_DF,
    signature: int = _SIGNATURE,
    bucket_cap: int = _BUCKET_CAP,
    wide: bool = False,
) -> _Blocks:
    """The candidate blocks of :func:`match_profiles` (``threshold`` above 0)."""
    n = len(profiles)
    rare_df = max(exact_df, n // _RARE_DIV)
    # Claims in order of total weight (ties by position): each probes only heavier ones.
    order = sorted(range(n), key=lambda i: (profiles[i].total, i))
    df: dict[str, int] = {}
    for p in profiles:
        for t in p.terms:
            df[t] = df.get(t, 0) + 1
    postings: dict[str, list[int]] = {}
    buckets: dict[tuple[str, ...], list[int]] = {}
    rare_terms: list[list[str]] = [[] for _ in range(n)]
    signatures: list[list[tuple[str, ...]]] = [[] for _ in range(n)]
    count = df.__getitem__
    for r, i in enumerate(order):
        # rarest first, ties by the term (one stable sort over an alphabetical one)
        terms = sorted(sorted(profiles[i].terms), key=count)
        rare_terms[r] = terms
        for t in terms:
            if df[t] <= exact_df:
                postings.setdefault(t, []).append(r)  # ascending ranks
        keys: list[tuple[str, ...]] = list(_signature(terms, df, signature, rare_df))
        if wide:
            keys += _anchor_keys(terms, df, signature, rare_df)
        signatures[r] = keys
        for key in keys:
            buckets.setdefault(key, []).append(r)
    if wide:
        _split_full_buckets(buckets, signatures, df, rare_df, bucket_cap)
    return _Blocks(
        profiles, order, rare_terms, signatures, postings, buckets, threshold, bucket_cap
    )


def _probe_share(k: int, workers: int) -> list[tuple[int, int, float]]:
    assert _SHARED is not None
    return _probe(_SHARED, range(k, len(_SHARED.order), workers))


def _probe(
    blocks: _Blocks, ranks: Iterable[int], known: set[int] | frozenset[int] = frozenset()
) -> list[tuple[int, int, float]]:
    """The pairs reaching the threshold among the candidates of the claims at ``ranks``,
    leaving out the pairs whose keys (``i * n + j``, ``i < j``) are ``known``: a hybrid
    batch scores its neighbour pairs anyway."""
    profiles, order, threshold = blocks.profiles, blocks.order, blocks.threshold
    n = len(order)
    postings, buckets = blocks.postings, blocks.buckets
    need = min(threshold / 100.0, 1.0)
    out: list[tuple[int, int, float]] = []
    for r in ranks:
        i = order[r]
        x = profiles[i]
        if x.total <= 0.0:
            continue
        weights = x.weights
        rest = x.total
        bound = need * x.total * (1.0 - _SLACK)
        candidates: set[int] = set()
        terms = blocks.rare_terms[r]
        for t in terms:
            if rest < bound:
                break
            plist = postings.get(t)
            if plist is None:
                break  # commoner than exact_df: the prefix block ends here
            start = bisect_right(plist, r)
            if start < len(plist):
                candidates.update(plist[start:])
            rest -= weights[t]
        for key in blocks.signatures[r]:
            bucket = buckets[key]
            if 1 < len(bucket) <= blocks.bucket_cap:
                candidates.update(bucket[bisect_right(bucket, r) :])  # ranks ascend
        xterms, xtotal, getw, xnumbers = x.terms, x.total, weights.__getitem__, x.numbers
        for c in candidates:
            j = order[c]
            if known and (i * n + j if i < j else j * n + i) in known:
                continue
            y = profiles[j]
            # A cheap bound first: the shared weight counted with this claim's weights is
            # never below the score's own (which takes the smaller weight of each term).
            shared = xterms & y.terms
            if not shared:
                continue
            upper = sum(map(getw, shared)) * (1.0 + _SLACK)
            ytotal = y.total
            small = xtotal if xtotal < ytotal else ytotal
            bound = 100.0 * (_COVER * upper / small + _DICE * 2.0 * upper / (xtotal + ytotal))
            if bound < threshold:
                continue
            # numbers that disagree both ways take their discount whatever else agrees
            yn = y.numbers
            if (
                xnumbers
                and yn
                and not xnumbers <= yn
                and not yn <= xnumbers
                and (bound * (1.0 - _NUMBER_PENALTY) < threshold)
                and _numbers_clash(x, y)
            ):
                continue
            # the discounts next: the score is at most the bound times the share they keep
            keep = _kinds_and_keep(x, y)[1]
            if bound * keep < threshold:
                continue
            s = _lexical_kept(x, y, keep)  # _score's, in the same steps
            if s >= threshold:
                out.append((i, j, s) if i < j else (j, i, s))
    return out


def _signature(
    terms: list[str], df: dict[str, int], size: int, rare_df: int
) -> list[tuple[str, str]]:
    """Bucket keys for a claim: pairs of its rarest terms (or its one rare term alone)."""
    sig = [t for t in terms[:size] if 1 < df[t] <= rare_df]
    if len(sig) == 1:
        return [(sig[0], "")]
    return [(a, b) if a < b else (b, a) for n, a in enumerate(sig) for b in sig[n + 1 :]]


def _split_full_buckets(
    buckets: dict[tuple[str, ...], list[int]],
    signatures: list[list[tuple[str, ...]]],
    df: dict[str, int],
    rare_df: int,
    cap: int,
) -> None:
    """Give the claims of a bucket too full to probe buckets of three rare terms.

    In a big batch two rare terms can still be shared by many claims ("Indonesia" and
    "Bolivia" in a hundred claims of 100,000), so their bucket is skipped, and two
    tellings of one event that share them, and nothing rarer, never meet. Each claim of
    such a bucket is also put in the buckets of three of its signature's rare terms
    ("bolivia", "democratic", "indonesia"), which hold only the claims sharing all three.
    """
    split: dict[tuple[str, ...], list[int]] = {}
    full = {k for k, bucket in buckets.items() if len(bucket) > cap and len(k) == 2 and k[1]}
    for r, keys in enumerate(signatures):
        if full.isdisjoint(keys):
            continue
        rare = sorted({t for k in keys if len(k) == 2 and k[1] for t in k if df[t] <= rare_df})
        for x, a in enumerate(rare):
            for y in range(x + 1, len(rare)):
                for c in rare[y + 1 :]:
                    wider = (a, rare[y], c)
                    split.setdefault(wider, []).append(r)  # ranks ascend: r does
                    keys.append(wider)
    buckets.update(split)


def _anchor_keys(
    terms: list[str], df: dict[str, int], size: int, rare_df: int
) -> list[tuple[str, str]]:
    """Bucket keys pairing a claim's rarest term with each commoner term among its
    ``size`` rarest (in more than ``rare_df`` claims, so in none of :func:`_signature`'s
    keys).

    Two tellings of one event meet in a signature bucket only if they share two rare
    terms. "Hundreds of demonstrators rallied at Japan's embassy in Tokyo" and "Protesters
    gathered outside the Japan embassy in Tokyo" share one ("japan"); each has another
    ("hundreds", "gathered") the other lacks, and their shared words ("embassy",
    "protest") are too common for a signature. Paired with their rarest term they meet
    ("embassy" and "japan"), in a bucket no larger than the rare term's own. On the
    bench's 100,000 synthetic claims this adds 6% more lexical pairs for no measurable
    time.
    """
    top = [t for t in terms if df[t] > 1][:size]
    if not top or df[top[0]] > rare_df:
        return []
    a = top[0]
    return [(a, b) if a < b else (b, a) for b in top[1:] if df[b] > rare_df]


def brute_force_pairs(
    profiles: Sequence[Profile], threshold: float
) -> list[tuple[int, int, float]]:
    """Every pair compared: the reference :func:`match_pairs` is measured against.

    Each pair is first bounded by the number of terms the two share times the heaviest
    term weight (a bit-set AND, cheap); only pairs whose bound reaches the threshold are
    scored in full. The bound never undercuts the score, so the result is exact.
    """
    n = len(profiles)
    if threshold <= 0.0:
        return [(i, j, _score(profiles[i], profiles[j])) for i in range(n) for j in range(i + 1, n)]
    ids: dict[str, int] = {}
    bits: list[int] = []
    heaviest = 0.0
    for p in profiles:
        mask = 0
        for t in p.terms:
            mask |= 1 << ids.setdefault(t, len(ids))
        bits.append(mask)
        if p.weights:
            heaviest = max(heaviest, max(p.weights.values()))
    need = threshold / 100.0 * (1.0 - _SLACK)
    totals = [p.total for p in profiles]
    out: list[tuple[int, int, float]] = []
    for i in range(n):
        bi, ti, x = bits[i], totals[i], profiles[i]
        if ti <= 0.0:
            continue
        for j in range(i + 1, n):
            shared = (bi & bits[j]).bit_count()
            if shared and shared * heaviest >= need * min(ti, totals[j]):
                s = _score(x, profiles[j], threshold)
                if s >= threshold:
                    out.append((i, j, s))
    return out
