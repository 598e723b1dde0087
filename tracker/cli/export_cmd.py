"""``tracker export``: audit reports in md, html, csv, json or ClaimReview JSON-LD."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.app import (
    DbOption,
    ReviewerOption,
    StoryIdOption,
    app,
    fail,
    load_config,
    open_store,
)
from tracker.export import ALL_FORMATS, EXTENSIONS, ExportError, check_format
from tracker.vocab import AttributionKind, ClaimStatus, SourceKind, parse_status

if TYPE_CHECKING:
    from tracker.config import Config
    from tracker.store import ClaimFilter, Store


def parse_since(value: str | None) -> date | datetime | None:
    """``--since``: a date (stories published since) or a time (stories ingested since).

    A time without a zone is taken as UTC. Raises ``ValueError`` with a message for people.
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(
            f"bad --since value {value!r}; expected a date like 2024-12-09 "
            "or a time like 2024-12-09T14:00"
        ) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def parse_kinds(values: list[str] | None) -> tuple[SourceKind, ...]:
    """``--source-kind`` values; raises ``ValueError`` naming the accepted kinds."""
    kinds: list[SourceKind] = []
    for value in values or []:
        try:
            kinds.append(SourceKind(value.strip().lower()))
        except ValueError:
            allowed = ", ".join(k.value for k in SourceKind)
            raise ValueError(f"unknown source kind {value!r}; expected one of: {allowed}") from None
    return tuple(kinds)


def parse_attribution_kinds(values: list[str] | None) -> tuple[AttributionKind, ...]:
    """``--kind`` values; raises ``ValueError`` naming the accepted kinds."""
    kinds: list[AttributionKind] = []
    for value in values or []:
        try:
            kinds.append(AttributionKind(value.strip().lower()))
        except ValueError:
            allowed = ", ".join(k.value for k in AttributionKind)
            raise ValueError(
                f"unknown attribution kind {value!r}; expected one of: {allowed}"
            ) from None
    return tuple(kinds)


def build_filter(
    *,
    story: int | None,
    statuses: list[str] | None,
    since: str | None,
    source_kinds: list[str] | None,
    kinds: list[str] | None = None,
) -> ClaimFilter:
    """The report's filter from the command's options; ``ValueError`` on a bad value."""
    from tracker.store import ClaimFilter

    parsed: list[ClaimStatus] = [parse_status(s) for s in statuses or []]
    return ClaimFilter(
        statuses=tuple(dict.fromkeys(parsed)),
        story_id=story,
        source_kinds=tuple(dict.fromkeys(parse_kinds(source_kinds))),
        kinds=tuple(dict.fromkeys(parse_attribution_kinds(kinds))),
        since=parse_since(since),
    )


@app.command("export")
def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help=f"Report format: {', '.join(ALL_FORMATS)}.", show_default=True
        ),
    ] = "md",
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", help="Write to this file ('-' or nothing: standard output)."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the output file if it exists.")
    ] = False,
    story: StoryIdOption = None,
    status: Annotated[
        list[str] | None, typer.Option("--status", "-s", help="Only this status (repeatable).")
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Only stories published on or after this date (YYYY-MM-DD), or ingested "
            "since this time (YYYY-MM-DDTHH:MM, UTC).",
        ),
    ] = None,
    source_kind: Annotated[
        list[str] | None,
        typer.Option(
            "--source-kind",
            help="Only claims from this kind of source (repeatable): "
            + ", ".join(k.value for k in SourceKind)
            + ".",
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            help="Only claims of this attribution kind (repeatable): "
            + ", ".join(k.value for k in AttributionKind)
            + ".",
        ),
    ] = None,
    history: Annotated[
        bool, typer.Option("--history", help="md/html: add each claim's audit trail.")
    ] = False,
    events: Annotated[
        bool, typer.Option("--events", help="csv: one row per audit event instead of per claim.")
    ] = False,
    db: DbOption = None,
    reviewer: ReviewerOption = None,
) -> None:
    """Write an audit report of the claims, their sources, statuses and who set them.

    JSON carries every claim's matches and audit events.

    ClaimReview lists only claims a reviewer gave a verdict (confirmed, false, disputed,
    unclear), never the extractor's reading; it needs `tracker config set` for
    organization.name, organization.url and review.url.

    gold writes the stories people reviewed (newest versions, corrections applied,
    dismissed claims out, added claims in) as extraction gold that
    `python bench/extraction.py --gold FILE` scores the extractor on; only --story and
    --since apply to it.

    With SOURCE_DATE_EPOCH set, the same database and filter give a byte-identical report.
    """
    from tracker.export import export_to_path
    from tracker.store import StoreError

    try:
        fmt = check_format(fmt)
        flt = build_filter(
            story=story, statuses=status, since=since, source_kinds=source_kind, kinds=kind
        )
    except (ValueError, ExportError) as exc:
        fail(str(exc))
    target = None if output is None or output == "-" else Path(output).expanduser()
    if target is not None and target.is_dir():
        example = target / f"report{EXTENSIONS.get(fmt, '.json')}"
        fail(f"{target} is a folder; give a file name for the report, e.g. -o {example}")
    if target is not None and target.exists() and not force:
        # Refuse before opening the database, let alone reading a million claims.
        fail(f"{target} already exists; use --force to overwrite it")
    config = load_config(db, reviewer)
    if fmt == "claimreview":
        from tracker.export.claimreview import check_publisher

        try:
            check_publisher(config.organization, config.organization_url, config.review_url)
        except ExportError as exc:
            fail(str(exc))
    s = open_store(config)
    try:
        if target is None:
            _to_stdout(s, fmt=fmt, flt=flt, config=config, history=history, events=events)
            return
        count = export_to_path(
            s,
            fmt=fmt,
            path=target,
            force=force,
            filter=flt,
            config=config,
            history=history,
            events=events,
            progress=_progress_on_terminal(),
        )
    except (ExportError, StoreError) as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write the report: {exc.strerror or exc}")
    finally:
        s.close()
    if sys.stderr.isatty():
        sys.stderr.write("\r\033[K")  # clear the running count
    claims = f"{count} claim" if count == 1 else f"{count} claims"
    what = f"the audit events of {claims}" if events and fmt == "csv" else claims
    typer.echo(f"wrote {what} to {target} ({fmt})", err=True)


def _progress_on_terminal() -> Callable[[int], None] | None:
    """A running count on stderr while a big report is written to a file, if a person sees it."""
    if not sys.stderr.isatty():
        return None

    def show(count: int) -> None:
        sys.stderr.write(f"\r{count:,} claims written…")
        sys.stderr.flush()

    return show


def _to_stdout(
    s: Store, *, fmt: str, flt: ClaimFilter, config: Config, history: bool, events: bool
) -> None:
    from tracker.export import export_report

    # Bytes, not the terminal's idea of an encoding: reports are UTF-8 everywhere, and
    # CSV's CRLF must reach the pipe untranslated.
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
    try:
        export_report(
            s, fmt=fmt, out=out, filter=flt, config=config, history=history, events=events
        )
        out.flush()
    except BrokenPipeError:
        # `tracker export | head`: the reader has what it wanted; stop quietly.
        sys.stderr.close()
        raise typer.Exit(0) from None
    finally:
        try:
            out.detach()
        except (ValueError, OSError):
            pass
