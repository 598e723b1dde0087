"""Claims' vectors in the database and the index beside it: stored, reused, rebuilt."""

from __future__ import annotations

import numpy as np
import sqlalchemy as sa

from tests.conftest import FakeClaim, add_fake_story
from tests.encoders import HashingEncoder
from tracker import store as st
from tracker.matching.vectors import read_meta
from tracker.models import embedding_table
from tracker.store import embeddings as emb


def _stories(store: st.Store, n: int, per: int = 5, start: int = 0) -> list[int]:
    if start == 0:
        # a server database is emptied between tests but keeps its URL: forget the
        # index this process kept for the previous test
        emb.forget_index(store)
    ids: list[int] = []
    for s in range(start, start + n):
        stored = add_fake_story(
            store,
            [
                FakeClaim(f"claim {s}-{c} about topic{s % 7} and item{c} in city{s}")
                for c in range(per)
            ],
            title=f"story {s}",
        )
        ids.extend(stored.claim_ids)
    return ids


def test_embed_claims_stores_one_int8_vector_per_claim(store: st.Store) -> None:
    ids = _stories(store, 3)
    enc = HashingEncoder()
    seen: list[tuple[int, int]] = []
    assert emb.embed_claims(store, enc, progress=lambda d, t: seen.append((d, t))) == len(ids)
    assert seen[-1] == (len(ids), len(ids))
    state = emb.embedding_state(store, enc.model_id)
    assert (state.count, state.last_id, state.missing) == (len(ids), max(ids), 0)
    with store.read() as conn:
        rows = conn.execute(sa.select(embedding_table)).all()
    assert {r.claim_id for r in rows} == set(ids)
    assert {(r.model_id, r.dim, len(r.vector)) for r in rows} == {(enc.model_id, 48, 48)}
    # nothing left to do: a second run encodes nothing
    calls = enc.calls
    assert emb.embed_claims(store, enc) == 0
    assert enc.calls == calls


def test_only_the_named_claims_and_another_model_replaces(store: st.Store) -> None:
    ids = _stories(store, 2)
    enc = HashingEncoder()
    assert emb.embed_claims(store, enc, claim_ids=ids[:3]) == 3
    assert emb.embedding_state(store, enc.model_id).count == 3
    other = HashingEncoder(dim=16, model_id="other@1")
    assert emb.embed_claims(store, other) == len(ids)
    assert emb.embedding_state(store, enc.model_id).count == 0
    vectors = emb.claim_vectors(store, "other@1", ids)
    assert set(vectors) == set(ids) and all(v.shape == (16,) for v in vectors.values())


def test_index_finds_the_claim_itself_first(store: st.Store) -> None:
    ids = _stories(store, 4)
    enc = HashingEncoder()
    emb.embed_claims(store, enc)
    index, load = emb.vector_index(store, enc.model_id, enc.dim)
    assert load.how == "built" and len(index) == len(ids)
    with store.read() as conn:
        texts = dict(conn.execute(sa.text("SELECT id, text FROM claim")).all())
    q = enc.encode([texts[ids[7]]])
    assert index.search(q, 1)[0][0][0] == ids[7]


def test_index_file_is_reused_topped_up_and_rebuilt_when_stale(
    store: st.Store, monkeypatch
) -> None:
    monkeypatch.setattr("tracker.matching.vectors.EXACT_LIMIT", 10)
    ids = _stories(store, 6)
    enc = HashingEncoder()
    emb.embed_claims(store, enc)
    path = emb.index_path(store)
    assert path is not None
    index, load = emb.vector_index(store, enc.model_id, enc.dim)
    assert load.how == "built" and index.approximate and path.exists()
    assert read_meta(path).count == len(ids)  # type: ignore[union-attr]

    # another process: the file is loaded, not rebuilt
    emb.forget_index(store)
    _, load = emb.vector_index(store, enc.model_id, enc.dim)
    assert load.how == "loaded" and load.added == 0

    # new claims (a story ingested): searched exactly beside the mapped file, which is
    # not written again for a few vectors
    more = _stories(store, 2, start=50)
    emb.embed_claims(store, enc)
    emb.forget_index(store)
    index, load = emb.vector_index(store, enc.model_id, enc.dim)
    assert (load.how, load.added, len(index)) == ("layered", len(more), len(ids) + len(more))
    assert read_meta(path).last_id == max(ids)  # type: ignore[union-attr]
    with store.read() as conn:
        texts = dict(conn.execute(sa.text("SELECT id, text FROM claim")).all())
    for cid in (more[3], ids[2]):
        assert index.search(enc.encode([texts[cid]]), 1)[0][0][0] == cid
    # past LAYER_LIMIT of them: topped up, and the file follows
    monkeypatch.setattr(emb, "LAYER_LIMIT", len(more) - 1)
    emb.forget_index(store)
    index, load = emb.vector_index(store, enc.model_id, enc.dim)
    assert (load.how, load.added, len(index)) == ("topped_up", len(more), len(ids) + len(more))
    assert read_meta(path).last_id == max(more)  # type: ignore[union-attr]

    # a vector removed behind the index's back (a corrected claim): the index drops it
    with store.write() as conn:
        conn.execute(sa.delete(embedding_table).where(embedding_table.c.claim_id == ids[0]))
    index, load = emb.vector_index(store, enc.model_id, enc.dim)
    assert load.how == "patched" and len(index) == len(ids) + len(more) - 1
    assert all(hit[0] != ids[0] for hit in index.search(enc.encode(["claim 0-0"]), 50)[0])
    # ... and takes its new vector back when it is computed again
    assert emb.embed_claims(store, enc) == 1
    index, load = emb.vector_index(store, enc.model_id, enc.dim)
    assert load.how == "patched" and len(index) == len(ids) + len(more)
    assert (
        index.search(enc.encode(["claim 0-0 about topic0 and item0 in city0"]), 1)[0][0][0]
        == ids[0]
    )
    # many removed at once: rebuilt
    monkeypatch.setattr(emb, "PATCH_LIMIT", 2)
    with store.write() as conn:
        conn.execute(sa.delete(embedding_table).where(embedding_table.c.claim_id.in_(ids[:5])))
    index, load = emb.vector_index(store, enc.model_id, enc.dim)
    assert load.how == "built" and len(index) == len(ids) + len(more) - 5

    # the file deleted: rebuilt; a damaged file: rebuilt
    emb.forget_index(store)
    path.unlink()
    _, load = emb.vector_index(store, enc.model_id, enc.dim)
    assert load.how == "built" and path.exists()
    emb.forget_index(store)
    path.write_bytes(b"\0" * 100)
    _, load = emb.vector_index(store, enc.model_id, enc.dim)
    assert load.how == "built"

    # another model's index at the same place is not used
    emb.forget_index(store)
    other = HashingEncoder(model_id="other@2")
    emb.embed_claims(store, other)
    index, load = emb.vector_index(store, other.model_id, other.dim)
    assert load.how == "built" and index.model_id == "other@2"


