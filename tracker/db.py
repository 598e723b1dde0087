"""Engines, SQLite pragmas and migrate-on-open.

Opening a database brings it to the newest schema this code knows. A database
stamped with a revision this code does not know (written by a newer version)
is refused before anything touches the file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

# Alembic is imported inside the functions that use it: a command that finds the schema at
# head never pays for it, which keeps start-up quick.

SQLITE_HEADER = b"SQLite format 3\x00"
# Tables every Claim Tracker database has had since the first revision: a database holding
# tables but not these belongs to another application and is never touched.
OUR_TABLES = frozenset({"alembic_version", "story", "claim", "audit_event"})
CREATE_HINT = "`tracker ingest`, `tracker review PATH` or `tracker db upgrade` creates one"
# The newest revision in migrations/versions. Kept here so that opening an up-to-date
# database never loads Alembic; a test checks it against the scripts.
SCHEMA_HEAD = "0004"
WRITE_OPTION = "tracker_write"


class DatabaseError(Exception):
    """A database that cannot be opened or used, with a message meant for people."""


def migrations_dir() -> Path:
    """Where the Alembic scripts are: inside the installed package, else the source tree."""
    shipped = resources.files("tracker") / "migrations"
    if shipped.is_dir():
        return Path(str(shipped))
    return Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(connection: sa.Connection | None = None) -> AlembicConfig:
    """An Alembic configuration pointing at our scripts, optionally bound to a connection."""
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest schema revision this code knows."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations found"
    return head


def known_revisions() -> set[str]:
    """Every revision in our migration scripts."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def is_sqlite(url: str | sa.URL) -> bool:
    """True for SQLite URLs."""
    return sa.make_url(url).get_backend_name() == "sqlite"


def sqlite_path(url: str | sa.URL) -> Path | None:
    """The file behind a SQLite URL, or None for an in-memory database."""
    database = sa.make_url(url).database
    if not database or database == ":memory:":
        return None
    return Path(database)


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's begin event issue BEGIN itself, so writers can take the lock up front.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 30000")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _on_sqlite_begin(connection: sa.Connection) -> None:
    # Writers take the write lock at BEGIN: a deferred transaction that later tries to
    # write can fail with SQLITE_BUSY at once, where an immediate one waits its turn.
    immediate = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_engine(url: str) -> Engine:
    """An engine for ``url`` with our SQLite settings (WAL, foreign keys, busy timeout)."""
    if is_sqlite(url):
        path = sqlite_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        sa.event.listen(engine, "connect", _on_sqlite_connect)
        sa.event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    return sa.create_engine(url, pool_pre_ping=True)


def writer(engine: Engine) -> Engine:
    """The same engine, marked so that its transactions take the write lock on BEGIN."""
    return engine.execution_options(**{WRITE_OPTION: True})


def _check_sqlite_file(path: Path, *, create: bool) -> str | None:
    """Refuse a file that is not a Claim Tracker database; return its stored revision, if any.

    A missing (or empty) file is refused unless ``create``. Reads the file in read-only
    mode so that a refused database is left byte for byte.
    """
    if path.is_dir():
        raise DatabaseError(f"{path} is a directory, not a database file")
    if not path.exists() or path.stat().st_size == 0:
        if not create:
            state = "no database at" if not path.exists() else "empty file, no database at"
            raise DatabaseError(f"{state} {path}; {CREATE_HINT}")
        return None
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise DatabaseError(f"{path} is not a Claim Tracker database (not a SQLite file)")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DatabaseError(f"cannot open {path}: {exc}") from exc
    try:
        tables = {
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        _refuse_foreign(tables, str(path), create=create)
        if "alembic_version" not in tables:
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path} is damaged or not a database: {exc}") from exc
    finally:
        conn.close()


