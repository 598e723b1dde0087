"""The status-link pass: each hint qualifies the claim it is about, or none."""

from __future__ import annotations

import pytest

from tracker.extract import ExtractedClaim, extract_claims
from tracker.vocab import ClaimStatus, SourceKind


def _claim(claims: list[ExtractedClaim], start: str) -> ExtractedClaim:
    found = [c for c in claims if c.text.startswith(start)]
    assert len(found) == 1, [c.text for c in claims]
    return found[0]


def _statuses(claims: list[ExtractedClaim]) -> dict[str, ClaimStatus]:
    return {c.text: c.status for c in claims}


def test_no_response_two_paragraphs_after_the_claim_it_names() -> None:
    text = (
        "Pellworth Freight overloaded its lorries on the coast road for most of the winter, "
        "two drivers told the Gazette.\n\n"
        "The road was resurfaced in 2019 at a cost of 4 million pounds.\n\n"
        "Transport officer Dana Keel said her team had weighed no lorries since October.\n\n"
        "Pellworth Freight did not respond to requests for comment."
    )
    claims = extract_claims(text)
    lorries = _claim(claims, "Pellworth Freight overloaded")
    assert lorries.status is ClaimStatus.NO_RESPONSE
    assert lorries.status_note is not None and "Pellworth Freight" in lorries.status_note
    # The claim just before the hint is about something else: it stays pending.
    assert _claim(claims, "her team had weighed").status is ClaimStatus.PENDING


def test_a_hint_about_someone_no_claim_names_qualifies_nothing() -> None:
    text = (
        'Councillor Ben Ashdown said the new rota was "a gamble with people\'s lives" and '
        "that the service had never been so stretched.\n\n"
        "The Eastmoor Ambulance Trust did not respond to a request for comment."
    )
    claims = extract_claims(text)
    assert claims, "the councillor's claim must be found"
    assert all(c.status is ClaimStatus.PENDING for c in claims), _statuses(claims)


def test_no_response_on_someones_remarks_goes_to_their_claim() -> None:
    text = (
        "The bridge will reopen in May, the county council said on Monday.\n\n"
        "Engineer Owen Platt said the repairs had not been tested under full load.\n\n"
        "The council did not respond to a request for comment on Platt's remarks."
    )
    claims = extract_claims(text)
    assert _claim(claims, "the repairs had not").status is ClaimStatus.NO_RESPONSE
    assert _claim(claims, "The bridge will reopen").status is ClaimStatus.PENDING


def test_no_response_about_a_topic_goes_to_the_claim_on_that_topic() -> None:
    text = (
        "Harlow Mining paid 2 million dollars to settle a pollution case in 2021, a former "
        "executive told the Ledger.\n\n"
        "Harlow Mining said its new smelter would open next year.\n\n"
        "The mayor said the town had welcomed the investment.\n\n"
        "A lawyer for Harlow Mining declined to comment on the settlement."
    )
    claims = extract_claims(text)
    assert _claim(claims, "Harlow Mining paid").status is ClaimStatus.NO_RESPONSE
    assert _claim(claims, "its new smelter").status is ClaimStatus.PENDING
    assert _claim(claims, "the town had welcomed").status is ClaimStatus.PENDING


def test_a_denied_report_is_disputed_and_the_denial_is_a_claim() -> None:
    text = (
        "Tarrow Bank is preparing to cut 600 jobs in its branch network, the Evening Mercury "
        "reported on Friday.\n\n"
        "Union official Kay Brandt said staff had heard nothing from managers.\n\n"
        "Tarrow Bank denied the report, saying that no decision on branch staffing had been "
        "made."
    )
    claims = extract_claims(text)
    cut = _claim(claims, "Tarrow Bank is preparing")
    assert cut.status is ClaimStatus.DISPUTED
    assert cut.status_note is not None and "denied the report" in cut.status_note
    assert _claim(claims, "staff had heard nothing").status is ClaimStatus.PENDING
    denial = _claim(claims, "no decision on branch staffing")
    assert denial.source == "Tarrow Bank"
    assert denial.status is ClaimStatus.PENDING


