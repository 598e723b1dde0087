"""Check-worthiness: how much a statement gives a fact-checker to check.

The score is a sum of visible features, so a reviewer can be told why a claim ranks high:
numbers (amounts, counts, percentages), dates and times, and names of people, places or
organisations. Questions and very short fragments rank low.
"""

from __future__ import annotations

import re

from tracker.extract.wordscan import word_pattern

_DIGIT = re.compile(r"[\d%]")
_NUMBER_WORD = word_pattern(
    (
        "one two three four five six seven eight nine ten eleven twelve twenty thirty forty "
        "fifty hundred hundreds thousand thousands million millions billion billions trillion "
        "percent half dozen dozens double twice triple majority"
    ).split(),
)
_DATE = word_pattern(
    (
        "January February March April May June July August September October November "
        "December Monday Tuesday Wednesday Thursday Friday Saturday Sunday yesterday today "
        "tomorrow tonight"
    ).split()
    + [
        "Jan.",
        "Feb.",
        "Aug.",
        "Sept.",
        "Sep.",
        "Oct.",
        "Nov.",
        "Dec.",
        "last week",
        "last month",
        "last year",
        "next week",
        "next month",
        "next year",
    ]
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# A capitalised word that is not the first word of the statement.
# Not "The", "A" or "An", which open sentences and titles rather than name anything.
_NAME = re.compile(r"[A-Z](?<=[\s(“\"'‘-][A-Z])(?!(?:he|n)?\b)[A-Za-z]+")


def check_worthiness(content: str, *, attributed: bool) -> tuple[float, tuple[str, ...]]:
    """Score a claim's content 0..1 and say which features raised or lowered it."""
    score = 0.2
    why: list[str] = []
    has_digit = _DIGIT.search(content) is not None
    if has_digit or _NUMBER_WORD.search(content.lower()):
        score += 0.3
        why.append("number")
    if _DATE.search(content) or (has_digit and _YEAR.search(content)):
        score += 0.2
        why.append("date")
    if _NAME.search(content) is not None:
        score += 0.2
        why.append("name")
    if attributed:
        score += 0.1
        why.append("attributed")
    if content.rstrip("”\"’' ").endswith("?"):
        score -= 0.2
        why.append("question")
    if content.count(" ") < 3:
        score -= 0.1
        why.append("short")
    return round(min(1.0, max(0.0, score)), 2), tuple(why)


def could_be_worth(content: str, threshold: float) -> bool:
    """A quick bound: whether ``content`` could score ``threshold`` as the story's own
    statement, judged from numbers and dates alone (a name adds at most 0.2)."""
    bound = 0.2 + 0.2  # base and a name
    if _DIGIT.search(content) or _NUMBER_WORD.search(content.lower()):
        bound += 0.3
    if bound < threshold and _DATE.search(content):
        bound += 0.2
    return round(bound, 2) >= threshold  # as check_worthiness rounds its score
