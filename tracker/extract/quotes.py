"""Quotations: which quote a cue-less quoted sentence continues, where a quoted content
ends, a claim's quote kind, and its segments (the pieces of a quote broken by its
attribution)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from tracker.extract.claim import Span
from tracker.extract.grammar import _QUOTE_CLOSE, _QUOTE_OPEN, _content_end, _strip_span
from tracker.extract.propositions import is_proposition
from tracker.extract.raw import RawClaim
from tracker.extract.segment import Paragraph
from tracker.vocab import QuoteKind


def _quotes_in(quotes: tuple[Span, ...], s: int, e: int) -> Iterator[Span]:
    """The quotes (sorted, disjoint) that overlap ``[s, e)``, found by bisection."""
    i = bisect_right(quotes, s, key=lambda q: q[1])
    while i < len(quotes) and quotes[i][0] < e:
        yield quotes[i]
        i += 1


def _quote_kind(text: str, s: int, e: int, quotes: tuple[Span, ...]) -> QuoteKind:
    inside = 0
    for qs, qe in _quotes_in(quotes, s, e):
        inside += min(e, qe) - max(s, qs)
    if inside == 0:
        return QuoteKind.INDIRECT
    opens = text[s] in _QUOTE_OPEN or text.startswith("''", s)
    runs_to_end = any(qs < e <= qe for qs, qe in _quotes_in(quotes, e - 1, e))
    if opens and (inside >= (e - s) * 0.85 or text[e - 1] in _QUOTE_CLOSE or runs_to_end):
        return QuoteKind.DIRECT
    return QuoteKind.MIXED


def _quote_host(
    text: str,
    raws: list[RawClaim],
    last: int,
    pi: int,
    ui: int,
    us: int,
    paragraphs: list[Paragraph],
) -> RawClaim | None:
    """The quote claim a cue-less quoted sentence continues, if it is the same quotation:
    later in the same paragraph, or after a paragraph whose quotation was left open."""
    prev = raws[last]
    if prev.para == pi:
        if ui == 0:
            return None
        for i in range(last, max(-1, last - 4), -1):
            r = raws[i]
            if r.para != pi or r.outlet:
                break
            if r.unit[1] <= us and _is_quote_claim(text, r, paragraphs[pi].quotes):
                return r
        return None
    if prev.para == pi - 1 and _is_quote_claim(text, prev, paragraphs[prev.para].quotes):
        quotes = paragraphs[prev.para].quotes
        pend = paragraphs[prev.para].span[1]
        if (
            quotes
            and quotes[-1][1] == pend
            and text[pend - 1] not in _QUOTE_CLOSE
            and prev.content[1] >= quotes[-1][0]
        ):
            return prev
    return None


def _quote_end(text: str, s: int, e: int, quotes: tuple[Span, ...]) -> int:
    """Where a quoted sentence's content ends: its stop stays if the quote is still open."""
    for qs, qe in _quotes_in(quotes, e - 1, e):
        if qs < e <= qe and text[qe - 1] not in _QUOTE_CLOSE:
            return e
    return _content_end(text, e, s)


def _quote_share(s: int, e: int, quotes: tuple[Span, ...]) -> float:
    inside = 0
    for qs, qe in _quotes_in(quotes, s, e):
        inside += min(e, qe) - max(s, qs)
    return inside / max(1, e - s)


def _is_quote_claim(text: str, raw: RawClaim, quotes: tuple[Span, ...]) -> bool:
    s, e = raw.content
    return any(True for _ in _quotes_in(quotes, s, e))


# Verbs that name or describe a thing with the speaker's words ('called the plan "reckless"',
# 'described the mood as "grim"'): the words said are the quotation, not the thing named.
_NAMING_CUES = frozenset(
    """call calls called calling describe describes described describing dub dubs dubbed
    dubbing label labels labelled labeled labelling labeling brand brands branded branding
    term terms termed terming""".split()
)


def _named_words(
    text: str, raw: RawClaim, cs: int, ce: int, quotes: tuple[Span, ...]
) -> list[Span] | None:
    """The quotations inside a content that a naming verb introduces, when the content does
    not open with one ('called the plan "reckless"' -> '"reckless"'); else None."""
    cue = raw.cue_span
    if cue is None or cue[1] > cs or not quotes or text[cs : cs + 1] in _QUOTE_OPEN:
        return None
    words = text[cue[0] : cue[1]].split()
    if not words or words[0].lower() not in _NAMING_CUES:
        return None
    inside = [(max(qs, cs), min(qe, ce)) for qs, qe in _quotes_in(quotes, cs, ce)]
    return inside or None


_STOP_BEFORE_QUOTE = re.compile(r"[.!?…:][\"”’']?\s*$")


