"""Attribution kinds: what a cue reports (speech, a belief, an intention or a finding).

``kind_of_cue`` reads the kind off the cue's verb, with the source's kind where the verb
alone cannot tell ("the study suggests" is a finding, "the mayor suggested" speech). The
word lists live in ``lexicon``.
"""

from __future__ import annotations

import re

from tracker.extract.lexicon import (
    BELIEF_CUES,
    CUE_WORDS,
    DOCUMENT_FINDING_CUES,
    EVALUATION_CUES,
    FINDING_CUES,
    FINDING_SOURCES,
    INTENTION_CUES,
    REFUSAL_CUES,
)
from tracker.extract.propositions import is_proposition
from tracker.vocab import AttributionKind, SourceKind

_KNOWN_CUES = frozenset(w.lower() for w in CUE_WORDS) | frozenset({"according to"})
# A negation kept in the cue ("never said", "has not claimed", "did not say"): the verb
# after it tells the kind.
_NEGATION = re.compile(
    r"^(?:(?:has|have|had|did|does|do|would|will|could)(?:\s+not|n't|n’t)?\s+)?"
    r"(?:never\s+|not\s+)?(?:(?:publicly|once|ever|yet)\s+)?"
)
_WORD = re.compile(r"[a-z]+(?:\s+(?:to|for|on|out|of|about|against|at|with|clear))?")


def kind_of_cue(cue: str | None, source_kind: SourceKind | None = None) -> AttributionKind:
    """The attribution kind of a cue ("told reporters" -> speech, "plans" -> intention);
    ``unknown`` when the cue is no reporting verb we know (or there is none)."""
    if not cue:
        return AttributionKind.UNKNOWN
    low = _NEGATION.sub("", " ".join(cue.lower().split()))  # "never said": said
    m = _WORD.match(low)
    if m is None:
        return AttributionKind.UNKNOWN
    phrase = m.group()
    word = phrase.split()[0]
    for form in (phrase, word):
        if form in INTENTION_CUES:
            return AttributionKind.INTENTION
        if form in FINDING_CUES:
            return AttributionKind.FINDING
        if source_kind is SourceKind.DOCUMENT and form in DOCUMENT_FINDING_CUES:
            return AttributionKind.FINDING
        if form in BELIEF_CUES:
            return AttributionKind.BELIEF
    if low.startswith("according to") or phrase in _KNOWN_CUES or word in _KNOWN_CUES:
        return AttributionKind.SPEECH
    return AttributionKind.UNKNOWN


_SOURCE_HEAD = re.compile(r"[^,;(]*?(?=\s+(?:of|by|from|for|on|in|released|published)\b|[,;(]|$)")


# "to resign", "the city to pay": an infinitive, with at most a short object before it.
_INFINITIVE = re.compile(r"(?:[\w'’.-]+\s+){0,4}?to\s+[a-z]+")


def finding_source(source: str | None) -> bool:
    """Whether a source is a document of record ("the report", "city documents", "a
    survey of clubs by the Gazette")."""
    if not source:
        return False
    head = _SOURCE_HEAD.match(source.lower())
    words = (head.group() if head is not None else source.lower()).split()
    return bool(words) and words[-1].strip(".'’") in FINDING_SOURCES


# Verbs of saying whose object is a clause even when no verb of it is easy to see ("said the
# laws favour owners"); a noun phrase after any other reporting verb reports no words.
_CLAUSE_CUES = frozenset("said says say saying told tells tell telling".split())
# Verbs whose noun-phrase object still stands for a statement: a denial, an admission, an
# accusation or a report of a figure says something ("denied the report" is a claim that the
# report is false; "reported a 22 percent fall" states the fall).
_STATEMENT_OBJECT_CUES = frozenset(
    """denied denies deny denying acknowledged acknowledges acknowledging admitted admits
    admitting accused accuses accusing reported reports reporting confirmed confirms
    confirming""".split()
)
_QUOTED = re.compile('[“"”]')
_ABOUT = re.compile(r"\s*(?:about|regarding|concerning)\s", re.IGNORECASE)
# Verbs of advice that report words with an object and an infinitive ("advised people never
# to use", "reminded customers to check").
_ADVICE_CUES = frozenset(
    "advised advises advising reminded reminds reminding warned warns warning cautioned "
    "cautions instructed instructs encouraged encourages told tells urged urges urging urge".split()
)


def _reports_no_words(cue: str, word: str, content: str) -> bool:
    """Whether a speech cue with this content after it reports a stance or a topic, not
    words said: its object is a bare noun phrase ("cited privacy concerns", "denied the
    allegations", "talked about his past"), with no quotation and no infinitive in it."""
    if cue.startswith("according to") or _QUOTED.search(content):
        return False
    if _ABOUT.match(content) is not None:
        return True  # "told reporters about the fire", "complained about the noise"
    if word in _CLAUSE_CUES or word in _STATEMENT_OBJECT_CUES:
        return False
    if word in _ADVICE_CUES and _INFINITIVE.match(content.lstrip()) is not None:
        return False
    return not is_proposition(content)


def kind_of_claim(
    cue: str | None,
    source_kind: SourceKind | None,
    content: str,
    content_first: bool = False,
    source: str | None = None,
) -> AttributionKind:
    """The attribution kind of a claim: its cue's kind, except that a report, a survey or
    data speaking is a ``finding``, a verb of evaluation or demand with a noun phrase
    after it ("criticized the plan", "called for a ceasefire") reports a stance, an
    attitude (``belief``), and a refusal or an order with an infinitive ("refused to
    resign", "ordered the city to pay") an ``intention``, not words said."""
    kind = kind_of_cue(cue, source_kind)
    if kind is AttributionKind.SPEECH and finding_source(source):
        return AttributionKind.FINDING
    if kind is AttributionKind.SPEECH and cue and not content_first:
        low = _NEGATION.sub("", " ".join(cue.lower().split())) or cue.lower()
        phrase = " ".join(low.split()[:2])
        word = low.split()[0]
        advice = word in _ADVICE_CUES and _INFINITIVE.match(content.lstrip()) is not None
        evaluation = phrase in EVALUATION_CUES or word in EVALUATION_CUES
        if evaluation and not advice and not is_proposition(content):
            return AttributionKind.BELIEF
        if word in REFUSAL_CUES and _INFINITIVE.match(content) is not None:
            return AttributionKind.INTENTION
        if _reports_no_words(low, word, content):
            return AttributionKind.BELIEF
    return kind
