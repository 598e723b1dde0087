"""The shared grammar of the extractor: span trimming, content ends, clause boundaries."""

from __future__ import annotations

from tracker.extract.grammar import (
    _capitalised,
    _content_end,
    _first_word,
    _last_boundary,
    _strip_span,
)


def test_strip_span_trims_spaces_and_punctuation() -> None:
    text = " , the ferry will run ;"
    s, e = _strip_span(text, 0, len(text))
    assert text[s:e] == "the ferry will run"


def test_content_end_drops_the_final_stop_but_not_one_inside_a_quote() -> None:
    plain = "The ferry will run."
    assert plain[: _content_end(plain, len(plain), 0)] == "The ferry will run"
    quoted = '"The ferry will run."'
    assert quoted[: _content_end(quoted, len(quoted), 0)] == quoted


def test_last_boundary_finds_the_clause_before_a_cue() -> None:
    m = "When the storm came, the harbour master"
    pos, char = _last_boundary(m, 0, len(m))
    assert m[pos:].strip() == "the harbour master" and char == ","


def test_first_word_and_capitalised_names() -> None:
    assert _first_word("  Still, she said") == "still"
    assert _capitalised("al-Marri") and _capitalised("McDonald") and not _capitalised("ferry")
