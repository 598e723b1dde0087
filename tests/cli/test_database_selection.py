"""Safe database selection: a mistyped --db is refused, another application's file untouched.

Only ``tracker ingest``, ``tracker review PATH`` and ``tracker db upgrade`` create a
database; every other command refuses a missing file in one line naming it (exit 1).
A SQLite file holding other tables but not this tool's schema is refused by every
command, creating ones included, and left byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from tests.conftest import REPO, FakeClaim, add_fake_story
from tracker import store as st
from tracker.cli import app

runner = CliRunner()
SAMPLE = REPO / "sample_data" / "2024-12-11_correspondent_assad_moscow.txt"

# Every command that reads or changes an existing database, with its arguments.
USING = {
    "claims": ["claims"],
    "claims --json": ["claims", "--json"],
    "status": ["status", "1", "confirmed"],
    "note": ["note", "1", "checked"],
    "undo": ["undo"],
    "history": ["history", "1"],
    "stories": ["stories"],
    "export": ["export", "-f", "md"],
    "match": ["match"],
    "matches": ["matches", "1"],
    "db current": ["db", "current"],
    "db check": ["db", "check"],
    "db backup": ["db", "backup", "COPY"],
    "review": ["review"],
    "bare tracker": [],
}
CREATING = {
    "ingest": ["ingest", str(SAMPLE)],
    "review PATH": ["review", str(SAMPLE)],
    "db upgrade": ["db", "upgrade"],
}


@pytest.fixture(autouse=True)
def _terminal(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The review screen would open: record it instead of drawing it."""
    opened: list[str] = []
    monkeypatch.setattr("tracker.cli.review_cmd.has_terminal", lambda: True)
    from tracker.ui.app import TrackerApp

    monkeypatch.setattr(TrackerApp, "run", lambda self, *a, **k: opened.append(self.store.url))
    return opened


