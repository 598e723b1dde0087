"""Schema revision of claim embeddings: an existing newsroom upgrades with nothing lost."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory

from tests.encoders import HashingEncoder
from tracker import db
from tracker.store import Store, embeddings, matches

REVISION = "0003"
TABLES = ("story", "source", "claim", "match", "alias", "audit_event")


def _previous() -> str:
    script = ScriptDirectory.from_config(db.alembic_config())
    down = script.get_revision(REVISION).down_revision
    assert isinstance(down, str)
    return down


def _fill(conn: sa.Connection) -> None:
    at = datetime(2024, 12, 10, 9, 30)
    conn.execute(
        sa.text(
            "INSERT INTO story (id, title, outlet, url, body, content_hash, ingested_at) VALUES "
            "(1, 'Qatar talks', 'Reuters', 'https://example.org/1', 'Qatar spoke with HTS.', "
            "'h1', :at), (2, 'Doha', 'Gulf Ledger', NULL, 'Doha met the rebels.', 'h2', :at)"
        ),
        {"at": at},
    )
    conn.execute(
        sa.text(
            "INSERT INTO source (id, story_id, name, kind) VALUES "
            "(1, 1, 'an official', 'anonymous'), (2, 2, 'Ana Ruiz', 'named')"
        )
    )
    claim = (
        "INSERT INTO claim (id, story_id, source_id, position, text, sentence, source_kind, "
        "cue, quote, confidence, status, status_note, cluster_id, version, updated_at, "
        "updated_by) VALUES (:id, :story, :source, 0, :text, :text, 'anonymous', 'said', "
        "'indirect', 0.8, :status, :note, :cluster, :version, :at, :by)"
    )
    conn.execute(
        sa.text(claim),
        [
            dict(
                id=1,
                story=1,
                source=1,
                text="Qatar spoke with HTS on Monday",
                status="confirmed",
                note="ministry confirmed",
                cluster=1,
                version=2,
                at=at,
                by="ana",
            ),
            dict(
                id=2,
                story=2,
                source=2,
                text="Doha held talks with the rebel group",
                status="no_response",
                note="did not respond",
                cluster=1,
                version=1,
                at=at,
                by=None,
            ),
            dict(
                id=3,
                story=2,
                source=2,
                text="Assad fled to Russia",
                status="pending",
                note=None,
                cluster=None,
                version=1,
                at=at,
                by=None,
            ),
        ],
    )
    conn.execute(
        sa.text(
            "INSERT INTO match (id, claim_a_id, claim_b_id, kind, state, score, explanation, "
            "created_at, decided_by, decided_at) VALUES "
            "(7, 1, 2, 'same', 'accepted', 71.5, '{\"summary\": \"HTS/rebels\"}', :at, 'ana', :at),"
            "(8, 1, 3, 'conflict', 'rejected', 48.0, NULL, :at, 'bo', :at)"
        ),
        {"at": at},
    )
    conn.execute(sa.text("INSERT INTO alias (id, alias, canonical) VALUES (1, 'HTS', 'Hayat')"))
    conn.execute(
        sa.text(
            "INSERT INTO audit_event (id, claim_id, action, old_status, new_status, old_note, "
            "new_note, reviewer, at, claim_version) VALUES "
            "(1, 1, 'extract', NULL, 'pending', NULL, NULL, 'extractor', :at, 1),"
            "(2, 1, 'status', 'pending', 'confirmed', NULL, 'ministry confirmed', 'ana', :at, 2),"
            "(3, 2, 'extract', NULL, 'no_response', NULL, 'did not respond', 'extractor', :at, 1),"
            "(4, 1, 'match', 'confirmed', 'confirmed', NULL, 'accepted match 7', 'ana', :at, 2)"
        ),
        {"at": at},
    )


def _snapshot(conn: sa.Connection) -> dict[str, list[tuple]]:
    return {
        t: [tuple(r) for r in conn.execute(sa.text(f"SELECT * FROM {t} ORDER BY 1"))]
        for t in TABLES
    }


def test_upgrade_keeps_claims_statuses_matches_and_audit(db_url: str) -> None:
    engine = sa.create_engine(db_url)
    with engine.begin() as conn:
        command.upgrade(db.alembic_config(conn), _previous())
    with engine.begin() as conn:
        _fill(conn)
    with engine.connect() as conn:
        before = _snapshot(conn)
    engine.dispose()
    assert all(before[t] for t in TABLES)

    store = Store.open(db_url)  # upgrades to head
    try:
        with store.read() as conn:
            assert db.current_revision(store.engine) == db.head_revision()
            after = _snapshot(conn)
            assert conn.execute(sa.text("SELECT count(*) FROM claim_embedding")).scalar() == 0
        for table in TABLES:
            # every row kept, every column it had kept (later revisions may add columns)
            assert [r[: len(before[table][0])] for r in after[table]] == before[table], table
        # the upgraded newsroom works: vectors for the old claims, decisions still decided
        enc = HashingEncoder()
        assert embeddings.embed_claims(store, enc) == 3
        run = matches.match_claims(store, rebuild=True)
        assert run.kept_decisions >= 1
        kept = {
            m.match_id: m.state.value
            for m in matches.claim_matches(store, claim_id=1, include_rejected=True)
        }
        assert kept[7] == "accepted" and kept[8] == "rejected"
    finally:
        store.close()
