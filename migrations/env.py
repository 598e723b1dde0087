"""Alembic environment: our models' metadata, batch mode for SQLite, type comparison."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import context
from sqlmodel import SQLModel

import tracker.models  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config
target_metadata = SQLModel.metadata

# Tables kept by migrations outside the models: full-text search indexes.
UNMODELLED_PREFIXES = ("claim_fts",)


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Leave the full-text search tables to the migrations that create them."""
    if type_ in ("table", "index") and name and name.startswith(UNMODELLED_PREFIXES):
        return False
    return True


def run_migrations(connection: sa.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    engine = sa.create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.connect() as conn:
        run_migrations(conn)
