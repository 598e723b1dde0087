"""Storing stories with their sources and claims, one transaction per story."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, Protocol

import sqlalchemy as sa

from tracker.models import audit_table, claim_table, source_table, story_table, utcnow
from tracker.store.audit import EXTRACTOR
from tracker.store.core import Store, StoreError
from tracker.vocab import AttributionKind, ClaimState, ClaimStatus, QuoteKind, SourceKind


class ExtractedLike(Protocol):
    """What the store needs of an extracted claim (``tracker.extract.ExtractedClaim``)."""

    @property
    def text(self) -> str: ...
    @property
    def sentence(self) -> str: ...
    @property
    def source(self) -> str | None: ...
    @property
    def source_kind(self) -> SourceKind: ...
    @property
    def source_mention(self) -> str | None: ...
    @property
    def source_key(self) -> int: ...
    @property
    def cue(self) -> str | None: ...
    @property
    def quote(self) -> QuoteKind: ...
    @property
    def status(self) -> ClaimStatus: ...
    @property
    def status_note(self) -> str | None: ...
    @property
    def content_span(self) -> tuple[int, int] | None: ...
    @property
    def source_span(self) -> tuple[int, int] | None: ...
    @property
    def cue_span(self) -> tuple[int, int] | None: ...
    @property
    def sentence_span(self) -> tuple[int, int] | None: ...
    @property
    def paragraph_span(self) -> tuple[int, int] | None: ...
    @property
    def confidence(self) -> float: ...
    @property
    def kind(self) -> AttributionKind: ...
    @property
    def segments(self) -> Sequence[tuple[int, int]]: ...


class IngestOutcome(StrEnum):
    """What storing a story did."""

    ADDED = "added"
    UNCHANGED = "unchanged"
    UPDATED = "updated"


@dataclass(frozen=True, slots=True)
class StoryInput:
    """A story as a reader produced it, before extraction."""

    body: str
    title: str = ""
    outlet: str = ""
    url: str | None = None
    published: date | None = None
    byline: str | None = None
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class StoredStory:
    """The result of :func:`add_story`."""

    outcome: IngestOutcome
    story_id: int
    claim_ids: tuple[int, ...] = ()
    revision_of: int | None = None
    version: int = 1
    carried: int = 0
    dropped: int = 0


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A story as pickers and reports list it."""

    id: int
    title: str
    outlet: str
    url: str | None
    published: date | None
    byline: str | None
    revision_of: int | None
    claims: int
    version: int = 1
    current: bool = True


def content_hash(body: str) -> str:
    """The identity of a story's text: same words and lines, same hash."""
    canonical = "\n".join(line.rstrip() for line in body.strip().splitlines())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


_STORY_BY_HASH = sa.select(story_table.c.id).where(
    story_table.c.content_hash == sa.bindparam("digest")
)


def find_by_hash(store: Store, body: str) -> int | None:
    """The id of a stored story with exactly this text, if any (cheap: ingest asks per story)."""
    with store.engine.connect() as conn:
        found = conn.execute(_STORY_BY_HASH, {"digest": content_hash(body)}).scalar_one_or_none()
    return int(found) if found is not None else None


def _span_cols(prefix: str, span: tuple[int, int] | None) -> dict[str, int | None]:
    start, end = span if span else (None, None)
    return {f"{prefix}_start": start, f"{prefix}_end": end}


def _segments(claim: ExtractedLike) -> list[list[int]] | None:
    """The claim's segments as stored: a JSON list of [start, end]; none given is its span."""
    if claim.segments:
        return [[int(start), int(end)] for start, end in claim.segments]
    if claim.content_span:
        return [[claim.content_span[0], claim.content_span[1]]]
    return None


