"""The lexical index over every stored claim, kept in a file beside the database.

Matching a new story compares its claims with every stored claim through a
:class:`~tracker.matching.ClaimIndex`. Building that index means analysing each claim
again, about a minute per million claims, which a process matching one story cannot
afford. So, like the vector index, it is a cache beside the database: ``tracker.db.lexical``
(for PostgreSQL, in the data directory, one file per database URL). A process reads it
(about a second per million claims) and brings it up to date with what changed since it
was written, analysing only that:

* claims added since (ids above the newest it holds);
* claims whose text was corrected (an ``edit`` or ``undo`` in the audit log since);
* aliases learned since (only the claims a new alias can change are read again);
* a few claims deleted or committed late (PostgreSQL ids are not committed in order).

It is rebuilt from the claims when it cannot be trusted: missing, unreadable or damaged,
written by another version of the analysis, or not this database's (its newest claim's
text disagrees, or many claims differ). A damaged file is said once, in the run's summary,
and so is building the index of a big database (the first run after an upgrade).
It is written again (to a temporary name, then renamed) when it was rebuilt or when the
work of bringing it up to date has grown worth saving.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from tracker import db
from tracker.matching import AliasTable, ClaimIndex
from tracker.matching.pairs import CAN_FORK
from tracker.models import alias_table, audit_table, claim_table
from tracker.store.claims import claim_text
from tracker.store.core import Store
from tracker.store.embeddings import cache_path

__all__ = ["LexicalLoad", "LexicalState", "lexical_index", "lexical_path", "lexical_state"]

#: Up to this many claims missing from the index, or in it but gone from the table, are
#: patched; more and the index is rebuilt.
PATCH_LIMIT = 5_000
#: Audit actions that may change a claim's text.
TEXT_ACTIONS = ("edit", "undo")
#: From this many claims, building the index (a minute or more) is said in the run's summary.
NOTE_FROM = 100_000
# Rows read per query by id.
_CHUNK = 900
# From this many claims, a build analyses them in helper processes.
_PARALLEL_BUILD = 100_000
_BUILD_WORKERS = 2


def lexical_path(store: Store) -> Path | None:
    """Where the lexical index of this database is kept; None for an in-memory database."""
    return cache_path(store, "lexical")


@lru_cache(maxsize=1)
def analysis_stamp() -> str:
    """A fingerprint of the code that turns a claim into index terms: an index saved by
    other code (another version, a changed word list) reads claims differently."""
    import tracker
    from tracker.matching import aliases, index, lexicon, normalize

    digest = hashlib.sha256(str(getattr(tracker, "__version__", "")).encode())
    for module in (normalize, lexicon, aliases, index):
        try:
            digest.update(Path(module.__file__ or "").read_bytes())
        except OSError:
            digest.update(module.__name__.encode())
    return digest.hexdigest()[:16]


def _database(store: Store) -> str:
    """The database a file belongs to: a SQLite file's index lies beside it (the same file
    may be named by several URLs); another database's is found by its URL."""
    if db.is_sqlite(store.url):
        return "sqlite"
    return sa.make_url(store.url).render_as_string(hide_password=True)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class LexicalLoad:
    """How :func:`lexical_index` got its index, and what a person should be told about it.

    ``how``: ``kept`` (this process's), ``loaded`` (the file), ``updated`` (either, brought
    up to date), ``built``. ``analysed``: claims analysed now. ``note``: one line when the
    file could not be used (damaged) or a big database's index was built, else None.
    """

    how: str
    analysed: int
    seconds: float
    saved: bool
    note: str | None = None


@dataclass
class _Held:
    index: ClaimIndex
    meta: dict[str, Any]


_CACHE: dict[str, _Held] = {}
_LOCK = threading.RLock()


def lexical_index(store: Store, *, rebuild: bool = False) -> tuple[ClaimIndex, LexicalLoad]:
    """The lexical index over every stored claim, current with the database (its claims
    read with the database's aliases, as :attr:`ClaimIndex.aliases`).

    Taken from this process's cache, else from the file beside the database, and brought up
    to date; built from every claim when neither can be trusted or ``rebuild`` is asked.
    """
    with _LOCK:  # threads of one process (the review UI's workers) share one index
        return _lexical_index(store, rebuild=rebuild)


