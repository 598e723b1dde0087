"""What every report says about itself: where, what filter, when, by whom, with what tool.

Reports are reproducible: the same database and filter give the same bytes. So nothing
here reads the wall clock when ``SOURCE_DATE_EPOCH`` is set, and the database is named
by its file name rather than by the path of whoever ran the export.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

import tracker
from tracker.config import DEFAULT_ORGANIZATION, Config
from tracker.store.audit import EXTRACTOR
from tracker.store.claims import AuditEntry, ClaimFilter, ClaimRow
from tracker.store.reports import ReportMatch, ReportSummary
from tracker.vocab import ClaimState, ClaimStatus, SourceKind
from tracker.words import counted

TOOL_NAME = "Claim Tracker"
EPOCH_ENV = "SOURCE_DATE_EPOCH"
VERDICTS = (ClaimStatus.CONFIRMED, ClaimStatus.FALSE, ClaimStatus.DISPUTED, ClaimStatus.UNCLEAR)


@dataclass(frozen=True, slots=True)
class ReportHeader:
    """The facts a report opens with."""

    database: str
    filter: ClaimFilter
    generated_at: datetime
    generated_by: str
    organization: str
    tool_version: str = tracker.__version__
    # What ClaimReview publishes, as configured (None: not set; see tracker.config).
    publisher: str | None = None
    publisher_url: str | None = None
    review_url: str | None = None

    @property
    def tool(self) -> str:
        """Name and version, as printed."""
        return f"{TOOL_NAME} {self.tool_version}"


def generated_at() -> datetime:
    """When the report was made: ``SOURCE_DATE_EPOCH`` if set (reproducible builds), else now."""
    epoch = os.environ.get(EPOCH_ENV, "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC)
        except (ValueError, OverflowError, OSError):
            pass  # an unusable value falls back to the clock, as other tools do
    return datetime.now(UTC).replace(microsecond=0)


def database_label(url: str) -> str:
    """The database as a report names it: a SQLite file's name, else the URL sans password."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        name = parsed.database or ":memory:"
        return os.path.basename(name) or name
    return parsed.render_as_string(hide_password=True)


def make_header(url: str, config: Config, flt: ClaimFilter) -> ReportHeader:
    """The header of a report on the database at ``url`` made by ``config.reviewer``."""
    return ReportHeader(
        database=database_label(url),
        filter=flt,
        generated_at=generated_at(),
        generated_by=config.reviewer,
        organization=config.organization or DEFAULT_ORGANIZATION,
        publisher=config.organization,
        publisher_url=config.organization_url,
        review_url=config.review_url,
    )


def timestamp(value: datetime | None) -> str:
    """A UTC time as reports print it: ``2024-12-09T14:05:00Z``."""
    if value is None:
        return ""
    if value.tzinfo is UTC and value.year >= 1000:
        # The common case, a million times per report: aware UTC from the store.
        return value.isoformat(timespec="seconds")[:19] + "Z"
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(timespec="seconds") + "Z"


def day(value: date | None) -> str:
    """A date as reports print it (ISO), or an empty string."""
    return value.isoformat() if value is not None else ""


_STATUS_LABELS = {s: s.value.replace("_", " ") for s in ClaimStatus}


def status_label(status: ClaimStatus | None) -> str:
    """A status in words: ``no response`` rather than ``no_response``."""
    return _STATUS_LABELS[status] if status is not None else ""


def since_text(value: datetime | date | None) -> str | None:
    """The ``since`` bound as text: a date, or a UTC time when it is a moment."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return timestamp(value)
    return value.isoformat()


def filter_items(flt: ClaimFilter) -> list[tuple[str, str]]:
    """The filter as label/value pairs for people; empty when the report covers everything."""
    items: list[tuple[str, str]] = []
    if flt.story_id is not None:
        items.append(("story", str(flt.story_id)))
    if flt.statuses:
        items.append(("status", ", ".join(status_label(s) for s in flt.statuses)))
    if flt.source_kinds:
        items.append(("source kind", ", ".join(k.value for k in flt.source_kinds)))
    if flt.kinds:
        items.append(("attribution kind", ", ".join(k.value for k in flt.kinds)))
    if flt.source:
        items.append(("source contains", flt.source))
    if flt.text:
        items.append(("search", flt.text))
    since = since_text(flt.since)
    if since is not None:
        what = "ingested since" if isinstance(flt.since, datetime) else "published since"
        items.append((what, since))
    return items


def filter_json(flt: ClaimFilter) -> dict[str, Any]:
    """The filter as stable JSON fields (every key always present)."""
    return {
        "statuses": [s.value for s in flt.statuses],
        "story_id": flt.story_id,
        "source_kinds": [k.value for k in flt.source_kinds],
        "kinds": [k.value for k in flt.kinds],
        "source": flt.source,
        "search": flt.text,
        "since": since_text(flt.since),
    }


def overview(summary: ReportSummary) -> str:
    """The report's first sentence: how many claims in how many stories."""
    claims = counted(summary.claims, "claim")
    return f"{claims} in {counted(summary.stories, 'story', 'stories')}."


