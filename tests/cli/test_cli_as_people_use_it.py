"""The command line as people and scripts use it: the size limit, ids, piped output, the
README's Python example."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import REPO, FakeClaim, add_fake_story
from tracker import store as st
from tracker.cli import app

runner = CliRunner()
LONG_OUTLET = "Agence France-Presse International Wire Service"


# --- --max-size reaches the reader ------------------------------------------------------


@pytest.fixture(scope="module")
def twenty_megabytes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JSON story of 20 MB: one short story with a big field the reader skips."""
    path = tmp_path_factory.mktemp("big") / "archive.json"
    body = "Qatar's diplomats spoke with HTS on Monday, an official said."
    story = {"title": "Big", "outlet": "Wire", "body": body, "attachment": "x" * (20 << 20)}
    path.write_text(json.dumps(story), encoding="utf-8")
    return path


def test_ingest_max_size_is_the_limit_the_reader_applies(
    twenty_megabytes: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "t.db")
    default = runner.invoke(app, ["ingest", str(twenty_megabytes), "--no-match", "--db", db])
    assert default.exit_code == 1
    assert "over the 16.0 MB limit" in default.output
    below = runner.invoke(
        app, ["ingest", str(twenty_megabytes), "--max-size", "19", "--no-match", "--db", db]
    )
    assert below.exit_code == 1
    assert "over the 19.0 MB limit" in below.output
    above = runner.invoke(
        app, ["ingest", str(twenty_megabytes), "--max-size", "64", "--no-match", "--db", db]
    )
    assert above.exit_code == 0, above.output
    assert "1 story added" in above.output


def test_extract_has_the_option_its_message_suggests(twenty_megabytes: Path) -> None:
    refused = runner.invoke(app, ["extract", str(twenty_megabytes)])
    assert refused.exit_code == 1
    suggested = re.findall(r"--[a-z-]+", refused.output)
    assert suggested == ["--max-size"]
    options = runner.invoke(app, ["extract", "--help"]).output
    assert "--max-size" in options
    allowed = runner.invoke(app, ["extract", str(twenty_megabytes), "--max-size", "64", "--json"])
    assert allowed.exit_code == 0, allowed.output
    assert [c["source"] for c in json.loads(allowed.output)] == ["an official"]


# --- ids ------------------------------------------------------------------------------------


@pytest.fixture
def desk(db_url: str) -> str:
    s = st.Store.open(db_url)
    add_fake_story(
        s,
        [FakeClaim("Qatar spoke with HTS\ton Monday"), FakeClaim("Iran opened a line")],
        title="Qatar talks",
        outlet=LONG_OUTLET,
    )
    add_fake_story(s, [FakeClaim("Assad fled to Moscow")], title="Damascus falls", outlet="AP")
    s.close()
    return db_url


@pytest.mark.parametrize(
    "args",
    [
        ["status", "abc", "confirmed"],
        ["status", "12x", "confirmed"],
        ["note", "one", "checked"],
        ["history", "first"],
        ["matches", "-"],
        ["claims", "--story", "latest"],
        ["undo", "--claim", "last"],
    ],
    ids=lambda a: " ".join(a),
)
def test_a_non_numeric_id_exits_1_in_one_line(desk: str, args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--db", desk])
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "not an id" in lines[0]


@pytest.mark.parametrize(
    "args",
    [
        ["status", "99999999999999999999999", "confirmed"],
        ["history", "9223372036854775808"],
        ["claims", "--story", "99999999999999999999999"],
        ["add", "99999999999999999999999", "--text-span", "0:5"],
    ],
    ids=lambda a: " ".join(a),
)
def test_an_id_too_big_for_the_database_exits_1_in_one_line(desk: str, args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--db", desk])
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: no such id"), result.output
    assert "Usage" not in result.output


# --- piped output -------------------------------------------------------------------------


def test_claims_piped_are_tab_separated_with_a_header(desk: str) -> None:
    result = runner.invoke(app, ["claims", "--db", desk])  # the runner's stdout is a pipe
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    header = [
        "id",
        "story_id",
        "story",
        "source",
        "source_kind",
        "kind",
        "status",
        "decided_by",
        "state",
        "claim",
    ]
    assert lines[0].split("\t") == header
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    assert len(rows) == 3
    assert rows[0]["story"] == "Qatar talks" and rows[0]["status"] == "pending"
    assert rows[0]["source_kind"] == "anonymous" and rows[0]["kind"] == "speech"
    assert rows[0]["claim"] == "Qatar spoke with HTS on Monday"  # a tab inside becomes a space
    assert "│" not in result.stdout and "┃" not in result.stdout


def test_claims_on_a_terminal_are_a_table(desk: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tracker.cli.claims_cmd.to_terminal", lambda: True)
    result = runner.invoke(app, ["claims", "--db", desk])
    assert result.exit_code == 0
    assert "┃" in result.stdout and "\t" not in result.stdout


def test_claims_json_is_unchanged_by_the_pipe(desk: str) -> None:
    result = runner.invoke(app, ["claims", "--json", "--limit", "1", "--db", desk])
    [row] = json.loads(result.stdout)
    assert row["text"] == "Qatar spoke with HTS\ton Monday"


def test_stories_piped_have_a_header_and_whole_outlet_names(desk: str) -> None:
    result = runner.invoke(app, ["stories", "--db", desk])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == ["id", "version", "published", "outlet", "claims", "title"]
    rows = [line.split("\t") for line in lines[1:]]
    assert sorted((r[3], r[4], r[5]) for r in rows) == [
        ("AP", "1", "Damascus falls"),
        (LONG_OUTLET, "2", "Qatar talks"),
    ]


def test_stories_on_a_terminal_have_a_header_and_whole_outlet_names(
    desk: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tracker.cli.claims_cmd.to_terminal", lambda: True)
    lines = runner.invoke(app, ["stories", "--db", desk]).stdout.splitlines()
    assert lines[0].split() == ["id", "version", "published", "outlet", "claims", "title"]
    qatar = next(line for line in lines if line.rstrip().endswith("Qatar talks"))
    assert LONG_OUTLET in qatar
    # The columns line up: every title starts where the header's does.
    starts = {line.index(t) for line in lines[1:] for t in ("Qatar", "Damascus") if t in line}
    assert starts == {lines[0].index("title")}


def test_tracker_claims_through_a_real_pipe(desk: str) -> None:
    """The installed command, its stdout a real pipe read by another program."""
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "claims", "--db", desk],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "80"},
    )
    header, *rows = result.stdout.splitlines()
    assert header.startswith("id\tstory_id\t")
    assert len(rows) == 3 and all(row.count("\t") == 9 for row in rows)


# --- the README's Python example ------------------------------------------------------------


def test_the_readme_python_example_runs_on_a_fresh_database(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "sample_data").symlink_to(REPO / "sample_data")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "-> confirmed" in result.stdout
    s = st.Store.open(f"sqlite:///{tmp_path / 'tracker.db'}", create=False)
    try:
        assert st.count_claims(s) > 0
    finally:
        s.close()
