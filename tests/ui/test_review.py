"""The review screen driven by its real keys, checked against the database."""

from __future__ import annotations

import subprocess
import sys

import sqlalchemy as sa

from tests.conftest import FakeClaim, add_fake_story
from tests.ui.conftest import press, running, settle
from tracker import store as st
from tracker.models import audit_table, match_table
from tracker.ui.screens.help import HelpScreen
from tracker.ui.screens.matches import MatchesScreen
from tracker.ui.widgets.claim_table import MAX_WINDOW, PAGE, ClaimTable
from tracker.vocab import ClaimStatus, MatchKind, MatchState, SourceKind


def shown_ids(table: ClaimTable) -> list[int]:
    return [row.id for row in table.rows]


def audit(store: st.Store, claim_id: int) -> list[st.AuditEntry]:
    return st.history(store, claim_id=claim_id)


async def test_first_screen_lists_claims_and_details(filled_store: st.Store) -> None:
    async with running(filled_store) as (_pilot, _app, screen):
        table = screen.table
        assert shown_ids(table) == [1, 2, 3, 4, 5]
        assert table.current is not None and table.current.id == 1
        assert screen.detail is not None and screen.detail.claim.id == 1
        # Claim 3's unclear is the extractor's, not a review.
        assert "0 / 5 reviewed" in str(screen.query_one("#view-bar").render())


async def test_status_keys_store_status_audit_and_advance(filled_store: st.Store) -> None:
    async with running(filled_store) as (pilot, app, screen):
        await press(pilot, app, "c")
        claim = st.get_claim(filled_store, 1)
        assert claim.status is ClaimStatus.CONFIRMED
        assert claim.updated_by == "tester"
        events = audit(filled_store, 1)
        assert [(e.action, e.new_status, e.reviewer) for e in events] == [
            ("status", ClaimStatus.CONFIRMED, "tester")
        ]
        # On to the next pending claim: 2 (claim 3 is unclear, so d on 2 then jumps to 4).
        assert screen.table.current is not None and screen.table.current.id == 2
        await press(pilot, app, "d")
        assert st.get_claim(filled_store, 2).status is ClaimStatus.DISPUTED
        assert screen.table.current is not None and screen.table.current.id == 4
        assert screen.table.rows[0].status is ClaimStatus.CONFIRMED  # the row shows it


async def test_every_status_key(filled_store: st.Store) -> None:
    keys = {
        "x": ClaimStatus.FALSE,
        "u": ClaimStatus.UNCLEAR,
        "r": ClaimStatus.NO_RESPONSE,
        "p": ClaimStatus.PENDING,
        "c": ClaimStatus.CONFIRMED,
        "d": ClaimStatus.DISPUTED,
    }
    async with running(filled_store) as (pilot, app, screen):
        for key, status in keys.items():
            await press(pilot, app, "g")  # back to claim 1 each time
            await press(pilot, app, key)
            assert st.get_claim(filled_store, 1).status is status, key
        assert len(audit(filled_store, 1)) == len(keys)


async def test_note_prompt_saves_note_with_audit(filled_store: st.Store) -> None:
    async with running(filled_store) as (pilot, app, _screen):
        await press(pilot, app, "n")
        await pilot.press(*"asked the ministry")
        await press(pilot, app, "enter")
        claim = st.get_claim(filled_store, 1)
        assert claim.status_note == "asked the ministry"
        assert claim.status is ClaimStatus.PENDING
        assert [e.action for e in audit(filled_store, 1)] == ["note"]


async def test_note_prompt_escape_changes_nothing(filled_store: st.Store) -> None:
    async with running(filled_store) as (pilot, app, _screen):
        await press(pilot, app, "n")
        await pilot.press(*"never mind")
        await press(pilot, app, "escape")
        assert st.get_claim(filled_store, 1).status_note is None
        assert audit(filled_store, 1) == []


async def test_undo_reverses_last_change_as_new_event(filled_store: st.Store) -> None:
    async with running(filled_store) as (pilot, app, screen):
        await press(pilot, app, "j", "x")  # claim 2 false
        await press(pilot, app, "z")
        claim = st.get_claim(filled_store, 2)
        assert claim.status is ClaimStatus.PENDING
        events = audit(filled_store, 2)
        assert [e.action for e in events] == ["status", "undo"]
        assert events[1].undoes_id == events[0].id
        assert screen.table.current is not None and screen.table.current.id == 2
        assert "undone" in screen.last_message


