"""Attribution kinds (what a cue reports) and verbs in a non-speech sense (no attribution)."""

from __future__ import annotations

import pytest

from tracker.extract import extract_claims
from tracker.extract.kinds import kind_of_cue
from tracker.extract.propositions import is_proposition, non_speech
from tracker.vocab import AttributionKind, SourceKind


@pytest.mark.parametrize(
    ("cue", "kind"),
    [
        ("said", AttributionKind.SPEECH),
        ("told reporters", AttributionKind.SPEECH),
        ("according to", AttributionKind.SPEECH),
        ("pointed out", AttributionKind.SPEECH),
        ("denied", AttributionKind.SPEECH),
        ("believes", AttributionKind.BELIEF),
        ("fears", AttributionKind.BELIEF),
        ("wants", AttributionKind.BELIEF),
        ("plans", AttributionKind.INTENTION),
        ("vowed", AttributionKind.INTENTION),
        ("threatened to", AttributionKind.INTENTION),
        ("found", AttributionKind.FINDING),
        ("show", AttributionKind.FINDING),
        ("reportedly", AttributionKind.UNKNOWN),
        ("", AttributionKind.UNKNOWN),
        (None, AttributionKind.UNKNOWN),
    ],
)
def test_kind_of_cue(cue: str | None, kind: AttributionKind) -> None:
    assert kind_of_cue(cue) is kind


def test_a_document_suggesting_is_a_finding_a_person_suggesting_is_speech() -> None:
    assert kind_of_cue("suggests", SourceKind.DOCUMENT) is AttributionKind.FINDING
    assert kind_of_cue("suggested", SourceKind.NAMED) is AttributionKind.SPEECH


# ---- kinds on whole stories ------------------------------------------------------------


def _kind_of(text: str, start: str) -> AttributionKind:
    hits = [c for c in extract_claims(text) if c.text.startswith(start)]
    assert len(hits) == 1, [c.text for c in extract_claims(text)]
    return hits[0].kind


@pytest.mark.parametrize(
    ("text", "start", "kind"),
    [
        ("Councillor Ann Roe said the depot would close in March.", "the depot", "speech"),
        ("Ann Roe told reporters the levy was unfair to tenants.", "the levy", "speech"),
        ("Ann Roe believes the levy will be repealed within a year.", "the levy", "belief"),
        ("Residents fear the ferry will stop running in winter.", "the ferry", "belief"),
        ("The harbour board plans to sell the north pier to a developer.", "to sell", "intention"),
        ("The mayor vowed to reopen the library before the election.", "to reopen", "intention"),
        ("A council survey found that 40 percent of buses ran late.", "40 percent", "finding"),
        ("Figures released by the trust show waiting times rose 12 percent.", "waiting", "finding"),
    ],
)
def test_each_kind_in_a_sentence(text: str, start: str, kind: str) -> None:
    assert _kind_of(text, start).value == kind


def test_the_outlets_own_voice_is_kind_outlet() -> None:
    text = "The council spent 4.2 million pounds on the bridge in 2023, its highest bill yet."
    claims = extract_claims(text)
    assert claims and all(c.kind is AttributionKind.OUTLET for c in claims)


@pytest.mark.parametrize(
    "text",
    [
        "Harbor City's captain added yet another goal early in the third period.",
        "Norvale replied just 17 seconds later with a shot from the blue line.",
        "The singer thanked her band and the crowd at the end of the night.",
        "The coach responded a couple of minutes later by pulling his goalie.",
        "The minister agreed with the approach taken by the board.",
    ],
)
def test_verbs_in_a_non_speech_sense_are_no_attribution(text: str) -> None:
    assert not [c for c in extract_claims(text) if c.cue is not None]


def test_the_same_verbs_with_a_clause_still_report_speech() -> None:
    text = "The captain added that the team had played its worst game of the season."
    (claim,) = extract_claims(text)
    assert claim.cue == "added" and claim.kind is AttributionKind.SPEECH


def test_proposition_and_non_speech_tests() -> None:
    assert is_proposition('"We will not stop,"')
    assert is_proposition("that the bridge would close")
    assert is_proposition("the bridge would close")
    assert is_proposition("he had never seen such a storm")
    assert not is_proposition("yet another goal early in the third")
    assert non_speech("added", "a second goal in overtime")
    assert not non_speech("added", "the club would appeal")
    assert non_speech("replied", "17 seconds later")
    assert not non_speech("according to", "the police")


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Councillor Ann Roe criticized the new parking rules on Monday.", "the new parking"),
        ("The harbour union called for a ferry fare freeze.", "a ferry fare freeze"),
    ],
)
def test_an_evaluation_of_a_noun_phrase_is_a_stance_not_speech(text: str, start: str) -> None:
    assert _kind_of(text, start) is AttributionKind.BELIEF


def test_an_evaluation_verb_with_a_clause_reports_speech() -> None:
    text = "Councillor Ann Roe criticized that the parking rules were drawn up in secret."
    assert _kind_of(text, "the parking rules") is AttributionKind.SPEECH


def test_a_report_saying_something_is_a_finding() -> None:
    text = "A council report says bus journeys took 14 percent longer in 2024."
    assert _kind_of(text, "bus journeys") is AttributionKind.FINDING


@pytest.mark.parametrize(
    "text",
    [
        '"We will win the cup," the captain crowed.',
        '"I never saw the rule," she confessed.',
        '"Get off the pitch!" the fans yelled.',
    ],
)
def test_manners_of_saying_are_speech_cues(text: str) -> None:
    (claim,) = extract_claims(text)
    assert claim.cue is not None and claim.kind is AttributionKind.SPEECH


