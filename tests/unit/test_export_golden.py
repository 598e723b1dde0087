"""Every report format against its golden file, byte for byte.

The database is built by ``tests/golden/newsroom.py`` through the store's own functions
with a scripted clock, and ``SOURCE_DATE_EPOCH`` is set by the shared conftest, so
nothing needs masking: a report that differs from its golden file has changed.

Refresh the golden files after a deliberate change with:
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/test_export_golden.py
and read the diff before committing it.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from tests.golden.newsroom import (
    GOLDEN,
    GOLDEN_DATABASE,
    Newsroom,
    build_newsroom,
    expected_report,
    freeze_store_clock,
)
from tracker import store as st
from tracker.export import export_report
from tracker.export.header import database_label
from tracker.store import ClaimFilter, reports
from tracker.vocab import ClaimStatus, SourceKind

CASES = {
    "report.md": {"fmt": "md"},
    "report-history.md": {"fmt": "md", "history": True},
    "report.html": {"fmt": "html", "history": True},
    "report.csv": {"fmt": "csv"},
    "report-events.csv": {"fmt": "csv", "events": True},
    "report.json": {"fmt": "json"},
    "report.claimreview.jsonld": {"fmt": "claimreview"},
    "report-filtered.md": {
        "fmt": "md",
        "filter": "disputed-false-anonymous-or-document",
    },
}

FILTERS = {
    "disputed-false-anonymous-or-document": ClaimFilter(
        statuses=(ClaimStatus.DISPUTED, ClaimStatus.FALSE, ClaimStatus.NO_RESPONSE),
        source_kinds=(SourceKind.ANONYMOUS, SourceKind.DOCUMENT),
    ),
}


@pytest.fixture
def room(store: st.Store, monkeypatch: pytest.MonkeyPatch) -> Newsroom:
    return build_newsroom(store, freeze_store_clock(monkeypatch))


def render(room: Newsroom, fmt: str, **options: object) -> str:
    """One report as text, written through ``export_report`` into memory."""
    out = io.StringIO(newline="")
    name = options.pop("filter", None)
    flt = FILTERS[str(name)] if name else None
    export_report(room.store, fmt=fmt, out=out, config=room.config(), filter=flt, **options)  # type: ignore[arg-type]
    return out.getvalue()


def _compare(room: Newsroom, name: str, actual: str) -> None:
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        assert database_label(room.store.url) == GOLDEN_DATABASE, "update goldens on SQLite"
        golden.write_bytes(actual.encode("utf-8"))
    assert golden.exists(), f"no golden file {golden}; run with UPDATE_GOLDEN=1 to create it"
    expected = expected_report(name, room.store.url)
    assert actual == expected, f"{name} differs from its golden file"


@pytest.mark.parametrize("name", sorted(CASES))
def test_report_matches_golden_file(room: Newsroom, name: str) -> None:
    options = dict(CASES[name])
    fmt = str(options.pop("fmt"))
    _compare(room, name, render(room, fmt, **options))


@pytest.mark.parametrize("name", ["report-history.md", "report.json", "report.csv"])
def test_small_batches_give_the_same_report(
    room: Newsroom, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Batches of two split stories across batch boundaries; the report must not notice.
    monkeypatch.setattr(reports, "BATCH_SIZE", 2)
    options = dict(CASES[name])
    fmt = str(options.pop("fmt"))
    _compare(room, name, render(room, fmt, **options))


def test_same_database_gives_identical_bytes_later(room: Newsroom) -> None:
    first = render(room, "html", history=True)
    # Time passes, reviewers look at the data: nothing the report shows changes.
    st.list_claims(room.store)
    assert render(room, "html", history=True) == first


def test_generated_at_follows_source_date_epoch(
    room: Newsroom, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "| Generated at | 2024-12-11T00:00:00Z |" in render(room, "md")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    assert "| Generated at | 2025-01-01T00:00:00Z |" in render(room, "md")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert "| Generated at | 2024-12-11T00:00:00Z |" not in render(room, "md")


def test_report_names_the_database_file_not_the_users_path(room: Newsroom) -> None:
    if not room.store.url.startswith("sqlite"):
        pytest.skip("a SQLite file's name")
    text = render(room, "md")
    assert "| Database | tracker.db |" in text
    assert str(Path(room.store.url.removeprefix("sqlite:///")).parent) not in text
