"""The store handle, its errors, and how work gets a connection."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session

from tracker import db

T = TypeVar("T")

# SQLSTATEs worth a retry on PostgreSQL: serialization failure, deadlock, lock not available.
TRANSIENT_SQLSTATES = frozenset({"40001", "40P01", "55P03"})
WRITE_ATTEMPTS = 8


class StoreError(Exception):
    """A request the store refuses, with a message meant for people."""


class ClaimNotFound(StoreError):
    """No claim has that id."""

    def __init__(self, claim_id: int) -> None:
        super().__init__(f"no claim with id {claim_id}")
        self.claim_id = claim_id


class StaleClaimError(StoreError):
    """The claim changed since the caller read it; nothing was written."""

    def __init__(self, claim_id: int, expected: int, current: int, by: str | None) -> None:
        who = f" by {by}" if by else ""
        super().__init__(
            f"claim {claim_id} was changed{who} since you read it (version {expected}, "
            f"now {current}); nothing was overwritten: reload it and decide again"
        )
        self.claim_id = claim_id
        self.expected = expected
        self.current = current
        self.by = by


class NothingToUndo(StoreError):
    """The reviewer has no change left to undo."""


class LostRace(Exception):
    """Another writer got in between a read and a write that did not name a version.

    Raised inside a write so that :meth:`Store.write_retrying` runs it again on fresh data.
    """


def is_transient(exc: BaseException) -> bool:
    """True for lock and serialization errors that a retry resolves."""
    orig = getattr(exc, "orig", None)
    sqlstate = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if sqlstate in TRANSIENT_SQLSTATES:
        return True
    text = str(orig or exc).lower()
    return "database is locked" in text or "database is busy" in text


@dataclass(slots=True)
class Store:
    """A handle on one Claim Tracker database. Cheap to share; open sessions per task."""

    engine: Engine
    url: str

    @classmethod
    def open(cls, url: str, *, migrate: bool = True, create: bool = True) -> Store:
        """Open the database at ``url``, upgrading its schema unless ``migrate`` is False.

        A database that does not exist yet is created only when ``create`` is true (the
        command line passes False for every command but ingest, review PATH, db upgrade).
        """
        return cls(engine=db.open_database(url, migrate=migrate, create=create), url=url)

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        """A connection in a read transaction."""
        with db.transaction(self.engine) as conn:
            yield conn

    @contextmanager
    def write(self) -> Iterator[sa.Connection]:
        """A connection in a write transaction (committed on success, rolled back on error)."""
        with db.transaction(self.engine, write=True) as conn:
            yield conn

    def write_retrying(self, work: Callable[[sa.Connection], T]) -> T:
        """Run ``work`` in a write transaction, again on a lost race or a transient lock.

        Backs off with jitter, so that reviewers never see "database is locked" or a
        serialization failure; a stale change the caller asked to guard is not retried.
        """
        for attempt in range(WRITE_ATTEMPTS):
            try:
                with self.write() as conn:
                    return work(conn)
            except LostRace:
                if attempt == WRITE_ATTEMPTS - 1:
                    raise StoreError("too many concurrent changes; try again") from None
            except sa.exc.DBAPIError as exc:
                if not is_transient(exc) or attempt == WRITE_ATTEMPTS - 1:
                    raise
            time.sleep(min(0.5, 0.01 * 2**attempt) * (0.5 + random.random()))
        raise AssertionError("unreachable")

    def session(self) -> Session:
        """An ORM session for small reads and writes; one per thread, never shared."""
        return Session(self.engine, expire_on_commit=False)

    def close(self) -> None:
        """Release the connection pool."""
        self.engine.dispose()
