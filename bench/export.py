"""How long an audit report of a big database takes, and how much memory it needs.

    python bench/export.py                       # 1,000,000 claims; md, csv, json
    python bench/export.py --claims 100000 --formats md,html,csv,json,claimreview
    python bench/export.py --db /tmp/tracker-1m.db  # reuse a database made by make_db.py

The database comes from ``bench/make_db.py`` (built once, then reused when it already
holds the requested number of claims). Each format is exported by a child process of
its own, so its peak memory (maximum resident set size) is measured alone, and written
to a file through ``export_to_path`` exactly as ``tracker export -o`` does.

The goal (issue 7): 1,000,000 claims in md, csv and json in at most 60 s each, with
peak memory under 300 MB. Wall time is the figure judged; the child's CPU time is
printed too, because on a shared machine wall time mostly measures the neighbours (an
export is one thread: it reads and writes in turn). Prints a few human-readable lines
and one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
LIMIT_SECONDS = 60.0
LIMIT_MB = 300.0


def _claims_in(db: Path) -> int | None:
    import sqlite3

    if not db.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return int(conn.execute("SELECT count(*) FROM claim").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def ensure_database(db: Path, claims: int) -> float:
    """Build the benchmark database with make_db.py unless it is already there."""
    have = _claims_in(db)
    if have == claims:
        print(f"reusing {db} ({have:,} claims)")
        return 0.0
    if have is not None:
        sys.exit(f"{db} holds {have:,} claims, not {claims:,}; remove it or pick another --db")
    print(f"building {db} with {claims:,} claims (bench/make_db.py)...")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(BENCH / "make_db.py"), "--claims", str(claims), "--db", str(db)],
        check=True,
        cwd=REPO,
    )
    return time.perf_counter() - started


def export_once(db: Path, fmt: str, out: Path) -> None:
    """The child's work: one report written to ``out`` (used with --child)."""
    from tracker.config import Config
    from tracker.export import export_to_path
    from tracker.store import Store

    store = Store.open(f"sqlite:///{db}")
    try:
        count = export_to_path(
            store,
            fmt=fmt,
            path=out,
            force=True,
            config=Config(db_url=store.url, reviewer="bench"),
        )
    finally:
        store.close()
    print(count)


def measure(db: Path, fmt: str, out: Path) -> dict[str, Any]:
    """Run one export in a child process; its wall time, peak memory and output size."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", "1733875200"))
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, __file__, "--child", fmt, "--db", str(db), "--out", str(out)],
        stdout=subprocess.PIPE,
        env=env,
        cwd=REPO,
    )
    assert child.stdout is not None
    written = child.stdout.read().decode().strip()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"export {fmt} failed with exit code {child.returncode}")
    peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    return {
        "seconds": round(seconds, 1),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_mb": round(peak_mb, 1),
        "claims": int(written or 0),
        "bytes": out.stat().st_size,
        "ok": seconds <= LIMIT_SECONDS and peak_mb < LIMIT_MB,
    }


def main(argv: list[str] | None = None) -> int:
    """Parse options, build or reuse the database, time each format, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=None, help="SQLite file (built if missing)")
    parser.add_argument("--formats", default="md,csv,json", help="comma-separated formats")
    parser.add_argument("--out", type=Path, default=None, help="folder for the reports")
    parser.add_argument("--keep", action="store_true", help="keep the reports")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        export_once(args.db, args.child, args.out)
        return 0

    scratch = Path(tempfile.mkdtemp(prefix="tracker-export-bench-"))
    db = args.db or Path(tempfile.gettempdir()) / f"tracker-bench-{args.claims}.db"
    out_dir = args.out or scratch
    out_dir.mkdir(parents=True, exist_ok=True)
    build_seconds = ensure_database(db, args.claims)

    results: dict[str, dict[str, Any]] = {}
    for fmt in [f.strip() for f in args.formats.split(",") if f.strip()]:
        out = out_dir / f"report.{fmt}"
        result = measure(db, fmt, out)
        results[fmt] = result
        rate = result["claims"] / result["seconds"] if result["seconds"] else 0.0
        verdict = "ok" if result["ok"] else "OVER LIMIT"
        print(
            f"{fmt:>11}: {result['claims']:>9,} claims in {result['seconds']:>6.1f} s "
            f"({rate:,.0f} claims/s, {result['cpu_seconds']:.1f} s CPU), "
            f"peak {result['peak_mb']:>6.1f} MB, "
            f"{result['bytes'] / 1e6:,.1f} MB written  [{verdict}]"
        )
        if not args.keep:
            out.unlink(missing_ok=True)
    if not args.keep and args.out is None:
        scratch.rmdir()
    print(
        f"limits: {LIMIT_SECONDS:.0f} s and {LIMIT_MB:.0f} MB per format "
        f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    summary = {
        "bench": "export",
        "claims": args.claims,
        "db_build_seconds": round(build_seconds, 1),
        "limits": {"seconds": LIMIT_SECONDS, "peak_mb": LIMIT_MB},
        "results": results,
        "ok": all(r["ok"] for r in results.values()),
    }
    print(json.dumps(summary))
    return 0 if summary["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
