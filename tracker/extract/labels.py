"""The labels pass: what each paragraph is before its sentences are read.

A capitalised ``LABEL:`` opening a paragraph names a speaker only when the story reads as a
transcript (a label that recurs, a Q/A exchange, or a label naming someone the story
names); teasers and page furniture (``READ MORE:``, ``WATCH:``, headlines, bylines,
captions, credits) produce nothing; other labels (``FED TALK:``, ``The Latest:``) head a
paragraph of ordinary text, read from after the label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.extract.claim import Span
from tracker.extract.lexicon import SECTION_LABELS, TEASER_LABELS
from tracker.extract.segment import Paragraph

# An all-capitals label ("CLINTON:", "KATE BOULDUAN:", "FED TALK:") or an answer ("A:").
_CAPS_LABEL = re.compile(r"([A-Z][A-Z.'’&-]+(?: [A-Z][A-Z.'’&-]+){0,3}|[AQ]):\s+(?=\S)")
# Any short label: "Read more:", "The Latest:", "Watch below:".
_ANY_LABEL = re.compile(r"([A-Z][\w.'’&-]*(?: [\w.'’&-]+){0,3})\s*:\s*(?=\S)")
_WATCH_TEASER = re.compile(
    r"(?:Watch|WATCH|Listen|LISTEN|See|SEE)\s+(?:highlights|the video|video|below|live|now|more|"
    r"the full|full|our|photos|pictures)\b",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"(?:By|BY|Written by|Story by|Words by)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"(?:\s*(?:,|and|&|\|)\s*[\w.'’ -]{1,60})?$"
)
_POSTED = re.compile(
    r"(?:Published|Posted|Updated|Last updated|First published)\b[^.!?]{0,80}$", re.IGNORECASE
)
_CREDIT = re.compile(
    r"\(?(?:Reporting|Additional reporting|Writing|Editing|Compiled|Contributing|Research|"
    r"Graphics|Photos?|Video|Production) by\b|\(?(?:Editing|Reporting) (?:and|&) "
)
_CAPTION_CREDIT = re.compile(
    r"\((?:[A-Z][\w.'’ -]*\s)?(?:Photo|Photograph|Image|Picture|Credit|Illustration|File|Video|"
    r"Pool|Handout)\b[^()\n]{0,100}\)\s*$"
    r"|\((?:AP|Reuters|AFP|Getty Images|CP|The Canadian Press)(?: Photo)?/[^()\n]{1,80}\)\s*$"
    r"|(?:Getty Images|/Reuters|/AP|/AFP|The Canadian Press)\s*\)?\s*$"
)
# The outlet's note about the story itself: a correction, a clarification, an editor's
# note ("Correction, March 3: An earlier version of this story misstated ..."). What it
# says is about the story, not a claim in it.
_STORY_NOTE = re.compile(
    r"(?:Correction|Clarification|Editor['’]s note|Editors['’] note)\b[^:\n]{0,40}:"
    r"|(?:An earlier|A previous|An earlier online|A previous online) version of this "
    r"(?:story|article|report)\b"
    r"|This (?:story|article|report) (?:has been|was) (?:corrected|updated|amended|clarified)\b",
    re.IGNORECASE,
)
_STOP_END = re.compile(r"[.!?…][\"”’')\]]*$")


@dataclass(frozen=True, slots=True)
class ParagraphRole:
    """What a paragraph is: furniture to skip, a transcript line by ``speaker``, or text
    to read from ``start`` (past a section label)."""

    skip: bool = False
    speaker: Span | None = None
    start: int | None = None


_SKIP = ParagraphRole(skip=True)


def _furniture(text: str, s: int, e: int, first: bool, single: bool, n_paras: int) -> bool:
    """Whether a paragraph is a headline, byline, caption, credit, teaser or a note about
    the story (a correction)."""
    para = text[s:e]
    words = para.split()
    if first and n_paras > 1 and single and len(words) <= 25 and not _STOP_END.search(para):
        return True  # a headline: the story's first line, with no full stop
    if len(words) <= 14 and (_BYLINE.match(para) or _POSTED.match(para)):
        return True
    if _CREDIT.match(para) is not None and len(words) <= 40:
        return True
    if _STORY_NOTE.match(para) is not None and len(words) <= 80:
        return True
    if len(words) <= 60 and _CAPTION_CREDIT.search(para) is not None:
        return True
    return _WATCH_TEASER.match(para) is not None and len(words) <= 40


def read_labels(text: str, paragraphs: list[Paragraph]) -> dict[int, ParagraphRole]:
    """The role of every paragraph that is not plain story text, by paragraph index."""
    roles: dict[int, ParagraphRole] = {}
    caps: list[tuple[int, re.Match[str]]] = []
    n = len(paragraphs)
    for pi, para in enumerate(paragraphs):
        s, e = para.span
        if _furniture(text, s, e, pi == 0, len(para.units) == 1, n):
            roles[pi] = _SKIP
            continue
        label = _ANY_LABEL.match(text, s, e)
        if label is None:
            continue
        name = label.group(1).lower()
        if name in TEASER_LABELS:
            roles[pi] = _SKIP
            continue
        cap = _CAPS_LABEL.match(text, s, e)
        if cap is not None:
            caps.append((pi, cap))
        elif name in SECTION_LABELS:
            roles[pi] = ParagraphRole(start=label.end())
    if not caps:
        return roles
    lasts = [m.group(1).split()[-1] for _, m in caps]
    transcript = any(lasts.count(w) > 1 for w in lasts) or "Q" in lasts or "A" in lasts
    labelled = {pi for pi, _ in caps}
    for pi, m in caps:
        word = m.group(1).split()[-1]
        if word == "Q":
            continue  # the interviewer's question: read as the story's text
        if transcript or _named_elsewhere(text, paragraphs, labelled, word):
            roles[pi] = ParagraphRole(speaker=m.span(1), start=m.end())
        else:
            roles[pi] = ParagraphRole(start=m.end())
    return roles


def _named_elsewhere(text: str, paragraphs: list[Paragraph], labelled: set[int], word: str) -> bool:
    """Whether a label's last word names someone in the story's own text ("MARSH:" and
    "Lena Marsh said")."""
    if len(word) < 3 or not word.isalpha():
        return False
    name = re.compile(rf"\b{re.escape(word.capitalize())}\b")
    return any(
        name.search(text, *p.span) is not None
        for pi, p in enumerate(paragraphs)
        if pi not in labelled
    )
