"""Segments: a quotation broken by its attribution is one claim with its pieces in order."""

from __future__ import annotations

from tracker.extract import ExtractedClaim, extract_claims
from tracker.extract.segment import quote_spans
from tracker.vocab import AttributionKind


def _pieces(text: str, claim: ExtractedClaim) -> list[str]:
    return [text[s:e] for s, e in claim.segments]


def _only(claims: list[ExtractedClaim], start: str) -> ExtractedClaim:
    hits = [c for c in claims if c.text.startswith(start)]
    assert len(hits) == 1, [c.text for c in claims]
    return hits[0]


def test_quote_broken_by_said_across_two_sentences_is_one_claim_with_two_segments() -> None:
    text = (
        "The ferry timetable changes on Monday.\n\n"
        '"The boats are too old to run every hour," said Ines Calloway, the harbour master. '
        '"We will add a crossing when the new hull arrives."'
    )
    claims = extract_claims(text)
    claim = _only(claims, '"The boats are too old')
    assert _pieces(text, claim) == [
        '"The boats are too old to run every hour,"',
        '"We will add a crossing when the new hull arrives."',
    ]
    assert claim.source_mention == "Ines Calloway, the harbour master"
    assert claim.kind is AttributionKind.SPEECH
    # The covering span still runs from the first piece to the last.
    assert claim.content_span == (claim.segments[0][0], claim.segments[-1][1])


def test_pronoun_cue_between_two_quoted_sentences() -> None:
    text = (
        "Tomas Feld runs the bakery on Quay Street.\n\n"
        '"Flour went up twice this winter," he said. "Bread will cost more by spring."'
    )
    claim = _only(extract_claims(text), '"Flour went up')
    assert _pieces(text, claim) == [
        '"Flour went up twice this winter,"',
        '"Bread will cost more by spring."',
    ]


def test_attribution_inside_one_sentence_splits_it() -> None:
    text = (
        "Lena Marsh chairs the allotment society.\n\n"
        '"Nobody asked us," Marsh said, "before the fence went up along the canal."'
    )
    claim = _only(extract_claims(text), '"Nobody asked us')
    assert _pieces(text, claim) == [
        '"Nobody asked us,"',
        '"before the fence went up along the canal."',
    ]


def test_a_following_quote_paragraph_with_no_cue_is_a_new_claim_of_the_same_speaker() -> None:
    text = (
        '"The pier cannot take another storm," said Ravi Okonjo, who inspects it.\n\n'
        '"I have asked the council for money three times since 2021."'
    )
    claims = extract_claims(text)
    first = _only(claims, '"The pier cannot')
    second = _only(claims, '"I have asked')
    assert len(first.segments) == 1 and len(second.segments) == 1
    assert second.source_key == first.source_key
    assert second.kind is AttributionKind.SPEECH


def test_an_unbroken_claim_has_one_segment_its_content() -> None:
    text = "Dana Whitcombe said the tunnel would open in the spring of 2027."
    (claim,) = extract_claims(text)
    assert claim.segments == (claim.content_span,)


def test_a_quotation_ends_the_content_when_the_speaker_goes_on_to_act() -> None:
    text = "Ines Calloway took the trophy and shouted, “It is ours at last,” and ran off."
    (claim,) = extract_claims(text)
    assert claim.text == "“It is ours at last,”"
    assert claim.cue == "shouted"


def test_a_person_finding_a_thing_is_no_claim() -> None:
    text = "Tomas Feld found the keys under the mat after an hour."
    assert extract_claims(text) == []


def test_a_quoted_sentence_in_narration_is_the_last_speakers() -> None:
    text = (
        "Ines Calloway said the ferry had never been late in her years as harbour master.\n\n"
        'She did not want the crossing remembered as "Only a boat that broke down once."'
    )
    claims = extract_claims(text)
    quoted = [c for c in claims if c.text.startswith('"Only a boat')]
    assert len(quoted) == 1
    assert quoted[0].source == "Ines Calloway" and quoted[0].kind is AttributionKind.SPEECH


def test_a_quoted_title_or_a_scare_quote_is_nobodys_claim() -> None:
    text = (
        "Ines Calloway said the ferry would run all winter.\n\n"
        'The crew watched "The Boat That Broke Down Once." on the night crossing. '
        'Some called it "unsinkable."'
    )
    assert [c.source for c in extract_claims(text) if c.text.startswith('"')] == []


def test_a_cue_between_two_halves_of_one_sentence_gives_two_segments() -> None:
    text = "Feld made the choice alone that day, she says, and paid for it with his job."
    (claim,) = extract_claims(text)
    assert [text[s:e] for s, e in claim.segments] == [
        "Feld made the choice alone that day",
        "and paid for it with his job",
    ]
    assert claim.cue == "says"


def test_a_quote_left_open_and_closed_by_the_next_paragraphs_attribution() -> None:
    text = (
        "The minister wrote to the harbour board in August.\n\n"
        '"Who may join the crossing is for the harbour master to decide\n\n'
        'on the advice of the pilots, and with the crew," said Feld in an email.'
    )
    claims = [c for c in extract_claims(text) if c.cue == "said"]
    assert len(claims) == 1
    assert claims[0].source == "Feld"
    assert [text[s:e] for s, e in claims[0].segments] == [
        '"Who may join the crossing is for the harbour master to decide',
        'on the advice of the pilots, and with the crew,"',
    ]


def test_a_straight_closing_mark_with_no_opener_is_no_quote() -> None:
    text = 'on the advice of the pilots," said Feld. "We agree."'
    assert [text[s:e] for s, e in quote_spans(text, 0, len(text))] == ['"We agree."']
