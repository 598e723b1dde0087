"""The review UI and matching by meaning: the matches dialog shows the embedding's part,
and a missing model is said once on the message line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from textual.widgets import OptionList

from tests.ui.conftest import press, running
from tracker import store as st
from tracker.matching import embedding
from tracker.models import match_table
from tracker.ui.screens import review
from tracker.ui.screens.matches import MatchesScreen
from tracker.vocab import MatchKind, MatchState


def _semantic_match(store: st.Store) -> None:
    why = {
        "score": 52.0,
        "cosine": 0.71,
        "lexical": 18.0,
        "summary": "score 52 (same) | meaning 0.71 (embedding cosine) | wording 18",
    }
    with store.write() as conn:
        conn.execute(
            sa.insert(match_table),
            {
                "claim_a_id": 1,
                "claim_b_id": 4,
                "kind": MatchKind.SAME,
                "state": MatchState.SUGGESTED,
                "score": 52.0,
                "explanation": json.dumps(why),
                "created_at": st.get_claim(store, 1).updated_at,
            },
        )


async def test_matches_dialog_shows_what_the_meaning_gave(filled_store: st.Store) -> None:
    _semantic_match(filled_store)
    async with running(filled_store) as (pilot, app, screen):
        await press(pilot, app, "m")
        assert isinstance(app.screen, MatchesScreen)
        option = app.screen.query_one("#match-list", OptionList).get_option_at_index(0)
        shown = str(option.prompt)
        # what the meaning model gave: the score with it against wording alone
        assert "meaning: cosine 0.71; score 52 with it, 18 by wording alone (+34)" in shown
        assert "(embedding cosine)" not in shown  # said once, not again in the reasons


async def test_a_missing_model_is_said_once_on_the_message_line(
    filled_store: st.Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_EMBEDDING_MODEL", str(tmp_path / "absent"))
    monkeypatch.setattr(review, "SEMANTIC_CHECK_AFTER", 0.05)
    embedding.reset_encoder()
    said: list[str] = []
    original = review.ReviewScreen.say

    def record(self: review.ReviewScreen, text: str, **kwargs: object) -> None:
        said.append(text)
        original(self, text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(review.ReviewScreen, "say", record)
    try:
        async with running(filled_store) as (pilot, app, screen):
            for _ in range(300):
                await pilot.pause(0.02)
                if said:
                    break
            await press(pilot, app, "j", "k")
            await pilot.pause(0.3)
            assert "semantic matching unavailable" in screen.last_message
    finally:
        embedding.reset_encoder()
    unavailable = [t for t in said if "semantic matching unavailable" in t]
    assert len(unavailable) == 1 and "absent" in unavailable[0]
    # the consequence first: an 80-column message line cuts the rest
    assert unavailable[0].startswith("matches by wording only: semantic matching unavailable")