async def test_undo_with_nothing_to_undo_says_so(filled_store: st.Store) -> None:
    async with running(filled_store) as (pilot, app, screen):
        await press(pilot, app, "z")
        assert "no change left to undo" in screen.last_message


async def test_stale_change_is_refused_and_row_refreshed(filled_store: st.Store) -> None:
    async with running(filled_store) as (pilot, app, screen):
        assert screen.table.current is not None and screen.table.current.version == 1
        # Another reviewer changes claim 1 behind the app's back.
        st.set_status(filled_store, claim_id=1, status="disputed", reviewer="other desk")
        await press(pilot, app, "c")
        claim = st.get_claim(filled_store, 1)
        assert claim.status is ClaimStatus.DISPUTED
        assert claim.updated_by == "other desk"
        assert [e.reviewer for e in audit(filled_store, 1)] == ["other desk"]
        assert "changed by other desk" in screen.last_message
        assert "nothing was overwritten" in screen.last_message
        row = next(r for r in screen.table.rows if r.id == 1)
        assert row.status is ClaimStatus.DISPUTED and row.version == 2
        assert screen.table.current is not None and screen.table.current.id == 1  # back on it
        assert screen.detail is not None and screen.detail.claim.updated_by == "other desk"
        # Now that the row shows what is stored, the reviewer can decide again.
        await press(pilot, app, "c")
        assert st.get_claim(filled_store, 1).status is ClaimStatus.CONFIRMED


async def test_status_filter(filled_store: st.Store) -> None:
    async with running(filled_store) as (pilot, app, screen):
        await press(pilot, app, "s", "u", "enter")
        assert shown_ids(screen.table) == [3]
        assert "status unclear" in str(screen.query_one("#view-bar").render())
        await press(pilot, app, "escape")
        assert shown_ids(screen.table) == [1, 2, 3, 4, 5]
        assert screen.table.current is not None and screen.table.current.id == 3


async def test_source_kind_filter(filled_store: st.Store) -> None:
    async with running(filled_store) as (pilot, app, screen):
        await press(pilot, app, "f", "n", "s", "enter")
        assert shown_ids(screen.table) == [3, 5]


async def test_attribution_kind_filter(filled_store: st.Store) -> None:
    async with running(filled_store) as (pilot, app, screen):
        await press(pilot, app, "a", "i", "o", "enter")
        assert shown_ids(screen.table) == [2, 5]
        assert "kind intention, outlet" in str(screen.query_one("#view-bar").render())
        await press(pilot, app, "a", "i", "o", "s", "enter")  # untick both, tick speech
        assert shown_ids(screen.table) == [1, 3, 4]
        await press(pilot, app, "a", "f", "enter")  # speech and finding: no finding here
        assert shown_ids(screen.table) == [1, 3, 4]
        await press(pilot, app, "escape")
        assert shown_ids(screen.table) == [1, 2, 3, 4, 5]
        await press(pilot, app, "a", "escape")  # cancelled: nothing changes
        assert shown_ids(screen.table) == [1, 2, 3, 4, 5]


def test_table_shows_the_attribution_kind(filled_store: st.Store) -> None:
    from tracker.ui.widgets.claim_table import cell_text, layout

    rows = st.list_claims(filled_store)
    for width in (100, 160):
        fields = [c.field for c in layout(width)]
        assert "kind" in fields and "source_kind" in fields
    assert [cell_text(r, "kind") for r in rows] == [
        "speech",
        "intention",
        "speech",
        "speech",
        "outlet",
    ]
    assert cell_text(rows[4], "source_kind") == "outlet"


async def test_story_filter_toggles_on_highlighted_story(filled_store: st.Store) -> None:
    async with running(filled_store) as (pilot, app, screen):
        await press(pilot, app, "j", "j", "j", "t")
        assert shown_ids(screen.table) == [4, 5]
        await press(pilot, app, "t")
        assert shown_ids(screen.table) == [1, 2, 3, 4, 5]


async def test_search_claim_text_source_and_title(filled_store: st.Store) -> None:
    async with running(filled_store) as (pilot, app, screen):
        await press(pilot, app, "slash")
        await pilot.press(*"Assad")
        await press(pilot, app, "enter")
        assert shown_ids(screen.table) == [5]
        await press(pilot, app, "slash", "ctrl+u")  # a new search: the story title
        await pilot.press(*"qatar talks")
        await press(pilot, app, "enter")
        assert shown_ids(screen.table) == [1, 2, 3]


