"""Several reviewers at once, and processes killed mid-change: nothing lost or half-written."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from bench.concurrency import run_stress
from tests.conftest import REPO
from tracker import store as st


def test_concurrent_reviewers_lose_nothing(db_url: str) -> None:
    figures = run_stress(db_url, processes=4, changes=60, claims=8)
    assert figures["errors"] == []
    assert figures["lost"] == 0
    assert figures["unexplained_events"] == 0
    assert figures["duplicate_events"] == 0
    assert figures["wrong_final_status"] == 0
    assert figures["accepted"] + figures["refused_stale"] == 4 * 60
    assert figures["accepted"] > 0
    assert figures["ok"] is True


KILLED_WRITER = """
import sys
from tracker import store as st
s = st.Store.open(sys.argv[1])
ids = [r.id for r in st.list_claims(s, limit=50)]
n = 0
print("ready", flush=True)
while True:
    for claim_id in ids:
        status = ("confirmed", "disputed", "false", "pending")[n % 4]
        st.set_status(s, claim_id=claim_id, status=status, note=f"n{n}", reviewer="killed")
        n += 1
"""


def test_killed_mid_change_leaves_a_consistent_database(db_url: str, tmp_path: Path) -> None:
    from tests.conftest import FakeClaim, add_fake_story

    s = st.Store.open(db_url)
    add_fake_story(s, [FakeClaim(f"claim {i}") for i in range(20)])
    s.close()
    script = tmp_path / "writer.py"
    script.write_text(KILLED_WRITER)
    for delay in (0.4, 0.9):
        proc = subprocess.Popen(
            [sys.executable, str(script), db_url], stdout=subprocess.PIPE, cwd=REPO
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    s = st.Store.open(db_url)
    report = st.health.check(s)
    s.close()
    assert report.integrity == "ok"
    assert report.mismatched == []
    assert report.ok
