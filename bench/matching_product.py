"""Matching as the product runs it: wall time and peak memory of a ``tracker`` process.

``bench/matching.py`` times the matching library inside its own process; this bench runs
the command line on a database made by ``bench/make_db.py`` (copied first, so the
database given is never changed) and reads the child's peak resident memory from the
kernel (``os.wait4``: the largest process of the run, helpers included).

    python bench/make_db.py --claims 30000 --db /tmp/db30k.db
    python bench/matching_product.py --db /tmp/db30k.db --run rebuild
    python bench/make_db.py --claims 1000000 --db /tmp/db1m.db      # once; ~25 min
    python bench/matching_product.py --db /tmp/db1m.db --run story --run similar

Runs:

* ``rebuild``: ``tracker match --rebuild`` (every claim matched again against all);
* ``story``: ``tracker ingest`` of one new story of ``sample_data/``, which matches its
  claims against every stored claim: both indexes loaded from the files beside the
  database (the lexical index over every claim, the vector index mapped). The issue's
  memory target (< 2 GB with a million claims) is this process's peak. Without a
  lexical index file beside the database given, the run builds it first (about a minute
  per million claims; the line says so): ingest once into the database given, or pass
  ``--prepare``, to time what every later ingest costs;
* ``similar``: ``tracker similar`` (the vector index and the model only).

Prints a line per run and one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = ("rebuild", "story", "similar")
#: The story ingested by the ``story`` run (a wire story, a dozen claims).
STORY = ROOT / "sample_data" / "2024-12-10_gulf_ledger_qatar_hts.md"
SIMILAR_TEXT = "Qatar has been in contact with the rebel group that took Damascus"


def copy_database(src: Path, folder: Path) -> Path:
    """The database and the files kept beside it (vector index), copied into ``folder``."""
    target = folder / src.name
    for path in src.parent.glob(src.name + "*"):
        if path.suffix in (".db-wal", ".db-shm") or path.name.endswith(("-wal", "-shm")):
            continue
        shutil.copyfile(path, folder / path.name)
    return target


def run(args: list[str]) -> dict[str, float | int | str]:
    """Run ``python -m tracker ARGS``; its wall time and what it printed."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tracker", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )
    out, err = proc.communicate()
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"tracker {' '.join(args)} failed ({proc.returncode}): {err.decode()}")
    return {"seconds": elapsed, "stdout": out.decode()}


def measured(args: list[str]) -> dict[str, float | int | str]:
    """:func:`run` in a helper process of its own, so the peak RSS read is this run's."""
    code = (
        "import json, resource, sys\n"
        f"sys.path.insert(0, {str(ROOT / 'bench')!r})\n"
        "from matching_product import run\n"
        f"r = run({args!r})\n"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "r.update(peak_rss_mb=u.ru_maxrss / 1024, cpu_seconds=u.ru_utime + u.ru_stime)\n"
        "print(json.dumps(r))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr.strip().splitlines()[-1] if done.stderr else "failed")
    result: dict[str, float | int | str] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def prepare(db: Path) -> None:
    """Build the lexical index file beside ``db`` (what the first ingest would do)."""
    code = (
        "import sys\n"
        "from tracker.store import Store\n"
        "from tracker.store.lexical import lexical_index\n"
        "store = Store.open(sys.argv[1])\n"
        "lexical_index(store)\n"
        "store.close()\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-c", code, f"sqlite:///{db}"], check=True, cwd=ROOT, env=env)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path, help="a SQLite file from make_db.py")
    parser.add_argument("--run", choices=RUNS, action="append", help="what to run (repeat)")
    parser.add_argument(
        "--prepare",
        action="store_true",
        help="build the lexical index file beside the copy first (not timed)",
    )
    args = parser.parse_args(argv)
    if not args.db.is_file():
        parser.error(f"no database at {args.db}")
    figures: dict[str, object] = {"bench": "matching_product", "db": str(args.db)}
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as tmp:
        db = copy_database(args.db, Path(tmp))
        if args.prepare:
            prepare(db)
        for what in args.run or RUNS:
            if what == "rebuild":
                r = measured(["match", "--rebuild", "--json", "--db", str(db)])
                claims = json.loads(str(r["stdout"])).get("claims")
                print(
                    f"tracker match --rebuild: {claims:,} claims in {r['seconds']:.1f} s "
                    f"(CPU {r['cpu_seconds']:.1f} s), peak RSS {r['peak_rss_mb']:,.0f} MiB"
                )
            elif what == "story":
                kept = db.with_name(db.name + ".lexical").exists()
                r = measured(["ingest", "--json", "--db", str(db), str(STORY)])
                how = "" if kept else " (no lexical index file: built in this run)"
                print(
                    f"tracker ingest of one story (matched against every stored claim): "
                    f"{r['seconds']:.1f} s (CPU {r['cpu_seconds']:.1f} s), peak RSS "
                    f"{r['peak_rss_mb']:,.0f} MiB (target < 2048 with a million claims){how}"
                )
                r["lexical_file"] = kept
            else:
                r = measured(["similar", "--json", "--db", str(db), SIMILAR_TEXT])
                print(
                    f"tracker similar: {r['seconds']:.1f} s (CPU {r['cpu_seconds']:.1f} s), "
                    f"peak RSS {r['peak_rss_mb']:,.0f} MiB"
                )
            figures[what] = {k: v for k, v in r.items() if k != "stdout"}
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
