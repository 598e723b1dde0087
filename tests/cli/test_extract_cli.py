"""``tracker extract FILE --json``: the extractor's claims, spans into the file's text."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import REPO, SAMPLE_DATA
from tracker.cli import app
from tracker.vocab import AttributionKind

runner = CliRunner()
FIXTURES = REPO / "tests" / "fixtures" / "ingest"
DOCUMENTED = (
    "text, sentence, source, source_kind, cue, quote, status, status_note, "
    "content_span, source_span, cue_span"
).split(", ")


def extract_json(*args: str, stdin: str | None = None) -> list[dict]:
    result = runner.invoke(app, ["extract", *args, "--json"], input=stdin)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    return data


def test_reuters_spans_are_offsets_into_the_files_characters() -> None:
    path = SAMPLE_DATA / "reuters_qatar_hts.txt"
    text = path.read_text(encoding="utf-8")
    claims = extract_json(str(path))
    assert len(claims) >= 7
    for claim in claims:
        assert set(DOCUMENTED) <= set(claim)
        start, end = claim["content_span"]
        assert text[start:end] == claim["text"]
        if claim["source_span"] is not None:
            s, e = claim["source_span"]
            assert text[s:e]
        if claim["cue_span"] is not None:
            s, e = claim["cue_span"]
            assert text[s:e] == claim["cue"]
    first = claims[0]
    assert first["source"] == "an official briefed on the developments"
    assert first["cue"] == "told Reuters"
    assert first["status"] == "no_response"


def test_crlf_file_spans_count_the_carriage_returns(tmp_path: Path) -> None:
    raw = (
        "Harbour wall repairs\r\n\r\nThe repairs will cost 4 million pounds, the city "
        "engineer said on Tuesday.\r\nThe contractor declined to comment.\r\n"
    )
    path = tmp_path / "crlf.txt"
    path.write_bytes(raw.encode("utf-8"))
    claims = extract_json(str(path))
    assert claims
    for claim in claims:
        start, end = claim["content_span"]
        assert raw[start:end] == claim["text"]


def test_legacy_encoding_file_is_read_before_extraction() -> None:
    claims = extract_json(str(FIXTURES / "legacy_cp1252.txt"))
    assert any("\u201cat least 20%\u201d" in c["sentence"] for c in claims)


def test_markdown_spans_point_into_the_story_text_the_reader_took(tmp_path: Path) -> None:
    claims = extract_json(str(FIXTURES / "feature.md"))
    assert any(c["source"] and "Grace Obi" in c["source"] for c in claims)
    assert all("**" not in c["sentence"] for c in claims)


def test_stdin_and_outlet_option() -> None:
    claims = extract_json(
        "-", "--outlet", "Night Desk", stdin="Rates rose to 5% in May, the highest in a decade.\n"
    )
    assert [c["source"] for c in claims] == ["Night Desk"]


def test_human_table_without_json() -> None:
    result = runner.invoke(app, ["extract", str(SAMPLE_DATA / "reuters_qatar_hts.txt")])
    assert result.exit_code == 0, result.output
    assert "told Reuters" in result.stdout
    assert "claims" in result.stdout.splitlines()[-1]


def test_unreadable_file_names_the_file_and_exits_1(tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    result = runner.invoke(app, ["extract", str(binary), "--json"])
    assert result.exit_code == 1
    assert f"error: {binary}: binary file" in result.stderr
    assert result.stdout == ""
    missing = runner.invoke(app, ["extract", str(tmp_path / "gone.txt"), "--json"])
    assert missing.exit_code == 1
    assert "gone.txt: no such file" in missing.stderr


def test_file_with_several_stories_is_refused() -> None:
    result = runner.invoke(app, ["extract", str(FIXTURES / "feed.json"), "--json"])
    assert result.exit_code == 1
    assert "holds 2 stories" in result.stderr


def test_format_option_for_stdin() -> None:
    page = (FIXTURES / "page.html").read_text(encoding="utf-8")
    claims = extract_json("-", "--format", "html", stdin=page)
    assert claims and all("NAVSCRIPT" not in c["sentence"] for c in claims)
    as_text = extract_json("-", "--format", "txt", stdin=page)
    assert any("<p>" in c["sentence"] for c in as_text)  # read as plain text, markup and all


def test_kind_and_segments_slice_the_files_text(tmp_path: Path) -> None:
    raw = (
        "Ferry timetable\n\n"
        '"The late boat stays," the harbour master said on Monday. "We have the crews."\n\n'
        "The council plans to publish the new timetable in June, a spokesman said.\n\n"
        "Residents believe the crossing is too expensive, according to a survey.\n"
    )
    path = tmp_path / "ferry.txt"
    path.write_bytes(raw.encode("utf-8"))
    kinds = {k.value for k in AttributionKind}
    for source in (path, SAMPLE_DATA / "reuters_qatar_hts.txt"):
        text = source.read_bytes().decode("utf-8")
        claims = extract_json(str(source))
        assert claims
        for claim in claims:
            assert claim["kind"] in kinds
            segments = claim["segments"]
            assert segments, claim
            start, end = claim["content_span"]
            previous_end = start
            for s, e in segments:
                assert previous_end <= s < e <= end, (segments, claim["content_span"])
                assert text[s:e].strip() and text[s:e] in claim["text"]
                previous_end = e
