"""``tracker db``: schema upgrades, revision, health checks and backups."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.app import DbOption, app, fail, load_config, open_store, print_json

db_app = typer.Typer(help="Look after the database: upgrade, current revision, check.")
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def upgrade(db: DbOption = None) -> None:
    """Create the database if needed and bring its schema to the newest revision."""
    from tracker import db as database

    config = load_config(db)
    store = open_store(config, create=True)
    typer.echo(f"{database.current_revision(store.engine)} (head) at {config.db_url}")
    store.close()


@db_app.command("current")
def current(db: DbOption = None) -> None:
    """Print the database's schema revision and whether it is the newest."""
    from tracker import db as database

    config = load_config(db)
    store = open_store(config, migrate=False)
    revision = database.current_revision(store.engine)
    head = database.head_revision()
    state = "head" if revision == head else f"behind; head is {head}"
    typer.echo(f"{revision or 'empty'} ({state})")
    store.close()


@db_app.command("check")
def check(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the findings as JSON.")] = False,
) -> None:
    """Check integrity, schema revision and that every claim's status matches its audit log."""
    from tracker.store import health

    config = load_config(db)
    store = open_store(config, migrate=False)
    report = health.check(store)
    store.close()
    if as_json:
        print_json(report.to_json())
    else:
        for line in report.lines():
            typer.echo(line)
    if not report.ok:
        raise typer.Exit(1)


@db_app.command("backup")
def backup(
    path: Annotated[Path, typer.Argument(help="Where to write the copy (must not exist).")],
    db: DbOption = None,
) -> None:
    """Copy the SQLite database safely while it is in use (PostgreSQL: use pg_dump)."""
    from tracker.store import StoreError, health

    config = load_config(db)
    store = open_store(config, migrate=False)
    try:
        size = health.backup(store, path)
    except StoreError as exc:
        fail(str(exc))
    finally:
        store.close()
    typer.echo(f"backed up to {path} ({size:,} bytes)")
