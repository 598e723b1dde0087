"""Nearest claims by meaning: an index over stored claims' sentence vectors.

Pure: vectors in, ``(claim id, cosine)`` out; nothing here touches a database. Vectors are
kept as int8, each scaled so that its largest component is +-127 (:func:`quantize`): only
a vector's direction matters to the cosine, and one byte per dimension keeps the ranking
of the float vectors (``bench/matching.py`` measures the recall against float search).

Up to :data:`EXACT_LIMIT` vectors, search is exact (one matrix product). Above it, an HNSW
graph from ``usearch`` answers in well under a millisecond a query (chosen over faiss,
hnswlib and sqlite-vec on build time, memory and recall; see the README). The graph can be
saved beside the database and loaded back; :class:`IndexMeta` says which vectors it holds,
so a caller can tell a stale file from a current one.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "EXACT_LIMIT",
    "IndexMeta",
    "VectorIndex",
    "dequantize",
    "exact_search",
    "quantize",
    "vector_digest",
]

#: Up to this many vectors, search is exact; above it, an HNSW graph.
EXACT_LIMIT = 20_000
# HNSW settings: links per node, and the candidate lists kept while adding and searching.
# On 1,000,000 vectors clustered around real sentence vectors (bench/matching.py), recall@10
# against exact search was 0.927 / 0.943 / 0.970 with 256 / 512 / 1024 candidates searched,
# 30 queries taking 10 / 17 / 30 ms: the widest costs little beside the model.
CONNECTIVITY = 16
EXPANSION_ADD = 64
EXPANSION_SEARCH = 1024
_META_FORMAT = 1


def quantize(vectors: np.ndarray) -> np.ndarray:
    """Float vectors as int8, each row scaled so its largest component is +-127."""
    import numpy as np

    x = np.asarray(vectors, dtype=np.float32)
    if x.ndim == 1:
        x = x[None, :]
    peak = np.abs(x).max(axis=1, keepdims=True)
    scale = 127.0 / np.maximum(peak, 1e-12)
    return np.clip(np.rint(x * scale), -127, 127).astype(np.int8)


def dequantize(codes: np.ndarray) -> np.ndarray:
    """int8 rows back to float32 unit vectors (the direction :func:`quantize` kept)."""
    import numpy as np

    x = np.asarray(codes, dtype=np.float32)
    if x.ndim == 1:
        x = x[None, :]
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.maximum(norms, 1e-12)


def exact_search(
    matrix: np.ndarray, ids: np.ndarray, queries: np.ndarray, k: int
) -> list[list[tuple[int, float]]]:
    """The ``k`` rows of ``matrix`` (unit vectors) nearest each query, best first."""
    import numpy as np

    if len(ids) == 0 or k <= 0:
        return [[] for _ in range(len(queries))]
    q = np.asarray(queries, dtype=np.float32)
    sims = q @ matrix.T
    k = min(k, len(ids))
    out: list[list[tuple[int, float]]] = []
    for row in sims:
        top = np.argpartition(-row, k - 1)[:k] if k < len(row) else np.arange(len(row))
        # ties broken by id, so exact search is deterministic
        order = sorted(top.tolist(), key=lambda j: (-float(row[j]), int(ids[j])))
        out.append([(int(ids[j]), float(row[j])) for j in order])
    return out


@dataclass(frozen=True, slots=True)
class IndexMeta:
    """What an index holds: the model whose vectors these are, how many, the newest id."""

    model_id: str
    dim: int
    count: int
    last_id: int
    last_digest: str = ""
    format: int = _META_FORMAT

    def to_json(self) -> dict[str, Any]:
        """Plain JSON values."""
        return asdict(self)


class VectorIndex:
    """Claims' sentence vectors, searchable by cosine similarity; add claims as they come.

    ``add(ids, codes)`` takes int8 rows from :func:`quantize` (the stored form); ``search``
    takes float query vectors and returns, for each, up to ``k`` ``(claim id, cosine)``
    pairs, best first. Exact below ``exact_limit`` vectors, approximate (HNSW) above.
    """

    def __init__(self, model_id: str, dim: int, *, exact_limit: int | None = None) -> None:
        import numpy as np

        self.model_id = model_id
        self.dim = int(dim)
        self.exact_limit = EXACT_LIMIT if exact_limit is None else exact_limit
        self.last_id = 0
        self.last_digest = ""
        self._ids = np.zeros(0, dtype=np.int64)
        self._matrix = np.zeros((0, self.dim), dtype=np.float32)
        self._graph: Any = None  # a usearch Index once past exact_limit
        self._viewed: Path | None = None  # the file the graph maps, if it is a view

    def __len__(self) -> int:
        return len(self._graph) if self._graph is not None else len(self._ids)

    @property
    def approximate(self) -> bool:
        """True once searches go through the HNSW graph."""
        return self._graph is not None

    @property
    def meta(self) -> IndexMeta:
        """What this index holds (compare with the database to tell if it is stale)."""
        return IndexMeta(self.model_id, self.dim, len(self), self.last_id, self.last_digest)

    def add(self, ids: Iterable[int] | np.ndarray, codes: np.ndarray) -> None:
        """Index int8 vectors (rows of ``codes``) under claim ids not indexed yet."""
        import numpy as np

        if self._viewed is not None:
            raise ValueError("a mapped index is read-only: take in_memory() first")
        keys = np.asarray(ids if isinstance(ids, np.ndarray) else list(ids), dtype=np.int64)
        rows = np.asarray(codes, dtype=np.int8).reshape(len(keys), self.dim)
        if len(keys) == 0:
            return
        if self._graph is None and len(self._ids) + len(keys) > self.exact_limit:
            self._graph = _new_graph(self.dim)
            if len(self._ids):
                _graph_add(self._graph, self._ids, quantize(self._matrix))
            self._ids = np.zeros(0, dtype=np.int64)
            self._matrix = np.zeros((0, self.dim), dtype=np.float32)
        if self._graph is not None:
            _graph_add(self._graph, keys, rows)
        else:
            self._ids = np.concatenate([self._ids, keys])
            self._matrix = np.concatenate([self._matrix, dequantize(rows)])
        top = int(np.argmax(keys))
        if int(keys[top]) > self.last_id:
            self.last_id = int(keys[top])
            self.last_digest = vector_digest(rows[top])

    def ids(self) -> np.ndarray:
        """The claim ids indexed (int64, in no particular order)."""
        import numpy as np

        if self._graph is not None:
            return np.asarray(self._graph.keys, dtype=np.int64)
        return self._ids.copy()

    def remove(self, ids: Iterable[int] | np.ndarray) -> int:
        """Forget these claims' vectors (a claim whose text changed, or that is gone)."""
        import numpy as np

        if self._viewed is not None:
            raise ValueError("a mapped index is read-only: take in_memory() first")
        keys = np.asarray(ids if isinstance(ids, np.ndarray) else list(ids), dtype=np.int64)
        if len(keys) == 0:
            return 0
        if self._graph is not None:
            present = [k for k in keys.tolist() if k in self._graph]
            if present:
                self._graph.remove(np.asarray(present, dtype=np.uint64))
            return len(present)
        keep = ~np.isin(self._ids, keys)
        removed = int((~keep).sum())
        self._ids, self._matrix = self._ids[keep], self._matrix[keep]
        return removed

    def search(self, queries: np.ndarray, k: int = 10) -> list[list[tuple[int, float]]]:
        """For each query vector, its ``k`` nearest claims as ``(claim id, cosine)``."""
        import numpy as np

        q = np.asarray(queries, dtype=np.float32)
        if q.ndim == 1:
            q = q[None, :]
        if len(q) == 0:
            return []
        if self._graph is None:
            return exact_search(self._matrix, self._ids, dequantize(q), k)
        if len(self._graph) == 0 or k <= 0:
            return [[] for _ in range(len(q))]
        found = self._graph.search(quantize(q), k, threads=os.cpu_count() or 1)
        keys = np.atleast_2d(found.keys)
        dists = np.atleast_2d(found.distances)
        # one query gives a flat Matches (no counts), several a BatchMatches
        counts = np.atleast_1d(np.asarray(getattr(found, "counts", keys.shape[1])))
        return [
            [(int(keys[i, j]), 1.0 - float(dists[i, j])) for j in range(int(counts[i]))]
            for i in range(len(q))
        ]

    # -- saving: only the graph is worth a file; exact sets rebuild in moments ------------

    def save(self, path: str | Path) -> bool:
        """Write the graph to ``path`` and its :class:`IndexMeta` beside it (``.json``).

        Returns False (and writes nothing) for an exact index, which is cheaper to rebuild
        from the database than to read. Written to temporary names and renamed, so a
        crash leaves the old pair or the new one, and the meta file goes last.
        """
        if self._graph is None:
            return False
        target = Path(path)
        meta_path = meta_path_for(target)
        tmp = target.with_name(target.name + ".tmp")
        self._graph.save(str(tmp))
        os.replace(tmp, target)
        tmp_meta = meta_path.with_name(meta_path.name + ".tmp")
        tmp_meta.write_text(json.dumps(self.meta.to_json()), encoding="utf-8")
        os.replace(tmp_meta, meta_path)
        return True

    @classmethod
    def load(cls, path: str | Path, *, view: bool = False) -> VectorIndex | None:
        """The index saved at ``path``, or None if there is none or it is unreadable.

        ``view``: map the file instead of reading it (not on Windows, where a mapped file
        cannot be replaced): a search touches a small part of the graph, so a process that
        only searches keeps a fraction of it in memory. Such an index is read whole
        (:meth:`in_memory`) before anything is added or removed.
        """
        target = Path(path)
        meta = read_meta(target)
        if meta is None or not target.is_file():
            return None
        view = view and sys.platform != "win32"
        try:
            Index = _usearch_index()
            graph = Index.restore(str(target), view=view)
        except Exception:  # noqa: BLE001 - a damaged cache file is rebuilt, never fatal
            return None
        if graph is None or len(graph) != meta.count or graph.ndim != meta.dim:
            return None
        graph.expansion_search = EXPANSION_SEARCH
        index = cls(meta.model_id, meta.dim)
        index._graph = graph
        index.last_id = meta.last_id
        index.last_digest = meta.last_digest
        index._viewed = target if view else None
        return index

    @property
    def viewed(self) -> bool:
        """True while the graph is the saved file mapped, not a copy in memory."""
        return self._viewed is not None

    def in_memory(self) -> VectorIndex | None:
        """This index read whole into memory (itself if it is already); None if the file
        no longer holds the same index (another process saved a new one meanwhile)."""
        if self._viewed is None:
            return self
        whole = VectorIndex.load(self._viewed)
        if whole is None or whole.meta != self.meta:
            return None
        return whole


