"""What each report promises: escaping, formula safety, schema, ClaimReview, filters, files."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import FakeClaim, add_fake_story
from tests.golden.newsroom import Newsroom, build_newsroom, freeze_store_clock
from tracker import store as st
from tracker.config import Config
from tracker.export import (
    EXTENSIONS,
    FORMATS,
    ExportError,
    check_format,
    export_report,
    export_to_path,
)
from tracker.export.claimreview import CLAIM_REVIEWED_LIMIT, short_claim
from tracker.export.csv_table import CLAIM_COLUMNS, EVENT_COLUMNS, cell
from tracker.export.json_report import schema
from tracker.store import ClaimFilter
from tracker.vocab import ClaimStatus, SourceKind


@pytest.fixture
def room(store: st.Store, monkeypatch: pytest.MonkeyPatch) -> Newsroom:
    return build_newsroom(store, freeze_store_clock(monkeypatch))


def render(room: Newsroom, fmt: str, flt: ClaimFilter | None = None, **options: Any) -> str:
    out = io.StringIO(newline="")
    export_report(room.store, fmt=fmt, out=out, config=room.config(), filter=flt, **options)
    return out.getvalue()


# --- the contract ----------------------------------------------------------------------


def test_formats_are_the_contracts_five() -> None:
    assert FORMATS == ("md", "html", "csv", "json", "claimreview")
    assert set(EXTENSIONS) == set(FORMATS)


def test_unknown_format_is_refused_with_the_choices(room: Newsroom) -> None:
    with pytest.raises(ExportError, match="unknown report format 'pdf'.*md, html, csv"):
        render(room, "pdf")
    assert check_format(" Markdown ") == "md"


# --- HTML --------------------------------------------------------------------------------


class _Elements(HTMLParser):
    """Collects the tags and attributes the browser would actually build."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_renders_hostile_story_text_as_text(room: Newsroom) -> None:
    page = render(room, "html", history=True)
    parsed = _Elements()
    parsed.feed(page)
    assert "script" not in parsed.tags
    assert "img" not in parsed.tags
    assert not any(name.startswith("on") for name, _ in parsed.attributes)
    shown = "".join(parsed.text)
    # The reader sees exactly what the story and the reviewer wrote.
    assert "Iran reaches out <script>alert('x')</script> & \"others\"" in shown
    assert "Tehran denied any contact <img src=x onerror=alert(1)>" in shown
    assert "Agence Ünïcode – Dépêche" in shown


def test_html_is_self_contained_and_links_only_web_addresses(room: Newsroom) -> None:
    page = render(room, "html")
    parsed = _Elements()
    parsed.feed(page)
    assert "link" not in parsed.tags and "script" not in parsed.tags
    assert not [value for name, value in parsed.attributes if name == "src"]
    hrefs = [value for name, value in parsed.attributes if name == "href"]
    assert hrefs == ["https://www.example.com/world/qatar-hts"]
    assert "default-src 'none'" in page
    assert "<svg" in page and "<style>" in page
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")


def test_html_chart_bars_follow_the_counts(room: Newsroom) -> None:
    page = render(room, "html")
    widths = dict(re.findall(r'<rect class="s-(\w+)" x="\d+" y="\d+" width="(\d+)"', page))
    # 3 pending is the largest count and fills the bar; 2 confirmed two thirds of it.
    assert widths["pending"] == "320"
    assert widths["confirmed"] == str(round(320 * 2 / 3))
    assert widths["disputed"] == str(round(320 / 3))


# --- Markdown ----------------------------------------------------------------------------


def test_markdown_escapes_markup_in_untrusted_text(room: Newsroom) -> None:
    text = render(room, "md", history=True)
    without_links = re.sub(r"<https://[^>\s]+>", "", text)
    # Every angle bracket and ampersand left is backslash-escaped: no HTML reaches a viewer.
    assert re.findall(r"(?<!\\)[<&]", without_links) == []
    assert "\\<script\\>alert('x')\\</script\\> \\& \"others\"" in text
    # Leading formula/list markers in a quoted claim cannot turn into Markdown structure.
    assert "> \\=SUM(A1:A9) casualties" in text


def test_markdown_lists_who_set_each_status_and_matches(room: Newsroom) -> None:
    text = render(room, "md")
    claim5 = text.split("### Claim 5", 1)[1].split("###", 1)[0]
    assert "Status: **disputed**" in claim5
    assert "Decided by ana at 2024-12-09T09:00:00Z" in claim5
    claim1 = text.split("### Claim 1", 1)[1].split("###", 1)[0]
    assert "same (linked, score 93.0): claim 8 in story 3" in claim1
    assert "**confirmed**" in claim1
    # The rejected match between claims 2 and 9 is not a match any more.
    claim2 = text.split("### Claim 2", 1)[1].split("###", 1)[0]
    assert "In other stories" not in claim2
    assert "- Conflicts between stories: 1" in text
    assert "- Pending claims still open: 3" in text


