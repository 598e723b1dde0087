"""The clean-sources pass: a source is a clean noun phrase and a claim says something.

Runs on the reader's claims before their sources are resolved:

- a source keeps its name, titles and appositives, and loses participle and relative
  clauses ("Marta Lindqvist, general secretary of the union, speaking to reporters outside
  the gate" -> "Marta Lindqvist, general secretary of the union"; "A nurse, who asked not to
  be named" -> "A nurse") and a closing time ("figures released on Monday");
- "told parliament on Tuesday that X": the audience joins the cue ("told parliament") and
  the content is X;
- "A person familiar with the operator's plans said X": a cue word after a possessive is a
  noun of the source, the next word the cue;
- a claim whose content is one bare word ("Lindqvist rejected that.", "called baseless") is
  none.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tracker.extract.lexicon import CUE_WORDS, MONTHS, WEEKDAYS
from tracker.extract.phrases import PARTICIPLE_END as _PARTICIPLE_END

if TYPE_CHECKING:
    from tracker.extract.engine import _Raw

_TIMES = "|".join(sorted({*WEEKDAYS, "week", "month", "year", "night", "morning", "evening"}))
_MONTH_NAMES = "|".join(sorted(m for m in MONTHS if len(m) > 3 and m.isalpha()))
# Where a source's own noun phrase ends: a participle or relative clause after a comma,
# or a restrictive clause asking for anonymity.
_SOURCE_CLAUSE = re.compile(
    r",\s+(?:who|whom|whose|which|where|(?!including\b)[a-z]+ing)\b"
    r"|\s+who\s+(?:asked|requested|spoke|declined|did not want|was not authori[sz]ed|"
    r"were not authori[sz]ed|(?:is|are) not authori[sz]ed|insisted|refused)\b"
)
_APPOSITIVE_RELATIVE = re.compile(r"(?<=[\w.])\s+(?:who|whose|which)\s+(?=\S)")
_SOURCE_TIME = re.compile(
    rf"\s+(?:(?:late|early)\s+)?(?:(?:on|last|this|earlier|later)\s+(?:{_TIMES})"
    rf"|on\s+(?:{_MONTH_NAMES})\s+\d{{1,2}})\s*$",
    re.IGNORECASE,
)
# A name opening the sentence before an appositive source ("Marta Lindqvist, ").
_NAME_BEFORE = re.compile(
    r"(?:(?:But|And|Meanwhile|Still|However),?\s+)?"
    r"(?P<name>(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*),\s+$"
)
_AUDIENCE = re.compile(
    r"(?P<aud>parliament|congress|lawmakers|legislators|MPs|senators|councillors|councilors|"
    r"jurors|investigators|reporters|journalists|the\s+(?:[\w-]+\s+){0,2}?(?:house|senate|"
    r"assembly|chamber|parliament|court|committee|inquiry|tribunal|hearing|jury|council|panel|"
    r"commission|press|crowd|audience|conference|meeting|briefing)|an?\s+(?:[\w-]+\s+){0,2}?"
    r"(?:news conference|press conference|briefing|hearing|meeting|rally))"
    rf"(?:\s+(?:(?:late|early)\s+)?(?:on|last|this|earlier)\s+(?i:{_TIMES}))?"
    r"\s*,?\s*(?:that\s+)?",
)
_TOLD = frozenset({"told", "tells", "tell", "telling"})
_SPEECH_START = re.compile(
    r"(?P<cue>"
    + "|".join(re.escape(w) for w in sorted({w for w in CUE_WORDS if " " not in w}, key=len)[::-1])
    + r")\b\s*(?:that\s+)?"
)
_POSSESSIVE_BEFORE = re.compile(r"[\w.-]['’]s?\s+$")
_CALLING = frozenset({"called", "calls", "call", "described", "describes", "labelled", "labeled"})
_EMPTY_CONTENT = frozenset({"that", "this", "it", "so", "them", "him", "her", "those", "these"})
# A content that ends on the relative pronoun the source's clause hangs from ("Reed made
# the claim, which he repeated"): what the cue governs is the noun before it, no statement.
_RELATIVE_END = re.compile(r"(?:,\s*|\s)(?:which|whom)\s*$")


def tidy_claims(text: str, raws: list[_Raw]) -> None:
    """Clean each claim's source, cue and content in place (see the module docstring)."""
    for raw in raws:
        if raw.outlet:
            continue
        _possessive_cue(text, raw)
        _told_audience(text, raw)
        if raw.source_span is not None:
            _clean_source(text, raw)
        s, e = raw.content
        words = text[s:e].strip(" ,.;:!?").split()
        cue = text[raw.cue_span[0] : raw.cue_span[1]].lower() if raw.cue_span else ""
        if len(words) == 1 and (
            words[0].lower() in _EMPTY_CONTENT or (cue in _CALLING and words[0][:1] not in "\"“'‘«")
        ):
            # "Lindqvist rejected that.", "a figure the ministry called baseless": one bare
            # word claims nothing.
            raw.content = (s, s)
        elif (
            raw.source_span is not None
            and raw.source_span[0] >= e
            and _RELATIVE_END.search(text, s, e) is not None
        ):
            raw.content = (s, s)


