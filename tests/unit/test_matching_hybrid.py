"""Hybrid matching: sentence embeddings beside the lexical engine, and the fallback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import SAMPLE_DATA
from tracker import store as st
from tracker.matching import (
    LINK_THRESHOLD,
    SAME_THRESHOLD,
    AliasTable,
    Matcher,
    analyze,
    classify,
    embedding,
    explain,
    learn_aliases,
    match_pairs,
    rank,
    same_claim,
    similarity,
)
from tracker.matching.hybrid import CANDIDATE_COSINE
from tracker.matching.retrieval import Bm25, nearest, neighbour_pairs
from tracker.models import claim_table, match_table
from tracker.store import matches
from tracker.vocab import MatchKind

HTS = "Qatar has been in touch with HTS."
HTS_REWORDED = "Doha has had contacts with the rebel group."
UNRELATED = [
    "The central bank raised interest rates by half a point.",
    "Police arrested three men after the robbery on Tuesday.",
    "The city council approved a new budget for road repairs.",
    "Heavy snow closed the mountain pass for a second day.",
]
PARAPHRASES = [
    (
        "The mayor said the bridge would reopen to traffic in March.",
        "Traffic will be able to use the bridge again from March, according to the mayor.",
    ),
    (
        "Health officials reported 40 new cases of measles in the region last week.",
        "Forty more people caught measles in the region last week, health officials said.",
    ),
]
LEXICAL = Matcher(embeddings=False)


def test_known_paraphrases_score_above_unrelated_sentences() -> None:
    for a, b in PARAPHRASES:
        assert same_claim(a, b)
        assert similarity(a, b) == similarity(b, a)
        assert similarity(a, b) > max(similarity(a, u) for u in UNRELATED) + 30


def test_the_reworded_claim_outranks_unrelated_claims() -> None:
    score = similarity(HTS, HTS_REWORDED)
    assert score > max(similarity(HTS, u) for u in UNRELATED) + 10
    claims = [*UNRELATED[:2], HTS_REWORDED, *UNRELATED[2:]]
    ranked = rank([HTS], claims, k=3)
    assert ranked[0][0][0] == 2


def test_the_reworded_claim_is_a_candidate_in_match_pairs() -> None:
    texts = [HTS, *UNRELATED, HTS_REWORDED]
    vectors = embedding.get_encoder().encode(texts)  # type: ignore[union-attr]
    near = neighbour_pairs(vectors, 2, CANDIDATE_COSINE)
    assert (0, len(texts) - 1) in near
    assert not [p for p in near if 0 in p and len(texts) - 1 not in p]
    low = 15.0
    pairs = {(i, j) for i, j, _ in match_pairs(texts, low)}
    assert (0, len(texts) - 1) in pairs
    # every pair found scores as similarity() says
    for i, j, s in match_pairs(texts, low):
        assert s == pytest.approx(similarity(texts[i], texts[j]))


def test_match_pairs_agrees_with_scoring_every_pair() -> None:
    texts = [a for pair in PARAPHRASES for a in pair] + UNRELATED + [HTS, HTS_REWORDED]
    found = match_pairs(texts)
    every = [
        (i, j, similarity(texts[i], texts[j]))
        for i in range(len(texts))
        for j in range(i + 1, len(texts))
    ]
    expected = [(i, j) for i, j, s in every if s >= SAME_THRESHOLD]
    assert [(i, j) for i, j, _ in found] == expected
    assert {(0, 1), (2, 3)} <= set(expected)


def test_explanations_say_what_the_embedding_contributed() -> None:
    why = explain(*PARAPHRASES[0])
    assert why.cosine is not None and why.cosine > 0.6
    assert "meaning" in why.summary() and "embedding" in why.summary()
    assert why.to_dict()["cosine"] == pytest.approx(why.cosine, abs=1e-4)
    assert why.to_dict()["lexical"] is not None


def test_negation_is_never_the_same_claim_however_close_the_meaning() -> None:
    a = "The ministry confirmed the talks took place."
    b = "The ministry did not confirm the talks took place."
    kind, _, _ = classify(a, b)
    assert kind is MatchKind.CONFLICT
    assert not same_claim(a, b)


def test_claims_of_one_shape_about_other_places_and_days_are_not_the_same_claim() -> None:
    # Sentence vectors see the shape: two reports of different floods are close in meaning.
    a = "Floods in Riverton forced 300 families from their homes on Monday, officials said."
    b = "Floods in Lakeside forced 120 families from their homes on Thursday, officials said."
    why = explain(a, b)
    assert why.cosine is not None and why.cosine > 0.8
    assert {"name", "number", "date"} <= {d.kind for d in why.disagreements}
    assert not same_claim(a, b)
    assert similarity(a, b) == pytest.approx(LEXICAL.similarity(a, b))
    assert match_pairs([a, b]) == []
    # one kind of fact told differently is left to the blend: still the same claim
    c = "Floods in Riverton drove 300 families out of their homes on Monday, officials said."
    assert same_claim(a, c)


def test_numbers_that_count_different_things_do_not_conflict() -> None:
    a = (
        "His appointment comes two days after Bashar al-Assad flew to Moscow, ending "
        "13 years of civil war and half a century of rule by his family"
    )
    b = (
        "Assad fled to Russia, after 13 years of civil war and more than 50 years of his "
        "family's rule"
    )
    kind, _, why = classify(a, b)
    assert kind is not MatchKind.CONFLICT
    assert not any(d.kind == "number" for d in why.disagreements)
    # the same count disagreeing is still a conflict
    kind, _, why = classify(a.replace("13 years", "11 years"), b)
    assert kind is MatchKind.CONFLICT
    assert any(d.kind == "number" and "11" in d.a for d in why.disagreements)


def test_another_party_with_little_else_shared_is_not_a_conflict() -> None:
    aliases = AliasTable(
        learn_aliases(
            "Qatari diplomats spoke with Syria's leading rebel faction, Hayat Tahrir "
            "al-Sham (HTS), on Monday."
        )
    )
    a = "Tehran had held any talks with HTS"
    b = "Qatari diplomats had spoken with Hayat Tahrir al-Sham on Monday"
    kind, _, _ = classify(a, b, aliases=aliases)
    assert kind is not MatchKind.CONFLICT


def test_a_name_beside_its_alias_is_said_once_and_two_other_parties_are_two_events() -> None:
    aliases = AliasTable(learn_aliases((SAMPLE_DATA / "reuters_qatar_hts.txt").read_text()))
    a = (
        "Qatar's diplomats held talks on Monday with Hayat Tahrir al-Sham, the rebel group "
        "whose advance swept Bashar al-Assad from power"
    )
    b = "Qatari diplomats spoke with Syria's leading rebel faction, Hayat Tahrir al-Sham, on Monday"
    assert analyze(b, aliases).terms.count("hayat") == 1
    kind, _, _ = classify(a, b, aliases=aliases)
    assert kind is MatchKind.SAME
    # Idlib against Qatar and HTS: not one party swapped for another, so no conflict
    a = "Mohamed al-Bashir, who ran the rebel administration in Idlib, was appointed to lead"
    b = "Qatar will speak with Mohamed al-Bashir, an HTS leader, after he was appointed to lead"
    kind, _, why = classify(a, b, aliases=aliases)
    assert kind is not MatchKind.CONFLICT
    assert [d.b for d in why.disagreements if d.kind == "name"] == [("HTS", "Qatar")]
    # one party swapped is still a conflict
    kind, _, _ = classify(a, a.replace("Idlib", "Aleppo"), aliases=aliases)
    assert kind is MatchKind.CONFLICT


def test_no_false_conflicts_on_the_sample_stories(store: st.Store) -> None:
    from tracker.ingest import ingest_paths

    ingest_paths(store, [str(SAMPLE_DATA)], match=False, workers=0)
    matches.match_claims(store)
    with store.read() as conn:
        a, b = claim_table.alias("a"), claim_table.alias("b")
        rows = conn.execute(
            sa.select(a.c.text, b.c.text)
            .select_from(
                match_table.join(a, a.c.id == match_table.c.claim_a_id).join(
                    b, b.c.id == match_table.c.claim_b_id
                )
            )
            .where(match_table.c.kind == MatchKind.CONFLICT)
        ).all()
    conflicts = [f"{x} / {y}" for x, y in rows]
    assert conflicts, "the sample stories do disagree (Sunday vs Monday)"
    assert not [c for c in conflicts if "Tehran" in c], conflicts
    assert not [c for c in conflicts if "ending 13 years" in c], conflicts
    # "11 years" stood only in the first version of a story its correction superseded:
    # an older version conflicts with nothing.
    assert not [c for c in conflicts if "11 years" in c], conflicts


def test_rank_shape_and_order() -> None:
    claims = [HTS_REWORDED, *UNRELATED, *(b for _, b in PARAPHRASES)]
    queries = [HTS, PARAPHRASES[0][0], PARAPHRASES[1][0]]
    ranked = rank(queries, claims, k=4)
    assert len(ranked) == len(queries)
    for row in ranked:
        assert len(row) == 4
        assert len({i for i, _ in row}) == 4
        scores = [s for _, s in row]
        assert scores == sorted(scores, reverse=True)
        assert all(0.0 <= s <= 100.0 for s in scores)
    assert ranked[1][0][0] == claims.index(PARAPHRASES[0][1])
    assert ranked[2][0][0] == claims.index(PARAPHRASES[1][1])
    assert [len(r) for r in rank(queries, claims[:2], k=10)] == [2, 2, 2]
    assert rank(queries, claims, k=0) == [[], [], []]
    assert rank(queries, [], k=3) == [[], [], []]
    assert rank([], claims) == []


def test_nearest_and_bm25_agree_with_plain_computation() -> None:
    import numpy as np

    rng = np.random.default_rng(7)
    q = rng.normal(size=(5, 8)).astype(np.float32)
    c = rng.normal(size=(40, 8)).astype(np.float32)
    idx, sims = nearest(q, c, 6, block=2)
    full = q @ c.T
    for r in range(5):
        assert list(idx[r]) == list(np.argsort(-full[r], kind="stable")[:6])
        assert np.allclose(sims[r], np.sort(full[r])[::-1][:6])
    bm = Bm25([["qatar", "hts"], ["qatar", "bank"], ["bank", "rate", "rate"]])
    scores = bm.scores(["hts", "qatar"])
    assert set(scores) == {0, 1} and scores[0] > scores[1] > 0


@pytest.fixture
def broken_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The shared encoder pointed at a corrupted copy of the model."""
    model, tokenizer = embedding._default_paths()
    shutil.copyfile(model, tmp_path / "model.onnx")
    shutil.copyfile(tokenizer, tmp_path / "tokenizer.json")
    (tmp_path / "SHA256SUMS").write_text(
        f"{embedding.DEFAULT_MODEL_SHA256}  model.onnx\n"
        f"{embedding.DEFAULT_TOKENIZER_SHA256}  tokenizer.json\n"
    )
    with (tmp_path / "model.onnx").open("r+b") as fh:
        fh.seek(4096)
        fh.write(b"\x00" * 64)
    monkeypatch.setenv(embedding.MODEL_ENV, str(tmp_path))
    embedding.reset_encoder()
    import tracker.matching.score as score

    monkeypatch.setattr(score, "_DEFAULT", None)
    yield tmp_path
    monkeypatch.delenv(embedding.MODEL_ENV)
    embedding.reset_encoder()