def test_history_appears_only_when_asked(room: Newsroom) -> None:
    assert "History:" not in render(room, "md")
    assert "(undoes event 9)" in render(room, "md", history=True)


# --- CSV ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+33 1 23", "'+33 1 23"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("plain = fine", "plain = fine"),
        (-2, "-2"),
        (None, ""),
    ],
)
def test_cell_neutralises_formulas(value: object, expected: str) -> None:
    assert cell(value) == expected


def test_csv_is_rfc4180_utf8_one_row_per_claim(room: Newsroom) -> None:
    text = render(room, "csv")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == CLAIM_COLUMNS
    assert len(rows) == 1 + 9
    by_id = {int(r[0]): dict(zip(CLAIM_COLUMNS, r, strict=True)) for r in rows[1:]}
    assert by_id[6]["claim"].startswith("'=SUM(A1:A9)")
    assert by_id[6]["status_note"].startswith("'+ the report says")
    assert by_id[6]["source"] == "a UN report"
    assert (
        by_id[3]["claim"] == 'they are communicating with "various parties on the ground" in Syria'
    )
    assert by_id[5]["outlet"] == "Agence Ünïcode – Dépêche"
    assert by_id[1]["matches"] == "claim 8 (story 3, same, confirmed)"
    assert by_id[7]["set_by"] == "ana"


def test_csv_events_has_one_row_per_audit_event(room: Newsroom) -> None:
    text = render(room, "csv", events=True)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == EVENT_COLUMNS
    expected = sum(len(st.history(room.store, claim_id=c)) for c in room.claims.values())
    assert len(rows) - 1 == expected == 10
    note_row = next(r for r in rows[1:] if r[6] == "note")
    assert note_row[10] == "'@coalition statement, 10 Dec"


# --- JSON --------------------------------------------------------------------------------


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())


@pytest.mark.parametrize(
    "flt",
    [
        None,
        ClaimFilter(statuses=(ClaimStatus.CONFIRMED,)),
        ClaimFilter(statuses=(ClaimStatus.FALSE,), since=date(2030, 1, 1)),  # nothing left
    ],
    ids=["all", "confirmed", "empty"],
)
def test_json_report_validates_against_its_schema(room: Newsroom, flt: ClaimFilter | None) -> None:
    document = json.loads(render(room, "json", flt))
    jsonschema.Draft202012Validator(schema()).validate(document)


def test_json_nests_stories_claims_matches_and_events(room: Newsroom) -> None:
    document = json.loads(render(room, "json"))
    stories = document["stories"]
    assert [s["id"] for s in stories] == [1, 2, 3]
    assert sum(len(s["claims"]) for s in stories) == document["summary"]["claims"] == 9
    first = stories[0]["claims"][0]
    assert first["matches"][0]["claim_id"] == 8
    assert first["matches"][0]["story"]["title"] == "Rebels enter Damascus"
    assert first["events"][0]["reviewer"] == "extractor"
    assert document["report"]["generated_by"] == "desk editor"


def test_schema_rejects_a_report_missing_a_field(room: Newsroom) -> None:
    document = json.loads(render(room, "json"))
    del document["stories"][0]["claims"][0]["status"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema()).validate(document)


# --- ClaimReview (more in test_claimreview.py) ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Qatar plans to speak with the head of the transitional government on Tuesday",
        "The transitional authorities will hold consultations with every armed faction "
        "before the constitutional talks resume in Geneva next spring",
        "word " * 40,
    ],
)
def test_short_claim_stays_under_the_limit_and_cuts_between_words(text: str) -> None:
    short = short_claim(text)
    assert len(short) < CLAIM_REVIEWED_LIMIT
    assert short.endswith("…")
    kept = short.removesuffix("…").split(" ")
    assert kept == text.split()[: len(kept)]


def test_short_claim_keeps_short_claims_and_never_breaks_a_word() -> None:
    assert short_claim("  Assad fled   to Russia ") == "Assad fled to Russia"
    giant = "x" * 120
    assert short_claim(giant + " tail") == giant + "…"


# --- filters -----------------------------------------------------------------------------


def _claim_ids(room: Newsroom, flt: ClaimFilter) -> list[int]:
    rows = list(csv.reader(io.StringIO(render(room, "csv", flt), newline="")))
    return [int(r[0]) for r in rows[1:]]


