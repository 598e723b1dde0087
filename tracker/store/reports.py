"""What audit reports read: one consistent snapshot, streamed in batches.

A report must be exact: its summary and its claim-by-claim body describe the same
moment, even when reviewers keep working while a million claims are written out. So
everything a report reads happens inside one read transaction (a snapshot), and the
claims come through one streaming cursor, a batch at a time, with the matches and audit
events of each batch fetched by claim id. Memory stays flat however large the database.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Collection, Generator, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from tracker.models import audit_table, claim_table, match_table, source_table, story_table
from tracker.store.audit import EXTRACTOR
from tracker.store.claims import AuditEntry, ClaimFilter, ClaimRow, apply_filter, read_segments
from tracker.store.core import Store
from tracker.vocab import (
    AttributionKind,
    ClaimState,
    ClaimStatus,
    MatchKind,
    MatchState,
    SourceKind,
)

BATCH_SIZE = 1000


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

    ``set_by``/``set_at`` say who gave the claim its current status and when: the
    extractor (from the story's wording) or a reviewer; a carried-over decision keeps its
    reviewer. None while nobody decided (pending as extracted, or a decision undone).
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
    by_kind: dict[AttributionKind, int] = field(default_factory=dict)

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
    # Enums are stored as their value strings on every dialect (no native enum types).
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
    _plain(claim_table.c.kind),
    _plain(claim_table.c.segments),
    claim_table.c.decided_by,
    _plain(claim_table.c.decided_at),
    _plain(claim_table.c.state),
    claim_table.c.added_by,
)

_OTHER_CLAIM = claim_table.alias("other_claim")
_OTHER_STORY = story_table.alias("other_story")
_STATUSES = {s.value: s for s in ClaimStatus}
_MATCH_KINDS = {k.value: k for k in MatchKind}
_MATCH_STATES = {m.value: m for m in MatchState}
_KINDS = {k.value: k for k in SourceKind}
_ATTRIBUTIONS = {k.value: k for k in AttributionKind}
_STATES = {s.value: s for s in ClaimState}


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@functools.lru_cache(maxsize=4096)
def _utc_text(value: str) -> datetime:
    # SQLite's naive UTC text ("2024-12-09 08:02:00.000000"), read as UTC at once. Cached:
    # the claims of a story share the moment they were stored, until someone reviews them.
    return datetime.fromisoformat(value + "+00:00")


def _as_utc(value: Any) -> datetime:
    if type(value) is str and len(value) <= 26:
        return _utc_text(value)
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _report_row(r: Sequence[Any], story: ReportStory) -> ClaimRow:
    # Positional, in ClaimRow's field order: this runs once per claim of the report.
    content = (r[11], r[12]) if r[11] is not None and r[12] is not None else None
    return ClaimRow(
        r[0],  # id
        r[1],  # story_id
        story.title,
        story.outlet,
        story.published,
        r[2],  # position
        r[3],  # text
        r[4],  # sentence
        r[5],  # source
        _KINDS[r[6]],
        r[7],  # cue
        r[8],  # quote
        _STATUSES[r[9]],
        r[10],  # status_note
        content,
        (r[13], r[14]) if r[13] is not None and r[14] is not None else None,
        (r[15], r[16]) if r[15] is not None and r[16] is not None else None,
        r[17],  # confidence
        r[18],  # version
        r[19],  # cluster_id
        _as_utc(r[20]),
        r[21],  # updated_by
        _ATTRIBUTIONS[r[28]],
        read_segments(r[29], content),
        r[30],  # decided_by
        _as_utc(r[31]) if r[31] is not None else None,
        _STATES[r[32]],
        r[33],  # added_by
    )


# ClaimFilter fields that filter on the claim's own columns. A filter that uses only these
# needs no join to stories and sources; any other field (or one added later) does.
_CLAIM_ONLY_FIELDS = frozenset(
    {"statuses", "story_id", "source_kinds", "kinds", "include_dismissed", "include_superseded"}
)


def _claim_columns_only(flt: ClaimFilter) -> bool:
    for f in dataclasses.fields(flt):
        value = getattr(flt, f.name)
        if f.name not in _CLAIM_ONLY_FIELDS and value not in (None, (), "", []):
            return False
    return True


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


class ReportSnapshot:
    """Reads for one report, all inside the same read transaction.

    Obtain one with :func:`report_snapshot`; it is only valid inside that ``with`` block.
    """

    def __init__(self, store: Store, conn: sa.Connection) -> None:
        self._store = store
        self._conn = conn

    def _filtered(self, flt: ClaimFilter, *columns: sa.ColumnElement[Any]) -> sa.Select[Any]:
        query = (
            sa.select(*columns)
            .select_from(claim_table)
            .join(story_table, story_table.c.id == claim_table.c.story_id)
            .outerjoin(source_table, source_table.c.id == claim_table.c.source_id)
        )
        return apply_filter(self._store, query, flt)

    def annotated_stories(self, flt: ClaimFilter) -> Iterator[AnnotatedStory]:
        """The stories a person reviewed, as extraction gold (see :func:`annotated_stories`)."""
        return annotated_stories(self._conn, flt)

    def story_exists(self, story_id: int) -> bool:
        """Whether a story with this id is stored (so a mistyped ``--story`` can be refused)."""
        found = self._conn.execute(
            sa.select(story_table.c.id).where(story_table.c.id == story_id)
        ).first()
        return found is not None

    def summary(self, flt: ClaimFilter) -> ReportSummary:
        """Claims by status, source kind and attribution kind, stories, and conflicts."""
        by_status: dict[ClaimStatus, int] = {}
        by_kind: dict[SourceKind, int] = {}
        by_attribution: dict[AttributionKind, int] = {}
        status, kind = _plain(claim_table.c.status), _plain(claim_table.c.source_kind)
        attribution = _plain(claim_table.c.kind)
        if _claim_columns_only(flt):
            # Each breakdown on its own reads one small index instead of every claim row.
            for s, n in self._conn.execute(
                apply_filter(self._store, sa.select(status, sa.func.count()), flt).group_by(status)
            ):
                by_status[_STATUSES[s]] = int(n)
            for k, n in self._conn.execute(
                apply_filter(self._store, sa.select(kind, sa.func.count()), flt).group_by(kind)
            ):
                by_kind[_KINDS[k]] = int(n)
            for a, n in self._conn.execute(
                apply_filter(self._store, sa.select(attribution, sa.func.count()), flt).group_by(
                    attribution
                )
            ):
                by_attribution[_ATTRIBUTIONS[a]] = int(n)
            stories_query = apply_filter(
                self._store, sa.select(sa.func.count(sa.distinct(claim_table.c.story_id))), flt
            )
        else:
            # One pass over the claims (joined to their stories and sources) for all three.
            for s, k, a, n in self._conn.execute(
                self._filtered(flt, status, kind, attribution, sa.func.count()).group_by(
                    status, kind, attribution
                )
            ):
                by_status[_STATUSES[s]] = by_status.get(_STATUSES[s], 0) + int(n)
                by_kind[_KINDS[k]] = by_kind.get(_KINDS[k], 0) + int(n)
                by_attribution[_ATTRIBUTIONS[a]] = by_attribution.get(_ATTRIBUTIONS[a], 0) + int(n)
            stories_query = self._filtered(flt, sa.func.count(sa.distinct(claim_table.c.story_id)))
        stories = self._conn.execute(stories_query).scalar_one()
        # Conflicts are few: test each one's two claims against the filter, rather than
        # collecting the ids of every claim in the report first.
        sides = [
            sa.exists(self._filtered(flt, claim_table.c.id).where(claim_table.c.id == side))
            for side in (match_table.c.claim_a_id, match_table.c.claim_b_id)
        ]
        conflicts = self._conn.execute(
            sa.select(sa.func.count())
            .select_from(match_table)
            .where(
                match_table.c.kind == MatchKind.CONFLICT,
                match_table.c.state != MatchState.REJECTED,
                sa.or_(*sides),
            )
        ).scalar_one()
        return ReportSummary(
            claims=sum(by_status.values()),
            stories=int(stories),
            by_status=by_status,
            by_source_kind=by_kind,
            conflicts=int(conflicts),
            by_kind=by_attribution,
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

        Claims come ordered by story then by id (the order they were read in), through one
        streaming cursor; each batch brings its matches in other stories and, when asked,
        its audit events. ``set_by``/``set_at`` come from the claim itself, events or not.
        ``batch`` defaults to :data:`BATCH_SIZE`.
        """
        return self._read(flt, batch or BATCH_SIZE, matches=matches, events=events)

    def _read(
        self, flt: ClaimFilter, batch: int, *, matches: bool, events: bool
    ) -> Generator[list[ReportClaim], None, None]:
        columns = _CLAIM_COLUMNS
        query = self._filtered(flt, *columns)
        query = query.order_by(claim_table.c.story_id, claim_table.c.id)
        result = self._conn.execution_options(stream_results=True, yield_per=batch).execute(query)
        story: ReportStory | None = None
        try:
            for rows in result.partitions(batch):
                trail = self._events([r[0] for r in rows]) if events else {}
                out: list[ReportClaim] = []
                by_id: dict[int, ReportClaim] = {}
                for r in rows:
                    if story is None or story.id != r[1]:
                        story = _report_story(r)
                    claim_events = trail.get(r[0], [])
                    # Who decided the status is kept on the claim (see claims.set_status).
                    set_by = r[30]
                    set_at = _as_utc(r[31]) if r[31] is not None else None
                    item = ReportClaim(
                        _report_row(r, story),
                        story,
                        set_by,
                        set_at,
                        [],  # matches, filled below
                        claim_events,
                    )
                    out.append(item)
                    by_id[r[0]] = item
                if matches:
                    for claim_id, found in self._matches(by_id.keys()).items():
                        by_id[claim_id].matches.extend(found)
                yield out
        finally:
            result.close()

    def _events(self, ids: Collection[int]) -> dict[int, list[AuditEntry]]:
        trail: dict[int, list[AuditEntry]] = {}
        wanted = set(ids)
        for r in self._conn.execute(*_by_ids(_EVENTS_IN_RANGE, _EVENTS_IN_LIST, ids)).all():
            if r[1] not in wanted:
                continue
            entry = AuditEntry(
                r[0],  # id
                r[1],  # claim_id
                r[2],  # action
                _STATUSES[r[3]] if r[3] else None,
                _STATUSES[r[4]] if r[4] else None,
                r[5],  # old_note
                r[6],  # new_note
                r[7],  # reviewer
                _as_utc(r[8]),
                r[9],  # claim_version
                r[10],  # undoes_id
                r[11],  # changes
                r[12],  # detail
            )
            trail.setdefault(entry.claim_id, []).append(entry)
        return trail

    def _matches(self, ids: Collection[int]) -> dict[int, list[ReportMatch]]:
        found: dict[int, list[ReportMatch]] = {}
        wanted = set(ids)
        for r in self._conn.execute(*_by_ids(_MATCHES_IN_RANGE, _MATCHES_IN_LIST, ids)).all():
            if r[0] not in wanted:
                continue
            found.setdefault(r[0], []).append(
                ReportMatch(
                    r[1],  # match_id
                    r[2],  # the other claim
                    _MATCH_KINDS[r[3]],
                    _MATCH_STATES[r[4]],
                    float(r[5]),
                    r[6],  # text
                    _STATUSES[r[7]],
                    r[8],  # status_note
                    r[9],  # story id
                    r[10],  # title
                    r[11],  # outlet
                    r[12],  # url
                    _as_date(r[13]),
                )
            )
        for matches in found.values():
            # Strongest first; ties broken by the other claim's id so reports are stable.
            matches.sort(key=lambda m: (-m.score, m.claim_id))
        return found