def _quote_after_a_stop(
    text: str, raw: RawClaim, cs: int, ce: int, quotes: tuple[Span, ...]
) -> int | None:
    """Where the quotation starts in a content before its attribution that took in the
    sentence before it ('... in the U.S. "Forget about it," he said.': a stop the sentence
    splitter read as an abbreviation); None when the content is one sentence."""
    cue = raw.cue_span
    if cue is None or cue[0] < ce or raw.outlet or text[cs : cs + 1] in _QUOTE_OPEN:
        return None
    if not quotes:
        return None
    last = None
    for span in _quotes_in(quotes, cs, ce):
        last = span
    if last is None or last[0] <= cs or last[1] < ce - 1:
        return None
    if _STOP_BEFORE_QUOTE.search(text, cs, last[0]) is None:
        return None
    return last[0]


def _segments(
    text: str, raw: RawClaim, cs: int, ce: int, quotes: tuple[Span, ...] = ()
) -> tuple[Span, ...]:
    """The content's pieces in order, each inside ``[cs, ce)``: the quotation's pieces
    around its attribution ('"X," she said, "Y."'), the words quoted after a naming verb
    ('called the plan "reckless"'), else the one content span."""
    pieces = raw.pieces
    if pieces is None:
        pieces = _named_words(text, raw, cs, ce, quotes)
    if pieces is None and not raw.outlet:
        # An attribution inside the content breaks it ('"A," said the senator, "B."').
        marks = [sp for sp in (raw.source_span, raw.cue_span) if sp is not None]
        if marks:
            a0 = min(sp[0] for sp in marks)
            a1 = max(sp[1] for sp in marks)
            if cs < a0 and a1 < ce:
                pieces = [(cs, a0), (a1, ce)]
                tail = text[a1:ce].lstrip(" ,;:—–-")
                cue = text[raw.cue_span[0] : raw.cue_span[1]] if raw.cue_span else ""
                if (
                    cue.lower().startswith("according to")
                    and (tail[:1].isupper() or tail[:1] == "(")
                    and not is_proposition(tail)
                ):
                    # "..., according to the Institute of Roads, Rail and Ports (IRRP)":
                    # the rest of the source's name, not words said.
                    pieces = [(cs, a0)]
    first = pieces[0] if pieces else (cs, ce)
    qs = _quote_after_a_stop(text, raw, max(first[0], cs), min(first[1], ce), quotes)
    if qs is not None:
        pieces = [(qs, first[1]), *(pieces or [])[1:]]
    if pieces is None:
        return ((cs, ce),)
    out: list[Span] = []
    for ps, pe in pieces:
        ps, pe = _strip_span(text, max(ps, cs), min(pe, ce), ",;:—–-")
        if pe > ps and (not out or ps >= out[-1][1]):
            out.append((ps, pe))
    return tuple(out) if out else ((cs, ce),)


_QUOTED_SENTENCE_END = re.compile(r"[.!?,…][\"”’']?$")


def floating_quotes(
    text: str, paragraphs: list[Paragraph], raws: list[RawClaim], roles: set[int]
) -> list[tuple[int, RawClaim]]:
    """Quoted sentences that no claim holds, set in the story's narration ('... she did not
    want him remembered as "Only a boy who made one bad choice."'): the words of the speaker
    the story last quoted, in the same or the next paragraph. Returns (index in ``raws`` to
    insert at, the claim), in story order. Short quotations (a word or a title) and ones
    opening in lower case are left alone."""
    held = sorted(r.content for r in raws if not r.outlet)
    out: list[tuple[int, RawClaim]] = []
    for pi, para in enumerate(paragraphs):
        if pi in roles:
            continue
        for qs, qe in para.quotes:
            inner = text[qs + 1 : qe - 1].strip()
            words = inner.split()
            if len(words) < 5 or not _QUOTED_SENTENCE_END.search(text[qs:qe]):
                continue
            if sum(w[:1].isupper() for w in words) * 2 > len(words):
                continue  # "The Kid Who Would Be King.": a title
            i = bisect_right(held, (qe, qe))
            if any(s < qe and qs < e for s, e in held[max(0, i - 8) : i]):
                continue
            k = len(raws)
            while k > 0 and (raws[k - 1].content[0] > qs or raws[k - 1].outlet):
                k -= 1
            if k == 0 or pi - raws[k - 1].para > 1:
                continue
            if not (inner[:1].isupper() or inner[:1] == "["):
                continue
            unit = next((u for u in para.units if u[0] <= qs < u[1]), para.span)
            claim = RawClaim((qs, qe), unit, pi, None, None, None, None, inherit=True)
            pos = k
            while pos < len(raws) and raws[pos].content[0] < qs:
                pos += 1
            out.append((pos, claim))
    return out