def test_filters_leave_out_what_they_should(room: Newsroom) -> None:
    c = room.claims
    assert _claim_ids(room, ClaimFilter(story_id=room.stories["damascus"])) == [
        c["monday"],
        c["moscow"],
    ]
    assert _claim_ids(room, ClaimFilter(statuses=(ClaimStatus.CONFIRMED,))) == [
        c["long"],
        c["monday"],
    ]
    assert _claim_ids(room, ClaimFilter(source_kinds=(SourceKind.NAMED, SourceKind.OUTLET))) == [
        c["parties"],
        c["fled"],
    ]
    # Published on or after 9 December: the Damascus story (8 December) is left out.
    assert set(_claim_ids(room, ClaimFilter(since=date(2024, 12, 9)))) == set(c.values()) - {
        c["monday"],
        c["moscow"],
    }


def test_summary_counts_only_what_the_filter_keeps(room: Newsroom) -> None:
    flt = ClaimFilter(story_id=room.stories["damascus"])
    summary = json.loads(render(room, "json", flt))["summary"]
    assert summary["claims"] == 2 and summary["stories"] == 1
    assert summary["by_status"]["confirmed"] == 1 and summary["pending"] == 1
    assert summary["conflicts"] == 1  # the Moscow claim conflicts with the Reuters story
    assert json.loads(render(room, "json", flt))["report"]["filter"]["story_id"] == 3


def test_unknown_story_is_refused(room: Newsroom) -> None:
    with pytest.raises(ExportError, match="no story with id 999"):
        render(room, "md", ClaimFilter(story_id=999))


def test_empty_report_says_so(store: st.Store) -> None:
    out = io.StringIO()
    written = export_report(store, fmt="md", out=out, config=Config(store.url, "r"))
    assert written == 0
    assert "0 claims in 0 stories." in out.getvalue()
    assert "No claims match this filter." in out.getvalue()


# --- progress and files ------------------------------------------------------------------


