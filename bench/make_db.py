"""Build a realistic synthetic Claim Tracker database for benchmarks.

    python bench/make_db.py --claims 1000000 --db /tmp/tracker-1m.db

Stories of 20-40 claims each, several sources per story of every kind, statuses in
the proportions a newsroom sees (most pending), audit events for every non-pending
claim, and matches between claims of different stories. The schema comes from the
migrations (``Store.open``); rows go in through SQLAlchemy Core bulk inserts with
explicit ids, a few thousand stories per transaction. Same seed, same database.

Every claim gets a stored vector and the vector index is built beside the database
(``--no-embeddings`` skips it): a sample of claims is encoded with the real model, the
rest get synthetic vectors clustered around them (see ``embed``).

Prints a few human-readable lines and one JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from tracker.config import normalise_db_url
from tracker.models import audit_table, claim_table, match_table, source_table, story_table
from tracker.store import Store, content_hash

OUTLETS = ("Reuters", "AP", "AFP", "BBC", "Al Jazeera", "The Guardian", "Bloomberg", "DPA")
PLACES = (
    "Qatar",
    "Syria",
    "Iran",
    "Turkey",
    "Egypt",
    "Jordan",
    "Lebanon",
    "Iraq",
    "Israel",
    "Saudi Arabia",
    "Russia",
    "Ukraine",
    "France",
    "Germany",
    "Brazil",
    "India",
    "Kenya",
)
ACTORS = (
    "the government",
    "rebel forces",
    "the central bank",
    "the ministry",
    "the army",
    "diplomats",
    "the opposition",
    "aid agencies",
    "the prime minister",
    "police",
    "the electoral commission",
    "prosecutors",
    "the company",
    "health officials",
)
ACTIONS = (
    "held talks with",
    "plans to meet",
    "has suspended payments to",
    "opened a channel to",
    "accused",
    "signed an agreement with",
    "will investigate",
    "sent troops toward",
    "reached a ceasefire with",
    "raised prices for",
    "denied any contact with",
    "is negotiating with",
    "froze the assets of",
    "released a report on",
)
OBJECTS = (
    "the interim cabinet",
    "border officials",
    "local councils",
    "foreign donors",
    "the UN envoy",
    "energy companies",
    "opposition leaders",
    "the regional bloc",
    "creditors",
    "the armed factions",
    "hospital managers",
    "the election monitors",
)
WHEN = (
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "last week",
    "this month",
    "in recent days",
    "late on Sunday",
    "earlier this year",
)
FIRST = ("Mohammed", "Sara", "Ahmed", "Elena", "John", "Fatima", "Li", "Omar", "Anna", "Yusuf")
LAST = ("Al-Khulaifi", "Haddad", "Petrov", "Okafor", "Nguyen", "Schmidt", "Rahman", "Costa")
TITLES = ("minister of state", "spokesperson", "senior adviser", "ambassador", "director")
ANONYMOUS = (
    "an official briefed on the developments",
    "a senior official",
    "two diplomatic sources",
    "people familiar with the matter",
    "a security source",
    "a person close to the talks",
)
ORGS = ("the foreign ministry", "the UN refugee agency", "the central bank", "the health ministry")
DOCS = ("a statement", "a court filing", "an internal report", "a government memo")
CUES = ("said", "told Reuters", "according to", "said in a statement", "citing", "added")
# The attribution kind by source kind: every cue above reports speech, save a document's.
ATTRIBUTION = {"outlet": "outlet", "document": "finding"}
NOTES = {
    "no_response": "did not immediately respond to a request for comment",
    "unclear": "it was not clear whether the talks had taken place",
    "disputed": "the ministry denied the account",
    "false": "records show no such payment",
    "confirmed": "confirmed by a second source",
}
STATUS_WEIGHTS = (
    ("pending", 60),
    ("confirmed", 14),
    ("disputed", 8),
    ("false", 4),
    ("unclear", 8),
    ("no_response", 6),
)
KIND_WEIGHTS = (
    ("named", 30),
    ("anonymous", 25),
    ("organization", 20),
    ("document", 10),
    ("outlet", 15),
)
STORIES_PER_TRANSACTION = 2000
EPOCH = datetime(2026, 11, 1, 8, 0, 0)


@dataclass
class Batch:
    """Rows waiting for one transaction."""

    stories: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    audit: list[dict[str, Any]] = field(default_factory=list)
    matches: list[dict[str, Any]] = field(default_factory=list)


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _ in table], weights=[w for _, w in table])[0]


def _source_name(rng: random.Random, kind: str, outlet: str) -> str:
    if kind == "named":
        return f"{rng.choice(FIRST)} {rng.choice(LAST)}, {rng.choice(TITLES)}"
    if kind == "anonymous":
        return rng.choice(ANONYMOUS)
    if kind == "organization":
        return rng.choice(ORGS)
    if kind == "document":
        return rng.choice(DOCS)
    return outlet


def _content(rng: random.Random) -> str:
    number = rng.randint(2, 900)
    return (
        f"{rng.choice(ACTORS)} in {rng.choice(PLACES)} {rng.choice(ACTIONS)} "
        f"{rng.choice(OBJECTS)} {rng.choice(WHEN)}, affecting {number} people"
    )


class Builder:
    """Generates the rows of one story after another, with ids assigned up front."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.story_id = 0
        self.source_id = 0
        self.claim_id = 0
        self.audit_id = 0
        self.match_id = 0
        self.recent: list[tuple[int, int]] = []  # (claim id, story id) to match against
        self.pairs: set[tuple[int, int]] = set()

    def story(self, n_claims: int, batch: Batch) -> None:
        """Add one story with ``n_claims`` claims (and its sources, audit, matches)."""
        rng = self.rng
        self.story_id += 1
        story_id = self.story_id
        outlet = rng.choice(OUTLETS)
        place = rng.choice(PLACES)
        published = date(2026, 1, 1) + timedelta(days=story_id % 330)
        ingested = EPOCH + timedelta(seconds=story_id * 7)
        sources: list[tuple[int, str, str]] = []
        for _ in range(rng.randint(3, 7)):
            kind = _weighted(rng, KIND_WEIGHTS)
            self.source_id += 1
            sources.append((self.source_id, kind, _source_name(rng, kind, outlet)))
            batch.sources.append(
                {"id": self.source_id, "story_id": story_id, "name": sources[-1][2], "kind": kind}
            )
        parts: list[str] = []
        offset = 0
        claim_rows: list[dict[str, Any]] = []
        for position in range(n_claims):
            source_id, kind, name = rng.choice(sources)
            content = _content(rng)
            if kind == "outlet":
                cue = None
                sentence = content[0].upper() + content[1:] + "."
                source_span = None
                cue_span = None
                content_span = (offset, offset + len(content))
                quote = "none"
            else:
                cue = rng.choice(CUES)
                lead = f"{name[0].upper()}{name[1:]} {cue} "
                sentence = f"{lead}{content}."
                source_span = (offset, offset + len(name))
                cue_span = (offset + len(name) + 1, offset + len(name) + 1 + len(cue))
                content_span = (offset + len(lead), offset + len(lead) + len(content))
                quote = rng.choice(("indirect", "indirect", "direct", "mixed"))
            sentence_span = (offset, offset + len(sentence))
            parts.append(sentence)
            offset += len(sentence)
            # Two sentences to a paragraph: a blank line after every second one.
            sep = "\n\n" if position % 2 else " "
            parts.append(sep)
            offset += len(sep)
            status = _weighted(rng, STATUS_WEIGHTS)
            self.claim_id += 1
            claim_rows.append(
                {
                    "id": self.claim_id,
                    "story_id": story_id,
                    "source_id": source_id,
                    "position": position,
                    "text": content,
                    "sentence": sentence,
                    "source_kind": kind,
                    "source_mention": name if kind != "outlet" else None,
                    "cue": cue,
                    "quote": quote,
                    "kind": ATTRIBUTION.get(kind, "speech"),
                    "segments": [list(content_span)],
                    "content_start": content_span[0],
                    "content_end": content_span[1],
                    "source_start": source_span[0] if source_span else None,
                    "source_end": source_span[1] if source_span else None,
                    "cue_start": cue_span[0] if cue_span else None,
                    "cue_end": cue_span[1] if cue_span else None,
                    "sentence_start": sentence_span[0],
                    "sentence_end": sentence_span[1],
                    "paragraph_start": None,
                    "paragraph_end": None,
                    "confidence": round(rng.uniform(0.4, 0.99), 2),
                    "status": status,
                    "status_note": NOTES.get(status) if rng.random() < 0.7 else None,
                    "cluster_id": None,
                    "version": 1 if status == "pending" else 2,
                    "updated_at": ingested,
                    "updated_by": "extractor" if status == "pending" else "desk",
                }
            )
            if status != "pending":
                self._audit(batch, self.claim_id, status, claim_rows[-1]["status_note"], ingested)
            self._maybe_match(batch, self.claim_id, story_id, ingested)
        body = "".join(parts).rstrip()
        self._paragraphs(body, claim_rows)
        batch.claims.extend(claim_rows)
        batch.stories.append(
            {
                "id": story_id,
                "title": f"{place}: {rng.choice(ACTORS)} {rng.choice(ACTIONS)} "
                f"{rng.choice(OBJECTS)}",
                "outlet": outlet,
                "url": f"https://news.example/{outlet.lower().replace(' ', '-')}/{story_id}",
                "published": published,
                "byline": f"By {rng.choice(FIRST)} {rng.choice(LAST)}",
                "body": body,
                "content_hash": content_hash(body + f"\n{story_id}"),
                "origin": None,
                "revision_of": None,
                "ingested_at": ingested,
            }
        )

    @staticmethod
    def _paragraphs(body: str, claims: list[dict[str, Any]]) -> None:
        for row in claims:
            start = body.rfind("\n\n", 0, row["sentence_start"])
            start = 0 if start < 0 else start + 2
            end = body.find("\n\n", row["sentence_end"])
            row["paragraph_start"] = start
            row["paragraph_end"] = len(body) if end < 0 else end

    def _audit(
        self, batch: Batch, claim_id: int, status: str, note: str | None, at: datetime
    ) -> None:
        self.audit_id += 1
        batch.audit.append(
            {
                "id": self.audit_id,
                "claim_id": claim_id,
                "action": "extract" if status in ("no_response", "unclear") else "status",
                "old_status": None if status in ("no_response", "unclear") else "pending",
                "new_status": status,
                "old_note": None,
                "new_note": note,
                "reviewer": "extractor" if status in ("no_response", "unclear") else "desk",
                "at": at,
                "claim_version": 2,
                "undoes_id": None,
            }
        )

    def _maybe_match(self, batch: Batch, claim_id: int, story_id: int, at: datetime) -> None:
        rng = self.rng
        if rng.random() < 0.06 and self.recent:
            other_id, other_story = rng.choice(self.recent)
            pair = (other_id, claim_id)
            if other_story != story_id and pair not in self.pairs:
                self.pairs.add(pair)
                self.match_id += 1
                batch.matches.append(
                    {
                        "id": self.match_id,
                        "claim_a_id": other_id,
                        "claim_b_id": claim_id,
                        "kind": "conflict" if rng.random() < 0.2 else "same",
                        "state": rng.choice(("linked", "suggested", "suggested", "accepted")),
                        "score": round(rng.uniform(72, 99), 1),
                        "explanation": json.dumps({"why": "shared names and numbers"}),
                        "created_at": at,
                        "decided_by": None,
                        "decided_at": None,
                    }
                )
        if rng.random() < 0.05:
            self.recent.append((claim_id, story_id))
            if len(self.recent) > 500:
                self.recent.pop(0)


