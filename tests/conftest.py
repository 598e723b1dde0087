"""Fixtures shared by every test: real SQLite files in a temporary directory."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from tracker import store as st
from tracker.vocab import AttributionKind, ClaimStatus, QuoteKind, SourceKind

REPO = Path(__file__).resolve().parent.parent
SAMPLE_DATA = REPO / "sample_data"


@dataclass(frozen=True)
class FakeClaim:
    """A claim as the extractor would hand it over, written by hand for store tests."""

    text: str
    source: str | None = "an official"
    source_kind: SourceKind = SourceKind.ANONYMOUS
    source_key: int = 0
    sentence: str = ""
    source_mention: str | None = None
    cue: str | None = "said"
    quote: QuoteKind = QuoteKind.INDIRECT
    status: ClaimStatus = ClaimStatus.PENDING
    status_note: str | None = None
    content_span: tuple[int, int] | None = None
    source_span: tuple[int, int] | None = None
    cue_span: tuple[int, int] | None = None
    sentence_span: tuple[int, int] | None = None
    paragraph_span: tuple[int, int] | None = None
    confidence: float = 0.5
    kind: AttributionKind = AttributionKind.SPEECH
    segments: tuple[tuple[int, int], ...] = ()


@pytest.fixture(scope="session", autouse=True)
def _model_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One model cache for the whole run, set before any fixture loads a model: the int8
    model is derived once a run, never into the user's own cache."""
    folder = tmp_path_factory.mktemp("models")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TRACKER_MODEL_CACHE", str(folder))
        yield folder


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, _model_cache: Path
):
    """No test touches the user's real data directory, model cache or environment settings."""
    home = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("TRACKER_DATA_DIR", str(home))
    monkeypatch.setenv("TRACKER_MODEL_CACHE", str(_model_cache))
    monkeypatch.delenv("TRACKER_DB", raising=False)
    for name in ("TRACKER_ORG", "TRACKER_ORG_URL", "TRACKER_REVIEW_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TRACKER_REVIEWER", "tester")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1733875200")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db-url",
        default=None,
        help="Run store tests against this database URL instead of a temporary SQLite file "
        "(for example a PostgreSQL test database).",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With --db-url, run only the tests that take their database from the db_url fixture."""
    if not config.getoption("--db-url"):
        return
    keep = [i for i in items if "db_url" in getattr(i, "fixturenames", ())]
    dropped = [i for i in items if i not in keep]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


@pytest.fixture
def db_url(tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A fresh database URL: a SQLite file in tmp_path, or the --db-url server (emptied)."""
    url = request.config.getoption("--db-url")
    if url:
        _reset_server_database(url)
        return str(url)
    return f"sqlite:///{tmp_path / 'tracker.db'}"


def _reset_server_database(url: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


@pytest.fixture
def store(db_url: str) -> Iterator[st.Store]:
    """An empty, migrated database."""
    s = st.Store.open(db_url)
    yield s
    s.close()


def add_fake_story(
    s: st.Store,
    claims: Sequence[FakeClaim],
    *,
    title: str = "A story",
    outlet: str = "Wire",
    body: str | None = None,
    url: str | None = None,
) -> st.StoredStory:
    """Store a story whose claims are written by hand (no extraction involved)."""
    text = body if body is not None else " ".join(c.text for c in claims) + f" [{title}]"
    return st.add_story(
        s,
        story=st.StoryInput(body=text, title=title, outlet=outlet, url=url),
        claims=claims,
    )


@pytest.fixture
def filled_store(store: st.Store) -> st.Store:
    """Two stories with a handful of claims of different kinds and statuses."""
    add_fake_story(
        store,
        [
            FakeClaim("Qatari diplomats spoke with HTS on Monday"),
            FakeClaim(
                "Qatar plans to speak with the HTS leader on Tuesday",
                kind=AttributionKind.INTENTION,
            ),
            FakeClaim(
                "they are communicating with various parties",
                source="Mohammed Al-Khulaifi",
                source_kind=SourceKind.NAMED,
                source_key=1,
                status=ClaimStatus.UNCLEAR,
                status_note="without specifying who",
            ),
        ],
        title="Qatar talks to HTS",
        outlet="Reuters",
    )
    add_fake_story(
        store,
        [
            FakeClaim(
                "Iran opened a line of communication with the rebels",
                source="a senior Iranian official",
            ),
            FakeClaim(
                "Assad fled to Russia",
                source="Reuters",
                source_kind=SourceKind.OUTLET,
                cue=None,
                quote=QuoteKind.NONE,
                kind=AttributionKind.OUTLET,
            ),
        ],
        title="Iran reaches out",
        outlet="Reuters",
    )
    return store