def test_exact_for_small_sets_writes_no_file(store: st.Store) -> None:
    _stories(store, 2)
    enc = HashingEncoder()
    emb.embed_claims(store, enc)
    index, _ = emb.vector_index(store, enc.model_id, enc.dim)
    assert not index.approximate
    path = emb.index_path(store)
    assert path is None or not path.exists()
    assert np.isfinite(index.search(enc.encode(["x"]), 3)[0][0][1])


def test_a_corrected_span_gets_a_new_vector_at_the_next_matching_run(store: st.Store) -> None:
    from tracker.store import corrections, matches

    stored = add_fake_story(
        store,
        [FakeClaim("Qatar spoke with HTS on Monday, officials said")],
        body="Qatar spoke with HTS on Monday, officials said. Doha denied it.",
        title="one",
    )
    cid = stored.claim_ids[0]
    matches.match_claims(store)
    before = emb.claim_vectors(store, _model_id(), [cid])[cid]
    corrections.edit_claim(store, claim_id=cid, reviewer="ana", content_span=(0, 30))
    assert emb.claim_vectors(store, _model_id(), [cid]) == {}  # the old text's vector is gone
    run = matches.match_claims(store)
    assert run.embedded == 1
    after = emb.claim_vectors(store, _model_id(), [cid])[cid]
    assert not np.array_equal(before, after)


def _model_id() -> str:
    encoder, reason = emb.encoder_status()
    assert encoder is not None, reason
    return encoder.model_id


def test_a_loaded_index_is_mapped_and_read_whole_only_to_change(
    store: st.Store, monkeypatch
) -> None:
    import pytest

    from tracker.matching.vectors import quantize

    monkeypatch.setattr("tracker.matching.vectors.EXACT_LIMIT", 10)
    ids = _stories(store, 6)
    enc = HashingEncoder()
    emb.embed_claims(store, enc)
    built, _ = emb.vector_index(store, enc.model_id, enc.dim)
    path = emb.index_path(store)
    assert path is not None and path.exists()
    emb.forget_index(store)
    loaded, load = emb.vector_index(store, enc.model_id, enc.dim)
    assert load.how == "loaded" and loaded.viewed
    queries = enc.encode(["claim 3-1 about topic3 and item1 in city3", "item4 in city5"])
    assert loaded.search(queries, 5) == built.search(queries, 5)
    with pytest.raises(ValueError, match="read-only"):
        loaded.add([10_000], quantize(queries[:1]))
    whole = loaded.in_memory()
    assert whole is not None and not whole.viewed and len(whole) == len(ids)
    whole.add([10_000], quantize(queries[:1]))
    assert whole.search(queries[:1], 1)[0][0][0] == 10_000
    # another process saved another index meanwhile: the view is not read as if it were it
    whole.save(path)
    assert loaded.in_memory() is None
    # that file holds a vector the table lacks: rebuilt, in memory (topping up a mapped
    # file is in test_index_file_is_reused_topped_up_and_rebuilt_when_stale)
    emb.forget_index(store)
    index, load = emb.vector_index(store, enc.model_id, enc.dim)
    assert load.how == "built" and not index.viewed and len(index) == len(ids)
