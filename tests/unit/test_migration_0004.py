"""Revision 0004 (corrections, decisions, revisions) upgrades a filled 0003 database whole."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command

from tracker import db
from tracker import store as st
from tracker.vocab import ClaimState, ClaimStatus

BODY = "The minister said the port reopens on Friday. Officials said fares rise."
T0 = datetime(2026, 11, 30, 12, 0, 0)


def _at(minute: int) -> datetime:
    return T0.replace(minute=minute)


def _column(name: str) -> sa.ColumnClause[Any]:
    return sa.column(name, sa.JSON) if name == "segments" else sa.column(name)


def _tables() -> dict[str, sa.TableClause]:
    """The 0003 tables as plain Core tables (the models describe the head)."""
    cols = {
        "story": "id title outlet url body content_hash revision_of ingested_at",
        "source": "id story_id name kind",
        "claim": "id story_id source_id position text sentence source_kind source_mention cue "
        "quote kind segments content_start content_end confidence status status_note "
        "cluster_id version updated_at updated_by",
        "match": "id claim_a_id claim_b_id kind state score explanation created_at "
        "decided_by decided_at",
        "audit_event": "id claim_id action old_status new_status old_note new_note reviewer "
        "at claim_version undoes_id",
    }
    return {
        name: sa.table(name, *(_column(c) for c in spec.split())) for name, spec in cols.items()
    }


# Story 1 and its revision, story 2 (same URL); story 3 on its own.
# claim id -> (story, status, note, version, updated_by)
CLAIMS: dict[int, tuple[int, str, str | None, int, str]] = {
    1: (1, "confirmed", "ministry statement", 2, "ana"),  # reviewed, older version
    2: (1, "pending", None, 1, "extractor"),  # never reviewed, older version
    3: (2, "no_response", "did not respond", 1, "extractor"),  # extractor's hint
    4: (2, "disputed", None, 3, "bo"),  # status with a note, then a status without
    5: (3, "unclear", "which port", 3, "ana"),  # extractor's unclear; ana's verdict undone
    6: (3, "pending", "called them", 2, "bo"),  # a note only
    7: (3, "pending", None, 3, "root"),  # a verdict undone back to pending
}
# (id, claim, action, old status, new status, old note, new note, reviewer, minute, version, undoes)
EVENTS: list[tuple[Any, ...]] = [
    (1, 1, "status", "pending", "confirmed", None, "ministry statement", "ana", 1, 2, None),
    (2, 3, "extract", None, "no_response", None, "did not respond", "extractor", 0, 1, None),
    (3, 4, "status", "pending", "confirmed", None, "union release", "ana", 2, 2, None),
    (4, 4, "status", "confirmed", "disputed", "union release", None, "bo", 3, 3, None),
    (5, 5, "extract", None, "unclear", None, "which port", "extractor", 0, 1, None),
    (6, 5, "status", "unclear", "false", "which port", "wrong port", "ana", 4, 2, None),
    (7, 5, "undo", "false", "unclear", "wrong port", "which port", "ana", 5, 3, 6),
    (8, 6, "note", "pending", "pending", None, "called them", "bo", 6, 2, None),
    (9, 2, "match", "pending", "pending", None, "accepted match 1", "bo", 7, 1, None),
    (10, 7, "status", "pending", "confirmed", None, None, "root", 8, 2, None),
    (11, 7, "undo", "confirmed", "pending", None, None, "root", 9, 3, 10),
]


def _fill_0003(conn: sa.Connection) -> None:
    t = _tables()
    conn.execute(
        sa.insert(t["story"]),
        [
            {
                "id": i,
                "title": "Port" if i < 3 else "Fares",
                "outlet": "Wire",
                "url": "https://wire.example/port" if i < 3 else None,
                "body": BODY + ("" if i == 1 else f" v{i}"),
                "content_hash": f"{i:064d}",
                "revision_of": 1 if i == 2 else None,
                "ingested_at": T0,
            }
            for i in (1, 2, 3)
        ],
    )
    conn.execute(
        sa.insert(t["source"]),
        [{"id": i, "story_id": i, "name": f"Source {i}", "kind": "named"} for i in (1, 2, 3)],
    )
    conn.execute(
        sa.insert(t["claim"]),
        [
            {
                "id": cid,
                "story_id": story,
                "source_id": story,
                "position": cid,
                "text": f"claim {cid} about the port",
                "sentence": BODY,
                "source_kind": "named",
                "source_mention": None,
                "cue": "said",
                "quote": "indirect",
                "kind": "speech",
                "segments": [[4, 12]],
                "content_start": 4,
                "content_end": 12,
                "confidence": 0.5,
                "status": status,
                "status_note": note,
                "cluster_id": None,
                "version": version,
                "updated_at": T0,
                "updated_by": by,
            }
            for cid, (story, status, note, version, by) in CLAIMS.items()
        ],
    )
    keys = "id claim_id action old_status new_status old_note new_note reviewer"
    rows = []
    for e in EVENTS:
        row = dict(zip(keys.split(), e[:8], strict=True))
        row.update(at=_at(e[8]), claim_version=e[9], undoes_id=e[10])
        rows.append(row)
    conn.execute(sa.insert(t["audit_event"]), rows)
    if conn.dialect.name == "postgresql":  # ids were given: move the sequences past them
        for name in ("story", "source", "claim", "audit_event", "match"):
            conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), 100)"  # noqa: S608
            )
    conn.execute(
        sa.insert(t["match"]),
        [
            {
                "id": 1,
                "claim_a_id": 2,
                "claim_b_id": 5,
                "kind": "same",
                "state": "accepted",
                "score": 88.0,
                "explanation": '{"summary": "same port"}',
                "created_at": T0,
                "decided_by": "bo",
                "decided_at": _at(7),
            }
        ],
    )


def _snapshot(conn: sa.Connection) -> dict[str, list[Any]]:
    out = {}
    for name, table in _tables().items():
        rows = conn.execute(sa.select(table).order_by(sa.text("id"))).all()
        # JSON comes back as text on SQLite, parsed on PostgreSQL: compare parsed.
        out[name] = [tuple(r) for r in rows]
    return out


def _database_at_0003(url: str) -> dict[str, list[Any]]:
    engine = db.create_engine(url)
    with db.writer(engine).connect() as conn, conn.begin():
        command.upgrade(db.alembic_config(conn), "0003")
        _fill_0003(conn)
    with engine.connect() as conn:
        before = _snapshot(conn)
    assert db.current_revision(engine) == "0003"
    engine.dispose()
    return before


def test_upgrade_from_0003_keeps_everything_and_fills_the_new_columns(db_url: str) -> None:
    before = _database_at_0003(db_url)
    store = st.Store.open(db_url)  # upgrades on open, as the app does
    try:
        assert db.current_revision(store.engine) == "0004"
        with store.read() as conn:
            assert _snapshot(conn) == before
            stories = dict(conn.execute(sa.text("SELECT id, version FROM story")).all())
        assert stories == {1: 1, 2: 2, 3: 1}

        rows = {
            r.id: r
            for r in st.list_claims(
                store, filter=st.ClaimFilter(include_superseded=True, include_dismissed=True)
            )
        }
        assert set(rows) == set(CLAIMS)
        # Who decided each status, as the audit log says.
        decided = {cid: (r.decided_by, r.decided_at) for cid, r in rows.items()}
        assert decided == {
            1: ("ana", _at(1).replace(tzinfo=UTC)),
            2: (None, None),  # a match decision is not a status decision
            3: ("extractor", _at(0).replace(tzinfo=UTC)),
            4: ("bo", _at(3).replace(tzinfo=UTC)),
            # ana's verdict was undone: the extractor's status stands, not ana's.
            5: ("extractor", _at(0).replace(tzinfo=UTC)),
            6: (None, None),  # a note only
            7: (None, None),  # undone back to pending: nobody decided, not the undoer
        }
        # The older version's claims: reviewed -> dropped (still listed), else superseded.
        states = {cid: r.state for cid, r in rows.items()}
        assert states == {
            1: ClaimState.DROPPED,
            2: ClaimState.SUPERSEDED,  # never changed by a person (a match is not a review)
            3: ClaimState.ACTIVE,
            4: ClaimState.ACTIVE,
            5: ClaimState.ACTIVE,
            6: ClaimState.ACTIVE,
            7: ClaimState.ACTIVE,
        }
        assert {(r.status, r.status_note) for r in rows.values()} == {
            (ClaimStatus(status), note) for _s, status, note, _v, _by in CLAIMS.values()
        }
        history = st.history(store, claim_id=4)
        assert [(e.action, e.reviewer, e.new_note) for e in history] == [
            ("status", "ana", "union release"),
            ("status", "bo", None),
        ]
        assert all(e.changes is None and e.detail is None for e in history)
        assert [m.match_id for m in st.claim_detail(store, claim_id=2).matches] == [1]
        assert st.health.audit_mismatches(store) == []

        # The log is still append-only, and reviewing goes on where it stopped.
        with pytest.raises(sa.exc.DatabaseError), store.write() as conn:
            conn.execute(sa.text("UPDATE audit_event SET reviewer = 'x'"))
        undo = st.undo_last(store, reviewer="bo")
        assert (undo.claim_id, undo.new_status) == (6, ClaimStatus.PENDING)
        assert st.get_claim(store, 6).status_note is None
        change = st.edit_claim(store, claim_id=4, reviewer="bo", kind="belief", expected_version=3)
        assert change.version == 4
    finally:
        store.close()


def test_downgrade_to_0003_keeps_rows(db_url: str) -> None:
    before = _database_at_0003(db_url)
    engine = db.open_database(db_url)
    with db.writer(engine).connect() as conn, conn.begin():
        command.downgrade(db.alembic_config(conn), "0003")
    with engine.connect() as conn:
        assert _snapshot(conn) == before
        columns = {c["name"] for c in sa.inspect(conn).get_columns("claim")}
    engine.dispose()
    assert not {"state", "decided_by", "decided_at", "added_by"} & columns
