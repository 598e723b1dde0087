"""The lexical index kept beside the database: reused by the next process, brought up to
date with what another process changed, rebuilt when it cannot be trusted."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from tests.conftest import FakeClaim, add_fake_story
from tracker import store as st
from tracker.matching import AliasTable, ClaimIndex
from tracker.models import alias_table, claim_table
from tracker.store import lexical, matches
from tracker.store.claims import claim_text
from tracker.store.health import check

FIRST = [
    "The harbour board voted to sell the old ferry to a shipyard in Gdansk",
    "Nine fishing boats were stranded by the storm off Kilmore Quay",
    "The port authority said the new crane cost 4 million euros",
]
SECOND = [
    "A shipyard in Gdansk has bought the harbour board's old ferry",
    "Storm damage closed the lighthouse museum for the winter",
]
NEW = "Volunteers repainted the lifeboat station in Ballycotton over a weekend"


@pytest.fixture(autouse=True)
def _nothing_kept(store: st.Store) -> Iterator[None]:
    """A server database is emptied between tests but keeps its URL: start each test as a
    new process would, with no index kept in memory."""
    lexical.forget_lexical_index(store)
    yield
    lexical.forget_lexical_index(store)


def _fresh(store: st.Store) -> ClaimIndex:
    """An index built now from the claims, as a process without the file would."""
    with store.read() as conn:
        rows = conn.execute(
            sa.select(claim_table.c.id, claim_table.c.text, claim_table.c.sentence)
        ).all()
        pairs = conn.execute(
            sa.select(alias_table.c.alias, alias_table.c.canonical).order_by(alias_table.c.id)
        ).all()
    index = ClaimIndex(AliasTable((p[0], p[1]) for p in pairs))
    index.add_many((r[0], claim_text(r[1], r[2])) for r in rows)
    return index


def _same_reading(index: ClaimIndex, store: st.Store) -> None:
    """Every claim reads the same in ``index`` as in one built from scratch."""
    fresh = _fresh(store)
    assert sorted(index.ids()) == sorted(fresh.ids())  # type: ignore[type-var]
    for cid in fresh.ids():
        assert index.profile(cid).terms == fresh.profile(cid).terms, cid
    assert index.idf.df == fresh.idf.df


def _another_process(store: st.Store) -> tuple[ClaimIndex, lexical.LexicalLoad]:
    """What a new process gets: nothing kept in memory, only the file."""
    lexical.forget_lexical_index(store)
    return lexical.lexical_index(store)


def _top(index: ClaimIndex, text: str) -> int:
    return int(index.candidates(text, 1)[0][0])  # type: ignore[call-overload]


def test_built_once_then_read_by_the_next_process(store: st.Store) -> None:
    first = add_fake_story(store, [FakeClaim(t) for t in FIRST]).claim_ids
    add_fake_story(store, [FakeClaim(t) for t in SECOND], title="Second")
    lexical.forget_lexical_index(store)
    index, load = lexical.lexical_index(store)
    path = lexical.lexical_path(store)
    assert load.how == "built" and load.saved and path is not None and path.exists()
    again, load = _another_process(store)
    assert load.how == "loaded" and load.analysed == 0 and load.note is None
    _same_reading(again, store)
    assert _top(again, "the ferry was sold to a Gdansk shipyard") in (first[0], first[0] + 3)
    assert "current" in check(store).lexical  # type: ignore[operator]


def test_a_claim_added_by_another_process_is_taken_in(store: st.Store) -> None:
    add_fake_story(store, [FakeClaim(t) for t in FIRST])
    index, _ = lexical.lexical_index(store)
    # another process stores a story: this process's index and the file are both behind
    other = st.Store.open(store.url)
    try:
        new = add_fake_story(other, [FakeClaim(NEW)], title="Lifeboat").claim_ids[0]
    finally:
        other.close()
    assert "behind" in check(store).lexical  # type: ignore[operator]
    kept, load = lexical.lexical_index(store)
    assert load.how == "updated" and load.analysed == 1 and new in kept
    assert _top(kept, "the Ballycotton lifeboat station was repainted") == new
    loaded, load = _another_process(store)
    assert new in loaded and load.how in ("loaded", "updated")
    _same_reading(loaded, store)


def test_a_damaged_file_is_rebuilt_with_one_clear_line(store: st.Store) -> None:
    ids = add_fake_story(store, [FakeClaim(t) for t in FIRST]).claim_ids
    add_fake_story(store, [FakeClaim(t) for t in SECOND], title="Second")
    lexical.lexical_index(store)
    path = lexical.lexical_path(store)
    assert path is not None
    data = bytearray(path.read_bytes())
    data[-20] ^= 0xFF  # one byte flipped inside the index
    path.write_bytes(bytes(data))
    assert "damaged" in check(store).lexical  # type: ignore[operator]
    lexical.forget_lexical_index(store)
    run = matches.match_claims(store, claim_ids=ids)
    assert run.index_note is not None and "could not be read" in run.index_note
    assert run.summary().count("could not be read") == 1
    assert run.linked + run.suggested >= 1  # the ferry sale, found all the same
    again, load = _another_process(store)
    assert load.how == "loaded" and load.note is None
    # truncated, or not an index at all: rebuilt too
    for junk in (path.read_bytes()[:100], b"not an index"):
        path.write_bytes(junk)
        index, load = _another_process(store)
        assert load.how == "built" and load.note and str(path) in load.note
        _same_reading(index, store)


def test_a_corrected_claim_is_read_again(store: st.Store) -> None:
    body = "Officials said the bridge will reopen in March. Engineers found cracks in two piers."
    story = add_fake_story(
        store, [FakeClaim("the bridge will reopen in March")], body=body, title="Bridge"
    )
    lexical.lexical_index(store)
    start = body.index("Engineers")
    st.edit_claim(
        store,
        claim_id=story.claim_ids[0],
        reviewer="tester",
        content_span=(start, body.index(".", start)),
    )
    index, load = _another_process(store)
    assert load.how == "updated" and load.analysed == 1
    _same_reading(index, store)
    assert index.candidates("cracks found in the piers", 1)[0][1] > 40


def test_aliases_learned_since_read_again_only_the_claims_they_change(store: st.Store) -> None:
    add_fake_story(
        store,
        [
            FakeClaim("The HTS leader met Qatari envoys in Damascus"),
            FakeClaim("Hayat Tahrir al-Sham fighters entered Hama"),
            FakeClaim("Rebels of Syria's leading rebel faction took the airport"),
            FakeClaim("Khulaifi said talks would continue"),
            FakeClaim("Prices of bread rose again in Aleppo"),
        ],
    )
    lexical.lexical_index(store)
    learned = [
        ("HTS", "Hayat Tahrir al-Sham"),
        ("Syria's leading rebel faction", "Hayat Tahrir al-Sham"),
        ("Khulaifi", "Mohammed Al-Khulaifi"),
    ]
    for n, pair in enumerate(learned, start=1):
        with store.write() as conn:
            conn.execute(sa.insert(alias_table), [{"alias": pair[0], "canonical": pair[1]}])
        index, load = _another_process(store)
        assert load.how == "updated" and 1 <= load.analysed < 5, (n, load)
        _same_reading(index, store)
    assert index.aliases is not None and len(index.aliases) == len(learned)


def test_another_database_at_the_same_place_is_not_read(store: st.Store) -> None:
    add_fake_story(store, [FakeClaim(t) for t in FIRST])
    lexical.lexical_index(store)
    with store.write() as conn:  # the newest claim reads differently: not this index's
        last = conn.execute(sa.select(sa.func.max(claim_table.c.id))).scalar_one()
        conn.execute(
            sa.update(claim_table).where(claim_table.c.id == last).values(text="Something else")
        )
    index, load = _another_process(store)
    assert load.how == "built"
    _same_reading(index, store)


def test_an_index_saved_by_other_analysis_code_is_rebuilt(store: st.Store, monkeypatch) -> None:
    add_fake_story(store, [FakeClaim(t) for t in FIRST])
    lexical.lexical_index(store)
    monkeypatch.setattr(lexical, "analysis_stamp", lambda: "another version")
    assert "another version's" in check(store).lexical  # type: ignore[operator]
    _, load = _another_process(store)
    assert load.how == "built" and load.note is None


def test_threads_weighing_rows_while_the_weights_change_keep_no_stale_profile() -> None:
    index = ClaimIndex()
    index.add_many((i, f"claim number {i} about harbour {i % 13} and boats") for i in range(400))
    stop = threading.Event()
    errors: list[BaseException] = []

    def weigh() -> None:
        try:
            while not stop.is_set():
                for cid in range(0, 400, 7):
                    index.profile(cid)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    workers = [threading.Thread(target=weigh) for _ in range(3)]
    for w in workers:
        w.start()
    for i in range(400, 600):
        index.add(i, f"another claim {i} on ferries")
    stop.set()
    for w in workers:
        w.join()
    assert not errors
    fresh = ClaimIndex.from_rows(
        [(i, f"claim number {i} about harbour {i % 13} and boats") for i in range(400)]
        + [(i, f"another claim {i} on ferries") for i in range(400, 600)]
    )
    for cid in range(0, 400, 7):
        assert index.profile(cid).weights == fresh.profile(cid).weights


def test_building_a_big_index_is_said_once(store: st.Store, monkeypatch) -> None:
    ids = add_fake_story(store, [FakeClaim(t) for t in FIRST]).claim_ids
    add_fake_story(store, [FakeClaim(t) for t in SECOND], title="Second")
    monkeypatch.setattr(lexical, "NOTE_FROM", 5)  # as if five claims were a big database
    run = matches.match_claims(store, claim_ids=ids)
    assert run.index_note is not None and "built the lexical index of 5 claims" in run.index_note
    assert run.summary().count("built the lexical index") == 1
    lexical.forget_lexical_index(store)
    assert matches.match_claims(store, claim_ids=ids).index_note is None  # read, not built
