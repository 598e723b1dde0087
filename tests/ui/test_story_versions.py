"""The story picker tells a story's versions apart (same title, same URL)."""

from __future__ import annotations

from tests.conftest import FakeClaim, add_fake_story
from tracker import store as st
from tracker.ui.screens.stories import story_line


def test_picker_lines_name_the_version(store: st.Store) -> None:
    url = "https://levant.example/bashir"
    add_fake_story(store, [FakeClaim("one")], title="Bashir", body="Eleven years.", url=url)
    add_fake_story(store, [FakeClaim("one")], title="Bashir", body="Thirteen years.", url=url)
    add_fake_story(store, [FakeClaim("two")], title="Ferry", body="Fares rose.")
    lines = {s.id: story_line(s) for s in st.list_stories(store)}
    assert "Bashir · version 1, older" in lines[1]
    assert "Bashir · version 2, current" in lines[2]
    assert "version" not in lines[3]
    assert lines[1].endswith("0 claims")  # the older version's claim was superseded
    assert lines[2].endswith("1 claim")  # one, in the singular
