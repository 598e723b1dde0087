"""``tracker ingest PATH...``: read stories, extract their claims, store them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.app import (
    DbOption,
    JsonOption,
    MaxSizeOption,
    app,
    fail,
    load_config,
    open_store,
    print_json,
)
from tracker.cli.progress import progress_bar
from tracker.ingest.formats import MAX_FILE_BYTES, Format

if TYPE_CHECKING:
    from tracker.ingest import IngestSummary

EXIT_INTERRUPTED = 130


def parse_date_option(value: str | None, flag: str) -> date | None:
    """A ``--published`` style option as a date, or a clear error."""
    if value is None:
        return None
    from tracker.ingest import ReadError, parse_published

    try:
        return parse_published(value)
    except ReadError:
        fail(f"{flag}: cannot read {value!r} as a date (use YYYY-MM-DD)")


@app.command("ingest")
def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Story files, folders (walked), globs, or - for stdin. Reads .txt, .md, "
            ".html, .json and .jsonl.",
            show_default=False,
        ),
    ],
    outlet: Annotated[
        str | None,
        typer.Option("--outlet", help="Outlet for stories whose file does not name one."),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option("--published", help="Publication date (YYYY-MM-DD) for stories without one."),
    ] = None,
    no_match: Annotated[
        bool, typer.Option("--no-match", help="Store only; do not match the new claims.")
    ] = False,
    max_size: MaxSizeOption = MAX_FILE_BYTES / (1024 * 1024),
    stdin_format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            help="Format of the story on stdin (-); default: guessed from its first bytes.",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            help="Helper processes reading and extracting while this one stores (default: "
            "one per CPU but one, on big runs; 0: none).",
            min=0,
            show_default=False,
        ),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List every story, not just the totals.")
    ] = False,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Read stories, extract every claim with its source, and store them.

    Each story is stored whole or not at all; the same text again changes nothing; a new
    text at a stored story's URL becomes a revision of it. A bad file is reported and
    skipped; the exit status is 1 if any failed (130 after Ctrl-C: run it again to finish).

    Metadata comes from Markdown front matter, the HTML page or the JSON fields (title,
    outlet, url, published, byline); a .txt, .md or .html story may carry it in a
    NAME.meta.json file next to it. A .txt story without a title takes its first line.
    """
    from tracker.ingest import IngestInterrupted, ingest_paths
    from tracker.ingest.paths import expand_paths
    from tracker.ingest.pipeline import IngestSummary

    when = parse_date_option(published, "--published")
    unreadable = expand_paths(paths)
    if not unreadable.files:
        # Nothing to read (a mistyped path): report it without opening, or creating, the
        # database, so a typo never leaves a new empty database behind.
        _report(IngestSummary(failed=unreadable.failures), as_json=as_json, verbose=verbose)
        raise typer.Exit(1)
    try:
        store = open_store(load_config(db), create=True)
    except KeyboardInterrupt:
        fail("interrupted before any story was read; nothing was stored", EXIT_INTERRUPTED)
    try:
        with progress_bar() as progress:
            summary = ingest_paths(
                store,
                paths,
                outlet=outlet,
                published=when,
                match=not no_match,
                progress=progress,
                embed_progress=_embedding_phase(progress),
                match_progress=progress,
                max_bytes=int(max_size * 1024 * 1024),
                workers=workers,
                stdin_format=stdin_format,
            )
    except IngestInterrupted as interrupted:
        _report(interrupted.summary, as_json=as_json, verbose=verbose)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except KeyboardInterrupt:
        # Before the first file (walking folders, starting helpers): nothing stored yet.
        fail("interrupted before any story was stored", EXIT_INTERRUPTED)
    finally:
        store.close()
    _report(summary, as_json=as_json, verbose=verbose)
    if not summary.ok:
        raise typer.Exit(1)


def _report(summary: IngestSummary, *, as_json: bool, verbose: bool) -> None:
    for where, reason in summary.failed:
        typer.echo(f"failed: {where}: {reason}", err=True)
    if as_json:
        print_json(summary.to_json())
        return
    for line in summary.lines(verbose=verbose):
        if not line.startswith("failed: "):
            typer.echo(line)


def _embedding_phase(
    progress: Callable[..., None] | None,
) -> Callable[[int, int], None] | None:
    """The same progress bar, for the claims' vectors computed after the files are read."""
    if progress is None:
        return None
    return lambda done, total: progress(done, total, "embedding claims")
