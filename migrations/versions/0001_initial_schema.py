"""Initial schema: stories, sources, claims, matches, aliases and the audit log.

The audit log is append-only in the database itself (triggers refuse UPDATE and
DELETE), and claims get a full-text index: FTS5 on SQLite, a GIN index over a
tsvector expression on PostgreSQL.

Revision ID: 0001
Revises: 
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('alias',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(), nullable=False),
    sa.Column('canonical', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alias')),
    sa.UniqueConstraint('alias', name=op.f('uq_alias_alias'))
    )
    op.create_table('story',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('outlet', sa.String(), nullable=False),
    sa.Column('url', sa.String(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('byline', sa.String(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('origin', sa.String(), nullable=True),
    sa.Column('revision_of', sa.Integer(), nullable=True),
    sa.Column('ingested_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['revision_of'], ['story.id'], name=op.f('fk_story_revision_of_story')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_story')),
    sa.UniqueConstraint('content_hash', name=op.f('uq_story_content_hash'))
    )
    with op.batch_alter_table('story', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_story_outlet'), ['outlet'], unique=False)
        batch_op.create_index(batch_op.f('ix_story_published'), ['published'], unique=False)
        batch_op.create_index(batch_op.f('ix_story_url'), ['url'], unique=False)

    op.create_table('source',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('story_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('kind', sa.Enum('named', 'anonymous', 'organization', 'document', 'outlet', name='sourcekind', native_enum=False, length=16), nullable=False),
    sa.ForeignKeyConstraint(['story_id'], ['story.id'], name=op.f('fk_source_story_id_story'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source'))
    )
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_source_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_source_story_id'), ['story_id'], unique=False)

    op.create_table('claim',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('story_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('sentence', sa.Text(), nullable=False),
    sa.Column('source_kind', sa.Enum('named', 'anonymous', 'organization', 'document', 'outlet', name='sourcekind', native_enum=False, length=16), nullable=False),
    sa.Column('source_mention', sa.String(), nullable=True),
    sa.Column('cue', sa.String(), nullable=True),
    sa.Column('quote', sa.Enum('direct', 'indirect', 'mixed', 'none', name='quotekind', native_enum=False, length=16), nullable=False),
    sa.Column('content_start', sa.Integer(), nullable=True),
    sa.Column('content_end', sa.Integer(), nullable=True),
    sa.Column('source_start', sa.Integer(), nullable=True),
    sa.Column('source_end', sa.Integer(), nullable=True),
    sa.Column('cue_start', sa.Integer(), nullable=True),
    sa.Column('cue_end', sa.Integer(), nullable=True),
    sa.Column('sentence_start', sa.Integer(), nullable=True),
    sa.Column('sentence_end', sa.Integer(), nullable=True),
    sa.Column('paragraph_start', sa.Integer(), nullable=True),
    sa.Column('paragraph_end', sa.Integer(), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'confirmed', 'disputed', 'false', 'unclear', 'no_response', name='claimstatus', native_enum=False, length=16), nullable=False),
    sa.Column('status_note', sa.Text(), nullable=True),
    sa.Column('cluster_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_claim_source_id_source')),
    sa.ForeignKeyConstraint(['story_id'], ['story.id'], name=op.f('fk_claim_story_id_story'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claim'))
    )
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_source_id'), ['source_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_source_kind'), ['source_kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_story_id'), ['story_id'], unique=False)

    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=24), nullable=False),
    sa.Column('old_status', sa.Enum('pending', 'confirmed', 'disputed', 'false', 'unclear', 'no_response', name='claimstatus', native_enum=False, length=16), nullable=True),
    sa.Column('new_status', sa.Enum('pending', 'confirmed', 'disputed', 'false', 'unclear', 'no_response', name='claimstatus', native_enum=False, length=16), nullable=True),
    sa.Column('old_note', sa.Text(), nullable=True),
    sa.Column('new_note', sa.Text(), nullable=True),
    sa.Column('reviewer', sa.String(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('claim_version', sa.Integer(), nullable=False),
    sa.Column('undoes_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], name=op.f('fk_audit_event_claim_id_claim')),
    sa.ForeignKeyConstraint(['undoes_id'], ['audit_event.id'], name=op.f('fk_audit_event_undoes_id_audit_event')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_claim_id'), ['claim_id'], unique=False)

    op.create_table('match',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_a_id', sa.Integer(), nullable=False),
    sa.Column('claim_b_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('same', 'conflict', name='matchkind', native_enum=False, length=16), nullable=False),
    sa.Column('state', sa.Enum('linked', 'suggested', 'accepted', 'rejected', name='matchstate', native_enum=False, length=16), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('explanation', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('decided_by', sa.String(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['claim_a_id'], ['claim.id'], name=op.f('fk_match_claim_a_id_claim'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['claim_b_id'], ['claim.id'], name=op.f('fk_match_claim_b_id_claim'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_match')),
    sa.UniqueConstraint('claim_a_id', 'claim_b_id', name='uq_match_pair')
    )
    with op.batch_alter_table('match', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_match_claim_a_id'), ['claim_a_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_match_claim_b_id'), ['claim_b_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_match_state'), ['state'], unique=False)



    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _sqlite_extras_up()
    elif bind.dialect.name == "postgresql":
        _postgresql_extras_up()


def _sqlite_extras_up() -> None:
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER audit_event_no_{verb.lower()} BEFORE {verb} ON audit_event "
            "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END"
        )
    op.execute(
        "CREATE VIRTUAL TABLE claim_fts USING fts5("
        "text, source, title, tokenize = 'unicode61 remove_diacritics 2')"
    )
    fill = (
        "INSERT INTO claim_fts(rowid, text, source, title) VALUES (new.id, new.text, "
        "coalesce((SELECT name FROM source WHERE id = new.source_id), ''), "
        "coalesce((SELECT title FROM story WHERE id = new.story_id), ''))"
    )
    op.execute(f"CREATE TRIGGER claim_fts_insert AFTER INSERT ON claim BEGIN {fill}; END")
    op.execute(
        "CREATE TRIGGER claim_fts_delete AFTER DELETE ON claim "
        "BEGIN DELETE FROM claim_fts WHERE rowid = old.id; END"
    )
    op.execute(
        "CREATE TRIGGER claim_fts_update AFTER UPDATE OF text, source_id ON claim "
        f"BEGIN DELETE FROM claim_fts WHERE rowid = old.id; {fill}; END"
    )


def _postgresql_extras_up() -> None:
    op.execute(
        "CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION 'audit_event is append-only'; END $$"
    )
    op.execute(
        "CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event "
        "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()"
    )
    op.execute(
        "CREATE INDEX claim_fts_text ON claim USING gin (to_tsvector('simple', text))"
    )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("claim_fts_insert", "claim_fts_delete", "claim_fts_update",
                     "audit_event_no_update", "audit_event_no_delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS claim_fts")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS claim_fts_text")
        op.execute("DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event")
        op.execute("DROP FUNCTION IF EXISTS audit_event_append_only()")
    with op.batch_alter_table('match', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_match_state'))
        batch_op.drop_index(batch_op.f('ix_match_claim_b_id'))
        batch_op.drop_index(batch_op.f('ix_match_claim_a_id'))

    op.drop_table('match')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_claim_id'))
        batch_op.drop_index(batch_op.f('ix_audit_event_at'))

    op.drop_table('audit_event')
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_story_id'))
        batch_op.drop_index(batch_op.f('ix_claim_status'))
        batch_op.drop_index(batch_op.f('ix_claim_source_kind'))
        batch_op.drop_index(batch_op.f('ix_claim_source_id'))
        batch_op.drop_index(batch_op.f('ix_claim_cluster_id'))

    op.drop_table('claim')
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_source_story_id'))
        batch_op.drop_index(batch_op.f('ix_source_kind'))

    op.drop_table('source')
    with op.batch_alter_table('story', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_story_url'))
        batch_op.drop_index(batch_op.f('ix_story_published'))
        batch_op.drop_index(batch_op.f('ix_story_outlet'))

    op.drop_table('story')
    op.drop_table('alias')
