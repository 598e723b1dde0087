"""The store handle, its errors, and how work gets a connection."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session

from tracker import db


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


@dataclass(slots=True)
class Store:
    """A handle on one Claim Tracker database. Cheap to share; open sessions per task."""

    engine: Engine
    url: str

    @classmethod
    def open(cls, url: str, *, migrate: bool = True) -> Store:
        """Open the database at ``url``, upgrading its schema unless ``migrate`` is False."""
        return cls(engine=db.open_database(url, migrate=migrate), url=url)

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

    def session(self) -> Session:
        """An ORM session for small reads and writes; one per thread, never shared."""
        return Session(self.engine, expire_on_commit=False)

    def close(self) -> None:
        """Release the connection pool."""
        self.engine.dispose()