def _lexical_index(store: Store, *, rebuild: bool) -> tuple[ClaimIndex, LexicalLoad]:
    started = time.perf_counter()
    path = lexical_path(store)
    note = None
    held = None if rebuild else _CACHE.get(store.url)
    how = "kept"
    if held is None and not rebuild and path is not None and path.exists():
        held, note = _read_file(path)
        how = "loaded"
    analysed = 0
    with store.read() as conn:
        if held is not None:
            done = _bring_up_to_date(conn, store, held)
            if done is None:
                held = None
            elif done:
                analysed, how = done, "updated"
        if held is None:
            held = _build(conn, store)
            analysed, how = len(held.index), "built"
    saved = False
    if path is not None and (how == "built" or _worth_saving(held, path)):
        saved = _save(held, path)
    _CACHE[store.url] = held
    seconds = time.perf_counter() - started
    if how == "built" and note is None and not rebuild and saved and analysed >= NOTE_FROM:
        # a pause of minutes on a big database deserves a word, once
        note = (
            f"built the lexical index of {analysed:,} claims ({seconds:.0f} s) and kept it "
            f"at {path}: later runs read it instead"
        )
    return held.index, LexicalLoad(how, analysed, seconds, saved, note)


def forget_lexical_index(store: Store) -> None:
    """Drop this process's copy of ``store``'s lexical index (the file stays)."""
    with _LOCK:
        _CACHE.pop(store.url, None)


def _read_file(path: Path) -> tuple[_Held | None, str | None]:
    """The index saved at ``path``; None and a line for people when it cannot be used."""
    meta = ClaimIndex.saved_meta(path)
    if meta is None or meta.get("analysis") != analysis_stamp():
        # another version's file is expected after an upgrade: rebuilt without a word
        return None, None if meta is not None else _damaged(path, "not a saved index")
    try:
        index = ClaimIndex.load(path)
    except (OSError, ValueError) as exc:
        return None, _damaged(path, str(exc))
    return _Held(index, dict(index.meta)), None


def _damaged(path: Path, why: str) -> str:
    return f"the lexical index {path} could not be read ({why}); rebuilt it from the claims"


def _worth_saving(held: _Held, path: Path) -> bool:
    """Save when bringing the file up to date costs about as much as writing it: after a
    thousandth of its claims were analysed again (a few seconds of work per million)."""
    pending = int(held.meta.get("pending", 0))
    return pending > 0 and (pending * 1000 >= len(held.index) or not path.exists())


def _save(held: _Held, path: Path) -> bool:
    held.meta["pending"] = 0
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        held.index.save(path, held.meta)
    except OSError:
        return False  # a read-only folder: every process rebuilds, slowly but correctly
    return True


# -- building and bringing up to date ------------------------------------------------------


def _build(conn: sa.Connection, store: Store) -> _Held:
    """A new index of every stored claim, read with the database's aliases."""
    marks = _marks(conn)
    index = ClaimIndex(_aliases(conn, upto=marks["alias_id"]))
    total = conn.execute(sa.select(sa.func.count()).select_from(claim_table)).scalar_one()
    rows = conn.execute(
        sa.select(claim_table.c.id, claim_table.c.text, claim_table.c.sentence).order_by(
            claim_table.c.id
        )
    )
    texts = ((cid, claim_text(text, sentence)) for cid, text, sentence in rows)
    workers = _BUILD_WORKERS if int(total) >= _PARALLEL_BUILD and CAN_FORK else 1
    index.add_many(texts, workers=min(workers, os.cpu_count() or 1))
    last = index.ids()[-1] if len(index) else 0
    meta = {
        "analysis": analysis_stamp(),
        "database": _database(store),
        "last_id": last,
        "last_digest": _last_digest(conn, int(last)),  # type: ignore[call-overload]
        "alias_id": marks["alias_id"],
        "audit_id": marks["audit_id"],
        "pending": len(index),
    }
    return _Held(index, meta)


