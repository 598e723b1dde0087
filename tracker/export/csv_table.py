"""The CSV report: one row per claim, or with ``events`` one row per audit event.

RFC 4180 (comma, double-quote quoting, CRLF line ends), UTF-8 without a byte-order
mark. Spreadsheets run a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return as a formula; story text is untrusted, so such cells get a leading
apostrophe and open as plain text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from typing import TextIO

from tracker.export.header import ReportHeader, day, timestamp
from tracker.store.claims import AuditEntry
from tracker.store.reports import ReportClaim, ReportMatch, ReportSnapshot, ReportStory

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_CHARS = frozenset(FORMULA_STARTS)

CLAIM_COLUMNS = (
    "claim_id",
    "story_id",
    "story_title",
    "outlet",
    "published",
    "story_url",
    "position",
    "claim",
    "sentence",
    "source",
    "source_kind",
    "cue",
    "quote",
    "kind",
    "status",
    "status_note",
    "set_by",
    "set_at",
    "version",
    "cluster_id",
    "matches",
)

EVENT_COLUMNS = (
    "event_id",
    "claim_id",
    "story_id",
    "story_title",
    "claim",
    "source",
    "action",
    "old_status",
    "new_status",
    "old_note",
    "new_note",
    "reviewer",
    "at",
    "claim_version",
    "undoes_event_id",
    "changes",
)


_NEEDS_QUOTES = re.compile(r'[,"\r\n]')


def _field(value: object) -> str:
    if value is None:
        return ""
    text = value if type(value) is str else str(value)
    if _NEEDS_QUOTES.search(text) is None:
        return text
    return '"' + text.replace('"', '""') + '"'


def record(cells: Sequence[object]) -> str:
    """One CSV record, RFC 4180: fields quoted only when they must be, CRLF at the end.

    The same bytes as :func:`csv.writer` with the ``excel`` dialect and CRLF (a test holds
    them equal); written by hand because the report's million rows spent most of their
    time inside the generic writer.
    """
    return ",".join([_field(c) for c in cells]) + "\r\n"


def cell(value: object) -> str:
    """A value as a safe CSV cell: text that a spreadsheet would evaluate is neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    s = str(value)
    if s.startswith(FORMULA_STARTS):
        return "'" + s
    return s


def _matches(matches: list[ReportMatch]) -> str:
    # "claim 40 (story 7, same, confirmed); ..." keeps the cell readable and parseable.
    return "; ".join(
        f"claim {m.claim_id} (story {m.story_id}, {m.kind.value}, {m.status.value})"
        for m in matches
    )


def _free_text(value: str | None) -> str:
    """Untrusted text as a finished field: neutralised, then quoted if it must be.

    The hot path of a million-row export, so it does both in one call and only for free
    text; ids, counts, times and vocabulary values can neither start a formula nor hold
    a comma, a quote or a line break.
    """
    if not value:
        return ""
    if value[0] in _FORMULA_CHARS:
        value = "'" + value
    if '"' in value:
        return '"' + value.replace('"', '""') + '"'
    if "," in value or "\n" in value or "\r" in value:
        return '"' + value + '"'
    return value


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def _story_prefix(story: ReportStory) -> str:
    # The story's five cells, the same for each of its claims: made once per story.
    return (
        f"{story.id},{_free_text(story.title)},{_free_text(story.outlet)},"
        f"{day(story.published)},{_free_text(story.url)}"
    )


def _claim_record(item: ReportClaim, story_prefix: str) -> str:
    c = item.claim
    matches = _free_text(_matches(item.matches)) if item.matches else ""
    return (
        f"{c.id},{story_prefix},{c.position},{_free_text(c.text)},{_free_text(c.sentence)},"
        f"{_free_text(c.source)},{c.source_kind.value},{_free_text(c.cue)},{c.quote},"
        f"{c.kind.value},{c.status.value},{_free_text(c.status_note)},{_free_text(item.set_by)},"
        f"{timestamp(item.set_at)},{c.version},{_number(c.cluster_id)},{matches}\r\n"
    )


def _event_row(item: ReportClaim, e: AuditEntry) -> list[str]:
    values: list[object] = [
        e.id,
        e.claim_id,
        item.story.id,
        item.story.title,
        item.claim.text,
        item.claim.source,
        e.action,
        e.old_status.value if e.old_status else None,
        e.new_status.value if e.new_status else None,
        e.old_note,
        e.new_note,
        e.reviewer,
        timestamp(e.at),
        e.claim_version,
        e.undoes_id,
        _changes_text(e),
    ]
    return [cell(v) for v in values]


def _changes_text(e: AuditEntry) -> str | None:
    """A correction's changed fields and context as one JSON object (empty for others)."""
    if not e.corrections() and not e.detail:
        return None
    data: dict[str, object] = dict(e.corrections())
    if e.detail:
        data["detail"] = e.detail
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def write(
    snapshot: ReportSnapshot,
    out: TextIO,
    header: ReportHeader,
    *,
    history: bool,
    events: bool,
    progress: Callable[[int], None] | None,
) -> int:
    """Write the CSV table; returns the claims covered (rows are events with ``events``)."""
    del history  # a claim row has no room for a trail; ``events`` gives one row per event
    out.write(record(EVENT_COLUMNS if events else CLAIM_COLUMNS))
    written = 0
    story: ReportStory | None = None
    story_prefix = ""
    for batch in snapshot.claims(header.filter, matches=not events, events=events):
        if events:
            out.write("".join([record(_event_row(item, e)) for item in batch for e in item.events]))
        else:
            rows = []
            for item in batch:
                if item.story is not story:
                    story = item.story
                    story_prefix = _story_prefix(story)
                rows.append(_claim_record(item, story_prefix))
            out.write("".join(rows))
        written += len(batch)
        if progress is not None:
            progress(written)
    return written
