"""``tracker review [PATH...]`` (and bare ``tracker``): ingest, then open the review TUI."""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.app import DbOption, ReviewerOption, app, fail, load_config, open_store

if TYPE_CHECKING:
    from tracker.config import Config
    from tracker.store import Store


def ingest_first(store: Store, paths: list[str]) -> list[str]:
    """Ingest the stories under ``paths``; return the summary lines.

    A failed file is reported, not fatal: the reviewer still gets to review what loaded.
    """
    try:
        ingest = importlib.import_module("tracker.ingest")
    except ImportError:
        fail("ingesting files is not available in this installation; run `tracker review` alone")

    def progress(done: int, total: int) -> None:
        typer.echo(f"\ringesting {done}/{total} files…", err=True, nl=done == total)

    try:
        summary = ingest.ingest_paths(store, paths, progress=progress)
    except KeyboardInterrupt:
        fail("ingest interrupted; stories already read stay stored", code=130)

    lines: list[str] = summary.lines()
    for line in lines:
        typer.echo(line, err=not summary.ok)
    return lines if not summary.ok else lines[-1:]


def notice_for(lines: list[str]) -> str | None:
    """The one line the review screen opens with after an ingest."""
    if not lines:
        return None
    failed = [line for line in lines if line.startswith("failed:")]
    totals = next((line for line in lines if " added, " in line), lines[-1])
    if failed:
        return f"ingest: {totals} (the failures are printed again when you quit)"
    return f"ingest: {totals}"


def refuse_paths_without_stories(paths: list[str]) -> None:
    """Fail in one line when none of ``paths`` names a story file (a typo, an empty folder).

    Checked before the database is opened, so nothing is created and no screen opens
    onto an ingest that could only fail.
    """
    try:
        from tracker.ingest.paths import expand_paths
    except ImportError:  # ingest_first says what is missing
        return
    expansion = expand_paths(paths)
    if not expansion.files:
        fail("nothing to review: " + "; ".join(f"{arg}: {why}" for arg, why in expansion.failures))


def has_terminal() -> bool:
    """True when both ends of the session are a terminal (the TUI needs one)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def run_review(config: Config, paths: list[str] | None = None) -> None:
    """Open the configured database (ingesting ``paths`` first) and run the review app."""
    if not has_terminal():
        fail(
            "the review screen needs a terminal; in scripts use `tracker claims`, "
            "`tracker status` and `tracker export`"
        )
    # Only a review that brings stories may start a new database: a mistyped --db is
    # refused, never a fresh empty review screen; so are paths that name no story.
    if paths:
        refuse_paths_without_stories(paths)
    store = open_store(config, create=bool(paths))
    lines: list[str] = []
    try:
        if paths:
            lines = ingest_first(store, paths)
        # Textual loads only here: the store and the other commands never import it.
        from tracker.ui import make_app

        make_app(store, config, notice=notice_for(lines)).run()
    finally:
        store.close()
    for line in lines:
        if line.startswith("failed:"):
            typer.echo(line, err=True)


@app.command("review")
def review(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Story files, folders or globs to ingest before reviewing.",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    reviewer: ReviewerOption = None,
) -> None:
    """Review claims in the terminal: walk the list, set statuses, add notes, undo, export."""
    if paths and "-" in paths:
        fail(
            "tracker review reads your keys from the terminal, so it cannot also read a "
            "story from stdin; run `tracker ingest -` first, then `tracker review`"
        )
    run_review(load_config(db, reviewer), paths)
