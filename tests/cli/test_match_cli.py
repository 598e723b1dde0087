"""``tracker match`` and ``tracker matches`` end to end, on real SQLite files."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SAMPLE_DATA, FakeClaim, add_fake_story
from tracker import store as st
from tracker.cli import app
from tracker.matching.hybrid import CONFLICT_COSINE
from tracker.store.matches import MatchRun
from tracker.vocab import ClaimStatus

runner = CliRunner()


def _db(tmp_path: Path) -> tuple[str, list[int], list[int]]:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    s = st.Store.open(url)
    one = add_fake_story(
        s,
        [
            FakeClaim("Qatari diplomats spoke with Hayat Tahrir al-Sham on Monday"),
            FakeClaim("Assad fled to Russia after 13 years of civil war"),
        ],
        title="Qatar talks to HTS",
        outlet="Reuters",
        body="Hayat Tahrir al-Sham (HTS) rebels. Qatari diplomats spoke with them on Monday.",
    )
    two = add_fake_story(
        s,
        [
            FakeClaim("Qatar held talks with HTS on Monday"),
            FakeClaim("Assad fled to Russia after 14 years of civil war"),
        ],
        title="Doha reaches out",
        outlet="Gulf Ledger",
    )
    st.set_status(s, claim_id=two.claim_ids[0], status=ClaimStatus.CONFIRMED, reviewer="ana")
    s.close()
    return url, one.claim_ids, two.claim_ids


def test_match_then_matches_shows_story_status_and_words(tmp_path: Path) -> None:
    url, one, two = _db(tmp_path)
    result = runner.invoke(app, ["match", "--db", url])
    assert result.exit_code == 0, result.output
    # one of a kind is said in the singular
    assert "1 linked" in result.output and "1 conflict;" in result.output
    result = runner.invoke(app, ["matches", str(one[0]), "--db", url])
    assert result.exit_code == 0, result.output
    assert "Gulf Ledger" in result.output and "confirmed" in result.output
    assert "Monday" in result.output and "linked" in result.output
    assert "cluster: 1 other claim; already decided" in result.output
    result = runner.invoke(app, ["matches", str(one[0]), "--json", "--db", url])
    data = json.loads(result.output)
    assert [m["claim_id"] for m in data] == [two[0]]
    assert data[0]["kind"] == "same" and data[0]["status"] == "confirmed"
    assert "Monday" in data[0]["explanation"]["aligned"]


def test_matches_say_what_the_meaning_model_contributed(tmp_path: Path) -> None:
    url, one, _ = _db(tmp_path)
    assert runner.invoke(app, ["match", "--db", url]).exit_code == 0
    wide = {"COLUMNS": "300"}
    same = runner.invoke(app, ["matches", str(one[0]), "--db", url], env=wide)
    found = json.loads(runner.invoke(app, ["matches", str(one[0]), "--json", "--db", url]).stdout)
    why = found[0]["explanation"]
    with_it, alone = round(why["score"]), round(why["lexical"])
    assert (
        f"meaning: cosine {why['cosine']:.2f}; score {with_it} with it, {alone} by wording alone "
        f"({with_it - alone:+d})"
    ) in same.stdout
    assert "(embedding cosine)" not in same.stdout  # said once, by the line above
    conflict = runner.invoke(app, ["matches", str(one[1]), "--db", url], env=wide)
    assert "conflict" in conflict.stdout
    assert f"one event in meaning too (a conflict needs {CONFLICT_COSINE:.2f})" in conflict.stdout


def test_reject_from_the_command_line_sticks(tmp_path: Path) -> None:
    url, one, two = _db(tmp_path)
    runner.invoke(app, ["match", "--db", url])
    data = json.loads(runner.invoke(app, ["matches", str(one[1]), "--json", "--db", url]).output)
    assert data[0]["kind"] == "conflict" and data[0]["state"] == "suggested"
    match_id = data[0]["match_id"]
    result = runner.invoke(
        app, ["matches", str(one[1]), "--reject", str(match_id), "--reviewer", "bo", "--db", url]
    )
    assert result.exit_code == 0, result.output
    assert f"match {match_id}: rejected by bo" in result.output
    rebuilt = runner.invoke(app, ["match", "--rebuild", "--json", "--db", url])
    assert json.loads(rebuilt.output)["kept_decisions"] == 1
    shown = runner.invoke(app, ["matches", str(one[1]), "--json", "--db", url])
    assert json.loads(shown.output) == []
    told = runner.invoke(app, ["matches", str(one[1]), "--db", url])
    assert told.stderr.strip() == (
        f"claim {one[1]} has no matches (1 rejected match: --rejected lists it)"
    )
    listed = runner.invoke(app, ["matches", str(one[1]), "--rejected", "--json", "--db", url])
    assert [m["state"] for m in json.loads(listed.stdout)] == ["rejected"]
    history = runner.invoke(app, ["history", str(two[1]), "--db", url])
    assert history.exit_code == 0, history.output
    assert "rejected match" in history.output and "bo" in history.output  # audited
    # the same decision again changes nothing and adds no second audit event
    again = runner.invoke(
        app, ["matches", str(one[1]), "--reject", str(match_id), "--reviewer", "cy", "--db", url]
    )
    assert again.exit_code == 0, again.output
    assert f"match {match_id} is already rejected by bo; nothing changed" in again.output
    after = runner.invoke(app, ["history", str(two[1]), "--db", url])
    assert after.output.count("rejected match") == 1 and "cy" not in after.output


def test_matches_errors_are_clear(tmp_path: Path) -> None:
    url, one, _ = _db(tmp_path)
    result = runner.invoke(app, ["matches", "9999", "--db", url])
    assert result.exit_code == 1 and "no claim with id 9999" in result.output
    result = runner.invoke(app, ["matches", str(one[0]), "--accept", "77", "--db", url])
    assert result.exit_code == 1 and "not a match of claim" in result.output
    result = runner.invoke(app, ["match", "--threshold", "70", "--json", "--db", url])
    assert result.exit_code == 0 and json.loads(result.output)["claims"] == 4


def test_a_run_of_one_claim_is_said_in_the_singular(tmp_path: Path) -> None:
    """ingest and match count what they did in words a reader expects ("1 claim")."""
    story = tmp_path / "bridge.txt"
    story.write_text(
        "Bridge to open in May\n\nThe new bridge will open in May, the mayor said.\n",
        encoding="utf-8",
    )
    url = f"sqlite:///{tmp_path / 'one.db'}"
    ingest = runner.invoke(app, ["ingest", str(story), "--db", url])
    assert ingest.exit_code == 0, ingest.output
    assert "matched 1 claim against 1:" in ingest.output, ingest.output
    match = runner.invoke(app, ["match", "--rebuild", "--db", url])
    assert match.exit_code == 0, match.output
    first = match.output.splitlines()[0]
    assert first.startswith("matched 1 claim against 1: 0 linked, 0 suggested, 0 conflicts;")
    assert "0 clusters of 0 claims; 0 aliases learned" in first
    assert match.stderr == ""  # no progress bar off a terminal: a log stays clean


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a pseudo-terminal")
def test_a_rebuild_on_a_terminal_shows_its_progress(tmp_path: Path) -> None:
    """``tracker match --rebuild`` as a reviewer runs it: its stderr a terminal, where a
    progress bar follows the steps, its stdout the summary alone."""
    import pty

    url = f"sqlite:///{tmp_path / 'desk.db'}"
    ingest = runner.invoke(app, ["ingest", str(SAMPLE_DATA), "--db", url])
    assert ingest.exit_code == 0, ingest.output
    terminal, side = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tracker", "match", "--rebuild", "--db", url],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=side,
        env={**os.environ, "COLUMNS": "100"},
    )
    os.close(side)
    drawn = bytearray()

    def read() -> None:  # the bar must not wait on a full terminal buffer
        while True:
            try:
                chunk = os.read(terminal, 4096)
            except OSError:  # the other side is closed
                return
            if not chunk:
                return
            drawn.extend(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    out, _ = proc.communicate(timeout=120)
    reader.join(timeout=10)
    os.close(terminal)
    assert proc.returncode == 0, drawn.decode(errors="replace")
    assert out.decode().startswith("matched 60 claims against 66:")
    screen = drawn.decode(errors="replace")
    assert "matching claims" in screen and "60/60" in screen, screen


def test_match_counts_say_one_of_a_kind_in_the_singular() -> None:
    run = MatchRun(
        claims=1,
        compared_with=9,
        linked=1,
        suggested=0,
        conflicts=1,
        kept_decisions=0,
        clusters=1,
        clustered_claims=2,
        aliases_learned=1,
        seconds=0.31,
        lexical_only_reason="no model here",
    )
    lines = run.summary().splitlines()
    assert lines[0] == (
        "matched 1 claim against 9: 1 linked, 0 suggested, 1 conflict; 1 cluster of 2 claims; "
        "1 alias learned (0.3 s)"
    )
    assert len(lines) == 2 and "no model here" in lines[1]
    big = dataclasses.replace(
        run, claims=100_000, compared_with=100_000, linked=1_480, suggested=10_255, conflicts=3_790
    )
    assert big.summary().startswith(
        "matched 100,000 claims against 100,000: 1,480 linked, 10,255 suggested, 3,790 conflicts;"
    )


def test_tables_show_square_brackets_as_the_story_wrote_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Square brackets in a quote ("[sic]") are words: rich markup dropped them."""
    bracketed = "The mayor said [the council] would open the bridge in May [sic]"
    url = f"sqlite:///{tmp_path / 'brackets.db'}"
    s = st.Store.open(url)
    one = add_fake_story(s, [FakeClaim(bracketed)], title="Bridge [updated]")
    add_fake_story(s, [FakeClaim("The council will open the bridge in May")], title="Bridge")
    s.close()
    assert runner.invoke(app, ["match", "--db", url]).exit_code == 0
    monkeypatch.setattr("tracker.cli.claims_cmd.to_terminal", lambda: True)
    monkeypatch.setattr("tracker.cli.match_cmd.to_terminal", lambda: True)
    wide = {"COLUMNS": "300"}
    for args in (
        ["claims"],
        ["similar", "The bridge opens in May"],
        ["matches", str(one.claim_ids[0] + 1)],
    ):
        result = runner.invoke(app, [*args, "--db", url], env=wide)
        assert result.exit_code == 0, result.output
        assert bracketed in result.stdout, (args, result.stdout)
        assert "Bridge [updated]" in result.stdout, (args, result.stdout)
