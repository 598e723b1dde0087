"""How soon the ``tracker`` command answers: whole-process wall time, as a script sees it.

    python bench/startup.py
    python bench/startup.py --big-db /tmp/tracker-1m.db   # also the review screen

Times ``tracker --help``, ``tracker status ID STATUS`` and ``tracker claims --limit 1``
on a small database built from sample_data/ (one warm-up run, then the median of
``--runs``), each a fresh process from the start of Python to its exit. With
``--big-db`` (a database built by bench/make_db.py), also the review screen: from
starting ``tracker review`` in a pseudo-terminal to the first claims drawn on it.

Floors (issue 14): --help <= 0.3 s; status and claims <= 0.6 s; review <= 0.8 s.
Prints the figures (with each command's CPU time and the load average: on a busy
machine the wall time includes waiting for a core), then one JSON line. ``--source
TREE`` times another checkout's code, for a before/after comparison; ``--uncontended``
runs each timed process with real-time priority, the figure an idle machine would give.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FLOORS = {"help_s": 0.3, "status_s": 0.6, "claims_s": 0.6, "review_first_screen_s": 0.8}
# Control sequences a terminal program writes between the characters it draws.
ESCAPES = re.compile(
    rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]|\x1b\][^\x07]*\x07"
)


SOURCE: Path | None = None  # --source: run the tracker of another checkout (before/after)
UNCONTENDED = False  # --uncontended: run each timed process first in line for a core


def tracker_command(*, timed: bool = True) -> list[str]:
    """The installed ``tracker`` script next to this Python, else ``python -m tracker``.

    With ``--source TREE``, that checkout's code, started the way the script starts it.
    """
    # SCHED_FIFO: the process never waits behind other work for a core, so the time is
    # its own (what an idle machine shows), not the queue's.
    first = ["chrt", "--fifo", "10"] if UNCONTENDED and timed else []
    if SOURCE is not None:
        start = (
            f"import sys; sys.path.insert(0, {str(SOURCE)!r}); from tracker.cli import main; main()"
        )
        return [*first, sys.executable, "-c", start]
    script = Path(sys.executable).with_name("tracker")
    if script.exists():
        return [*first, str(script)]
    found = shutil.which("tracker")
    return [*first, found] if found else [*first, sys.executable, "-m", "tracker"]


CPU: dict[str, list[float]] = {}  # CPU seconds (user + system) of each timed process


def wall_time(argv: list[str], env: dict[str, str], label: str = "") -> float:
    """Seconds from starting ``argv`` to its exit; the command must succeed.

    Also notes the process's CPU time under ``label``: on a shared machine the wall
    time includes waiting for a core, the CPU time does not.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    result = subprocess.run(argv, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {result.stderr.decode(errors='replace')}")
    if label:
        used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        CPU.setdefault(label, []).append(used)
    return elapsed


def median_of(runs: int, once: Callable[[int], float]) -> tuple[float, list[float]]:
    """One warm-up run, then the median of ``runs`` timed ones."""
    once(-1)
    times = [once(i) for i in range(runs)]
    return statistics.median(times), times


def small_database(folder: Path, env: dict[str, str]) -> tuple[str, int]:
    """A database of the sample newsroom; returns its path and one claim id."""
    path = folder / "startup.db"
    cmd = tracker_command(timed=False)
    subprocess.run(
        [*cmd, "ingest", str(REPO / "sample_data"), "--no-match", "--db", str(path)],
        env=env,
        capture_output=True,
        check=True,
    )
    listed = subprocess.run(
        [*cmd, "claims", "--json", "--limit", "1", "--db", str(path)],
        env=env,
        capture_output=True,
        check=True,
    )
    return str(path), int(json.loads(listed.stdout)[0]["id"])


def first_claims(db: str, count: int = 200) -> list[bytes]:
    """The beginnings of the first claims in the review list, as the screen would show them."""
    from tracker.config import normalise_db_url
    from tracker.store import Store, list_claims

    store = Store.open(normalise_db_url(db), create=False)  # brought to head, untimed
    try:
        rows = list_claims(store, limit=count)
    finally:
        store.close()
    return [" ".join(r.text.split())[:12].encode() for r in rows if len(r.text) >= 12]


def review_first_screen(db: str, env: dict[str, str], needles: list[bytes]) -> float:
    """Start ``tracker review`` in a pseudo-terminal; seconds until a claim is drawn."""
    import pty

    argv = [*tracker_command(), "review", "--db", db]
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal program of 140 x 45
        os.environ.update(env)
        os.execv(argv[0], argv) if os.path.isabs(argv[0]) else os.execvp(argv[0], argv)
    _set_size(fd, 45, 140)
    seen = b""
    elapsed = None
    try:
        while time.perf_counter() - t0 < 30:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            text = ESCAPES.sub(b"", seen)
            if any(n in text for n in needles):
                elapsed = time.perf_counter() - t0
                break
    finally:
        _stop(pid, fd)
    if elapsed is None:
        raise SystemExit("the review screen showed no claim within 30 s")
    return elapsed


def _set_size(fd: int, rows: int, cols: int) -> None:
    import fcntl
    import struct
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def _stop(pid: int, fd: int) -> None:
    """Quit the app as a reviewer would (q), then make sure the child is gone."""
    try:
        os.write(fd, b"q")
    except OSError:
        pass
    deadline = time.perf_counter() + 5
    while time.perf_counter() < deadline:
        try:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready and not os.read(fd, 65536):
                break
        except OSError:
            break
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            pid = 0
            break
    if pid:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
    os.close(fd)


def main(argv: list[str] | None = None) -> int:
    """Measure, print the figures and the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (median)")
    parser.add_argument("--big-db", help="a database built by bench/make_db.py (review screen)")
    parser.add_argument(
        "--source", type=Path, help="time the tracker of this checkout (e.g. an older commit)"
    )
    parser.add_argument(
        "--uncontended",
        action="store_true",
        help="run each timed process with real-time priority (chrt --fifo; needs root), so "
        "that on a shared machine it does not queue for a core behind other work",
    )
    args = parser.parse_args(argv)
    global SOURCE, UNCONTENDED
    SOURCE = args.source.resolve() if args.source else None
    UNCONTENDED = args.uncontended
    cmd = tracker_command()
    figures: dict[str, float | None] = {}
    with tempfile.TemporaryDirectory(prefix="tracker-startup-") as tmp:
        folder = Path(tmp)
        env = {**os.environ, "TRACKER_DATA_DIR": str(folder / "data"), "TRACKER_REVIEWER": "bench"}
        env.pop("TRACKER_DB", None)
        db, claim_id = small_database(folder, env)
        statuses = ("confirmed", "pending")

        runs: dict[str, list[float]] = {}
        figures["help_s"], runs["help_s"] = median_of(
            args.runs, lambda i: wall_time([*cmd, "--help"], env, "help_s" if i >= 0 else "")
        )
        figures["status_s"], runs["status_s"] = median_of(
            args.runs,
            lambda i: wall_time(
                [*cmd, "status", str(claim_id), statuses[i % 2], "--db", db],
                env,
                "status_s" if i >= 0 else "",
            ),
        )
        figures["claims_s"], runs["claims_s"] = median_of(
            args.runs,
            lambda i: wall_time(
                [*cmd, "claims", "--limit", "1", "--db", db], env, "claims_s" if i >= 0 else ""
            ),
        )
        figures["review_first_screen_s"] = None
        if args.big_db:
            needles = first_claims(args.big_db)
            figures["review_first_screen_s"], runs["review_first_screen_s"] = median_of(
                args.runs, lambda i: review_first_screen(args.big_db, env, needles)
            )

    labels = {
        "help_s": "tracker --help",
        "status_s": "tracker status ID STATUS",
        "claims_s": "tracker claims --limit 1",
        "review_first_screen_s": "tracker review: first claims drawn (1M)",
    }
    how = " with real-time priority (uncontended)" if UNCONTENDED else ""
    print(f"whole-process wall time{how}, median of {args.runs} after a warm-up ({' '.join(cmd)})")
    met: dict[str, bool | None] = {}
    for name, label in labels.items():
        value = figures[name]
        if value is None:
            print(f"  {label:<42} not measured (give --big-db)")
            met[name] = None
            continue
        met[name] = value <= FLOORS[name]
        each = ", ".join(f"{t:.2f}" for t in runs[name])
        cpu = f"; CPU {statistics.median(CPU[name]):.2f} s" if name in CPU else ""
        print(f"  {label:<42} {value:5.2f} s  (floor {FLOORS[name]} s; runs {each}{cpu})")
    load = os.getloadavg()[0]
    print(f"  load average while measuring: {load:.1f} on {os.cpu_count()} cores")
    rounded = {k: (round(v, 3) if v is not None else None) for k, v in figures.items()}
    cpu_s = {f"{k[:-2]}_cpu_s": round(statistics.median(v), 3) for k, v in CPU.items()}
    print(
        json.dumps(
            {
                "bench": "startup",
                "runs": args.runs,
                "source": str(SOURCE) if SOURCE else None,
                "uncontended": UNCONTENDED,
                **rounded,
                **cpu_s,
                "load_average": round(load, 2),
                "floors_met": met,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
