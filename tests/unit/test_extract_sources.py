"""Clean sources, clean cues and no empty claims (the tidy pass and unresolved pronouns)."""

from __future__ import annotations

import pytest

from tracker.extract import ExtractedClaim, extract_claims
from tracker.vocab import AttributionKind, SourceKind


def _only(text: str) -> ExtractedClaim:
    claims = extract_claims(text)
    assert len(claims) == 1, [(c.source, c.cue, c.text) for c in claims]
    return claims[0]


def test_a_participle_clause_leaves_the_source_and_the_name_stays() -> None:
    c = _only(
        "Ines Marlow, chair of the Tenants' Federation, speaking to reporters outside the "
        "housing office, said rents had doubled in five years."
    )
    assert c.source == "Ines Marlow, chair of the Tenants' Federation"
    assert c.source_kind is SourceKind.NAMED
    assert c.text == "rents had doubled in five years"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "A paramedic, who asked not to be named, said crews waited four hours at the hospital.",
            "A paramedic",
        ),
        (
            "A paramedic who asked not to be identified said crews waited four hours at the "
            "hospital.",
            "A paramedic",
        ),
        (
            "Farmer Joss Bell, 58, who has kept sheep on the moor for 30 years, said crews "
            "waited four hours at the hospital.",
            "Farmer Joss Bell, 58",
        ),
        (
            "Joss Bell, a farmer who has kept sheep on the moor for 30 years, said crews "
            "waited four hours at the hospital.",
            "Joss Bell, a farmer",
        ),
    ],
)
def test_a_relative_clause_leaves_the_source(text: str, source: str) -> None:
    c = _only(text)
    assert c.source == source
    assert c.source_mention == source
    assert c.text == "crews waited four hours at the hospital"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        (
            "Finance Minister Ruth Adair told parliament on Wednesday that the deficit had "
            "narrowed.",
            "told parliament",
        ),
        (
            "Finance Minister Ruth Adair told the court that the deficit had narrowed.",
            "told the court",
        ),
        (
            "Finance Minister Ruth Adair told reporters that the deficit had narrowed.",
            "told reporters",
        ),
    ],
)
def test_told_an_audience_that_gives_the_audience_to_the_cue(text: str, cue: str) -> None:
    c = _only(text)
    assert c.source == "Finance Minister Ruth Adair"
    assert c.cue == cue
    assert c.text == "the deficit had narrowed"


def test_a_noun_after_a_possessive_is_part_of_the_source_not_the_cue() -> None:
    c = _only("A person familiar with the airline's plans said the route would close in May.")
    assert c.source == "A person familiar with the airline's plans"
    assert c.source_kind is SourceKind.ANONYMOUS
    assert c.cue == "said"
    assert c.text == "the route would close in May"


def test_a_closing_time_leaves_a_source() -> None:
    c = _only(
        "Waiting times rose by a quarter, according to figures published by the health board "
        "on Thursday."
    )
    assert c.source == "figures published by the health board"


def test_a_claim_that_is_only_a_pronoun_is_no_claim() -> None:
    text = (
        "The union said the cuts would close three wards.\n\n"
        "Health secretary Omar Pike rejected that."
    )
    claims = extract_claims(text)
    assert [c.text for c in claims] == ["the cuts would close three wards"]


@pytest.mark.parametrize("pronoun", ["He", "She"])
def test_an_unresolved_pronoun_is_never_a_named_source(pronoun: str) -> None:
    c = _only(f"{pronoun} said the bridge would reopen in June.")
    assert c.source_kind is SourceKind.ANONYMOUS
    assert c.source == pronoun


def test_a_resolved_pronoun_names_the_person() -> None:
    text = (
        "Nadia Kerr, the harbour master, said the pier was unsafe. She said repairs would "
        "take a year."
    )
    claims = extract_claims(text)
    assert claims[1].source_mention == "She"
    assert claims[1].source == "Nadia Kerr, the harbour master"
    assert claims[1].source_kind is SourceKind.NAMED


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "The ministry said Tehran had not held any talks with the rebels.",
            "Tehran had not held any talks with the rebels",
        ),
        (
            "Officials said the plant would never reopen.",
            "the plant would never reopen",
        ),
        (
            "The club said no player had been approached.",
            "no player had been approached",
        ),
    ],
)
def test_negation_stays_in_the_claim(text: str, content: str) -> None:
    assert _only(text).text == content


