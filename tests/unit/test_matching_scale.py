"""Matching at scale: the batch's shortcuts give what the plain computation gives."""

from __future__ import annotations

import gc
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tracker.matching.pairs as pairs_module
from tracker.matching import Matcher, match_pairs
from tracker.matching.hybrid import prepared
from tracker.matching.pairs import brute_force_pairs, clustered_neighbour_pairs, match_profiles
from tracker.matching.retrieval import neighbour_pairs
from tracker.matching.score import (
    Profile,
    _clashing_numbers,
    _lexical_and_kinds,
    _numbers_clash,
    _score,
    _two_facts_disagree,
    _verdict,
    hybrid_score,
)

LEXICAL = Matcher(embeddings=False)
WORDS = (
    "Ferry fares rose fell 12 14 percent on Monday Tuesday in Harwick Dunmore the port "
    "authority said did not deny officials council vote win lose banned allowed".split()
)
sentences = st.lists(st.sampled_from(WORDS), min_size=0, max_size=10).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(sentences, sentences, st.floats(-0.2, 1.0))
def test_the_batch_hybrid_score_is_the_verdicts(a: str, b: str, cosine: float) -> None:
    x, y = LEXICAL.profile(a), LEXICAL.profile(b)
    expected = _verdict(x, y, cosine, (a, b)).score
    assert hybrid_score(x, y, cosine, (a, b)) == expected
    assert hybrid_score(x, y, cosine, (a, b), (prepared(a), prepared(b))) == expected


def _clustered(n: int, dim: int = 24, groups: int = 30, seed: int = 5) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(groups, dim))
    rows = centres[rng.integers(0, groups, size=n)] + 0.4 * rng.normal(size=(n, dim))
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_clustered_neighbours_probing_every_centre_are_the_exact_ones() -> None:
    vectors = _clustered(400)
    exact = neighbour_pairs(vectors, 6, 0.3)
    assert exact
    assert clustered_neighbour_pairs(vectors, 6, 0.3, probes=400) == exact


def test_clustered_neighbours_find_nearly_all_exact_ones() -> None:
    vectors = _clustered(3000)
    exact = neighbour_pairs(vectors, 10, 0.3)
    found = clustered_neighbour_pairs(vectors, 10, 0.3)
    assert len(found & exact) >= 0.95 * len(exact)
    assert all(i < j for i, j in found)
    cosines = [float(vectors[i] @ vectors[j]) for i, j in found]
    assert min(cosines) >= 0.3


def _batch(n: int) -> tuple[list[str], np.ndarray]:
    towns = ["Harwick", "Dunmore", "Elston", "Farrow", "Glenby", "Hollin"]
    texts = [
        f"Ferry fares in {towns[k % 6]} rose {k % 7 + 3} percent on Monday, the port said."
        if k % 3
        else f"The port said fares for the {towns[k % 6]} ferry went up {k % 7 + 3} percent."
        for k in range(n)
    ]
    return texts, _clustered(n, groups=12)


def _blocked(profiles: list[Profile], *, wide: bool) -> dict[tuple[int, int], float]:
    """The pairs the lexical blocks find at 30 with tiny buckets (every term rare)."""
    found = match_profiles(profiles, 30, exact_df=1, bucket_cap=3, wide=wide)
    return {(i, j): s for i, j, s in found}


def test_hybrid_pairs_scored_in_two_processes_equal_one(monkeypatch: pytest.MonkeyPatch) -> None:
    texts, vectors = _batch(120)
    monkeypatch.setattr(pairs_module, "_PARALLEL_PAIRS", 10)
    single = match_pairs(texts, 40, matcher=LEXICAL, vectors=vectors, workers=1)
    assert single
    assert match_pairs(texts, 40, matcher=LEXICAL, vectors=vectors, workers=2) == single