def _matches_statement(ranged: bool) -> sa.CompoundSelect:
    """Matches of a batch of claims, both sides of the pair in one statement."""
    sides = []
    for mine, theirs in (
        (match_table.c.claim_a_id, match_table.c.claim_b_id),
        (match_table.c.claim_b_id, match_table.c.claim_a_id),
    ):
        sides.append(
            sa.select(
                mine.label("claim_id"),
                match_table.c.id,
                theirs,
                _plain(match_table.c.kind),
                _plain(match_table.c.state),
                match_table.c.score,
                _OTHER_CLAIM.c.text,
                _plain(_OTHER_CLAIM.c.status),
                _OTHER_CLAIM.c.status_note,
                _OTHER_STORY.c.id,
                _OTHER_STORY.c.title,
                _OTHER_STORY.c.outlet,
                _OTHER_STORY.c.url,
                _plain(_OTHER_STORY.c.published),
            )
            .select_from(match_table)
            .join(_OTHER_CLAIM, _OTHER_CLAIM.c.id == theirs)
            .join(_OTHER_STORY, _OTHER_STORY.c.id == _OTHER_CLAIM.c.story_id)
            .where(_ids_condition(mine, ranged), match_table.c.state != MatchState.REJECTED)
        )
    return sa.union_all(*sides)


