"""The progress bar of ``tracker ingest`` and ``tracker match``, on a terminal and off one."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import pytest

from tracker.cli import progress

Update = tuple[int, int | None, str]


def _drawn(
    updates: Sequence[Update], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> str:
    """What the bar writes to stderr, a terminal, for these updates."""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    capsys.readouterr()
    with progress.progress_bar() as update:
        assert update is not None
        for done, total, what in updates:
            update(done, total, what)
    return capsys.readouterr().err


def test_a_counted_step_shows_past_a_handful(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    few = progress.HANDFUL
    assert _drawn([(d, few, "ingesting") for d in range(1, few + 1)], monkeypatch, capsys) == ""
    drawn = _drawn([(d, 20, "ingesting") for d in range(1, 21)], monkeypatch, capsys)
    assert "ingesting" in drawn and "20/20" in drawn


def test_no_bar_off_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    with progress.progress_bar() as update:
        assert update is None


def test_a_step_without_a_count_shows_once_it_lasts(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `tracker match --rebuild` spends a minute finding pairs it cannot count: the bar
    # names the step and its time taken; a step over in a blink is never drawn.
    finding: Update = (0, None, "finding candidate pairs")
    assert "finding" not in _drawn([finding], monkeypatch, capsys)
    monkeypatch.setattr(progress, "PATIENCE", 0.0)
    classifying = "classifying candidate pairs"
    counted: list[Update] = [(0, 1_000, classifying), (1_000, 1_000, classifying)]
    drawn = _drawn([finding, *counted], monkeypatch, capsys)
    assert "classifying candidate pairs" in drawn and "1,000/1,000" in drawn
    # the step before the counted one is over: its row goes when the next one starts
    last_frame = drawn.rsplit("classifying candidate pairs", 1)[0].rsplit("\r", 1)[-1]
    assert "finding candidate pairs" not in last_frame