def test_a_denial_of_allegations_goes_to_the_claim_that_names_the_denier() -> None:
    text = (
        "Two former players said the academy director had withheld their wages for months.\n\n"
        "The club said it had paid every player on time.\n\n"
        "The academy director, Ivo Marek, denies the allegations."
    )
    claims = extract_claims(text)
    assert _claim(claims, "the academy director had withheld").status is ClaimStatus.DISPUTED
    assert _claim(claims, "it had paid every player").status is ClaimStatus.PENDING


def test_could_not_be_verified_inside_the_sentence_is_cut_from_the_claim() -> None:
    text = (
        "Rebel commanders said 30 soldiers were captured near the dam on Friday, a claim that "
        "could not be independently verified."
    )
    (claim,) = extract_claims(text)
    assert claim.status is ClaimStatus.UNCLEAR
    assert claim.text == "30 soldiers were captured near the dam on Friday"
    assert claim.status_note is not None and "independently verified" in claim.status_note


def test_could_not_independently_verify_with_the_outlet_named() -> None:
    text = (
        "The Kessel Group said its drones had struck two radar sites, a claim the Daily "
        "Courier could not independently verify."
    )
    (claim,) = extract_claims(text)
    assert claim.status is ClaimStatus.UNCLEAR
    assert claim.text == "its drones had struck two radar sites"


def test_without_providing_evidence_qualifies_and_leaves_the_claim() -> None:
    text = (
        "The mayor said on Saturday that the depot had been sold abroad, without providing "
        "evidence."
    )
    (claim,) = extract_claims(text)
    assert claim.status is ClaimStatus.UNCLEAR
    assert claim.text == "the depot had been sold abroad"
    assert claim.status_note == "without providing evidence"


def test_a_later_sentence_that_the_source_did_not_say_is_no_claim_of_its_own() -> None:
    text = (
        "A spokesman for the militia, Omar Resh, said the group would hold the pass.\n\n"
        "Resh did not say how many fighters were involved."
    )
    claims = extract_claims(text)
    assert [c.text for c in claims] == ["the group would hold the pass"]
    assert claims[0].status is ClaimStatus.UNCLEAR


def test_it_was_not_clear_about_something_else_qualifies_nothing() -> None:
    text = (
        "Shop owner Rita Vance said she had been asked for protection money twice. "
        "It was not clear whether any arrests had been made."
    )
    (claim,) = extract_claims(text)
    assert claim.status is ClaimStatus.PENDING


def test_it_was_not_clear_about_the_claim_qualifies_it() -> None:
    text = (
        "The minister said the toll would be dropped in June. "
        "It was not clear whether the cabinet had approved the change."
    )
    (claim,) = extract_claims(text)
    assert claim.status is ClaimStatus.UNCLEAR


def test_unable_to_verify_qualifies_the_claim_before() -> None:
    text = (
        "A nurse at the clinic said three patients had died after the power cut. The Herald "
        "was unable to verify the account."
    )
    (claim,) = extract_claims(text)
    assert claim.status is ClaimStatus.UNCLEAR


def test_dismissed_criticism_disputes_the_critic_not_the_lead() -> None:
    text = (
        "The council sold the old library to a developer for 1.2 million pounds, according to "
        "papers seen by the Post.\n\n"
        'Opposition councillor Rhys Carden said the price had been "agreed over dinner".\n\n'
        "Council leader Mina Hart dismissed the criticism, saying the sale followed an "
        "independent valuation."
    )
    claims = extract_claims(text)
    assert _claim(claims, "the price had been").status is ClaimStatus.DISPUTED
    assert _claim(claims, "The council sold").status is ClaimStatus.PENDING


def test_it_was_unclear_reaches_back_to_the_claim_it_is_about() -> None:
    text = (
        "A landslide near Oxley buried three cars and injured nine people on Monday, the fire "
        "service said.\n\n"
        "The road's owner said the slope had been inspected in the spring.\n\n"
        "It was unclear how many of the injured were still in hospital."
    )
    claims = extract_claims(text)
    assert _claim(claims, "A landslide near Oxley").status is ClaimStatus.UNCLEAR
    assert _claim(claims, "the slope had been").status is ClaimStatus.PENDING


