"""The review UI in an 80x24 terminal, its review-progress header, and the dialogs' keys,
marks and messages (issue 14's terminal-UI list), driven by real keys."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import FakeClaim, add_fake_story
from tests.ui.conftest import press, running, settle
from tracker import store as st
from tracker.models import match_table
from tracker.ui.screens.export import ExportScreen, full_path
from tracker.ui.screens.matches import MatchesScreen
from tracker.ui.widgets.claim_table import layout
from tracker.ui.widgets.key_bar import KeyBar
from tracker.ui.widgets.ticks import TickBox, TickList
from tracker.vocab import ClaimStatus, MatchKind, MatchState


def view_bar(screen) -> str:
    return str(screen.query_one("#view-bar").render())


def screen_lines(app) -> list[str]:
    """What the terminal shows, line by line, as plain text."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


@pytest.fixture
def thirty_claims(store: st.Store) -> st.Store:
    for story in range(3):
        claims = [
            FakeClaim(f"claim {n} of story {story} about the harbour strike", source=f"speaker {n}")
            for n in range(10)
        ]
        add_fake_story(store, claims, title=f"Story {story}")
    return store


@pytest.mark.parametrize("width", [80, 100, 160])
def test_every_width_keeps_id_source_status_and_claim(width: int) -> None:
    fields = [column.field for column in layout(width)]
    assert {"id", "source", "status", "claim"} <= set(fields)
    assert sum(column.width + 1 for column in layout(width)) - 1 <= width
    claim = next(c for c in layout(width) if c.field == "claim")
    assert claim.width >= 30  # the start of the claim, readable


def test_the_id_column_holds_a_millionth_claim() -> None:
    id_column = next(c for c in layout(80) if c.field == "id")
    assert id_column.width >= len("1000000")


async def test_80x24_shows_a_dozen_claims_with_id_source_status(thirty_claims: st.Store) -> None:
    async with running(thirty_claims, size=(80, 24)) as (_pilot, app, screen):
        table = screen.table
        assert table.size.height - 1 >= 12  # one line is the column heading
        lines = screen_lines(app)
        at = next(n for n, line in enumerate(lines) if line.startswith("#"))
        assert all(word in lines[at] for word in ("#", "source", "status", "claim"))
        shown = lines[at + 1 : at + 13]
        assert [int(line.split()[0]) for line in shown] == list(range(1, 13))
        assert all("speaker" in line and "pending" in line and "claim" in line for line in shown)
        keys = screen.query_one(KeyBar)
        assert keys.size.height <= 2
        text = str(keys.render())
        assert "quit" in text and "all keys" in text  # the rest are one ? away


async def test_header_shows_review_progress_not_cursor_position(filled_store: st.Store) -> None:
    async with running(filled_store) as (pilot, app, screen):
        # Claim 3 is unclear, but the extractor said so: nobody has reviewed anything.
        assert "0 / 5 reviewed (0%)" in view_bar(screen)
        await press(pilot, app, "j", "j")  # moving changes nothing
        assert "0 / 5 reviewed" in view_bar(screen)
        assert "through" not in view_bar(screen)
        await press(pilot, app, "c")  # the extractor's unclear -> a person's confirmed
        assert "1 / 5 reviewed (20%)" in view_bar(screen)
        await press(pilot, app, "k", "k", "c")  # claim 1, pending -> confirmed
        assert "2 / 5 reviewed (40%)" in view_bar(screen)
        await press(pilot, app, "z")  # undo counts again
        assert "1 / 5 reviewed" in view_bar(screen)
        await press(pilot, app, "s", "p", "enter")  # the view of pending claims
        assert "0 / 4 reviewed" in view_bar(screen)
        await press(pilot, app, "d")  # one leaves the view's pending claims
        assert "0 / 3 reviewed" in view_bar(screen)
        stored = st.totals(filled_store, filter=st.ClaimFilter(statuses=(ClaimStatus.PENDING,)))
        assert stored.total == 3


async def test_j_and_k_move_in_the_matches_dialog(filled_store: st.Store) -> None:
    with filled_store.write() as conn:
        for other in (4, 5):
            conn.execute(
                sa.insert(match_table),
                {
                    "claim_a_id": 1,
                    "claim_b_id": other,
                    "kind": MatchKind.SAME,
                    "state": MatchState.SUGGESTED,
                    "score": 80.0 + other,
                    "created_at": st.get_claim(filled_store, 1).updated_at,
                },
            )
    async with running(filled_store) as (pilot, app, screen):
        await press(pilot, app, "m")
        dialog = app.screen
        assert isinstance(dialog, MatchesScreen)
        options = dialog.query_one("#match-list")
        first = options.highlighted  # type: ignore[attr-defined]
        await press(pilot, app, "j")
        assert options.highlighted == first + 1  # type: ignore[attr-defined]
        await press(pilot, app, "k")
        assert options.highlighted == first  # type: ignore[attr-defined]
        await press(pilot, app, "j", "enter")  # opens the match j moved to
        assert screen.table.current is not None
        assert screen.table.current.id == dialog.matches[first + 1].claim_id