def _events_statement(ranged: bool) -> sa.Select[Any]:
    """The audit events of a batch of claims, oldest first per claim."""
    return (
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
            audit_table.c.changes,
            audit_table.c.detail,
        )
        .where(_ids_condition(audit_table.c.claim_id, ranged))
        .order_by(audit_table.c.claim_id, audit_table.c.id)
    )


def _ids_condition(column: sa.ColumnElement[Any], ranged: bool) -> sa.ColumnElement[bool]:
    if ranged:
        return column.between(sa.bindparam("low"), sa.bindparam("high"))
    return column.in_(sa.bindparam("ids", expanding=True))


def _by_ids(
    ranged: sa.Executable, listed: sa.Executable, ids: Collection[int]
) -> tuple[sa.Executable, dict[str, Any]]:
    # A batch of a story-ordered export is usually a run of consecutive ids: a range is
    # one cached statement with two parameters, where IN (...) with a thousand values is
    # expanded at every call. Rows outside the batch that a range lets through are
    # dropped by the caller.
    low, high = min(ids), max(ids)
    if high - low < 2 * len(ids):
        return ranged, {"low": low, "high": high}
    return listed, {"ids": list(ids)}


_MATCHES_IN_RANGE = _matches_statement(ranged=True)
_MATCHES_IN_LIST = _matches_statement(ranged=False)
_EVENTS_IN_RANGE = _events_statement(ranged=True)
_EVENTS_IN_LIST = _events_statement(ranged=False)


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


