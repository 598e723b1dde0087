"""The cue pass on single sentences: one SentenceReader, one sentence, its raw claims."""

from __future__ import annotations

import pytest

from tracker.extract import extract_claims
from tracker.extract.cues import SentenceReader
from tracker.extract.raw import RawClaim
from tracker.extract.segment import segment


def _read(text: str) -> list[RawClaim]:
    masked, paragraphs = segment(text)
    reader = SentenceReader(text, masked, paragraphs)
    return [r for us, ue in paragraphs[0].units for r in reader.read_unit(0, us, ue)]


def _parts(text: str, raw: RawClaim) -> tuple[str, str | None, str | None]:
    src = text[raw.source_span[0] : raw.source_span[1]] if raw.source_span else None
    cue = text[raw.cue_span[0] : raw.cue_span[1]] if raw.cue_span else None
    return text[raw.content[0] : raw.content[1]], src, cue


def test_source_first_and_content_first() -> None:
    text = "Ines Calloway said the ferry would run. The fare will rise, the council said."
    assert [_parts(text, r) for r in _read(text)] == [
        ("the ferry would run", "Ines Calloway", "said"),
        ("The fare will rise", "the council", "said"),
    ]


def test_a_participle_goes_on_with_the_same_source() -> None:
    text = "Tomas Feld said the pier was safe, adding that repairs would start in May."
    raws = _read(text)
    assert [_parts(text, r)[0] for r in raws] == [
        "the pier was safe",
        "repairs would start in May",
    ]
    assert raws[1].inherit


def test_a_cue_inside_a_quotation_is_no_cue() -> None:
    text = '"Nobody said the pier was safe," Tomas Feld told reporters.'
    raws = _read(text)
    assert len(raws) == 1
    assert _parts(text, raws[0])[2] == "told reporters"


def test_a_verb_in_a_non_speech_sense_gives_no_claim() -> None:
    assert _read("The captain added another goal in the third period.") == []


def test_a_clause_then_said_and_a_name_is_inverted() -> None:
    text = "The fine for missing the ferry is similar, with a refund after two years, said Roe."
    (raw,) = _read(text)
    content, source, cue = _parts(text, raw)
    assert source == "Roe" and cue == "said"
    assert content.startswith("The fine for missing the ferry is similar")


def test_a_closing_attribution_beats_a_passive_hedge() -> None:
    text = "At least 48 people were reported missing in the north, he said."
    (raw,) = _read(text)
    assert _parts(text, raw) == (
        "At least 48 people were reported missing in the north",
        "he",
        "said",
    )


def test_whom_told_addresses_is_not_what_was_said() -> None:
    text = "The harbour master told a packed hall at the grain exchange that the pier would open."
    (raw,) = _read(text)
    assert _parts(text, raw) == ("the pier would open", "The harbour master", "told")


def test_told_several_people_then_that() -> None:
    text = "Ines Calloway told Feld and two other councillors that she would not stand again."
    (raw,) = _read(text)
    assert _parts(text, raw)[0] == "she would not stand again"


def test_told_then_a_clause_with_no_that_keeps_the_clause() -> None:
    text = "Ines Calloway told reporters the ferry failed twice and that the council knew."
    (raw,) = _read(text)
    assert _parts(text, raw)[0] == "the ferry failed twice and that the council knew"


def test_a_time_word_with_a_possessive_belongs_to_the_content() -> None:
    text = "Lena Marsh, a grocer from Halden, said Thursday's vote had changed her mind."
    (raw,) = _read(text)
    assert _parts(text, raw)[0] == "Thursday's vote had changed her mind"


def test_a_report_published_on_a_day_goes_with_the_cue() -> None:
    text = "The pier was unsafe, the council said in a report published on Friday."
    (raw,) = _read(text)
    assert _parts(text, raw) == ("The pier was unsafe", "the council", "said")


def test_a_statement_released_by_someone_goes_with_the_cue() -> None:
    text = "The council said in a statement released by the Harbour Board that the pier was shut."
    (raw,) = _read(text)
    assert _parts(text, raw)[0] == "the pier was shut"


def test_has_been_warning_that_is_a_claim_of_the_subject() -> None:
    text = "The port authority has been warning that it is running out of cash."
    (raw,) = _read(text)
    assert _parts(text, raw) == ("it is running out of cash", "The port authority", "warning")


@pytest.mark.parametrize("verb", ["say", "explain", "argue"])
def test_went_on_to_say_is_said(verb: str) -> None:
    text = f"Tomas Feld went on to {verb} that the fares would rise."
    (raw,) = _read(text)
    assert _parts(text, raw) == ("the fares would rise", "Tomas Feld", verb)


def test_went_on_to_do_something_else_is_no_claim() -> None:
    assert _read("Tomas Feld went on to win the race by a wide margin.") == []


