"""tracker export --format gold: a newsroom's corrections as extraction gold the bench reads."""

from __future__ import annotations

import importlib.util
import io
import json
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from tests.conftest import REPO, FakeClaim, add_fake_story
from tracker import store as st
from tracker.cli import app
from tracker.config import Config
from tracker.export import ExportError, export_report
from tracker.vocab import SourceKind

BODY = (
    "The mayor said the ferry would run again on Monday. "
    '"We have the crews," Ana Ruiz, a spokeswoman for the operator, said. '
    "The ferry ran again on Monday, residents said, and That was all. "
    "Fares rose by 12% in May, the council said."
)


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_extraction", REPO / "bench" / "extraction.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _span(text: str, nth: int = 1) -> tuple[int, int]:
    pos = -1
    for _ in range(nth):
        pos = BODY.index(text, pos + 1)
    return pos, pos + len(text)


@pytest.fixture
def newsroom(store: st.Store) -> st.Store:
    ruiz = _span("Ana Ruiz")
    reviewed = add_fake_story(
        store,
        [
            FakeClaim(
                "the ferry would run again on Monday",
                source="The mayor",
                source_kind=SourceKind.NAMED,
                content_span=_span("the ferry would run again on Monday"),
                source_span=_span("The mayor"),
                cue_span=_span("said"),
            ),
            FakeClaim(
                '"We have the crews,"',
                source="Ana Ruiz, a spokeswoman for the operator",
                source_kind=SourceKind.NAMED,
                source_key=1,
                source_span=ruiz,
                content_span=_span('"We have the crews,"'),
            ),
            FakeClaim("That", source="residents", source_key=2, content_span=_span("That")),
        ],
        body=BODY,
        title="Ferry",
        url="https://harbour.example/ferry",
    )
    mayor, crews, junk = reviewed.claim_ids
    st.set_status(store, claim_id=mayor, status="confirmed", reviewer="ana", note="timetable")
    st.edit_claim(store, claim_id=crews, reviewer="ana", source_kind="organization", kind="belief")
    st.dismiss_claim(store, claim_id=junk, reviewer="ana")
    st.add_claim(
        store,
        story_id=reviewed.story_id,
        content_span=_span("Fares rose by 12% in May"),
        reviewer="ana",
        source="the council",
        source_kind="organization",
        cue="said",
    )
    # The same sentence again later: the gold set tells the occurrences apart by nth.
    st.add_claim(
        store,
        story_id=reviewed.story_id,
        content_span=_span("The ferry ran again on Monday"),
        reviewer="ana",
        source="residents",
        source_kind="anonymous",
        cue="said",
    )
    add_fake_story(store, [FakeClaim("nobody looked at this")], title="Unreviewed")
    return store


def _gold(store: st.Store, **kw: object) -> dict:
    out = io.StringIO()
    export_report(
        store, fmt="gold", out=out, config=Config(db_url=store.url, reviewer="desk"), **kw
    )  # type: ignore[arg-type]
    return json.loads(out.getvalue())


def test_gold_holds_the_reviewed_story_as_corrected(newsroom: st.Store) -> None:
    data = _gold(newsroom)
    assert data["version"] == 1
    (doc,) = data["documents"]  # the unreviewed story is not gold
    assert doc["text"] == BODY and doc["shapes"] == ["newsroom"]
    by_content = {c["content"]: c for c in doc["claims"]}
    assert set(by_content) == {
        "the ferry would run again on Monday",
        '"We have the crews,"',
        "The ferry ran again on Monday",
        "Fares rose by 12% in May",
    }  # "That" was dismissed
    mayor = by_content["the ferry would run again on Monday"]
    assert (mayor["source"], mayor["status"], mayor["note"]) == (
        "The mayor",
        "confirmed",
        "timetable",
    )
    crews = by_content['"We have the crews,"']
    assert (crews["source"], crews["canonical"]) == (
        "Ana Ruiz",
        "Ana Ruiz, a spokeswoman for the operator",
    )
    assert (crews["source_kind"], crews["kind"]) == ("organization", "belief")
    fares = by_content["Fares rose by 12% in May"]
    assert (fares["source"], fares["source_kind"], fares["cue"]) == (
        "the council",
        "organization",
        "said",
    )


def test_the_bench_loader_reads_the_gold_back(newsroom: st.Store, tmp_path: Path) -> None:
    path = tmp_path / "newsroom_gold.json"
    result = CliRunner().invoke(
        app, ["export", "--format", "gold", "-o", str(path), "--db", newsroom.url]
    )
    assert result.exit_code == 0, result.output
    bench = _bench()
    ((doc_id, text, claims),) = bench.load_gold(path)
    assert text == BODY and doc_id.startswith("story-")
    spans = sorted(c.content for c in claims)
    assert spans == sorted(
        [
            _span("the ferry would run again on Monday"),
            _span('"We have the crews,"'),
            _span("Fares rose by 12% in May"),
            _span("The ferry ran again on Monday"),
        ]
    )
    crews = next(c for c in claims if c.content == _span('"We have the crews,"'))
    assert crews.source == _span("Ana Ruiz") and crews.labels["source_kind"] == "organization"
    # ... and the bench scores the extractor on it.
    docs = bench.load_gold(path)
    assert docs and all(text[s:e] for _, text, cs in docs for s, e in (c.content for c in cs))


def test_gold_refuses_claim_filters(newsroom: st.Store) -> None:
    from tracker.store import ClaimFilter
    from tracker.vocab import ClaimStatus

    with pytest.raises(ExportError, match="whole stories"):
        _gold(newsroom, filter=ClaimFilter(statuses=(ClaimStatus.CONFIRMED,)))
    result = CliRunner().invoke(
        app, ["export", "--format", "gold", "--status", "confirmed", "--db", newsroom.url]
    )
    assert result.exit_code == 1 and result.output.startswith("error: ")