@dataclass(frozen=True, slots=True)
class AnnotatedClaim:
    """A claim of an annotated story as a gold set records it (corrections applied)."""

    id: int
    content_span: tuple[int, int]
    source: str | None
    source_mention: str | None
    source_kind: SourceKind
    cue: str | None
    quote: str
    kind: AttributionKind
    status: ClaimStatus
    status_note: str | None
    source_corrected: bool


@dataclass(frozen=True, slots=True)
class AnnotatedStory:
    """A story the newsroom reviewed: its text and its listed claims, in text order."""

    id: int
    title: str
    outlet: str
    url: str | None
    version: int
    body: str
    claims: list[AnnotatedClaim]


def annotated_stories(conn: sa.Connection, flt: ClaimFilter) -> Iterator[AnnotatedStory]:
    """Current versions of the stories a person reviewed, one at a time, oldest first.

    A story counts as reviewed when a person changed any of its claims (a status, a note,
    a correction, a dismissal, an added claim, or a review carried over from an earlier
    version). Its claims are the listed ones: dismissed claims are left out, claims
    added by hand are in, every correction is applied. ``flt`` may name a story and a
    ``since``; a filter on claims would make the story incomplete, and is the caller's
    to refuse.
    """
    newer = story_table.alias("newer")
    touched = sa.exists().where(
        claim_table.c.story_id == story_table.c.id,
        sa.func.coalesce(claim_table.c.updated_by, EXTRACTOR) != EXTRACTOR,
    )
    query = (
        sa.select(
            story_table.c.id,
            story_table.c.title,
            story_table.c.outlet,
            story_table.c.url,
            story_table.c.version,
            story_table.c.body,
        )
        .where(touched, ~sa.exists().where(newer.c.revision_of == story_table.c.id))
        .order_by(story_table.c.id)
    )
    if flt.story_id is not None:
        query = query.where(story_table.c.id == flt.story_id)
    if isinstance(flt.since, datetime):
        query = query.where(story_table.c.ingested_at >= flt.since)
    elif flt.since is not None:
        query = query.where(story_table.c.published >= flt.since)
    corrected = sa.select(audit_table.c.claim_id).where(
        audit_table.c.action.in_(("edit", "carry_over")),
        sa.cast(audit_table.c.changes, sa.Text).like('%"source":%'),
    )
    for story in conn.execute(query).all():
        rows = conn.execute(
            sa.select(
                claim_table.c.id,
                claim_table.c.content_start,
                claim_table.c.content_end,
                source_table.c.name,
                claim_table.c.source_mention,
                claim_table.c.source_start,
                claim_table.c.source_end,
                claim_table.c.source_kind,
                claim_table.c.cue,
                claim_table.c.quote,
                claim_table.c.kind,
                claim_table.c.status,
                claim_table.c.status_note,
                sa.or_(claim_table.c.id.in_(corrected), claim_table.c.added_by.is_not(None)),
            )
            .outerjoin(source_table, source_table.c.id == claim_table.c.source_id)
            .where(
                claim_table.c.story_id == story.id,
                claim_table.c.state == ClaimState.ACTIVE,
                claim_table.c.content_start.is_not(None),
                claim_table.c.content_end.is_not(None),
            )
            .order_by(claim_table.c.content_start, claim_table.c.id)
        ).all()
        body = story.body
        claims = []
        for r in rows:
            mention = r[4]
            if r[5] is not None and r[6] is not None:
                mention = body[r[5] : r[6]]
            claims.append(
                AnnotatedClaim(
                    id=r[0],
                    content_span=(r[1], r[2]),
                    source=r[3],
                    source_mention=mention,
                    source_kind=SourceKind(r[7]),
                    cue=r[8],
                    quote=str(getattr(r[9], "value", r[9])),
                    kind=AttributionKind(r[10]),
                    status=ClaimStatus(r[11]),
                    status_note=r[12],
                    source_corrected=bool(r[13]),
                )
            )
        yield AnnotatedStory(
            story.id, story.title, story.outlet, story.url, story.version, body, claims
        )
