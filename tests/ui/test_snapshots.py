"""Snapshots of the review TUI at 80x24 (a plain terminal, often over SSH) and 160x45,
with a fixed clock, no blinking cursor and nothing that depends on the run's folders.

Update them on purpose with ``pytest tests/ui --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from textual.pilot import Pilot

from tests.conftest import FakeClaim, add_fake_story
from tests.ui.conftest import app_for, settle
from tracker import store as st
from tracker.models import match_table
from tracker.vocab import ClaimStatus, MatchKind, MatchState, SourceKind

SMALL = (80, 24)
LARGE = (160, 45)


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


@pytest.fixture
def busy_store(filled_store: st.Store) -> st.Store:
    """The two small stories and a longer one: more claims than an 80x24 screen shows."""
    speakers = [
        ("Mayor Adrian Moss", SourceKind.NAMED),
        ("the port authority", SourceKind.ORGANIZATION),
        ("a union official who asked not to be named", SourceKind.ANONYMOUS),
    ]
    claims = [
        FakeClaim(
            f"the harbour strike will cost the city {n + 2} million dollars a week",
            source=speakers[n % 3][0],
            source_kind=speakers[n % 3][1],
            source_key=n % 3,
            status=ClaimStatus.CONFIRMED if n % 4 == 1 else ClaimStatus.PENDING,
        )
        for n in range(14)
    ]
    add_fake_story(filled_store, claims, title="Harbour strike enters second week", outlet="Ledger")
    return filled_store


def steady_cursors(app: object) -> None:
    """No blinking text cursor in the dialog on top: a snapshot must not catch it half-way."""
    from textual.widgets import Input, TextArea

    for widget in app.screen.query("Input, TextArea"):  # type: ignore[attr-defined]
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False


def _settled(app: object):
    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot, app)  # type: ignore[arg-type]

    return ready


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "160x45"])
def test_main_screen(
    snap_compare, busy_store: st.Store, fixed_clock: datetime, size: tuple[int, int]
) -> None:
    app = app_for(busy_store)
    assert snap_compare(app, terminal_size=size, run_before=_settled(app))


def test_detail_pane_with_note_match_and_history(
    snap_compare, filled_store: st.Store, fixed_clock: datetime
) -> None:
    _add_match(filled_store, fixed_clock)
    st.set_status(filled_store, claim_id=1, status="disputed", reviewer="desk")
    st.set_note(filled_store, claim_id=1, note="the ministry denies it", reviewer="desk")
    app = app_for(filled_store)
    assert snap_compare(app, terminal_size=LARGE, run_before=_settled(app))


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "160x45"])
def test_help_screen(
    snap_compare, filled_store: st.Store, fixed_clock: datetime, size: tuple[int, int]
) -> None:
    app = app_for(filled_store)

    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=ready)


def test_empty_database(
    snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixed_clock: datetime
) -> None:
    monkeypatch.chdir(tmp_path)  # a relative URL: the message names the same file every run
    store = st.Store.open("sqlite:///tracker.db")
    app = app_for(store)
    try:
        assert snap_compare(app, terminal_size=SMALL, run_before=_settled(app))
    finally:
        store.close()


def test_stale_change_refused(snap_compare, filled_store: st.Store, fixed_clock: datetime) -> None:
    app = app_for(filled_store)

    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot, app)
        st.set_status(filled_store, claim_id=1, status="disputed", reviewer="other desk")
        await pilot.press("c")  # the reviewer still sees claim 1 as pending
        await settle(pilot, app)

    assert snap_compare(app, terminal_size=SMALL, run_before=ready)


def test_status_filter_ticks_show_without_colour(
    snap_compare, filled_store: st.Store, fixed_clock: datetime
) -> None:
    app = app_for(filled_store)

    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot, app)
        await pilot.press("s", "d", "u")  # disputed and unclear ticked: [x]
        await pilot.pause()

    assert snap_compare(app, terminal_size=SMALL, run_before=ready)


def test_export_dialog_shows_the_full_path(
    snap_compare, filled_store: st.Store, fixed_clock: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "tracker.ui.screens.export.default_path",
        lambda fmt, extensions, folder=None: "/srv/desk/reports/claims-20241211-0930.md",
    )
    app = app_for(filled_store)

    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot, app)
        await pilot.press("e")
        await pilot.pause()
        steady_cursors(app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SMALL, run_before=ready)


def test_edit_dialog(snap_compare, filled_store: st.Store, fixed_clock: datetime) -> None:
    app = app_for(filled_store)

    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot, app)
        await pilot.press("j", "j", "E")
        await settle(pilot, app)
        steady_cursors(app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SMALL, run_before=ready)


def test_add_claim_dialog(snap_compare, filled_store: st.Store, fixed_clock: datetime) -> None:
    app = app_for(filled_store)

    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot, app)
        await pilot.press("A")
        await settle(pilot, app)
        await pilot.press(*["shift+right"] * 20)
        await settle(pilot, app)
        steady_cursors(app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=LARGE, run_before=ready)