def _refuse_foreign(tables: set[str], where: str, *, create: bool) -> None:
    """Refuse another application's database, and an empty one unless ``create``."""
    if not tables:
        if not create:
            raise DatabaseError(f"{where} holds no Claim Tracker database; {CREATE_HINT}")
        return
    if not OUR_TABLES <= tables:
        shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        raise DatabaseError(
            f"{where} is not a Claim Tracker database (it holds other tables: {shown}); "
            "it was left untouched"
        )


def _refuse_unknown(revision: str | None, where: str) -> None:
    if revision is not None and revision != SCHEMA_HEAD and revision not in known_revisions():
        raise DatabaseError(
            f"{where} has schema revision {revision}, which this version of Claim Tracker "
            "does not know: it was written by a newer version. Upgrade claim-tracker; "
            "the database was left untouched."
        )


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database (None when it has never been migrated)."""
    with engine.connect() as conn:
        return _stored_revision(conn)


def _stored_revision(conn: sa.Connection) -> str | None:
    if not sa.inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one_or_none()


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema, in one transaction."""
    from alembic import command

    with writer(engine).connect() as conn, conn.begin():
        _refuse_unknown(_stored_revision(conn), "the database")
        command.upgrade(alembic_config(conn), "head")
        if conn.dialect.name == "sqlite" and _has_planner_statistics(conn):
            # Statistics gathered before the upgrade know nothing of the indexes it added;
            # with some indexes measured and others not, SQLite's planner picks badly (a
            # million-claim database upgraded this way took seconds per page). Measure again.
            conn.exec_driver_sql("ANALYZE")


def _has_planner_statistics(conn: sa.Connection) -> bool:
    """Whether ANALYZE has been run on this SQLite database (sqlite_stat1 exists)."""
    found = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
    )
    return found.first() is not None


def open_database(url: str, *, migrate: bool = True, create: bool = True) -> Engine:
    """Open the database at ``url`` and upgrade it to head (unless ``migrate`` is False).

    A database that does not exist yet (a missing SQLite file, a server database without
    tables) is created only when ``create`` is true. A database holding another
    application's tables is refused, untouched. Raises :class:`DatabaseError` with a
    message for people when the file is not a database, is damaged, read-only, or newer
    than this code.
    """
    if is_sqlite(url):
        path = sqlite_path(url)
        if path is not None:
            _refuse_unknown(_check_sqlite_file(path, create=create), str(path))
    try:
        engine = create_engine(url)
    except (sa.exc.ArgumentError, ImportError) as exc:  # no such dialect, or its driver
        raise DatabaseError(
            f"cannot open the database {_safe(url)}: {' '.join(str(exc).split())} "
            "(give a SQLite file path or a postgresql+psycopg:// URL)"
        ) from exc
    try:
        if not is_sqlite(url):
            with engine.connect() as conn:
                _refuse_foreign(set(sa.inspect(conn).get_table_names()), _safe(url), create=create)
            _refuse_unknown(current_revision(engine), "the database")
        if migrate and current_revision(engine) != SCHEMA_HEAD:
            upgrade(engine)
    except DatabaseError:
        engine.dispose()
        raise
    except sa.exc.OperationalError as exc:
        engine.dispose()
        raise DatabaseError(f"cannot open the database {_safe(url)}: {_reason(exc)}") from exc
    except sa.exc.DatabaseError as exc:
        engine.dispose()
        raise DatabaseError(f"{_safe(url)} is damaged or not a database: {_reason(exc)}") from exc
    return engine


def _safe(url: str) -> str:
    return sa.make_url(url).render_as_string(hide_password=True)


def _reason(exc: sa.exc.DBAPIError) -> str:
    """The driver's reason on one line (psycopg's span several)."""
    return " ".join(str(exc.orig if exc.orig is not None else exc).split())


@contextmanager
def transaction(engine: Engine, *, write: bool = False) -> Iterator[sa.Connection]:
    """A Core connection in one transaction; ``write=True`` takes SQLite's lock up front."""
    bound = writer(engine) if write else engine
    with bound.connect() as conn, conn.begin():
        yield conn
