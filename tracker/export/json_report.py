"""The JSON report: stories, their claims, each claim's matches and audit events.

Field names are a contract, documented by ``report.schema.json`` next to this module
(and checked by the tests). The document is written as it is read, one claim per line,
so a million claims never sit in memory and a diff between two reports stays readable.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from importlib import resources
from json.encoder import c_encode_basestring, py_encode_basestring  # type: ignore[attr-defined]
from typing import Any, TextIO, cast

from tracker.export.header import (
    TOOL_NAME,
    ReportHeader,
    day,
    filter_json,
    kind_order,
    status_order,
    timestamp,
)
from tracker.store.claims import AuditEntry, ClaimRow
from tracker.store.reports import (
    ReportClaim,
    ReportMatch,
    ReportSnapshot,
    ReportStory,
    ReportSummary,
)
from tracker.vocab import AttributionKind, ClaimState, ClaimStatus, QuoteKind, SourceKind

FORMAT_NAME = "claim-tracker-report"
SCHEMA_VERSION = 2  # 2: claims carry kind and segments, the summary by_kind, the filter kinds
SCHEMA_FILE = "report.schema.json"


def schema() -> dict[str, Any]:
    """The JSON Schema that documents (and validates) this format."""
    return dict(json.loads(resources.files(__package__).joinpath(SCHEMA_FILE).read_text("utf-8")))


# One encoder for the whole report (json.dumps with options builds a new one per call).
# Our vocabulary enums are str subclasses, so they encode as their values directly.
_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False)
_dumps = _ENCODER.encode


def _span(span: tuple[int, int] | None) -> list[int] | None:
    return [span[0], span[1]] if span is not None else None


def report_json(header: ReportHeader) -> dict[str, Any]:
    """The report's own description."""
    return {
        "format": FORMAT_NAME,
        "schema_version": SCHEMA_VERSION,
        "database": header.database,
        "filter": filter_json(header.filter),
        "generated_at": timestamp(header.generated_at),
        "generated_by": header.generated_by,
        "organization": header.organization,
        "tool": {"name": TOOL_NAME, "version": header.tool_version},
    }


def summary_json(summary: ReportSummary) -> dict[str, Any]:
    """Counts over the claims the filter keeps; every status and kind is always listed."""
    return {
        "claims": summary.claims,
        "stories": summary.stories,
        "by_status": {s.value: summary.by_status.get(s, 0) for s in status_order()},
        "by_source_kind": {k.value: summary.by_source_kind.get(k, 0) for k in kind_order()},
        "by_kind": {k.value: summary.by_kind.get(k, 0) for k in AttributionKind},
        "pending": summary.pending,
        "conflicts": summary.conflicts,
    }


def story_json(story: ReportStory) -> dict[str, Any]:
    """A story's facts (without its claims)."""
    return {
        "id": story.id,
        "title": story.title,
        "outlet": story.outlet,
        "url": story.url,
        "published": day(story.published) or None,
        "byline": story.byline,
        "revision_of": story.revision_of,
    }


def match_json(m: ReportMatch) -> dict[str, Any]:
    """A match, seen from the claim it is listed under."""
    return {
        "match_id": m.match_id,
        "claim_id": m.claim_id,
        "kind": m.kind,
        "state": m.state,
        "score": m.score,
        "text": m.text,
        "status": m.status,
        "status_note": m.status_note,
        "story": {
            "id": m.story_id,
            "title": m.story_title,
            "outlet": m.outlet,
            "url": m.url,
            "published": day(m.published) or None,
        },
    }


def event_json(e: AuditEntry) -> dict[str, Any]:
    """One audit event; a correction's ``changes`` and its ``detail`` only when it has them."""
    out: dict[str, Any] = {
        "id": e.id,
        "action": e.action,
        "old_status": e.old_status,
        "new_status": e.new_status,
        "old_note": e.old_note,
        "new_note": e.new_note,
        "reviewer": e.reviewer,
        "at": timestamp(e.at),
        "claim_version": e.claim_version,
        "undoes_id": e.undoes_id,
    }
    if e.corrections():
        out["changes"] = e.corrections()
    if e.detail:
        out["detail"] = e.detail
    return out


def claim_json(item: ReportClaim) -> dict[str, Any]:
    """A claim with its attribution, review state, matches and audit trail."""
    c = item.claim
    return {
        "id": c.id,
        "position": c.position,
        "text": c.text,
        "sentence": c.sentence,
        "source": c.source,
        "source_kind": c.source_kind,
        "cue": c.cue,
        "quote": c.quote,
        "kind": c.kind,
        "status": c.status,
        "status_note": c.status_note,
        "set_by": item.set_by,
        "set_at": timestamp(item.set_at) or None,
        "version": c.version,
        "cluster_id": c.cluster_id,
        "confidence": c.confidence,
        "content_span": _span(c.content_span),
        "source_span": _span(c.source_span),
        "cue_span": _span(c.cue_span),
        "segments": [[start, end] for start, end in c.segments],
        "matches": [match_json(m) for m in item.matches],
        "events": [event_json(e) for e in item.events],
        **_claim_extras(c),
    }


def _claim_extras(c: ClaimRow) -> dict[str, Any]:
    """What only some claims carry: a state other than active, who added it by hand."""
    extras: dict[str, Any] = {}
    if c.state is not ClaimState.ACTIVE:
        extras["state"] = c.state.value
    if c.added_by:
        extras["added_by"] = c.added_by
    return extras


# The fast path for the million-claim case: the same text json.dumps(claim_json(item))
# gives (a test holds the two equal), assembled from pre-encoded pieces. Encoding strings
# with the C escaper and joining them skips building a dict per claim and the generic
# encoder's dispatch, which were most of the cost of a JSON report.
_quote = cast(Callable[[str], str], c_encode_basestring or py_encode_basestring)


