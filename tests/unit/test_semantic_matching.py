"""Matching by meaning in the database, with the real embedding model; and without it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import FakeClaim, add_fake_story
from tracker import store as st
from tracker.matching import embedding
from tracker.models import embedding_table
from tracker.store import embeddings, matches

REWORDED = ("Qatar has been in touch with HTS", "Doha has had contacts with the rebel group")


@pytest.fixture
def no_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The embedding model cannot be loaded (its folder is missing)."""
    monkeypatch.setenv("TRACKER_EMBEDDING_MODEL", str(tmp_path / "no-such-model"))
    embedding.reset_encoder()
    yield
    monkeypatch.delenv("TRACKER_EMBEDDING_MODEL")
    embedding.reset_encoder()


@pytest.fixture
def real_model():
    embedding.reset_encoder()
    encoder = embedding.get_encoder()
    assert encoder is not None, embedding.unavailable_reason()
    return encoder


def _newsroom(store: st.Store) -> tuple[int, int]:
    first = add_fake_story(
        store,
        [
            FakeClaim(REWORDED[0]),
            FakeClaim("The central bank raised interest rates by half a point"),
            FakeClaim("Floods forced thousands of families from their homes in the north"),
        ],
        title="Qatar and HTS",
        outlet="Wire",
    )
    embeddings.forget_index(store)
    second = add_fake_story(
        store,
        [
            FakeClaim(REWORDED[1]),
            FakeClaim("A striker scored twice in the cup final on Sunday"),
        ],
        title="Doha's contacts",
        outlet="Gulf Ledger",
    )
    return first.claim_ids[0], second.claim_ids[0]


def test_a_reworded_claim_with_no_shared_word_is_matched_by_meaning(
    store: st.Store, real_model
) -> None:
    a, b = _newsroom(store)
    # Sharing no word, the pair is never a candidate of the lexical index; with the
    # vectors it is one, scored by the hybrid (low, but above the unrelated pairs).
    run = matches.match_claims(store, suggest=20, link=99)
    assert run.semantic and run.lexical_only_reason is None
    assert run.embedded == 5
    with store.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(embedding_table)).scalar() == 5
    found = matches.claim_matches(store, claim_id=a)
    assert [m.claim_id for m in found] == [b]
    why = found[0].explanation
    assert why["cosine"] is not None and why["cosine"] > 0.4
    assert "meaning" in why["summary"]  # the explanation says what the embedding gave
    # no unrelated pair scored as high
    with store.read() as conn:
        pairs = conn.execute(sa.text("SELECT claim_a_id, claim_b_id FROM match")).all()
    assert [tuple(p) for p in pairs] == [(a, b)]


def test_without_the_model_matching_goes_on_by_wording_and_says_why(
    store: st.Store, no_model
) -> None:
    first = add_fake_story(
        store, [FakeClaim("Qatari diplomats spoke with HTS on Monday")], title="One", outlet="A"
    )
    second = add_fake_story(
        store,
        [FakeClaim("Qatari diplomats spoke with HTS on Monday, officials said")],
        title="Two",
        outlet="B",
    )
    run = matches.match_claims(store)
    assert not run.semantic and run.embedded == 0
    assert run.lexical_only_reason and "no-such-model" in run.lexical_only_reason
    lines = run.summary().splitlines()
    assert len(lines) == 2 and lines[1].startswith("semantic matching unavailable: ")
    assert lines[1].endswith("matched by wording only")
    assert json.dumps(run.to_json())  # plain JSON
    found = matches.claim_matches(store, claim_id=first.claim_ids[0])
    assert [m.claim_id for m in found] == list(second.claim_ids)
    assert found[0].explanation.get("cosine") is None