def test_a_denial_keeps_its_negation_in_the_cue() -> None:
    # The convention: the content is what was denied, the cue says it was denied.
    text = "The board denied that money had played any part in the decision."
    c = _only(text)
    assert c.cue == "denied"
    assert c.text == "money had played any part in the decision"


def test_a_headline_gives_no_source() -> None:
    text = (
        "Carmaker Hollis to recall 40,000 vans over seat fault\n\n"
        "Hollis will recall about 40,000 delivery vans because seat belts can come loose, "
        "the company said on Monday."
    )
    claims = extract_claims(text)
    assert [c.source for c in claims] == ["the company"]
    assert all("to" not in (c.source_mention or "").split() for c in claims)


def test_a_body_is_not_a_person_who_works_there() -> None:
    claims = extract_claims(
        "An official at the port authority said the pier had closed. "
        "Later, the port authority said the pier would reopen in May."
    )
    assert [c.source for c in claims] == [
        "An official at the port authority",
        "the port authority",
    ]
    assert claims[0].source_key != claims[1].source_key


def test_an_indefinite_mention_is_someone_new() -> None:
    claims = extract_claims(
        "An official at the port authority said the pier had closed. "
        "A senior official said the repairs would cost more than planned."
    )
    assert claims[1].source == "A senior official"
    assert claims[0].source_key != claims[1].source_key


def test_one_official_is_not_the_officials_before() -> None:
    claims = extract_claims(
        "Officials said the bridge was closed. The official said it would reopen soon."
    )
    assert claims[1].source == "The official"
    assert claims[0].source_key != claims[1].source_key


def test_they_is_not_one_person_named_before() -> None:
    claims = extract_claims(
        "Dana Reyes runs the bakery on Mill Lane. They said the rent had doubled."
    )
    assert claims[-1].source != "Dana Reyes"
    assert claims[-1].source_kind is SourceKind.ANONYMOUS


def test_one_of_them_is_a_source_of_its_own() -> None:
    claims = extract_claims(
        "Two fishermen from Leith met the council. One of them said the pier was unsafe."
    )
    said = [c for c in claims if c.cue == "said"]
    assert [(c.source, c.text) for c in said] == [("One of them", "the pier was unsafe")]
    assert said[0].source_kind is SourceKind.ANONYMOUS


def test_a_participle_after_a_noun_subject_keeps_the_whole_subject() -> None:
    claims = extract_claims(
        "The education ministry disputed the figure, saying the survey was flawed."
    )
    saying = [c for c in claims if c.cue == "saying"]
    assert [(c.source, c.text) for c in saying] == [
        ("The education ministry", "the survey was flawed")
    ]


def test_a_subject_stops_before_a_verb_that_does_not_look_like_one() -> None:
    claims = extract_claims("The president left no doubt about the vote, saying it was rigged.")
    saying = [c for c in claims if c.cue == "saying"]
    assert [(c.source, c.text) for c in saying] == [("The president", "it was rigged")]


def test_a_name_then_an_appositive_is_the_subject_of_a_colon_quote() -> None:
    claims = extract_claims(
        "Dave Marsh, a doctor in Halden, said the pills were overused. Marsh, the only "
        'doctor in the harbour town, is more blunt: "They are handed out like sweets."'
    )
    assert claims[-1].text == '"They are handed out like sweets."'
    assert claims[-1].source_mention == "Marsh, the only doctor in the harbour town"
    assert claims[-1].source_key == claims[0].source_key


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "In early November the ferry company announced that fares would rise.",
            "the ferry company",
        ),
        ("The pier shut, in a move the council said was needed for safety.", "the council"),
    ],
)
def test_an_opening_phrase_is_not_the_source_but_may_hold_it(text: str, source: str) -> None:
    claims = [c for c in extract_claims(text) if c.cue is not None]
    assert [c.source for c in claims] == [source]


