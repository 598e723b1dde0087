"""A reviewer's corrections to what the extractor proposed, each one audited.

Correct a claim's source (its text and kind), its attribution kind and its content span;
dismiss a non-claim (and restore it); add a claim the extractor missed. Each is one
audit event with the old and new values, guarded by the claim's version like a status
change, and undone by :func:`tracker.store.undo_last` like one. Corrections live on the
claim rows themselves, so re-ingesting a story (the same text is a no-op) never touches
them, and a new revision of the story carries them over (see ``revisions.py``).
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa

from tracker.models import (
    audit_table,
    claim_table,
    embedding_table,
    source_table,
    story_table,
    utcnow,
)
from tracker.store import audit
from tracker.store.audit import Change
from tracker.store.claims import listed
from tracker.store.core import Store, StoreError
from tracker.vocab import AttributionKind, ClaimState, ClaimStatus, QuoteKind, SourceKind

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)")
_QUOTES = '"“”«»'


class StoryNotFound(StoreError):
    """No story has that id."""

    def __init__(self, story_id: int) -> None:
        super().__init__(f"no story with id {story_id}")
        self.story_id = story_id


def _parse(enum: type[Any], value: Any, what: str) -> Any:
    if value is None or isinstance(value, enum):
        return value
    key = str(value).strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return enum(key)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise StoreError(f"unknown {what} {value!r}; expected one of: {allowed}") from None


def _story(conn: sa.Connection, story_id: int) -> tuple[str, str, bool]:
    """A story's body, outlet and whether it is its URL's newest version."""
    row = conn.execute(
        sa.select(story_table.c.body, story_table.c.outlet).where(story_table.c.id == story_id)
    ).first()
    if row is None:
        raise StoryNotFound(story_id)
    newer = conn.execute(
        sa.select(story_table.c.id).where(story_table.c.revision_of == story_id).limit(1)
    ).first()
    return row[0], row[1], newer is None


def _checked_span(body: str, span: tuple[int, int], story_id: int) -> tuple[int, int]:
    """The span trimmed of surrounding spaces; refused when outside the story or empty."""
    start, end = span
    if start >= end:
        fault = "is empty" if start == end else "ends before it starts"
        raise StoreError(f"span {start}:{end} {fault}; give START:END with START < END")
    if not (0 <= start < end <= len(body)):
        raise StoreError(
            f"span {start}:{end} is outside story {story_id} "
            f"(its text has {len(body)} characters: 0:{len(body)})"
        )
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if start == end:
        raise StoreError(f"span {span[0]}:{span[1]} of story {story_id} holds only spaces")
    return start, end


def surroundings(body: str, start: int, end: int) -> dict[str, int]:
    """The sentence and paragraph around a span: the offsets the review screen shows."""
    para_start = body.rfind("\n", 0, start) + 1
    para_end = body.find("\n", end)
    para_end = len(body) if para_end < 0 else para_end
    sent_start = para_start
    for found in _SENTENCE_END.finditer(body, para_start, start):
        sent_start = found.end()
    while sent_start < start and body[sent_start].isspace():
        sent_start += 1
    found_end = _SENTENCE_END.search(body, max(end - 1, para_start), para_end)
    sent_end = found_end.end() if found_end else para_end
    return {
        "sentence_start": sent_start,
        "sentence_end": max(sent_end, end),
        "paragraph_start": para_start,
        "paragraph_end": max(para_end, end),
    }


def _span_values(body: str, start: int, end: int, before: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {
        "text": body[start:end],
        "content_start": start,
        "content_end": end,
        "segments": [[start, end]],
    }
    s0, s1 = before.get("sentence_start"), before.get("sentence_end")
    if s0 is None or s1 is None or start < s0 or end > s1:
        around = surroundings(body, start, end)
        values.update(around)
        values["sentence"] = body[around["sentence_start"] : around["sentence_end"]]
    return values


def _source_id(conn: sa.Connection, story_id: int, name: str, kind: SourceKind) -> int:
    """The story's source with this name and kind, created when the story has none."""
    found = conn.execute(
        sa.select(source_table.c.id)
        .where(
            source_table.c.story_id == story_id,
            source_table.c.name == name,
            source_table.c.kind == kind,
        )
        .order_by(source_table.c.id)
        .limit(1)
    ).scalar_one_or_none()
    if found is not None:
        return int(found)
    created = conn.execute(
        sa.insert(source_table).returning(source_table.c.id),
        {"story_id": story_id, "name": name, "kind": kind},
    )
    return int(created.scalar_one())


def _source_name(conn: sa.Connection, source_id: int | None) -> str | None:
    if source_id is None:
        return None
    return conn.execute(
        sa.select(source_table.c.name).where(source_table.c.id == source_id)
    ).scalar_one_or_none()


