"""Snapshots of the review TUI at a fixed size, with a fixed clock and no blinking cursor.

Update them on purpose with ``pytest tests/ui --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from textual.pilot import Pilot

from tests.ui.conftest import app_for, settle
from tracker import store as st
from tracker.models import match_table
from tracker.vocab import MatchKind, MatchState

SIZE = (120, 36)


def _add_match(store: st.Store, now: datetime) -> None:
    with store.write() as conn:
        conn.execute(
            sa.insert(match_table),
            {
                "claim_a_id": 1,
                "claim_b_id": 4,
                "kind": MatchKind.SAME,
                "state": MatchState.SUGGESTED,
                "score": 86.5,
                "created_at": now,
            },
        )


def test_main_screen(snap_compare, filled_store: st.Store, fixed_clock: datetime) -> None:
    app = app_for(filled_store)

    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot, app)

    assert snap_compare(app, terminal_size=SIZE, run_before=ready)


def test_detail_pane_with_note_match_and_history(
    snap_compare, filled_store: st.Store, fixed_clock: datetime
) -> None:
    _add_match(filled_store, fixed_clock)
    st.set_status(filled_store, claim_id=1, status="disputed", reviewer="desk")
    st.set_note(filled_store, claim_id=1, note="the ministry denies it", reviewer="desk")
    app = app_for(filled_store)

    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot, app)

    assert snap_compare(app, terminal_size=SIZE, run_before=ready)


def test_help_screen(snap_compare, filled_store: st.Store, fixed_clock: datetime) -> None:
    app = app_for(filled_store)

    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=ready)


def test_empty_database(
    snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixed_clock: datetime
) -> None:
    monkeypatch.chdir(tmp_path)  # a relative URL: the message names the same file every run
    store = st.Store.open("sqlite:///tracker.db")
    app = app_for(store)

    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot, app)

    try:
        assert snap_compare(app, terminal_size=SIZE, run_before=ready)
    finally:
        store.close()


def test_stale_change_refused(snap_compare, filled_store: st.Store, fixed_clock: datetime) -> None:
    app = app_for(filled_store)

    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot, app)
        st.set_status(filled_store, claim_id=1, status="disputed", reviewer="other desk")
        await pilot.press("c")  # the reviewer still sees claim 1 as pending
        await settle(pilot, app)

    assert snap_compare(app, terminal_size=SIZE, run_before=ready)