def test_it_did_not_say_after_a_claim_is_no_claim_of_its_own() -> None:
    text = "Orbis Freight said it had hired 40 drivers. It did not say how many had since left."
    claims = extract_claims(text)
    assert [c.text for c in claims] == ["it had hired 40 drivers"]
    assert claims[0].status is ClaimStatus.UNCLEAR


def test_a_report_called_false_is_disputed_by_a_denial_in_speech() -> None:
    text = (
        "Harbour Freight overcharged the port by 2 million pounds last year, the Daily Post "
        "reported on Friday.\n\n"
        "Harbour Freight said the report was false."
    )
    claims = extract_claims(text)
    overcharge = _claim(claims, "Harbour Freight overcharged")
    assert overcharge.status is ClaimStatus.DISPUTED
    assert overcharge.status_note is not None and "the report was false" in overcharge.status_note
    assert _claim(claims, "the report was false").status is ClaimStatus.PENDING


def test_a_figure_called_baseless_in_the_same_sentence() -> None:
    text = "Grain traders said stocks had fallen by a third, a figure the ministry called baseless."
    claims = extract_claims(text)
    assert [c.text for c in claims] == ["stocks had fallen by a third"]
    assert claims[0].status is ClaimStatus.DISPUTED


@pytest.mark.parametrize(
    "hint",
    [
        "Coastal Haulage did not comment.",
        "Coastal Haulage had no comment.",
        "Coastal Haulage was not immediately available for comment.",
    ],
)
def test_more_ways_of_not_responding(hint: str) -> None:
    text = f"Coastal Haulage dumped waste oil in the estuary, two crew members said. {hint}"
    claims = extract_claims(text)
    assert _claim(claims, "Coastal Haulage dumped").status is ClaimStatus.NO_RESPONSE


def test_offered_no_evidence_qualifies_the_claim_of_its_sentence() -> None:
    text = "The minister said the strike had been organised abroad, but offered no evidence."
    (claim,) = extract_claims(text)
    assert claim.status is ClaimStatus.UNCLEAR
    assert claim.text == "the strike had been organised abroad"


def test_asked_about_someones_remarks_points_to_their_claim() -> None:
    text = (
        "The pier reopened on Saturday after a 2 million pound repair, the harbour board "
        "said.\n\n"
        '"I would not let my children walk on it," said diver Ola Berg, who inspected the '
        "piles.\n\n"
        "The harbour board did not respond when asked about Berg's remarks."
    )
    claims = extract_claims(text)
    assert _claim(claims, '"I would not let').status is ClaimStatus.NO_RESPONSE
    assert _claim(claims, "The pier reopened").status is ClaimStatus.PENDING
    assert not [c for c in claims if c.text.startswith("Berg's remarks")]


def test_a_comment_on_the_statement_of_a_source_named_by_its_role() -> None:
    text = (
        "The ferry's builder, Sund Yards, said every weld had passed inspection.\n\n"
        "Skipper Jo Lind said the hull had leaked since May.\n\n"
        "The ferry company did not respond to a request for comment on the builder's "
        "statement."
    )
    claims = extract_claims(text)
    assert _claim(claims, "every weld had passed").status is ClaimStatus.NO_RESPONSE
    assert _claim(claims, "the hull had leaked").status is ClaimStatus.PENDING


def test_a_source_named_in_what_could_not_be_verified() -> None:
    text = (
        "Poison from the Falk smelter has killed sheep on three farms, the farmers' union "
        "said.\n\n"
        "Falk Metals said the deaths were caused by drought.\n\n"
        "The union's figures could not be independently verified."
    )
    claims = extract_claims(text)
    assert _claim(claims, "Poison from the Falk").status is ClaimStatus.UNCLEAR
    assert _claim(claims, "the deaths were caused").status is ClaimStatus.PENDING


def test_not_immediately_clear_about_the_claim_before() -> None:
    text = (
        "The council leader said the sale had been approved by a committee.\n\n"
        "It was not immediately clear whether the committee had seen a valuation."
    )
    claims = extract_claims(text)
    assert _claim(claims, "the sale had been approved").status is ClaimStatus.UNCLEAR