def _note_detail(note: str | None) -> dict[str, Any] | None:
    return {"note": note.strip()} if note and note.strip() else None


def edit_claim(
    store: Store,
    *,
    claim_id: int,
    reviewer: str,
    expected_version: int | None = None,
    source: str | None = None,
    source_kind: SourceKind | str | None = None,
    kind: AttributionKind | str | None = None,
    content_span: tuple[int, int] | None = None,
    note: str | None = None,
) -> Change:
    """Correct a claim's source text or kind, attribution kind or content span.

    Fields left None stay as they are; the claim's text follows a new span (offsets into
    the story's body). ``note`` says why, and is kept with the audit event (the claim's
    status note is not touched). Refused with :class:`StoreError`, writing nothing, when
    nothing is given, nothing would change, a kind is unknown or the span is outside the
    story; with :class:`StaleClaimError` when ``expected_version`` is not the claim's.
    """
    new_source_kind = _parse(SourceKind, source_kind, "source kind")
    new_kind = _parse(AttributionKind, kind, "attribution kind")
    if source is not None and not source.strip():
        raise StoreError("a source cannot be empty (the story's own voice is kind 'outlet')")
    if source is None and new_source_kind is None and new_kind is None and content_span is None:
        raise StoreError("nothing to correct: give a source, source kind, kind or span")

    def work(conn: sa.Connection) -> Change:
        before = audit.current(conn, claim_id)
        if before["state"] == ClaimState.SUPERSEDED:
            raise StoreError(f"claim {claim_id} belongs to an older version of its story")
        values: dict[str, Any] = {}
        shown: dict[str, tuple[Any, Any]] = {}
        if new_kind is not None:
            values["kind"] = new_kind
        if source is not None or new_source_kind is not None:
            old_name = _source_name(conn, before["source_id"])
            name = source.strip() if source is not None else (old_name or "")
            target_kind = new_source_kind or SourceKind(before["source_kind"])
            if name != (old_name or "") or target_kind != before["source_kind"]:
                values["source_id"] = _source_id(conn, before["story_id"], name, target_kind)
                values["source_kind"] = target_kind
                shown["source"] = (old_name, name)
        if content_span is not None:
            body, _outlet, _current = _story(conn, before["story_id"])
            start, end = _checked_span(body, content_span, before["story_id"])
            values.update(_span_values(body, start, end, before))
        if not any(audit.plain(before[k]) != audit.plain(v) for k, v in values.items()):
            raise StoreError(f"claim {claim_id} already has those values; nothing changed")
        if "text" in values and values["text"] != before.get("text"):
            # its sentence vector described the old text: the next matching run makes a new one
            conn.execute(sa.delete(embedding_table).where(embedding_table.c.claim_id == claim_id))
        return audit.apply(
            conn,
            claim_id=claim_id,
            reviewer=reviewer,
            action="edit",
            expected_version=expected_version,
            values=values,
            shown=shown,
            detail=_note_detail(note),
            before=before,
        )

    return store.write_retrying(work)


def dismiss_claim(
    store: Store,
    *,
    claim_id: int,
    reviewer: str,
    expected_version: int | None = None,
    note: str | None = None,
) -> Change:
    """Mark a claim as not a claim: it leaves every list, count and report by default.

    Its status and note stay as they were, and :func:`restore_claim` (or an undo) brings
    it back. A claim dropped from its story's newest version is handled this way too.
    """

    def work(conn: sa.Connection) -> Change:
        before = audit.current(conn, claim_id)
        state = ClaimState(before["state"])
        if state is ClaimState.DISMISSED:
            raise StoreError(f"claim {claim_id} is dismissed already")
        if state is ClaimState.SUPERSEDED:
            raise StoreError(f"claim {claim_id} belongs to an older version of its story")
        return audit.apply(
            conn,
            claim_id=claim_id,
            reviewer=reviewer,
            action="dismiss",
            expected_version=expected_version,
            values={"state": ClaimState.DISMISSED},
            detail=_note_detail(note),
            before=before,
        )

    return store.write_retrying(work)


def restore_claim(
    store: Store,
    *,
    claim_id: int,
    reviewer: str,
    expected_version: int | None = None,
    note: str | None = None,
) -> Change:
    """Bring a dismissed claim back into the lists, in the state it was dismissed from."""

    def work(conn: sa.Connection) -> Change:
        before = audit.current(conn, claim_id)
        if before["state"] != ClaimState.DISMISSED:
            raise StoreError(f"claim {claim_id} is not dismissed (it is {before['state']})")
        return audit.apply(
            conn,
            claim_id=claim_id,
            reviewer=reviewer,
            action="restore",
            expected_version=expected_version,
            values={"state": _state_before_dismissal(conn, claim_id)},
            detail=_note_detail(note),
            before=before,
        )

    return store.write_retrying(work)


