"""Fuzzing every reader: arbitrary bytes in any format give stories or a ReadError, nothing else."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from tracker.extract import extract_claims
from tracker.ingest.errors import ReadError
from tracker.ingest.readers import Format, read_bytes

FORMATS = [None, *Format]

news_words = hs.sampled_from(
    [
        "said",
        "told",
        "Reuters",
        "“",
        "”",
        '"',
        "<p>",
        "</p>",
        "<script>",
        "---",
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        "\n\n",
        "according to",
        "an official",
        "title:",
        "\x00",
        "é",
        "\ufeff",
    ]
)
newsish = hs.lists(hs.one_of(news_words, hs.text(max_size=12)), max_size=60).map("".join)
json_stories = hs.lists(
    hs.fixed_dictionaries(
        {},
        optional={
            "title": hs.one_of(hs.text(max_size=20), hs.integers(), hs.none()),
            "body": hs.one_of(newsish, hs.integers(), hs.lists(hs.text(max_size=5))),
            "text": newsish,
            "published": hs.one_of(hs.text(max_size=12), hs.integers(), hs.none()),
            "url": hs.one_of(hs.text(max_size=20), hs.none()),
        },
    ),
    max_size=4,
)


def _read(data: bytes, fmt: Format | None) -> None:
    try:
        reading = read_bytes(data, where="fuzz", fmt=fmt)
    except ReadError as exc:
        assert exc.reason.strip(), "a refusal must say why"
        return
    for story in reading.stories:
        assert isinstance(story.body, str)
        extract_claims(story.body, outlet=story.outlet or None)
    for where, reason in reading.failures:
        assert where and reason.strip()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=hs.binary(max_size=2000), fmt=hs.sampled_from(FORMATS))
def test_arbitrary_bytes_are_read_or_refused(data: bytes, fmt: Format | None) -> None:
    _read(data, fmt)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=newsish,
    fmt=hs.sampled_from(FORMATS),
    encoding=hs.sampled_from(["utf-8", "cp1252", "utf-16"]),
)
def test_news_like_text_in_any_encoding_is_read_or_refused(
    text: str, fmt: Format | None, encoding: str
) -> None:
    _read(text.encode(encoding, errors="replace"), fmt)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stories=json_stories, lines=hs.booleans())
def test_odd_json_story_objects_are_read_or_refused(
    stories: list[dict[str, object]], lines: bool
) -> None:
    if lines:
        data = "\n".join(json.dumps(s) for s in stories).encode()
        _read(data, Format.JSONL)
    else:
        _read(json.dumps(stories).encode(), Format.JSON)
