"""The core commands end to end, through the real command tree."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import typer
from typer.testing import CliRunner

from tests.conftest import FakeClaim, add_fake_story
from tracker import store as st
from tracker.cli import app
from tracker.vocab import AttributionKind, ClaimStatus, SourceKind

runner = CliRunner()


def _all_commands() -> list[list[str]]:
    root = typer.main.get_command(app)
    found: list[list[str]] = []

    def walk(cmd: Any, path: list[str]) -> None:
        found.append(path)
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, [*path, name])

    walk(root, [])
    return found


@pytest.mark.parametrize("path", _all_commands(), ids=lambda p: " ".join(p) or "tracker")
def test_every_command_has_help(path: list[str]) -> None:
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    root = typer.main.get_command(app)
    cmd: Any = root
    for name in path:
        cmd = cmd.commands[name]
    assert (cmd.help or "").strip(), f"{' '.join(path)} has no help text"


def _db(url: str) -> tuple[str, st.Store]:
    s = st.Store.open(url)
    add_fake_story(s, [FakeClaim("Qatar spoke with HTS"), FakeClaim("Iran opened a line")])
    return url, s


def test_status_sets_and_audits(db_url: str) -> None:
    url, s = _db(db_url)
    claim_id = st.list_claims(s, limit=1)[0].id
    result = runner.invoke(
        app,
        [
            "status",
            str(claim_id),
            "confirmed",
            "--note",
            "checked",
            "--db",
            url,
            "--reviewer",
            "ana",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "pending -> confirmed" in result.output
    row = st.get_claim(s, claim_id)
    assert (row.status, row.status_note, row.updated_by) == (
        ClaimStatus.CONFIRMED,
        "checked",
        "ana",
    )
    assert [e.reviewer for e in st.history(s, claim_id=claim_id)] == ["ana"]


def test_status_accepts_human_spelling(db_url: str) -> None:
    url, s = _db(db_url)
    claim_id = st.list_claims(s, limit=1)[0].id
    result = runner.invoke(app, ["status", str(claim_id), "No response", "--db", url])
    assert result.exit_code == 0, result.output
    assert st.get_claim(s, claim_id).status is ClaimStatus.NO_RESPONSE


def test_status_unknown_claim_fails_clearly(db_url: str) -> None:
    url, _ = _db(db_url)
    result = runner.invoke(app, ["status", "4242", "confirmed", "--db", url])
    assert result.exit_code == 1
    assert "no claim with id 4242" in result.output


def test_status_unknown_status_fails_clearly_and_changes_nothing(db_url: str) -> None:
    url, s = _db(db_url)
    claim_id = st.list_claims(s, limit=1)[0].id
    result = runner.invoke(app, ["status", str(claim_id), "maybe", "--db", url])
    assert result.exit_code == 1
    assert "unknown status 'maybe'" in result.output
    assert st.get_claim(s, claim_id).version == 1


def test_status_stale_version_is_refused(db_url: str) -> None:
    url, s = _db(db_url)
    claim_id = st.list_claims(s, limit=1)[0].id
    st.set_status(s, claim_id=claim_id, status="disputed", reviewer="ben")
    result = runner.invoke(
        app, ["status", str(claim_id), "confirmed", "--expect-version", "1", "--db", url]
    )
    assert result.exit_code == 1
    assert "changed by ben" in result.output
    assert st.get_claim(s, claim_id).status is ClaimStatus.DISPUTED


def test_claims_json_shape_and_filters(db_url: str) -> None:
    url, s = _db(db_url)
    claim_id = st.list_claims(s, limit=1)[0].id
    st.set_status(s, claim_id=claim_id, status="confirmed", reviewer="ana")
    result = runner.invoke(app, ["claims", "--json", "--db", url])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data) == 2
    for key in (
        "text sentence source source_kind cue quote status status_note content_span "
        "source_span cue_span kind segments id story_id story_title outlet version cluster_id "
        "updated_at"
    ).split():
        assert key in data[0]
    confirmed = json.loads(
        runner.invoke(app, ["claims", "--status", "confirmed", "--json", "--db", url]).output
    )
    assert [c["id"] for c in confirmed] == [claim_id]
    bad = runner.invoke(app, ["claims", "--status", "nope", "--db", url])
    assert bad.exit_code == 1 and "unknown status" in bad.output


def test_claims_kind_filter_and_segments(db_url: str) -> None:
    s = st.Store.open(db_url)
    body = '"The bridge stays shut," she said. "Repairs take a month." Fares will rise.'
    stored = add_fake_story(
        s,
        [
            FakeClaim(
                "The bridge stays shut ... Repairs take a month.",
                content_span=(1, 57),
                segments=((1, 23), (36, 57)),
            ),
            FakeClaim(
                "Fares will rise",
                kind=AttributionKind.OUTLET,
                source="Wire",
                source_kind=SourceKind.OUTLET,
                source_key=1,
                cue=None,
                content_span=(59, 74),
            ),
            FakeClaim("the council intends to act", kind=AttributionKind.INTENTION),
        ],
        body=body,
    )
    s.close()
    speech = json.loads(
        runner.invoke(app, ["claims", "--kind", "speech", "--json", "--db", db_url]).output
    )
    assert [c["id"] for c in speech] == [stored.claim_ids[0]]
    assert speech[0]["kind"] == "speech"
    assert speech[0]["segments"] == [[1, 23], [36, 57]]
    assert [body[a:b] for a, b in speech[0]["segments"]] == [
        "The bridge stays shut,",
        "Repairs take a month.",
    ]
    several = json.loads(
        runner.invoke(
            app, ["claims", "--kind", "Outlet", "--kind", "intention", "--json", "--db", db_url]
        ).output
    )
    assert [(c["kind"], c["segments"]) for c in several] == [
        ("outlet", [[59, 74]]),
        ("intention", []),
    ]
    by_source = json.loads(
        runner.invoke(app, ["claims", "--source-kind", "outlet", "--json", "--db", db_url]).output
    )
    assert [c["id"] for c in by_source] == [stored.claim_ids[1]]
    table = runner.invoke(app, ["claims", "--kind", "intention", "--db", db_url])
    assert table.exit_code == 0 and "intention" in table.output and "bridge" not in table.output
    bad = runner.invoke(app, ["claims", "--kind", "named", "--db", db_url])
    assert bad.exit_code == 1
    assert "unknown attribution kind 'named'" in bad.output and "--source-kind" in bad.output


def test_undo_and_history(db_url: str) -> None:
    url, s = _db(db_url)
    claim_id = st.list_claims(s, limit=1)[0].id
    runner.invoke(app, ["status", str(claim_id), "false", "--db", url, "--reviewer", "ana"])
    result = runner.invoke(app, ["undo", "--db", url, "--reviewer", "ana"])
    assert result.exit_code == 0, result.output
    assert st.get_claim(s, claim_id).status is ClaimStatus.PENDING
    hist = json.loads(runner.invoke(app, ["history", str(claim_id), "--json", "--db", url]).output)
    assert [e["action"] for e in hist] == ["status", "undo"]
    nothing = runner.invoke(app, ["undo", "--db", url, "--reviewer", "ana"])
    assert nothing.exit_code == 1 and "no change left to undo" in nothing.output


def test_db_commands(db_url: str) -> None:
    url = db_url
    assert runner.invoke(app, ["db", "upgrade", "--db", url]).exit_code == 0
    current = runner.invoke(app, ["db", "current", "--db", url])
    assert current.exit_code == 0 and "(head)" in current.output
    check = runner.invoke(app, ["db", "check", "--json", "--db", url])
    assert check.exit_code == 0, check.output
    report = json.loads(check.output)
    assert report["ok"] is True
    # the lexical index's state as values, not the line written for people
    assert report["lexical_index"]["state"] in {"missing", "current", "none"}
    assert set(report["lexical_index"]) == {"path", "state", "claims", "behind"}


def test_db_check_finds_a_status_changed_behind_the_audit_log(db_url: str) -> None:
    url, s = _db(db_url)
    with s.write() as conn:  # a change made behind the store's back, with no audit event
        conn.execute(sa.text("UPDATE claim SET status = 'confirmed', version = 2 WHERE id = 1"))
    s.close()
    check = runner.invoke(app, ["db", "check", "--db", url])
    assert check.exit_code == 1
    assert "PROBLEMS FOUND" in check.output


def test_db_env_variable_and_not_a_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_text("hello")
    monkeypatch.setenv("TRACKER_DB", str(bogus))
    result = runner.invoke(app, ["claims"])
    assert result.exit_code == 1
    assert "not a Claim Tracker database" in result.output
    assert bogus.read_text() == "hello"


def test_default_database_lives_in_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_DATA_DIR", str(tmp_path / "home"))
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "home" / "tracker.db").exists()


def test_db_backup_is_a_consistent_copy(tmp_path: Path) -> None:
    url, s = _db(f"sqlite:///{tmp_path / 'cli.db'}")
    claim_id = st.list_claims(s, limit=1)[0].id
    st.set_status(s, claim_id=claim_id, status="confirmed", reviewer="ana")
    copy = tmp_path / "backups" / "copy.db"
    result = runner.invoke(app, ["db", "backup", str(copy), "--db", url])
    assert result.exit_code == 0, result.output
    restored = st.Store.open(f"sqlite:///{copy}")
    assert st.get_claim(restored, claim_id).status is ClaimStatus.CONFIRMED
    assert st.health.check(restored).ok
    restored.close()
    again = runner.invoke(app, ["db", "backup", str(copy), "--db", url])
    assert again.exit_code == 1 and "already exists" in again.output


def test_db_backup_on_postgresql_points_to_pg_dump(db_url: str, tmp_path: Path) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    st.Store.open(db_url).close()  # an empty server database is refused as no database
    result = runner.invoke(app, ["db", "backup", str(tmp_path / "x.db"), "--db", db_url])
    assert result.exit_code == 1
    assert "pg_dump" in result.output
