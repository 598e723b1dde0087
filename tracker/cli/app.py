"""The Typer application and what every command shares: options, errors, opening the store."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any, NoReturn

import typer

from tracker.config import Config
from tracker.db import DatabaseError
from tracker.store import Store

app = typer.Typer(
    name="tracker",
    help="Claim Tracker: list every claim in news stories with its source, review and audit it.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="TRACKER_DB",
        help="Database URL or SQLite file path (default: tracker.db in the user data directory).",
        show_default=False,
    ),
]
ReviewerOption = Annotated[
    str | None,
    typer.Option(
        "--reviewer",
        envvar="TRACKER_REVIEWER",
        help="Who is reviewing (default: the login name).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``error: message`` to stderr and exit non-zero."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def load_config(db: str | None, reviewer: str | None = None) -> Config:
    """The run's configuration from the command's flags and the environment."""
    return Config.load(db=db, reviewer=reviewer)


def open_store(config: Config, *, migrate: bool = True) -> Store:
    """Open (create, upgrade unless ``migrate`` is False) the configured database.

    Exits with a clear message when it cannot be opened.
    """
    try:
        return Store.open(config.db_url, migrate=migrate)
    except DatabaseError as exc:
        fail(str(exc))


def print_json(data: Any) -> None:
    """JSON on stdout, UTF-8, one document."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")


@app.callback(invoke_without_command=True)
def default_command(
    ctx: typer.Context, db: DbOption = None, reviewer: ReviewerOption = None
) -> None:
    """Bare ``tracker`` opens the review screen (as ``tracker review`` does).

    Given before a command (``tracker --db FILE claims``), ``--db`` and ``--reviewer``
    become that command's defaults, so they are never silently ignored.
    """
    if ctx.invoked_subcommand is None:
        from tracker.cli.review_cmd import run_review

        run_review(load_config(db, reviewer))
        return
    given = {k: v for k, v in (("db", db), ("reviewer", reviewer)) if v is not None}
    if given:
        ctx.default_map = {**(ctx.default_map or {}), ctx.invoked_subcommand: given}
