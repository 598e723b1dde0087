"""Status hints: the story's own words about whether a claim could be checked.

"did not immediately respond", "declined to comment" -> ``no_response``;
"could not be independently verified", "it was not clear whether", "without specifying"
-> ``unclear``; "denied the report" -> ``disputed``. Each hint carries a note quoting it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.vocab import ClaimStatus

_NEG = (
    r"(?:did not|didn't|didn’t|has not|hasn't|hasn’t|have not|"
    r"haven't|haven’t|had not|hadn't|hadn’t|could not|couldn't|couldn’t|would not|wouldn't|"
    r"wouldn’t|was not|wasn't|wasn’t|were not|weren't|weren’t)"
)

_NO_RESPONSE = re.compile(
    _NEG + r"\s+(?:immediately\s+|yet\s+|directly\s+|publicly\s+)?(?:respond|reply|return|"
    r"answer|comment)\w*"
    r"|\b(?:declined|declines|refused|refuses)\s+(?:to\s+)?(?:comment|respond|answer|discuss|"
    r"elaborate|be interviewed|make \w+ available)\w*"
    # "declined repeated requests for an interview"
    r"|\b(?:declined|declines|refused|refuses|ignored)\s+(?:repeated\s+|several\s+|"
    r"multiple\s+|our\s+|\w+['’]s\s+)?(?:requests?|invitations?)\s+(?:for|to)\b"
    r"|\bcould not be (?:immediately\s+)?reached\b|\b(?:was|were) (?:not |un)(?:immediately )?"
    r"available for comment|\b(?:no immediate|had no|has no|offered no) (?:comment|response|"
    r"reply)\b"
    # "Calls to the company went unanswered" ("were not returned" is the first pattern's)
    r"|\b(?:went|have gone|has gone|remained|were|was) unanswered\b"
    # "No one at the company was available to comment": the hint starts at its verb
    r"|\b(?:[Nn]o one|[Nn]obody|[Nn]o-one)\s+(?:at|from|for)\s+[^.;]{1,60}?\s+(?P<verb>(?:was|were|"
    r"could be) (?:immediately )?(?:available|reached)|(?:responded|replied|answered|commented))\b"
)
# The adjectives of a denial, with or without quotation marks around them.
_FALSE = (
    r"[\"“‘']?(?:(?:completely|totally|simply|entirely|utterly|wholly)\s+)?(?:[\w-]+,?\s+"
    r"(?:and|or)\s+)?(?:false|untrue|baseless|unfounded|inaccurate|fabricated|groundless|"
    r"nonsense|an?\s+(?:[\w-]+\s+)?lie|lies)\b"
)
_UNCLEAR_SAME = re.compile(
    r"\bwithout (?:specifying|saying|naming|elaborating|identifying|giving|providing|"
    r"offering|citing|presenting|producing|showing)\b|\bdid not (?:specify|elaborate|name|"
    r"identify|give details|say (?:who|what|how|which|when|where|why)|(?:provide|offer|"
    r"present|cite|give|produce|show) (?:any\s+)?(?:evidence|proof|details))\b|\b(?:gave|"
    r"giving|offered|offering|provided|providing|presented|presenting|cited|citing) no "
    r"(?:details|evidence|proof)\b|\bno (?:evidence|proof) (?:was|has been|had been) "
    r"(?:given|offered|provided|presented)\b"
)
_UNCLEAR_PREV = re.compile(
    r"\b(?:could not|couldn't|couldn’t|cannot|can't|can’t|(?:was|were|is|are|has been|have been) "
    r"(?:unable|not able) to) (?:be )?(?:independently |immediately )?(?:be )?"
    r"(?:verif|confirm|corroborat)\w*|\b(?:has|have|had) not (?:been )?(?:independently )?"
    r"(?:verified|confirmed)\b|\b(?:[Ii]t|[Tt]his) (?:was|is|remains|remained) "
    r"(?:not (?:immediately )?|un)clear\b|\b[Ii]t(?:'s|’s) (?:not |un)clear\b|\bunverified\b"
    # "impossible to verify independently", "there was no independent confirmation"
    r"|\b(?:impossible|not possible) to (?:independently\s+)?(?:verify|confirm|corroborate)\b"
    r"|\bno independent (?:verification|confirmation|corroboration)\b"
    r"|\b(?:could not|couldn't|couldn’t|cannot) (?:be )?(?:independently )?(?:established|"
    r"determined|ascertained)\b"
)
# What one rejects that is no claim: "the court denied the appeal", "rejected the offer".
_NOT_CLAIMS = (
    r"(?!\s+(?:[\w'’-]+\s+)?(?:appeals?|requests?|applications?|bids?|offers?|proposals?|motions?|"
    r"bills?|plans?|deals?|budgets?|petitions?|permits?|visas?|bail|entry|access|asylum|"
    r"amendments?|resolutions?|nominations?|resignations?|ceasefires?|treaty|treaties|"
    r"contracts?|demands?|calls?|invitations?|candidacy|application|attempts?|efforts?|"
    r"challenges?|lawsuits?|suits?|cases?|(?:idea|notion|prospect|possibility) of)\b"
    # "denied the Flames on several chances": a team, a party, a person, not a claim
    r"|\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*(?=\s+(?:on|in|at|with|from|to|by|for|of)\b|[,.;]))"
)
_DISPUTED = re.compile(
    r"\b(?:denied|denies|deny|denying|disputed|disputes|disputing|rejected|rejects|rejecting|"
    r"refuted|refutes|refuting|contested)\s+"
    r"(?:(?:that|wrongdoing|it|this|claims|allegations|reports|accusations|charges|having|"
    r"being|knowing)\b|(?:the|an?|any|all|those|these|such|his|her|their)\b"
    + _NOT_CLAIMS
    # "denied hiding any results", not "denied funding to the club"
    + r"|(?!(?:funding|housing|planning|parking|training|lending|boarding|landing|building|"
    r"clearing|bring|thing|king|spring|string|nothing|something|anything)\b)[a-z]{3,}ing\b)"
    # "dismissed the criticism", not "dismissed the case"
    r"|\bdismiss(?:ed|es)\s+(?:(?:the|such|these|those|his|her|their)\s+)?(?:claims?|"
    r"allegations?|accusations?|criticism|reports?|suggestions?|concerns)\b"
    # "called the report false", "a figure the ministry called baseless", "said the
    # allegations were baseless"
    r"|\b(?:called|calls|described)\s+(?:it\s+|them\s+)?(?:as\s+)?"
    + _FALSE
    + r"|\b(?:called|calls|described)\s+(?:the|such|these|those)\s+(?:\w+\s+)?(?:claims?|"
    r"allegations?|accusations?|reports?|story|article)\s+(?:as\s+)?"
    + _FALSE
    + r"|\b(?:the|such|these|those)\s+(?:\w+\s+)?(?:claims?|allegations?|accusations?|reports?|"
    r"story|article)\s+(?:was|were|is|are)\s+[\"“‘']?(?:completely\s+|totally\s+|simply\s+|"
    r"entirely\s+|utterly\s+)?" + _FALSE
)
_CLAUSE_START = re.compile(r"[,;:]\s*(?:(?:and|but)\s+)?")
_CLAUSE_END = re.compile(r"[,;]|\.$")

# Where a hint applies: to a claim in its own sentence, to the claim just before it, or to
# the claim the reporter asked about (the lead, unless the previous paragraph has one).
SAME = "same"
PREVIOUS = "previous"
ASKED = "asked"
DENIED = "denied"


@dataclass(frozen=True, slots=True)
class Hint:
    """One status hint found in a sentence."""

    status: ClaimStatus
    note: str
    start: int
    scope: str
    clause: int = -1  # where the hint's clause starts, its subject included


# Fragments without which no hint can be present: a cheap first pass over the whole story
# (plain substring search runs at memory speed; the patterns above run only where these are).
_TRIGGERS = (
    "respond",
    "repl",
    "return",
    "answer",
    "declin",
    "refus",
    "reach",
    "available",
    "immediate",
    "without",
    "did not",
    "didn't",
    "didn’t",
    "gave no",
    "provided no",
    "verif",
    "confirm",
    "corroborat",
    "clear",
    "deni",
    "deny",
    "disput",
    "reject",
    "refut",
    "contest",
    "dismiss",
    "comment",
    "false",
    "untrue",
    "baseless",
    "unfounded",
    "inaccurate",
    "fabricated",
    "groundless",
    "nonsense",
    " lie",
    "offered no",
    "no evidence",
    "no proof",
    "no details",
    "possible to",
    "ignored",
    "no one",
    "nobody",
    "establish",
    "determin",
    "ascertain",
    "presented no",
    "cited no",
    "unable",
    "not able",
)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def hint_positions(text: str) -> list[int]:
    """Sorted offsets in ``text`` where hint wording may start (one pass per fragment)."""
    low = text.translate(_ASCII_LOWER)  # same length, so offsets carry over
    found: list[int] = []
    for frag in _TRIGGERS:
        pos = low.find(frag)
        while pos >= 0:
            found.append(pos)
            pos = low.find(frag, pos + 1)
    found.sort()
    return found


def find_hints(text: str, start: int, end: int) -> list[Hint]:
    """The status hints in one sentence ``text[start:end]``, in order."""
    hints: list[Hint] = []
    sent = text[start:end]
    m = _NO_RESPONSE.search(sent)
    if m is not None:
        lo = _clause_start(sent, m.start())
        at = m.start("verb") if m.group("verb") is not None else m.start()
        hints.append(
            Hint(
                ClaimStatus.NO_RESPONSE,
                # The note quotes the whole clause: "did not respond to a request for comment".
                sent[lo : m.end()] + _to_clause_end(sent, m.end()),
                start + at,
                ASKED,
                start + lo,
            )
        )
    m = _UNCLEAR_SAME.search(sent)
    if m is not None:
        hints.append(
            Hint(
                ClaimStatus.UNCLEAR,
                _to_clause_end(sent, m.start()),
                start + m.start(),
                SAME,
                start + _clause_start(sent, m.start()),
            )
        )
    m = _UNCLEAR_PREV.search(sent)
    if m is not None:
        lo = _clause_start(sent, m.start())
        hints.append(
            Hint(
                ClaimStatus.UNCLEAR,
                _to_clause_end(sent, lo, allow_commas=True),
                start + m.start(),
                PREVIOUS,
                start + lo,
            )
        )
    m = _DISPUTED.search(sent)
    if m is not None:
        lo = _clause_start(sent, m.start())
        hints.append(
            Hint(ClaimStatus.DISPUTED, sent.rstrip(". "), start + m.start(), DENIED, start + lo)
        )
    return hints


def _clause_start(sent: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts, its subject included: a comma right before
    the verb closes an appositive ("The operator, Strand Marine, declined"), not a clause."""
    starts = [0] + [c.end() for c in _CLAUSE_START.finditer(sent, 0, pos)]
    while len(starts) > 1 and not sent[starts[-1] : pos].strip():
        starts.pop()
        # Skip the appositive itself, back to the comma that opened it.
        if len(starts) > 1:
            starts.pop()
    return starts[-1]


def _to_clause_end(sent: str, pos: int, *, allow_commas: bool = False) -> str:
    if allow_commas:
        end = sent.find(";", pos)
        end = len(sent) if end < 0 else end
    else:
        m = _CLAUSE_END.search(sent, pos)
        end = m.start() if m else len(sent)
    return sent[pos:end].rstrip(". ")
