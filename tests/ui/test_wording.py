"""What the review screen shows reads as the stories and reviewers wrote it: counts of one
are singular, and square brackets ("[sic]", "[the council]") are words, not markup."""

from __future__ import annotations

import json

import sqlalchemy as sa
from textual.widgets import Label, OptionList

from tests.conftest import FakeClaim, add_fake_story
from tests.ui.conftest import press, running
from tracker import store as st
from tracker.models import match_table
from tracker.ui.screens.matches import MatchesScreen
from tracker.ui.widgets.status_bar import StoryStatusBar
from tracker.vocab import ClaimStatus, MatchKind, MatchState

BRACKETED = "The mayor said [the council] would open the bridge in May [sic]"


async def test_a_story_of_one_claim_says_one_claim(store: st.Store) -> None:
    add_fake_story(store, [FakeClaim("The bridge will open in May")], title="Bridge")
    async with running(store) as (_pilot, app, _screen):
        bar = app.screen.query_one(StoryStatusBar)
        first_line = bar.render().plain.splitlines()[0]
        assert first_line == "1 claim in Bridge"


def _bridge_stories(store: st.Store) -> None:
    one = add_fake_story(store, [FakeClaim(BRACKETED)], title="Bridge one")
    two = add_fake_story(
        store, [FakeClaim("The council will open the bridge in May")], title="Bridge two"
    )
    why = {"score": 60.0, "kind": "same", "summary": "score 60 (same) | aligned: bridge, May"}
    with store.write() as conn:
        conn.execute(
            sa.insert(match_table),
            {
                "claim_a_id": one.claim_ids[0],
                "claim_b_id": two.claim_ids[0],
                "kind": MatchKind.SAME,
                "state": MatchState.SUGGESTED,
                "score": 60.0,
                "explanation": json.dumps(why),
                "created_at": st.get_claim(store, one.claim_ids[0]).updated_at,
            },
        )


async def test_brackets_in_a_claim_show_in_the_matches_dialog(store: st.Store) -> None:
    _bridge_stories(store)
    async with running(store) as (pilot, app, _screen):
        await press(pilot, app, "m")
        assert isinstance(app.screen, MatchesScreen)
        title = app.screen.query_one(".dialog-title", Label)
        assert str(title.render()) == f"Matches of claim 1: {BRACKETED}"


async def test_a_search_holding_brackets_is_shown_and_stops_nothing(store: st.Store) -> None:
    _bridge_stories(store)
    async with running(store) as (pilot, app, screen):
        await press(pilot, app, "slash")
        # "[/x]" as markup closes a tag never opened: it stopped the app
        await pilot.press("left_square_bracket", "slash", "x", "right_square_bracket")
        await press(pilot, app, "enter")
        assert app.is_running
        assert "search “[/x]”" in str(screen.query_one("#view-bar").render())
        assert "No claims match this view (search “[/x]”)" in str(
            screen.query_one("#empty").render()
        )


async def test_the_matches_dialog_names_statuses_as_the_table_does(store: st.Store) -> None:
    _bridge_stories(store)
    st.set_status(store, claim_id=2, status=ClaimStatus.NO_RESPONSE, reviewer="ana")
    async with running(store) as (pilot, app, _screen):
        await press(pilot, app, "m")
        option = app.screen.query_one("#match-list", OptionList).get_option_at_index(0)
        assert "[no response] " in str(option.prompt)
