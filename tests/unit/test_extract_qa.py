"""Extraction bugs QA found on main (issue 12), each on a sentence of our own."""

from __future__ import annotations

from tracker.extract import ExtractedClaim, extract_claims
from tracker.vocab import AttributionKind, SourceKind


def attributed(text: str) -> list[ExtractedClaim]:
    return [c for c in extract_claims(text) if c.source_kind is not SourceKind.OUTLET]


def test_coordinated_clause_does_not_make_added_a_speech_cue() -> None:
    # "added a point": a noun phrase object; the verb after "and" belongs to a new subject.
    text = "Marklund added a third point and Ostby answered nine minutes later."
    assert [c for c in attributed(text) if c.kind is AttributionKind.SPEECH] == []


def test_added_with_a_clause_and_a_second_clause_is_still_speech() -> None:
    c = attributed("Marklund added the deal was off and Ostby agreed.")
    assert [x.source for x in c] == ["Marklund"]
    assert c[0].kind is AttributionKind.SPEECH


def test_wants_a_noun_phrase_is_no_claim() -> None:
    assert attributed("The harbour board wants a full audit.") == []


def test_wants_an_infinitive_is_still_a_claim() -> None:
    (c,) = attributed("The harbour board wants to sell the ferry.")
    assert c.source == "The harbour board"
    assert c.text == "to sell the ferry"


def test_participle_with_a_time_stays_in_the_source() -> None:
    (c,) = attributed("A study released last week shows ferry use fell by a third.")
    assert c.source == "A study released last week"
    assert c.text == "ferry use fell by a third"


def test_asking_not_to_be_named_is_no_claim() -> None:
    (c,) = attributed("A ministry official, who asked not to be named, said the deal was dead.")
    assert c.text == "the deal was dead"
    assert c.cue == "said"
