"""The subjects pass: whether a phrase can name a source, and the source around a cue."""

from __future__ import annotations

import pytest

from tracker.extract import extract_claims
from tracker.extract.cues import SentenceReader
from tracker.extract.phrases import _plausible_source, _plural_subject
from tracker.extract.segment import segment


@pytest.mark.parametrize(
    "chunk",
    ["Ines Calloway", "the harbour master", "two people familiar with the talks", "she"],
)
def test_plausible_sources(chunk: str) -> None:
    assert _plausible_source(chunk, False)


@pytest.mark.parametrize("chunk", ["Based on the figures", "the", "Calloway's", "xxx said"])
def test_implausible_sources(chunk: str) -> None:
    assert not _plausible_source(chunk, False)


def test_plural_subjects_take_a_plain_verb() -> None:
    assert _plural_subject("ferry workers")
    assert _plural_subject("Calloway and Feld")
    assert not _plural_subject("the council report")


def _reader(text: str) -> SentenceReader:
    masked, paragraphs = segment(text)
    return SentenceReader(text, masked, paragraphs)


def test_left_source_walks_back_over_an_appositive() -> None:
    text = "Ines Calloway, the harbour master, said the ferry would run."
    reader = _reader(text)
    cs = text.index("said")
    span, _kind, passive, _start = reader._left_source(0, cs, False)
    assert span is not None and not passive
    assert text[span[0] : span[1]].startswith("Ines Calloway")


def test_subject_of_a_sentence_after_an_opening_phrase() -> None:
    text = "For months, Ines Calloway has pressed the council for money."
    span = _reader(text)._subject(0, len(text))
    assert span is not None and text[span[0] : span[1]] == "Ines Calloway"


def test_a_relative_clause_holding_a_quotation_still_leads_to_its_name() -> None:
    text = (
        "Harbour retiree Tomas Feld, who lost 16 pounds “and two belt loops” over the summer, "
        "says the program changed his life."
    )
    span, _kind, _passive, _start = _reader(text)._left_source(0, text.index("says"), False)
    assert span is not None and text[span[0] : span[1]] == "Harbour retiree Tomas Feld"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Harbour Line’s safety unit said on Friday that the crane had failed.",
            "Harbour Line’s safety unit",
        ),
        ("Nordvik's health minister said the clinic would reopen.", "Nordvik's health minister"),
        ("Ferry Systems' press office said the route would close.", "Ferry Systems' press office"),
    ],
)
def test_a_name_with_a_possessive_determines_its_noun(text: str, source: str) -> None:
    claims = [c for c in extract_claims(text) if c.cue == "said"]
    assert len(claims) == 1
    assert claims[0].source_mention == source