def _state_before_dismissal(conn: sa.Connection, claim_id: int) -> ClaimState:
    rows = conn.execute(
        sa.select(audit_table.c.changes)
        .where(audit_table.c.claim_id == claim_id, audit_table.c.changes.is_not(None))
        .order_by(audit_table.c.id.desc())
    ).scalars()
    for changes in rows:
        old_new = (changes or {}).get("state")
        if old_new and old_new[1] == ClaimState.DISMISSED.value and old_new[0]:
            if old_new[0] in (ClaimState.ACTIVE.value, ClaimState.DROPPED.value):
                return ClaimState(old_new[0])
            break
    return ClaimState.ACTIVE


def _quote_kind(text: str, source_kind: SourceKind) -> QuoteKind:
    if source_kind is SourceKind.OUTLET:
        return QuoteKind.NONE
    inside = sum(text.count(q) for q in _QUOTES)
    if text[:1] in _QUOTES and text.rstrip(".,")[-1:] in _QUOTES and inside <= 2:
        return QuoteKind.DIRECT
    return QuoteKind.MIXED if inside else QuoteKind.INDIRECT


def add_claim(
    store: Store,
    *,
    story_id: int,
    content_span: tuple[int, int],
    reviewer: str,
    source: str | None = None,
    source_kind: SourceKind | str | None = None,
    kind: AttributionKind | str | None = None,
    cue: str | None = None,
    note: str | None = None,
) -> int:
    """Add a claim the extractor missed, its content chosen as a span of the story's text.

    Without a source it is the story's own voice (kind ``outlet``, the outlet as source);
    with one, ``source_kind`` defaults to ``named``. The attribution kind defaults to
    ``speech`` (``outlet`` for the story's voice). Returns the new claim's id; the claim
    starts pending, added by ``reviewer``, with one ``add`` audit event. Refused for an
    unknown story, an older version of a story, a span outside it or one a listed claim
    of the story already has.
    """
    parsed_kind = _parse(SourceKind, source_kind, "source kind")
    parsed_attr = _parse(AttributionKind, kind, "attribution kind")
    if source is not None and not source.strip():
        source = None

    def work(conn: sa.Connection) -> int:
        body, outlet, is_current = _story(conn, story_id)
        if not is_current:
            raise StoreError(f"story {story_id} has a newer version; add the claim there")
        start, end = _checked_span(body, content_span, story_id)
        taken = conn.execute(
            sa.select(claim_table.c.id).where(
                claim_table.c.story_id == story_id,
                claim_table.c.content_start == start,
                claim_table.c.content_end == end,
                listed(),  # not IN: the story's index finds them, not the state's
            )
        ).scalar_one_or_none()
        if taken is not None:
            raise StoreError(f"claim {taken} of story {story_id} already has span {start}:{end}")
        s_kind = parsed_kind or (SourceKind.NAMED if source else SourceKind.OUTLET)
        name = source.strip() if source else (outlet or "the outlet")
        attr = parsed_attr or (
            AttributionKind.OUTLET if s_kind is SourceKind.OUTLET else AttributionKind.SPEECH
        )
        around = surroundings(body, start, end)
        position = conn.execute(
            sa.select(sa.func.count()).where(
                claim_table.c.story_id == story_id, claim_table.c.content_start < start
            )
        ).scalar_one()
        text = body[start:end]
        now = utcnow()
        claim_id = conn.execute(
            sa.insert(claim_table).returning(claim_table.c.id),
            {
                "story_id": story_id,
                "source_id": _source_id(conn, story_id, name, s_kind),
                "position": int(position),
                "text": text,
                "sentence": body[around["sentence_start"] : around["sentence_end"]],
                "source_kind": s_kind,
                "source_mention": None,
                "cue": cue.strip() if cue and cue.strip() else None,
                "quote": _quote_kind(text, s_kind),
                "kind": attr,
                "segments": [[start, end]],
                "content_start": start,
                "content_end": end,
                **around,
                "confidence": 1.0,
                "status": ClaimStatus.PENDING,
                "status_note": None,
                "state": ClaimState.ACTIVE,
                "added_by": reviewer,
                "version": 1,
                "updated_at": now,
                "updated_by": reviewer,
            },
        ).scalar_one()
        audit.record(
            conn,
            claim_id=int(claim_id),
            action="add",
            old_status=None,
            new_status=ClaimStatus.PENDING,
            old_note=None,
            new_note=None,
            reviewer=reviewer,
            version=1,
            changes={
                "state": [None, ClaimState.ACTIVE.value],
                "text": [None, text],
                "content_start": [None, start],
                "content_end": [None, end],
                "source": [None, name],
                "source_kind": [None, s_kind.value],
                "kind": [None, attr.value],
            },
            detail=_note_detail(note),
        )
        return int(claim_id)

    return store.write_retrying(work)
