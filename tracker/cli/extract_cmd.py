"""``tracker extract FILE``: the claims of one story, without a database."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.app import JsonOption, MaxSizeOption, app, fail, print_json
from tracker.ingest.formats import MAX_FILE_BYTES, STDIN, STDIN_NAME, Format


@app.command("extract")
def extract(
    file: Annotated[
        str,
        typer.Argument(
            help="A story file (.txt, .md, .html, .json, .jsonl with one story) or - for stdin.",
            show_default=False,
        ),
    ],
    outlet: Annotated[
        str | None,
        typer.Option("--outlet", help="Name of the story's own voice (default: the file's)."),
    ] = None,
    stdin_format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            help="Format of the story on stdin (-); default: guessed from its first bytes.",
            show_default=False,
        ),
    ] = None,
    max_size: MaxSizeOption = MAX_FILE_BYTES / (1024 * 1024),
    as_json: JsonOption = False,
) -> None:
    """Print the claims of one story with source, cue, quote kind and first status.

    Touches no database. Spans are [start, end) character offsets into the story's text as
    read: for a .txt file, exactly the file's characters; for .md, .html and .json, the
    story text the reader took from the file.
    """
    from tracker.extract import extract_claims
    from tracker.ingest import ReadError, read_bytes, read_path

    max_bytes = int(max_size * 1024 * 1024)
    try:
        if file == STDIN:
            data = sys.stdin.buffer.read(max_bytes + 1)
            reading = read_bytes(data, where=STDIN_NAME, fmt=stdin_format, max_bytes=max_bytes)
        else:
            reading = read_path(Path(file), max_bytes=max_bytes)
    except ReadError as exc:
        fail(f"{file}: {exc.reason}")
    if reading.failures and not reading.stories:
        where, reason = reading.failures[0]
        fail(f"{where}: {reason}")
    if len(reading.stories) + len(reading.failures) > 1:
        fail(
            f"{file} holds {len(reading.stories) + len(reading.failures)} stories; "
            "extract reads one (use tracker ingest for many)"
        )
    story = reading.stories[0]
    claims = extract_claims(story.body, outlet=outlet or story.outlet or None)
    if as_json:
        print_json([claim.to_json() for claim in claims])
        return
    if story.title:
        typer.echo(story.title)
        typer.echo("")
    for number, claim in enumerate(claims, start=1):
        quote = None if claim.quote.value == "none" else f"{claim.quote.value} quote"
        source = f"{claim.source} ({claim.source_kind.value})"
        how = " · ".join(part for part in (source, claim.cue, quote) if part)
        typer.echo(f"{number}. [{claim.status.value}] {how}")
        typer.echo(f"   {claim.text}")
        if claim.status_note:
            typer.echo(f"   note: {claim.status_note}")
    typer.echo(f"{len(claims)} claim{'' if len(claims) == 1 else 's'}")
