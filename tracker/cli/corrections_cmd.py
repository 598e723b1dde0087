"""Correcting what the extractor proposed: edit, dismiss, restore, add (each one audited)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.app import (
    ClaimIdArgument,
    DbOption,
    ReviewerOption,
    app,
    fail,
    load_config,
    open_store,
    parse_id,
)

if TYPE_CHECKING:
    from tracker.store import Change

SpanOption = Annotated[
    str | None,
    typer.Option(
        "--text-span",
        metavar="START:END",
        help="The claim's content as character offsets into the story's text "
        "(as `tracker claims --json` shows content_span); the claim's text follows it.",
    ),
]
SourceOption = Annotated[
    str | None, typer.Option("--source", help="Who the claim is attributed to, as the story says.")
]
SourceKindOption = Annotated[
    str | None,
    typer.Option(
        "--source-kind", help="named, anonymous, organization, document or outlet.", metavar="K"
    ),
]
KindOption = Annotated[
    str | None,
    typer.Option(
        "--kind",
        help="Attribution kind: speech, belief, intention, finding, outlet or unknown.",
        metavar="K",
    ),
]
NoteOption = Annotated[
    str | None, typer.Option("--note", "-n", help="Why: kept with the audit event.")
]
ExpectOption = Annotated[
    int | None,
    typer.Option("--expect-version", help="Refuse if the claim is no longer at this version."),
]


def parse_span(value: str) -> tuple[int, int]:
    """``START:END`` (two whole numbers) from the command line; anything else exits 1."""
    start, sep, end = value.strip().partition(":")
    if not sep or not start.strip().isdigit() or not end.strip().isdigit():
        fail(f"{value!r} is not a span; give START:END, two character offsets (e.g. 120:164)")
    return int(start), int(end)


# Fields a person corrects, by the names the change records (ids and offsets say less).
_FIELD_NAMES = {
    "source": "source",
    "source_kind": "source kind",
    "kind": "kind",
    "text": "span",
    "state": "state",
}


def _done(change: Change, what: str) -> None:
    names = [label for key, label in _FIELD_NAMES.items() if key in change.changes]
    fields = ", ".join(names) or "nothing"
    typer.echo(f"claim {change.claim_id}: {what} ({fields}; version {change.version})")


@app.command("edit")
def edit(
    claim_id: ClaimIdArgument,
    source: SourceOption = None,
    source_kind: SourceKindOption = None,
    kind: KindOption = None,
    text_span: SpanOption = None,
    note: NoteOption = None,
    expect_version: ExpectOption = None,
    db: DbOption = None,
    reviewer: ReviewerOption = None,
) -> None:
    """Correct a claim's source, source kind, attribution kind or content span (audited).

    Undo it with `tracker undo`. Re-ingesting the story never overwrites a correction;
    a new version of the story carries it over.
    """
    from tracker import store

    span = parse_span(text_span) if text_span is not None else None
    config = load_config(db, reviewer)
    s = open_store(config)
    try:
        change = store.edit_claim(
            s,
            claim_id=claim_id,
            reviewer=config.reviewer,
            expected_version=expect_version,
            source=source,
            source_kind=source_kind,
            kind=kind,
            content_span=span,
            note=note,
        )
    except store.StoreError as exc:
        fail(str(exc))
    finally:
        s.close()
    _done(change, f"corrected by {config.reviewer}")


@app.command("dismiss")
def dismiss(
    claim_id: ClaimIdArgument,
    note: NoteOption = None,
    expect_version: ExpectOption = None,
    db: DbOption = None,
    reviewer: ReviewerOption = None,
) -> None:
    """Dismiss a non-claim: it leaves every list, count and report (audited; `restore` undoes)."""
    _dismissal(claim_id, note, expect_version, db, reviewer, dismissed=True)


@app.command("restore")
def restore(
    claim_id: ClaimIdArgument,
    note: NoteOption = None,
    expect_version: ExpectOption = None,
    db: DbOption = None,
    reviewer: ReviewerOption = None,
) -> None:
    """Bring a dismissed claim back into the lists (audited)."""
    _dismissal(claim_id, note, expect_version, db, reviewer, dismissed=False)


def _dismissal(
    claim_id: int,
    note: str | None,
    expect_version: int | None,
    db: str | None,
    reviewer: str | None,
    *,
    dismissed: bool,
) -> None:
    """Dismiss a claim or bring it back, as one audited change."""
    from tracker import store

    config = load_config(db, reviewer)
    action = store.dismiss_claim if dismissed else store.restore_claim
    s = open_store(config)
    try:
        change = action(
            s,
            claim_id=claim_id,
            reviewer=config.reviewer,
            expected_version=expect_version,
            note=note,
        )
    except store.StoreError as exc:
        fail(str(exc))
    finally:
        s.close()
    _done(change, f"{'dismissed' if dismissed else 'restored'} by {config.reviewer}")


@app.command("add")
def add(
    story_id: Annotated[
        int,
        typer.Argument(
            parser=parse_id, metavar="STORY_ID", help="The story's id (see `tracker stories`)."
        ),
    ],
    text_span: Annotated[
        str,
        typer.Option(
            "--text-span",
            metavar="START:END",
            help="The claim's content as character offsets into the story's text.",
        ),
    ],
    source: SourceOption = None,
    source_kind: SourceKindOption = None,
    kind: KindOption = None,
    cue: Annotated[
        str | None, typer.Option("--cue", help="The attribution's words ('told Reuters').")
    ] = None,
    note: NoteOption = None,
    db: DbOption = None,
    reviewer: ReviewerOption = None,
) -> None:
    """Add a claim the extractor missed, its content a span of the story's text (audited).

    Without --source it is the story's own voice (source kind outlet).
    """
    from tracker import store

    span = parse_span(text_span)
    config = load_config(db, reviewer)
    s = open_store(config)
    try:
        claim_id = store.add_claim(
            s,
            story_id=story_id,
            content_span=span,
            reviewer=config.reviewer,
            source=source,
            source_kind=source_kind,
            kind=kind,
            cue=cue,
            note=note,
        )
        row = store.get_claim(s, claim_id)
    except store.StoreError as exc:
        fail(str(exc))
    finally:
        s.close()
    typer.echo(f"claim {claim_id} added to story {story_id} by {config.reviewer}: {row.text}")
