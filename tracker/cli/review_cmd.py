"""``tracker review [PATH...]`` (and bare ``tracker``): ingest, then open the review TUI."""

from __future__ import annotations

import importlib
from typing import Annotated

import typer

from tracker.cli.app import DbOption, ReviewerOption, app, fail, load_config, open_store
from tracker.config import Config
from tracker.store import Store


def ingest_first(store: Store, paths: list[str]) -> None:
    """Ingest the stories under ``paths`` and print the summary; a failed file is reported,
    not fatal: the reviewer still gets to review what did load."""
    try:
        ingest = importlib.import_module("tracker.ingest")
    except ImportError:
        fail("ingesting files is not available in this installation; run `tracker review` alone")
    try:
        summary = ingest.ingest_paths(store, paths)
    except KeyboardInterrupt:
        fail("ingest interrupted; stories already read stay stored", code=130)
    for line in summary.lines():
        typer.echo(line, err=not summary.ok)


def run_review(config: Config, paths: list[str] | None = None) -> None:
    """Open the configured database (ingesting ``paths`` first) and run the review app."""
    store = open_store(config)
    try:
        if paths:
            ingest_first(store, paths)
        # Textual loads only here: the store and the other commands never import it.
        from tracker.ui import make_app

        make_app(store, config).run()
    finally:
        store.close()


@app.command("review")
def review(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Story files, folders or globs to ingest before reviewing (- for stdin).",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    reviewer: ReviewerOption = None,
) -> None:
    """Review claims in the terminal: walk the list, set statuses, add notes, undo, export."""
    run_review(load_config(db, reviewer), paths)
