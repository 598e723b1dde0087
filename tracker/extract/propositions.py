"""Whether what follows a cue is something said: a proposition (a clause or a quotation),
not a bare noun phrase, a prepositional phrase or a time ("DeBoer added yet another goal",
"San Jose replied 17 seconds later", "agreed with the approach")."""

from __future__ import annotations

import re

from tracker.extract.lexicon import NON_SPEECH_OBJECT_CUES, QUESTION_WORDS

_QUOTE_OPEN = "“\"«'‘"
_AUX = (
    r"has|have|had|is|are|was|were|will|would|could|should|can|may|might|must|do|does|did|"
    r"be|been|am|cannot|isn['’]t|aren['’]t|wasn['’]t|weren['’]t|won['’]t|don['’]t|doesn['’]t|"
    r"didn['’]t|can['’]t|couldn['’]t|wouldn['’]t|shouldn['’]t|hasn['’]t|haven['’]t|hadn['’]t"
)
# "they're", "she'll", "it's": a contraction with a verb in it. "'s" after a name or a noun
# is a possessive ("Canada's logic"), a verb only after a pronoun or "there"/"that"/"what".
_CONTRACTED = (
    r"\w+['’](?:re|ll|d|ve)"
    r"|(?:he|she|it|that|there|here|what|who|where|everyone|everything|nobody|nothing|"
    r"someone|something|let)['’]s"
)
_IRREGULAR = (
    r"became|made|took|gave|came|went|began|got|kept|held|ran|sent|knew|"
    r"thought|told|said|found|paid|met|brought|bought|built|meant|"
    r"spent|stood|understood|wrote|spoke|broke|chose|drove|fell|grew|sold|taught|needs|"
    r"wants|seems|means|makes|takes|gives|comes|goes|keeps|remains|knows|says|thinks|believes|"
    r"feels|looks|plans|hopes|expects|need|want|know|think|believe|feel"
)
# A clause: a finite verb within the first words, or a pronoun subject.
_CLAUSE = re.compile(
    rf"(?:\S+\s+){{0,14}}?[“\"‘']?(?:{_AUX}|{_CONTRACTED}|{_IRREGULAR}|[a-z]{{3,}}ed)\b"
    r"|(?:\S+\s+){0,2}?(?:he|she|they|it|we|I|you|there)\s+[a-z]",
    re.IGNORECASE,
)
_SUBORDINATE = re.compile(
    r"\s(?:when|after|before|while|as|because|since|until|once)\s"
    # A second clause with a subject of its own ("a goal and Solna replied"): its verb is
    # not the object's.
    r"|,?\s(?:and|but)\s+(?=[A-Z][\w'’-]*\s+[a-z]+(?:ed|s)\b|(?:he|she|they|it|we)\s)"
)
_THAT = re.compile(r"\sthat\s")
_OPENS_CLAUSE = frozenset(("that", *QUESTION_WORDS))
# Prepositions that open no complement of a reporting verb ("warned against", "called for",
# "hinted at" and "spoke of" take theirs).
_PREPOSITION = re.compile(
    r"(?:with|by|from|during|after|before|over|under|into|through|like|toward|towards|in|out|"
    r"up|off|back)\s",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"(?:just |only |about |some |nearly |almost )?(?:an? |the |\w+ )?(?:couple (?:of )?|few )?"
    r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|moments?)\s+"
    r"(?:later|earlier|after|before|into|afterward|afterwards)\b",
    re.IGNORECASE,
)

# Verbs of wanting: with a bare noun phrase ("wants an inquiry") they report a wish for a
# thing, no proposition; with an infinitive ("wants to resign", "wants the city to pay") an
# intention.
_DESIRE_CUES = frozenset(("want", "wants", "wanted", "wanting"))
_INFINITIVE = re.compile(r"(?:[\w'’.-]+\s+){0,4}?to\s+(?!the\b|an?\b)[a-z]+", re.IGNORECASE)

# A request for anonymity ("who asked not to be named", "requested anonymity") describes
# the source; it is no claim.
_ANONYMITY = re.compile(
    r"(?:not\s+to\s+be\s+(?:named|identified|quoted)|(?:for\s+)?anonymity)\b"
    r"|that\s+(?:his|her|their)\s+names?\s+(?:not\s+be|be\s+withheld)",
    re.IGNORECASE,
)


def is_proposition(content: str) -> bool:
    """Whether a content reads as something said: a quotation, a that- or wh-clause, or a
    clause with a verb of its own."""
    c = content.lstrip()
    if not c:
        return False
    if c[0] in _QUOTE_OPEN:
        return True
    if c.split(None, 1)[0].lower() in _OPENS_CLAUSE or _THAT.search(c, 0, 120):
        return True
    # The verb must come before any subordinate or coordinated clause ("another goal when X
    # scored", "another goal and X replied").
    sub = _SUBORDINATE.search(c)
    return _CLAUSE.match(c[: sub.start()] if sub is not None else c) is not None


def non_speech(cue: str, content: str) -> bool:
    """Whether a cue followed by this content is used in a non-speech sense: its object is
    a time or a prepositional phrase, or a verb that says something only with a clause
    ("added", "replied") takes a noun phrase."""
    c = content.lstrip()
    cue_word = cue.lower().split(None, 1)[0] if cue.strip() else ""
    if not c or c[0] in _QUOTE_OPEN or cue.lower().startswith("according to"):
        return False
    if _TIME.match(c) is not None or _ANONYMITY.match(c) is not None:
        return True
    if _PREPOSITION.match(c) is not None and not is_proposition(c):
        return True
    if cue_word in _DESIRE_CUES:
        return _INFINITIVE.match(c) is None and not is_proposition(c)
    return cue_word in NON_SPEECH_OBJECT_CUES and not is_proposition(c)
