"""Database tables.

The schema is owned by the Alembic migrations in ``migrations/``; these models
describe it for the ORM and for autogenerate, and a test checks the two agree.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tracker.vocab import (
    AttributionKind,
    ClaimState,
    ClaimStatus,
    MatchKind,
    MatchState,
    QuoteKind,
    SourceKind,
)

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Now, in UTC, without microseconds noise in reports."""
    return datetime.now(UTC).replace(microsecond=0)


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """A timestamp stored naive in UTC and always read back as aware UTC."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def enum_column(enum: type[StrEnum], **kwargs: Any) -> Any:
    """A portable string column for one of our enums (no native PostgreSQL enum types)."""
    return sa.Enum(
        enum,
        native_enum=False,
        create_constraint=False,
        length=16,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
        **kwargs,
    )


class Story(SQLModel, table=True):
    """One article as ingested. A new text at the same URL is a new revision."""

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(default="")
    outlet: str = Field(default="", index=True)
    url: str | None = Field(default=None, index=True)
    published: date | None = Field(default=None, index=True)
    byline: str | None = None
    body: str = Field(sa_type=sa.Text)
    content_hash: str = Field(max_length=64, unique=True)
    origin: str | None = Field(default=None, description="the file it was read from")
    revision_of: int | None = Field(default=None, foreign_key="story.id")
    version: int = Field(
        default=1,
        sa_column_kwargs={"server_default": "1"},
        description="1 for the first text at a URL, then one more for each revision",
    )
    ingested_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Source(SQLModel, table=True):
    """Who a claim is attributed to, as one story names them."""

    id: int | None = Field(default=None, primary_key=True)
    story_id: int = Field(foreign_key="story.id", index=True, ondelete="CASCADE")
    name: str
    kind: SourceKind = Field(sa_type=enum_column(SourceKind), index=True)


class Claim(SQLModel, table=True):
    """One checkable statement in a story, with its attribution and review state."""

    # Lists and counts keep only listed states; this index answers them without the rows.
    __table_args__ = (sa.Index("ix_claim_state_status", "state", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    story_id: int = Field(foreign_key="story.id", index=True, ondelete="CASCADE")
    source_id: int | None = Field(default=None, foreign_key="source.id", index=True)
    position: int = Field(default=0, description="order within the story")
    text: str = Field(sa_type=sa.Text)
    sentence: str = Field(sa_type=sa.Text)
    source_kind: SourceKind = Field(sa_type=enum_column(SourceKind), index=True)
    source_mention: str | None = None
    cue: str | None = None
    quote: QuoteKind = Field(sa_type=enum_column(QuoteKind))
    kind: AttributionKind = Field(
        default=AttributionKind.UNKNOWN,
        sa_type=enum_column(AttributionKind),
        sa_column_kwargs={"server_default": AttributionKind.UNKNOWN.value},
        index=True,
        description="what the cue reports: speech, belief, intention, finding, outlet",
    )
    segments: list[list[int]] | None = Field(
        default=None,
        sa_type=sa.JSON,
        description="the content's [start, end] fragments in order; NULL: the content span",
    )
    content_start: int | None = None
    content_end: int | None = None
    source_start: int | None = None
    source_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None
    paragraph_start: int | None = None
    paragraph_end: int | None = None
    confidence: float = 0.0
    status: ClaimStatus = Field(
        default=ClaimStatus.PENDING, sa_type=enum_column(ClaimStatus), index=True
    )
    status_note: str | None = Field(default=None, sa_type=sa.Text)
    decided_by: str | None = Field(
        default=None, description="who set the status: 'extractor' or a reviewer; None: nobody"
    )
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    state: ClaimState = Field(
        default=ClaimState.ACTIVE,
        sa_type=enum_column(ClaimState),
        sa_column_kwargs={"server_default": ClaimState.ACTIVE.value},
        description="active, dismissed, superseded (older version) or dropped (flagged)",
    )
    added_by: str | None = Field(
        default=None, description="the reviewer who added it by hand; None: the extractor"
    )
    cluster_id: int | None = Field(default=None, index=True)
    version: int = Field(default=1, description="bumped on every change; guards stale writes")
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_by: str | None = None


class Match(SQLModel, table=True):
    """The same claim (or a conflicting one) in two stories; claim_a_id < claim_b_id."""

    __table_args__ = (sa.UniqueConstraint("claim_a_id", "claim_b_id", name="uq_match_pair"),)

    id: int | None = Field(default=None, primary_key=True)
    claim_a_id: int = Field(foreign_key="claim.id", index=True, ondelete="CASCADE")
    claim_b_id: int = Field(foreign_key="claim.id", index=True, ondelete="CASCADE")
    kind: MatchKind = Field(sa_type=enum_column(MatchKind))
    state: MatchState = Field(sa_type=enum_column(MatchState), index=True)
    score: float
    explanation: str | None = Field(default=None, sa_type=sa.Text)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    decided_by: str | None = None
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ClaimEmbedding(SQLModel, table=True):
    """A claim's sentence vector, as int8 (each vector scaled so its largest part is 127).

    Only the direction matters for cosine similarity, so one byte per dimension keeps
    the ranking of the float vectors (see ``tracker.matching.vectors``). ``model_id`` says
    which model made it: vectors of another model are recomputed, never compared.
    """

    __tablename__ = "claim_embedding"

    claim_id: int | None = Field(
        default=None,
        primary_key=True,
        foreign_key="claim.id",
        ondelete="CASCADE",
        sa_column_kwargs={"autoincrement": False},
    )
    model_id: str = Field(max_length=80, index=True)
    dim: int
    vector: bytes = Field(sa_type=sa.LargeBinary)


class Alias(SQLModel, table=True):
    """A short or alternative name learned from the stories ("HTS")."""

    id: int | None = Field(default=None, primary_key=True)
    alias: str = Field(unique=True)
    canonical: str


class AuditEvent(SQLModel, table=True):
    """One entry of the append-only audit log: triggers refuse UPDATE and DELETE."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True)
    action: str = Field(
        max_length=24,
        description="extract, status, note, undo, edit, dismiss, restore, add, carry_over, "
        "supersede",
    )
    old_status: ClaimStatus | None = Field(default=None, sa_type=enum_column(ClaimStatus))
    new_status: ClaimStatus | None = Field(default=None, sa_type=enum_column(ClaimStatus))
    old_note: str | None = Field(default=None, sa_type=sa.Text)
    new_note: str | None = Field(default=None, sa_type=sa.Text)
    reviewer: str
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    claim_version: int = Field(description="the claim's version after this change")
    undoes_id: int | None = Field(default=None, foreign_key="audit_event.id")
    changes: dict[str, Any] | None = Field(
        default=None,
        sa_type=sa.JSON(none_as_null=True),
        description="a correction's fields, each as [old, new]",
    )
    detail: dict[str, Any] | None = Field(
        default=None,
        sa_type=sa.JSON(none_as_null=True),
        description="context: the claim a carried-over decision came from, the revision",
    )


# Core tables, for the store's bulk statements and typed column access.
story_table: sa.Table = SQLModel.metadata.tables["story"]
source_table: sa.Table = SQLModel.metadata.tables["source"]
claim_table: sa.Table = SQLModel.metadata.tables["claim"]
match_table: sa.Table = SQLModel.metadata.tables["match"]
alias_table: sa.Table = SQLModel.metadata.tables["alias"]
embedding_table: sa.Table = SQLModel.metadata.tables["claim_embedding"]
audit_table: sa.Table = SQLModel.metadata.tables["audit_event"]