@pytest.mark.parametrize("exact_limit", [20_000, 100])
def test_a_large_hybrid_batch_in_processes_equals_one_process(
    monkeypatch: pytest.MonkeyPatch, exact_limit: int
) -> None:
    # each fare rise told twice (a rare number for the lexical blocks), vectors apart
    towns = ["Harwick", "Dunmore", "Elston", "Farrow", "Glenby", "Hollin"]
    texts = []
    for k in range(150):
        texts.append(
            f"Ferry fares in {towns[k % 6]} rose {k + 3} percent on Monday, the port said."
        )
        texts.append(f"The port said fares for the {towns[k % 6]} ferry went up {k + 3} percent.")
    texts[5] = texts[4]  # a text said twice
    vectors = _clustered(len(texts), groups=12)
    monkeypatch.setattr(pairs_module, "_EXACT_NEIGHBOURS", exact_limit)
    single = match_pairs(texts, 40, matcher=LEXICAL, vectors=vectors, workers=1)
    # found by wording alone, and by meaning alone
    near = set(pairs_module._neighbour_keys(vectors, pairs_module._NEIGHBOURS).tolist())
    by_meaning = {i * len(texts) + j for i, j, _ in single} & near
    assert 0 < len(by_meaning) < len(single)
    monkeypatch.setattr(pairs_module, "_PARALLEL_FROM", 100)
    calls: list[int] = []
    pipeline = pairs_module._hybrid_in_processes

    def counted(*args: object) -> list[tuple[int, int, float]]:
        calls.append(1)
        return pipeline(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(pairs_module, "_hybrid_in_processes", counted)
    assert match_pairs(texts, 40, matcher=LEXICAL, vectors=vectors, workers=2) == single
    assert calls  # the batch took the path in processes


def test_a_batch_above_the_exact_limit_takes_clustered_neighbours(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts, vectors = _batch(300)
    exact = match_pairs(texts, 40, matcher=LEXICAL, vectors=vectors)
    monkeypatch.setattr(pairs_module, "_EXACT_NEIGHBOURS", 100)
    clustered = match_pairs(texts, 40, matcher=LEXICAL, vectors=vectors)
    assert len(set(clustered) & set(exact)) >= 0.95 * len(exact)
    # whichever way a pair was found, its score is the same
    scores = dict(((i, j), s) for i, j, s in exact)
    assert all(scores[(i, j)] == s for i, j, s in clustered if (i, j) in scores)


@pytest.mark.parametrize(
    ("dtype", "threshold", "close"),
    [
        (np.float32, 0.0, math.inf),
        (np.float64, 0.0, math.inf),
        (np.float32, 5.0, math.inf),
        (np.float32, 60.0, 0.5),
    ],
)
def test_pairs_scored_by_runs_equal_pairs_scored_one_at_a_time(
    monkeypatch: pytest.MonkeyPatch, dtype: type, threshold: float, close: float
) -> None:
    texts, vectors = _batch(60)
    # a text with no letters left to compare, a text said twice, a claim of no weight
    texts[7], texts[9], texts[11] = "...", texts[3], "the"
    profiles = [LEXICAL.profile(t) for t in texts]
    batch = pairs_module._Scoring(
        texts, profiles, vectors.astype(dtype), [prepared(t) for t in texts], threshold, close
    )
    n = len(texts)
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    keys = np.array([i * n + j for i, j in pairs], dtype=np.int64)
    monkeypatch.setattr(pairs_module, "_SCORE_RUN", 97)  # runs that end mid-row
    by_runs = pairs_module._score_keys(batch, keys)
    one_at_a_time = pairs_module._score_pairs(batch, pairs)
    assert by_runs == one_at_a_time
    if threshold <= 0.0:
        assert len(by_runs) == len(keys)
    elif close < math.inf:
        # pairs kept below the threshold as conflicts' candidates, one fact apart
        assert any(s < threshold for _, _, s in by_runs)
        assert any(s >= threshold for _, _, s in by_runs)
    else:
        # pairs left unscored for two disagreeing facts, and such pairs that still count
        # (their lexical scores are low: a threshold of 5 has both)
        two = [
            (i, j)
            for i, j in pairs
            if _two_facts_disagree(_lexical_and_kinds(profiles[i], profiles[j])[1])
        ]
        lexical = {(i, j): _score(profiles[i], profiles[j]) for i, j in two}
        assert any(s < threshold for s in lexical.values())
        assert any(s >= threshold for s in lexical.values())
        assert any((i, j) in lexical for i, j, _ in by_runs)


def test_pairs_left_unweighed_for_two_facts_are_those_one_at_a_time_drops(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # above 25, a pair disagreeing on two kinds of fact is dropped before its words are
    # weighed (its discounts keep at most a quarter); the result must not change
    texts, vectors = _batch(60)
    # one fact and a negation apart, alike in meaning: discounted as deeply as two facts,
    # but the blend may lift it, so it must be weighed
    texts[1] = "Ferry fares in Harwick rose 12 percent on Monday, the port said."
    texts[2] = "Ferry fares in Harwick did not rise 14 percent on Monday, the port said."
    vectors[2] = vectors[1]
    profiles = [LEXICAL.profile(t) for t in texts]
    n = len(texts)
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    keys = np.array([i * n + j for i, j in pairs], dtype=np.int64)
    monkeypatch.setattr(pairs_module, "_SCORE_RUN", 97)
    for threshold in (26.0, 40.0):
        batch = pairs_module._Scoring(
            texts, profiles, vectors, [prepared(t) for t in texts], threshold
        )
        by_runs = pairs_module._score_keys(batch, keys)
        assert by_runs
        assert by_runs == pairs_module._score_pairs(batch, pairs)
    two = [
        (i, j)
        for i, j in pairs
        if _two_facts_disagree(_lexical_and_kinds(profiles[i], profiles[j])[1])
    ]
    assert two
    assert max(_score(profiles[i], profiles[j]) for i, j in two) <= 25.0


@settings(max_examples=300, deadline=None)
@given(sentences, sentences)
def test_numbers_clash_when_both_clashing_sets_hold_one(a: str, b: str) -> None:
    x, y = LEXICAL.profile(a), LEXICAL.profile(b)
    assert _numbers_clash(x, y) == all(_clashing_numbers(x, y))


@pytest.mark.parametrize("workers", [2, 3])
def test_texts_read_by_helpers_and_this_process_are_read_in_order(
    monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    texts, _ = _batch(230)
    unique = list(dict.fromkeys(texts))
    monkeypatch.setattr(pairs_module, "_CHUNK", 17)  # a last chunk shorter than the rest
    read = pairs_module._read_in_processes(unique, LEXICAL, workers)
    assert read == pairs_module._profile_chunk(unique, LEXICAL.aliases, LEXICAL.idf)


def test_anchored_buckets_meet_tellings_sharing_one_rare_term() -> None:
    # Each telling has one rare word of its own ("dock", "staff") beside the rare town, so
    # their signature buckets differ; the words they share besides the town are common.
    towns = ["Arlow", "Bexmere", "Corrin", "Dunhal", "Eskton", "Fallow"]
    towns += ["Garrby", "Hestle", "Ilford", "Jarrow", "Kelso", "Lidney"]
    texts = [
        "Dock workers in Velmora began a strike at the ferry port, the union said.",
        "Velmora ferry port staff went on strike, according to the union.",
        "Dock cranes in Morrow were repaired.",
        "Dock fees rose in Pellin.",
        "Hospital staff in Quarry were praised.",
        "Staff at the Renton library were thanked.",
        "Velmora opened a museum.",
        "Velmora hosted a fair.",
        "Velmora won a prize.",
    ]
    for town in towns:
        texts += [
            f"A strike shut the ferry port in {town} for a day.",
            f"The ferry port of {town} reopened after the strike ended.",
            f"Ferry crossings from {town} port resumed once the strike was called off.",
        ]
    texts += [
        f"The council of {towns[k % 12]} set its budget at {k + 100} thousand." for k in range(110)
    ]
    profiles = [LEXICAL.profile(t) for t in texts]
    truth = {(i, j): s for i, j, s in brute_force_pairs(profiles, 30)}
    assert (0, 1) in truth

    plain, anchored = _blocked(profiles, wide=False), _blocked(profiles, wide=True)
    assert (0, 1) not in plain
    assert anchored[(0, 1)] == truth[(0, 1)]
    assert plain.items() <= anchored.items() <= truth.items()


def test_wide_blocks_split_buckets_too_full_by_a_third_rare_term() -> None:
    # The tellings share three rare names and nothing else; each two of the names are
    # shared by more claims than a bucket may hold, the three by the tellings alone.
    texts = ["Quenby met Tarrow in Lusk.", "Lusk hosted Tarrow and Quenby."]
    for a, b in (("Quenby", "Tarrow"), ("Quenby", "Lusk"), ("Tarrow", "Lusk")):
        texts += [f"{a} and {b} opened a bridge.", f"{a} and {b} closed a school."]
        texts.append(f"{a} and {b} built a road.")
    texts += [f"The council of Harwick set its budget at {k + 100} thousand." for k in range(230)]
    profiles = [LEXICAL.profile(t) for t in texts]
    truth = {(i, j): s for i, j, s in brute_force_pairs(profiles, 30)}

    plain, wide = _blocked(profiles, wide=False), _blocked(profiles, wide=True)
    assert (0, 1) not in plain
    assert wide[(0, 1)] == truth[(0, 1)]
    assert plain.items() <= wide.items() <= truth.items()


def test_a_batch_runs_without_the_cycle_collector_and_restores_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts, vectors = _batch(60)
    seen: list[bool] = []
    scoring = pairs_module._score_keys

    def watched(*args: object) -> list[tuple[int, int, float]]:
        seen.append(gc.isenabled())
        return scoring(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(pairs_module, "_score_keys", watched)
    assert gc.isenabled()
    found = match_pairs(texts, 40, matcher=LEXICAL, vectors=vectors, workers=1)
    assert seen == [False]
    assert gc.isenabled()
    gc.disable()
    try:
        assert match_pairs(texts, 40, matcher=LEXICAL, vectors=vectors, workers=1) == found
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def _threads_after_one() -> tuple[int | None, int | None]:
    before = pairs_module.blas_threads()
    return before, pairs_module.blas_threads(1)


@pytest.mark.skipif(not pairs_module.CAN_FORK, reason="needs fork")
def test_the_neighbour_helper_can_run_its_products_in_one_thread() -> None:
    import multiprocessing

    if pairs_module.blas_threads() is None:
        pytest.skip("numpy has no OpenBLAS of its own here")
    with multiprocessing.get_context("fork").Pool(1) as pool:
        before, after = pool.apply(_threads_after_one)
    assert before is not None and before >= 1
    assert after == 1
    assert pairs_module.blas_threads() == before  # this process untouched


def test_keep_close_hands_over_a_conflict_below_the_threshold() -> None:
    # one budget, two sums, other words: below 35 as the same claim, close in meaning
    from tracker.matching import default_matcher

    texts = [
        "The city council in Farrow approved a budget of 4 million for the bridge repairs "
        "on Monday",
        "Farrow's mayor signed off on a budget of 9 million for the bridge repairs",
        "Snow closed the mountain pass for a third day",
        # one event, a sum and a day apart: two facts, never a conflict, so not handed over
        "The city council in Farrow approved a budget of 7 million for the bridge repairs "
        "on Friday",
    ]
    matcher = default_matcher()
    vectors = matcher.vectors(texts)
    assert vectors is not None
    plain = match_pairs(texts, 35, matcher=matcher, vectors=vectors)
    kept = match_pairs(texts, 35, matcher=matcher, vectors=vectors, keep_close=0.58)
    assert (0, 1) not in {(i, j) for i, j, _ in plain}
    assert {(i, j) for i, j, _ in plain} < {(i, j) for i, j, _ in kept}
    scores = {(i, j): s for i, j, s in kept}
    assert scores[(0, 1)] < 35
    assert (0, 3) not in scores
    assert all((i, j) != (0, 2) for i, j in scores)


def test_a_matcher_made_to_hold_the_batch_keeps_the_profiles_the_pipeline_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # tracker match --rebuild forks its classifiers after match_pairs: they must find every
    # profile read already, not read each claim again
    texts, vectors = _batch(120)
    monkeypatch.setattr(pairs_module, "_PARALLEL_FROM", 10)
    roomy = Matcher(embeddings=False, cache_size=len(texts))
    small = Matcher(embeddings=False, cache_size=len(set(texts)) - 1)
    assert match_pairs(texts, 40, matcher=roomy, vectors=vectors, workers=2)
    match_pairs(texts, 40, matcher=small, vectors=vectors, workers=2)
    assert set(roomy._cache) == set(texts)
    assert not small._cache  # one that cannot hold them all is left as it was
