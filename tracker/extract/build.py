"""The build pass: resolve each claim's source within the story, link status hints, tidy,
and turn the raw claims into ``ExtractedClaim`` objects with kind and segments."""

from __future__ import annotations

import re

from tracker.extract.claim import ExtractedClaim, Span
from tracker.extract.grammar import _DATELINE
from tracker.extract.hints import Hint
from tracker.extract.kinds import kind_of_claim
from tracker.extract.links import apply_hints
from tracker.extract.quotes import _quote_kind, _segments
from tracker.extract.raw import RawClaim
from tracker.extract.segment import Paragraph
from tracker.extract.sources import SourceBook
from tracker.extract.tidy import tidy_claims
from tracker.extract.worth import check_worthiness, could_be_worth
from tracker.vocab import AttributionKind, ClaimStatus, QuoteKind

_ALNUM = re.compile(r"[^\W_]")
_THAT_BEFORE = re.compile(r"\bthat\s*$")


_OUTLET_MIN_WORTH = 0.6


def _has_word(s: str) -> bool:
    return _ALNUM.search(s) is not None


_LEAD_CONJUNCTION = re.compile(r"(?:But|And|Yet|So|Still|However|Instead)(?:,\s*|\s+)(?=\S)")


def build_claims(
    text: str,
    paragraphs: list[Paragraph],
    raws: list[RawClaim],
    unit_hints: list[tuple[int, Span, int, list[Hint]]],
    outlet_name: str,
    mentions: list[tuple[int, str]],
) -> list[ExtractedClaim]:
    """Resolve sources, apply status hints, score and build the claims in story order."""
    tidy_claims(text, raws)
    book = SourceBook()
    prev_ent = None
    mi = 0
    for raw in raws:
        at = raw.source_span[0] if raw.source_span is not None else raw.content[0]
        while mi < len(mentions) and mentions[mi][0] < at:
            book.resolve(mentions[mi][1])
            mi += 1
        if raw.outlet:
            ent = book.outlet(outlet_name)
        elif raw.inherit and raw.mention is None:
            ent = prev_ent if prev_ent is not None else book.outlet(outlet_name)
        elif raw.inherit and prev_ent is not None:
            ent = prev_ent
        else:
            ent = book.resolve(raw.kind_text or raw.mention or "")
            if (
                raw.kind_text
                and raw.mention
                and ent.canonical == raw.kind_text
                and raw.kind_text != raw.mention
            ):
                book.rename(ent, raw.mention)
        raw.key = ent.key
        raw.source = ent.canonical
        raw.kind = ent.kind
        if not raw.outlet:
            prev_ent = ent
    for raw in raws:
        # A later, fuller mention may have named the source better ("the town council"
        # after a headline's "council").
        raw.source = book.entities[raw.key].canonical
    apply_hints(text, raws, unit_hints)
    claims: list[ExtractedClaim] = []
    para_spans = [p.span for p in paragraphs]
    for raw in raws:
        cs, ce = raw.content
        if ce <= cs or not _has_word(raw.source):
            # Nothing to say, or a "source" of bare punctuation (garbled input).
            continue
        # Two apostrophes used as a quotation mark were read as one: take both.
        if cs > 0 and text.startswith("''", cs - 1):
            cs -= 1
        if text.startswith("''", ce - 1):
            ce += 1
        if cs == para_spans[raw.para][0]:
            dateline = _DATELINE.match(text, cs, ce)
            if dateline is not None and dateline.end() < ce:
                cs = dateline.end()  # "HALDEN, March 4 (Wire) -" is the story's, no claim's
        lead = _LEAD_CONJUNCTION.match(text, cs, ce)
        if lead is not None and not raw.outlet:
            cs = lead.end()  # "But, Carson added, he did not ...": the conjunction is ours
        content = text[cs:ce]
        us, ue = raw.unit
        sentence_span = (min(us, cs), max(ue, ce))
        pspan = para_spans[raw.para]
        if raw.outlet:
            quote = QuoteKind.NONE
        elif raw.verbatim:
            quote = QuoteKind.DIRECT
        else:
            quote = _quote_kind(text, cs, ce, paragraphs[raw.para].quotes)
        droppable = raw.outlet and raw.status is ClaimStatus.PENDING and raw.cue_span is None
        if droppable and not could_be_worth(content, _OUTLET_MIN_WORTH):
            continue
        score, why = check_worthiness(content, attributed=not raw.outlet)
        if droppable and score < _OUTLET_MIN_WORTH:
            continue
        cue_span = raw.cue_span
        src_span = raw.source_span if not raw.outlet else None
        cue = text[cue_span[0] : cue_span[1]] if cue_span else None
        claims.append(
            ExtractedClaim(
                text=content,
                sentence=text[sentence_span[0] : sentence_span[1]],
                source=raw.source,
                source_kind=raw.kind,
                source_mention=text[src_span[0] : src_span[1]] if src_span else None,
                cue=cue,
                quote=quote,
                status=raw.status,
                status_note=raw.note,
                content_span=(cs, ce),
                source_span=src_span,
                cue_span=cue_span,
                sentence_span=sentence_span,
                paragraph_span=(min(pspan[0], sentence_span[0]), max(pspan[1], sentence_span[1])),
                source_key=raw.key,
                confidence=score,
                worth=why,
                kind=_attribution_kind(raw, cue, content, text),
                segments=_segments(text, raw, cs, ce, paragraphs[raw.para].quotes),
            )
        )
    return claims


def _attribution_kind(raw: RawClaim, cue: str | None, content: str, text: str) -> AttributionKind:
    """What the claim's cue reports; the story's own voice is ``outlet``, a quotation with
    no cue of its own (a transcript line, a quote paragraph going on) is speech. A content
    after "that" ("adding that repairs start soon") is read as the clause it is."""
    if raw.outlet:
        return AttributionKind.OUTLET
    if raw.finding:
        return AttributionKind.FINDING
    first = raw.cue_span is not None and raw.content[0] < raw.cue_span[0]
    if not first and raw.cue_span is not None:
        that = _THAT_BEFORE.search(text, raw.cue_span[1], raw.content[0])
        if that is not None and len(content.split()) > 2:
            content = "that " + content  # ("questioned that logic": a determiner)
    kind = kind_of_claim(cue, raw.kind, content, first, raw.mention)
    return AttributionKind.SPEECH if kind is AttributionKind.UNKNOWN else kind
