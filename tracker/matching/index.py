"""An incremental index of stored claims, for matching each new story as it arrives.

Claims are kept compactly (one 32-bit code per term occurrence, a byte of polarity per
claim) with an inverted index from term to claim rows. A query accumulates weighted
overlap over the posting lists of its terms (rarest first, skipping terms so common that
they would not decide anything), then scores the best-overlapping claims exactly.
"""

from __future__ import annotations

import heapq
import json
import multiprocessing
import os
import struct
import sys
import threading
import zlib
from array import array
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

from tracker.matching.aliases import AliasTable
from tracker.matching.normalize import ClaimTerms, analyze
from tracker.matching.score import SUGGEST_THRESHOLD, Matcher, Profile, _score
from tracker.matching.weights import IdfTable

__all__ = ["ClaimIndex"]

_WORKER_ALIASES: AliasTable | None = None


def _init_worker(aliases: AliasTable | None) -> None:
    global _WORKER_ALIASES
    _WORKER_ALIASES = aliases


def _analyze_in_worker(text: str) -> ClaimTerms:
    return analyze(text, _WORKER_ALIASES)


_MAGIC = b"TRKLEX\x00\x01"
_FORMAT = 2
# Weighed rows kept for reuse: enough for every claim of a database of moderate size (each
# takes about 2 KB), a bounded share of a big one.
_PROFILE_CACHE = 100_000


