"""Cross-story matching in the database: find, store, review and cluster matches.

Built on :mod:`tracker.matching` (pure). A run reads the claims, the stories' aliases
(learned ones are kept in the ``alias`` table, per database) and scores each claim to
match against every claim of the other stories through a :class:`ClaimIndex`. Each pair
becomes a ``match`` row: ``same`` or ``conflict``, ``linked`` above the upper threshold,
``suggested`` between the two. A reviewer accepts or rejects suggestions (audited on both
claims); a rejected pair is never suggested again, and a rebuild keeps every decision.
Claims joined by linked or accepted ``same`` matches share a ``cluster_id``.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from tracker.matching import (
    LINK_THRESHOLD,
    SUGGEST_THRESHOLD,
    AliasTable,
    ClaimIndex,
    Matcher,
    clusters,
    decide,
    learn_aliases,
)
from tracker.matching.hybrid import CANDIDATE_COSINE, CONFLICT_COSINE
from tracker.matching.pairs import CAN_FORK
from tracker.models import (
    alias_table,
    claim_table,
    embedding_table,
    match_table,
    story_table,
    utcnow,
)
from tracker.store.claims import ClaimMatch, _record, claim_text, matches_of
from tracker.store.core import ClaimNotFound, Store, StoreError
from tracker.store.embeddings import claim_vectors, embed_claims, encoder_status, vector_index
from tracker.store.lexical import lexical_index
from tracker.vocab import ClaimState, ClaimStatus, MatchKind, MatchState
from tracker.words import counted

if TYPE_CHECKING:
    from tracker.matching.vectors import VectorIndex
    from tracker.store.embeddings import LayeredIndex

__all__ = [
    "ClaimMatch",
    "ClusterMember",
    "MatchDecision",
    "MatchNotFound",
    "MatchRun",
    "SimilarClaim",
    "SimilarResult",
    "accept_match",
    "claim_cluster",
    "claim_matches",
    "decide_match",
    "load_aliases",
    "match_claims",
    "reject_match",
    "similar_claims",
]

#: How many stored claims each claim is compared with in full, at most: from the lexical
#: index, and (``VECTOR_CANDIDATES``) the nearest in meaning from the vector index.
CANDIDATES = 25
VECTOR_CANDIDATES = 10
# Claims matched per round (their vectors and candidates' vectors are read together), and
# how many vectors a run keeps read at most.
_TARGET_BATCH = 2_000
_KEEP_VECTORS = 200_000
# Runs with this many claims to match read their lexical candidates in helper processes.
_PARALLEL_TARGETS = 2_000
_LEXICAL_WORKERS = 2
# Claims a run keeps read (weighed, with their surface words) at most.
_KEEP_PROFILES = 100_000
# A rebuild of this many claims goes through _find_all_pairs (up to the second figure: it
# holds every claim's vector as float32 and every text at once, 1 GB at 100,000 claims);
# from this many candidate pairs, they are classified in several processes.
_ALL_PAIRS_FROM = 2_000
_ALL_PAIRS_UP_TO = 250_000
_PARALLEL_CLASSIFY = 5_000
#: Up to this many claims without a vector, a run gives every one of them a vector (so
#: `tracker db check` advises plain `tracker match` below it, `--rebuild` above).
EMBED_ALL_BELOW = 2_000
DECIDED = (MatchState.ACCEPTED, MatchState.REJECTED)
# Candidate pairs a rebuild classifies in one piece of work (it reports its progress after
# each piece).
_CLASSIFY_PIECE = 20_000

#: ``steps(done, total, what)``: where a run is in its step ``what`` (the progress bar of
#: ``tracker match`` and ``tracker ingest``); ``total`` is None for a step with no count.
Steps = Callable[[int, int | None, str], None]


def _no_steps(done: int, total: int | None, what: str) -> None:
    """A run nobody watches."""


def embed_command(missing: int) -> str:
    """The command that gives ``missing`` claims their vectors: a plain run while they are
    few (it embeds them all), a rebuild beyond."""
    return "tracker match" if missing <= EMBED_ALL_BELOW else "tracker match --rebuild"


class MatchNotFound(StoreError):
    """No match has that id."""

    def __init__(self, match_id: int) -> None:
        super().__init__(f"no match with id {match_id}")
        self.match_id = match_id


@dataclass(frozen=True, slots=True)
class MatchRun:
    """What one matching run did."""

    claims: int
    compared_with: int
    linked: int
    suggested: int
    conflicts: int
    kept_decisions: int
    clusters: int
    clustered_claims: int
    aliases_learned: int
    seconds: float
    embedded: int = 0
    semantic: bool = False
    lexical_only_reason: str | None = None
    #: Said once when the lexical index kept beside the database was damaged and rebuilt.
    index_note: str | None = None

    def summary(self) -> str:
        """One line for people (more when matching ran on wording alone, or the index
        kept beside the database had to be rebuilt)."""
        line = (
            f"matched {counted(self.claims, 'claim')} against {self.compared_with:,}: "
            f"{self.linked:,} linked, {self.suggested:,} suggested, "
            f"{counted(self.conflicts, 'conflict')}; {counted(self.clusters, 'cluster')} of "
            f"{counted(self.clustered_claims, 'claim')}; "
            f"{counted(self.aliases_learned, 'alias', 'aliases')} learned ({self.seconds:.1f} s)"
        )
        notes = [n for n in (self.fallback_note(), self.index_note) if n]
        return "\n".join([line, *notes])

    def fallback_note(self) -> str | None:
        """The plain sentence saying matching ran on wording alone, and why; else None."""
        if self.lexical_only_reason is None:
            return None
        return f"semantic matching unavailable: {self.lexical_only_reason}; matched by wording only"

    def to_json(self) -> dict[str, Any]:
        """Plain JSON values."""
        return {
            "claims": self.claims,
            "compared_with": self.compared_with,
            "linked": self.linked,
            "suggested": self.suggested,
            "conflicts": self.conflicts,
            "kept_decisions": self.kept_decisions,
            "clusters": self.clusters,
            "clustered_claims": self.clustered_claims,
            "aliases_learned": self.aliases_learned,
            "seconds": round(self.seconds, 3),
            "embedded": self.embedded,
            "semantic": self.semantic,
            "lexical_only_reason": self.lexical_only_reason,
            "index_note": self.index_note,
        }


@dataclass(frozen=True, slots=True)
class ClusterMember:
    """Another claim of a claim's cluster, with where it ran and what was decided there."""

    claim_id: int
    text: str
    status: ClaimStatus
    story_id: int
    story_title: str
    outlet: str
    published: date | None


