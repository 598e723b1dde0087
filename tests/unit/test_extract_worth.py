"""Check-worthiness on its own: each feature raises or lowers the score and is named."""

from __future__ import annotations

import pytest

from tracker.extract.worth import check_worthiness, could_be_worth


@pytest.mark.parametrize(
    ("content", "feature"),
    [
        ("the port handled 40% more freight", "number"),
        ("the port handled twice as much freight", "number"),
        ("the port reopened on Tuesday after repairs", "date"),
        ("the port reopened in 2019 after repairs", "date"),
        ("the port at Halden reopened after repairs", "name"),
    ],
)
def test_each_feature_adds_to_the_score_and_is_named(content: str, feature: str) -> None:
    plain, why_plain = check_worthiness(
        "the port reopened after the long repairs", attributed=False
    )
    score, why = check_worthiness(content, attributed=False)
    assert feature in why and feature not in why_plain
    assert score > plain


def test_attribution_adds_and_questions_and_fragments_take_away() -> None:
    base, _ = check_worthiness("the port reopened after the long repairs", attributed=False)
    said, why = check_worthiness("the port reopened after the long repairs", attributed=True)
    assert said > base and "attributed" in why
    asked, why = check_worthiness("did the port reopen after the repairs?", attributed=False)
    assert asked < base and "question" in why
    short, why = check_worthiness("port reopened", attributed=False)
    assert short < base and "short" in why


def test_the_score_stays_between_zero_and_one() -> None:
    rich = "On Monday 12 March 2024, Halden's port handled 40% more, 3 million tonnes"
    assert check_worthiness(rich, attributed=True)[0] == 1.0
    assert check_worthiness("ok?", attributed=False)[0] >= 0.0


@pytest.mark.parametrize(
    "content",
    [
        "the port reopened after the long repairs",
        "the port handled 40% more freight",
        "the port reopened on Tuesday",
        "Halden's port reopened on Tuesday with 3 new cranes",
    ],
)
@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.6, 0.7, 0.9])
def test_the_quick_bound_never_drops_a_statement_that_scores_enough(
    content: str, threshold: float
) -> None:
    score, _ = check_worthiness(content, attributed=False)
    if score >= threshold:
        assert could_be_worth(content, threshold)
