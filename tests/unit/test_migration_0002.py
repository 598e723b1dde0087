"""Revision 0002 (claim kind and segments) upgrades a filled 0001 database without loss."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from typer.testing import CliRunner

from tracker import db
from tracker.cli import app
from tracker.store import ClaimFilter, Store, claim_detail, count_claims, list_claims
from tracker.vocab import AttributionKind

BODY = "The minister said the port reopens on Friday. Readers were told nothing else."

# (cue, source kind, content span) -> the kind the backfill must derive.
CLAIMS: list[tuple[str | None, str, tuple[int, int] | None, str]] = [
    ("said", "named", (18, 45), "speech"),
    ("told reporters", "named", (0, 10), "speech"),
    ("According to", "document", (4, 12), "speech"),
    ("has denied", "organization", (5, 9), "speech"),
    ("believes", "named", (1, 2), "belief"),
    ("thought", "anonymous", (3, 7), "belief"),
    ("fears", "organization", (2, 30), "belief"),
    ("wants", "named", (0, 4), "belief"),
    ("plans", "organization", (8, 20), "intention"),
    ("vowed", "named", (9, 21), "intention"),
    ("pledging", "named", (10, 22), "intention"),
    ("showed", "document", (11, 23), "finding"),
    ("found", "document", (12, 24), "finding"),
    ("suggests", "document", (13, 25), "finding"),
    (None, "outlet", (46, 78), "outlet"),
    (None, "anonymous", (0, 5), "unknown"),
    ("embraced", "named", (6, 9), "unknown"),
    ("said", "named", None, "speech"),
]


def _tables() -> dict[str, sa.TableClause]:
    """The 0001 tables as plain Core tables (not the models: they describe the head)."""
    cols = {
        "story": "id title outlet url body content_hash ingested_at",
        "source": "id story_id name kind",
        "claim": "id story_id source_id position text sentence source_kind source_mention cue "
        "quote content_start content_end source_start source_end confidence status "
        "status_note cluster_id version updated_at updated_by",
        "match": "id claim_a_id claim_b_id kind state score explanation created_at "
        "decided_by decided_at",
        "audit_event": "id claim_id action old_status new_status old_note new_note reviewer "
        "at claim_version undoes_id",
        "alias": "id alias canonical",
    }
    return {
        name: sa.table(name, *(sa.column(c) for c in spec.split())) for name, spec in cols.items()
    }


def _fill_0001(conn: sa.Connection) -> None:
    t = _tables()
    now = datetime(2026, 11, 30, 12, 0, 0)
    conn.execute(
        sa.insert(t["story"]),
        [
            {
                "id": i,
                "title": f"Story {i}",
                "outlet": "Wire",
                "url": f"https://example.org/{i}",
                "body": BODY,
                "content_hash": f"{i:064d}",
                "ingested_at": now,
            }
            for i in (1, 2)
        ],
    )
    conn.execute(
        sa.insert(t["source"]),
        [
            {"id": i + 1, "story_id": 1 + i % 2, "name": f"Source {i}", "kind": c[1]}
            for i, c in enumerate(CLAIMS)
        ],
    )
    conn.execute(
        sa.insert(t["claim"]),
        [
            {
                "id": i + 1,
                "story_id": 1 + i % 2,
                "source_id": i + 1,
                "position": i,
                "text": f"claim {i} about the harbour",
                "sentence": BODY,
                "source_kind": source_kind,
                "source_mention": None,
                "cue": cue,
                "quote": "indirect" if cue else "none",
                "content_start": span[0] if span else None,
                "content_end": span[1] if span else None,
                "source_start": 0,
                "source_end": 3,
                "confidence": 0.5,
                "status": "confirmed" if i % 3 == 0 else "pending",
                "status_note": f"note {i}" if i % 3 == 0 else None,
                "cluster_id": None,
                "version": 2 if i % 3 == 0 else 1,
                "updated_at": now,
                "updated_by": "ana",
            }
            for i, (cue, source_kind, span, _kind) in enumerate(CLAIMS)
        ],
    )
    conn.execute(
        sa.insert(t["audit_event"]),
        [
            {
                "id": i + 1,
                "claim_id": i + 1,
                "action": "status",
                "old_status": "pending",
                "new_status": "confirmed",
                "old_note": None,
                "new_note": f"note {i}",
                "reviewer": "ana",
                "at": now,
                "claim_version": 2,
                "undoes_id": None,
            }
            for i in range(0, len(CLAIMS), 3)
        ],
    )
    conn.execute(
        sa.insert(t["match"]),
        [
            {
                "id": 1,
                "claim_a_id": 1,
                "claim_b_id": 2,
                "kind": "same",
                "state": "linked",
                "score": 0.9,
                "explanation": "same port",
                "created_at": now,
                "decided_by": None,
                "decided_at": None,
            },
            {
                "id": 2,
                "claim_a_id": 3,
                "claim_b_id": 4,
                "kind": "conflict",
                "state": "accepted",
                "score": 0.7,
                "explanation": None,
                "created_at": now,
                "decided_by": "ana",
                "decided_at": now,
            },
        ],
    )
    conn.execute(sa.insert(t["alias"]), [{"id": 1, "alias": "HTS", "canonical": "Hayat"}])


def _snapshot(conn: sa.Connection) -> dict[str, list[Any]]:
    """Every row of every 0001 table, by id."""
    return {
        name: [tuple(r) for r in conn.execute(sa.select(table).order_by(sa.text("id")))]
        for name, table in _tables().items()
    }


def _database_at_0001(url: str) -> dict[str, list[Any]]:
    engine = db.create_engine(url)
    with db.writer(engine).connect() as conn, conn.begin():
        command.upgrade(db.alembic_config(conn), "0001")
        _fill_0001(conn)
    with engine.connect() as conn:
        before = _snapshot(conn)
        assert db.current_revision(engine) == "0001"
    engine.dispose()
    assert len(before["claim"]) == len(CLAIMS)
    return before


def _check_upgraded(url: str, before: dict[str, list[Any]]) -> None:
    engine = db.create_engine(url)
    assert db.current_revision(engine) == db.head_revision()
    with engine.connect() as conn:
        assert _snapshot(conn) == before
        rows = conn.execute(sa.text("SELECT id, kind, segments FROM claim ORDER BY id")).all()
    engine.dispose()
    for (claim_id, kind, segments), (cue, _sk, span, expected) in zip(rows, CLAIMS, strict=True):
        assert kind == expected, (claim_id, cue)
        stored = json.loads(segments) if isinstance(segments, str) else segments
        assert stored == ([list(span)] if span else None), claim_id


def test_upgrade_from_0001_keeps_everything_and_backfills(db_url: str) -> None:
    before = _database_at_0001(db_url)
    db.open_database(db_url).dispose()
    _check_upgraded(db_url, before)

    store = Store.open(db_url)
    try:
        # The store reads the backfilled columns; a NULL segments column reads as no span.
        detail = claim_detail(store, claim_id=1)
        assert (detail.claim.kind, detail.claim.segments) == ("speech", ((18, 45),))
        last = claim_detail(store, claim_id=len(CLAIMS)).claim
        assert (last.kind, last.segments) == ("speech", ())
        beliefs = list_claims(store, filter=ClaimFilter(kinds=(AttributionKind.BELIEF,)))
        assert [c.id for c in beliefs] == [5, 6, 7, 8]
        assert count_claims(store, filter=ClaimFilter(kinds=(AttributionKind.UNKNOWN,))) == 2
        # The full-text index and its triggers survived the schema change.
        found = list_claims(store, filter=ClaimFilter(text="harbour"), limit=100)
        assert {c.id for c in found} == set(range(1, len(CLAIMS) + 1))
    finally:
        store.close()


def test_db_upgrade_command_from_0001(db_url: str) -> None:
    before = _database_at_0001(db_url)
    result = CliRunner().invoke(app, ["db", "upgrade", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{db.head_revision()} (head)")
    _check_upgraded(db_url, before)


def test_downgrade_to_0001_keeps_rows(db_url: str) -> None:
    before = _database_at_0001(db_url)
    engine = db.open_database(db_url)
    with db.writer(engine).connect() as conn, conn.begin():
        command.downgrade(db.alembic_config(conn), "0001")
    with engine.connect() as conn:
        assert _snapshot(conn) == before
        columns = {c["name"] for c in sa.inspect(conn).get_columns("claim")}
    engine.dispose()
    assert "kind" not in columns and "segments" not in columns


@pytest.mark.parametrize(
    ("cue", "source_kind", "kind"),
    [
        ("said in a statement", "named", "speech"),
        ("told parliament", "named", "speech"),
        ("wrote", "named", "speech"),
        ("posted", "named", "speech"),
        ("asked", "named", "speech"),
        ("confirmed", "organization", "speech"),
        ("announced", "organization", "speech"),
        ("expects", "organization", "belief"),
        ("hoped", "named", "belief"),
        ("intends", "organization", "intention"),
        ("promised", "named", "intention"),
        ("planned", "named", "intention"),
        ("shows", "document", "finding"),
        ("suggested", "document", "finding"),
        (None, "outlet", "outlet"),
        ("", "outlet", "outlet"),
        (None, "named", "unknown"),
        ("added yet", "named", "speech"),
        ("ate", "named", "unknown"),
    ],
)
def test_backfill_word_list(cue: str | None, source_kind: str, kind: str) -> None:
    from importlib import util

    path = db.migrations_dir() / "versions" / "0002_claim_kind_segments.py"
    spec = util.spec_from_file_location("migration_0002", path)
    assert spec is not None and spec.loader is not None
    module = util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.kind_of_cue(cue, source_kind) == kind