def test_a_denial_in_a_participle_disputes_the_report_not_its_own_sentence() -> None:
    text = (
        "Two envoys met rebel leaders in Qamar last week, the Gulf Times reported on Monday.\n\n"
        "The envoys never left the capital, a ministry spokesman said, denying the report."
    )
    claims = extract_claims(text)
    assert _claim(claims, "Two envoys met").status is ClaimStatus.DISPUTED
    assert _claim(claims, "The envoys never left").status is ClaimStatus.PENDING


def test_has_not_verified_their_account() -> None:
    text = (
        "The lorry had been loaded in Tarsk, two drivers said. The Courier has not verified "
        "their account."
    )
    (claim,) = extract_claims(text)
    assert claim.status is ClaimStatus.UNCLEAR


def test_comment_on_someones_allegations_reaches_their_first_claim() -> None:
    text = (
        "Managers at the Vale clinic altered 90 patient records, a nurse at the clinic told "
        "the Post.\n\n"
        "The nurse said staff had been told to delete the old entries.\n\n"
        "The clinic's director refused to comment on the nurse's allegations."
    )
    claims = extract_claims(text)
    assert _claim(claims, "Managers at the Vale").status is ClaimStatus.NO_RESPONSE
    assert _claim(claims, "staff had been told").status is ClaimStatus.PENDING


def test_a_council_denying_a_report_of_its_leaked_budget() -> None:
    text = (
        "Budget\n\n"
        "The harbour will close three piers next year, according to a leaked council budget. "
        "The council denied the report."
    )
    claims = extract_claims(text)
    piers = _claim(claims, "The harbour will close")
    assert piers.status is ClaimStatus.DISPUTED
    assert piers.status_note is not None and "The council denied the report" in piers.status_note
    # The denial is the council's own, not the budget document's.
    denial = [c for c in claims if c.cue == "denied"]
    assert len(denial) == 1
    assert denial[0].source_key != piers.source_key
    assert denial[0].source_kind is SourceKind.ORGANIZATION
    assert denial[0].status is ClaimStatus.PENDING


def test_her_office_did_not_comment_qualifies_the_claim_about_her() -> None:
    text = (
        "Investigators are looking into whether Senator Ruth Alvarez paid for family holidays "
        "with campaign money, two officials with knowledge of the inquiry said.\n\n"
        'The opposition leader, Daniel Moss, said the allegations were "deeply troubling".\n\n'
        "Alvarez has said she followed every rule. Her office did not comment on Friday."
    )
    claims = extract_claims(text)
    holidays = _claim(claims, "Investigators are looking")
    assert holidays.status is ClaimStatus.NO_RESPONSE
    assert holidays.status_note == "Her office did not comment on Friday"
    assert _claim(claims, "the allegations were").status is ClaimStatus.PENDING
    assert _claim(claims, "she followed every rule").status is ClaimStatus.PENDING


def test_his_spokesman_means_the_man_named_not_the_woman_quoted_last() -> None:
    text = (
        "Councillor Tom Reyes voted to approve a supermarket on land owned by his "
        "brother-in-law, minutes of the planning meeting show.\n\n"
        'Resident Anna Berg said the vote should be rerun. "People deserve to know who '
        'gains," she said.\n\n'
        "His spokesman did not respond to a request for comment."
    )
    claims = extract_claims(text)
    vote = _claim(claims, "Councillor Tom Reyes voted")
    assert vote.status is ClaimStatus.NO_RESPONSE
    assert vote.status_note == "His spokesman did not respond to a request for comment"
    assert _claim(claims, "the vote should be rerun").status is ClaimStatus.PENDING
    assert _claim(claims, '"People deserve').status is ClaimStatus.PENDING


def test_his_lawyer_with_no_claim_about_him_qualifies_his_own_claim() -> None:
    text = (
        "The Harbour Board will sell two tugs this year, the board said.\n\n"
        "Pilot Aron Vik said he had been told the tugs were unsafe in 2021.\n\n"
        "Resident Mia Holt said the sale was overdue.\n\n"
        "His lawyer declined to comment."
    )
    claims = extract_claims(text)
    assert _claim(claims, "he had been told").status is ClaimStatus.NO_RESPONSE
    assert _claim(claims, "The Harbour Board will").status is ClaimStatus.PENDING
    assert _claim(claims, "the sale was overdue").status is ClaimStatus.PENDING