def vector_digest(code: np.ndarray) -> str:
    """A short fingerprint of one stored vector: tells one database's claim from another's."""
    import hashlib

    import numpy as np

    return hashlib.sha256(np.ascontiguousarray(code, dtype=np.int8).tobytes()).hexdigest()[:16]


def meta_path_for(path: Path) -> Path:
    """Where the meta of the index at ``path`` is kept."""
    return path.with_name(path.name + ".json")


def read_meta(path: str | Path) -> IndexMeta | None:
    """The meta saved with the index at ``path``; None if missing or not ours."""
    try:
        data = json.loads(meta_path_for(Path(path)).read_text(encoding="utf-8"))
        meta = IndexMeta(
            model_id=str(data["model_id"]),
            dim=int(data["dim"]),
            count=int(data["count"]),
            last_id=int(data["last_id"]),
            last_digest=str(data.get("last_digest", "")),
            format=int(data.get("format", 0)),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return meta if meta.format == _META_FORMAT else None


def _usearch_index() -> Any:
    """usearch's ``Index`` class, imported after onnxruntime.

    Importing onnxruntime after usearch crashes the process (a segmentation fault, seen
    with usearch 2.26 and onnxruntime 1.32); the other order is fine, so the model's
    runtime, when installed, is always loaded first.
    """
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        pass
    from usearch.index import Index

    return Index


def _new_graph(dim: int) -> Any:
    Index = _usearch_index()
    return Index(
        ndim=dim,
        metric="cos",
        dtype="i8",
        connectivity=CONNECTIVITY,
        expansion_add=EXPANSION_ADD,
        expansion_search=EXPANSION_SEARCH,
    )


def _graph_add(graph: Any, keys: np.ndarray, codes: np.ndarray) -> None:
    import numpy as np

    graph.add(keys.astype(np.uint64), codes, threads=os.cpu_count() or 1)
