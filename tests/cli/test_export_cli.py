"""``tracker export`` end to end through the real command tree."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.golden.newsroom import (
    PUBLISHER_ENV,
    Newsroom,
    build_newsroom,
    expected_report,
    freeze_store_clock,
)
from tracker import store as st
from tracker.cli import app

runner = CliRunner()


@pytest.fixture
def room(store: st.Store, monkeypatch: pytest.MonkeyPatch) -> Newsroom:
    return build_newsroom(store, freeze_store_clock(monkeypatch))


def _export(room: Newsroom, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(
        app,
        ["export", "--db", room.store.url, "--reviewer", "desk editor", *args],
        env=PUBLISHER_ENV,
    )


def test_markdown_to_stdout_is_the_golden_report(room: Newsroom) -> None:
    result = _export(room)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == expected_report("report.md", room.store.url).encode()


@pytest.mark.parametrize(
    ("args", "golden"),
    [
        (["--format", "csv", "-o", "-"], "report.csv"),
        (["-f", "csv", "--events"], "report-events.csv"),
        (["-f", "json"], "report.json"),
        (["-f", "html", "--history"], "report.html"),
        (["-f", "claimreview"], "report.claimreview.jsonld"),
    ],
)
def test_every_format_through_the_command(room: Newsroom, args: list[str], golden: str) -> None:
    result = _export(room, *args)
    assert result.exit_code == 0, result.output
    # Bytes, CRLF included: stdout is UTF-8 and untranslated, like a file.
    assert result.stdout_bytes == expected_report(golden, room.store.url).encode()


def test_filters_on_the_command_line(room: Newsroom) -> None:
    result = _export(
        room,
        "-f",
        "csv",
        "--status",
        "confirmed",
        "--status",
        "No Response",
        "--source-kind",
        "anonymous",
        "--since",
        "2024-12-08",
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert [int(r[0]) for r in rows[1:]] == [room.claims["spoke"], room.claims["monday"]]
    only_story = _export(room, "-f", "json", "--story", str(room.stories["iran"]))
    stories = json.loads(only_story.stdout)["stories"]
    assert [s["id"] for s in stories] == [room.stories["iran"]]


def test_kind_filter_on_the_command_line(room: Newsroom) -> None:
    result = _export(room, "-f", "json", "--kind", "intention", "--kind", "Outlet")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["report"]["filter"]["kinds"] == ["intention", "outlet"]
    claims = [c for s in report["stories"] for c in s["claims"]]
    assert [(c["id"], c["kind"]) for c in claims] == [
        (room.claims["plans"], "intention"),
        (room.claims["fled"], "outlet"),
    ]
    assert report["summary"]["claims"] == 2
    md = _export(room, "--kind", "finding")
    assert md.exit_code == 0, md.output
    assert "attribution kind: finding" in md.stdout
    assert md.stdout.count("### Claim ") == 1 and "kind: finding" in md.stdout
    rows = list(csv.DictReader(io.StringIO(_export(room, "-f", "csv", "--kind", "speech").stdout)))
    assert rows and {r["kind"] for r in rows} == {"speech"}
    assert room.claims["plans"] not in {int(r["claim_id"]) for r in rows}


def test_since_a_time_means_ingested_since(room: Newsroom) -> None:
    # Everything was ingested on 9 December 2024 (the builder's clock): a later time
    # leaves nothing, an earlier one everything.
    later = _export(room, "-f", "json", "--since", "2024-12-10T00:00")
    assert json.loads(later.stdout)["summary"]["claims"] == 0
    earlier = _export(room, "-f", "json", "--since", "2024-12-09T07:00:00Z")
    assert json.loads(earlier.stdout)["summary"]["claims"] == 9


def test_output_file_refuses_to_overwrite_without_force(room: Newsroom, tmp_path: Path) -> None:
    target = tmp_path / "desk.md"
    first = _export(room, "-o", str(target))
    assert first.exit_code == 0, first.output
    assert "wrote 9 claims to" in first.stderr
    assert target.read_bytes() == expected_report("report.md", room.store.url).encode()
    target.write_text("kept")
    refused = _export(room, "-o", str(target), "-f", "csv")
    assert refused.exit_code == 1
    assert "already exists; use --force" in refused.stderr
    assert target.read_text() == "kept"
    forced = _export(room, "-o", str(target), "-f", "csv", "--force")
    assert forced.exit_code == 0, forced.output
    assert target.read_bytes() == expected_report("report.csv", room.store.url).encode()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--status", "maybe"], "unknown status 'maybe'"),
        (["--since", "last tuesday"], "bad --since value 'last tuesday'"),
        (["--since", "2024-13-45"], "bad --since value"),
        (["--source-kind", "spy"], "unknown source kind 'spy'"),
        (["--kind", "rumour"], "unknown attribution kind 'rumour'"),
        (["--format", "pdf"], "unknown report format 'pdf'"),
        (["--story", "999"], "no story with id 999"),
    ],
)
def test_bad_values_fail_clearly_and_write_nothing(
    room: Newsroom, tmp_path: Path, args: list[str], message: str
) -> None:
    target = tmp_path / "out.md"
    result = _export(room, "-o", str(target), *args)
    assert result.exit_code != 0
    assert message in result.stderr
    assert not target.exists()
    assert list(tmp_path.glob(".out.md.*")) == []


def test_one_claim_written_is_one_claim(room: Newsroom, tmp_path: Path) -> None:
    target = tmp_path / "one.json"
    args = ["-f", "json", "--status", "confirmed", "--source-kind", "anonymous"]
    shown = json.loads(_export(room, *args).stdout)["summary"]["claims"]
    assert shown == 1  # the newsroom has one such claim: the case this test is about
    result = _export(room, *args, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"wrote 1 claim to {target} (json)"


def test_events_csv_to_a_file_says_it_wrote_events(room: Newsroom, tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    result = _export(room, "-f", "csv", "--events", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == expected_report("report-events.csv", room.store.url).encode()
    assert result.stderr.strip() == f"wrote the audit events of 9 claims to {target} (csv)"


def test_an_existing_folder_as_output_asks_for_a_file_name(room: Newsroom, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for force in ([], ["--force"]):
        result = _export(room, "-f", "csv", "-o", str(folder), *force)
        assert result.exit_code == 1
        [line] = result.stderr.splitlines()
        assert line == (
            f"error: {folder} is a folder; give a file name for the report, "
            f"e.g. -o {folder / 'report.csv'}"
        )
        assert "--force" not in line
    assert list(folder.iterdir()) == []


def test_missing_folder_is_a_clear_error(room: Newsroom, tmp_path: Path) -> None:
    result = _export(room, "-o", str(tmp_path / "no" / "such" / "report.md"))
    assert result.exit_code == 1
    assert "does not exist" in result.stderr


def test_export_help_lists_formats_and_filters() -> None:
    result = runner.invoke(app, ["export", "--help"])
    assert result.exit_code == 0
    words = ("claimreview", "--story", "--status", "--since", "--source-kind", "--kind", "--force")
    for word in words:
        assert word in result.output