def _set_source(text: str, raw: _Raw, start: int, end: int) -> None:
    """Move the source span, carrying the mention (and the kind text when it was the
    mention) along."""
    old = raw.mention
    raw.source_span = (start, end)
    raw.mention = text[start:end]
    if raw.kind_text is None or raw.kind_text == old:
        raw.kind_text = raw.mention
    else:
        raw.kind_text = _clipped(raw.kind_text)


def _clipped(s: str) -> str:
    m = _SOURCE_CLAUSE.search(s)
    if m is not None and m.start() > 0:
        s = s[: m.start()]
    comma = s.find(",")
    if comma > 0:
        # "Paul Reid, a former analyst who teaches at Leeds": the appositive's relative
        # clause goes, the appositive stays.
        m = _APPOSITIVE_RELATIVE.search(s, comma)
        if m is not None:
            s = s[: m.start()]
    t = _SOURCE_TIME.search(s)
    # "A report published last month": the time belongs to the participle before it, and
    # the whole phrase is the source's noun phrase.
    if t is not None and t.start() > 0 and _PARTICIPLE_END.search(s, 0, t.start()) is None:
        s = s[: t.start()]
    return s.rstrip(" ,")


def _clean_source(text: str, raw: _Raw) -> None:
    assert raw.source_span is not None
    s, e = raw.source_span
    src = text[s:e]
    end = s + len(_clipped(src))
    if end <= s:
        return
    start = s
    if src[:1].islower() and end < e:
        # "Marta Lindqvist, general secretary of X, speaking ...": the engine kept the
        # appositive and lost the name before it; the name opens the sentence.
        m = _NAME_BEFORE.fullmatch(text, raw.unit[0], s)
        if m is not None:
            start = m.start("name")
    if (start, end) != (s, e):
        _set_source(text, raw, start, end)


def _told_audience(text: str, raw: _Raw) -> None:
    """ "told parliament on Tuesday that X": the cue takes the audience, the content is X."""
    if raw.cue_span is None:
        return
    cs, ce = raw.cue_span
    if text[cs:ce].lower() not in _TOLD:
        return
    s, e = raw.content
    pos = ce
    while pos < len(text) and text[pos].isspace():
        pos += 1
    m = _AUDIENCE.match(text, pos)
    if m is None:
        return
    if pos == s and m.end() < e and m.group().rstrip().endswith("that"):
        raw.content = (m.end(), e)  # the content had swallowed the audience
    elif m.end() != s:
        return  # the audience is not what stands between the cue and its content
    raw.cue_span = (cs, m.end("aud"))


def _possessive_cue(text: str, raw: _Raw) -> None:
    """ "A person familiar with the operator's plans said X": "plans" is no cue."""
    if raw.cue_span is None or raw.source_span is None:
        return
    cs, ce = raw.cue_span
    ss, se = raw.source_span
    if se > cs or not _POSSESSIVE_BEFORE.search(text, max(0, cs - 30), cs):
        return
    if text[se:cs].strip():
        return
    s, e = raw.content
    m = _SPEECH_START.match(text, s)
    if m is None or m.end() >= e:
        return
    raw.cue_span = m.span("cue")
    raw.content = (m.end(), e)
    _set_source(text, raw, ss, ce)