def test_a_subordinate_clause_does_not_make_an_object_a_proposition() -> None:
    text = "The captain added another goal in the third period when the keeper slipped."
    assert not [c for c in extract_claims(text) if c.cue == "added"]


def test_a_weak_cue_with_a_that_clause_reports_speech() -> None:
    text = (
        "In reply to one letter, Harbour City councillor Ana Maria Ruiz conceded that her "
        "first reaction was one of disbelief."
    )
    (claim,) = extract_claims(text)
    assert claim.cue == "conceded"
    assert claim.text == "her first reaction was one of disbelief"


def test_a_cue_inside_what_was_added_stays_inside_it() -> None:
    text = (
        "Mayor Ana Ruiz said the council would pick the new chair, but added that she hoped "
        "it would be done by June."
    )
    added = [c for c in extract_claims(text) if c.cue == "added"]
    assert [c.text for c in added] == ["she hoped it would be done by June"]
    assert added[0].kind is AttributionKind.SPEECH


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Councillor Ann Roe refused to resign over the ferry contract.", "to resign"),
        ("The judge ordered the council to pay the ferry company 20,000 pounds.", "the council"),
    ],
)
def test_a_refusal_or_an_order_is_an_intention(text: str, start: str) -> None:
    assert _kind_of(text, start) is AttributionKind.INTENTION


def test_refused_to_say_whether_is_one_unanswered_question() -> None:
    text = "Ann Roe, the council leader, refused to say whether the contract would be renewed."
    (claim,) = extract_claims(text)
    assert claim.text == "whether the contract would be renewed"
    assert claim.status.value == "no_response"


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("The ferry operator cited rising fuel costs.", "rising fuel costs"),
        ("Mayor Ida Brandt cited the existence of a second contract.", "the existence"),
        ("Coach Pell talked about his first season in the league.", "his first season"),
        ("Harbourline disclosed a loss of $4-million for the quarter.", "a loss"),
    ],
)
def test_a_speech_verb_with_a_bare_noun_phrase_reports_no_words(text: str, start: str) -> None:
    assert _kind_of(text, start) is not AttributionKind.SPEECH


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Mayor Ida Brandt denied that a second contract existed.", "a second contract"),
        ("The ferry operator said the fares would rise in May.", "the fares would"),
        ("The utility advised residents never to run generators indoors.", "never to run"),
        ("Coach Pell described the loss as “a wake-up call”.", "the loss"),
    ],
)
def test_a_clause_an_advice_or_a_quotation_after_the_verb_is_still_speech(
    text: str, start: str
) -> None:
    assert _kind_of(text, start) is AttributionKind.SPEECH


def test_a_possessive_is_no_verb_a_contraction_is() -> None:
    assert not is_proposition("the harbour board's decision on the berths")
    assert not is_proposition("Councillor Lind's account of the vote")
    assert is_proposition("it's too early to tell")
    assert is_proposition("there's no money left for the pool")
    assert is_proposition("they're reviewing the contract")


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("The dock workers' union questioned the port authority's account.", "the port"),
        ("Senator Ama Lind criticized the minister's handling of the strike.", "the minister"),
    ],
)
def test_a_noun_phrase_with_a_possessive_is_no_clause(text: str, start: str) -> None:
    assert _kind_of(text, start) is not AttributionKind.SPEECH


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("The ferry captain told reporters about the storm that hit the strait.", "about the"),
        ("Residents complained about the noise from the new depot.", "about the noise"),
    ],
)
def test_telling_about_a_topic_reports_no_words(text: str, start: str) -> None:
    assert _kind_of(text, start) is not AttributionKind.SPEECH


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("The mayor denied the report.", "the report"),
        ("Arden Mutual acknowledged the failings in its call centres.", "the failings"),
        ("The port authority accused union leaders of misleading members.", "union leaders"),
        ("Harbourline reported a 22 percent fall in quarterly profit.", "a 22 percent"),
    ],
)
def test_a_denial_admission_accusation_or_report_of_a_noun_phrase_is_speech(
    text: str, start: str
) -> None:
    assert _kind_of(text, start) is AttributionKind.SPEECH


def test_urging_someone_to_act_is_speech_urging_a_thing_a_stance() -> None:
    text = "Mayor Ida Brandt urged residents to stay indoors until Friday."
    assert _kind_of(text, "to stay") is AttributionKind.SPEECH
    text = "Mayor Ida Brandt urged a ban on night sailings."
    assert _kind_of(text, "a ban") is AttributionKind.BELIEF


def test_agreeing_is_a_stance_not_words_said() -> None:
    assert kind_of_cue("agreed") is AttributionKind.BELIEF
    text = "Councillor Ann Roe agreed that the ferry timetable needed work."
    assert _kind_of(text, "the ferry timetable") is AttributionKind.BELIEF


@pytest.mark.parametrize(
    ("text", "start", "kind"),
    [
        ("Judge Ines Vold concludes that the force failed the families.", "the force", "speech"),
        (
            "The inquiry report concludes that the force failed the families.",
            "the force",
            "finding",
        ),
        ("The mayor indicated that he would run again.", "he would", "speech"),
    ],
)
def test_concluding_is_a_finding_of_a_document_and_speech_of_a_person(
    text: str, start: str, kind: str
) -> None:
    assert _kind_of(text, start) is AttributionKind(kind)
