"""``tracker review`` and bare ``tracker``: ingest first, then open the app on the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import REPO, FakeClaim, add_fake_story
from tracker import store as st
from tracker.cli import app
from tracker.ui.app import TrackerApp

runner = CliRunner()
SAMPLE = REPO / "sample_data" / "2024-12-11_correspondent_assad_moscow.txt"


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, int]]:
    """Stand in for the terminal: record which database and reviewer the app got."""
    calls: list[tuple[str, str, int]] = []
    monkeypatch.setattr("tracker.cli.review_cmd.has_terminal", lambda: True)

    def run(self: TrackerApp, *args: object, **kwargs: object) -> None:
        calls.append((self.store.url, self.config.reviewer, st.count_claims(self.store)))

    monkeypatch.setattr(TrackerApp, "run", run)
    return calls


def test_bare_tracker_opens_review(tmp_path: Path, launched: list[tuple[str, str, int]]) -> None:
    db = tmp_path / "desk.db"
    st.Store.open(f"sqlite:///{db}").close()
    result = runner.invoke(app, ["--db", str(db), "--reviewer", "ana"])
    assert result.exit_code == 0, result.output
    assert launched == [(f"sqlite:///{db}", "ana", 0)]


def test_bare_tracker_uses_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, launched: list[tuple[str, str, int]]
) -> None:
    db = tmp_path / "env.db"
    st.Store.open(f"sqlite:///{db}").close()
    monkeypatch.setenv("TRACKER_DB", str(db))
    result = runner.invoke(app, [])
    assert result.exit_code == 0, result.output
    assert launched == [(f"sqlite:///{db}", "tester", 0)]


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample story not shipped")
def test_review_reports_ingest_failures_in_the_app_and_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notices: list[str | None] = []
    monkeypatch.setattr("tracker.cli.review_cmd.has_terminal", lambda: True)
    monkeypatch.setattr(TrackerApp, "run", lambda self, *a, **k: notices.append(self.notice))
    missing = tmp_path / "missing.txt"
    result = runner.invoke(
        app, ["review", str(SAMPLE), str(missing), "--db", str(tmp_path / "r.db")]
    )
    assert result.exit_code == 0, result.output
    assert notices and notices[0] is not None
    assert "1 story added" in notices[0] and "1 failed" in notices[0]
    assert result.output.count("missing.txt") >= 2  # before the app, and again after it


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample story not shipped")
def test_review_ingests_paths_first(tmp_path: Path, launched: list[tuple[str, str, int]]) -> None:
    db = tmp_path / "review.db"
    result = runner.invoke(app, ["review", str(SAMPLE), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert len(launched) == 1 and launched[0][2] > 0


def test_review_refuses_a_file_that_is_not_a_database(
    tmp_path: Path, launched: list[tuple[str, str, int]]
) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("my notes, not a database\n", encoding="utf-8")
    result = runner.invoke(app, ["review", "--db", str(notes)])
    assert result.exit_code == 1
    assert "not a Claim Tracker database" in result.output
    assert launched == []
    assert notes.read_text(encoding="utf-8") == "my notes, not a database\n"


def test_db_before_a_command_is_not_ignored(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    s = st.Store.open(f"sqlite:///{db}")
    add_fake_story(s, [FakeClaim("the bridge reopens on Friday")])
    s.close()
    result = runner.invoke(app, ["--db", str(db), "claims", "--json"])
    assert result.exit_code == 0, result.output
    assert "the bridge reopens on Friday" in result.output


def test_review_refuses_stdin(tmp_path: Path, launched: list[tuple[str, str, int]]) -> None:
    result = runner.invoke(app, ["review", "-", "--db", str(tmp_path / "s.db")], input="A story.")
    assert result.exit_code == 1
    assert "tracker ingest -" in result.output
    assert launched == []


def test_review_without_a_terminal_says_what_to_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[bool] = []
    monkeypatch.setattr(TrackerApp, "run", lambda self, *a, **k: ran.append(True))
    db = tmp_path / "cron.db"
    result = runner.invoke(app, ["--db", str(db)])  # CliRunner is no terminal
    assert result.exit_code == 1
    assert "needs a terminal" in result.output and "tracker claims" in result.output
    assert ran == [] and not db.exists()