def test_an_aside_in_brackets_before_the_cue_leaves_the_name_as_source() -> None:
    text = "Rep. Ines Vold (a Democrat from the coast) says the ferry was late again."
    (raw,) = _read(text)
    assert _parts(text, raw) == ("the ferry was late again", "Rep. Ines Vold", "says")


def test_said_twice_is_how_often_not_what() -> None:
    text = "Tomas Feld said twice that the fares would rise."
    (raw,) = _read(text)
    assert _parts(text, raw)[0] == "the fares would rise"


def test_what_someone_called_something_keeps_the_relative_word() -> None:
    text = "The fire was what officials called a deliberate act of sabotage."
    (raw,) = _read(text)
    assert _parts(text, raw) == (
        "what officials called a deliberate act of sabotage",
        "officials",
        "called",
    )


def test_what_someone_says_is_keeps_only_the_claim() -> None:
    text = "The board faces what the auditor says is a deficit of four million."
    (raw,) = _read(text)
    assert _parts(text, raw) == ("is a deficit of four million", "the auditor", "says")


def test_an_aside_between_dashes_before_the_cue_leaves_the_source() -> None:
    text = (
        "Many speakers at the vigil — teachers and nurses among them — said the loss was painful."
    )
    (raw,) = _read(text)
    assert _parts(text, raw) == (
        "the loss was painful",
        "Many speakers at the vigil",
        "said",
    )


def test_with_a_share_saying_is_the_share_speaking() -> None:
    text = "Voters shrugged off the choice, with three in 10 saying it would change nothing."
    (raw,) = _read(text)
    assert _parts(text, raw) == ("it would change nothing", "three in 10", "saying")


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The mayor urged residents to stay indoors.", "to stay indoors"),
        (
            "The chief warned the public not to speculate on the case.",
            "not to speculate on the case",
        ),
        ("The agency reminded its customers to keep torches handy.", "to keep torches handy"),
    ],
)
def test_whom_someone_urges_is_not_what_was_urged(text: str, content: str) -> None:
    (raw,) = _read(text)
    assert _parts(text, raw)[0] == content


def test_warned_that_keeps_its_clause() -> None:
    text = "The engineer warned that the old bridge could fail in a flood."
    (raw,) = _read(text)
    assert _parts(text, raw)[0] == "the old bridge could fail in a flood"


def test_a_negation_before_the_infinitive_stays_in_what_was_urged() -> None:
    text = "The utility advised residents never to run generators indoors."
    (raw,) = _read(text)
    assert _parts(text, raw)[0] == "never to run generators indoors"


def test_a_participle_after_a_closing_cue_is_how_it_was_said() -> None:
    text = '"We will not close the pier," the mayor said, clutching the lectern with both hands.'
    (raw,) = _read(text)
    assert _parts(text, raw) == ('"We will not close the pier,"', "the mayor", "said")


def test_according_to_then_a_clause_of_the_story_own() -> None:
    text = "The line carried 40,000 riders, according to the port authority, but its future is dim."
    (raw,) = _read(text)
    assert _parts(text, raw) == (
        "The line carried 40,000 riders",
        "the port authority",
        "according to",
    )


def test_according_to_inside_one_clause_covers_it() -> None:
    text = "The line is, according to the port authority, the busiest in the region."
    (raw,) = _read(text)
    assert _parts(text, raw)[0] == text.rstrip(".")


@pytest.mark.parametrize(
    "text",
    [
        "The mayor told a packed gathering in Halden she will protect the ferry.",
        "The coach told the whole team he would be at the final.",
        "The coach told reporters in Halden he would be at the final.",
    ],
)
def test_told_someone_then_a_clause_with_no_that(text: str) -> None:
    (raw,) = _read(text)
    content = _parts(text, raw)[0]
    assert content in ("she will protect the ferry", "he would be at the final")


@pytest.mark.parametrize(("cue", "name"), [("adds", "Dana Reyes"), ("writes", "Ines Vold")])
def test_a_clause_then_a_closing_cue_and_a_name_is_inverted(cue: str, name: str) -> None:
    text = f"Somehow, the family will find a way, {cue} {name}."
    (raw,) = _read(text)
    assert _parts(text, raw) == ("Somehow, the family will find a way", name, cue)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Oil prices fell 2% on Friday after Saudi officials signalled more output for the "
            "market, traders said.",
            "Oil prices fell 2% on Friday after Saudi officials signalled more output for the "
            "market",
        ),
        (
            "The ferry operator has promised to keep the night crossing, a union official "
            "told the Ledger.",
            "The ferry operator has promised to keep the night crossing",
        ),
    ],
)
def test_a_closing_attribution_takes_its_whole_first_clause(text: str, content: str) -> None:
    claims = extract_claims(text)
    assert [c.text for c in claims] == [content]
