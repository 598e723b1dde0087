"""``tracker config``: the newsroom's name, address and review address, kept in
config.toml in the data directory and used by the ClaimReview export."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.golden.newsroom import Newsroom, build_newsroom, freeze_store_clock
from tracker import store as st
from tracker.cli import app
from tracker.config import Config, ConfigError, config_path, read_settings

runner = CliRunner()


def _set(key: str, value: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["config", "set", key, value])


def test_set_writes_config_toml_in_the_data_directory() -> None:
    assert _set("organization.name", "Example Fact Check").exit_code == 0
    assert _set("organization.url", "https://factcheck.example.org").exit_code == 0
    result = _set("review.url", "https://factcheck.example.org/checks/{claim_id}")
    assert result.exit_code == 0, result.output
    path = config_path()
    assert path.parent == Path(os.environ["TRACKER_DATA_DIR"])
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {
        "organization": {"name": "Example Fact Check", "url": "https://factcheck.example.org"},
        "review": {"url": "https://factcheck.example.org/checks/{claim_id}"},
    }
    config = Config.load()
    assert (config.organization, config.organization_url, config.review_url) == (
        "Example Fact Check",
        "https://factcheck.example.org",
        "https://factcheck.example.org/checks/{claim_id}",
    )


def test_show_lists_values_and_what_is_missing() -> None:
    _set("organization.name", 'The "Checkers" \\ Desk')
    result = runner.invoke(app, ["config", "show"])
    assert result.exit_code == 0
    assert 'organization.name = The "Checkers" \\ Desk' in result.output
    assert "organization.url is not set" in result.output
    assert read_settings()["organization.name"] == 'The "Checkers" \\ Desk'


def test_the_environment_wins_over_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    _set("organization.name", "From the file")
    monkeypatch.setenv("TRACKER_ORG", "From the environment")
    assert Config.load().organization == "From the environment"
    assert "(from TRACKER_ORG)" in runner.invoke(app, ["config", "show"]).output


@pytest.mark.parametrize(
    ("key", "value", "why"),
    [
        ("organization.url", "factcheck.example.org", "not a web address"),
        ("organization.url", "javascript:alert(1)", "not a web address"),
        ("review.url", "https://factcheck.example.org/checks/", "where the claim's id goes"),
        ("organization.name", "two\nlines", "one line"),
        ("organisation.name", "x", "unknown setting"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(key: str, value: str, why: str) -> None:
    _set("organization.name", "Kept")
    before = config_path().read_bytes()
    result = _set(key, value)
    assert result.exit_code == 1
    assert result.output.startswith("error: ") and why in result.output
    assert result.output.count("\n") == 1
    assert config_path().read_bytes() == before


def test_an_empty_value_removes_the_setting() -> None:
    _set("organization.name", "Gone soon")
    assert _set("organization.name", "").exit_code == 0
    assert "organization.name" not in read_settings()


def test_a_broken_settings_file_is_one_clear_line() -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[organization\nname = ", encoding="utf-8")
    with pytest.raises(ConfigError, match="not a valid settings file"):
        read_settings()
    result = runner.invoke(app, ["claims"])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {path} is not a valid settings file")


@pytest.fixture
def room(store: st.Store, monkeypatch: pytest.MonkeyPatch) -> Newsroom:
    return build_newsroom(store, freeze_store_clock(monkeypatch))


def test_claimreview_export_uses_the_settings_file(room: Newsroom) -> None:
    args = ["export", "-f", "claimreview", "--db", room.store.url]
    refused = runner.invoke(app, args)
    assert refused.exit_code == 1
    assert refused.output.count("\n") == 1
    assert "tracker config set organization.name" in refused.output
    assert "tracker:claim" not in refused.output
    _set("organization.name", "Example Fact Check")
    _set("organization.url", "https://factcheck.example.org")
    still = runner.invoke(app, args)
    assert still.exit_code == 1 and "tracker config set review.url" in still.output
    _set("review.url", "https://factcheck.example.org/checks/{claim_id}")
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    reviews = json.loads(result.stdout)
    assert reviews and all(
        r["url"].startswith("https://factcheck.example.org/checks/")
        and r["author"]["url"] == "https://factcheck.example.org"
        for r in reviews
    )


def test_a_refused_claimreview_writes_no_file(room: Newsroom, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    target = out / "reviews.jsonld"
    result = runner.invoke(
        app, ["export", "-f", "claimreview", "-o", str(target), "--db", room.store.url]
    )
    assert result.exit_code == 1
    assert list(out.iterdir()) == []
