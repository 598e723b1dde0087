"""Labels and page furniture: transcript speakers, teasers, section labels, headlines,
bylines, datelines, captions and credits."""

from __future__ import annotations

import pytest

from tracker.extract import extract_claims
from tracker.extract.labels import read_labels
from tracker.extract.segment import segment
from tracker.vocab import AttributionKind, QuoteKind, SourceKind

STORY = (
    "Carmaker Voltra to recall 40,000 vans over brake fault\n\n"
    "By Marta Lindqvist, Transport Correspondent\n\n"
    "HALDEN, March 4 (Northsea Wire) - Voltra will recall 40,000 delivery vans built since "
    "2021 because of a brake fault, the company said on Tuesday.\n\n"
    "READ MORE: Voltra profits fall for a third quarter\n\n"
    '"We found the fault in our own tests," said Ola Brenne, the head of quality.\n\n'
    "WATCH: Inside the Voltra plant in Halden\n\n"
    "FED TALK: Brenne said the recall would cost about 90 million crowns.\n\n"
    "A Voltra van at the Halden plant on Monday. (Photo: Northsea Wire/Jon Berg)\n\n"
    "Reporting by Marta Lindqvist; Editing by Tom Hale"
)


def test_furniture_gives_no_claim_and_no_source() -> None:
    claims = extract_claims(STORY)
    sources = {c.source for c in claims}
    for junk in ("Carmaker Voltra to", "READ MORE", "WATCH", "FED TALK", "Marta Lindqvist"):
        assert junk not in sources
    texts = " ".join(c.text for c in claims)
    for junk in ("brake fault\n", "profits fall", "Inside the Voltra", "Jon Berg", "Tom Hale"):
        assert junk not in texts
    assert not [c for c in claims if c.text.startswith("Carmaker Voltra")]


def test_a_dateline_is_never_part_of_a_claim() -> None:
    claims = extract_claims(STORY)
    lead = [c for c in claims if "delivery vans" in c.text]
    assert len(lead) == 1
    assert lead[0].text.startswith("Voltra will recall")
    assert all("HALDEN" not in c.text and "Northsea Wire)" not in c.text for c in claims)


def test_a_section_label_does_not_swallow_the_quote_after_it() -> None:
    claims = extract_claims(STORY)
    (cost,) = [c for c in claims if "90 million" in c.text]
    assert cost.text == "the recall would cost about 90 million crowns"
    assert cost.source_mention == "Brenne"
    assert cost.kind is AttributionKind.SPEECH


def test_a_lone_capitalised_label_that_names_nobody_is_read_as_text() -> None:
    text = (
        "The central bank kept its rate at 4 percent on Wednesday.\n\n"
        'KEEPING SCORE: "Inflation is still too high," Governor Ines Calloway said.'
    )
    (claim,) = [c for c in extract_claims(text) if c.source_kind is not SourceKind.OUTLET]
    assert claim.text == '"Inflation is still too high,"'
    assert claim.source == "Governor Ines Calloway"


def test_labels_that_alternate_are_a_transcript() -> None:
    text = (
        "HOST: Will the ferry run this winter?\n\n"
        "CALLOWAY: It will run twice a day until March.\n\n"
        "HOST: And after March?\n\n"
        "CALLOWAY: We go back to the summer timetable."
    )
    claims = [c for c in extract_claims(text) if c.source.upper() == "CALLOWAY"]
    assert [c.text for c in claims] == [
        "It will run twice a day until March",
        "We go back to the summer timetable",
    ]
    assert all(c.quote is QuoteKind.DIRECT and c.kind is AttributionKind.SPEECH for c in claims)


def test_a_label_naming_someone_in_the_story_is_a_speaker() -> None:
    text = (
        "Lena Marsh, the transport secretary, spoke to the committee on Monday.\n\n"
        "MARSH: We will not raise fares this year."
    )
    claims = [c for c in extract_claims(text) if c.source_mention == "MARSH"]
    assert [c.text for c in claims] == ["We will not raise fares this year"]


def test_read_labels_roles() -> None:
    text = "Bridge To Close For Repairs\n\nREAD MORE: Older story\n\nWATCH BELOW\n\nThe end."
    _masked, paragraphs = segment(text)
    roles = read_labels(text, paragraphs)
    assert roles[0].skip and roles[1].skip and roles[2].skip
    assert 3 not in roles


def test_a_first_paragraph_ending_in_a_full_stop_is_not_a_headline() -> None:
    text = (
        "Dana Whitcombe said the tunnel would open in 2027.\n\n"
        "Work began in the spring and was meant to take two summers."
    )
    claims = extract_claims(text)
    assert claims[0].source == "Dana Whitcombe"
    assert claims[0].text == "the tunnel would open in 2027"


def test_a_dateline_before_a_source_first_sentence() -> None:
    text = (
        "Ferry fares rise again\n\n"
        "PORTOBELLO, June 2 (Harbour Press) - The ferry operator said on Monday that "
        "single fares would rise to 4 pounds."
    )
    (claim,) = extract_claims(text)
    assert claim.source == "The ferry operator"
    assert claim.text == "single fares would rise to 4 pounds"


def test_a_question_after_a_dateline_is_still_a_question() -> None:
    text = (
        "Ferry fares rise\n\n"
        "HALDEN, March 4 (Northsea Wire) - Asked whether the vans were safe, Ola Brenne "
        "said they were."
    )
    claims = extract_claims(text)
    question = [c for c in claims if c.cue == "Asked"]
    assert [c.text for c in question] == ["whether the vans were safe"]
    assert all("HALDEN" not in c.text for c in claims)


@pytest.mark.parametrize(
    "note",
    [
        "Correction, March 3: An earlier version of this story misstated the number of piers.",
        "CLARIFICATION: This story has been updated to say the vote was unanimous.",
        "Editor's note: The council's figures were published after this story first ran.",
        "An earlier version of this article gave the wrong date for the vote.",
        "This story was corrected to show that the harbour master is Lena Marsh.",
    ],
)
def test_a_note_about_the_story_is_no_claim(note: str) -> None:
    text = f"Port plan\n\nThe port will close three piers, the council said.\n\n{note}\n"
    claims = extract_claims(text)
    assert [c.text for c in claims] == ["The port will close three piers"]


def test_a_paragraph_that_only_mentions_a_correction_is_read() -> None:
    text = (
        "Port plan\n\nThe council's correction of the budget came too late, "
        "the union said on Monday.\n"
    )
    assert [c.source for c in extract_claims(text)] == ["the union"]
