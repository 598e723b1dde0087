"""A mistyped command line is one line, ``error: ...``, on stderr and exit 1, as the README
says of every failure; help is still help, exit 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import FakeClaim, add_fake_story
from tracker import store as st
from tracker.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    ("args", "says", "command"),
    [
        (["status", "-1", "confirmed"], "-1 is not accepted here", "tracker status"),
        (["claims", "--limit", "abc"], "invalid value for '--limit'", "tracker claims"),
        (["match", "--threshold", "500"], "invalid value for '--threshold'", "tracker match"),
        (["ingest", "-", "--format", "bogus"], "'bogus' is not one of", "tracker ingest"),
        (["claims", "--bogus"], "no such option: --bogus", "tracker claims"),
        (["status", "1"], "missing argument 'STATUS'", "tracker status"),
        (["history", "1", "2"], "unexpected extra argument", "tracker history"),
        (["frobnicate"], "no such command 'frobnicate'", "tracker"),
        (["db"], "missing command", "tracker db"),
    ],
    ids=lambda a: " ".join(a) if isinstance(a, list) else None,
)
def test_a_usage_error_is_one_line_and_exit_1(
    tmp_path: Path, args: list[str], says: str, command: str
) -> None:
    db = tmp_path / "never.db"
    result = runner.invoke(app, [*args, "--db", str(db)] if args[0] != "db" else args)
    assert result.exit_code == 1, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ") and says in line, line
    assert line.endswith(f"; see {command} --help"), line
    assert result.stdout == ""
    assert "Usage" not in result.output and "╭" not in result.output
    assert not db.exists()


def test_a_limit_below_1_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    s = st.Store.open(url)
    add_fake_story(s, [FakeClaim("Qatar spoke with HTS"), FakeClaim("Iran opened a line")])
    s.close()
    for bad in ("-1", "0"):
        result = runner.invoke(app, ["claims", "--limit", bad, "--db", url])
        assert result.exit_code == 1, result.output
        [line] = result.stderr.splitlines()
        assert line.startswith("error: invalid value for '--limit'")
        assert "greater than or equal to 1" in line
        assert result.stdout == ""
    one = runner.invoke(app, ["claims", "--limit", "1", "--db", url])
    assert one.exit_code == 0, one.output
    assert len(one.stdout.splitlines()) == 2  # the header and one claim
    every = runner.invoke(app, ["claims", "--db", url])
    assert len(every.stdout.splitlines()) == 3


def test_help_is_still_help_and_exit_0() -> None:
    for args in (["--help"], ["claims", "--help"], ["db", "upgrade", "-h"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("Usage: ") and result.stderr == ""


def test_the_installed_command_says_it_in_one_line(tmp_path: Path) -> None:
    """Through ``python -m tracker``, as a script would run it: stderr and the exit status."""
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "status", "-1", "confirmed"],
        capture_output=True,
        text=True,
        env={**os.environ, "TRACKER_DB": str(tmp_path / "never.db")},
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "error: -1 is not accepted here: no negative numbers; see tracker status --help"
    ]
