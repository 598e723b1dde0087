"""``tracker ingest`` end to end: exit codes, messages, JSON, stdin, and a killed run."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from tests.conftest import REPO, SAMPLE_DATA
from tracker import store as st
from tracker.cli import app
from tracker.extract import extract_claims
from tracker.models import claim_table, source_table, story_table

runner = CliRunner()

STORY = """Council report {i}: repairs to cost {n} million

The council's repairs to the harbour wall will cost {n} million pounds, the city engineer, \
Ruth Adeyemi, said on Tuesday.
"We found more damage than anyone expected," Adeyemi said.
The contractor, Baxter Civil, declined to comment on the overrun.
Residents said the work had already run {w} weeks late, according to a petition delivered \
to the council.
It was not clear whether the government would help pay for the repairs.
"""


def write_stories(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = STORY.format(i=i, n=3 + i % 40, w=2 + i % 9)
        (folder / f"report_{i:04d}.txt").write_text(text, encoding="utf-8")


def stories_in(db_path: Path) -> int:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute("SELECT count(*) FROM story").fetchone()[0]
    finally:
        conn.close()


def assert_no_partial_story(url: str) -> int:
    """Every stored story has exactly the claims a fresh extraction of its text gives."""
    s = st.Store.open(url)
    try:
        with s.read() as conn:
            stories = conn.execute(
                sa.select(story_table.c.id, story_table.c.body, story_table.c.outlet)
            ).all()
            for story_id, body, outlet in stories:
                stored = conn.execute(
                    sa.select(claim_table.c.text, source_table.c.name)
                    .join(source_table, source_table.c.id == claim_table.c.source_id)
                    .where(claim_table.c.story_id == story_id)
                    .order_by(claim_table.c.position)
                ).all()
                fresh = [(c.text, c.source) for c in extract_claims(body, outlet=outlet or None)]
                assert fresh, "the test stories all have claims"
                assert [tuple(r) for r in stored] == fresh
        return len(stories)
    finally:
        s.close()


def test_sample_newsroom_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    result = runner.invoke(app, ["ingest", str(SAMPLE_DATA), "--db", str(db), "--no-match"])
    assert result.exit_code == 0, result.output
    assert "12 stories added, 1 updated, 0 unchanged, 0 failed" in result.stdout
    assert "is a new revision of story" in result.stdout
    again = runner.invoke(app, ["ingest", str(SAMPLE_DATA), "--db", str(db), "--no-match"])
    assert again.exit_code == 0
    assert "0 stories added, 0 updated, 13 unchanged, 0 failed; 0 new claims" in again.stdout


def test_bad_files_are_named_on_stderr_and_exit_1(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_stories(folder, 2)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "bin.txt").write_bytes(b"\x00\x01\x02\x03")
    db = tmp_path / "news.db"
    result = runner.invoke(
        app, ["ingest", str(folder), str(tmp_path / "missing.md"), "--db", str(db), "--no-match"]
    )
    assert result.exit_code == 1
    err = result.stderr
    assert f"failed: {folder / 'empty.txt'}: empty file" in err
    assert f"failed: {folder / 'bin.txt'}: binary file" in err
    assert f"failed: {tmp_path / 'missing.md'}: no such file or folder" in err
    assert "2 stories added, 0 updated, 0 unchanged, 3 failed" in result.stdout
    assert stories_in(db) == 2


def test_json_summary(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_stories(folder, 3)
    db = tmp_path / "news.db"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--json", "--no-match"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["ok"], data["added"], data["failed"]) == (True, 3, [])
    assert len(data["new_claim_ids"]) == data["claims"] > 0


def test_stdin_with_outlet_and_published(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    result = runner.invoke(
        app,
        [
            "ingest",
            "-",
            "--db",
            str(db),
            "--outlet",
            "Night Desk",
            "--published",
            "2024-12-01",
            "--no-match",
        ],
        input="Rates held\n\nThe central bank held rates at 4%, its governor said.\n",
    )
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(db)
    row = conn.execute("SELECT title, outlet, published, origin FROM story").fetchone()
    conn.close()
    assert row == ("Rates held", "Night Desk", "2024-12-01", "<stdin>")


def test_unreadable_published_date_is_refused_before_anything_is_stored(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    result = runner.invoke(
        app, ["ingest", str(SAMPLE_DATA), "--db", str(db), "--published", "last week"]
    )
    assert result.exit_code == 1
    assert "--published: cannot read 'last week'" in result.stderr
    assert not db.exists()


def test_max_size_flag_refuses_bigger_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "long.txt").write_text(STORY.format(i=1, n=2, w=3) * 10)  # about 5 kB
    db = tmp_path / "news.db"
    result = runner.invoke(
        app, ["ingest", str(folder), "--db", str(db), "--max-size", "0.002", "--no-match"]
    )
    assert result.exit_code == 1
    assert "too big" in result.stderr and "--max-size" in result.stderr


def _spawn_ingest(folder: Path, db: Path, tmp_path: Path, *extra: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "TRACKER_DATA_DIR": str(tmp_path / "data"),
        "PYTHONUNBUFFERED": "1",
        "TRACKER_TEST_RUN": str(tmp_path),  # finds this run's helper processes
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tracker",
            "ingest",
            str(folder),
            "--db",
            str(db),
            "--no-match",
            *extra,
        ],
        cwd=REPO,
        env=env,
        start_new_session=True,  # its own process group, as under a terminal
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _processes_of_run(tmp_path: Path) -> list[int]:
    mark = f"TRACKER_TEST_RUN={tmp_path}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if mark in environ.split(b"\0"):
            found.append(int(entry.name))
    return found


def _assert_helpers_leave(tmp_path: Path) -> None:
    deadline = time.monotonic() + 10
    while _processes_of_run(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_of_run(tmp_path) == [], "helper processes outlived the killed ingest"


def _wait_for_stories(proc: subprocess.Popen[bytes], db: Path, at_least: int) -> int:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail("ingest finished before it could be interrupted; give it more stories")
        try:
            stored = stories_in(db)
        except sqlite3.Error:
            stored = 0  # not created or not migrated yet
        if stored >= at_least:
            return stored
        time.sleep(0.02)
    proc.kill()
    pytest.fail("ingest stored nothing within two minutes")


@pytest.mark.slow
def test_killed_ingest_leaves_whole_stories_and_a_rerun_completes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    total = 1500
    write_stories(folder, total)
    db = tmp_path / "news.db"
    proc = _spawn_ingest(folder, db, tmp_path, "--workers", "1")
    _wait_for_stories(proc, db, at_least=25)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    if sys.platform.startswith("linux"):
        _assert_helpers_leave(tmp_path)

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    url = f"sqlite:///{db}"
    kept = assert_no_partial_story(url)
    assert 25 <= kept < total

    rerun = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--no-match", "--json"])
    assert rerun.exit_code == 0, rerun.output
    data = json.loads(rerun.stdout)
    assert (data["added"], data["unchanged"], data["failed"]) == (total - kept, kept, [])
    assert assert_no_partial_story(url) == total


@pytest.mark.slow
@pytest.mark.parametrize(
    ("workers", "whole_group"),
    [("0", False), ("1", True)],
    ids=["no-helpers", "helpers-ctrl-c-from-a-terminal"],
)
def test_ctrl_c_prints_what_was_stored_and_exits_130(
    tmp_path: Path, workers: str, whole_group: bool
) -> None:
    folder = tmp_path / "in"
    write_stories(folder, 1500)
    db = tmp_path / "news.db"
    proc = _spawn_ingest(folder, db, tmp_path, "--workers", workers)
    _wait_for_stories(proc, db, at_least=10)
    if whole_group:
        os.killpg(proc.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches every process
    else:
        proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()
    assert "Traceback" not in err.decode()
    text = out.decode()
    assert (
        "interrupted: the stories counted above are stored whole; run the same command again"
        in text
    )
    totals = re.search(r"^(\d+) stor(?:y|ies) added", text, re.MULTILINE)
    assert totals, text
    added = int(totals.group(1))
    stored = assert_no_partial_story(f"sqlite:///{db}")
    # Ctrl-C can land after a story's commit and before it is counted: then one more.
    assert added <= stored <= added + 1
    if sys.platform.startswith("linux"):
        _assert_helpers_leave(tmp_path)


@pytest.mark.slow
def test_early_ctrl_c_while_helpers_start_is_quiet(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    # Enough stories that even a quiet machine is still storing when the signal comes.
    write_stories(folder, 4000)
    db = tmp_path / "news.db"
    proc = _spawn_ingest(folder, db, tmp_path, "--workers", "1")
    deadline = time.monotonic() + 60
    while not db.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
    time.sleep(0.3)  # helpers are importing now, or storing has just begun
    assert proc.poll() is None, "ingest finished before the test could interrupt it"
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, (out.decode(), err.decode())
    assert "Traceback" not in err.decode()
    assert "interrupted" in out.decode() + err.decode()
    assert_no_partial_story(f"sqlite:///{db}")
    if sys.platform.startswith("linux"):
        _assert_helpers_leave(tmp_path)


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_stories(folder, 8)
    result = runner.invoke(
        app, ["ingest", str(folder), "--db", str(tmp_path / "n.db"), "--no-match"]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_format_option_reads_stdin_as_markdown(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    piped = "# Rates held\n\nThe central bank held rates at **4%**, its governor said.\n"
    result = runner.invoke(
        app, ["ingest", "-", "--format", "md", "--db", str(db), "--no-match"], input=piped
    )
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(db)
    title, body = conn.execute("SELECT title, body FROM story").fetchone()
    conn.close()
    assert title == "Rates held"
    assert body == "The central bank held rates at 4%, its governor said."
    bad = runner.invoke(app, ["ingest", "-", "--format", "pdf", "--db", str(db)], input="x")
    assert bad.exit_code != 0


def test_ingested_claims_keep_their_segments_and_kind(db_url: str, tmp_path: Path) -> None:
    text = (
        "Ferry timetable\n\n"
        '"The late boat stays," the harbour master said on Monday. "We have the crews '
        'to run it."\n\n'
        "Commuters fear the fares will double next year, a union survey found.\n"
    )
    path = tmp_path / "ferry.txt"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(path), "--db", db_url, "--no-match"])
    assert result.exit_code == 0, result.output
    stored = json.loads(runner.invoke(app, ["claims", "--json", "--db", db_url]).output)
    fresh = extract_claims(text)
    assert [(c["text"], c["kind"], c["segments"]) for c in stored] == [
        (c.text, c.kind.value, [list(s) for s in c.segments]) for c in fresh
    ]
    broken = [c for c in stored if len(c["segments"]) > 1]
    assert broken, "the broken quote is one claim of two segments"
    for claim in stored:
        for start, end in claim["segments"]:
            assert text[start:end] and text[start:end] in claim["text"]
    speech = json.loads(
        runner.invoke(app, ["claims", "--kind", "speech", "--json", "--db", db_url]).output
    )
    assert [c["id"] for c in speech] == [c["id"] for c in stored if c["kind"] == "speech"]
    assert broken[0]["id"] in [c["id"] for c in speech]