def _aliases(conn: sa.Connection, *, upto: int) -> AliasTable:
    """The database's aliases up to row ``upto``, in the order they were learned."""
    return AliasTable(
        (r[0], r[1])
        for r in conn.execute(
            sa.select(alias_table.c.alias, alias_table.c.canonical)
            .where(alias_table.c.id <= upto)
            .order_by(alias_table.c.id)
        )
    )


def _last_digest(conn: sa.Connection, last: int) -> str:
    """A fingerprint of claim ``last``'s text: tells this database from another one."""
    probe = conn.execute(
        sa.select(claim_table.c.text, claim_table.c.sentence).where(claim_table.c.id == last)
    ).first()
    return "" if probe is None else _digest(claim_text(probe[0], probe[1]))


def _marks(conn: sa.Connection) -> dict[str, int]:
    """The newest alias and audit event: what an index built now has taken in."""
    alias_id = conn.execute(sa.select(sa.func.max(alias_table.c.id))).scalar_one()
    audit_id = conn.execute(sa.select(sa.func.max(audit_table.c.id))).scalar_one()
    return {"alias_id": int(alias_id or 0), "audit_id": int(audit_id or 0)}


def _bring_up_to_date(conn: sa.Connection, store: Store, held: _Held) -> int | None:
    """Apply what changed in the database since ``held`` was current; returns how many
    claims were analysed (0: nothing changed), None when it must be rebuilt instead."""
    index, meta = held.index, held.meta
    if meta.get("analysis") != analysis_stamp() or meta.get("database") != _database(store):
        return None
    last = int(meta.get("last_id", 0))
    marks = _marks(conn)
    # claims whose text was corrected since
    edited = set(
        conn.execute(
            sa.select(audit_table.c.claim_id).where(
                audit_table.c.id > int(meta.get("audit_id", 0)),
                audit_table.c.id <= marks["audit_id"],
                audit_table.c.action.in_(TEXT_ACTIONS),
            )
        ).scalars()
    )
    if last and last not in edited and _last_digest(conn, last) != meta.get("last_digest"):
        return None  # another database at this place, or its newest claim removed
    work = 0
    # claims up to the newest held that the index lacks or holds in excess
    stored = conn.execute(
        sa.select(sa.func.count()).select_from(claim_table).where(claim_table.c.id <= last)
    ).scalar_one()
    if int(stored) != len(index):
        patched = _patch(conn, index, last)
        if patched is None:
            return None
        work += patched
    # aliases learned since (the pairs the index read with must still be the first ones)
    held_pairs = index.aliases.pairs() if index.aliases is not None else []
    if marks["alias_id"] != int(meta.get("alias_id", 0)):
        aliases = _aliases(conn, upto=marks["alias_id"])
        if aliases.pairs()[: len(held_pairs)] != held_pairs:
            return None  # aliases removed or rewritten: not a history this index knows
        work += index.set_aliases(aliases, lambda ids: _texts(conn, ids))
    if edited:
        texts = _texts(conn, [c for c in edited if c in index])
        for cid, text in texts.items():
            index.add(cid, text)
        work += len(texts)
        if last in texts:
            meta["last_digest"] = _digest(texts[last])
    # claims added since
    newest = last
    for cid, text, sentence in conn.execute(
        sa.select(claim_table.c.id, claim_table.c.text, claim_table.c.sentence)
        .where(claim_table.c.id > last)
        .order_by(claim_table.c.id)
    ):
        body = claim_text(text, sentence)
        index.add(cid, body)
        newest, meta["last_digest"] = cid, _digest(body)
        work += 1
    meta.update(last_id=newest, alias_id=marks["alias_id"], audit_id=marks["audit_id"])
    meta["pending"] = int(meta.get("pending", 0)) + work
    return work


