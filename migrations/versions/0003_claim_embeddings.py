"""Claim embeddings: one sentence vector per claim, int8, with the model that made it.

The vectors back semantic matching (``tracker similar``, the matching run). Each is
stored as ``dim`` signed bytes scaled so that its largest component is 127: only the
direction matters for cosine similarity. The approximate nearest-neighbour index is
kept beside the database and rebuilt from this table; nothing else depends on it, so
upgrading adds the empty table and existing claims get vectors from
``tracker match --rebuild`` (or the next ingest's matching run).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('claim_embedding',
    sa.Column('claim_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('model_id', sa.String(length=80), nullable=False),
    sa.Column('dim', sa.Integer(), nullable=False),
    sa.Column('vector', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], name=op.f('fk_claim_embedding_claim_id_claim'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('claim_id', name=op.f('pk_claim_embedding'))
    )
    with op.batch_alter_table('claim_embedding', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_embedding_model_id'), ['model_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('claim_embedding', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_embedding_model_id'))
    op.drop_table('claim_embedding')