def add_story(store: Store, *, story: StoryInput, claims: Sequence[ExtractedLike]) -> StoredStory:
    """Store a story with its sources and claims, all or nothing.

    The same text again is a no-op; a new text at the URL of a stored story becomes a
    new revision linked to the latest one. Statuses the extractor read from the story's
    own wording are recorded in the audit log as set by the extractor.
    """
    digest = content_hash(story.body)
    with store.write() as conn:
        existing = conn.execute(_STORY_BY_HASH, {"digest": digest}).scalar_one_or_none()
        if existing is not None:
            return StoredStory(IngestOutcome.UNCHANGED, existing)
        previous, version = None, 1
        if story.url:
            latest = conn.execute(
                sa.select(story_table.c.id, story_table.c.version)
                .where(story_table.c.url == story.url)
                .order_by(story_table.c.id.desc())
                .limit(1)
            ).first()
            if latest is not None:
                previous, version = latest[0], latest[1] + 1
        story_id = conn.execute(
            sa.insert(story_table).returning(story_table.c.id),
            {
                "title": story.title,
                "outlet": story.outlet,
                "url": story.url,
                "published": story.published,
                "byline": story.byline,
                "body": story.body,
                "content_hash": digest,
                "origin": story.origin,
                "revision_of": previous,
                "version": version,
                "ingested_at": utcnow(),
            },
        ).scalar_one()
        claim_ids = _insert_claims(conn, story_id, claims)
        if previous is None:
            return StoredStory(IngestOutcome.ADDED, story_id, claim_ids)
        from tracker.store.revisions import carry_over

        settled = carry_over(
            conn,
            old_story_id=previous,
            new_story_id=story_id,
            new_version=version,
            body=story.body,
        )
    return StoredStory(
        IngestOutcome.UPDATED,
        story_id,
        claim_ids,
        previous,
        version,
        len(settled.carried),
        len(settled.dropped),
    )


