"""What audit reports read: one consistent snapshot, streamed in batches.

A report must be exact: its summary and its claim-by-claim body describe the same
moment, even when reviewers keep working while a million claims are written out. So
everything a report reads happens inside one read transaction (a snapshot), and the
claims come through one streaming cursor, a batch at a time, with the matches and audit
events of each batch fetched by claim id. Memory stays flat however large the database.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from tracker.models import audit_table, claim_table, match_table, source_table, story_table
from tracker.store.claims import AuditEntry, ClaimFilter, ClaimRow, _apply_filter
from tracker.store.core import Store
from tracker.vocab import ClaimStatus, MatchKind, MatchState, SourceKind

BATCH_SIZE = 1000
# Audit actions that set a claim's status (a note alone does not).
STATUS_ACTIONS = ("extract", "status", "undo")


@dataclass(frozen=True, slots=True)
class ReportStory:
    """The story a claim belongs to, as a report heads it."""

    id: int
    title: str
    outlet: str
    url: str | None
    published: date | None
    byline: str | None
    revision_of: int | None


@dataclass(frozen=True, slots=True)
class ReportMatch:
    """The same (or a conflicting) claim in another story, with what was decided there."""

    match_id: int
    claim_id: int
    kind: MatchKind
    state: MatchState
    score: float
    text: str
    status: ClaimStatus
    status_note: str | None
    story_id: int
    story_title: str
    outlet: str
    url: str | None
    published: date | None


@dataclass(frozen=True, slots=True)
class ReportClaim:
    """One claim with everything a report prints about it.

    ``set_by``/``set_at`` name the audit event that gave the claim its current status
    (None while the claim was never reviewed and the extractor left it pending).
    """

    claim: ClaimRow
    story: ReportStory
    set_by: str | None
    set_at: datetime | None
    matches: list[ReportMatch] = field(default_factory=list)
    events: list[AuditEntry] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """The figures at the top of a report, over the claims the filter keeps."""

    claims: int
    stories: int
    by_status: dict[ClaimStatus, int]
    by_source_kind: dict[SourceKind, int]
    conflicts: int
    reviewers: int

    @property
    def pending(self) -> int:
        """Claims still waiting for a check."""
        return self.by_status.get(ClaimStatus.PENDING, 0)

    def share(self, count: int) -> float:
        """``count`` as a percentage of all claims in the report (0 when there are none)."""
        return 100.0 * count / self.claims if self.claims else 0.0


def _plain(column: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
    # The raw stored value, without SQLAlchemy's per-row type processing: a million rows
    # pay for every processor, and the converters below are a fraction of the cost.
    return sa.type_coerce(column, sa.String()).label(None)


_CLAIM_COLUMNS = (
    claim_table.c.id,
    claim_table.c.story_id,
    claim_table.c.position,
    claim_table.c.text,
    claim_table.c.sentence,
    source_table.c.name,
    _plain(claim_table.c.source_kind),
    claim_table.c.cue,
    _plain(claim_table.c.quote),
    _plain(claim_table.c.status),
    claim_table.c.status_note,
    claim_table.c.content_start,
    claim_table.c.content_end,
    claim_table.c.source_start,
    claim_table.c.source_end,
    claim_table.c.cue_start,
    claim_table.c.cue_end,
    claim_table.c.confidence,
    claim_table.c.version,
    claim_table.c.cluster_id,
    _plain(claim_table.c.updated_at),
    claim_table.c.updated_by,
    story_table.c.title,
    story_table.c.outlet,
    _plain(story_table.c.published),
    story_table.c.url,
    story_table.c.byline,
    story_table.c.revision_of,
)

_OTHER_CLAIM = claim_table.alias("other_claim")
_OTHER_STORY = story_table.alias("other_story")
_STATUSES = {s.value: s for s in ClaimStatus}
_KINDS = {k.value: k for k in SourceKind}


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _as_utc(value: Any) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _enum_value(value: Any) -> str:
    return str(getattr(value, "value", value))


def _span_of(start: int | None, end: int | None) -> tuple[int, int] | None:
    return (start, end) if start is not None and end is not None else None


def _report_row(r: Sequence[Any], story: ReportStory) -> ClaimRow:
    return ClaimRow(
        id=r[0],
        story_id=r[1],
        story_title=story.title,
        outlet=story.outlet,
        published=story.published,
        position=r[2],
        text=r[3],
        sentence=r[4],
        source=r[5],
        source_kind=_KINDS[_enum_value(r[6])],
        cue=r[7],
        quote=_enum_value(r[8]),
        status=_STATUSES[_enum_value(r[9])],
        status_note=r[10],
        content_span=_span_of(r[11], r[12]),
        source_span=_span_of(r[13], r[14]),
        cue_span=_span_of(r[15], r[16]),
        confidence=r[17],
        version=r[18],
        cluster_id=r[19],
        updated_at=_as_utc(r[20]),
        updated_by=r[21],
    )


def _report_story(r: Sequence[Any]) -> ReportStory:
    return ReportStory(
        id=r[1],
        title=r[22],
        outlet=r[23],
        published=_as_date(r[24]),
        url=r[25],
        byline=r[26],
        revision_of=r[27],
    )


def _id_condition(column: sa.ColumnElement[Any], ids: Sequence[int]) -> sa.ColumnElement[bool]:
    # A batch of a story-ordered export is usually a run of consecutive ids: a range is
    # one cached statement, where IN (...) with hundreds of values is compiled each time.
    # Rows outside the batch that a range lets through are dropped by the caller.
    low, high = min(ids), max(ids)
    if high - low < 2 * len(ids):
        return column.between(low, high)
    return column.in_(ids)


class ReportSnapshot:
    """Reads for one report, all inside the same read transaction.

    Obtain one with :func:`report_snapshot`; it is only valid inside that ``with`` block.
    """

    def __init__(self, store: Store, conn: sa.Connection) -> None:
        self._store = store
        self._conn = conn

    def _filtered_ids(self, flt: ClaimFilter) -> sa.Select[Any]:
        query = (
            sa.select(claim_table.c.id)
            .select_from(claim_table)
            .join(story_table, story_table.c.id == claim_table.c.story_id)
            .outerjoin(source_table, source_table.c.id == claim_table.c.source_id)
        )
        return _apply_filter(self._store, query, flt)

    def story_exists(self, story_id: int) -> bool:
        """Whether a story with this id is stored (so a mistyped ``--story`` can be refused)."""
        found = self._conn.execute(
            sa.select(story_table.c.id).where(story_table.c.id == story_id)
        ).first()
        return found is not None

    def summary(self, flt: ClaimFilter) -> ReportSummary:
        """Claims by status and by source kind, stories, conflicts and reviewers involved."""
        ids = self._filtered_ids(flt).subquery()
        base = sa.select().select_from(claim_table).join(ids, ids.c.id == claim_table.c.id)
        by_status: dict[ClaimStatus, int] = {}
        for status, n in self._conn.execute(
            base.add_columns(claim_table.c.status, sa.func.count()).group_by(claim_table.c.status)
        ):
            by_status[ClaimStatus(status)] = int(n)
        by_kind: dict[SourceKind, int] = {}
        for kind, n in self._conn.execute(
            base.add_columns(claim_table.c.source_kind, sa.func.count()).group_by(
                claim_table.c.source_kind
            )
        ):
            by_kind[SourceKind(kind)] = int(n)
        stories = self._conn.execute(
            base.add_columns(sa.func.count(sa.distinct(claim_table.c.story_id)))
        ).scalar_one()
        in_report = sa.select(ids.c.id)
        conflicts = self._conn.execute(
            sa.select(sa.func.count())
            .select_from(match_table)
            .where(
                match_table.c.kind == MatchKind.CONFLICT,
                match_table.c.state != MatchState.REJECTED,
                sa.or_(
                    match_table.c.claim_a_id.in_(in_report),
                    match_table.c.claim_b_id.in_(in_report),
                ),
            )
        ).scalar_one()
        reviewers = self._conn.execute(
            sa.select(sa.func.count(sa.distinct(audit_table.c.reviewer))).where(
                audit_table.c.claim_id.in_(in_report)
            )
        ).scalar_one()
        return ReportSummary(
            claims=sum(by_status.values()),
            stories=int(stories),
            by_status=by_status,
            by_source_kind=by_kind,
            conflicts=int(conflicts),
            reviewers=int(reviewers),
        )

    def claims(
        self,
        flt: ClaimFilter,
        *,
        batch: int | None = None,
        matches: bool = True,
        events: bool = True,
    ) -> Iterator[list[ReportClaim]]:
        """The claims the filter keeps, story by story, in batches of at most ``batch``.

        (``batch`` defaults to :data:`BATCH_SIZE`.)

        Claims come ordered by story then by id (the order they were read in), through one
        streaming cursor; each batch brings its matches in other stories and, when asked,
        its audit events. ``set_by``/``set_at`` are always filled from the audit log.
        """
        batch = batch or BATCH_SIZE
        query: sa.Select[Any] = (
            sa.select(*_CLAIM_COLUMNS)
            .select_from(claim_table)
            .join(story_table, story_table.c.id == claim_table.c.story_id)
            .outerjoin(source_table, source_table.c.id == claim_table.c.source_id)
        )
        query = _apply_filter(self._store, query, flt)
        query = query.order_by(claim_table.c.story_id, claim_table.c.id)
        result = self._conn.execution_options(stream_results=True, yield_per=batch).execute(query)
        story: ReportStory | None = None
        try:
            for rows in result.partitions(batch):
                claims: list[tuple[ClaimRow, ReportStory]] = []
                for r in rows:
                    if story is None or story.id != r[1]:
                        story = _report_story(r)
                    claims.append((_report_row(r, story), story))
                ids = [c.id for c, _ in claims]
                trail = self._events(ids)
                found = self._matches(ids) if matches else {}
                out: list[ReportClaim] = []
                for claim, story in claims:
                    claim_events = trail.get(claim.id, [])
                    setter = _status_setter(claim_events)
                    out.append(
                        ReportClaim(
                            claim=claim,
                            story=story,
                            set_by=setter.reviewer if setter else None,
                            set_at=setter.at if setter else None,
                            matches=found.get(claim.id, []),
                            events=claim_events if events else [],
                        )
                    )
                yield out
        finally:
            result.close()

    def _events(self, ids: Sequence[int]) -> dict[int, list[AuditEntry]]:
        trail: dict[int, list[AuditEntry]] = {}
        wanted = set(ids)
        rows = self._conn.execute(
            sa.select(
                audit_table.c.id,
                audit_table.c.claim_id,
                audit_table.c.action,
                _plain(audit_table.c.old_status),
                _plain(audit_table.c.new_status),
                audit_table.c.old_note,
                audit_table.c.new_note,
                audit_table.c.reviewer,
                _plain(audit_table.c.at),
                audit_table.c.claim_version,
                audit_table.c.undoes_id,
            )
            .where(_id_condition(audit_table.c.claim_id, ids))
            .order_by(audit_table.c.claim_id, audit_table.c.id)
        )
        for r in rows:
            if r[1] not in wanted:
                continue
            entry = AuditEntry(
                id=r[0],
                claim_id=r[1],
                action=r[2],
                old_status=_STATUSES[_enum_value(r[3])] if r[3] else None,
                new_status=_STATUSES[_enum_value(r[4])] if r[4] else None,
                old_note=r[5],
                new_note=r[6],
                reviewer=r[7],
                at=_as_utc(r[8]),
                claim_version=r[9],
                undoes_id=r[10],
            )
            trail.setdefault(entry.claim_id, []).append(entry)
        return trail

    def _matches(self, ids: Sequence[int]) -> dict[int, list[ReportMatch]]:
        found: dict[int, list[ReportMatch]] = {}
        wanted = set(ids)
        other_claim, other_story = _OTHER_CLAIM, _OTHER_STORY
        # One query per side of the pair, so each can use its own index.
        for mine, theirs in (
            (match_table.c.claim_a_id, match_table.c.claim_b_id),
            (match_table.c.claim_b_id, match_table.c.claim_a_id),
        ):
            query = (
                sa.select(
                    mine,
                    match_table.c.id,
                    theirs,
                    match_table.c.kind,
                    match_table.c.state,
                    match_table.c.score,
                    other_claim.c.text,
                    _plain(other_claim.c.status),
                    other_claim.c.status_note,
                    other_story.c.id,
                    other_story.c.title,
                    other_story.c.outlet,
                    other_story.c.url,
                    _plain(other_story.c.published),
                )
                .select_from(match_table)
                .join(other_claim, other_claim.c.id == theirs)
                .join(other_story, other_story.c.id == other_claim.c.story_id)
                .where(_id_condition(mine, ids), match_table.c.state != MatchState.REJECTED)
            )
            for r in self._conn.execute(query):
                if r[0] not in wanted:
                    continue
                found.setdefault(r[0], []).append(
                    ReportMatch(
                        match_id=r[1],
                        claim_id=r[2],
                        kind=MatchKind(r[3]),
                        state=MatchState(r[4]),
                        score=float(r[5]),
                        text=r[6],
                        status=_STATUSES[_enum_value(r[7])],
                        status_note=r[8],
                        story_id=r[9],
                        story_title=r[10],
                        outlet=r[11],
                        url=r[12],
                        published=_as_date(r[13]),
                    )
                )
        for matches in found.values():
            # Strongest first; ties broken by the other claim's id so reports are stable.
            matches.sort(key=lambda m: (-m.score, m.claim_id))
        return found


def _status_setter(events: Sequence[AuditEntry]) -> AuditEntry | None:
    # The latest event that decided the status: the extractor's reading, a reviewer's
    # status (even the same one again, with a new note), or an undo that changed it. An
    # undo of a note alone did not decide anything about the status.
    for event in reversed(events):
        if event.action not in STATUS_ACTIONS or event.new_status is None:
            continue
        if event.action == "undo" and event.old_status == event.new_status:
            continue
        return event
    return None


@contextmanager
def report_snapshot(store: Store) -> Iterator[ReportSnapshot]:
    """One read transaction for a whole report, so every figure describes the same moment.

    On PostgreSQL the transaction runs at REPEATABLE READ; SQLite's read transaction is a
    snapshot already (WAL lets reviewers keep writing meanwhile).
    """
    if store.dialect == "postgresql":
        with store.engine.connect() as conn:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield ReportSnapshot(store, conn)
        return
    with store.read() as conn:
        yield ReportSnapshot(store, conn)