def test_her_office_with_no_woman_named_qualifies_nothing() -> None:
    text = (
        "The ferry fare will rise by 12 percent in April, the operator said.\n\n"
        "Passenger group Tide Watch said the rise was unjustified.\n\n"
        "Her office did not respond to a request for comment."
    )
    claims = extract_claims(text)
    assert claims
    assert all(c.status is ClaimStatus.PENDING for c in claims), _statuses(claims)


@pytest.mark.parametrize(
    "sentence",
    [
        "The court denied the appeal on Monday.",
        "The council rejected the union's offer.",
        "Ministers rejected the plan in March.",
    ],
)
def test_rejecting_an_appeal_or_an_offer_disputes_no_claim(sentence: str) -> None:
    text = (
        "The port handled 2 million containers last year, its operator Brixham Docks said.\n\n"
        + sentence
    )
    claims = extract_claims(text)
    assert _claim(claims, "The port handled").status is ClaimStatus.PENDING


@pytest.mark.parametrize(
    ("follow", "status"),
    [
        ("The account could not immediately be verified.", ClaimStatus.UNCLEAR),
        ("It was impossible to independently verify the account.", ClaimStatus.UNCLEAR),
        ("There was no independent confirmation of the account.", ClaimStatus.UNCLEAR),
        ("Calls to the Rasmark ministry went unanswered.", ClaimStatus.NO_RESPONSE),
        (
            "The Rasmark ministry declined repeated requests for an interview.",
            ClaimStatus.NO_RESPONSE,
        ),
    ],
)
def test_more_wordings_of_a_hint(follow: str, status: ClaimStatus) -> None:
    text = (
        "Soldiers from Rasmark crossed the river at Tolva on Sunday night, a village elder "
        "told the Courier.\n\n" + follow
    )
    claims = extract_claims(text)
    soldiers = _claim(claims, "Soldiers from Rasmark")
    assert soldiers.status is status
    assert soldiers.status_note is not None and soldiers.status_note in follow


@pytest.mark.parametrize(
    "tail", ["offering no evidence", "without presenting evidence", "without showing any proof"]
)
def test_more_wordings_of_no_evidence(tail: str) -> None:
    text = f"The mine's owners paid the inspectors, the union said on Tuesday, {tail}."
    claims = extract_claims(text)
    paid = _claim(claims, "The mine's owners paid")
    assert paid.status is ClaimStatus.UNCLEAR
    assert tail not in paid.text


def test_no_evidence_three_paragraphs_after_any_claim_qualifies_nothing() -> None:
    text = (
        "The canal will close for repairs in June, the waterways board said.\n\n"
        "The canal was built in 1820.\n\n"
        "It carries about 3,000 boats a year.\n\n"
        "He gave no evidence."
    )
    claims = extract_claims(text)
    assert _claim(claims, "The canal will close").status is ClaimStatus.PENDING


def test_denying_a_sources_claim_disputes_that_sources_claim() -> None:
    text = (
        "Tarrow Bank plans to close 40 of its 160 branches next year, the bank workers' union "
        "said on Monday.\n\n"
        "An audit published last month found the bank's branch network lost 30 million euros "
        "in 2023.\n\n"
        "The bank denied the union's claim."
    )
    claims = extract_claims(text)
    branches = _claim(claims, "Tarrow Bank plans")
    assert branches.status is ClaimStatus.DISPUTED
    assert _claim(claims, "the bank's branch network").status is ClaimStatus.PENDING
    # "The bank" is not "the bank workers' union".
    (denial,) = [c for c in claims if c.cue == "denied"]
    assert denial.source_key != branches.source_key


def test_a_lawyer_calling_the_report_malicious_and_untrue_disputes_it() -> None:
    text = (
        "Justice Minister Olav Dahl resigned because of an affair with an aide, the tabloid "
        "Ekspress reported on Friday.\n\n"
        "Dahl said on Thursday that he was stepping down for family reasons.\n\n"
        'His lawyer called the report "malicious and untrue".'
    )
    claims = extract_claims(text)
    assert _claim(claims, "Justice Minister Olav Dahl").status is ClaimStatus.DISPUTED
    assert _claim(claims, "he was stepping down").status is ClaimStatus.PENDING