def test_a_preposition_alone_is_never_a_source() -> None:
    claims = extract_claims(
        "Along with her husband, she has given to many candidates, but plans to pick one."
    )
    assert all(c.source != "Along" for c in claims)


def test_an_opening_participle_past_a_relative_clause_finds_its_subject() -> None:
    claims = extract_claims(
        "In rejecting a similar appeal, which came late, the commission said a court "
        "should settle the matter."
    )
    rejecting = [c for c in claims if c.cue == "rejecting"]
    assert [(c.source, c.text) for c in rejecting] == [("the commission", "a similar appeal")]


def test_at_least_some_people_are_a_source() -> None:
    claims = extract_claims("At least four senators claim the plan is unfair.")
    assert [c.source for c in claims] == ["At least four senators"]


def test_adding_that_with_a_plain_present_clause_is_a_claim_said() -> None:
    claims = extract_claims(
        "The mayor said the pier would stay open, adding that repairs start soon."
    )
    adding = [c for c in claims if c.cue == "adding"]
    assert [(c.text, c.kind) for c in adding] == [("repairs start soon", AttributionKind.SPEECH)]


def test_that_as_a_determiner_is_no_clause() -> None:
    claims = extract_claims("The prosecutor questioned that logic.")
    assert all(c.kind is not AttributionKind.SPEECH for c in claims)


def test_a_clause_after_the_cue_is_never_its_source() -> None:
    text = 'Ines Vold, the author of "Low Tide," said the days of one ferry are gone.'
    for c in extract_claims(text):
        assert c.source != "the days of one ferry are gone"
        assert c.text != 'Ines Vold, the author of "Low Tide,"'


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The minister never said the ferry would be sold.", "never said"),
        (
            "The minister has never publicly claimed that the ferry was sold.",
            "has never publicly claimed",
        ),
        ("The minister had not said the ferry would be sold.", "had not said"),
    ],
)
def test_a_negation_before_the_cue_stays_in_the_cue(text: str, cue: str) -> None:
    c = _only(text)
    assert c.cue == cue
    assert c.kind is AttributionKind.SPEECH


def test_a_negated_stance_keeps_its_kind() -> None:
    c = _only("The mayor never criticized the plan for the pier.")
    assert c.cue == "never criticized"
    assert c.kind is AttributionKind.BELIEF


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "The plan failed, yet harbour officials insisted the ferry was safe.",
            "harbour officials",
        ),
        ("He, once again, pledged that the ferry would run all winter.", "He"),
        (
            "But so far Canova, a lawyer, has argued that the fares are too high.",
            "Canova, a lawyer",
        ),
        ("Harbour officials, in fact, insist that the ferry is safe.", "Harbour officials"),
    ],
)
def test_an_adverb_or_an_aside_is_not_part_of_the_source(text: str, source: str) -> None:
    assert _only(text).source_mention == source


def test_a_title_with_lowercase_words_stays_whole_as_the_subject() -> None:
    claims = extract_claims(
        "Presumptive Democratic presidential nominee Ines Vold unveiled her first ad, "
        "featuring voters telling their stories and criticizing the ferry plan."
    )
    criticizing = [c for c in claims if c.cue == "criticizing"]
    assert [c.source for c in criticizing] == [
        "Presumptive Democratic presidential nominee Ines Vold"
    ]


def test_a_photo_credit_before_the_name_is_not_the_source() -> None:
    c = _only(
        "( Richard Roe / Harbour Star ) Halden accountant Ines Vold, 50, says she is "
        "happy with the results."
    )
    assert c.source_mention == "Halden accountant Ines Vold, 50"
    assert c.text == "she is happy with the results"


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("A biography published by the party said she was born in 1970.", "A biography"),
        ("Early results showed the mayor ahead in every ward.", "Early results"),
        ("An obituary in the county paper said he had served two terms.", "An obituary"),
    ],
)
def test_a_written_record_is_a_document_source(sentence: str, source: str) -> None:
    (claim,) = extract_claims(f"Vote\n\n{sentence}\n")
    assert source in claim.source
    assert claim.source_kind is SourceKind.DOCUMENT
