"""The written gold set, scored the way bench/extraction.py scores it."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tracker.extract import extract_claims
from tracker.vocab import ClaimStatus, QuoteKind, SourceKind

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "tests" / "gold" / "extraction_gold.json"
HELDOUT = REPO / "tests" / "gold" / "extraction_heldout.json"
MESSY = REPO / "tests" / "gold" / "extraction_heldout_messy.json"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_extraction", REPO / "bench" / "extraction.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return _bench()


def test_gold_set_covers_enough_paragraphs_and_shapes() -> None:
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    written = [d for d in data["documents"] if "text" in d]
    assert len(written) >= 40
    shapes = {s for d in written for s in d["shapes"]}
    for shape in (
        "content-first",
        "source-first",
        "according-to",
        "citing",
        "anonymous",
        "who-clause",
        "multi-paragraph",
        "continuation",
        "coreference",
        "pronoun",
        "no_response",
        "unclear",
        "disputed",
        "outlet",
        "odd-quotes",
        "dateline",
        "headline",
        "mixed",
        "direct",
        "inverted",
    ):
        assert shape in shapes, shape


def test_gold_set_scores(bench: ModuleType) -> None:
    docs = bench.load_gold(GOLD)
    result = bench.score(docs, attributions_only=False)
    assert result["at30"]["f1"] >= 0.95
    assert result["at80"]["f1"] >= 0.9
    assert result["source_accuracy"] >= 0.95
    assert result["cue_accuracy"] >= 0.95


def test_gold_statuses_quotes_and_kinds(bench: ModuleType) -> None:
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    meta = {d["id"]: d["claims"] for d in data["documents"]}
    checked = wrong = 0
    for doc_id, text, gold in bench.load_gold(GOLD):
        claims = extract_claims(text)
        pairs = bench.match([c.content_span for c in claims], [g.content for g in gold], 0.8)
        for i, j in pairs:
            want = meta[doc_id][j]
            got = claims[i]
            checked += 1
            wrong += (
                got.status.value != want["status"]
                or got.quote.value != want["quote"]
                or got.source_kind.value != want["source_kind"]
            )
    assert checked >= 60
    assert wrong / checked <= 0.05


@pytest.mark.parametrize(
    ("path", "prefix", "at_least"),
    [(HELDOUT, "heldout-", 45), (MESSY, "messy-", 40)],
    ids=["heldout", "messy"],
)
def test_blind_set_is_well_formed(
    bench: ModuleType, path: Path, prefix: str, at_least: int
) -> None:
    # The held-out sets (clean prose, and web-news clutter) are written and annotated
    # blind: no score floor here, only checks that every annotation can be located and uses
    # the vocabulary.
    docs = bench.load_gold(path)  # raises when a content string is not in its text
    assert len(docs) >= at_least
    data = json.loads(path.read_text(encoding="utf-8"))
    assert all(d["id"].startswith(prefix) and d["shapes"] for d in data["documents"])
    statuses = {s.value for s in ClaimStatus}
    quotes = {q.value for q in QuoteKind}
    kinds = {k.value for k in SourceKind}
    for doc in data["documents"]:
        text = doc["text"]
        for claim in doc["claims"]:
            where = f"{doc['id']}: {claim['content']!r}"
            assert claim["content"] in text, where
            for key in ("source", "cue"):
                if claim.get(key) is not None:
                    assert claim[key] in text, f"{where} {key} {claim[key]!r}"
            assert claim["status"] in statuses, where
            assert claim["quote"] in quotes, where
            assert claim["source_kind"] in kinds, where
    assert len(docs) == len(data["documents"])


def test_overlap_and_matching_definitions(bench: ModuleType) -> None:
    assert bench.overlap((0, 10), (0, 10)) == 1.0
    assert bench.overlap((0, 10), (5, 20)) == pytest.approx(5 / 15)
    assert bench.overlap((0, 10), (10, 20)) == 0.0
    # One-to-one: the better overlap wins, the other prediction stays unmatched.
    pairs = bench.match([(0, 10), (0, 9)], [(0, 10)], 0.3)
    assert pairs == [(0, 0)]


def test_bench_prints_one_json_line(tmp_path: Path) -> None:
    out = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "extraction.py"),
            "--stories",
            "3",
            "--dev",
            str(tmp_path / "absent.jsonl"),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    last = json.loads(out.strip().splitlines()[-1])
    assert last["gold"]["at30"]["f1"] > 0.9
    assert last["speed"]["words_per_second"] > 0
    assert "dev corpus not found" in out
