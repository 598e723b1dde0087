"""Counts on the review screen read as plain English: one of a thing is singular."""

from __future__ import annotations

from tests.conftest import FakeClaim, add_fake_story
from tests.ui.conftest import running
from tracker import store as st
from tracker.ui.widgets.status_bar import StoryStatusBar


async def test_a_story_of_one_claim_says_one_claim(store: st.Store) -> None:
    add_fake_story(store, [FakeClaim("The bridge will open in May")], title="Bridge")
    async with running(store) as (_pilot, app, _screen):
        bar = app.screen.query_one(StoryStatusBar)
        first_line = bar.render().plain.splitlines()[0]
        assert first_line == "1 claim in Bridge"
