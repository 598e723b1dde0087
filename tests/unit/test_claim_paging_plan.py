"""A keyset page of claims walks the ids in order: it never reads and sorts every claim.

On SQLite a page of a million claims costs a millisecond only while the query plan steps
through the primary key (or an index whose rows are in id order) and stops after the
page; a plan that sorts ("TEMP B-TREE FOR ORDER BY") reads every listed claim first
(seconds). The plan is checked here, on a real SQLite file, for the filters the review
screen uses most.
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
    add_fake_story(store, [FakeClaim(f"claim {n}") for n in range(30)], title="S")
    st.dismiss_claim(store, claim_id=5, reviewer="desk")
    with store.write() as conn:  # statistics, as a big database would have them
        conn.exec_driver_sql("ANALYZE")
    return store


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
    listed = [row.id for row in st.list_claims(paged_store)]
    assert 5 not in listed and len(listed) == 29
    everything = st.list_claims(paged_store, filter=st.ClaimFilter(include_dismissed=True))
    assert [row.id for row in everything] == list(range(1, 31))
    assert {row.state for row in everything} == {ClaimState.ACTIVE, ClaimState.DISMISSED}
