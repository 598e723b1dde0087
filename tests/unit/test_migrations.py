"""The schema belongs to the migrations; the models must agree with them."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from tracker import db
from tracker.store import Store

UNMODELLED = ("claim_fts",)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_upgrade_head_matches_models(db_url: str) -> None:
    engine = db.open_database(db_url)
    assert db.current_revision(engine) == db.head_revision()
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "include_object": lambda obj, name, type_, reflected, other: (
                    not (type_ in ("table", "index") and name and name.startswith(UNMODELLED))
                ),
            },
        )
        assert compare_metadata(context, SQLModel.metadata) == []
    engine.dispose()


def test_unknown_revision_is_refused_and_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    Store.open(f"sqlite:///{path}").close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = 'f00dcafe9999'")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(db.DatabaseError, match="newer version"):
        Store.open(f"sqlite:///{path}")
    assert _digest(path) == before
    assert (
        not (tmp_path / "future.db-wal").exists()
        or (tmp_path / "future.db-wal").stat().st_size == 0
    )


def test_not_a_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n")
    before = _digest(path)
    with pytest.raises(db.DatabaseError, match="not a Claim Tracker database"):
        Store.open(f"sqlite:///{path}")
    assert _digest(path) == before


def test_damaged_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    Store.open(f"sqlite:///{path}").close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # keep the header, wreck the first page
    path.write_bytes(bytes(data))
    with pytest.raises(db.DatabaseError):
        Store.open(f"sqlite:///{path}")


def test_open_creates_the_file_and_its_directory(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "tracker.db"
    store = Store.open(f"sqlite:///{path}")
    store.close()
    assert path.exists()


def test_sqlite_settings(store: Store) -> None:
    if store.dialect != "sqlite":
        pytest.skip("SQLite pragmas")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000


def test_reopening_an_up_to_date_database_changes_nothing(db_url: str) -> None:
    Store.open(db_url).close()
    store = Store.open(db_url)
    with store.read() as conn:
        versions = conn.execute(sa.text("SELECT version_num FROM alembic_version")).all()
    store.close()
    assert versions == [(db.head_revision(),)]


def test_schema_head_constant_names_the_newest_migration() -> None:
    assert db.SCHEMA_HEAD == db.head_revision()


def test_upgrade_refreshes_planner_statistics_of_an_analysed_database(tmp_path: Path) -> None:
    # A database analysed at 0001 must have statistics for the indexes later revisions add,
    # or SQLite's planner mixes measured and unmeasured indexes and pages the claims slowly.
    from alembic import command

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = db.create_engine(url)
    with engine.begin() as conn:
        command.upgrade(db.alembic_config(conn), "0001")
        conn.exec_driver_sql(
            "INSERT INTO story (id, title, outlet, body, content_hash, ingested_at) "
            "VALUES (1, 't', 'Wire', 'The minister said so.', 'h', '2026-12-01 00:00:00')"
        )
        conn.exec_driver_sql(
            "INSERT INTO claim (story_id, position, text, sentence, source_kind, quote, "
            "confidence, status, version, updated_at) VALUES "
            + ", ".join(
                f"(1, {i}, 'claim {i}', 's', 'named', 'direct', 0.5, 'pending', 1, "
                "'2026-12-01 00:00:00')"
                for i in range(20)
            )
        )
        conn.exec_driver_sql("ANALYZE")
    engine.dispose()

    db.open_database(url).dispose()

    conn = sqlite3.connect(tmp_path / "old.db")
    measured = {row[0] for row in conn.execute("SELECT idx FROM sqlite_stat1")}
    conn.close()
    assert "ix_claim_kind" in measured