@dataclass(frozen=True, slots=True)
class MatchDecision:
    """A reviewer's decision on a suggested match."""

    match_id: int
    claim_a_id: int
    claim_b_id: int
    state: MatchState
    reviewer: str
    #: False when the match was already in that state: nothing was written.
    changed: bool = True


# -- aliases -------------------------------------------------------------------------------


def load_aliases(store: Store) -> AliasTable:
    """The aliases this database has learned."""
    with store.read() as conn:
        rows = conn.execute(
            sa.select(alias_table.c.alias, alias_table.c.canonical).order_by(alias_table.c.id)
        ).all()
    return AliasTable((r[0], r[1]) for r in rows)


def _learn_aliases(conn: sa.Connection, table: AliasTable, bodies: Iterable[str]) -> int:
    """Learn aliases from story bodies; keep the new ones. Returns how many were new."""
    known = set(conn.execute(sa.select(alias_table.c.alias)).scalars())
    fresh: list[dict[str, str]] = []
    for body in bodies:
        for alias, canonical in learn_aliases(body):
            if alias in known or len(alias) > 200 or len(canonical) > 200:
                continue
            if table.add(alias, canonical):
                known.add(alias)
                fresh.append({"alias": alias, "canonical": canonical})
    if fresh:
        conn.execute(sa.insert(alias_table), fresh)
    return len(fresh)


# -- the index over stored claims ------------------------------------------------------------


@dataclass
class _Corpus:
    """The stored claims a run compares with: the lexical index over all of them (kept
    beside the database, see :mod:`tracker.store.lexical`), and the texts and stories of
    those the run reads, fetched as it needs them."""

    index: ClaimIndex
    root_of: dict[int, int]
    store: Store
    texts: dict[int, str] = field(default_factory=dict)
    story_of: dict[int, int] = field(default_factory=dict)
    note: str | None = None

    def __len__(self) -> int:
        return len(self.index)

    def ids(self) -> set[int]:
        """Every claim in the index."""
        return {int(c) for c in self.index.ids()}  # type: ignore[call-overload]

    def read(self, ids: Iterable[int]) -> None:
        """Fetch the texts and stories of these claims that are not read yet."""
        need = sorted({i for i in ids if i not in self.texts})
        if not need:
            return
        with self.store.read() as conn:
            for start in range(0, len(need), 900):
                chunk = need[start : start + 900]
                self._take(conn.execute(_claim_rows().where(claim_table.c.id.in_(chunk))))

    def read_all(self) -> None:
        """Fetch every claim's text and story at once (a run over every claim)."""
        with self.store.read() as conn:
            self._take(conn.execute(_claim_rows()))

    def _take(self, rows: Iterable[Any]) -> None:
        for cid, sid, text, sentence in rows:
            self.texts[cid] = claim_text(text, sentence)
            self.story_of[cid] = sid


def _claim_rows() -> sa.Select[Any]:
    return sa.select(
        claim_table.c.id, claim_table.c.story_id, claim_table.c.text, claim_table.c.sentence
    )


# Claims that take part in no match: an older version's, and non-claims a reviewer dismissed.
UNMATCHED_STATES = (ClaimState.SUPERSEDED, ClaimState.DISMISSED)


def _story_roots(conn: sa.Connection) -> dict[int, int]:
    """Each story's first revision, so a story is never matched with its own revisions."""
    parent = dict(conn.execute(sa.select(story_table.c.id, story_table.c.revision_of)).all())
    roots: dict[int, int] = {}
    for sid in parent:
        root, seen = sid, set()
        while parent.get(root) is not None and root not in seen:
            seen.add(root)
            root = parent[root]
        roots[sid] = root
    return roots


