"""An incremental index of stored claims, for matching each new story as it arrives.

Claims are kept compactly (one 32-bit code per term occurrence, a byte of polarity per
claim) with an inverted index from term to claim rows. A query accumulates weighted
overlap over the posting lists of its terms (rarest first, skipping terms so common that
they would not decide anything), then scores the best-overlapping claims exactly.
"""

from __future__ import annotations

import heapq
import multiprocessing
import pickle
import sys
from array import array
from collections.abc import Hashable, Iterable, Sequence
from pathlib import Path
from typing import Any

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


_FORMAT = 1
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
        """A row's weighted form: weighed once while the weights stay as they are."""
        stamp = self._weights_stamp()
        cache = self._profiles
        if stamp != self._profile_stamp:
            cache.clear()
            self._profile_stamp = stamp
        hit = cache.get(row)
        if hit is None:
            hit = self.matcher.profile_terms(self._claim(row))
            if self._profile_cache > 0:
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

    def to_bytes(self) -> bytes:
        """The index as bytes (see :meth:`from_bytes`)."""
        state = {
            "format": _FORMAT,
            "terms": self._terms,
            "postings": self._postings,
            "codes": self._codes,
            "starts": self._starts,
            "negated": bytes(self._negated),
            "ids": self._ids,
            "deleted": sorted(self._deleted),
            "idf": self.idf.to_dict(),
            "aliases": self.aliases.pairs() if self.aliases is not None else None,
            "budget": self.budget,
            "rerank": self.rerank,
        }
        return pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def from_bytes(cls, data: bytes) -> ClaimIndex:
        """Rebuild an index saved with :meth:`to_bytes` (only load bytes you wrote)."""
        state = pickle.loads(data)  # our own cache file, never user input
        if state.get("format") != _FORMAT:
            raise ValueError("claim index saved by an incompatible version; rebuild it")
        aliases = AliasTable(state["aliases"]) if state["aliases"] is not None else None
        index = cls(
            aliases,
            idf=IdfTable.from_dict(state["idf"]),
            budget=state["budget"],
            rerank=state["rerank"],
        )
        index._terms = list(state["terms"])
        index._vocab = {t: i for i, t in enumerate(index._terms)}
        index._codes = state["codes"]
        index._starts = state["starts"]
        index._negated = bytearray(state["negated"])
        index._ids = list(state["ids"])
        index._deleted = set(state["deleted"])
        index._row = {cid: r for r, cid in enumerate(index._ids) if r not in index._deleted}
        index._postings = list(state["postings"])
        return index

    def save(self, path: str | Path) -> None:
        """Write the index to ``path``."""
        Path(path).write_bytes(self.to_bytes())

    @classmethod
    def load(cls, path: str | Path) -> ClaimIndex:
        """Read an index written by :meth:`save`."""
        return cls.from_bytes(Path(path).read_bytes())

    def ids(self) -> Sequence[Hashable]:
        """The ids of the claims indexed (live ones only)."""
        return [cid for r, cid in enumerate(self._ids) if r not in self._deleted]