def test_denied_doing_something_disputes_the_claim_about_it_not_the_one_before() -> None:
    text = (
        "Medora Pharma kept quiet about liver damage seen in two trials of its arthritis drug, "
        "a former company scientist told the Weekly.\n\n"
        "Medora said the drug was safe. The company denied hiding any trial results."
    )
    claims = extract_claims(text)
    assert _claim(claims, "Medora Pharma kept quiet").status is ClaimStatus.DISPUTED
    assert _claim(claims, "the drug was safe").status is ClaimStatus.PENDING


def test_questions_about_his_figure_go_to_the_figure_he_gave() -> None:
    text = (
        "The march in Marlow on Saturday was peaceful, police chief Ana Ruiz said.\n\n"
        "Organiser Leo Dunn said at least 12 people were injured. The police did not respond "
        "to questions about his figure."
    )
    claims = extract_claims(text)
    assert _claim(claims, "at least 12 people").status is ClaimStatus.NO_RESPONSE
    assert _claim(claims, "The march in Marlow").status is ClaimStatus.PENDING


def test_unable_to_confirm_his_death_goes_to_the_claim_about_him() -> None:
    text = (
        "The army killed rebel commander Idris Mahal in an air strike on Monday, a military "
        "spokesman said.\n\n"
        "Mahal has led the eastern rebellion since 2019, and his fighters hold three towns. "
        "Northsea Wire was unable to confirm his death."
    )
    claims = extract_claims(text)
    assert _claim(claims, "The army killed").status is ClaimStatus.UNCLEAR
    assert all(c.status is ClaimStatus.PENDING for c in claims if c.text.startswith("Mahal has"))


@pytest.mark.parametrize(
    ("follow", "status"),
    [
        ("Kessler Mining has not publicly responded to the report.", ClaimStatus.NO_RESPONSE),
        ("No one at Kessler Mining was available to comment.", ClaimStatus.NO_RESPONSE),
        ("The source of the spill could not be established.", ClaimStatus.UNCLEAR),
    ],
)
def test_still_more_wordings_of_a_hint(follow: str, status: ClaimStatus) -> None:
    text = (
        "Kessler Mining let cyanide into the Orla river in June, a report by the river "
        "authority said.\n\n" + follow
    )
    claims = extract_claims(text)
    assert _claim(claims, "Kessler Mining let").status is status


@pytest.mark.parametrize(
    "hint", ["The company did not respond to requests for comment.", "The firm denied wrongdoing."]
)
def test_the_company_means_the_business_the_story_leads_with(hint: str) -> None:
    text = (
        "Brodway Bakeries paid dozens of shop staff below the minimum wage last year, five "
        "employees told the Echo.\n\n"
        "The retail workers' union said the company had ignored its warnings since January.\n\n"
        + hint
    )
    claims = extract_claims(text)
    assert _claim(claims, "Brodway Bakeries paid").status is not ClaimStatus.PENDING
    assert _claim(claims, "the company had ignored").status is ClaimStatus.PENDING


def test_the_company_is_not_a_person_the_story_leads_with() -> None:
    text = (
        "Councillor Tom Reyes voted for the plan on land owned by his family, two residents "
        "said.\n\n"
        "The union said the company had paid for the survey.\n\n"
        "The company did not respond to requests for comment."
    )
    claims = extract_claims(text)
    assert _claim(claims, "Councillor Tom Reyes").status is ClaimStatus.PENDING
    assert _claim(claims, "the company had paid").status is ClaimStatus.NO_RESPONSE


def test_she_declined_means_the_woman_the_story_named_not_the_last_speaker() -> None:
    text = (
        "Investigators are looking into whether Senator Ruth Alvarez paid for family holidays "
        "with campaign money, two officials said. Alvarez has said she did nothing wrong.\n\n"
        "Opposition leader Daniel Moss said the case showed the need for tighter rules.\n\n"
        "She declined to comment on Friday."
    )
    claims = extract_claims(text)
    assert _claim(claims, "Investigators are looking").status is ClaimStatus.NO_RESPONSE
    assert _claim(claims, "the case showed").status is ClaimStatus.PENDING