def key_figures(summary: ReportSummary) -> list[str]:
    """The figures the desk asks for first, one sentence each (plain text, not escaped)."""
    anonymous = summary.by_source_kind.get(SourceKind.ANONYMOUS, 0)
    named = summary.by_source_kind.get(SourceKind.NAMED, 0)
    return [
        f"Anonymous sources: {counted(anonymous, 'claim')}; "
        f"named sources: {counted(named, 'claim')}",
        f"Pending claims still open: {summary.pending}",
        f"Conflicts between stories: {summary.conflicts}",
    ]


def status_order() -> tuple[ClaimStatus, ...]:
    """Statuses in the order reports list them."""
    return tuple(ClaimStatus)


def kind_order() -> tuple[SourceKind, ...]:
    """Source kinds in the order reports list them."""
    return tuple(SourceKind)


def decision_line(set_by: str | None, set_at: datetime | None, escape: Callable[[str], str]) -> str:
    """Who decided a claim's status: a person, the extractor (the story's wording), nobody."""
    if set_by is None:
        return "Not decided yet (pending as extracted)"
    when = escape(timestamp(set_at))
    if set_by == EXTRACTOR:
        return f"Set by the extractor from the story's wording at {when}"
    return f"Decided by {escape(set_by)} at {when}"


def claim_flags(claim: ClaimRow, escape: Callable[[str], str]) -> list[str]:
    """What a report must say about a claim beyond its status: dropped, added by hand."""
    flags = []
    if claim.state is ClaimState.DROPPED:
        flags.append("Not in the newest version of its story: decide it again or dismiss it")
    elif claim.state is not ClaimState.ACTIVE:
        flags.append(f"State: {escape(claim.state.value)}")
    if claim.added_by:
        flags.append(f"Added by {escape(claim.added_by)} (the extractor missed it)")
    return flags


# Corrected fields worth a word in a history line (ids and offsets say little).
_CHANGED_FIELDS = ("state", "source", "source_kind", "kind", "text")


def event_line(e: AuditEntry, escape: Callable[[str], str]) -> str:
    """One audit event in a line (when, who, what changed), escaped for the report's format."""
    parts = [escape(e.action)]
    if e.old_status != e.new_status:
        old = status_label(e.old_status) or "none"
        new = status_label(e.new_status) or "none"
        parts.append(f"{escape(old)} → {escape(new)}")
    if e.new_note != e.old_note:
        parts.append(f"new note: {escape(e.new_note or '')}" if e.new_note else "note cleared")
    for name in _CHANGED_FIELDS:
        if e.changes and name in e.changes:
            old_value, new_value = e.changes[name]
            parts.append(
                f"{name}: {escape(str(old_value) if old_value is not None else 'none')} → "
                f"{escape(str(new_value) if new_value is not None else 'none')}"
            )
    detail = e.detail or {}
    if detail.get("note"):
        parts.append(f"why: {escape(str(detail['note']))}")
    if "from_claim" in detail:
        parts.append(
            f"carried over from claim {detail['from_claim']} into version "
            f"{detail.get('version')} (story {detail.get('revision')})"
        )
    elif "revision" in detail:
        to = detail.get("carried_to")
        where = f"version {detail.get('version')} (story {detail['revision']})"
        parts.append(f"carried to claim {to} of {where}" if to else f"not in {where}")
    line = f"{escape(timestamp(e.at))} {escape(e.reviewer)}: {', '.join(parts)}"
    if e.undoes_id is not None:
        line += f" (undoes event {e.undoes_id})"
    return line


def match_line(
    m: ReportMatch, escape: Callable[[str], str], status_mark: Callable[[str], str]
) -> str:
    """A match in another story in a line, escaped for the report's format.

    ``status_mark`` sets the other claim's status apart (bold, a styled span).
    """
    where = f"story {m.story_id}, {escape(m.story_title) or '(untitled)'}"
    extra = ", ".join(x for x in (escape(m.outlet), escape(day(m.published))) if x)
    if extra:
        where += f" ({extra})"
    line = (
        f"{escape(m.kind.value)} ({escape(m.state.value)}, score {m.score:.1f}): "
        f"claim {m.claim_id} in {where}: {status_mark(status_label(m.status))}"
    )
    if m.status_note:
        line += f" ({escape(m.status_note)})"
    return line + f": {escape(m.text)}"