def _corpus(store: Store, *, rebuild: bool = False) -> _Corpus:
    """The index of every stored claim, current with the database (see
    :func:`tracker.store.lexical.lexical_index`), with the stories' first revisions."""
    index, load = lexical_index(store, rebuild=rebuild)
    with store.read() as conn:
        roots = _story_roots(conn)
    return _Corpus(index, roots, store, note=load.note)


# -- matching ------------------------------------------------------------------------------


def _refuse_a_rebuild_that_loses_meaning(store: Store) -> None:
    """Raise :class:`StoreError` when a rebuild now would match by wording only in a
    database whose claims have vectors (so some of its matches were found by meaning)."""
    encoder, reason = encoder_status()
    if encoder is not None:
        return
    with store.read() as conn:
        has_vectors = conn.execute(sa.select(embedding_table.c.claim_id).limit(1)).first()
    if has_vectors is not None:
        raise StoreError(
            f"not rebuilt: semantic matching is unavailable ({reason}), and a rebuild by "
            "wording alone would drop the matches found by meaning; fix the model, or pass "
            "--wording-only to rebuild anyway"
        )


def match_claims(
    store: Store,
    *,
    claim_ids: Sequence[int] | None = None,
    rebuild: bool = False,
    link: float = LINK_THRESHOLD,
    suggest: float = SUGGEST_THRESHOLD,
    wording_only: bool = False,
    progress: Steps | None = None,
) -> MatchRun:
    """Match claims against every claim of the other stories and store what is found.

    ``claim_ids``: the claims to match (say, a new story's); by default every claim not in
    any match yet. ``rebuild``: forget the engine's matches and match every claim again;
    reviewers' decisions (accepted, rejected) are kept either way, and a rejected pair is
    never suggested again. ``link`` and ``suggest`` are the two thresholds.

    A rebuild while the embedding model cannot be loaded, in a database whose claims were
    matched by meaning (it holds vectors), is refused with :class:`StoreError`: it would
    drop every match found by meaning, and a later run would not bring them back.
    ``wording_only`` rebuilds by wording anyway.

    ``progress(done, total, what)`` is told each step as it goes (see :data:`Steps`): a
    rebuild of 100,000 claims takes a minute, and embedding a million stored claims for
    the first time most of an hour.
    """
    step = progress or _no_steps
    if rebuild and not wording_only:
        _refuse_a_rebuild_that_loses_meaning(store)
    started = time.perf_counter()
    suggest = min(suggest, link)
    with store.write() as conn:
        aliases = AliasTable(
            (r[0], r[1])
            for r in conn.execute(
                sa.select(alias_table.c.alias, alias_table.c.canonical).order_by(alias_table.c.id)
            )
        )
        if rebuild or claim_ids is None:
            story_ids = None
        else:
            story_ids = sorted(
                set(
                    conn.execute(
                        sa.select(claim_table.c.story_id).where(
                            claim_table.c.id.in_(list(claim_ids))
                        )
                    ).scalars()
                )
            )
        step(0, None, "learning names from the stories")
        bodies_query = sa.select(story_table.c.body)
        if story_ids is not None:
            bodies_query = bodies_query.where(story_table.c.id.in_(story_ids))
        learned = _learn_aliases(conn, aliases, conn.execute(bodies_query).scalars())
    step(0, None, "reading the claims")
    corpus = _corpus(store, rebuild=rebuild)
    with store.read() as conn:
        # a story's run reads the matches of its own claims only (every pair it finds has
        # one of them), not the whole table
        only = None if rebuild or claim_ids is None else sorted(set(claim_ids))
        existing = _existing_matches(conn, only)
        # A superseded version's claims and dismissed non-claims are matched with nothing:
        # an older version of a story is not another story carrying the same claim.
        unmatched = set(
            conn.execute(
                sa.select(claim_table.c.id).where(claim_table.c.state.in_(UNMATCHED_STATES))
            ).scalars()
        )
    if rebuild:
        targets = sorted(corpus.ids() - unmatched)
        corpus.read_all()
    elif claim_ids is not None:
        targets = sorted({c for c in claim_ids if c in corpus.index} - unmatched)
    else:
        matched = {cid for pair in existing for cid in pair}
        targets = sorted(corpus.ids() - matched - unmatched)
    meaning, embedded, reason = _semantic(
        store, targets if targets else [], everything=rebuild, step=step
    )
    found = None
    if rebuild and meaning is not None and _ALL_PAIRS_FROM <= len(targets) <= _ALL_PAIRS_UP_TO:
        found = _find_all_pairs(
            corpus, targets, suggest=suggest, link=link, meaning=meaning, step=step
        )
    if found is None:
        found = _find_pairs(
            corpus,
            targets,
            suggest=suggest,
            link=link,
            meaning=meaning,
            skip=frozenset(unmatched),
            step=step,
        )
    step(0, None, "saving the matches")
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    kept = linked = suggested = conflicts = 0
    now = utcnow()
    for (a, b), (kind, state, score, explanation) in found.items():
        prior = existing.get((a, b))
        if prior is not None and prior[1] in DECIDED:
            kept += 1
            continue
        linked += state is MatchState.LINKED
        suggested += state is MatchState.SUGGESTED
        conflicts += kind is MatchKind.CONFLICT
        values = {"kind": kind, "state": state, "score": float(score), "explanation": explanation}
        if prior is not None:
            updates.append({"match_id": prior[0], **values})
        else:
            inserts.append({"claim_a_id": a, "claim_b_id": b, "created_at": now, **values})
    # A rebuild keeps the ids of the matches it finds again (a noted id keeps working) and
    # drops only the engine's matches it no longer finds.
    gone = (
        [mid for pair, (mid, st) in existing.items() if st not in DECIDED and pair not in found]
        if rebuild
        else []
    )
    with store.write() as conn:
        for start in range(0, len(gone), 900):
            conn.execute(
                sa.delete(match_table).where(match_table.c.id.in_(gone[start : start + 900]))
            )
        if inserts:
            conn.execute(sa.insert(match_table), inserts)
        if updates:
            conn.execute(
                sa.update(match_table)
                .where(match_table.c.id == sa.bindparam("match_id"))
                .values(
                    kind=sa.bindparam("kind"),
                    state=sa.bindparam("state"),
                    score=sa.bindparam("score"),
                    explanation=sa.bindparam("explanation"),
                ),
                updates,
            )
        # clusters follow the linked "same" pairs: a run that adds none and changes or drops
        # no match leaves them as they are (reading every pair costs a second at 1M claims)
        if gone or updates or any(_joins(row) for row in inserts):
            n_clusters, n_members = _recluster(conn)
        else:
            n_clusters, n_members = _cluster_counts(conn)
    return MatchRun(
        claims=len(targets),
        compared_with=len(corpus),
        linked=linked,
        suggested=suggested,
        conflicts=conflicts,
        kept_decisions=kept,
        clusters=n_clusters,
        clustered_claims=n_members,
        aliases_learned=learned,
        seconds=time.perf_counter() - started,
        embedded=embedded,
        semantic=meaning is not None,
        lexical_only_reason=reason,
        index_note=corpus.note,
    )