def test_he_declined_with_no_man_the_story_told_of_keeps_the_claim_just_before() -> None:
    text = (
        "The depot will close in May, the operator said.\n\n"
        "Driver Sam Ode said 40 jobs would go. He declined to comment further."
    )
    claims = extract_claims(text)
    assert _claim(claims, "40 jobs would go").status is ClaimStatus.NO_RESPONSE
    assert _claim(claims, "The depot will close").status is ClaimStatus.PENDING


def test_she_did_not_provide_evidence_is_no_claim_and_qualifies_hers() -> None:
    text = (
        "Council candidate Eva Lunde said on Monday that the waste contract had been promised "
        "to a donor's firm. She did not provide evidence.\n\n"
        "The council said the contract would be tendered in the usual way."
    )
    claims = extract_claims(text)
    assert not [c for c in claims if "provide evidence" in c.text]
    contract = _claim(claims, "the waste contract")
    assert contract.status is ClaimStatus.UNCLEAR
    assert contract.status_note == "did not provide evidence"
    assert _claim(claims, "the contract would be").status is ClaimStatus.PENDING


def test_an_accusation_called_a_desperate_lie_is_disputed() -> None:
    text = (
        "The port's night shift was cancelled to cut costs, a dock worker told the Ledger.\n\n"
        'Harbour master Ida Voss called the accusation "a cynical lie".'
    )
    claims = extract_claims(text)
    night = _claim(claims, "The port's night shift")
    assert night.status is ClaimStatus.DISPUTED
    assert night.status_note is not None and "cynical lie" in night.status_note


@pytest.mark.parametrize(
    "sentence",
    [
        "Republicans rejected his attempts to add a waiver, the senator said.",
        "Advisers said she had rejected the idea of a farewell tour.",
        "Goalkeeper Per Lund denied the Rovers on three clear chances.",
        "In rejecting a similar challenge last year, the court said the rules were clear.",
    ],
)
def test_rejecting_what_is_no_claim_disputes_nothing(sentence: str) -> None:
    text = "Turnout reached 71 percent on Sunday, the election board said.\n\n" + sentence
    claims = extract_claims(text)
    assert _claim(claims, "Turnout reached").status is ClaimStatus.PENDING


def test_without_identifying_is_cut_from_the_claim_with_no_comma_before_it() -> None:
    text = "The agency paid a 300-million-dollar claim without identifying the customer, it said."
    claims = extract_claims(text)
    paid = _claim(claims, "The agency paid")
    assert paid.status is ClaimStatus.UNCLEAR
    assert "identifying" not in paid.text


def test_it_is_unclear_inside_a_speakers_own_sentence_is_theirs() -> None:
    text = (
        "The panel will meet in May, the party said.\n\n"
        "While it is unclear how members are chosen, the panel is unlikely to be packed, "
        "organiser Margit Hale said."
    )
    claims = extract_claims(text)
    assert all(c.status is ClaimStatus.PENDING for c in claims), _statuses(claims)


def test_a_denial_far_down_a_story_with_no_claim_it_names_qualifies_nothing() -> None:
    paras = [
        "The ferry company will cut 200 jobs next year, the union said.",
        "The company runs 14 routes.",
        "Its ships carried 3 million passengers in 2023.",
        "Fuel costs rose by a third last year.",
        "Porter left the board in March.",
        "Mr. Porter denied any part in the decision.",
    ]
    claims = extract_claims("\n\n".join(paras))
    assert _claim(claims, "The ferry company will cut").status is ClaimStatus.PENDING


def test_no_details_from_someone_with_no_claim_near_qualifies_nothing() -> None:
    text = (
        "Fuel prices rose 8 percent in May, the agency said. Voters see fuel as their top "
        "concern, a poll found.\n\n"
        "The retired surgeon has provided no details about how he would cut prices."
    )
    claims = extract_claims(text)
    assert all(c.status is ClaimStatus.PENDING for c in claims), _statuses(claims)


def test_the_minister_gave_no_evidence_for_the_ministers_claim() -> None:
    text = (
        "Fisheries Minister Ola Berg said foreign trawlers had taken 40 percent of the cod "
        "quota.\n\nThe minister did not provide evidence."
    )
    claims = extract_claims(text)
    assert _claim(claims, "foreign trawlers").status is ClaimStatus.UNCLEAR