async def test_filter_ticks_are_marked_in_text(filled_store: st.Store) -> None:
    async with running(filled_store) as (pilot, app, screen):
        await press(pilot, app, "s", "d", "u")
        ticks = app.screen.query_one(TickList)
        lines = [str(option.prompt) for option in ticks.options]
        assert "[x] disputed  (d)" in lines and "[x] unclear  (u)" in lines
        assert "[ ] confirmed  (c)" in lines
        await press(pilot, app, "d")  # the same letter unticks
        assert "[ ] disputed  (d)" in [str(option.prompt) for option in ticks.options]
        await press(pilot, app, "space")  # the highlighted choice (the first)
        assert "[x] confirmed  (c)" in [str(option.prompt) for option in ticks.options]
        await press(pilot, app, "enter")
        assert screen.view.statuses == (ClaimStatus.CONFIRMED, ClaimStatus.UNCLEAR)


async def test_export_dialog_shows_and_edits_the_full_path(
    filled_store: st.Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    async with running(filled_store) as (pilot, app, _screen):
        await press(pilot, app, "e")
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        path_input = dialog.query_one("#export-path")
        shown = path_input.value  # type: ignore[attr-defined]
        assert Path(shown).is_absolute() and Path(shown).parent == tmp_path
        assert f"writes to: {shown}" in str(dialog.query_one("#export-where").render())
        path_input.value = "reports/desk.md"  # type: ignore[attr-defined]
        await settle(pilot, app)
        where = str(dialog.query_one("#export-where").render())
        assert where == f"writes to: {tmp_path / 'reports' / 'desk.md'}"


def test_full_path_expands_home_and_relative_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/desk")
    monkeypatch.chdir("/")
    assert full_path("~/r.md") == Path("/home/desk/r.md")
    assert full_path(" out/r.md ") == Path("/out/r.md")


async def test_export_refuses_an_existing_file_saying_what_to_do(
    filled_store: st.Store, tmp_path: Path
) -> None:
    target = tmp_path / "report.md"
    target.write_text("yesterday's report\n", encoding="utf-8")
    async with running(filled_store) as (pilot, app, screen):
        await press(pilot, app, "e")
        dialog = app.screen
        dialog.query_one("#export-path").value = str(target)  # type: ignore[attr-defined]
        await press(pilot, app, "enter")
        for _ in range(500):
            await pilot.pause(0.02)
            if "not exported" in str(dialog.query_one("#export-status").render()):
                break
        status = str(dialog.query_one("#export-status").render())
        assert "already exists" in status and "overwrite" in status and "ctrl+o" in status
        assert "--force" not in status
        assert target.read_text(encoding="utf-8") == "yesterday's report\n"
        assert app.screen is dialog  # still open, to act on the advice
        await press(pilot, app, "ctrl+o")
        assert dialog.query_one("#export-force", TickBox).value is True
        assert "✓" in str(dialog.query_one("#export-force", TickBox).render())
        await press(pilot, app, "ctrl+s")
        for _ in range(500):
            await pilot.pause(0.02)
            if "written to" in screen.last_message:
                break
        assert "5 claims written" in screen.last_message
    assert "yesterday" not in target.read_text(encoding="utf-8")


def test_the_first_screen_loads_no_dialog_and_no_matcher() -> None:
    import subprocess
    import sys

    code = (
        "import sys, tracker.ui; "
        "late = ['tracker.store.matches', 'tracker.matching', 'tracker.ui.screens.export', "
        "'tracker.ui.screens.matches', 'tracker.ui.screens.prompts', "
        "'tracker.ui.screens.stories', 'tracker.ui.screens.help']; "
        "print([m for m in late if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


async def test_the_writer_starts_with_the_first_change(filled_store: st.Store) -> None:
    async with running(filled_store) as (pilot, app, screen):
        assert screen.writer is None  # nothing to write: no thread for it yet
        await press(pilot, app, "c")
        assert screen.writer is not None
        assert st.get_claim(filled_store, 1).status is ClaimStatus.CONFIRMED


async def test_the_list_and_detail_tell_the_extractor_from_people(filled_store: st.Store) -> None:
    from tracker.ui.widgets.claim_table import cell_text

    # Claim 3's "unclear" was read from the story's wording by the extractor.
    async with running(filled_store) as (pilot, app, screen):
        rows = {row.id: row for row in screen.table.rows}
        assert cell_text(rows[3], "status") == "unclear*"
        assert cell_text(rows[1], "status") == "pending"
        await press(pilot, app, "j", "j")
        assert screen.detail is not None
        pane = str(screen.query_one("#detail-context").render())
        assert "set by the extractor" in pane
        await press(pilot, app, "u")  # a person agrees: no longer the extractor's guess
        assert cell_text(st.get_claim(filled_store, 3), "status") == "unclear"
        await press(pilot, app, "k")  # back on claim 3 after the move to the next pending
        assert screen.table.current is not None and screen.table.current.id == 3
        assert "decided by tester" in str(screen.query_one("#detail-context").render())


@pytest.mark.parametrize("width", [80, 160])
def test_status_column_fits_the_longest_status_with_its_marks(width: int) -> None:
    from tracker.ui.widgets.claim_table import STATUS_LABELS, fit, layout

    status = next(c for c in layout(width) if c.field == "status")
    # The extractor's mark and the dropped flag are what tell a guess from a decision.
    longest = f"⚑ {max(STATUS_LABELS.values(), key=len)}*"
    assert fit(longest, status.width).rstrip() == longest
