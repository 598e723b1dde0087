"""Ingest computes the new claims' vectors in batches; without a model it says why, once."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import SAMPLE_DATA
from tracker import store as st
from tracker.ingest import ingest_paths
from tracker.matching import embedding
from tracker.models import claim_table, embedding_table


@pytest.fixture(autouse=True)
def _fresh_encoder():
    embedding.reset_encoder()
    yield
    embedding.reset_encoder()


def _count(store: st.Store, table: sa.Table) -> int:
    with store.read() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def test_ingest_stores_a_vector_for_every_new_claim(store: st.Store) -> None:
    seen: list[tuple[int, int]] = []
    loaded_at_first_call: list[bool] = []

    def progress(done: int, total: int) -> None:
        if not seen:
            loaded_at_first_call.append(embedding._LOADED)
        seen.append((done, total))

    summary = ingest_paths(store, [str(SAMPLE_DATA)], workers=0, embed_progress=progress)
    assert summary.ok and summary.claims > 0
    assert summary.embedded == summary.claims == _count(store, embedding_table)
    assert _count(store, claim_table) == summary.claims
    assert seen and seen[-1] == (summary.claims, summary.claims)
    # the phase shows before the model loads (seconds on a machine's first load)
    assert seen[0] == (0, summary.claims) and loaded_at_first_call == [False]
    assert summary.matching is not None and summary.matching["semantic"] is True
    assert summary.embed_note is None
    assert not any("semantic matching unavailable" in line for line in summary.lines())
    # the same files again: nothing new to embed
    again = ingest_paths(store, [str(SAMPLE_DATA)], workers=0)
    assert again.embedded == 0 and _count(store, embedding_table) == summary.claims


def test_without_a_model_ingest_stores_everything_and_says_why_once(
    store: st.Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_EMBEDDING_MODEL", str(tmp_path / "gone"))
    summary = ingest_paths(store, [str(SAMPLE_DATA)], workers=0)
    assert summary.ok and summary.claims > 0 and summary.embedded == 0
    assert _count(store, embedding_table) == 0
    text = "\n".join(summary.lines())
    assert text.count("semantic matching unavailable") == 1 and "gone" in text
    assert summary.matching is not None and summary.matching["semantic"] is False
    no_match = ingest_paths(store, [str(tmp_path)], workers=0)  # nothing new: nothing said
    assert no_match.embed_note is None