def _flush(store: Store, batch: Batch) -> None:
    with store.write() as conn:
        for table, rows in (
            (story_table, batch.stories),
            (source_table, batch.sources),
            (claim_table, batch.claims),
            (audit_table, batch.audit),
            (match_table, batch.matches),
        ):
            if rows:
                conn.execute(sa.insert(table), rows)


def _suspend_fts(store: Store) -> str | None:
    """Drop the FTS insert trigger for the bulk load; return its SQL to put it back.

    Indexing the whole table once at the end is several times faster than a trigger
    firing per row. The trigger is restored from its own stored SQL, unchanged.
    """
    if store.dialect != "sqlite":
        return None
    with store.write() as conn:
        sql = conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'claim_fts_insert'"
        ).scalar_one_or_none()
        if sql is not None:
            conn.exec_driver_sql("DROP TRIGGER claim_fts_insert")
    return sql


def _restore_fts(store: Store, trigger_sql: str | None) -> None:
    if trigger_sql is None:
        return
    with store.write() as conn:
        conn.exec_driver_sql(
            "INSERT INTO claim_fts(rowid, text, source, title) "
            "SELECT claim.id, claim.text, coalesce(source.name, ''), coalesce(story.title, '') "
            "FROM claim JOIN story ON story.id = claim.story_id "
            "LEFT JOIN source ON source.id = claim.source_id"
        )
        conn.exec_driver_sql(trigger_sql)


