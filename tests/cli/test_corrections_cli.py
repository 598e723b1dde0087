"""tracker edit / dismiss / restore / add and undo, as a reviewer types them; exact decisions."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import Result
from typer.testing import CliRunner

from tests.conftest import FakeClaim, add_fake_story
from tracker import store as st
from tracker.cli import app
from tracker.vocab import AttributionKind, ClaimState, ClaimStatus, SourceKind

runner = CliRunner()
BODY = (
    "A person familiar with the operator's plans said fares would rise by 12%. "
    "The water utility said the pipes were replaced in May. That was all."
)


@pytest.fixture
def desk(db_url: str) -> str:
    s = st.Store.open(db_url)
    fares = BODY.index("fares")
    add_fake_story(
        s,
        [
            FakeClaim(
                "fares would rise by 12%",
                source="A person familiar with the operator's",
                content_span=(fares, fares + 23),
            ),
            FakeClaim(
                "That",
                source="The water utility",
                source_kind=SourceKind.NAMED,
                source_key=1,
                content_span=(BODY.index("That"), BODY.index("That") + 4),
            ),
        ],
        body=BODY,
        title="Fares",
        outlet="Harbour Times",
    )
    s.close()
    return db_url


def run(desk: str, *args: str, reviewer: str = "ana") -> Result:
    return runner.invoke(app, [*args, "--db", desk], env={"TRACKER_REVIEWER": reviewer})


def _digest(desk: str) -> str:
    """Every row of every table, hashed: 'nothing written' checked on SQLite and PostgreSQL."""
    engine = sa.create_engine(desk)
    out = hashlib.sha256()
    with engine.connect() as conn:
        for table in ("story", "source", "claim", "audit_event", "match"):
            for row in conn.execute(sa.text(f"SELECT * FROM {table} ORDER BY 1")):  # noqa: S608
                out.update(repr(tuple(row)).encode())
    engine.dispose()
    return out.hexdigest()


def test_edit_then_undo(desk: str) -> None:
    fares = BODY.index("fares")
    result = run(
        desk,
        "edit",
        "1",
        "--source",
        "A person familiar with the operator's plans",
        "--source-kind",
        "anonymous",
        "--kind",
        "belief",
        "--text-span",
        f"{fares}:{fares + 24}",
        "--note",
        "cut short",
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("claim 1: corrected by ana (")
    s = st.Store.open(desk)
    row = st.get_claim(s, 1)
    assert row.source == "A person familiar with the operator's plans"
    assert (row.kind, row.text) == (AttributionKind.BELIEF, "fares would rise by 12%.")
    history = run(desk, "history", "1").output
    assert "edit" in history and "why: cut short" in history
    assert 'source: "A person familiar with the operator\'s" -> ' in history
    undo = run(desk, "undo")
    assert undo.exit_code == 0 and "restored (undo)" in undo.output
    row = st.get_claim(s, 1)
    assert (row.source, row.text) == (
        "A person familiar with the operator's",
        "fares would rise by 12%",
    )
    s.close()


def test_dismiss_restore_and_the_lists(desk: str) -> None:
    assert run(desk, "dismiss", "2", "--note", "not a claim").exit_code == 0
    listed = json.loads(run(desk, "claims", "--json").output)
    assert [c["id"] for c in listed] == [1]
    every = json.loads(run(desk, "claims", "--json", "--dismissed").output)
    assert [(c["id"], c["state"]) for c in every] == [(1, "active"), (2, "dismissed")]
    report = run(desk, "export", "--format", "json").output
    assert [c["id"] for s in json.loads(report)["stories"] for c in s["claims"]] == [1]
    assert run(desk, "restore", "2").exit_code == 0
    assert len(json.loads(run(desk, "claims", "--json").output)) == 2
    # undo takes back the restore, then the dismissal
    assert run(desk, "undo").exit_code == 0
    assert len(json.loads(run(desk, "claims", "--json").output)) == 1
    assert run(desk, "undo").exit_code == 0
    assert len(json.loads(run(desk, "claims", "--json").output)) == 2


def test_add_a_claim_by_its_span(desk: str) -> None:
    start = BODY.index("the pipes")
    end = BODY.index(" in May") + 7
    result = run(
        desk,
        "add",
        "1",
        "--text-span",
        f"{start}:{end}",
        "--source",
        "The water utility",
        "--source-kind",
        "organization",
        "--cue",
        "said",
    )
    assert result.exit_code == 0, result.output
    assert result.output == ("claim 3 added to story 1 by ana: the pipes were replaced in May\n")
    rows = json.loads(run(desk, "claims", "--json").output)
    assert rows[-1]["added_by"] == "ana" and rows[-1]["source_kind"] == "organization"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["edit", "99", "--kind", "belief"], "no claim with id 99"),
        (["edit", "x1", "--kind", "belief"], "not an id"),
        (["edit", "1", "--kind", "opinion"], "unknown attribution kind 'opinion'"),
        (["edit", "1", "--source-kind", "person"], "unknown source kind 'person'"),
        (["edit", "1", "--text-span", "5:9000"], "outside story 1"),
        (["edit", "1", "--text-span", "9:5"], "ends before it starts"),
        (["edit", "1", "--text-span", "5:5"], "is empty"),
        (["edit", "1", "--text-span", "five:nine"], "is not a span"),
        (["edit", "1", "--text-span", "12"], "is not a span"),
        (["edit", "1"], "nothing to correct"),
        (["edit", "1", "--kind", "belief", "--expect-version", "7"], "was changed"),
        (["dismiss", "99"], "no claim with id 99"),
        (["restore", "1"], "is not dismissed"),
        (["add", "9", "--text-span", "0:5"], "no story with id 9"),
        (["add", "1", "--text-span", "0:90000"], "outside story 1"),
        (["add", "1", "--text-span", "0:5", "--kind", "x"], "unknown attribution kind"),
    ],
    ids=lambda a: " ".join(a) if isinstance(a, list) else None,
)
def test_refusals_are_one_line_exit_1_and_write_nothing(
    desk: str, args: list[str], message: str
) -> None:
    before = _digest(desk)
    result = run(desk, *args)
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], lines
    assert _digest(desk) == before


def test_note_leak_two_reviewers_two_statuses_two_notes(desk: str, tmp_path: Path) -> None:
    """bo's disputed never carries ana's note, in the history and in every export."""
    leak = "union press release confirms"
    assert run(desk, "status", "1", "confirmed", "--note", leak, reviewer="ana").exit_code == 0
    assert run(desk, "status", "1", "disputed", reviewer="bo").exit_code == 0
    assert (
        run(desk, "status", "2", "false", "--note", "no such pipes", reviewer="bo").exit_code == 0
    )
    assert (
        run(desk, "status", "2", "unclear", "--note", "which pipes", reviewer="ana").exit_code == 0
    )

    history = json.loads(run(desk, "history", "1", "--json").output)
    assert [(e["reviewer"], e["new_status"], e["new_note"]) for e in history] == [
        ("ana", "confirmed", leak),
        ("bo", "disputed", None),
    ]
    history2 = json.loads(run(desk, "history", "2", "--json").output)
    assert [(e["reviewer"], e["new_status"], e["new_note"]) for e in history2] == [
        ("bo", "false", "no such pipes"),
        ("ana", "unclear", "which pipes"),
    ]
    claims = {c["id"]: c for c in json.loads(run(desk, "claims", "--json").output)}
    assert (claims[1]["status"], claims[1]["status_note"], claims[1]["decided_by"]) == (
        "disputed",
        None,
        "bo",
    )
    assert (claims[2]["status_note"], claims[2]["decided_by"]) == ("which pipes", "ana")

    for key, value in (
        ("organization.name", "Example Fact Check"),
        ("organization.url", "https://factcheck.example"),
        ("review.url", "https://factcheck.example/claims/{claim_id}"),
    ):
        assert runner.invoke(app, ["config", "set", key, value]).exit_code == 0
    exports = {}
    for fmt in ("md", "html", "csv", "json", "claimreview"):
        out = tmp_path / f"report.{fmt}"
        result = run(desk, "export", "--format", fmt, "--history", "-o", str(out))
        if result.exit_code != 0:
            result = run(desk, "export", "--format", fmt, "-o", str(out))
        assert result.exit_code == 0, result.output
        exports[fmt] = out.read_text(encoding="utf-8")

    report = json.loads(exports["json"])
    by_id = {c["id"]: c for s in report["stories"] for c in s["claims"]}
    assert (by_id[1]["status"], by_id[1]["status_note"], by_id[1]["set_by"]) == (
        "disputed",
        None,
        "bo",
    )
    assert (by_id[2]["status_note"], by_id[2]["set_by"]) == ("which pipes", "ana")
    table = {int(r["claim_id"]): r for r in csv.DictReader(io.StringIO(exports["csv"]))}
    assert (table[1]["status"], table[1]["status_note"], table[1]["set_by"]) == (
        "disputed",
        "",
        "bo",
    )
    assert (table[2]["status_note"], table[2]["set_by"]) == ("which pipes", "ana")
    # The note is in the history, as ana's, and nowhere as claim 1's current note.
    md = exports["md"]
    claim1 = md[md.index("### Claim 1") : md.index("### Claim 2")]
    assert "Status: **disputed**" in claim1 and "disputed**:" not in claim1
    assert "Decided by bo" in claim1
    assert f"ana: status, pending → confirmed, new note: {leak}" in claim1
    html = exports["html"]
    claim1_html = html[html.index('id="claim-1"') : html.index('id="claim-2"')]
    assert f"disputed</span>: {leak}" not in claim1_html and "Decided by bo" in claim1_html
    reviews = {r["url"]: r for r in json.loads(exports["claimreview"])}
    rating = reviews["https://factcheck.example/claims/1"]["reviewRating"]
    assert rating["alternateName"] == "Disputed" and "ratingExplanation" not in rating
    assert leak not in exports["claimreview"]


def test_the_extractor_and_people_are_told_apart_in_the_list(desk: str) -> None:
    s = st.Store.open(desk)
    add_fake_story(
        s,
        [FakeClaim("port closed", status=ClaimStatus.NO_RESPONSE, status_note="did not respond")],
        title="Port",
    )
    s.close()
    run(desk, "status", "1", "confirmed", reviewer="ana")
    rows = runner.invoke(app, ["claims", "--db", desk]).stdout.splitlines()
    header = rows[0].split("\t")
    assert header[-3:] == ["decided_by", "state", "claim"]
    decided = {r.split("\t")[0]: r.split("\t")[header.index("decided_by")] for r in rows[1:]}
    assert decided == {"1": "ana", "2": "", "3": "extractor"}


def test_stories_show_versions(desk: str) -> None:
    s = st.Store.open(desk)
    url = "https://port.example/a"
    add_fake_story(s, [FakeClaim("one")], title="Port", body="Port v1.", url=url)
    add_fake_story(s, [FakeClaim("one")], title="Port", body="Port v2.", url=url)
    s.close()
    lines = runner.invoke(app, ["stories", "--db", desk]).stdout.splitlines()
    assert lines[0].split("\t")[:2] == ["id", "version"]
    versions = {line.split("\t")[0]: line.split("\t")[1] for line in lines[1:]}
    assert versions == {"1": "1", "2": "1 (old)", "3": "2"}
    data = json.loads(runner.invoke(app, ["stories", "--json", "--db", desk]).stdout)
    assert [(d["id"], d["version"], d["current"]) for d in data] == [
        (3, 2, True),
        (2, 1, False),
        (1, 1, True),
    ]
    assert ClaimState.SUPERSEDED.value == "superseded"
