"""Helpers for driving the review TUI headless against a real SQLite file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerState

from tracker.config import Config
from tracker.store import Store
from tracker.ui import TrackerApp, make_app
from tracker.ui.screens.review import ReviewScreen

FIXED_NOW = datetime(2024, 12, 11, 9, 30, tzinfo=UTC)


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """Every timestamp the store writes is FIXED_NOW (snapshots must not show the clock)."""
    monkeypatch.setattr("tracker.store.claims.utcnow", lambda: FIXED_NOW)
    monkeypatch.setattr("tracker.store.stories.utcnow", lambda: FIXED_NOW)
    monkeypatch.setattr("tracker.store.audit.utcnow", lambda: FIXED_NOW)
    monkeypatch.setattr("tracker.store.corrections.utcnow", lambda: FIXED_NOW)
    return FIXED_NOW


def app_for(store: Store, reviewer: str = "tester") -> TrackerApp:
    """The app as the CLI builds it."""
    return make_app(store, Config(db_url=store.url, reviewer=reviewer))


def review_screen(app: TrackerApp) -> ReviewScreen:
    """The main screen, wherever the app's screen stack stands."""
    for screen in app.screen_stack:
        if isinstance(screen, ReviewScreen):
            return screen
    raise AssertionError("no review screen")


async def settle(pilot: Pilot[None], app: TrackerApp) -> None:
    """Wait until every read worker finished and every queued write came back."""
    screen = review_screen(app)
    for _ in range(1500):  # up to ~15 s on a loaded machine; usually a few ms
        await pilot.pause(0.01)
        busy = [
            w
            for w in app.workers
            if w.group != "writer" and w.state in (WorkerState.PENDING, WorkerState.RUNNING)
        ]
        quiet = screen.detail_timer is None and screen.awaiting_next is None
        if not busy and quiet and screen.pending_writes == 0:
            await pilot.pause()
            if not [
                w
                for w in app.workers
                if w.group != "writer" and w.state in (WorkerState.PENDING, WorkerState.RUNNING)
            ]:
                return
    raise AssertionError("the app did not settle")


@asynccontextmanager
async def running(
    store: Store, size: tuple[int, int] = (120, 40), reviewer: str = "tester"
) -> AsyncIterator[tuple[Pilot[None], TrackerApp, ReviewScreen]]:
    """Run the app headless and wait for its first page."""
    app = app_for(store, reviewer)
    async with app.run_test(size=size) as pilot:
        await settle(pilot, app)
        yield pilot, app, review_screen(app)


async def press(pilot: Pilot[None], app: TrackerApp, *keys: str) -> None:
    """Press keys one by one, letting the app settle after each."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot, app)