async def test_search_without_results_explains(filled_store: st.Store) -> None:
    async with running(filled_store) as (pilot, app, screen):
        await press(pilot, app, "slash")
        await pilot.press(*"zanzibar")
        await press(pilot, app, "enter")
        notice = screen.query_one("#empty")
        assert notice.display and not screen.table.display
        assert "No claims match" in str(notice.render())
        await press(pilot, app, "escape")
        assert screen.table.display and len(screen.table.rows) == 5


async def test_empty_database_says_how_to_ingest(store: st.Store) -> None:
    async with running(store) as (pilot, app, screen):
        notice = screen.query_one("#empty")
        assert notice.display and not screen.table.display
        text = str(notice.render())
        assert "No claims yet" in text and "tracker ingest" in text
        await press(pilot, app, "c", "z")  # keys on nothing do no harm
        assert st.count_claims(store) == 0


async def test_help_lists_every_key_of_the_design(filled_store: st.Store) -> None:
    async with running(filled_store) as (pilot, app, _screen):
        await press(pilot, app, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        described = {keys: text for _title, rows in app.help_sections() for keys, text in rows}
        for keys in (
            "j / ↓",
            "k / ↑",
            "c",
            "p",
            "d",
            "x",
            "u",
            "r",
            "n",
            "z",
            "/",
            "s",
            "m",
            "e",
            "?",
            "q",
            "ctrl+p",
            "f",
            "a",
        ):
            assert keys in described, keys
        assert described["a"] == "attribution kind"
        await press(pilot, app, "escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_command_palette_reaches_status_actions(filled_store: st.Store) -> None:
    async with running(filled_store) as (pilot, app, screen):
        titles = [c.title for c in app.get_system_commands(screen)]
        for title in ("Confirmed (c)", "Note (n)", "Undo (z)", "Search (/)", "Export (e)"):
            assert title in titles
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        await pilot.press(*"disputed")
        await pilot.pause(0.5)
        await press(pilot, app, "enter")
        assert st.get_claim(filled_store, 1).status is ClaimStatus.DISPUTED


async def test_matches_dialog_opens_the_other_claim(filled_store: st.Store) -> None:
    with filled_store.write() as conn:
        conn.execute(
            sa.insert(match_table),
            {
                "claim_a_id": 1,
                "claim_b_id": 4,
                "kind": MatchKind.SAME,
                "state": MatchState.SUGGESTED,
                "score": 88.0,
                "created_at": st.get_claim(filled_store, 1).updated_at,
            },
        )
    async with running(filled_store) as (pilot, app, screen):
        assert screen.detail is not None and [m.claim_id for m in screen.detail.matches] == [4]
        await press(pilot, app, "m")
        assert isinstance(app.screen, MatchesScreen)
        await press(pilot, app, "enter")
        assert screen.table.current is not None and screen.table.current.id == 4


async def test_matches_outside_the_filter_clear_it(filled_store: st.Store) -> None:
    with filled_store.write() as conn:
        conn.execute(
            sa.insert(match_table),
            {
                "claim_a_id": 1,
                "claim_b_id": 4,
                "kind": MatchKind.CONFLICT,
                "state": MatchState.LINKED,
                "score": 80.0,
                "created_at": st.get_claim(filled_store, 1).updated_at,
            },
        )
    async with running(filled_store) as (pilot, app, screen):
        await press(pilot, app, "t", "m", "enter")  # story 1 only, then open claim 4
        assert screen.table.current is not None and screen.table.current.id == 4
        assert "filters cleared" in screen.last_message


async def test_export_dialog_writes_the_view(filled_store: st.Store, tmp_path) -> None:
    target = tmp_path / "report.md"
    async with running(filled_store) as (pilot, app, screen):
        await press(pilot, app, "s", "u", "enter")  # export only the unclear claim
        await press(pilot, app, "e")
        path_input = app.screen.query_one("#export-path")
        path_input.value = str(target)  # type: ignore[attr-defined]
        await pilot.press("enter")
        for _ in range(750):
            await pilot.pause(0.02)
            if target.exists() and "written to" in screen.last_message:
                break
        assert "1 claim written" in screen.last_message
    report = target.read_text(encoding="utf-8")
    assert "they are communicating with various parties" in report
    assert "Qatari diplomats" not in report


async def test_paging_through_many_claims(store: st.Store) -> None:
    for story in range(12):
        add_fake_story(
            store,
            [FakeClaim(f"claim {story}-{n} about the port") for n in range(100)],
            title=f"Story {story}",
        )
    async with running(store, size=(120, 30)) as (pilot, app, screen):
        table = screen.table
        assert len(table.rows) == PAGE and table.at_start and not table.at_end
        for step in range(PAGE + 10):  # the j key's action, without a key round trip each
            table.action_cursor_down()
            if step % 20 == 0:
                await settle(pilot, app)
        await press(pilot, app, "j")
        assert table.current is not None and table.current.id == PAGE + 12
        assert len(table.rows) > PAGE  # the next page came in behind the scenes
        await press(pilot, app, "G")
        assert table.current is not None and table.current.id == 1200
        assert table.at_end and len(table.rows) <= MAX_WINDOW
        await press(pilot, app, "k", "c")  # still works at the far end
        assert st.get_claim(store, 1199).status is ClaimStatus.CONFIRMED
        await press(pilot, app, "g")
        assert table.current is not None and table.current.id == 1


async def test_status_key_past_the_window_finds_next_pending(store: st.Store) -> None:
    claims = [FakeClaim(f"settled claim {n}", status=ClaimStatus.CONFIRMED) for n in range(400)]
    add_fake_story(store, claims + [FakeClaim("the one still pending")], title="Long story")
    async with running(store) as (pilot, app, screen):
        await press(pilot, app, "d")
        assert st.get_claim(store, 1).status is ClaimStatus.DISPUTED
        assert screen.table.current is not None and screen.table.current.id == 401


def test_store_and_cli_do_not_import_textual() -> None:
    code = (
        "import sys, tracker.store, tracker.cli, tracker.extract, tracker.matching; "
        "sys.exit(1 if 'textual' in sys.modules else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_audit_table_untouched_by_reads(filled_store: st.Store) -> None:
    with filled_store.read() as conn:
        before = conn.execute(sa.select(sa.func.count()).select_from(audit_table)).scalar_one()
    assert before == 1  # only the extractor's "unclear" on claim 3
    assert SourceKind.NAMED.value == "named"


async def test_key_bar_shows_the_review_keys(filled_store: st.Store) -> None:
    from tracker.ui.widgets.key_bar import KeyBar

    async with running(filled_store) as (_pilot, _app, screen):
        shown = {key: (text, enabled) for key, text, enabled in screen.query_one(KeyBar).pairs()}
        for key in ("c", "p", "d", "x", "u", "r", "n", "z", "/", "s", "m", "e", "?", "q", "^p"):
            assert key in shown, key
        assert shown["c"] == ("confirmed", True)
        assert shown["a"] == ("attribution kind", True)
        assert shown["esc"][1] is False  # nothing to clear yet: shown greyed


async def test_arrow_keys_and_quit(filled_store: st.Store) -> None:
    async with running(filled_store) as (pilot, app, screen):
        await press(pilot, app, "down", "down", "up")
        assert screen.table.current is not None and screen.table.current.id == 2
        assert screen.detail is not None and screen.detail.claim.id == 2
        await pilot.press("q")
        await pilot.pause()
        assert app._exit  # the app is on its way out


async def test_change_pressed_right_before_quit_is_stored(filled_store: st.Store) -> None:
    import asyncio

    async with running(filled_store) as (pilot, _app, _screen):
        await pilot.press("x", "q")
    for _ in range(1000):  # the writer drains its queue before it stops
        if st.get_claim(filled_store, 1).status is ClaimStatus.FALSE:
            break
        await asyncio.sleep(0.01)
    assert st.get_claim(filled_store, 1).status is ClaimStatus.FALSE


def _suggest_match(store: st.Store, a: int = 1, b: int = 4) -> int:
    with store.write() as conn:
        return int(
            conn.execute(
                sa.insert(match_table).returning(match_table.c.id),
                {
                    "claim_a_id": a,
                    "claim_b_id": b,
                    "kind": MatchKind.SAME,
                    "state": MatchState.SUGGESTED,
                    "score": 88.0,
                    "created_at": st.get_claim(store, a).updated_at,
                },
            ).scalar_one()
        )


def _match_state(store: st.Store, match_id: int) -> MatchState:
    with store.read() as conn:
        state = conn.execute(
            sa.select(match_table.c.state).where(match_table.c.id == match_id)
        ).scalar_one()
    return MatchState(state)


async def test_accepting_a_suggested_match(filled_store: st.Store) -> None:
    match_id = _suggest_match(filled_store)
    async with running(filled_store) as (pilot, app, screen):
        await press(pilot, app, "m", "a")
        assert _match_state(filled_store, match_id) is MatchState.ACCEPTED
        assert f"match {match_id}: accepted" in screen.last_message
        for claim_id in (1, 4):  # recorded in both claims' history, by this reviewer
            events = audit(filled_store, claim_id)
            assert [(e.action, e.reviewer) for e in events] == [("match", "tester")]
        assert screen.detail is not None
        assert screen.detail.matches[0].state is MatchState.ACCEPTED
        await press(pilot, app, "m")
        assert app.screen.check_action("accept", ()) is None  # decided: greyed out


async def test_rejecting_a_suggested_match_hides_it(filled_store: st.Store) -> None:
    match_id = _suggest_match(filled_store)
    async with running(filled_store) as (pilot, app, screen):
        await press(pilot, app, "m", "x")
        assert _match_state(filled_store, match_id) is MatchState.REJECTED
        assert screen.detail is not None and screen.detail.matches == []
        assert st.get_claim(filled_store, 1).status is ClaimStatus.PENDING  # status untouched


async def test_count_survives_a_jump_outside_the_window(store: st.Store, monkeypatch) -> None:
    import time

    def slow_count(*args, **kwargs):  # a count that takes as long as one on a big database
        time.sleep(0.3)
        return st.totals(*args, **kwargs)

    monkeypatch.setattr("tracker.ui.screens.review.totals", slow_count)
    for story in range(3):
        claims = [FakeClaim(f"claim {story}-{n}") for n in range(150)]
        add_fake_story(store, claims, title=f"S{story}")
    async with running(store) as (pilot, app, screen):
        screen.view = st.ClaimFilter(statuses=(ClaimStatus.PENDING,))
        screen.reload("first")  # a new view: its count is loading...
        screen.go_to(400)  # ...when the window jumps beyond the first page
        await settle(pilot, app)
        assert screen.table.current is not None and screen.table.current.id == 400
        assert screen.count == 450
        assert "0 / 450 reviewed" in str(screen.query_one("#view-bar").render())


async def test_scrolling_back_up_from_the_end_loads_earlier_pages(store: st.Store) -> None:
    for story in range(6):
        claims = [FakeClaim(f"claim {story}-{n}") for n in range(100)]
        add_fake_story(store, claims, title=f"S{story}")
    async with running(store, size=(120, 30)) as (pilot, app, screen):
        table = screen.table
        await press(pilot, app, "G")
        assert table.current is not None and table.current.id == 600
        assert not table.at_start
        for step in range(251):  # the k key's action, without a key round trip each time
            table.action_cursor_up()
            if step % 20 == 0:
                await settle(pilot, app)
        await settle(pilot, app)
        assert table.current is not None and table.current.id == 349
        ids = shown_ids(table)
        assert ids == sorted(ids) and len(set(ids)) == len(ids)  # no gap, no repeat
        assert ids[-1] - ids[0] == len(ids) - 1


async def test_detail_highlights_content_source_and_cue(store: st.Store) -> None:
    body = "An earlier paragraph.\n\nThe minister said the port will reopen on Friday. Other news."
    start = body.index("The minister")
    add_fake_story(
        store,
        [
            FakeClaim(
                "the port will reopen on Friday",
                source="The minister",
                source_kind=SourceKind.NAMED,
                content_span=(body.index("the port"), body.index(" Friday") + 7),
                source_span=(start, start + len("The minister")),
                cue_span=(body.index("said"), body.index("said") + 4),
                paragraph_span=(start, len(body)),
            )
        ],
        body=body,
    )
    async with running(store) as (_pilot, _app, screen):
        from tracker.ui.widgets.detail import ClaimDetailPane

        assert screen.detail is not None
        pane = screen.query_one(ClaimDetailPane)
        text = pane.context_text(screen.detail)
        plain = text.plain
        assert "An earlier paragraph" not in plain  # only the claim's own paragraph
        marked = {plain[span.start : span.end] for span in text.spans}
        assert {"the port will reopen on Friday", "The minister", "said"} <= marked


async def test_detail_highlights_each_segment(store: st.Store) -> None:
    body = '"The port reopens on Friday," the minister said. "The cranes are fixed." More.'
    first, second = body.index("The port"), body.index("The cranes")
    add_fake_story(
        store,
        [
            FakeClaim(
                "The port reopens on Friday, The cranes are fixed.",
                source="the minister",
                source_kind=SourceKind.NAMED,
                content_span=(first, second + len("The cranes are fixed.")),
                segments=(
                    (first, first + len("The port reopens on Friday,")),
                    (second, second + len("The cranes are fixed.")),
                ),
                source_span=(body.index("the minister"), body.index(" said")),
                cue_span=(body.index("said"), body.index("said") + 4),
                paragraph_span=(0, len(body)),
            )
        ],
        body=body,
    )
    async with running(store) as (_pilot, _app, screen):
        from tracker.ui.widgets.detail import ClaimDetailPane

        assert screen.detail is not None
        pane = screen.query_one(ClaimDetailPane)
        text = pane.context_text(screen.detail)
        content = pane._style("content")
        marked = [text.plain[s.start : s.end] for s in text.spans if str(s.style) == content]
        assert marked == ["The port reopens on Friday,", "The cranes are fixed."]
        source = pane.source_text(screen.detail).plain
        assert "kind speech" in source and "(2 segments)" in source


async def test_story_picker_narrows_and_filters(filled_store: st.Store) -> None:
    from tracker.ui.screens.stories import StoryPicker

    async with running(filled_store) as (pilot, app, screen):
        await press(pilot, app, "T")
        assert isinstance(app.screen, StoryPicker)
        assert [s.id for s in app.screen.shown] == [2, 1]  # newest first
        await pilot.press(*"iran")
        await press(pilot, app, "enter")
        assert shown_ids(screen.table) == [4, 5]
        assert screen.view.story_id == 2


async def test_a_failing_read_is_shown_and_the_app_goes_on(
    filled_store: st.Store, monkeypatch
) -> None:
    def broken(*args, **kwargs):
        raise st.StoreError("the database is locked by a backup")

    async with running(filled_store) as (pilot, app, screen):
        monkeypatch.setattr("tracker.ui.screens.review.claim_detail", broken)
        await press(pilot, app, "j")
        assert "database error: the database is locked by a backup" in screen.last_message
        monkeypatch.setattr("tracker.ui.screens.review.claim_detail", st.claim_detail)
        await press(pilot, app, "c")  # still works afterwards
        assert st.get_claim(filled_store, 2).status is ClaimStatus.CONFIRMED


async def test_a_page_for_a_window_that_moved_is_dropped(store: st.Store) -> None:
    for story in range(4):
        claims = [FakeClaim(f"claim {story}-{n}") for n in range(100)]
        add_fake_story(store, claims, title=f"S{story}")
    async with running(store) as (pilot, app, screen):
        table = screen.table
        await press(pilot, app, "G")
        before = shown_ids(table)
        stale = st.list_claims(store, before_id=50, limit=PAGE)  # read from an old edge
        table.extend(stale, "before", anchor_id=50)
        await settle(pilot, app)
        assert shown_ids(table)[-len(before) :] == before
        ids = shown_ids(table)
        assert ids[-1] - ids[0] == len(ids) - 1  # still no gap


def test_audit_lines_read_as_the_desk_speaks() -> None:
    from datetime import UTC, datetime

    from tracker.ui.widgets.detail import describe_event

    def event(action: str, old, new, old_note=None, new_note=None) -> st.AuditEntry:
        at = datetime(2024, 12, 11, 9, 30, tzinfo=UTC)
        return st.AuditEntry(1, 1, action, old, new, old_note, new_note, "ana", at, 2, None)

    P, D, U = ClaimStatus.PENDING, ClaimStatus.DISPUTED, ClaimStatus.UNCLEAR
    assert describe_event(event("status", P, D)) == "2024-12-11 09:30 UTC  ana: pending → disputed"
    assert describe_event(event("note", D, D, None, "denied")).endswith("ana: note: denied")
    assert describe_event(event("note", D, D, "denied", None)).endswith("ana: note cleared")
    assert describe_event(event("undo", D, P)).endswith("ana: undo: disputed → pending")
    assert describe_event(event("extract", None, U, None, "not clear if")).endswith(
        "ana: read from the story: — → unclear (not clear if)"
    )


async def test_note_on_a_claim_changed_meanwhile_is_refused(filled_store: st.Store) -> None:
    async with running(filled_store) as (pilot, app, screen):
        await press(pilot, app, "n")
        await pilot.press(*"my note")
        # While the prompt is open, another reviewer writes their own note.
        st.set_note(filled_store, claim_id=1, note="their note", reviewer="other desk")
        await press(pilot, app, "enter")
        assert st.get_claim(filled_store, 1).status_note == "their note"
        assert "changed by other desk" in screen.last_message
        assert screen.table.rows[0].status_note == "their note"


async def test_matches_key_before_the_detail_arrives_opens_when_it_does(
    filled_store: st.Store,
) -> None:
    _suggest_match(filled_store, 2, 4)
    async with running(filled_store) as (pilot, app, screen):
        await pilot.press("j", "m")  # m lands while claim 2's details are still on their way
        await settle(pilot, app)
        assert isinstance(app.screen, MatchesScreen)
        assert app.screen.claim.id == 2 and [m.claim_id for m in app.screen.matches] == [4]


def test_the_tui_never_builds_sql() -> None:
    import ast
    from pathlib import Path

    import tracker.ui

    root = Path(tracker.ui.__file__).parent
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(("sqlalchemy", "sqlmodel", "tracker.models")), (
                    f"{path.name} imports {name}: the store is the only code that talks SQL"
                )


async def test_trimming_the_window_never_moves_the_cursor(store: st.Store) -> None:
    for story in range(14):
        claims = [FakeClaim(f"claim {story}-{n}") for n in range(100)]
        add_fake_story(store, claims, title=f"S{story}")
    async with running(store) as (pilot, app, screen):
        table = screen.table
        await press(pilot, app, "G")  # the last page: ids 1201..1400
        for _ in range(4):  # four pages before it: the window is full
            table.extend(
                st.list_claims(store, before_id=table.rows[0].id, limit=PAGE),
                "before",
                anchor_id=table.rows[0].id,
            )
        assert len(table.rows) >= MAX_WINDOW
        assert table.current is not None and table.current.id == 1400
        # One more page before: the window is full, yet the cursor's rows stay.
        table.extend(
            st.list_claims(store, before_id=table.rows[0].id, limit=PAGE),
            "before",
            anchor_id=table.rows[0].id,
        )
        await settle(pilot, app)
        assert table.current is not None and table.current.id == 1400
        ids = shown_ids(table)
        assert ids[-1] - ids[0] == len(ids) - 1


def test_long_paragraphs_are_cut_around_the_claim() -> None:
    from tracker.ui.widgets.detail import crop

    paragraph = "x" * 5000 + "THE CLAIM" + "y" * 5000
    shown, shift = crop(paragraph, 5000, limit=300)
    assert len(shown) <= 302 and shown.startswith("…") and shown.endswith("…")
    assert shown[5000 - shift : 5009 - shift] == "THE CLAIM"
    assert crop("short", 2) == ("short", 0)


async def test_changes_by_other_reviewers_show_up(filled_store: st.Store) -> None:
    async with running(filled_store) as (pilot, app, screen):
        st.set_status(filled_store, claim_id=2, status="false", reviewer="other desk")
        st.set_note(filled_store, claim_id=1, note="checked by phone", reviewer="other desk")
        screen.refresh_visible()  # what the screen does every few seconds
        await settle(pilot, app)
        assert screen.table.rows[1].status is ClaimStatus.FALSE
        assert screen.detail is not None and screen.detail.claim.status_note == "checked by phone"
        await press(pilot, app, "c")  # the fresh version: no stale refusal
        assert st.get_claim(filled_store, 1).status is ClaimStatus.CONFIRMED


async def test_claims_stored_while_open_appear_at_the_end(filled_store: st.Store) -> None:
    async with running(filled_store) as (pilot, app, screen):
        await press(pilot, app, "G")
        assert screen.table.current is not None and screen.table.current.id == 5
        add_fake_story(filled_store, [FakeClaim("a late claim"), FakeClaim("another")])
        await press(pilot, app, "j")  # at the very end: the table looks for newer claims
        await press(pilot, app, "j")
        assert shown_ids(screen.table) == [1, 2, 3, 4, 5, 6, 7]
        assert screen.table.current is not None and screen.table.current.id == 6
        await press(pilot, app, "G")
        assert screen.table.current is not None and screen.table.current.id == 7
