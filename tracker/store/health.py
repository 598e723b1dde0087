"""Database health: integrity, schema revision, the audit log agreeing with the claims, backup."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from tracker import db
from tracker.models import audit_table, claim_table
from tracker.store.core import Store, StoreError


@dataclass(slots=True)
class HealthReport:
    """What :func:`check` found; ``ok`` is False when anything is wrong."""

    revision: str | None
    head: str
    integrity: str
    claims: int = 0
    mismatched: list[int] = field(default_factory=list)
    #: The embedding model's id, or None when it cannot be loaded (``embedding_problem``).
    embedding_model: str | None = None
    embedding_problem: str | None = None
    #: How the model runs when not as it should (the int8 model could not be derived).
    embedding_note: str | None = None
    embedded: int = 0
    #: Vectors stored under another model id (an earlier model or text form), by model id.
    stale: dict[str, int] = field(default_factory=dict)
    #: The command that computes the missing vectors: plain `tracker match` while they are
    #: few enough for it to embed them all, else `tracker match --rebuild`.
    embed_command: str = "tracker match --rebuild"
    #: The line about the lexical index kept beside the database (a cache: never a problem).
    lexical: str | None = None
    #: The same for JSON: where the index is, its state and how many claims it holds.
    lexical_index: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        """True when nothing needs attention."""
        return self.revision == self.head and self.integrity == "ok" and not self.mismatched

    def lines(self) -> list[str]:
        """A short report for people."""
        rev = self.revision or "empty"
        lines = [
            f"schema:    {rev}" + ("" if self.revision == self.head else f" (head is {self.head})"),
            f"integrity: {self.integrity}",
            f"claims:    {self.claims}",
        ]
        if self.mismatched:
            shown = ", ".join(str(i) for i in self.mismatched[:20])
            more = " ..." if len(self.mismatched) > 20 else ""
            lines.append(
                f"audit:     {len(self.mismatched)} claims whose status differs from "
                f"their last audit event: {shown}{more}"
            )
        else:
            lines.append("audit:     every claim's status matches its last audit event")
        if self.embedding_problem is not None:
            lines.append(
                f"semantic:  unavailable: {self.embedding_problem}; matching works by wording only"
            )
        elif self.embedding_model is not None:
            lines.extend(self._semantic_lines())
        if self.lexical is not None:
            lines.append(self.lexical)
        lines.append("ok" if self.ok else "PROBLEMS FOUND")
        return lines

    def _semantic_lines(self) -> list[str]:
        """How many claims have a vector of the current model, and how to make the rest."""
        todo = self.claims - self.embedded
        stale = sum(self.stale.values())
        line = (
            f"semantic:  model {self.embedding_model}; {self.embedded} of {self.claims} "
            "claims have vectors"
        )
        noted = [f"           {self.embedding_note}"] if self.embedding_note else []
        if todo <= 0:
            return [line, *noted]
        if not stale:
            return [line + f" (run `{self.embed_command}` for the other {todo})", *noted]
        models = ", ".join(sorted(self.stale))
        lines = [
            line,
            f"           {stale} claims have stale vectors, made under another model id "
            f"({models}): `{self.embed_command}` makes them again; until then they are "
            "not searched by meaning",
        ]
        if todo > stale:
            lines.append(f"           {todo - stale} have none yet: `{self.embed_command}`")
        return lines + noted

    def to_json(self) -> dict[str, Any]:
        """Plain JSON values."""
        return {
            "ok": self.ok,
            "revision": self.revision,
            "head": self.head,
            "integrity": self.integrity,
            "claims": self.claims,
            "audit_mismatches": self.mismatched,
            "embedding_model": self.embedding_model,
            "embedding_problem": self.embedding_problem,
            "embedding_note": self.embedding_note,
            "embedded_claims": self.embedded,
            "stale_embeddings": self.stale,
            "embed_command": self.embed_command,
            "lexical_index": self.lexical_index,
        }


def audit_mismatches(store: Store) -> list[int]:
    """Claims whose status or version is not what their latest audit event left."""
    last = (
        sa.select(audit_table.c.claim_id, sa.func.max(audit_table.c.id).label("last_id"))
        .group_by(audit_table.c.claim_id)
        .subquery()
    )
    query = (
        sa.select(claim_table.c.id)
        .outerjoin(last, last.c.claim_id == claim_table.c.id)
        .outerjoin(audit_table, audit_table.c.id == last.c.last_id)
        .where(
            sa.or_(
                # changed with no event at all
                sa.and_(audit_table.c.id.is_(None), claim_table.c.version != 1),
                audit_table.c.new_status != claim_table.c.status,
                audit_table.c.claim_version != claim_table.c.version,
            )
        )
        .order_by(claim_table.c.id)
    )
    with store.read() as conn:
        return [r[0] for r in conn.execute(query)]


def check(store: Store) -> HealthReport:
    """Run every check; never raises for a damaged database, reports it instead."""
    head = db.head_revision()
    try:
        revision = db.current_revision(store.engine)
    except sa.exc.DBAPIError as exc:
        return HealthReport(None, head, f"unreadable: {exc.orig}")
    integrity = "ok"
    if store.dialect == "sqlite":
        with store.engine.connect() as conn:
            rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
        integrity = "ok" if rows == ["ok"] else "; ".join(rows[:5])
    if revision != head:
        return HealthReport(revision, head, integrity)
    with store.read() as conn:
        claims = int(conn.execute(sa.select(sa.func.count()).select_from(claim_table)).scalar_one())
    report = HealthReport(revision, head, integrity, claims, audit_mismatches(store))
    from tracker.store.embeddings import (
        embedding_state,
        encoder_status,
        vectors_of_other_models,
    )
    from tracker.store.matches import embed_command

    encoder, problem = encoder_status()
    if encoder is None:
        report.embedding_problem = problem
    else:
        report.embedding_model = encoder.model_id
        report.embedding_note = getattr(encoder, "note", None)
        state = embedding_state(store, encoder.model_id)
        report.embedded = state.count
        report.stale = vectors_of_other_models(store, encoder.model_id)
        report.embed_command = embed_command(state.missing)
    from tracker.store.lexical import lexical_state

    lexical = lexical_state(store)
    report.lexical, report.lexical_index = lexical.line(), lexical.to_json()
    return report


def backup(store: Store, destination: Path) -> int:
    """Copy a SQLite database to ``destination`` while others keep using it.

    Uses SQLite's online backup, so the copy is a consistent snapshot even mid-review;
    writes to a temporary file first and renames it, so a failed backup leaves nothing
    behind. Returns the number of bytes written.
    """
    if store.dialect != "sqlite":
        raise StoreError(
            "online backup is for SQLite; for PostgreSQL use pg_dump, for example "
            "`pg_dump --format=custom --file tracker.dump DBNAME` "
            "(restore with pg_restore)"
        )
    if destination.exists():
        raise StoreError(f"{destination} already exists; choose another name")
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    target = sqlite3.connect(partial)
    try:
        raw = store.engine.raw_connection()
        try:
            raw.driver_connection.backup(target)  # type: ignore[union-attr]
        finally:
            raw.close()
        target.close()
        os.replace(partial, destination)
    except BaseException:
        target.close()
        partial.unlink(missing_ok=True)
        raise
    return destination.stat().st_size