def test_progress_reports_running_counts(room: Newsroom, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tracker.store.reports.BATCH_SIZE", 4)
    seen: list[int] = []
    written = export_report(
        room.store, fmt="csv", out=io.StringIO(), config=room.config(), progress=seen.append
    )
    assert written == 9
    assert seen == [4, 8, 9]


def test_export_to_path_writes_the_same_bytes_as_a_stream(room: Newsroom, tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    written = export_to_path(room.store, fmt="csv", path=target, config=room.config())
    assert written == 9
    assert target.read_bytes() == render(room, "csv").encode("utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_to_path_refuses_to_overwrite(room: Newsroom, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("yesterday's report")
    with pytest.raises(ExportError, match="already exists; use --force"):
        export_to_path(room.store, fmt="md", path=target, config=room.config())
    assert target.read_text() == "yesterday's report"
    export_to_path(room.store, fmt="md", path=target, config=room.config(), force=True)
    assert target.read_text().startswith("# Claim audit report")


def test_failed_export_leaves_no_half_file_and_keeps_the_old_one(
    room: Newsroom, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tracker.store.reports.BATCH_SIZE", 2)

    def fail_midway(count: int) -> None:
        if count >= 4:
            raise RuntimeError("disk pulled out")

    folder = tmp_path / "reports"
    folder.mkdir()
    fresh = folder / "new.json"
    with pytest.raises(RuntimeError):
        export_to_path(
            room.store, fmt="json", path=fresh, config=room.config(), progress=fail_midway
        )
    assert not fresh.exists()
    old = folder / "old.json"
    old.write_text("{}")
    with pytest.raises(RuntimeError):
        export_to_path(
            room.store,
            fmt="json",
            path=old,
            config=room.config(),
            force=True,
            progress=fail_midway,
        )
    assert old.read_text() == "{}"
    assert sorted(p.name for p in folder.iterdir()) == ["old.json"]


def test_export_to_path_explains_a_missing_folder_or_a_directory(
    room: Newsroom, tmp_path: Path
) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_to_path(room.store, fmt="md", path=tmp_path / "nope" / "r.md", config=room.config())
    with pytest.raises(ExportError, match="is a directory"):
        export_to_path(room.store, fmt="md", path=tmp_path, config=room.config(), force=True)


def test_fake_story_helper_data_exports_in_every_format(store: st.Store) -> None:
    add_fake_story(store, [FakeClaim("Ünïcode — “quotes” & <b>tags</b>")], title="t")
    config = Config(
        store.url, "r", "Desk", "https://desk.example", "https://desk.example/{claim_id}"
    )
    for fmt in FORMATS:
        out = io.StringIO()
        export_report(store, fmt=fmt, out=out, config=config)
        assert out.getvalue()


def test_sparse_batches_still_bring_their_own_matches_and_events(room: Newsroom) -> None:
    # Claims 1 and 6 are far apart: the batch reads matches and events by id list, and
    # nothing of the claims in between may leak into them.
    flt = ClaimFilter(statuses=(ClaimStatus.NO_RESPONSE, ClaimStatus.FALSE))
    claims = [c for s in json.loads(render(room, "json", flt))["stories"] for c in s["claims"]]
    assert [c["id"] for c in claims] == [room.claims["spoke"], room.claims["formula"]]
    assert [m["claim_id"] for m in claims[0]["matches"]] == [room.claims["monday"]]
    assert [e["action"] for e in claims[0]["events"]] == ["extract"]
    assert [e["new_status"] for e in claims[1]["events"]] == ["false"]
    assert claims[1]["matches"] == []


def test_fast_json_lines_equal_the_encoder_for_awkward_text(store: st.Store) -> None:
    from tracker.export.json_report import claim_json, claim_line
    from tracker.store.reports import report_snapshot

    # (No NUL: PostgreSQL text cannot hold it; other control characters it can.)
    awkward = 'quote " backslash \\ tab \t soh \x01 bell \x07 line\nbreak \u2028 é 😀 </script>'
    add_fake_story(
        store,
        [
            FakeClaim(awkward, source=None, cue=None, status_note=awkward),
            FakeClaim("plain", source=awkward, confidence=1e-7, content_span=(3, 9)),
        ],
        title=awkward,
        url=awkward,
    )
    st.set_status(store, claim_id=1, status="false", reviewer=awkward, note=awkward)
    with report_snapshot(store) as snapshot:
        items = [i for batch in snapshot.claims(ClaimFilter()) for i in batch]
    assert len(items) == 2
    for item in items:
        assert claim_line(item) == json.dumps(claim_json(item), ensure_ascii=False)


@pytest.mark.parametrize(
    "cells",
    [
        ["plain", 1, None, 2.5, ""],
        ['quote " inside', "comma, inside", "cr\rlf\r\nlf\n", "é 😀", "'=neutralised"],
        [ClaimStatus.NO_RESPONSE, SourceKind.NAMED, -3, " spaced ", '""'],
    ],
)
def test_csv_records_equal_the_standard_writer(cells: list[object]) -> None:
    from tracker.export.csv_table import record

    expected = io.StringIO(newline="")
    csv.writer(expected, dialect="excel", lineterminator="\r\n").writerow(
        ["" if c is None else str(c) for c in cells]
    )
    assert record(cells) == expected.getvalue()


@pytest.mark.parametrize(
    "value",
    ['say "no", twice', "a,b", "line\nbreak", "cr\ronly", "=1+2", '-"quoted"', "plain", ""],
)
def test_free_text_fields_equal_the_standard_writer(value: str) -> None:
    from tracker.export.csv_table import _free_text

    expected = io.StringIO(newline="")
    csv.writer(expected, dialect="excel", lineterminator="\r\n").writerow([cell(value), "x"])
    assert _free_text(value) + ",x\r\n" == expected.getvalue()


def test_summary_is_the_same_whichever_way_it_is_counted(room: Newsroom) -> None:
    # No filter counts from the claims' own indexes; a date filter needs the stories
    # joined in. A date before every story keeps everything: the figures must agree.
    plain = json.loads(render(room, "json"))["summary"]
    joined = json.loads(render(room, "json", ClaimFilter(since=date(1990, 1, 1))))["summary"]
    assert plain == joined
    assert plain["by_source_kind"]["anonymous"] == 4 and plain["stories"] == 3


def test_who_set_the_status_is_the_same_with_or_without_events(room: Newsroom) -> None:
    from tracker.store.reports import report_snapshot

    with report_snapshot(room.store) as snapshot:
        by_sql = [
            (i.claim.id, i.set_by, i.set_at)
            for b in snapshot.claims(ClaimFilter(), events=False)
            for i in b
        ]
        by_events = [
            (i.claim.id, i.set_by, i.set_at)
            for b in snapshot.claims(ClaimFilter(), events=True)
            for i in b
        ]
    assert by_sql == by_events
    setters = {claim_id: who for claim_id, who, _ in by_sql}
    # The undo of a note left the status as ana set it; the pending Reuters claim was never
    # reviewed; the claim whose false was undone is pending again as extracted: ana took her
    # decision back, so nobody's decision stands.
    assert setters[room.claims["long"]] == "ana"
    assert setters[room.claims["fled"]] is None
    assert setters[room.claims["plans"]] is None
    long_at = next(at for claim_id, _, at in by_sql if claim_id == room.claims["long"])
    assert long_at is not None and (long_at.hour, long_at.minute) == (9, 10)
