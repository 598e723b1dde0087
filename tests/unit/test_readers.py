"""Readers: each format on real-looking files, and each kind of bad input refused clearly."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLE_DATA
from tracker.ingest import Format, ReadError, parse_published, read_bytes, read_path
from tracker.ingest.decoding import decode_text
from tracker.ingest.readers import first_line_title, sniff_format, split_front_matter

FIXTURES = REPO / "tests" / "fixtures" / "ingest"


def only_story(path: Path):
    reading = read_path(path)
    assert not reading.failures
    assert len(reading.stories) == 1
    return reading.stories[0]


# -- plain text --------------------------------------------------------------------------


def test_txt_body_is_the_files_characters_and_title_its_first_line() -> None:
    path = FIXTURES / "wire_plain.txt"
    story = only_story(path)
    assert story.body == path.read_text(encoding="utf-8")
    assert story.title == "Port authority says strike cost 40 million dollars"
    assert story.outlet == ""
    assert story.published is None
    assert story.origin == str(path)


def test_txt_keeps_crlf_line_ends_so_offsets_count_the_files_characters(tmp_path: Path) -> None:
    raw = b"Ferry fares rise\r\n\r\nThe council said fares would rise 8%.\r\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(raw)
    assert only_story(path).body == raw.decode("utf-8")


def test_reuters_sample_uses_its_sidecar_and_keeps_the_original_text() -> None:
    original = Path("/work/shared/stories/reuters_qatar_hts.txt")
    path = SAMPLE_DATA / "reuters_qatar_hts.txt"
    story = only_story(path)
    assert story.outlet == "Reuters"
    assert story.published == date(2024, 12, 10)
    assert story.title.startswith("Qatar talks to Syria's HTS rebels")
    assert story.body == path.read_text(encoding="utf-8")
    if original.exists():
        assert path.read_bytes() == original.read_bytes()


def test_sidecar_without_title_leaves_the_title_to_the_first_line() -> None:
    story = only_story(SAMPLE_DATA / "2024-12-11_correspondent_assad_moscow.txt")
    assert story.title == "Assad surfaces in Moscow as Kremlin stays silent on his status"
    assert story.outlet == "The Correspondent"
    assert story.byline == "Anna Volkova"


def test_malformed_sidecar_fails_the_story_and_names_the_sidecar(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The minister said the plan works.\n")
    (tmp_path / "a.meta.json").write_text('{"outlet": "Post",')
    with pytest.raises(ReadError, match=r"a\.meta\.json.*malformed JSON"):
        read_path(tmp_path / "a.txt")


def test_sidecar_named_directly_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.meta.json").write_text('{"outlet": "Post"}')
    with pytest.raises(ReadError, match="sidecar"):
        read_path(tmp_path / "a.meta.json")


def test_long_first_line_title_is_cut_at_a_word() -> None:
    title = first_line_title("word " * 100 + "\nsecond line")
    assert title.endswith("…")
    assert len(title) <= 161
    assert "wor…" not in title


# -- Markdown ----------------------------------------------------------------------------


def test_markdown_front_matter_and_plain_text_body() -> None:
    story = only_story(FIXTURES / "feature.md")
    assert story.title == "Council's housing promise: what the figures show"
    assert story.outlet == "Valley Courier"
    assert story.url == "https://valleycourier.example/housing-promise"
    assert story.published == date(2024, 11, 28)
    assert story.byline == "Nadia Brooks, Sam Ortiz"
    body = story.body
    # Markup is gone, words stay; the headline repeating the title is not in the body.
    assert "**" not in body and "*1,200*" not in body and "](" not in body
    assert "1,200 affordable homes by 2025" in body
    assert "according to its published plan." in body
    assert body.count("# Council") == 0 and not body.startswith("Council's housing")
    assert '"We are behind, and I won\'t pretend otherwise," council leader Grace Obi said.' in body
    assert "SELECT" not in body  # code blocks are not story text
    # Wrapped lines join; paragraphs and list items are separated by blank lines.
    assert "build 1,200 affordable homes by 2025, according to\n" not in body
    assert "\n\nA spokesman for the developers' federation declined to comment." in body


def test_markdown_without_front_matter_takes_its_heading_as_title(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(
        "# Bridge to close for repairs\n\nThe bridge will close in May, engineers said.\n"
    )
    story = only_story(path)
    assert story.title == "Bridge to close for repairs"
    assert story.body == "The bridge will close in May, engineers said."


def test_front_matter_never_closed_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "open.md"
    path.write_text("---\ntitle: Open\n\nThe minister said so.\n")
    with pytest.raises(ReadError, match="never closed"):
        read_path(path)


def test_front_matter_bad_line_names_the_line() -> None:
    with pytest.raises(ReadError, match="front matter line 3"):
        split_front_matter("---\ntitle: x\nthis is not a key value line\n---\nbody\n")


def test_front_matter_bad_date_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad_date.md"
    path.write_text("---\npublished: next tuesday\n---\nThe minister said so.\n")
    with pytest.raises(ReadError, match="published: cannot read 'next tuesday'"):
        read_path(path)


# -- HTML --------------------------------------------------------------------------------


def test_html_takes_headline_byline_date_and_article_not_page_furniture() -> None:
    story = only_story(FIXTURES / "page.html")
    assert story.title == "Mayor denies cuts to bus routes"
    assert story.byline == "Lena Fischer"
    assert story.published == date(2024, 11, 27)
    assert story.outlet == "Riverside Gazette"
    assert story.url == "https://riversidegazette.example/2024/11/mayor-bus-routes"
    assert story.body.startswith("The mayor, Tom Harding, denied on Wednesday")
    assert "The bus operator, Crestline Buses, declined to comment." in story.body
    for furniture in ("NAVSCRIPT", "NAVLINK", "COMMENTTEXT", "FOOTERTEXT", "Sport"):
        assert furniture not in story.body
    assert not story.body.startswith("Mayor denies")  # the headline is the title, not text


def test_truncated_html_still_yields_the_text_it_has(tmp_path: Path) -> None:
    path = tmp_path / "cut.html"
    path.write_text(
        "<html><head><title>Cut off</title></head><body><article><p>The minister said "
        "the budget would rise by 4% next year, officials confirmed.<p>Opposition leaders "
        "said the rise was too small"
    )
    story = only_story(path)
    assert "budget would rise by 4%" in story.body


def test_html_without_article_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Nothing</title><script>var a=1;</script></head></html>")
    with pytest.raises(ReadError, match="no article text"):
        read_path(path)


def test_html_declared_legacy_charset_is_honoured(tmp_path: Path) -> None:
    html = (
        '<html><head><meta charset="windows-1252"><title>Caf\u00e9</title></head><body>'
        "<article><p>The caf\u00e9 owner said \u201cprices will rise\u201d in spring, "
        "according to the chamber of commerce, which represents 300 firms.</p>"
        "</article></body></html>"
    )
    path = tmp_path / "legacy.html"
    path.write_bytes(html.encode("cp1252"))
    reading = read_path(path)
    assert reading.encoding == "cp1252"
    assert "The caf\u00e9 owner said \u201cprices will rise\u201d" in reading.stories[0].body


# -- JSON and JSON Lines -----------------------------------------------------------------


def test_json_feed_with_stories_key_and_field_aliases() -> None:
    reading = read_path(FIXTURES / "feed.json")
    assert not reading.failures
    first, second = reading.stories
    assert first.title == "Airport expansion approved after five-year fight"
    assert first.outlet == "Harbour Wire"
    assert first.url == "https://harbourwire.example/airport-approved"
    assert first.published == date(2024, 11, 27)
    assert first.byline == "Ines Moreau"
    assert first.body.startswith("Planning inspectors approved a second runway")
    assert first.origin.endswith("feed.json[0]")
    assert second.title == "Hospital waiting list falls for third month"
    assert second.origin.endswith("feed.json[1]")


def test_jsonl_bad_lines_fail_alone_and_name_their_line() -> None:
    path = FIXTURES / "briefs.jsonl"
    reading = read_path(path)
    assert [s.title for s in reading.stories] == [
        "Fishing quota talks stall",
        "Lifeboat crew rescues two",
    ]
    assert [s.origin for s in reading.stories] == [f"{path}:1", f"{path}:4"]
    failures = dict(reading.failures)
    assert "malformed JSON" in failures[f"{path}:2"]
    assert "no 'body' or 'text'" in failures[f"{path}:3"]


def test_malformed_json_file_is_refused_with_position(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"title": "x", "body": "The minister said so." ')
    with pytest.raises(ReadError, match=r"malformed JSON .*line 1"):
        read_path(path)


def test_json_object_without_body_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "nobody.json"
    path.write_text('{"title": "Headline only", "outlet": "Post"}')
    reading = read_path(path)
    assert reading.stories == []
    assert reading.failures == [
        (str(path), "no story text: the object has no 'body' or 'text' field")
    ]


def test_json_body_must_be_text(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text('[{"body": 42}, "not an object", {"text": "The mayor said yes."}]')
    reading = read_path(path)
    assert len(reading.stories) == 1
    reasons = [reason for _, reason in reading.failures]
    assert reasons == ["'body' is not text", "the story is not a JSON object"]


def test_empty_json_array_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "none.json"
    path.write_text("[]")
    with pytest.raises(ReadError, match="no stories"):
        read_path(path)


# -- encodings and bad bytes -------------------------------------------------------------


def test_windows_1252_file_is_decoded_not_mangled() -> None:
    reading = read_path(FIXTURES / "legacy_cp1252.txt")
    assert reading.encoding == "cp1252"
    body = reading.stories[0].body
    assert "co\u00fbterait 12 millions d\u2019euros" in body
    assert "\u201cat least 20%\u201d" in body


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (
            "Le ministre a d\u00e9clar\u00e9 que la r\u00e9union \u00e9tait tr\u00e8s utile.\n",
            "latin-1",
        ),
        (
            "Министр заявил, что Асад находится в Москве.\n",
            "cp1251",
        ),
        ("The minister said \u201cyes\u201d.\n", "utf-16"),
        ("The minister said \u201cyes\u201d.\n", "utf-8-sig"),
    ],
)
def test_common_news_encodings_decode_to_the_same_text(text: str, encoding: str) -> None:
    decoded, _ = decode_text(text.encode(encoding))
    assert decoded == text


def test_byte_order_mark_is_not_part_of_the_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfThe mayor said yes.\n")
    assert only_story(path).body == "The mayor said yes.\n"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        (bytes(range(1, 32)) * 40, "binary file"),
    ],
)
def test_empty_and_binary_files_are_refused(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=reason):
        read_path(path)


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB, sparse: costs no disk
    with pytest.raises(ReadError, match=r"too big: 50\.0 MB is over the 16\.0 MB limit"):
        read_path(path)
    with pytest.raises(ReadError, match="too big"):
        read_path(path, max_bytes=1024)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        read_path(tmp_path / "gone.txt")


# -- stdin and guessing ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("---\ntitle: x\n---\nBody.\n", Format.MD),
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", Format.HTML),
        ('[{"body": "x"}]', Format.JSON),
        ('{"body": "x"}', Format.JSON),
        ('{"body": "x"}\n{"body": "y"}\n', Format.JSONL),
        ("Headline\n\nThe mayor said yes.\n", Format.TXT),
    ],
)
def test_sniff_format(text: str, fmt: Format) -> None:
    assert sniff_format(text) is fmt


def test_read_bytes_from_stdin_guesses_the_format() -> None:
    reading = read_bytes(b'{"title": "Piped", "body": "The mayor said yes."}\n')
    assert reading.stories[0].title == "Piped"
    assert reading.stories[0].origin == "<stdin>"


@pytest.mark.parametrize(
    "value",
    [
        "2024-12-10",
        "2024-12-10T08:15:00Z",
        "10 December 2024",
        "December 10, 2024",
        "Dec 10th, 2024",
    ],
)
def test_parse_published_forms(value: str) -> None:
    assert parse_published(value) == date(2024, 12, 10)


def test_parse_published_refuses_nonsense() -> None:
    with pytest.raises(ReadError, match="YYYY-MM-DD"):
        parse_published("soon")


def test_a_pipe_or_device_is_refused_not_read_forever(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)
    with pytest.raises(ReadError, match="not a regular file"):
        read_path(fifo)


def test_empty_or_null_metadata_counts_as_not_given(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_text(
        '{"title": "", "published": "", "outlet": null, "byline": [], "url": "null", '
        '"body": "Rates held at 4%, the governor said."}'
    )
    story = only_story(path)
    assert story.title == "Rates held at 4%, the governor said."
    assert (story.published, story.outlet, story.byline, story.url) == (None, "", None, None)


def test_sidecar_wins_over_the_page_but_never_applies_to_a_json_feed(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes((FIXTURES / "page.html").read_bytes())
    (tmp_path / "page.meta.json").write_text('{"outlet": "Gazette archive", "title": "Fixed"}')
    story = only_story(page)
    assert (story.outlet, story.title) == ("Gazette archive", "Fixed")
    feed = tmp_path / "feed.json"
    feed.write_bytes((FIXTURES / "feed.json").read_bytes())
    (tmp_path / "feed.meta.json").write_text('{"title": "Would rename every story"}')
    titles = [s.title for s in read_path(feed).stories]
    assert "Would rename every story" not in titles


def test_html_byline_and_time_stamp_above_the_story_are_not_story_text(tmp_path: Path) -> None:
    path = tmp_path / "strike.html"
    path.write_text(
        '<html><head><title>Dock strike ends | Port News</title><meta name="author" '
        'content="Ana Silva"></head><body><div class="story"><h1>Dock strike ends</h1>'
        "<p>By Ana Silva</p><p>Published 3 December 2024</p>"
        "<p>By Friday, the port authority said, cargo would move normally.</p>"
        "<p>The strike ended on Tuesday after workers accepted a 6% rise, the union said.</p>"
        "</div></body></html>"
    )
    story = only_story(path)
    assert story.byline == "Ana Silva"
    assert story.body.startswith("By Friday, the port authority said")
    assert "Published 3 December" not in story.body
