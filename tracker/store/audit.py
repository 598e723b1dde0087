"""Writing one audited change to a claim: the version guard, the update, the event.

Every change a person (or a revision) makes to a claim goes through :func:`apply`: it
reads the claim's current values, refuses a stale change, writes the new values with the
next version, and appends one audit event holding the old and new status and note and,
for every other field that changed, ``[old, new]`` in the event's ``changes``. An undo
reads those old values back, so every kind of change can be undone the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa

from tracker.models import audit_table, claim_table, utcnow
from tracker.store.core import ClaimNotFound, LostRace, StaleClaimError
from tracker.vocab import AttributionKind, ClaimState, ClaimStatus, SourceKind

EXTRACTOR = "extractor"
# Who carries a reviewed claim's decision into a new version of its story: not a person.
REVISION = "revision"
MACHINE_ACTORS = (EXTRACTOR, REVISION)

# The claim columns a change may set (besides status and note, which have their own
# columns in the audit log), with how to read a value back from an event's JSON.
FIELDS: dict[str, Any] = {
    "state": ClaimState,
    "decided_by": str,
    "decided_at": datetime.fromisoformat,
    "added_by": str,
    "source_id": int,
    "source_kind": SourceKind,
    "kind": AttributionKind,
    "text": str,
    "content_start": int,
    "content_end": int,
    "sentence": str,
    "sentence_start": int,
    "sentence_end": int,
    "paragraph_start": int,
    "paragraph_end": int,
    "segments": list,
}
_READ = (
    claim_table.c.status,
    claim_table.c.status_note,
    claim_table.c.version,
    claim_table.c.updated_by,
    claim_table.c.story_id,
    *(claim_table.c[name] for name in FIELDS),
)


@dataclass(frozen=True, slots=True)
class Change:
    """What one audited change did: status and note before and after, the other fields.

    ``changes`` maps each other field that changed to ``(old, new)`` (plain JSON values);
    ``action`` is the audit event's (status, note, undo, edit, dismiss, restore, add...).
    """

    claim_id: int
    old_status: ClaimStatus
    new_status: ClaimStatus
    note: str | None
    version: int
    event_id: int
    action: str = "status"
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    state: ClaimState = ClaimState.ACTIVE


def plain(value: Any) -> Any:
    """A value as the audit log's JSON keeps it."""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def from_plain(name: str, value: Any) -> Any:
    """A value from an event's JSON, as the claim column ``name`` takes it."""
    if value is None:
        return None
    convert = FIELDS[name]
    if convert is datetime.fromisoformat and isinstance(value, datetime):
        return value
    return convert(value)


def current(conn: sa.Connection, claim_id: int) -> dict[str, Any]:
    """A claim's status, note, version, story and every field a change may set."""
    row = conn.execute(sa.select(*_READ).where(claim_table.c.id == claim_id)).first()
    if row is None:
        raise ClaimNotFound(claim_id)
    return dict(row._mapping)


def record(
    conn: sa.Connection,
    *,
    claim_id: int,
    action: str,
    old_status: ClaimStatus | None,
    new_status: ClaimStatus | None,
    old_note: str | None,
    new_note: str | None,
    reviewer: str,
    version: int,
    undoes_id: int | None = None,
    changes: dict[str, Any] | None = None,
    detail: dict[str, Any] | None = None,
) -> int:
    """Append one audit event; the log's triggers refuse anything but INSERT."""
    result = conn.execute(
        sa.insert(audit_table).returning(audit_table.c.id),
        {
            "claim_id": claim_id,
            "action": action,
            "old_status": old_status,
            "new_status": new_status,
            "old_note": old_note,
            "new_note": new_note,
            "reviewer": reviewer,
            "at": utcnow(),
            "claim_version": version,
            "undoes_id": undoes_id,
            "changes": changes or None,
            "detail": detail or None,
        },
    )
    return int(result.scalar_one())


_KEEP = object()


def apply(
    conn: sa.Connection,
    *,
    claim_id: int,
    reviewer: str,
    action: str,
    expected_version: int | None,
    status: ClaimStatus | None = None,
    note: Any = _KEEP,
    values: dict[str, Any] | None = None,
    shown: dict[str, tuple[Any, Any]] | None = None,
    detail: dict[str, Any] | None = None,
    undoes_id: int | None = None,
    before: dict[str, Any] | None = None,
) -> Change:
    """Change one claim and log it, refusing a stale change; see the module's docstring.

    ``status`` None keeps the status, ``note`` left out keeps the note; ``values`` sets
    other claim columns (see :data:`FIELDS`). ``shown`` adds ``[old, new]`` pairs that are
    for people only (a source's name), never read back by an undo. ``before`` is the
    claim's :func:`current` values when the caller has read them already.
    """
    now = before if before is not None else current(conn, claim_id)
    old_status, old_note = ClaimStatus(now["status"]), now["status_note"]
    version, by = now["version"], now["updated_by"]
    if expected_version is not None and expected_version != version:
        raise StaleClaimError(claim_id, expected_version, version, by)
    new_status = status if status is not None else old_status
    new_note = old_note if note is _KEEP else note
    changes: dict[str, Any] = {}
    for name, value in (values or {}).items():
        if plain(now[name]) != plain(value):
            changes[name] = [plain(now[name]), plain(value)]
    for name, (old, new) in (shown or {}).items():
        if plain(old) != plain(new):
            changes[name] = [plain(old), plain(new)]
    updated = conn.execute(
        sa.update(claim_table)
        .where(claim_table.c.id == claim_id, claim_table.c.version == version)
        .values(
            status=new_status,
            status_note=new_note,
            version=version + 1,
            updated_at=utcnow(),
            updated_by=reviewer,
            **(values or {}),
        )
    )
    if updated.rowcount != 1:
        if expected_version is None:
            raise LostRace()
        fresh = conn.execute(
            sa.select(claim_table.c.version, claim_table.c.updated_by).where(
                claim_table.c.id == claim_id
            )
        ).one()
        raise StaleClaimError(claim_id, version, fresh[0], fresh[1])
    event_id = record(
        conn,
        claim_id=claim_id,
        action=action,
        old_status=old_status,
        new_status=new_status,
        old_note=old_note,
        new_note=new_note,
        reviewer=reviewer,
        version=version + 1,
        undoes_id=undoes_id,
        changes=changes,
        detail=detail,
    )
    state = ClaimState((values or {}).get("state", now["state"]))
    return Change(
        claim_id,
        old_status,
        new_status,
        new_note,
        version + 1,
        event_id,
        action,
        {k: (v[0], v[1]) for k, v in changes.items()},
        state,
    )