def _insert_rows(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows in one executemany and return their ids, in order.

    On SQLite the write transaction holds the database's only write lock, so ids can be
    handed out from max(id) without a race, and the rows go straight to the driver as one
    batch (values already converted by :func:`_sqlite_value`); other databases batch with
    RETURNING through SQLAlchemy.
    """
    if not rows:
        return []
    if conn.dialect.name == "sqlite":
        columns = list(rows[0])
        last = conn.exec_driver_sql(_SQLITE_MAX_ID[table.name]).scalar_one()
        ids = list(range(last + 1, last + 1 + len(rows)))
        names = ", ".join(["id", *columns])
        marks = ", ".join("?" * (len(columns) + 1))
        conn.exec_driver_sql(
            f"INSERT INTO {table.name} ({names}) VALUES ({marks})",  # noqa: S608  (our own names)
            [
                (row_id, *(_sqlite_value(row[c]) for c in columns))
                for row_id, row in zip(ids, rows, strict=True)
            ],
        )
        return ids
    returning = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(conn.execute(returning, rows).scalars())


_SQLITE_MAX_ID = {
    name: f"SELECT coalesce(max(id), 0) FROM {name}"  # noqa: S608  (fixed table names)
    for name in ("source", "claim", "audit_event")
}


def _sqlite_value(value: Any) -> Any:
    """A value as SQLAlchemy would store it on SQLite: enum values, naive UTC timestamps."""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, list):
        return json.dumps(value)
    if isinstance(value, datetime):
        naive = value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
        return naive.strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def _insert_claims(
    conn: sa.Connection, story_id: int, claims: Sequence[ExtractedLike]
) -> tuple[int, ...]:
    if not claims:
        return ()
    keys: dict[int, int] = {}
    sources: list[dict[str, Any]] = []
    for claim in claims:
        if claim.source_key not in keys:
            keys[claim.source_key] = len(sources)
            sources.append(
                {
                    "story_id": story_id,
                    "name": claim.source or "",
                    "kind": SourceKind(claim.source_kind),
                }
            )
    source_ids = _insert_rows(conn, source_table, sources)
    now = utcnow()
    rows = [
        {
            "story_id": story_id,
            "source_id": source_ids[keys[c.source_key]],
            "position": position,
            "text": c.text,
            "sentence": c.sentence,
            "source_kind": SourceKind(c.source_kind),
            "source_mention": c.source_mention,
            "cue": c.cue,
            "quote": QuoteKind(c.quote),
            "kind": AttributionKind(c.kind),
            "segments": _segments(c),
            **_span_cols("content", c.content_span),
            **_span_cols("source", c.source_span),
            **_span_cols("cue", c.cue_span),
            **_span_cols("sentence", c.sentence_span),
            **_span_cols("paragraph", c.paragraph_span),
            "confidence": float(c.confidence),
            "status": ClaimStatus(c.status),
            "status_note": c.status_note,
            # The extractor decided a status only when the story's wording set one.
            "decided_by": None if ClaimStatus(c.status) is ClaimStatus.PENDING else EXTRACTOR,
            "decided_at": None if ClaimStatus(c.status) is ClaimStatus.PENDING else now,
            "state": ClaimState.ACTIVE,
            "cluster_id": None,
            "version": 1,
            "updated_at": now,
            "updated_by": EXTRACTOR,
        }
        for position, c in enumerate(claims)
    ]
    ids = tuple(_insert_rows(conn, claim_table, rows))
    events = [
        {
            "claim_id": claim_id,
            "action": "extract",
            "old_status": None,
            "new_status": ClaimStatus(c.status),
            "old_note": None,
            "new_note": c.status_note,
            "reviewer": EXTRACTOR,
            "at": now,
            "claim_version": 1,
            "undoes_id": None,
        }
        for claim_id, c in zip(ids, claims, strict=True)
        if ClaimStatus(c.status) is not ClaimStatus.PENDING
    ]
    _insert_rows(conn, audit_table, events)
    return ids


def list_stories(
    store: Store, *, limit: int | None = None, current_only: bool = False
) -> list[StoryRow]:
    """Stories, newest first, with their version, whether it is current, and claim counts.

    A story's newest version (the last text read at its URL) is the current one; the
    count is of its listed claims (dismissed and superseded ones left out).
    ``current_only`` leaves older versions out.
    """
    counts = (
        sa.select(claim_table.c.story_id, sa.func.count().label("n"))
        .where(claim_table.c.state.in_([ClaimState.ACTIVE, ClaimState.DROPPED]))
        .group_by(claim_table.c.story_id)
        .subquery()
    )
    newer = story_table.alias("newer")
    superseded = sa.exists().where(newer.c.revision_of == story_table.c.id)
    query = (
        sa.select(
            story_table.c.id,
            story_table.c.title,
            story_table.c.outlet,
            story_table.c.url,
            story_table.c.published,
            story_table.c.byline,
            story_table.c.revision_of,
            sa.func.coalesce(counts.c.n, 0),
            story_table.c.version,
            sa.not_(superseded),
        )
        .outerjoin(counts, counts.c.story_id == story_table.c.id)
        .order_by(story_table.c.id.desc())
    )
    if current_only:
        query = query.where(sa.not_(superseded))
    if limit is not None:
        query = query.limit(limit)
    with store.read() as conn:
        return [
            StoryRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], bool(r[9]))
            for r in conn.execute(query)
        ]


@dataclass(frozen=True, slots=True)
class StoryText:
    """A story's whole text, for choosing a span of it (a correction, an added claim)."""

    id: int
    title: str
    outlet: str
    body: str
    version: int
    current: bool


def story_text(store: Store, *, story_id: int) -> StoryText:
    """One story's text and whether it is its URL's newest version; raises StoreError."""
    newer = story_table.alias("newer")
    superseded = sa.exists().where(newer.c.revision_of == story_table.c.id)
    query = sa.select(
        story_table.c.id,
        story_table.c.title,
        story_table.c.outlet,
        story_table.c.body,
        story_table.c.version,
        sa.not_(superseded),
    ).where(story_table.c.id == story_id)
    with store.read() as conn:
        row = conn.execute(query).first()
    if row is None:
        raise StoreError(f"no story with id {story_id}")
    return StoryText(int(row[0]), row[1] or "", row[2] or "", row[3], int(row[4]), bool(row[5]))