def _run(args: list[str], db: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    args = [str(tmp_path / "copy.db") if a == "COPY" else a for a in args]
    if not args:  # bare `tracker`: --db is an option of the tool itself
        return runner.invoke(app, ["--db", str(db)])
    return runner.invoke(app, [*args, "--db", str(db)])


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_error_line(output: str, names: Path) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    assert lines[0].startswith("error: ") and str(names) in lines[0], output
    return lines[0]


@pytest.mark.parametrize("args", USING.values(), ids=USING.keys())
def test_a_missing_file_is_refused_and_not_created(tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "typo" / "trakcer.db"
    result = _run(args, db, tmp_path)
    assert result.exit_code == 1, result.output
    assert "no database at" in _one_error_line(result.output, db)
    assert not db.exists() and not db.parent.exists()


@pytest.mark.parametrize("args", USING.values(), ids=USING.keys())
def test_an_empty_file_is_refused_untouched(tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "empty.db"
    db.write_bytes(b"")
    result = _run(args, db, tmp_path)
    assert result.exit_code == 1, result.output
    _one_error_line(result.output, db)
    assert db.read_bytes() == b""


def _foreign(path: Path) -> str:
    """Another application's SQLite database (a browser's history, a notes app...)."""
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
        "INSERT INTO notes (body) VALUES ('buy milk'), ('call the desk');"
        "CREATE TABLE tags (name TEXT);"
    )
    conn.commit()
    conn.close()
    return _sha256(path)


@pytest.mark.parametrize(
    "args", [*USING.values(), *CREATING.values()], ids=[*USING.keys(), *CREATING.keys()]
)
def test_another_applications_database_is_refused_byte_for_byte(
    tmp_path: Path, args: list[str], _terminal: list[str]
) -> None:
    db = tmp_path / "notes.sqlite"
    before = _foreign(db)
    result = _run(args, db, tmp_path)
    assert result.exit_code == 1, result.output
    line = _one_error_line(result.output, db)
    assert "not a Claim Tracker database" in line and "notes" in line
    assert _sha256(db) == before
    assert not list(tmp_path.glob("notes.sqlite-*"))  # no journal or WAL left beside it
    assert _terminal == []


def test_another_alembic_application_is_refused_too(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    _foreign(db)
    conn = sqlite3.connect(db)
    conn.executescript(
        "CREATE TABLE alembic_version (version_num VARCHAR(32));"
        "INSERT INTO alembic_version VALUES ('9f1c2d');"
    )
    conn.commit()
    conn.close()
    before = _sha256(db)
    result = runner.invoke(app, ["db", "upgrade", "--db", str(db)])
    assert result.exit_code == 1
    assert "not a Claim Tracker database" in _one_error_line(result.output, db)
    assert _sha256(db) == before


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "story.txt"
    db.write_text("Qatar spoke with HTS, an official said.\n", encoding="utf-8")
    before = _sha256(db)
    for args in (["claims"], ["ingest", str(SAMPLE)], ["db", "upgrade"]):
        result = _run(args, db, tmp_path)
        assert result.exit_code == 1
        _one_error_line(result.output, db)
        assert _sha256(db) == before


@pytest.mark.parametrize("args", CREATING.values(), ids=CREATING.keys())
def test_ingest_review_path_and_upgrade_create_a_database(
    tmp_path: Path, args: list[str], _terminal: list[str]
) -> None:
    db = tmp_path / "new" / "desk.db"
    result = _run(args, db, tmp_path)
    assert result.exit_code == 0, result.output
    assert db.exists()
    assert runner.invoke(app, ["claims", "--json", "--db", str(db)]).exit_code == 0


@pytest.mark.parametrize("command", ["ingest", "review"])
def test_paths_that_name_no_story_create_no_database_and_open_nothing(
    tmp_path: Path, command: str, _terminal: list[str]
) -> None:
    """A mistyped story path with a new --db: exit 1, no empty database, no empty screen."""
    db = tmp_path / "desk.db"
    missing = tmp_path / "stories-typo"
    result = runner.invoke(app, [command, str(missing), "--db", str(db)])
    assert result.exit_code == 1, result.output
    assert "stories-typo" in result.output and "no such file or folder" in result.output
    assert not db.exists() and _terminal == []


def test_paths_that_name_no_story_leave_an_existing_database_alone(
    tmp_path: Path, _terminal: list[str]
) -> None:
    db = tmp_path / "desk.db"
    assert runner.invoke(app, ["ingest", str(SAMPLE), "--db", str(db)]).exit_code == 0
    before = _sha256(db)
    review = runner.invoke(app, ["review", str(tmp_path / "nope.txt"), "--db", str(db)])
    assert review.exit_code == 1 and _terminal == []
    lines = [line for line in review.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "nope.txt" in lines[0]
    assert _sha256(db) == before


def test_the_default_database_is_not_created_by_reading_commands() -> None:
    result = runner.invoke(app, ["claims"])
    assert result.exit_code == 1
    assert "no database at" in result.output and "tracker.db" in result.output
    assert not (Path(os.environ["TRACKER_DATA_DIR"]) / "tracker.db").exists()


def test_a_server_database_holding_other_tables_is_refused(db_url: str) -> None:
    engine = sa.create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)"))
        conn.execute(sa.text("INSERT INTO invoices VALUES (1, 42)"))
    try:
        for args in (["claims"], ["db", "upgrade"], ["ingest", str(SAMPLE)]):
            result = runner.invoke(app, [*args, "--db", db_url])
            assert result.exit_code == 1, result.output
            assert "not a Claim Tracker database" in result.output
        with engine.connect() as conn:
            assert set(sa.inspect(conn).get_table_names()) == {"invoices"}
            assert conn.execute(sa.text("SELECT total FROM invoices")).scalar_one() == 42
    finally:
        engine.dispose()


def test_an_existing_database_still_opens(db_url: str) -> None:
    s = st.Store.open(db_url)
    add_fake_story(s, [FakeClaim("Qatar spoke with HTS")])
    s.close()
    result = runner.invoke(app, ["claims", "--json", "--db", db_url])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("args", USING.values(), ids=USING.keys())
def test_db_given_before_the_command_is_the_one_used(tmp_path: Path, args: list[str]) -> None:
    """``tracker --db F db check`` reaches the sub-command of a group too, not the default."""
    db = tmp_path / "typo" / "trakcer.db"
    args = [str(tmp_path / "copy.db") if a == "COPY" else a for a in args]
    result = runner.invoke(app, ["--db", str(db), *args])
    assert result.exit_code == 1, result.output
    assert "no database at" in _one_error_line(result.output, db)
    assert not db.exists() and not db.parent.exists()


def test_db_before_db_upgrade_upgrades_that_file(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    result = runner.invoke(app, ["--db", str(db), "db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert db.exists() and str(db) in result.output
    assert not (Path(os.environ["TRACKER_DATA_DIR"]) / "tracker.db").exists()


@pytest.mark.parametrize(
    "url",
    [
        "mysql://desk@localhost/tracker",  # a dialect whose driver is not installed
        "nosuchdb://desk/tracker",  # no such dialect
        "postgresql+psycopg://desk@127.0.0.1:1/tracker",  # no server there
    ],
)
def test_a_url_that_cannot_be_opened_is_one_error_line(url: str) -> None:
    for args in (["claims"], ["db", "upgrade"]):
        result = runner.invoke(app, [*args, "--db", url])
        assert result.exit_code == 1, result.output
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("error: cannot open the database")