def test_a_corrupted_model_falls_back_to_the_lexical_engine(broken_model: Path) -> None:
    assert embedding.get_encoder() is None
    reason = embedding.unavailable_reason()
    assert reason is not None and "checksum" in reason and "\n" not in reason
    a, b = PARAPHRASES[0]
    assert similarity(a, b) == pytest.approx(LEXICAL.similarity(a, b))
    assert similarity(a, a) == pytest.approx(100.0)
    assert explain(a, b).cosine is None and "meaning" not in explain(a, b).summary()
    texts = [a, b, *UNRELATED]
    assert match_pairs(texts, 20) == match_pairs(texts, 20, matcher=LEXICAL)
    ranked = rank([a], [*UNRELATED, b], k=2)
    assert ranked[0][0][0] == len(UNRELATED)
    assert similarity(a, b) < LINK_THRESHOLD or same_claim(a, b)


def test_neighbour_pairs_through_the_vector_index_agree_with_exact_search() -> None:
    import numpy as np

    rng = np.random.default_rng(3)
    centres = rng.normal(size=(40, 32))
    rows = centres[rng.integers(0, 40, size=400)] + 0.3 * rng.normal(size=(400, 32))
    vectors = (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)
    exact = neighbour_pairs(vectors, 5, 0.5)
    graph = neighbour_pairs(vectors, 5, 0.5, exact_limit=100)
    assert exact and len(exact & graph) >= 0.95 * len(exact)


def test_a_huge_batch_without_vectors_is_matched_by_wording(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tracker.matching.pairs as pairs_module

    texts = [HTS, HTS_REWORDED, *UNRELATED, *(a for pair in PARAPHRASES for a in pair)]
    monkeypatch.setattr(pairs_module, "_EMBED_LIMIT", 5)
    assert match_pairs(texts, 20) == match_pairs(texts, 20, matcher=LEXICAL)
    vectors = embedding.get_encoder().encode(texts)  # type: ignore[union-attr]
    with_vectors = match_pairs(texts, 20, vectors=vectors)
    assert (0, 1) in {(i, j) for i, j, _ in with_vectors}
