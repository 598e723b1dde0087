"""Listing claims and reviewing them: claims, status, note, undo, history, stories."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli.app import (
    ClaimIdArgument,
    DbOption,
    JsonOption,
    ReviewerOption,
    StoryIdOption,
    app,
    fail,
    load_config,
    open_store,
    parse_id,
    print_json,
    print_tsv,
    to_terminal,
)
from tracker.vocab import AttributionKind, ClaimStatus, SourceKind, parse_status


def _statuses(values: list[str] | None) -> tuple[ClaimStatus, ...]:
    try:
        return tuple(parse_status(v) for v in values or [])
    except ValueError as exc:
        fail(str(exc))


def _source_kinds(values: list[str] | None) -> tuple[SourceKind, ...]:
    try:
        return tuple(SourceKind(v.strip().lower()) for v in values or [])
    except ValueError:
        allowed = ", ".join(k.value for k in SourceKind)
        fail(f"unknown source kind in {values}; expected one of: {allowed}")


def _kinds(values: list[str] | None) -> tuple[AttributionKind, ...]:
    kinds: list[AttributionKind] = []
    for value in values or []:
        try:
            kinds.append(AttributionKind(value.strip().lower()))
        except ValueError:
            allowed = ", ".join(k.value for k in AttributionKind)
            hint = (
                " (a source kind: use --source-kind)"
                if value.strip().lower() in set(SourceKind)
                else ""
            )
            fail(f"unknown attribution kind {value!r}{hint}; expected one of: {allowed}")
    return tuple(dict.fromkeys(kinds))


@app.command("claims")
def claims(
    status: Annotated[
        list[str] | None, typer.Option("--status", "-s", help="Only this status (repeatable).")
    ] = None,
    story: StoryIdOption = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Only sources whose name contains this.")
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            help="Only this attribution kind: speech, belief, intention, finding, outlet "
            "or unknown (repeatable).",
        ),
    ] = None,
    source_kind: Annotated[
        list[str] | None,
        typer.Option("--source-kind", help="Only this source kind (repeatable)."),
    ] = None,
    search: Annotated[
        str | None, typer.Option("--search", "-q", help="Words in the claim, source or title.")
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit", min=1, help="At most this many (default: all).", show_default=False
        ),
    ] = None,
    dismissed: Annotated[
        bool, typer.Option("--dismissed", help="Include claims a reviewer dismissed.")
    ] = False,
    superseded: Annotated[
        bool,
        typer.Option("--superseded", help="Include claims of older versions of their stories."),
    ] = False,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """List claims with their source, cue, status and who decided it.

    decided_by is "extractor" (the story's own wording set the status), a reviewer's
    name, or empty while nobody decided. Dismissed claims and older versions' claims
    are left out unless asked for; a reviewed claim gone from its story's newest version
    stays, its state "dropped". A table on a terminal; piped to another program,
    tab-separated lines with a header (id, story_id, story, source, source_kind, kind,
    status, decided_by, state, claim); --json for everything.
    """
    from tracker import store

    s = open_store(load_config(db))
    flt = store.ClaimFilter(
        statuses=_statuses(status),
        story_id=story,
        source=source,
        source_kinds=_source_kinds(source_kind),
        kinds=_kinds(kind),
        text=search,
        include_dismissed=dismissed,
        include_superseded=superseded,
    )
    rows = []
    for row in store.iter_claims(s, filter=flt):
        rows.append(row)
        if limit and len(rows) >= limit:
            break
    s.close()
    if as_json:
        print_json([r.to_json() for r in rows])
        return
    if not rows:
        typer.echo("no claims match", err=True)
        return
    if not to_terminal():
        print_tsv(
            (
                "id",
                "story_id",
                "story",
                "source",
                "source_kind",
                "kind",
                "status",
                "decided_by",
                "state",
                "claim",
            ),
            (
                (
                    r.id,
                    r.story_id,
                    r.story_title,
                    r.source,
                    r.source_kind.value,
                    r.kind.value,
                    r.status.value,
                    r.decided_by,
                    r.state.value,
                    r.text,
                )
                for r in rows
            ),
        )
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(show_lines=False, expand=True)
    columns = (("id", 0), ("story", 2), ("source", 3), ("source kind", 0), ("kind", 0))
    for name, ratio in (*columns, ("status", 0), ("decided by", 0)):
        table.add_column(name, ratio=ratio or None, no_wrap=ratio == 0, overflow="ellipsis")
    table.add_column("claim", ratio=6, overflow="fold")
    for r in rows:
        # stored words are plain text: "[sic]" or "[the council]" in a quote is no markup
        table.add_row(
            str(r.id),
            escape(r.story_title),
            escape(r.source or ""),
            r.source_kind.value,
            r.kind.value,
            r.status.value if r.state == "active" else f"{r.status.value} ({r.state.value})",
            escape(r.decided_by or ""),
            escape(r.text),
        )
    Console().print(table)


@app.command("status")
def status(
    claim_id: ClaimIdArgument,
    new_status: Annotated[
        str,
        typer.Argument(
            metavar="STATUS",
            help="pending, confirmed, disputed, false, unclear or no_response.",
        ),
    ],
    note: Annotated[str | None, typer.Option("--note", "-n", help="Why.")] = None,
    expect_version: Annotated[
        int | None,
        typer.Option("--expect-version", help="Refuse if the claim is no longer at this version."),
    ] = None,
    db: DbOption = None,
    reviewer: ReviewerOption = None,
) -> None:
    """Set a claim's status (and note), recorded in the audit log like a change in the UI."""
    from tracker import store

    try:
        parsed = parse_status(new_status)
    except ValueError as exc:
        fail(str(exc))
    config = load_config(db, reviewer)
    s = open_store(config)
    try:
        change = store.set_status(
            s,
            claim_id=claim_id,
            status=parsed,
            note=note,
            reviewer=config.reviewer,
            expected_version=expect_version,
        )
    except store.StoreError as exc:
        fail(str(exc))
    finally:
        s.close()
    typer.echo(
        f"claim {change.claim_id}: {change.old_status.value} -> {change.new_status.value}"
        f" (version {change.version}, by {config.reviewer})"
    )


@app.command("note")
def note(
    claim_id: ClaimIdArgument,
    text: Annotated[str, typer.Argument(help="The note; an empty string clears it.")],
    db: DbOption = None,
    reviewer: ReviewerOption = None,
) -> None:
    """Set a claim's status note without changing its status (audited)."""
    from tracker import store

    config = load_config(db, reviewer)
    s = open_store(config)
    try:
        change = store.set_note(s, claim_id=claim_id, note=text, reviewer=config.reviewer)
    except store.StoreError as exc:
        fail(str(exc))
    finally:
        s.close()
    typer.echo(f"claim {change.claim_id}: note set (version {change.version})")


@app.command("undo")
def undo(
    claim_id: Annotated[
        int | None,
        typer.Option(
            "--claim",
            parser=parse_id,
            metavar="ID",
            help="Undo the last change to this claim only.",
        ),
    ] = None,
    db: DbOption = None,
    reviewer: ReviewerOption = None,
) -> None:
    """Undo your last change (recorded as a new audit event; the log is never rewritten)."""
    from tracker import store

    config = load_config(db, reviewer)
    s = open_store(config)
    try:
        change = store.undo_last(s, reviewer=config.reviewer, claim_id=claim_id)
    except store.StoreError as exc:
        fail(str(exc))
    finally:
        s.close()
    what = f"{change.old_status.value} -> {change.new_status.value}"
    if change.changes:
        what += "; " + ", ".join(sorted(change.changes)) + " restored"
    typer.echo(f"claim {change.claim_id}: {what} (undo)")


@app.command("history")
def history(
    claim_id: ClaimIdArgument,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Show a claim's audit trail, oldest first."""
    from tracker import store

    s = open_store(load_config(db))
    try:
        store.get_claim(s, claim_id)
    except store.StoreError as exc:
        fail(str(exc))
    events = store.history(s, claim_id=claim_id)
    s.close()
    if as_json:
        print_json([e.to_json() for e in events])
        return
    for e in events:
        typer.echo(f"{e.at.isoformat()}  {e.reviewer:<12} {e.action:<10} {e.describe()}")


@app.command("stories")
def stories(as_json: JsonOption = False, db: DbOption = None) -> None:
    """List stored stories with their ids, versions and claim counts.

    A new text at a stored story's URL is its next version; older versions show
    "(old)", and their claims are counted with the newest one's.

    Columns with a header on a terminal; piped to another program, tab-separated lines
    with the same header; --json for everything.
    """
    from tracker import store

    s = open_store(load_config(db))
    rows = store.list_stories(s)
    s.close()
    if as_json:
        print_json(
            [
                {
                    "id": r.id,
                    "title": r.title,
                    "outlet": r.outlet,
                    "url": r.url,
                    "published": r.published.isoformat() if r.published else None,
                    "byline": r.byline,
                    "revision_of": r.revision_of,
                    "version": r.version,
                    "current": r.current,
                    "claims": r.claims,
                }
                for r in rows
            ]
        )
        return
    header = ("id", "version", "published", "outlet", "claims", "title")
    table = [
        (
            str(r.id),
            str(r.version) if r.current else f"{r.version} (old)",
            r.published.isoformat() if r.published else "",
            r.outlet or "",
            str(r.claims),
            r.title,
        )
        for r in rows
    ]
    if not to_terminal():
        print_tsv(header, table)
        return
    if not table:
        typer.echo("no stories yet; add some with `tracker ingest PATH`", err=True)
        return
    # Whole outlet names, however long: the columns take the widest value's width.
    widths = [max(len(row[i]) for row in [header, *table]) for i in range(len(header) - 1)]
    right = {0, 4}  # numbers line up on the right
    for row in [header, *table]:
        cells = [
            row[i].rjust(widths[i]) if i in right else row[i].ljust(widths[i])
            for i in range(len(header) - 1)
        ]
        typer.echo("  ".join([*cells, row[-1]]))