def _patch(conn: sa.Connection, index: ClaimIndex, last: int) -> int | None:
    """Add the claims up to ``last`` the index lacks and drop those gone from the table;
    None when too many differ (the index is rebuilt)."""
    stored = set(
        conn.execute(sa.select(claim_table.c.id).where(claim_table.c.id <= last)).scalars()
    )
    held = {int(c) for c in index.ids()}  # type: ignore[call-overload]
    missing, gone = sorted(stored - held), held - stored
    if len(missing) + len(gone) > PATCH_LIMIT:
        return None
    for cid in gone:
        index.remove(cid)
    for cid, text in _texts(conn, missing).items():
        index.add(cid, text)
    return len(missing) + len(gone)


def _texts(conn: sa.Connection, ids: Sequence[Any]) -> Mapping[Any, str]:
    """The texts of these claims (those still stored), as the index reads them."""
    out: dict[Any, str] = {}
    wanted = sorted(int(c) for c in ids)
    for start in range(0, len(wanted), _CHUNK):
        for cid, text, sentence in conn.execute(
            sa.select(claim_table.c.id, claim_table.c.text, claim_table.c.sentence).where(
                claim_table.c.id.in_(wanted[start : start + _CHUNK])
            )
        ):
            out[cid] = claim_text(text, sentence)
    return out


# -- for `tracker db check` ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LexicalState:
    """What the file beside the database holds, for a health report."""

    path: Path | None
    #: ``current``, ``behind`` (brought up to date by the next run), ``missing``,
    #: ``outdated`` (another version's; rebuilt by the next run), ``damaged``, ``foreign``
    #: (another database's), ``none`` (an in-memory database: nothing kept).
    state: str
    claims: int = 0
    behind: int = 0

    def to_json(self) -> dict[str, Any]:
        """Plain JSON values for `tracker db check --json`."""
        return {
            "path": None if self.path is None else str(self.path),
            "state": self.state,
            "claims": self.claims,
            "behind": self.behind,
        }

    def line(self) -> str:
        """One line for `tracker db check`."""
        where = str(self.path)
        if self.state == "none":
            return "lexical:   no file kept for an in-memory database"
        if self.state == "current":
            return f"lexical:   index of {self.claims} claims at {where}, current"
        if self.state == "behind":
            return (
                f"lexical:   index of {self.claims} claims at {where}, {self.behind} claims "
                "behind (each run analyses those until it is saved again)"
            )
        if self.state == "missing":
            return f"lexical:   no index at {where} yet: the next match builds it"
        return {
            "outdated": f"lexical:   the index at {where} is another version's: "
            "the next match rebuilds it",
            "damaged": f"lexical:   the index at {where} is damaged: the next match rebuilds it",
            "foreign": f"lexical:   the index at {where} is not this database's: "
            "the next match rebuilds it",
        }[self.state]


def lexical_state(store: Store) -> LexicalState:
    """How the file beside the database stands against the claims (reads its header only,
    plus a checksum of the whole file when the header looks right)."""
    path = lexical_path(store)
    if path is None:
        return LexicalState(None, "none")
    if not path.exists():
        return LexicalState(path, "missing")
    meta = ClaimIndex.saved_meta(path)
    if meta is None:
        return LexicalState(path, "damaged")
    if meta.get("analysis") != analysis_stamp():
        return LexicalState(path, "outdated")
    try:
        claims = len(ClaimIndex.load(path))
    except (OSError, ValueError):
        return LexicalState(path, "damaged")
    last = int(meta.get("last_id", 0))
    with store.read() as conn:
        newer = conn.execute(
            sa.select(sa.func.count()).select_from(claim_table).where(claim_table.c.id > last)
        ).scalar_one()
        edited = set(
            conn.execute(
                sa.select(audit_table.c.claim_id).where(
                    audit_table.c.id > int(meta.get("audit_id", 0)),
                    audit_table.c.action.in_(TEXT_ACTIONS),
                )
            ).scalars()
        )
        digest = _last_digest(conn, last) if last else ""
    if meta.get("database") != _database(store) or (
        last not in edited and digest != meta.get("last_digest", "")
    ):
        return LexicalState(path, "foreign", claims)
    if newer or edited:
        return LexicalState(path, "behind", claims, int(newer) + len(edited))
    return LexicalState(path, "current", claims)