def _advance_sequences(store: Store) -> None:
    """On PostgreSQL, move each id sequence past the ids inserted explicitly."""
    if store.dialect != "postgresql":
        return
    with store.write() as conn:
        for table in ("story", "source", "claim", "audit_event", "match"):
            conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f'(SELECT coalesce(max(id), 1) FROM "{table}"))'
            )


def build(url: str, claims: int, *, seed: int = 7, progress: bool = True) -> dict[str, Any]:
    """Fill the (new, empty) database at ``url`` with about ``claims`` claims."""
    store = Store.open(url)
    try:
        with store.read() as conn:
            if conn.execute(sa.select(sa.func.count()).select_from(claim_table)).scalar_one():
                raise SystemExit(f"error: {url} already holds claims; give a new path")
        fts_trigger = _suspend_fts(store)
        builder = Builder(seed)
        batch = Batch()
        in_batch = 0
        started = time.perf_counter()
        while builder.claim_id < claims:
            n = min(builder.rng.randint(20, 40), claims - builder.claim_id)
            builder.story(n, batch)
            in_batch += 1
            if in_batch >= STORIES_PER_TRANSACTION:
                _flush(store, batch)
                batch, in_batch = Batch(), 0
                if progress:
                    print(f"  {builder.claim_id:>9,} claims", file=sys.stderr, flush=True)
        _flush(store, batch)
        _restore_fts(store, fts_trigger)
        _advance_sequences(store)
        with store.write() as conn:
            conn.exec_driver_sql("ANALYZE")
        elapsed = time.perf_counter() - started
    finally:
        store.close()
    return {
        "claims": builder.claim_id,
        "stories": builder.story_id,
        "sources": builder.source_id,
        "audit_events": builder.audit_id,
        "matches": builder.match_id,
        "seconds": round(elapsed, 1),
    }