def _existing_matches(
    conn: sa.Connection, claim_ids: Sequence[int] | None
) -> dict[tuple[int, int], tuple[int, MatchState]]:
    """The stored matches, by pair: every one, or those of these claims."""
    query = sa.select(
        match_table.c.id, match_table.c.claim_a_id, match_table.c.claim_b_id, match_table.c.state
    )
    if claim_ids is None:
        parts: Iterable[sa.Select[Any]] = [query]
    else:
        parts = (
            query.where(
                sa.or_(match_table.c.claim_a_id.in_(chunk), match_table.c.claim_b_id.in_(chunk))
            )
            for chunk in (claim_ids[s : s + 450] for s in range(0, len(claim_ids), 450))
        )
    return {(r[1], r[2]): (r[0], MatchState(r[3])) for part in parts for r in conn.execute(part)}


@dataclass
class _Meaning:
    """The stored vectors' side of a matching run: the index and the vectors read so far."""

    index: VectorIndex | LayeredIndex
    model_id: str
    store: Store
    codes: dict[int, Any]

    def vectors(self, ids: Iterable[int]) -> None:
        """Read the vectors of these claims that are not read yet."""
        need = [i for i in ids if i not in self.codes]
        if need:
            self.codes.update(claim_vectors(self.store, self.model_id, need))

    def cosine(self, a: int, b: int) -> float | None:
        """The cosine of two claims' stored vectors (None if either has none)."""
        from tracker.matching.vectors import dequantize

        x, y = self.codes.get(a), self.codes.get(b)
        if x is None or y is None:
            return None
        return float((dequantize(x) @ dequantize(y).T)[0, 0])


def _semantic(
    store: Store, targets: Sequence[int], *, everything: bool, step: Steps = _no_steps
) -> tuple[_Meaning | None, int, str | None]:
    """Vectors for the claims to match (computed now if missing) and the index over all.

    Returns ``(meaning, claims embedded now, reason)``: ``meaning`` None and a one-line
    ``reason`` when the embedding model cannot be loaded (matching goes on by wording).
    """
    # on a machine's first load the model is derived (seconds), and nothing moves meanwhile
    step(0, None, "loading the embedding model")
    encoder, reason = encoder_status()
    if encoder is None:
        return None, 0, reason
    # A few claims without a vector besides the targets (corrected or added by hand) get
    # theirs now; claims stored before vectors existed (an upgraded database, maybe a
    # million) wait for `tracker match --rebuild`, which computes them all.
    from tracker.store.embeddings import embedding_state

    state = embedding_state(store, encoder.model_id)
    embedded = 0
    if state.missing or everything:  # else looking for claims without one scans every claim
        few = state.missing <= EMBED_ALL_BELOW
        embedded = embed_claims(
            store,
            encoder,
            claim_ids=None if everything or few else targets,
            progress=lambda done, total: step(done, total, "embedding claims"),
        )
    step(0, None, "reading the claims' vectors")
    index, _ = vector_index(store, encoder.model_id, encoder.dim, state=None if embedded else state)
    return _Meaning(index, encoder.model_id, store, {}), embedded, None