class ClaimIndex:
    """Stored claims, searchable by similarity; add claims as stories arrive.

    ``query(text)`` returns ``(claim_id, score)`` for stored claims at or above a threshold;
    ``candidates(text, k)`` the ``k`` best whatever their score. The index keeps its own
    :class:`IdfTable`, so term weights follow the stored corpus. A query reads the posting
    lists of its terms rarest first until ``budget`` postings are read (the commoner terms
    still count when the best ``rerank`` candidates are scored exactly).
    """

    def __init__(
        self,
        aliases: AliasTable | None = None,
        *,
        idf: IdfTable | None = None,
        budget: int = 10_000,
        rerank: int = 64,
        profile_cache: int = _PROFILE_CACHE,
    ) -> None:
        self.aliases = aliases
        self.idf = idf if idf is not None else IdfTable()
        self.matcher = Matcher(aliases, self.idf, cache_size=1024)
        self.budget = budget
        self.rerank = rerank
        self._vocab: dict[str, int] = {}
        self._terms: list[str] = []
        self._postings: list[array[int]] = []
        self._codes: array[int] = array("I")
        self._starts: array[int] = array("Q", [0])
        self._negated = bytearray()
        self._ids: list[Hashable] = []
        self._row: dict[Hashable, int] = {}
        self._deleted: set[int] = set()
        # Weighed rows, so a row that is a candidate of many queries (a matching run over
        # every claim) is weighed once; dropped whenever the weights change.
        self._profiles: dict[int, Profile] = {}
        self._profile_cache = profile_cache
        self._profile_stamp = self._weights_stamp()
        self._profile_lock = threading.Lock()
        #: What the one who saved the index noted with it (see :meth:`save`).
        self.meta: dict[str, Any] = {}

    def __len__(self) -> int:
        return len(self._ids) - len(self._deleted)

    def __contains__(self, claim_id: object) -> bool:
        return claim_id in self._row

    # -- building ------------------------------------------------------------------------

    def add(self, claim_id: Hashable, text: str) -> None:
        """Index one claim (re-adding an id replaces its text)."""
        self.add_terms(claim_id, self.matcher.analyze(text))

    def add_many(self, rows: Iterable[tuple[Hashable, str]], *, workers: int = 1) -> int:
        """Index many ``(claim_id, text)`` rows; returns how many were added.

        ``workers > 1`` reads the texts in that many processes (worth it from tens of
        thousands of rows); the index itself is built in this one.
        """
        n = 0
        if workers > 1:
            items = list(rows)
            ids = [cid for cid, _ in items]
            texts = [text for _, text in items]
            chunk = max(1, min(20_000, len(texts) // (workers * 4) + 1))
            ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
            with ctx.Pool(workers, initializer=_init_worker, initargs=(self.aliases,)) as pool:
                for claim_id, claim in zip(
                    ids, pool.imap(_analyze_in_worker, texts, chunksize=chunk), strict=True
                ):
                    self.add_terms(claim_id, claim)
                    n += 1
            return n
        analyze = self.matcher.analyze
        for claim_id, text in rows:
            self.add_terms(claim_id, analyze(text))
            n += 1
        return n

    def add_terms(self, claim_id: Hashable, claim: ClaimTerms) -> None:
        """Index a claim already analysed (with this index's aliases)."""
        if claim_id in self._row:
            self.remove(claim_id)
        row = len(self._ids)
        vocab, terms, postings, codes = self._vocab, self._terms, self._postings, self._codes
        names, attribution = claim.names, claim.attribution
        seen: set[int] = set()
        for t in claim.terms:
            tid = vocab.get(t)
            if tid is None:
                tid = len(terms)
                vocab[t] = tid
                terms.append(t)
                postings.append(array("I"))
            codes.append(tid << 2 | (t in names) << 1 | (t in attribution))
            if tid not in seen:
                seen.add(tid)
                postings[tid].append(row)
        self._starts.append(len(codes))
        self._negated.append(1 if claim.negated else 0)
        self._ids.append(claim_id)
        self._row[claim_id] = row
        self.idf.add(claim.terms)

    def remove(self, claim_id: Hashable) -> bool:
        """Forget a claim; False if it was not indexed."""
        row = self._row.pop(claim_id, None)
        if row is None:
            return False
        self._deleted.add(row)
        self.idf.remove(self._claim(row).terms)
        return True

    def set_aliases(
        self,
        aliases: AliasTable,
        texts_of: Callable[[list[Hashable]], Mapping[Hashable, str]],
    ) -> int:
        """Use a new alias table (the old one with pairs learned since), analysing again only
        the claims it can change; their texts come from ``texts_of(claim_ids)``. Returns how
        many claims were analysed again.

        A claim reads differently only where a new phrase is found in it or a group's
        canonical name changed. Stored claims hold canonical terms, so the claims to read
        again are those holding a new phrase's first term, and those holding the canonical
        terms of a group that changed or that shares a first term with a new phrase.
        """
        rows = self._alias_rows(self.aliases, aliases)
        self.aliases = aliases
        self.matcher = Matcher(aliases, self.idf, cache_size=1024)
        with self._profile_lock:
            self._profiles.clear()
        ids = [self._ids[r] for r in sorted(rows)]
        texts = texts_of(ids)
        for cid in ids:
            text = texts.get(cid)
            if text is None:
                self.remove(cid)  # gone from the store meanwhile
            else:
                self.add(cid, text)
        return len(ids)

    def _alias_rows(self, old: AliasTable | None, new: AliasTable) -> set[int]:
        """Live rows that may read differently with ``new`` than with ``old``."""
        before = old.roots() if old is not None else {}
        after = new.roots()
        fresh = [key for key in after if key not in before]
        firsts = {key[0] for key in fresh}
        rows: set[int] = set()
        for term in firsts:
            tid = self._vocab.get(term)
            if tid is not None:
                rows.update(self._postings[tid])
        changed = {root for key, root in before.items() if key[0] in firsts or after[key] != root}
        for root in changed:
            rows |= self._rows_with_all(root)
        return rows - self._deleted

    def _rows_with_all(self, terms: Sequence[str]) -> set[int]:
        """Rows holding every one of ``terms``."""
        tids = [self._vocab.get(t) for t in set(terms)]
        if not tids or any(t is None for t in tids):
            return set()
        lists = sorted((self._postings[t] for t in tids if t is not None), key=len)
        found = set(lists[0])
        for plist in lists[1:]:
            found.intersection_update(plist)
        return found

    @classmethod
    def from_rows(
        cls, rows: Iterable[tuple[Hashable, str]], aliases: AliasTable | None = None, **options: Any
    ) -> ClaimIndex:
        """An index over ``(claim_id, text)`` rows, e.g. straight from the database."""
        index = cls(aliases, **options)
        index.add_many(rows)
        return index

    # -- reading -------------------------------------------------------------------------

    def _claim(self, row: int) -> ClaimTerms:
        codes = self._codes[self._starts[row] : self._starts[row + 1]]
        terms = self._terms
        words = tuple(terms[c >> 2] for c in codes)
        names = frozenset(terms[c >> 2] for c in codes if c & 2)
        attr = {terms[c >> 2] for c in codes if c & 1}
        plain = {terms[c >> 2] for c in codes if not c & 1}
        return ClaimTerms(
            terms=words,
            names=names,
            attribution=frozenset(attr - plain),
            negations=("not",) if self._negated[row] else (),
        )

    def profile(self, claim_id: Hashable) -> Profile:
        """The stored claim's weighted form."""
        return self._row_profile(self._row[claim_id])

    def _weights_stamp(self) -> tuple[int, int]:
        return (self.idf.version, self.aliases.version if self.aliases is not None else -1)

    def _row_profile(self, row: int) -> Profile:
        """A row's weighted form: weighed once while the weights stay as they are.

        Threads may weigh rows at once (the review UI's workers): the cache is read and
        changed under a lock, and a profile weighed while the weights changed is not kept.
        """
        stamp = self._weights_stamp()
        cache = self._profiles
        with self._profile_lock:
            if stamp != self._profile_stamp:
                cache.clear()
                self._profile_stamp = stamp
            hit = cache.get(row)
        if hit is not None:
            return hit
        hit = self.matcher.profile_terms(self._claim(row))
        if self._profile_cache > 0:
            with self._profile_lock:
                if self._weights_stamp() == stamp == self._profile_stamp:
                    if len(cache) >= self._profile_cache:
                        del cache[next(iter(cache))]  # the oldest
                    cache[row] = hit
        return hit

    def _candidate_rows(self, query: Profile, limit: int) -> list[int]:
        """Rows sharing the most rare terms with ``query``.

        Posting lists are read rarest first, as sets (C speed), until ``budget`` postings
        are read. ``layers[k]`` holds the rows found in more than ``k`` of them; the pool
        comes from the deepest layers first and is ranked by the weight of the terms each
        row shares, so a claim that shares a number, a place and a name with the query comes
        before one that only shares its weekday and boilerplate.
        """
        vocab, postings = self._vocab, self._postings
        budget = self.budget
        found = sorted(
            (len(postings[vocab[t]]), vocab[t], query.weights[t]) for t in query.terms if t in vocab
        )
        layers: list[set[int]] = []
        sets: list[tuple[set[int], float]] = []
        touched = 0
        for df, tid, weight in found:
            plist = postings[tid]
            if touched + df > budget:
                if touched:
                    break  # the rest are commoner still; exact scoring weighs them
                plist = plist[-budget:]  # no rare term at all: the most recent claims
            rows = set(plist)
            sets.append((rows, weight))
            for k in range(len(layers) - 1, -1, -1):
                deeper = layers[k] & rows
                if deeper:
                    if k + 1 == len(layers):
                        layers.append(deeper)
                    else:
                        layers[k + 1] |= deeper
            if layers:
                layers[0] |= rows
            else:
                layers.append(set(rows))  # a copy: layers[0] grows, ``sets`` must not
            touched += len(plist)
        deleted = self._deleted
        pool: set[int] = set()
        for layer in reversed(layers):
            pool |= layer
            if len(pool) >= 4 * limit:
                break
        if deleted:
            pool -= deleted
        if len(pool) <= limit:
            return list(pool)
        # the weight each row shares, summed set by set (each set's rows in the pool at C
        # speed rather than each row looked up in every set)
        shared = dict.fromkeys(pool, 0.0)
        for rows, w in sets:
            for r in rows & pool:
                shared[r] += w
        return heapq.nlargest(limit, shared, key=shared.__getitem__)

    def scored(
        self, text: str, limit: int | None = None, *, floor: float = 0.0
    ) -> list[tuple[Hashable, float]]:
        """Candidates for ``text`` scored exactly, best first; with ``floor``, only those
        scoring at least that (the others are left unscored as soon as they cannot reach it).
        """
        query = self.matcher.profile_terms(self.matcher.analyze(text))
        rows = self._candidate_rows(query, limit or self.rerank)
        profile, ids = self._row_profile, self._ids
        if floor > 0.0:
            scores = [(ids[r], _score(query, profile(r), floor)) for r in rows]
            out = [p for p in scores if p[1] >= floor]
        else:
            out = [(ids[r], _score(query, profile(r))) for r in rows]
        out.sort(key=lambda p: -p[1])
        return out

    def query(
        self, text: str, threshold: float = SUGGEST_THRESHOLD, k: int | None = None
    ) -> list[tuple[Hashable, float]]:
        """Stored claims whose similarity to ``text`` reaches ``threshold``, best first."""
        hits = [p for p in self.scored(text, max(self.rerank, k or 0)) if p[1] >= threshold]
        return hits[:k] if k else hits

    def candidates(
        self, text: str, k: int = 10, *, floor: float = 0.0
    ) -> list[tuple[Hashable, float]]:
        """The ``k`` stored claims most similar to ``text``, best first; with ``floor``,
        those of them scoring at least that (the same claims, fewer of them scored)."""
        return self.scored(text, max(self.rerank, k), floor=floor)[:k]

    # -- saving --------------------------------------------------------------------------

    def to_bytes(self, meta: Mapping[str, Any] | None = None) -> bytes:
        """The index as bytes (see :meth:`from_bytes`); claim ids must be integers.
        ``meta``: plain JSON values kept with it (read back as :attr:`meta`).

        Plain arrays behind a small JSON header, never pickle: a file beside a database can
        be read back without running anything it holds, and reading it is a few copies
        (about a second for a million claims) instead of analysing every claim again.
        """
        if not all(type(cid) is int for cid in self._ids):
            raise ValueError("only an index of integer claim ids can be saved")
        term_bytes = [t.encode("utf-8") for t in self._terms]
        df = self.idf.df
        extra = [t for t in df if t not in self._vocab]
        extra_bytes = [t.encode("utf-8") for t in extra]
        sections: list[tuple[str, bytes]] = [
            ("term_sizes", array("I", map(len, term_bytes)).tobytes()),
            ("terms", b"".join(term_bytes)),
            ("posting_sizes", array("I", map(len, self._postings)).tobytes()),
            ("postings", b"".join(p.tobytes() for p in self._postings)),
            ("codes", self._codes.tobytes()),
            ("starts", self._starts.tobytes()),
            ("negated", bytes(self._negated)),
            ("ids", array("q", cast("list[int]", self._ids)).tobytes()),
            ("deleted", array("Q", sorted(self._deleted)).tobytes()),
            ("df", array("I", (df.get(t, 0) for t in self._terms)).tobytes()),
            ("extra_sizes", array("I", map(len, extra_bytes)).tobytes()),
            ("extra_terms", b"".join(extra_bytes)),
            ("extra_df", array("I", (df[t] for t in extra)).tobytes()),
        ]
        body = b"".join(data for _, data in sections)
        header = json.dumps(
            {
                "format": _FORMAT,
                "sizes": [[name, len(data)] for name, data in sections],
                "checksum": zlib.crc32(body),
                "byteorder": sys.byteorder,
                "docs": self.idf.docs,
                "aliases": self.aliases.pairs() if self.aliases is not None else None,
                "budget": self.budget,
                "rerank": self.rerank,
                "meta": dict(meta or {}),
            }
        ).encode("utf-8")
        return _MAGIC + struct.pack("<I", len(header)) + header + body

    @classmethod
    def from_bytes(cls, data: bytes, *, aliases: AliasTable | None = None) -> ClaimIndex:
        """Rebuild an index saved with :meth:`to_bytes`.

        ``aliases``: the table to use instead of the saved one (the caller has checked that
        it holds the same pairs). Raises ValueError for anything that is not such an index
        intact (another format, a truncated or damaged file).
        """
        view = memoryview(data)
        header, at = _header(view)
        sizes = [(str(name), int(n)) for name, n in header["sizes"]]
        body = view[at:]
        if len(body) != sum(n for _, n in sizes) or zlib.crc32(body) != header.get("checksum"):
            raise ValueError("the saved claim index is damaged (its checksum disagrees)")
        part: dict[str, memoryview] = {}
        at = 0
        for name, n in sizes:
            part[name] = body[at : at + n]
            at += n
        try:
            index = cls._from_parts(part, header, aliases)
        except (KeyError, IndexError, TypeError, ValueError, UnicodeDecodeError) as exc:
            raise ValueError("the saved claim index is inconsistent; rebuild it") from exc
        index.meta = dict(header.get("meta") or {})
        return index

    @classmethod
    def _from_parts(
        cls, part: dict[str, memoryview], header: dict[str, Any], aliases: AliasTable | None
    ) -> ClaimIndex:
        terms = _strings(part["term_sizes"], part["terms"])
        extra = _strings(part["extra_sizes"], part["extra_terms"])
        df_counts = _ints("I", part["df"])
        df = {t: n for t, n in zip(terms, df_counts, strict=True) if n}
        df.update(zip(extra, _ints("I", part["extra_df"]), strict=True))
        if aliases is None and header["aliases"] is not None:
            aliases = AliasTable(tuple(p) for p in header["aliases"])
        index = cls(
            aliases,
            idf=IdfTable(df=df, docs=int(header["docs"])),
            budget=int(header["budget"]),
            rerank=int(header["rerank"]),
        )
        flat = _ints("I", part["postings"])
        postings: list[array[int]] = []
        at = 0
        for n in _ints("I", part["posting_sizes"]):
            postings.append(flat[at : at + n])
            at += n
        if at != len(flat) or len(postings) != len(terms):
            raise ValueError("postings disagree with the terms")
        index._terms = terms
        index._vocab = {t: i for i, t in enumerate(terms)}
        index._postings = postings
        index._codes = _ints("I", part["codes"])
        index._starts = _ints("Q", part["starts"])
        index._negated = bytearray(part["negated"])
        ids: list[Hashable] = list(_ints("q", part["ids"]).tolist())
        if not (len(ids) + 1 == len(index._starts) == len(index._negated) + 1):
            raise ValueError("rows disagree")
        index._ids = ids
        index._deleted = set(_ints("Q", part["deleted"]).tolist())
        deleted = index._deleted
        index._row = (
            {cid: r for r, cid in enumerate(ids) if r not in deleted}
            if deleted
            else dict(zip(ids, range(len(ids)), strict=True))
        )
        return index

    def save(self, path: str | Path, meta: Mapping[str, Any] | None = None) -> None:
        """Write the index to ``path`` with ``meta`` (through a temporary file: a crash
        leaves the old file or the new one, never half of one)."""
        target = Path(path)
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        try:
            tmp.write_bytes(self.to_bytes(meta))
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)

    @classmethod
    def load(cls, path: str | Path, *, aliases: AliasTable | None = None) -> ClaimIndex:
        """Read an index written by :meth:`save` (ValueError if it is damaged)."""
        return cls.from_bytes(Path(path).read_bytes(), aliases=aliases)

    @staticmethod
    def saved_meta(path: str | Path) -> dict[str, Any] | None:
        """The meta saved with the index at ``path``, read without the index; None if there
        is no such file or it is no saved index."""
        try:
            with open(path, "rb") as f:
                head = f.read(len(_MAGIC) + 4)
                if len(head) < len(_MAGIC) + 4 or head[: len(_MAGIC)] != _MAGIC:
                    return None
                (size,) = struct.unpack_from("<I", head, len(_MAGIC))
                header, _ = _header(memoryview(head + f.read(size)))
        except (OSError, ValueError):
            return None
        return dict(header.get("meta") or {})

    def ids(self) -> Sequence[Hashable]:
        """The ids of the claims indexed (live ones only)."""
        return [cid for r, cid in enumerate(self._ids) if r not in self._deleted]


def _header(view: memoryview) -> tuple[dict[str, Any], int]:
    """A saved index's header and where its body starts; ValueError if it is none of ours."""
    start = len(_MAGIC) + 4
    if len(view) < start or bytes(view[: len(_MAGIC)]) != _MAGIC:
        raise ValueError("not a saved claim index")
    (size,) = struct.unpack_from("<I", view, len(_MAGIC))
    try:
        header = json.loads(bytes(view[start : start + size]))
        if not isinstance(header, dict) or not isinstance(header["sizes"], list):
            raise TypeError("no sizes")
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError("the saved claim index's header is damaged") from exc
    if header.get("format") != _FORMAT or header.get("byteorder") != sys.byteorder:
        raise ValueError("claim index saved by an incompatible version; rebuild it")
    return header, start + size


def _ints(typecode: str, data: memoryview) -> array[int]:
    """An array of ``typecode`` read from saved bytes."""
    out = array(typecode)
    if len(data) % out.itemsize:
        raise ValueError("a saved array has a partial item")
    out.frombytes(data)
    return out


def _strings(sizes: memoryview, data: memoryview) -> list[str]:
    """Strings saved as their UTF-8 sizes and the bytes run together."""
    blob = bytes(data)
    out: list[str] = []
    at = 0
    for n in _ints("I", sizes):
        out.append(blob[at : at + n].decode("utf-8"))
        at += n
    if at != len(blob):
        raise ValueError("saved strings disagree with their sizes")
    return out