def embed(url: str, *, sample: int = 2_000, progress: bool = True) -> dict[str, Any]:
    """Store a vector for every claim and build the vector index beside the database.

    The first ``sample`` claims are encoded with the real model; the others get synthetic
    vectors clustered around those (encoding a million claims takes about an hour here;
    see ``bench/matching.py``), under the real model's id, so ``tracker similar`` and the
    matching run use them as they would real ones.
    """
    import numpy as np
    from matching import synthetic_vectors

    from tracker.matching.embedding import get_encoder, unavailable_reason
    from tracker.matching.vectors import quantize
    from tracker.models import embedding_table
    from tracker.store.claims import claim_text
    from tracker.store.embeddings import index_path, vector_index

    encoder = get_encoder()
    if encoder is None:
        print(f"no vectors: the model cannot be loaded: {unavailable_reason()}", file=sys.stderr)
        return {}
    store = Store.open(url)
    try:
        started = time.perf_counter()
        with store.read() as conn:
            ids = np.fromiter(
                conn.execute(sa.select(claim_table.c.id).order_by(claim_table.c.id)).scalars(),
                dtype=np.int64,
            )
            first = conn.execute(
                sa.select(claim_table.c.text, claim_table.c.sentence)
                .order_by(claim_table.c.id)
                .limit(sample)
            ).all()
        t0 = time.perf_counter()
        real = encoder.encode([claim_text(t, s) for t, s in first])
        encode_s = time.perf_counter() - t0
        codes = np.concatenate([quantize(real), synthetic_vectors(real, len(ids) - len(real))])
        for start in range(0, len(ids), 50_000):
            rows = [
                {
                    "claim_id": int(ids[i]),
                    "model_id": encoder.model_id,
                    "dim": encoder.dim,
                    "vector": codes[i].tobytes(),
                }
                for i in range(start, min(len(ids), start + 50_000))
            ]
            with store.write() as conn:
                conn.execute(sa.insert(embedding_table), rows)
            if progress:
                print(f"  {start + len(rows):>9,} vectors", file=sys.stderr, flush=True)
        stored_s = time.perf_counter() - started
        t0 = time.perf_counter()
        index, _ = vector_index(store, encoder.model_id, encoder.dim)
        index_s = time.perf_counter() - t0
        path = index_path(store)
        size = path.stat().st_size if path is not None and path.exists() else 0
    finally:
        store.close()
    return {
        "vectors": int(len(ids)),
        "real_vectors": len(real),
        "encode_per_s": round(len(real) / max(encode_s, 1e-9), 1),
        "vectors_seconds": round(stored_s, 1),
        "index_seconds": round(index_s, 1),
        "index_bytes": size,
        "index_approximate": index.approximate,
    }


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, build the database, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=100_000, help="how many claims")
    parser.add_argument("--db", required=True, help="SQLite file (must not exist) or URL")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    parser.add_argument(
        "--no-embeddings",
        action="store_true",
        help="no claim vectors and no vector index (see embed())",
    )
    args = parser.parse_args(argv)
    if args.claims < 1:
        parser.error("--claims must be at least 1")
    if "://" not in args.db and Path(args.db).exists():
        parser.error(f"{args.db} already exists; give a new path")
    url = normalise_db_url(args.db)
    figures = build(url, args.claims, seed=args.seed, progress=not args.quiet)
    rate = figures["claims"] / max(figures["seconds"], 0.001)
    print(
        f"built {figures['claims']:,} claims in {figures['stories']:,} stories "
        f"({figures['sources']:,} sources, {figures['matches']:,} matches, "
        f"{figures['audit_events']:,} audit events) in {figures['seconds']} s "
        f"({rate:,.0f} claims/s)"
    )
    if not args.no_embeddings:
        vectors = embed(url, progress=not args.quiet)
        if vectors:
            print(
                f"vectors: {vectors['vectors']:,} ({vectors['real_vectors']:,} encoded at "
                f"{vectors['encode_per_s']:,.0f} claims/s, the rest synthetic around them) "
                f"stored in {vectors['vectors_seconds']} s; vector index built in "
                f"{vectors['index_seconds']} s, {vectors['index_bytes'] / 2**20:,.0f} MiB"
            )
        figures.update(vectors)
    print(json.dumps({"bench": "make_db", "db": url, **figures}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