def _str(value: str | None) -> str:
    return "null" if value is None else _quote(value)


def _int(value: int | None) -> str:
    return "null" if value is None else str(int(value))


def _float(value: float) -> str:
    if not math.isfinite(value):
        raise ValueError(f"a report cannot hold the number {value!r}")
    return repr(float(value))


# Vocabulary values, encoded once.
_VOCABULARY: dict[str, str] = {
    v: _quote(v) for enum in (ClaimStatus, SourceKind, QuoteKind, AttributionKind) for v in enum
}


def match_line(m: ReportMatch) -> str:
    """:func:`match_json` encoded, without building the dictionary."""
    return (
        f'{{"match_id": {m.match_id}, "claim_id": {m.claim_id}, "kind": {_quote(m.kind)}, '
        f'"state": {_quote(m.state)}, "score": {_float(m.score)}, "text": {_quote(m.text)}, '
        f'"status": {_quote(m.status)}, "status_note": {_str(m.status_note)}, '
        f'"story": {{"id": {m.story_id}, "title": {_quote(m.story_title)}, '
        f'"outlet": {_quote(m.outlet)}, "url": {_str(m.url)}, '
        f'"published": {_str(day(m.published) or None)}}}}}'
    )


def event_line(e: AuditEntry) -> str:
    """:func:`event_json` encoded, without building the dictionary."""
    return (
        f'{{"id": {e.id}, "action": {_quote(e.action)}, "old_status": {_str(e.old_status)}, '
        f'"new_status": {_str(e.new_status)}, "old_note": {_str(e.old_note)}, '
        f'"new_note": {_str(e.new_note)}, "reviewer": {_quote(e.reviewer)}, '
        f'"at": {_quote(timestamp(e.at))}, "claim_version": {e.claim_version}, '
        f'"undoes_id": {_int(e.undoes_id)}{_extras(e)}}}'
    )


def _claim_extras_line(c: ClaimRow) -> str:
    if c.state is ClaimState.ACTIVE and not c.added_by:
        return ""
    return "".join(f", {_quote(k)}: {_quote(v)}" for k, v in _claim_extras(c).items())


def _extras(e: AuditEntry) -> str:
    # A correction's old and new values and its context: few events have them.
    extra = ""
    if e.corrections():
        extra += f', "changes": {_ENCODER.encode(e.corrections())}'
    if e.detail:
        extra += f', "detail": {_ENCODER.encode(e.detail)}'
    return extra


def claim_line(item: ReportClaim) -> str:
    """:func:`claim_json` encoded as one line, without building the dictionary."""
    # Inlined on purpose: a function call per field was a third of a JSON report's time.
    c = item.claim
    q = _quote
    words = _VOCABULARY
    content, source_span, cue = c.content_span, c.source_span, c.cue_span
    set_at = timestamp(item.set_at)
    matches = ", ".join([match_line(m) for m in item.matches]) if item.matches else ""
    events = ", ".join([event_line(e) for e in item.events]) if item.events else ""
    segments = ", ".join([f"[{start}, {end}]" for start, end in c.segments])
    return (
        f'{{"id": {c.id}, "position": {c.position}, "text": {q(c.text)}, '
        f'"sentence": {q(c.sentence)}, '
        f'"source": {"null" if c.source is None else q(c.source)}, '
        f'"source_kind": {words[c.source_kind]}, '
        f'"cue": {"null" if c.cue is None else q(c.cue)}, '
        f'"quote": {words.get(c.quote) or q(c.quote)}, "kind": {words[c.kind]}, '
        f'"status": {words[c.status]}, '
        f'"status_note": {"null" if c.status_note is None else q(c.status_note)}, '
        f'"set_by": {"null" if item.set_by is None else q(item.set_by)}, '
        f'"set_at": {q(set_at) if set_at else "null"}, "version": {c.version}, '
        f'"cluster_id": {"null" if c.cluster_id is None else c.cluster_id}, '
        f'"confidence": {_float(c.confidence)}, '
        f'"content_span": {"null" if content is None else f"[{content[0]}, {content[1]}]"}, '
        f'"source_span": '
        f"{'null' if source_span is None else f'[{source_span[0]}, {source_span[1]}]'}, "
        f'"cue_span": {"null" if cue is None else f"[{cue[0]}, {cue[1]}]"}, '
        f'"segments": [{segments}], '
        f'"matches": [{matches}], "events": [{events}]'
        f"{_claim_extras_line(c)}}}"
    )


def write(
    snapshot: ReportSnapshot,
    out: TextIO,
    header: ReportHeader,
    *,
    history: bool,
    events: bool,
    progress: Callable[[int], None] | None,
) -> int:
    """Write the JSON document. Audit events are always included: it is the full record."""
    del history, events
    out.write('{"report": ' + _dumps(report_json(header)) + ",\n")
    out.write('"summary": ' + _dumps(summary_json(snapshot.summary(header.filter))) + ",\n")
    out.write('"stories": [')
    written = 0
    story_id: int | None = None
    for batch in snapshot.claims(header.filter):
        for item in batch:
            if item.story.id != story_id:
                if story_id is not None:
                    out.write("\n]},")
                story_id = item.story.id
                opening = _dumps(story_json(item.story))
                out.write("\n" + opening[:-1] + ', "claims": [\n')
            else:
                out.write(",\n")
            out.write(claim_line(item))
        written += len(batch)
        if progress is not None:
            progress(written)
    if story_id is not None:
        out.write("\n]}")
    out.write("\n]}\n")
    return written
