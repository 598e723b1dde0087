"""Corrections, exact decisions and story revisions.

- ``claim.state``: ``active``, ``dismissed`` (not a claim, says a reviewer), ``superseded``
  (an older version of its story) or ``dropped`` (reviewed in an older version, its text
  gone from the newest: listed and flagged until handled). One index on (state, status)
  serves lists and counts that leave the hidden states out.
- ``claim.decided_by`` / ``claim.decided_at``: who set the current status (``extractor``
  or a reviewer) and when; NULL while nobody decided (pending as extracted).
- ``claim.added_by``: the reviewer who added a claim the extractor missed.
- ``story.version``: 1 for the first text at a URL, one more per revision.
- ``audit_event.changes`` / ``audit_event.detail``: a correction's fields as ``[old, new]``,
  and its context (the claim a carried-over decision came from, the revision).

Existing rows are filled in: decided_by/decided_at from the audit log (the latest extract
or status event no undo took back), versions by walking each story's revisions,
and claims of stories that have a newer revision become superseded, or dropped when a
person had reviewed them (so no reviewed claim disappears from the lists).

On SQLite every column is added with ``ALTER TABLE ... ADD COLUMN``: rebuilding the claim
table would drop its full-text triggers and cascade into matches, and the audit log's
triggers refuse the copy a rebuild makes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATES = ("active", "dismissed", "superseded", "dropped")
EXTRACTOR = "extractor"


def upgrade() -> None:
    with op.batch_alter_table("story", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.add_column(sa.Column("decided_by", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("decided_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "state",
                sa.Enum(*STATES, name="claimstate", native_enum=False, length=16),
                server_default="active",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("added_by", sa.String(), nullable=True))
        batch_op.create_index("ix_claim_state_status", ["state", "status"], unique=False)
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("changes", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("detail", sa.JSON(), nullable=True))
    _backfill()


def _backfill() -> None:
    bind = op.get_bind()
    story = sa.table(
        "story",
        sa.column("id", sa.Integer),
        sa.column("revision_of", sa.Integer),
        sa.column("version", sa.Integer),
    )
    claim = sa.table(
        "claim",
        sa.column("id", sa.Integer),
        sa.column("story_id", sa.Integer),
        sa.column("state", sa.String),
        sa.column("decided_by", sa.String),
        sa.column("decided_at", sa.DateTime),
        sa.column("updated_by", sa.String),
    )
    audit = sa.table(
        "audit_event",
        sa.column("id", sa.Integer),
        sa.column("claim_id", sa.Integer),
        sa.column("action", sa.String),
        sa.column("old_status", sa.String),
        sa.column("new_status", sa.String),
        sa.column("reviewer", sa.String),
        sa.column("at", sa.DateTime),
        sa.column("undoes_id", sa.Integer),
    )
    undo = audit.alias("undo")

    # Versions: revisions are few; walk each chain from its first text.
    parents = bind.execute(sa.select(story.c.id, story.c.revision_of).order_by(story.c.id)).all()
    versions: dict[int, int] = {}
    for story_id, parent in parents:
        versions[story_id] = versions.get(parent, 0) + 1 if parent is not None else 1
        if versions[story_id] > 1:
            bind.execute(
                sa.update(story).where(story.c.id == story_id).values(version=versions[story_id])
            )

    # Who decided each claim's status: the latest extract or status event still in force,
    # as undo_last walks back. An undo decides nothing itself: it takes its event out, and
    # the decision before it stands again (the extractor's, or nobody's: NULL).
    # An undo may also point at a note; that leaves every status event in force.
    undone = sa.select(undo.c.undoes_id).where(
        undo.c.action == "undo", undo.c.undoes_id.is_not(None)
    )
    deciding = sa.and_(
        audit.c.claim_id == claim.c.id,
        audit.c.new_status.is_not(None),
        audit.c.action.in_(("extract", "status")),
        audit.c.id.not_in(undone),
    )

    def latest(column: sa.ColumnElement) -> sa.ScalarSelect:
        return (
            sa.select(column)
            .where(deciding)
            .order_by(audit.c.id.desc())
            .limit(1)
            .correlate(claim)
            .scalar_subquery()
        )

    bind.execute(
        sa.update(claim)
        .where(claim.c.id.in_(sa.select(audit.c.claim_id)))
        .values(decided_by=latest(audit.c.reviewer), decided_at=latest(audit.c.at))
    )

    # Claims of an older version: superseded, or dropped (still listed) if a person had
    # reviewed them, since nothing carried their review into the newer text.
    newer = sa.select(story.c.revision_of).where(story.c.revision_of.is_not(None))
    # Reviewed: changed by someone other than the extractor (the rule revisions use).
    bind.execute(
        sa.update(claim)
        .where(
            claim.c.story_id.in_(newer),
            sa.func.coalesce(claim.c.updated_by, EXTRACTOR) != EXTRACTOR,
        )
        .values(state="dropped")
    )
    bind.execute(
        sa.update(claim)
        .where(claim.c.story_id.in_(newer), claim.c.state == "active")
        .values(state="superseded")
    )


def downgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_index("ix_claim_state_status")
    drops = {
        "audit_event": ("detail", "changes"),
        "claim": ("added_by", "state", "decided_at", "decided_by"),
        "story": ("version",),
    }
    for table, columns in drops.items():
        for column in columns:
            if bind.dialect.name == "sqlite":
                # Native DROP COLUMN (SQLite 3.35+): no rebuild, triggers and rows stay.
                op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
            else:
                op.drop_column(table, column)