def _find_pairs(
    corpus: _Corpus,
    targets: Sequence[int],
    *,
    suggest: float,
    link: float,
    meaning: _Meaning | None = None,
    skip: frozenset[int] = frozenset(),
    step: Steps = _no_steps,
) -> dict[tuple[int, int], tuple[MatchKind, MatchState, float, str]]:
    """Every cross-story pair involving a target that reaches ``suggest``, classified.

    Candidates come from the lexical index (claims sharing rare words) and, when the
    stored vectors are there, from the vector index (claims close in meaning, even with
    no word in common); each pair is scored once, with its cosine when both have vectors.
    """
    index = corpus.index
    # The run's own matcher (the index's weights and aliases), keeping every claim it reads
    # (up to a bound), since a claim is compared with the targets of many stories.
    matcher = Matcher(index.aliases, index.idf, cache_size=min(len(corpus), _KEEP_PROFILES))
    # Candidates are scored by the index; a conflict may score low as "same" yet high as
    # an event, so candidates down to a margin below the threshold are classified in full.
    floor = max(0.0, suggest - 15.0)
    out: dict[tuple[int, int], tuple[MatchKind, MatchState, float, str]] = {}
    seen: set[tuple[int, int]] = set()
    step(0, len(targets), "matching claims")
    with _LexicalSearch(index, floor, len(targets)) as lexical:
        for start in range(0, len(targets), _TARGET_BATCH):
            batch = targets[start : start + _TARGET_BATCH]
            _match_batch(corpus, batch, lexical, meaning, skip, matcher, suggest, link, out, seen)
            step(start + len(batch), len(targets), "matching claims")
    return out


