"""Time ``tracker db upgrade`` from an earlier schema revision on a big database.

    python bench/make_db.py --claims 100000 --db /tmp/tracker-100k.db
    python bench/migration.py --db /tmp/tracker-100k.db --from 0001

Works on a copy of the SQLite file (the original is left as it is): the copy is taken
down to ``--from`` with the migrations' own downgrades, then brought back to head, timed.
Every table's row count must be the same afterwards.

Prints a few human-readable lines and one JSON line.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker import db  # noqa: E402

TABLES = ("story", "source", "claim", "match", "audit_event", "alias")


def _counts(engine: sa.Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t: int(conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one())  # noqa: S608
            for t in TABLES
        }


def _to(engine: sa.Engine, revision: str, *, down: bool) -> float:
    from alembic import command

    started = time.perf_counter()
    with db.writer(engine).connect() as conn, conn.begin():
        cfg = db.alembic_config(conn)
        if down:
            command.downgrade(cfg, revision)
        else:
            command.upgrade(cfg, revision)
    return time.perf_counter() - started


def run(source: Path, start: str) -> dict[str, object]:
    """Copy ``source``, take the copy to ``start``, time the upgrade to head."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "tracker.db"
        shutil.copyfile(source, copy)
        engine = db.create_engine(f"sqlite:///{copy}")
        before = _counts(engine)
        down = _to(engine, start, down=True)
        assert db.current_revision(engine) == start
        up = _to(engine, "head", down=False)
        assert db.current_revision(engine) == db.head_revision()
        after = _counts(engine)
        engine.dispose()
    if after != before:
        raise SystemExit(f"rows changed: {before} -> {after}")
    return {
        "from": start,
        "to": db.head_revision(),
        "claims": before["claim"],
        "downgrade_seconds": round(down, 2),
        "upgrade_seconds": round(up, 2),
        "rows": before,
    }


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, time the upgrade, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, type=Path, help="a SQLite file at head")
    parser.add_argument("--from", dest="start", default="0001", help="revision to start from")
    args = parser.parse_args(argv)
    if not args.db.is_file():
        parser.error(f"{args.db} is not a file")
    figures = run(args.db, args.start)
    print(
        f"upgrade {figures['from']} -> {figures['to']} on {figures['claims']:,} claims: "
        f"{figures['upgrade_seconds']} s (downgrade first took {figures['downgrade_seconds']} s); "
        "no row lost"
    )
    print(json.dumps({"bench": "migration", **figures}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
