"""The review screen's queries reach claims by their id order or their story, never by
reading every claim through the state index.

On SQLite a page of a million claims costs a millisecond only while the query plan steps
through the primary key (or an index whose rows are in id order) and stops after the
page; a plan that sorts ("TEMP B-TREE FOR ORDER BY") reads every listed claim first
(seconds). Likewise a story's counts must come through the story's index. The plans are
checked on a real SQLite file in the state that made them go wrong on the benchmark
database: statistics gathered (ANALYZE) before the (state, status) index existed, so
SQLite took nearly every claim's state for a rare one.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.conftest import FakeClaim, add_fake_story
from tracker import store as st
from tracker.store.claims import _row_select, apply_filter
from tracker.vocab import ClaimState, ClaimStatus


@pytest.fixture
def paged_store(store: st.Store) -> st.Store:
    for story in range(10):
        add_fake_story(
            store, [FakeClaim(f"claim {story}-{n}") for n in range(40)], title=f"S{story}"
        )
    st.dismiss_claim(store, claim_id=5, reviewer="desk")
    if store.dialect == "sqlite":
        with store.write() as conn:  # statistics without the state index's, as on bench's
            conn.exec_driver_sql("ANALYZE")
            conn.exec_driver_sql("DELETE FROM sqlite_stat1 WHERE idx = 'ix_claim_state_status'")
        store.engine.dispose()  # connections read the statistics afresh
    return store


def plans_of(store: st.Store, call) -> list[str]:
    """The query plan of every SELECT on claims that ``call`` runs."""
    seen: list[tuple[str, object]] = []

    def note(_conn, _cursor, statement, parameters, _context, _many) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "claim" in statement:
            seen.append((statement, parameters))

    sa.event.listen(store.engine, "before_cursor_execute", note)
    try:
        call()
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", note)
    plans = []
    with store.read() as conn:
        for statement, parameters in seen:
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall()
            plans.append(" | ".join(str(row[-1]) for row in rows))
    return plans


def plan(store: st.Store, flt: st.ClaimFilter) -> str:
    query = apply_filter(store, _row_select(), flt, paging=True).order_by(sa.text("claim.id"))
    compiled = query.limit(200).compile(store.engine, compile_kwargs={"literal_binds": True})
    with store.read() as conn:
        rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}").fetchall()
    return " | ".join(str(row[-1]) for row in rows)


@pytest.mark.parametrize(
    "flt",
    [
        st.ClaimFilter(),
        st.ClaimFilter(statuses=(ClaimStatus.DISPUTED,)),
        st.ClaimFilter(include_dismissed=True),
    ],
    ids=["all", "status", "with-dismissed"],
)
def test_a_page_of_claims_is_not_sorted(paged_store: st.Store, flt: st.ClaimFilter) -> None:
    if paged_store.dialect != "sqlite":
        pytest.skip("query plans are SQLite's")
    assert "TEMP B-TREE FOR ORDER BY" not in plan(paged_store, flt)


def test_pages_still_leave_out_what_the_filter_leaves_out(paged_store: st.Store) -> None:
    listed = [row.id for row in st.list_claims(paged_store, limit=1000)]
    assert 5 not in listed and len(listed) == 399
    everything = st.list_claims(
        paged_store, filter=st.ClaimFilter(include_dismissed=True), limit=1000
    )
    assert [row.id for row in everything] == list(range(1, 401))
    assert {row.state for row in everything} == {ClaimState.ACTIVE, ClaimState.DISMISSED}


def test_a_storys_counts_come_through_its_index(paged_store: st.Store) -> None:
    if paged_store.dialect != "sqlite":
        pytest.skip("query plans are SQLite's")
    for call in (
        lambda: st.status_counts(paged_store, story_ids=[3]),
        lambda: st.totals(paged_store, filter=st.ClaimFilter(story_id=3)),
    ):
        plans = plans_of(paged_store, call)
        assert plans and all("ix_claim_state_status" not in p for p in plans), plans
    assert st.totals(paged_store, filter=st.ClaimFilter(story_id=1)).total == 39  # one dismissed


def test_adding_a_claim_checks_its_story_through_the_story_index(paged_store: st.Store) -> None:
    if paged_store.dialect != "sqlite":
        pytest.skip("query plans are SQLite's")
    plans = plans_of(
        paged_store,
        lambda: st.add_claim(paged_store, story_id=2, content_span=(0, 5), reviewer="desk"),
    )
    assert plans and all("ix_claim_state_status" not in p for p in plans), plans


def test_counts_over_statuses_add_up_across_states(paged_store: st.Store) -> None:
    st.set_status(paged_store, claim_id=7, status="disputed", reviewer="desk")
    counts = st.totals(paged_store).counts
    assert counts == {ClaimStatus.PENDING: 398, ClaimStatus.DISPUTED: 1}
    everything = st.totals(paged_store, filter=st.ClaimFilter(include_dismissed=True))
    assert everything.counts == {ClaimStatus.PENDING: 399, ClaimStatus.DISPUTED: 1}