def _find_all_pairs(
    corpus: _Corpus,
    targets: Sequence[int],
    *,
    suggest: float,
    link: float,
    meaning: _Meaning,
    step: Steps = _no_steps,
) -> dict[tuple[int, int], tuple[MatchKind, MatchState, float, str]] | None:
    """:func:`_find_pairs` for a rebuild: every target against every other at once.

    Claim by claim, each target's candidates came from the lexical index in 4 to 5 ms, and
    a rebuild of 100,000 claims took 7 minutes. Here the candidates are the pairs the batch
    matcher (:func:`tracker.matching.match_pairs`: lexical blocks and meaning neighbours,
    in every core) scores at least the classifying margin below ``suggest``, or finds
    close enough in meaning to be a conflict, and only those are classified, in every
    core too: 54 s for those 100,000 (``bench/matching_product.py --run rebuild``).
    None when some target has no stored vector (the claim-by-claim path handles it).
    """
    import numpy as np

    from tracker.matching import match_pairs
    from tracker.matching.vectors import dequantize

    ids = [c for c in targets if c in corpus.texts]  # one deleted since the index was read
    codes = claim_vectors(meaning.store, meaning.model_id, ids)
    if len(codes) < len(ids):
        return None
    vectors = dequantize(np.stack([codes[c] for c in ids]))
    del codes
    texts = [corpus.texts[c] for c in ids]
    index = corpus.index
    # it keeps every claim's profile, read once by match_pairs, for the forked classifiers
    matcher = Matcher(index.aliases, index.idf, cache_size=len(ids))
    floor = max(0.0, suggest - 15.0)
    story_of, root_of = corpus.story_of, corpus.root_of
    roots = [root_of.get(story_of[c], story_of[c]) for c in ids]
    step(0, None, "finding candidate pairs")
    pairs = [
        (i, j)
        for i, j, _ in match_pairs(
            texts, floor, matcher=matcher, vectors=vectors, keep_close=CONFLICT_COSINE
        )
        if roots[i] != roots[j]
    ]
    global _CLASSIFYING
    _CLASSIFYING = _Classifying(texts, vectors, matcher, suggest, link)
    out: dict[tuple[int, int], tuple[MatchKind, MatchState, float, str]] = {}
    pieces = [pairs[k : k + _CLASSIFY_PIECE] for k in range(0, len(pairs), _CLASSIFY_PIECE)]
    done = 0
    step(0, len(pairs), "classifying candidate pairs")
    try:
        workers = min(_LEXICAL_WORKERS, os.cpu_count() or 1)
        pool = None
        if len(pairs) >= _PARALLEL_CLASSIFY and CAN_FORK and workers > 1:
            pool = multiprocessing.get_context("fork").Pool(workers)
            if len(pieces) < workers:  # every core gets a share
                share = -(-len(pairs) // workers)
                pieces = [pairs[k : k + share] for k in range(0, len(pairs), share)]
        with pool or contextlib.nullcontext():
            parts = pool.imap(_classify_shared, pieces) if pool else map(_classify_shared, pieces)
            for piece, part in zip(pieces, parts, strict=True):
                for i, j, kind, state, score, why in part:
                    a, b = ids[i], ids[j]
                    out[(a, b) if a < b else (b, a)] = (kind, state, score, why)
                done += len(piece)
                step(done, len(pairs), "classifying candidate pairs")
    finally:
        _CLASSIFYING = None
    return out


@dataclass
class _Classifying:
    """What the processes classifying a rebuild's candidate pairs share by fork."""

    texts: list[str]
    vectors: Any
    matcher: Matcher
    suggest: float
    link: float


_CLASSIFYING: _Classifying | None = None


def _classify_shared(
    pairs: list[tuple[int, int]],
) -> list[tuple[int, int, MatchKind, MatchState, float, str]]:
    """Classify these candidate pairs (row numbers) as :func:`_match_batch` does."""
    job = _CLASSIFYING
    assert job is not None
    texts, vectors, matcher = job.texts, job.vectors, job.matcher
    out = []
    for i, j in pairs:
        cosine = float(vectors[i] @ vectors[j])
        found = _classified(matcher, texts[i], texts[j], cosine, job.suggest, job.link)
        if found is not None:
            out.append((i, j, *found))
    return out


def _classified(
    matcher: Matcher, a: str, b: str, cosine: float | None, suggest: float, link: float
) -> tuple[MatchKind, MatchState, float, str] | None:
    """A candidate pair as a match row's ``(kind, state, score, explanation)``; None when
    it is no match at these thresholds."""
    kind, final, why = matcher.classify(a, b, suggest=suggest, cosine=cosine)
    state = decide(kind, final, link=link, suggest=suggest)
    if kind is None or state is None:
        return None
    return kind, state, final, json.dumps(why.to_dict(), ensure_ascii=False)


class _LexicalSearch:
    """Each target's candidates from the lexical index; a run with many targets reads them
    in helper processes, forked once per run so they share the index as it stands."""

    def __init__(self, index: ClaimIndex, floor: float, targets: int) -> None:
        global _RUN_INDEX
        self.index, self.floor = index, floor
        self.workers = min(_LEXICAL_WORKERS, os.cpu_count() or 1)
        self.pool: Any = None
        if targets >= _PARALLEL_TARGETS and self.workers > 1 and CAN_FORK:
            _RUN_INDEX = (index, floor)  # what the forked helpers read
            self.pool = multiprocessing.get_context("fork").Pool(self.workers)

    def __enter__(self) -> _LexicalSearch:
        return self

    def __exit__(self, *exc: object) -> None:
        global _RUN_INDEX
        if self.pool is not None:
            self.pool.close()
            self.pool.join()
            _RUN_INDEX = None

    def candidates(self, texts: list[str]) -> list[list[int]]:
        """The stored claims each text is compared with in full, best first."""
        if self.pool is None:
            return _lexical_candidates(self.index, self.floor, texts)
        step = -(-len(texts) // (2 * self.workers))
        chunks = [texts[k : k + step] for k in range(0, len(texts), step)]
        return [found for part in self.pool.map(_candidates_in_worker, chunks) for found in part]


_RUN_INDEX: tuple[ClaimIndex, float] | None = None


def _candidates_in_worker(texts: list[str]) -> list[list[int]]:
    assert _RUN_INDEX is not None
    return _lexical_candidates(*_RUN_INDEX, texts)


def _lexical_candidates(index: ClaimIndex, floor: float, texts: list[str]) -> list[list[int]]:
    """The ``CANDIDATES`` best stored claims of each text that score at least ``floor``."""
    out = []
    for text in texts:
        found = index.candidates(text, CANDIDATES, floor=floor)
        out.append([int(other) for other, _ in found])  # type: ignore[call-overload]
    return out


def _match_batch(
    corpus: _Corpus,
    batch: Sequence[int],
    lexical: _LexicalSearch,
    meaning: _Meaning | None,
    skip: frozenset[int],
    matcher: Matcher,
    suggest: float,
    link: float,
    out: dict[tuple[int, int], tuple[MatchKind, MatchState, float, str]],
    seen: set[tuple[int, int]],
) -> None:
    """Find, score and classify the pairs of one batch of targets (into ``out``)."""
    corpus.read(batch)
    story_of, root_of, texts = corpus.story_of, corpus.root_of, corpus.texts
    near = dict(zip(batch, lexical.candidates([texts[cid] for cid in batch]), strict=True))
    if meaning is not None:
        meaning.vectors(batch)
        have = [cid for cid in batch if cid in meaning.codes]
        if have:
            import numpy as np

            from tracker.matching.vectors import dequantize

            queries = dequantize(np.stack([meaning.codes[c] for c in have]))
            for cid, hits in zip(
                have, meaning.index.search(queries, VECTOR_CANDIDATES), strict=True
            ):
                near[cid].extend(o for o, cos in hits if cos >= CANDIDATE_COSINE)
        meaning.vectors({o for others in near.values() for o in others})
    corpus.read(o for others in near.values() for o in others)
    for cid in batch:
        root = root_of.get(story_of[cid], story_of[cid])
        for oid in near[cid]:
            if oid == cid or oid not in texts or oid in skip:
                continue
            if root_of.get(story_of[oid], story_of[oid]) == root:
                continue
            pair = (cid, oid) if cid < oid else (oid, cid)
            if pair in seen:
                continue
            seen.add(pair)
            cosine = meaning.cosine(*pair) if meaning is not None else None
            found = _classified(matcher, texts[pair[0]], texts[pair[1]], cosine, suggest, link)
            if found is not None:
                out[pair] = found
    if meaning is not None and len(meaning.codes) > _KEEP_VECTORS:
        meaning.codes.clear()


def _joins(row: dict[str, Any]) -> bool:
    """Whether a new match joins its two claims' clusters (a linked "same")."""
    return row["kind"] is MatchKind.SAME and row["state"] is MatchState.LINKED


def _cluster_counts(conn: sa.Connection) -> tuple[int, int]:
    """How many clusters there are, and how many claims they hold."""
    clusters_, members = conn.execute(
        sa.select(
            sa.func.count(sa.distinct(claim_table.c.cluster_id)),
            sa.func.count(claim_table.c.cluster_id),
        )
    ).one()
    return int(clusters_ or 0), int(members or 0)


def _recluster(conn: sa.Connection) -> tuple[int, int]:
    """Give claims joined by linked or accepted ``same`` matches one cluster id each."""
    pairs = conn.execute(
        sa.select(match_table.c.claim_a_id, match_table.c.claim_b_id).where(
            match_table.c.kind == MatchKind.SAME,
            match_table.c.state.in_((MatchState.LINKED, MatchState.ACCEPTED)),
        )
    ).all()
    groups = clusters((int(a), int(b)) for a, b in pairs)
    current = dict(
        conn.execute(
            sa.select(claim_table.c.id, claim_table.c.cluster_id).where(
                claim_table.c.cluster_id.is_not(None)
            )
        ).all()
    )
    changes = [
        {"cid": cid, "cluster": rep} for cid, rep in groups.items() if current.get(cid) != rep
    ]
    changes += [{"cid": cid, "cluster": None} for cid in current if cid not in groups]
    if changes:
        conn.execute(
            sa.update(claim_table)
            .where(claim_table.c.id == sa.bindparam("cid"))
            .values(cluster_id=sa.bindparam("cluster")),
            changes,
        )
    return len(set(groups.values())), len(groups)


# -- reviewing -----------------------------------------------------------------------------


def decide_match(
    store: Store, *, match_id: int, accept: bool, reviewer: str, note: str | None = None
) -> MatchDecision:
    """Accept or reject a match; recorded in both claims' audit trails.

    A rejected pair stays in the database as rejected, so no later run suggests it again.
    A match already in the state asked for is left as it is, with no second audit event
    (``changed`` is False and ``reviewer`` is who decided it).
    """
    state = MatchState.ACCEPTED if accept else MatchState.REJECTED
    with store.write() as conn:
        row = conn.execute(
            sa.select(
                match_table.c.claim_a_id,
                match_table.c.claim_b_id,
                match_table.c.kind,
                match_table.c.score,
                match_table.c.state,
                match_table.c.decided_by,
            ).where(match_table.c.id == match_id)
        ).first()
        if row is None:
            raise MatchNotFound(match_id)
        a, b, kind, score, old, decided_by = row
        if MatchState(old) is state:
            return MatchDecision(match_id, a, b, state, decided_by or reviewer, changed=False)
        conn.execute(
            sa.update(match_table)
            .where(match_table.c.id == match_id)
            .values(state=state, decided_by=reviewer, decided_at=utcnow())
        )
        kind_value = kind.value if hasattr(kind, "value") else str(kind)
        old_value = old.value if hasattr(old, "value") else str(old)
        for cid, other in ((a, b), (b, a)):
            claim = conn.execute(
                sa.select(claim_table.c.status, claim_table.c.version).where(
                    claim_table.c.id == cid
                )
            ).first()
            if claim is None:
                raise ClaimNotFound(cid)
            text = (
                f"{state.value} match {match_id} with claim {other} "
                f"({kind_value}, score {score:.0f}; was {old_value})"
            )
            if note:
                text += f": {note}"
            _record(
                conn,
                claim_id=cid,
                action="match",
                old_status=ClaimStatus(claim[0]),
                new_status=ClaimStatus(claim[0]),
                old_note=None,
                new_note=text,
                reviewer=reviewer,
                version=int(claim[1]),
            )
        _recluster(conn)
    return MatchDecision(match_id, a, b, state, reviewer)


def accept_match(
    store: Store, *, match_id: int, reviewer: str, note: str | None = None
) -> MatchDecision:
    """Accept a suggested match (see :func:`decide_match`)."""
    return decide_match(store, match_id=match_id, accept=True, reviewer=reviewer, note=note)


def reject_match(
    store: Store, *, match_id: int, reviewer: str, note: str | None = None
) -> MatchDecision:
    """Reject a suggested match; it will not be suggested again (see :func:`decide_match`)."""
    return decide_match(store, match_id=match_id, accept=False, reviewer=reviewer, note=note)


# -- reading -------------------------------------------------------------------------------


def claim_matches(
    store: Store, *, claim_id: int, include_rejected: bool = False
) -> list[ClaimMatch]:
    """The matches of a claim, best first, each with the other claim's story and status."""
    with store.read() as conn:
        if (
            conn.execute(sa.select(claim_table.c.id).where(claim_table.c.id == claim_id)).first()
            is None
        ):
            raise ClaimNotFound(claim_id)
        return matches_of(conn, claim_id, include_rejected=include_rejected)


def claim_cluster(store: Store, *, claim_id: int) -> list[ClusterMember]:
    """The other claims of the claim's cluster (the same claim in other stories)."""
    with store.read() as conn:
        row = conn.execute(
            sa.select(claim_table.c.cluster_id).where(claim_table.c.id == claim_id)
        ).first()
        if row is None:
            raise ClaimNotFound(claim_id)
        if row[0] is None:
            return []
        rows = conn.execute(
            _claims_with_stories()
            .where(claim_table.c.cluster_id == row[0], claim_table.c.id != claim_id)
            .order_by(story_table.c.published, claim_table.c.id)
        ).all()
    return [
        ClusterMember(
            claim_id=r[0],
            text=claim_text(r[1], r[2]),
            status=ClaimStatus(r[3]),
            story_id=r[4],
            story_title=r[5],
            outlet=r[6],
            published=r[7],
        )
        for r in rows
    ]


# -- the closest stored claims to a sentence -----------------------------------------------


@dataclass(frozen=True, slots=True)
class SimilarClaim:
    """A stored claim close to a sentence: ``score`` is the cosine (0..1) of the two
    sentence vectors, or the lexical similarity / 100 when ``by`` is ``wording``."""

    claim_id: int
    score: float
    by: str
    text: str
    status: ClaimStatus
    story_id: int
    story_title: str
    outlet: str
    published: date | None

    def to_json(self) -> dict[str, Any]:
        """Plain JSON values."""
        return {
            "claim_id": self.claim_id,
            "score": round(self.score, 4),
            "by": self.by,
            "text": self.text,
            "status": self.status.value,
            "story_id": self.story_id,
            "story_title": self.story_title,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
        }


@dataclass(frozen=True, slots=True)
class SimilarResult:
    """What :func:`similar_claims` found, and what a reader should know about how."""

    claims: list[SimilarClaim]
    #: Why the search fell back to wording (the model cannot be loaded), else None.
    lexical_only_reason: str | None = None
    #: Claims without a vector yet (stored before this version): not searched by meaning.
    unembedded: int = 0


def _claims_with_stories() -> sa.Select[Any]:
    """Claims with what a reader needs of their stories: id, text, status, story, outlet."""
    return sa.select(
        claim_table.c.id,
        claim_table.c.text,
        claim_table.c.sentence,
        claim_table.c.status,
        story_table.c.id,
        story_table.c.title,
        story_table.c.outlet,
        story_table.c.published,
    ).join(story_table, story_table.c.id == claim_table.c.story_id)


def similar_claims(store: Store, *, text: str, limit: int = 10) -> SimilarResult:
    """The stored claims closest in meaning to ``text``, best first.

    Searches the vector index of the stored claims' vectors; claims without a vector yet
    are counted in ``unembedded`` (``tracker match --rebuild`` computes them). Without a
    model, or while no claim has a vector of it, the closest by wording, and
    ``lexical_only_reason`` says why.
    """
    from tracker.store.embeddings import embedding_state

    limit = max(1, int(limit))
    encoder, reason = encoder_status()
    hits: list[tuple[int, float]]
    unembedded = 0
    if encoder is not None:
        state = embedding_state(store, encoder.model_id)
        unembedded = state.missing
        if state.count == 0 and state.missing > 0:
            # nothing to search by meaning yet (an upgraded database, its vectors made by
            # an earlier model): the closest by wording beats an empty answer
            encoder = None
            reason = f"no claim has a vector of {state.model_id} yet"
    if encoder is not None:
        index, _ = vector_index(store, encoder.model_id, encoder.dim, state=state)
        hits = index.search(encoder.encode([text]), limit)[0]
        by = "meaning"
    else:
        wording, _ = lexical_index(store)
        hits = [
            (int(cid), score / 100.0)  # type: ignore[call-overload]
            for cid, score in wording.candidates(text, limit)
            if score > 0
        ]
        by = "wording"
    if not hits:
        return SimilarResult([], reason, unembedded)
    score_of = dict(hits)
    with store.read() as conn:
        rows = conn.execute(
            _claims_with_stories()
            .where(claim_table.c.id.in_(list(score_of)))
            # an older version's claims and dismissed non-claims are not what a search means
            .where(claim_table.c.state.not_in(UNMATCHED_STATES))
        ).all()
    found = [
        SimilarClaim(
            claim_id=r[0],
            score=score_of[r[0]],
            by=by,
            text=claim_text(r[1], r[2]),
            status=ClaimStatus(r[3]),
            story_id=r[4],
            story_title=r[5],
            outlet=r[6],
            published=r[7],
        )
        for r in rows
    ]
    found.sort(key=lambda c: (-c.score, c.claim_id))
    return SimilarResult(found, reason, unembedded)
