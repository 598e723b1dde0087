"""Claims' sentence vectors in the database, and the nearest-neighbour index over them.

Each claim's vector is stored beside it (table ``claim_embedding``: int8, with the model
that made it), on SQLite and PostgreSQL alike. The search index is kept on the
application side (pgvector is not packaged for our PostgreSQL), beside the database
file: ``tracker.db.vectors`` with its meta in ``tracker.db.vectors.json`` (for PostgreSQL,
in the data directory, one file per database URL). The index is a cache: when it is
missing, unreadable or stale (another model, or a count or newest id that disagrees with
the table) it is topped up or rebuilt from the stored vectors.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import sqlalchemy as sa

from tracker import db
from tracker.models import claim_table, embedding_table
from tracker.store.claims import claim_text
from tracker.store.core import Store

if TYPE_CHECKING:
    import numpy as np

    from tracker.matching.vectors import VectorIndex

__all__ = [
    "EmbeddingState",
    "LayeredIndex",
    "TextEncoder",
    "claim_vectors",
    "embed_claims",
    "embedding_state",
    "encoder_status",
    "cache_path",
    "index_path",
    "vector_index",
]

#: Claims encoded per batch written to the database (the encoder batches within it).
WRITE_BATCH = 512
# Rows read per query while rebuilding an index from the stored vectors.
_READ_BATCH = 50_000

Progress = Callable[[int, int], None]


class TextEncoder(Protocol):
    """What the store needs of an encoder (``tracker.matching.embedding.Encoder``)."""

    model_id: str
    dim: int

    def encode(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        """Unit vectors, float32, one row per text."""
        ...


def encoder_status() -> tuple[TextEncoder | None, str | None]:
    """The shared embedding model, or None and one line saying why it cannot be used."""
    try:
        from tracker.matching.embedding import get_encoder, unavailable_reason
    except ImportError as exc:  # numpy or the module itself missing from this install
        return None, f"semantic matching is not installed ({exc.name or exc})"
    encoder = get_encoder()
    if encoder is None:
        return None, unavailable_reason() or "the embedding model cannot be loaded"
    return encoder, None


@dataclass(frozen=True, slots=True)
class EmbeddingState:
    """How many claims have a vector from a model, and the newest such claim."""

    model_id: str
    count: int
    last_id: int
    claims: int

    @property
    def missing(self) -> int:
        """Claims without a vector from this model."""
        return max(0, self.claims - self.count)


def embedding_state(store: Store, model_id: str) -> EmbeddingState:
    """What the database holds for ``model_id``."""
    with store.read() as conn:
        count, last = conn.execute(
            sa.select(sa.func.count(), sa.func.max(embedding_table.c.claim_id)).where(
                embedding_table.c.model_id == model_id
            )
        ).one()
        claims = conn.execute(sa.select(sa.func.count()).select_from(claim_table)).scalar_one()
    return EmbeddingState(model_id, int(count or 0), int(last or 0), int(claims))


def vectors_of_other_models(store: Store, model_id: str) -> dict[str, int]:
    """How many stored vectors each model other than ``model_id`` made.

    A database written by an earlier version holds vectors under an older model id (the
    text form is part of the id); they are not searched and the next match replaces them,
    so `tracker db check` names them instead of counting those claims as never embedded.
    """
    with store.read() as conn:
        rows = conn.execute(
            sa.select(embedding_table.c.model_id, sa.func.count())
            .where(embedding_table.c.model_id != model_id)
            .group_by(embedding_table.c.model_id)
            .order_by(embedding_table.c.model_id)
        ).all()
    return {str(r[0]): int(r[1]) for r in rows}


def _missing_query(model_id: str) -> sa.Select[Any]:
    joined = claim_table.outerjoin(
        embedding_table,
        sa.and_(
            embedding_table.c.claim_id == claim_table.c.id,
            embedding_table.c.model_id == model_id,
        ),
    )
    return (
        sa.select(claim_table.c.id, claim_table.c.text, claim_table.c.sentence)
        .select_from(joined)
        .where(embedding_table.c.claim_id.is_(None))
        .order_by(claim_table.c.id)
    )


def embed_claims(
    store: Store,
    encoder: TextEncoder,
    *,
    claim_ids: Sequence[int] | None = None,
    progress: Progress | None = None,
    batch: int = WRITE_BATCH,
) -> int:
    """Compute and store the vectors of claims that have none from ``encoder``'s model.

    ``claim_ids`` limits the work to those claims (a new story's); by default every claim
    is covered. A vector of another model is replaced. Each batch is its own transaction,
    so an interrupted run keeps what it stored. ``progress(done, total)`` after each
    batch. Returns how many claims got a vector.
    """
    from tracker.matching.vectors import quantize

    model_id = encoder.model_id
    wanted = None if claim_ids is None else sorted(set(int(c) for c in claim_ids))
    with store.read() as conn:
        if wanted is None:
            total = conn.execute(
                sa.select(sa.func.count()).select_from(_missing_query(model_id).subquery())
            ).scalar_one()
        else:
            total = sum(
                conn.execute(
                    sa.select(sa.func.count()).select_from(
                        _missing_query(model_id)
                        .where(claim_table.c.id.in_(wanted[s : s + 900]))
                        .subquery()
                    )
                ).scalar_one()
                for s in range(0, len(wanted), 900)
            )
    done = 0
    if progress is not None and total:
        progress(0, total)
    for part in _missing_batches(store, model_id, wanted, batch):
        vectors = quantize(encoder.encode([text for _, text in part]))
        rows_out = [
            {
                "claim_id": cid,
                "model_id": model_id,
                "dim": int(vectors.shape[1]),
                "vector": vectors[i].tobytes(),
            }
            for i, (cid, _) in enumerate(part)
        ]
        store.write_retrying(partial(_write_vectors, rows=rows_out))
        done += len(part)
        if progress is not None:
            progress(done, max(total, done))
    return done


def _missing_batches(
    store: Store, model_id: str, wanted: list[int] | None, batch: int
) -> Iterator[list[tuple[int, str]]]:
    """Claims without a vector of ``model_id``, ``batch`` at a time, in id order."""
    last = 0
    while True:
        query = _missing_query(model_id).where(claim_table.c.id > last).limit(batch)
        if wanted is not None:
            chunk = [c for c in wanted if c > last][: max(batch, 900)]
            if not chunk:
                return
            query = query.where(claim_table.c.id.in_(chunk))
        with store.read() as conn:
            rows = conn.execute(query).all()
        if not rows:
            if wanted is None:
                return
            last = chunk[-1]
            continue
        yield [(int(r[0]), claim_text(r[1], r[2])) for r in rows]
        last = int(rows[-1][0])


def _write_vectors(conn: sa.Connection, *, rows: list[dict[str, Any]]) -> None:
    ids = [r["claim_id"] for r in rows]
    conn.execute(sa.delete(embedding_table).where(embedding_table.c.claim_id.in_(ids)))
    # a claim deleted since it was read (its story removed) gets no vector
    alive = set(
        conn.execute(sa.select(claim_table.c.id).where(claim_table.c.id.in_(ids))).scalars()
    )
    keep = [r for r in rows if r["claim_id"] in alive]
    if keep:
        conn.execute(sa.insert(embedding_table), keep)


def claim_vectors(store: Store, model_id: str, claim_ids: Sequence[int]) -> dict[int, np.ndarray]:
    """The stored int8 vectors of these claims (those that have one from ``model_id``)."""
    import numpy as np

    out: dict[int, np.ndarray] = {}
    wanted = sorted(set(int(c) for c in claim_ids))
    with store.read() as conn:
        for start in range(0, len(wanted), 900):
            chunk = wanted[start : start + 900]
            for cid, blob in conn.execute(
                sa.select(embedding_table.c.claim_id, embedding_table.c.vector).where(
                    embedding_table.c.model_id == model_id,
                    embedding_table.c.claim_id.in_(chunk),
                )
            ):
                out[int(cid)] = np.frombuffer(bytes(blob), dtype=np.int8)
    return out


def _stored_rows(
    store: Store, model_id: str, dim: int, *, after: int = 0
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Stored vectors of ``model_id`` with ids above ``after``, in id order, by chunks."""
    import numpy as np

    last = after
    while True:
        with store.read() as conn:
            rows = conn.execute(
                sa.select(embedding_table.c.claim_id, embedding_table.c.vector)
                .where(
                    embedding_table.c.model_id == model_id,
                    embedding_table.c.dim == dim,
                    embedding_table.c.claim_id > last,
                )
                .order_by(embedding_table.c.claim_id)
                .limit(_READ_BATCH)
            ).all()
        if not rows:
            return
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        codes = np.frombuffer(b"".join(bytes(r[1]) for r in rows), dtype=np.int8)
        yield ids, codes.reshape(len(rows), dim)
        last = int(ids[-1])


# -- the index, cached in this process and in a file beside the database -------------------


def index_path(store: Store) -> Path | None:
    """Where the vector index of this database is kept; None for an in-memory database."""
    return cache_path(store, "vectors")


def cache_path(store: Store, kind: str) -> Path | None:
    """Where a cache of kind ``kind`` (``vectors``, ``lexical``) of this database is kept:
    beside a SQLite file (``tracker.db.KIND``); for another database, in the data
    directory under a digest of its URL (without the password); None in memory."""
    if db.is_sqlite(store.url):
        path = db.sqlite_path(store.url)
        return None if path is None else path.with_name(f"{path.name}.{kind}")
    from tracker.config import data_dir

    url = sa.make_url(store.url).render_as_string(hide_password=True)
    digest = hashlib.sha256(url.encode()).hexdigest()[:16]
    return data_dir() / kind / f"{digest}.{kind}"


_LOCK = threading.Lock()
_CACHE: dict[str, VectorIndex | LayeredIndex] = {}


@dataclass(frozen=True, slots=True)
class IndexLoad:
    """How :func:`vector_index` got its index: ``kept``, ``loaded``, ``layered`` (the file
    mapped, newer vectors beside it), ``topped_up``, ``patched``, ``built``."""

    how: str
    added: int
    seconds: float


def vector_index(
    store: Store,
    model_id: str,
    dim: int,
    *,
    rebuild: bool = False,
    state: EmbeddingState | None = None,
) -> tuple[VectorIndex | LayeredIndex, IndexLoad]:
    """The index over every stored vector of ``model_id``, current with the database.

    Taken from this process's cache, else from the file beside the database; topped up
    with vectors stored since, or rebuilt when it does not agree with the table (another
    model, a vector removed, a different database at the same path). Saved back when it
    changed. ``state``: the :func:`embedding_state` the caller has just read (counting a
    million vectors takes a moment), else it is read here.
    """
    import time

    from tracker.matching.vectors import VectorIndex

    started = time.perf_counter()
    if state is None or state.model_id != model_id:
        state = embedding_state(store, model_id)
    path = index_path(store)
    with _LOCK:
        index = None if rebuild else _CACHE.get(store.url)
        how = "kept"
        if index is None and not rebuild and path is not None:
            # the file is mapped, not read: most processes only search it, and the vectors
            # stored since it was written are searched beside it (see LayeredIndex)
            index = VectorIndex.load(path, view=True)
            how = "loaded"
        if index is not None and (
            index.model_id != model_id
            or index.dim != dim
            or not _same_last_vector(store, model_id, index.last_id, index.last_digest)
        ):
            index = None  # another model, or another database at this place
        added = 0
        if index is not None and (len(index), index.last_id) != (state.count, state.last_id):
            newer = _count_after(store, model_id, index.last_id)
            only_new = state.last_id > index.last_id and len(index) + newer == state.count
            base = index.base if isinstance(index, LayeredIndex) else index
            if only_new and base.viewed and len(index) - len(base) + newer <= LAYER_LIMIT:
                layered = index if isinstance(index, LayeredIndex) else LayeredIndex(index)
                for ids, codes in _stored_rows(store, model_id, dim, after=index.last_id):
                    layered.add(ids, codes)
                    added += len(ids)
                index, how = layered, "layered"
            else:
                # fold: the file read whole, topped up from the table and written again
                index = base.in_memory()
        if index is not None and (len(index), index.last_id) != (state.count, state.last_id):
            newer = _count_after(store, model_id, index.last_id)
            if state.last_id > index.last_id and len(index) + newer == state.count:
                for ids, codes in _stored_rows(store, model_id, dim, after=index.last_id):
                    index.add(ids, codes)
                    added += len(ids)
                how = "topped_up"
            elif not isinstance(index, LayeredIndex) and _patch(store, index, model_id, dim, state):
                how = "patched"  # a few vectors removed or recomputed (a claim corrected)
            else:
                index = None  # many vectors removed or replaced: start again
        if index is None:
            index = VectorIndex(model_id, dim)
            for ids, codes in _stored_rows(store, model_id, dim):
                index.add(ids, codes)
                added += len(ids)
            how = "built"
        if how in ("built", "topped_up", "patched") and path is not None:
            assert not isinstance(index, LayeredIndex)
            if index.approximate:
                path.parent.mkdir(parents=True, exist_ok=True)
                index.save(path)
            else:
                _remove_index_files(path)
        _CACHE[store.url] = index
    return index, IndexLoad(how, added, time.perf_counter() - started)


#: Up to this many vectors stored after the index file was written are searched exactly
#: beside it (the file mapped, not rewritten); past it, the file is read, topped up and
#: written again (about 45 s for a million vectors on 2 cores).
LAYER_LIMIT = 20_000


class LayeredIndex:
    """A saved index mapped from its file, and the vectors stored since, searched exactly.

    Writing a million-vector graph again for each new story would cost most of an ingest;
    a new story's vectors are few, and searching them exactly beside the mapped graph
    costs nothing. Reads as a :class:`VectorIndex` for searching.
    """

    def __init__(self, base: VectorIndex) -> None:
        from tracker.matching.vectors import VectorIndex

        self.base = base
        self.delta = VectorIndex(base.model_id, base.dim, exact_limit=LAYER_LIMIT + 1)
        self.model_id, self.dim = base.model_id, base.dim

    def __len__(self) -> int:
        return len(self.base) + len(self.delta)

    @property
    def approximate(self) -> bool:
        return self.base.approximate

    @property
    def last_id(self) -> int:
        return self.delta.last_id if len(self.delta) else self.base.last_id

    @property
    def last_digest(self) -> str:
        return self.delta.last_digest if len(self.delta) else self.base.last_digest

    def add(self, ids: Any, codes: np.ndarray) -> None:
        self.delta.add(ids, codes)

    def ids(self) -> np.ndarray:
        import numpy as np

        return np.concatenate([self.base.ids(), self.delta.ids()])

    def search(self, queries: np.ndarray, k: int = 10) -> list[list[tuple[int, float]]]:
        """Both layers' nearest, merged by cosine."""
        first = self.base.search(queries, k)
        if not len(self.delta):
            return first
        second = self.delta.search(queries, k)
        return [
            sorted(a + b, key=lambda hit: (-hit[1], hit[0]))[:k]
            for a, b in zip(first, second, strict=True)
        ]


def forget_index(store: Store) -> None:
    """Drop this process's cached index of ``store`` (the file stays)."""
    with _LOCK:
        _CACHE.pop(store.url, None)


#: Up to this many vectors removed or recomputed, an index is patched, not rebuilt.
PATCH_LIMIT = 5_000


def _patch(
    store: Store, index: VectorIndex, model_id: str, dim: int, state: EmbeddingState
) -> bool:
    """Bring ``index`` in line with the table by removing and adding the few vectors that
    differ (a corrected claim's vector deleted, then recomputed); False if too many do."""
    import numpy as np

    if abs(len(index) - state.count) > PATCH_LIMIT:
        return False
    with store.read() as conn:
        stored = np.fromiter(
            conn.execute(
                sa.select(embedding_table.c.claim_id).where(
                    embedding_table.c.model_id == model_id, embedding_table.c.dim == dim
                )
            ).scalars(),
            dtype=np.int64,
        )
    held = index.ids()
    gone = np.setdiff1d(held, stored, assume_unique=True)
    new = np.setdiff1d(stored, held, assume_unique=True)
    if len(gone) + len(new) > PATCH_LIMIT:
        return False
    index.remove(gone)
    if len(new):
        vectors = claim_vectors(store, model_id, new.tolist())
        keys = np.asarray(sorted(vectors), dtype=np.int64)
        index.add(keys, np.stack([vectors[int(k)] for k in keys]))
    return len(index) == state.count


def _same_last_vector(store: Store, model_id: str, claim_id: int, digest: str) -> bool:
    """Whether the database holds the vector the index has as its newest."""
    from tracker.matching.vectors import vector_digest

    if claim_id == 0:
        return True
    stored = claim_vectors(store, model_id, [claim_id]).get(claim_id)
    return stored is not None and vector_digest(stored) == digest


def _count_after(store: Store, model_id: str, after: int) -> int:
    with store.read() as conn:
        return int(
            conn.execute(
                sa.select(sa.func.count()).where(
                    embedding_table.c.model_id == model_id, embedding_table.c.claim_id > after
                )
            ).scalar_one()
        )


def _remove_index_files(path: Path) -> None:
    from tracker.matching.vectors import meta_path_for

    for p in (path, meta_path_for(path)):
        try:
            p.unlink()
        except FileNotFoundError:
            pass
