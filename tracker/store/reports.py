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
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from tracker.models import audit_table, claim_table, match_table, source_table, story_table
from tracker.store.claims import AuditEntry, ClaimFilter, ClaimRow, _apply_filter, _entry, _row
from tracker.store.claims import _row_select as _claim_select
from tracker.store.core import Store
from tracker.vocab import ClaimStatus, MatchKind, MatchState, SourceKind

BATCH_SIZE = 500
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


_STORY_COLUMNS = (
    story_table.c.url,
    story_table.c.byline,
    story_table.c.revision_of,
)
_FIRST_STORY_COLUMN = 25  # the columns of ``claims._row_select`` come first


def _story(r: Any) -> ReportStory:
    return ReportStory(
        id=r[1],
        title=r[2],
        outlet=r[3],
        url=r[_FIRST_STORY_COLUMN],
        published=r[4],
        byline=r[_FIRST_STORY_COLUMN + 1],
        revision_of=r[_FIRST_STORY_COLUMN + 2],
    )


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
        batch: int = BATCH_SIZE,
        matches: bool = True,
        events: bool = True,
    ) -> Iterator[list[ReportClaim]]:
        """The claims the filter keeps, story by story, in batches of at most ``batch``.

        Claims come ordered by story then by id (the order they were read in), through one
        streaming cursor; each batch brings its matches in other stories and, when asked,
        its audit events. ``set_by``/``set_at`` are always filled from the audit log.
        """
        query = _apply_filter(self._store, _claim_select().add_columns(*_STORY_COLUMNS), flt)
        query = query.order_by(claim_table.c.story_id, claim_table.c.id)
        result = self._conn.execution_options(stream_results=True, yield_per=batch).execute(query)
        try:
            for rows in result.partitions(batch):
                claims = [(_row(r), _story(r)) for r in rows]
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
        rows = self._conn.execute(
            sa.select(audit_table)
            .where(audit_table.c.claim_id.in_(ids))
            .order_by(audit_table.c.claim_id, audit_table.c.id)
        )
        for r in rows:
            entry = _entry(r)
            trail.setdefault(entry.claim_id, []).append(entry)
        return trail

    def _matches(self, ids: Sequence[int]) -> dict[int, list[ReportMatch]]:
        found: dict[int, list[ReportMatch]] = {}
        other_claim = claim_table.alias("other_claim")
        other_story = story_table.alias("other_story")
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
                    other_claim.c.status,
                    other_claim.c.status_note,
                    other_story.c.id,
                    other_story.c.title,
                    other_story.c.outlet,
                    other_story.c.url,
                    other_story.c.published,
                )
                .select_from(match_table)
                .join(other_claim, other_claim.c.id == theirs)
                .join(other_story, other_story.c.id == other_claim.c.story_id)
                .where(mine.in_(ids), match_table.c.state != MatchState.REJECTED)
            )
            for r in self._conn.execute(query):
                found.setdefault(r[0], []).append(
                    ReportMatch(
                        match_id=r[1],
                        claim_id=r[2],
                        kind=MatchKind(r[3]),
                        state=MatchState(r[4]),
                        score=float(r[5]),
                        text=r[6],
                        status=ClaimStatus(r[7]),
                        status_note=r[8],
                        story_id=r[9],
                        story_title=r[10],
                        outlet=r[11],
                        url=r[12],
                        published=r[13],
                    )
                )
        for matches in found.values():
            # Strongest first; ties broken by the other claim's id so reports are stable.
            matches.sort(key=lambda m: (-m.score, m.claim_id))
        return found


def _status_setter(events: Sequence[AuditEntry]) -> AuditEntry | None:
    for event in reversed(events):
        if event.action in STATUS_ACTIONS and event.new_status is not None:
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
