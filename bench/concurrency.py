"""Several reviewers changing the same claims at once: nothing lost, nothing overwritten.

Starts PROCESSES processes that each make CHANGES random status changes and notes on the
same CLAIMS claims, every change guarded by the version the "reviewer" read. Then checks:
every accepted change has exactly one audit event, each claim's final status is its last
accepted event's, every refused change was refused as stale (and counted), and no lock or
serialization error reached a caller.

    python bench/concurrency.py [--db URL] [--processes 4] [--changes 500] [--claims 50]

Prints figures and one JSON line. Without --db it uses a temporary SQLite file.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker import store as st  # noqa: E402
from tracker.models import audit_table, claim_table  # noqa: E402
from tracker.vocab import AttributionKind, ClaimStatus, QuoteKind, SourceKind  # noqa: E402

STATUSES = list(ClaimStatus)


class _Claim:
    """A hand-made extracted claim for seeding the database."""

    def __init__(self, n: int) -> None:
        self.text = f"Claim number {n} about the talks"
        self.sentence = self.text + "."
        self.source = "an official"
        self.source_kind = SourceKind.ANONYMOUS
        self.source_mention = None
        self.source_key = 0
        self.cue = "said"
        self.quote = QuoteKind.INDIRECT
        self.status = ClaimStatus.PENDING
        self.status_note = None
        self.content_span = self.source_span = self.cue_span = None
        self.sentence_span = self.paragraph_span = None
        self.confidence = 0.5
        self.kind = AttributionKind.SPEECH
        self.segments = ()


def seed(url: str, claims: int) -> list[int]:
    """A story with ``claims`` pending claims; returns their ids."""
    s = st.Store.open(url)
    stored = st.add_story(
        s,
        story=st.StoryInput(body=f"Stress story {time.time_ns()}", title="stress"),
        claims=[_Claim(n) for n in range(claims)],  # type: ignore[list-item]
    )
    s.close()
    return list(stored.claim_ids)


def reviewer(url: str, name: str, claim_ids: list[int], changes: int, seed_: int) -> dict[str, Any]:
    """One reviewer's session: read a claim, decide, write with the version read."""
    rng = random.Random(seed_)
    s = st.Store.open(url, migrate=False)
    accepted: list[list[Any]] = []
    refused = 0
    errors: list[str] = []
    for n in range(changes):
        claim_id = rng.choice(claim_ids)
        try:
            seen = st.get_claim(s, claim_id)
            if rng.random() < 0.8:
                change = st.set_status(
                    s,
                    claim_id=claim_id,
                    status=rng.choice(STATUSES),
                    note=f"{name} change {n}",
                    reviewer=name,
                    expected_version=seen.version,
                )
            else:
                change = st.set_note(
                    s,
                    claim_id=claim_id,
                    note=f"{name} note {n}",
                    reviewer=name,
                    expected_version=seen.version,
                )
            accepted.append([change.event_id, claim_id, change.new_status.value])
        except st.StaleClaimError:
            refused += 1
        except Exception as exc:  # noqa: BLE001  (every other failure is a finding)
            errors.append(f"{type(exc).__name__}: {exc}")
    s.close()
    return {"accepted": accepted, "refused": refused, "errors": errors}


def _worker(args: tuple[str, str, list[int], int, int], queue: Any) -> None:
    queue.put(reviewer(*args))


def verify(url: str, claim_ids: list[int], results: list[dict[str, Any]]) -> dict[str, Any]:
    """Compare what the reviewers were told with what the database holds."""
    accepted = [a for r in results for a in r["accepted"]]
    s = st.Store.open(url, migrate=False)
    with s.read() as conn:
        events = conn.execute(
            sa.select(audit_table.c.id, audit_table.c.claim_id, audit_table.c.new_status)
            .where(audit_table.c.claim_id.in_(claim_ids))
            .where(audit_table.c.action.in_(["status", "note"]))
            .order_by(audit_table.c.id)
        ).all()
        finals = dict(
            conn.execute(
                sa.select(claim_table.c.id, claim_table.c.status).where(
                    claim_table.c.id.in_(claim_ids)
                )
            ).all()
        )
    s.close()
    event_ids = [e[0] for e in events]
    accepted_ids = sorted(a[0] for a in accepted)
    last_event: dict[int, str] = {}
    for _id, claim_id, new_status in events:
        last_event[claim_id] = str(getattr(new_status, "value", new_status))
    wrong_final = [
        c
        for c in claim_ids
        if c in last_event and str(getattr(finals[c], "value", finals[c])) != last_event[c]
    ]
    return {
        "accepted": len(accepted),
        "refused_stale": sum(r["refused"] for r in results),
        "errors": [e for r in results for e in r["errors"]],
        "events": len(event_ids),
        "lost": len(set(accepted_ids) - set(event_ids)),
        "unexplained_events": len(set(event_ids) - set(accepted_ids)),
        "duplicate_events": len(accepted_ids) - len(set(accepted_ids)),
        "wrong_final_status": len(wrong_final),
    }


def run_stress(url: str, *, processes: int, changes: int, claims: int) -> dict[str, Any]:
    """Seed, run the reviewers in parallel processes, verify; returns the figures."""
    claim_ids = seed(url, claims)
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    workers = [
        ctx.Process(
            target=_worker, args=((url, f"reviewer{i}", claim_ids, changes, 1000 + i), queue)
        )
        for i in range(processes)
    ]
    started = time.perf_counter()
    for w in workers:
        w.start()
    results = [queue.get(timeout=600) for _ in workers]
    for w in workers:
        w.join(timeout=60)
    elapsed = time.perf_counter() - started
    figures = verify(url, claim_ids, results)
    figures.update(
        {
            "processes": processes,
            "changes_per_process": changes,
            "claims": claims,
            "seconds": round(elapsed, 2),
            "attempts_per_second": round(processes * changes / elapsed, 1),
            "accepted_per_second": round(figures["accepted"] / elapsed, 1),
            "backend": sa.make_url(url).get_backend_name(),
        }
    )
    figures["ok"] = (
        not figures["errors"]
        and figures["lost"] == 0
        and figures["unexplained_events"] == 0
        and figures["duplicate_events"] == 0
        and figures["wrong_final_status"] == 0
        and figures["accepted"] + figures["refused_stale"] == processes * changes
    )
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--changes", type=int, default=500)
    parser.add_argument("--claims", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'stress.db'}"
        figures = run_stress(
            url, processes=args.processes, changes=args.changes, claims=args.claims
        )
    print(
        f"{figures['backend']}: {figures['processes']} processes x "
        f"{figures['changes_per_process']} changes on {figures['claims']} claims "
        f"in {figures['seconds']} s ({figures['attempts_per_second']} changes/s tried, "
        f"{figures['accepted_per_second']}/s accepted)"
    )
    print(
        f"accepted {figures['accepted']}, refused as stale {figures['refused_stale']}, "
        f"lost {figures['lost']}, unexplained events {figures['unexplained_events']}, "
        f"wrong final status {figures['wrong_final_status']}, errors {len(figures['errors'])}"
    )
    for error in figures["errors"][:5]:
        print("  error:", error)
    print(json.dumps({"bench": "concurrency", **figures, "errors": len(figures["errors"])}))
    return 0 if figures["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
