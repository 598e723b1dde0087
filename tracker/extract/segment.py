"""Paragraphs, quotations and sentences, as character spans of the story's text.

Everything here runs in time linear in the text: quote marks are paired by one pass over
the marks themselves, and sentence ends are found by one regular expression whose only
repetition is over single characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.extract.lexicon import COUNTRY_ABBREVIATIONS, SENTENCE_OPENERS, TITLE_ABBREVIATIONS

Span = tuple[int, int]

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")
_QUOTE_MARK = re.compile(r"[“”\"«»„]")
# A stop (with closing quotes) and space, or a line break after a line that does not run
# on (a caption, a list item). Both branches open with a literal character, which keeps
# the scan fast.
# A stop, closing marks and space; a line break after a finished line; or a full stop with
# no space before a capitalised word, as scraped text has ("Trump said.Trump claimed").
_SENTENCE_END = re.compile(
    r"[.!?]+[\"”’)\]]*\s+|\n(?<=[^a-z,;\s-]\n)\s*|\.(?<=[a-z]{3}\.)(?=[A-Z][a-z]{2})"
)
_WORD_BEFORE = re.compile(r"(?<![\w'’])([A-Za-z][A-Za-z.]{0,10})\.$")
_ATTRIBUTION_AFTER = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){1,4}(?:said|says|asked|asks|told|added|wrote|replied|shouted|"
    r"tweeted|recalled|insisted|noted|explained|joked|argued|continued|declared|countered)"
    r"\b[^.!?]{0,80}[.!?]"
)
_BARE_ATTRIBUTION_AFTER = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){1,4}(?:said|says|told|added|wrote|tweeted|insisted|noted)"
    r"(?:\s+(?:on|in|at)?\s*[\w'’-]+){0,3}\s*[.!?]"
)
_LAST_STOP = re.compile(r"[.!?][\"”’)\]]*$")
_FIRST_WORD = re.compile(r"[\"“‘(\[]?([A-Za-z]+)")

# A sentence longer than this is cut at whitespace: a real sentence never is, and it keeps
# the per-sentence rules bounded on pathological input (a 1 MB paragraph without stops).
MAX_UNIT = 3000

OPENERS = "“«„"
CLOSERS = "”»"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph span with its quotation spans (marks included) and sentence spans."""

    span: Span
    quotes: tuple[Span, ...]
    units: tuple[Span, ...]


def paragraph_spans(text: str) -> list[Span]:
    """Split a story into paragraphs: blank-line blocks if it has any, else lines."""
    sep = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE_BREAK
    spans: list[Span] = []
    pos = 0
    for m in sep.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out: list[Span] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _closing_position(text: str, i: int, end: int) -> bool:
    """Whether a mark at ``i`` sits where a quotation ends: after a stop or comma and before
    a space or the paragraph's end (',“ said Jones' is a mistyped closing mark)."""
    return i > 0 and text[i - 1] in ".,!?" and (i + 1 >= end or text[i + 1].isspace())


def quote_spans(text: str, start: int, end: int) -> list[Span]:
    """Pair the quotation marks of one paragraph.

    Typographic marks pair by direction, straight marks alternate. A quotation still open
    at the paragraph's end runs to it (the newsroom convention for a quote that carries on
    into the next paragraph); a stray closing mark is ignored. Never raises.
    """
    spans: list[Span] = []
    open_at = -1
    for m in _QUOTE_MARK.finditer(text, start, end):
        ch = m.group()
        i = m.start()
        if open_at < 0:
            if ch in CLOSERS or (ch == '"' and _closing_position(text, i, end)):
                continue  # a closing mark with no opener: the quote began a paragraph ago
            open_at = i
        elif ch in OPENERS and not _closing_position(text, i, end):
            # A second opener before a closer: the first quote was never closed; restart.
            open_at = i
        else:
            spans.append((open_at, i + 1))
            open_at = -1
    if open_at >= 0:
        spans.append((open_at, end))
    return spans


def mask_quotes(text: str, quotes: list[Span]) -> str:
    """The text with quotation interiors blanked to ``x`` (same length, same offsets).

    The last character before a closing mark is kept when it ends a sentence, so that
    sentence splitting still sees ``."`` at a quotation's end.
    """
    if not quotes:
        return text
    parts: list[str] = []
    pos = 0
    for s, e in quotes:
        inner_s = s + 1
        closed = e - 1 > s and text[e - 1] in '”"»“'
        inner_e = e - 1 if closed else e
        if inner_e <= inner_s:
            continue
        parts.append(text[pos:inner_s])
        last = text[inner_e - 1]
        if closed and last in ".!?,":
            parts.append("x" * (inner_e - 1 - inner_s))
            parts.append(last)
        else:
            parts.append("x" * (inner_e - inner_s))
        pos = inner_e
    parts.append(text[pos:])
    masked = "".join(parts)
    for s, e in quotes:
        if e - 1 > s and text[e - 1] == "“":
            # A mistyped closing mark reads as the closer it stands for.
            masked = masked[: e - 1] + "”" + masked[e:]
    return masked


def _is_boundary(masked: str, dot_end: int, next_start: int, para_end: int) -> bool:
    if next_start >= para_end:
        return False
    nxt = masked[next_start]
    if not (nxt.isupper() or nxt.isdigit() or nxt in "\"“‘(['"):
        return False
    # '"Why not?" Biden said.': a quotation ending in a stop, then its attribution. After a
    # full stop only a bare closing attribution counts ('"... missing." Trump said.'); with
    # words of its own the next sentence is new ('a "liar." Jones said the plan ...').
    if masked[dot_end - 1] in '"”' and (
        _ATTRIBUTION_AFTER.match(masked, next_start, para_end)
        if masked[dot_end - 2] in "?!"
        else _BARE_ATTRIBUTION_AFTER.match(masked, next_start, para_end)
    ):
        return False
    # Only a full stop can follow an abbreviation; "?" and "!" always end a sentence.
    seg = masked[max(0, dot_end - 14) : dot_end]
    m = _LAST_STOP.search(seg)
    if m is None or seg[m.start()] != ".":
        return True
    wm = _WORD_BEFORE.search(seg[: m.start() + 1])
    if wm is None:
        return True
    word = wm.group(1).lower()
    if word in COUNTRY_ABBREVIATIONS:
        fm = _FIRST_WORD.match(masked, next_start)
        return fm is not None and fm.group(1) in SENTENCE_OPENERS
    if word in TITLE_ABBREVIATIONS:
        return False
    # A single capital initial ("J. Smith") is not a sentence end.
    return not (len(word) == 1 and word.isalpha())


def sentence_spans(masked: str, start: int, end: int) -> list[Span]:
    """Sentence spans of one paragraph, read off the quote-masked text."""
    units: list[Span] = []
    pos = start
    for m in _SENTENCE_END.finditer(masked, start, end):
        ws = m.end()
        trail = m.group()
        stop = m.start() + len(trail.rstrip())
        if _is_boundary(masked, stop, ws, end):
            units.append((pos, stop))
            pos = ws
    units.append((pos, end))
    out: list[Span] = []
    for s, e in units:
        if e - s > MAX_UNIT:
            out.extend(_cut_long(masked, s, e))
        elif e > s:
            out.append((s, e))
    return out


def _cut_long(masked: str, start: int, end: int) -> list[Span]:
    out: list[Span] = []
    s = start
    while end - s > MAX_UNIT:
        cut = masked.rfind(" ", s + MAX_UNIT // 2, s + MAX_UNIT)
        if cut <= s:
            cut = s + MAX_UNIT
        out.append((s, cut))
        s = cut
        while s < end and masked[s].isspace():
            s += 1
    if end > s:
        out.append((s, end))
    return out


def segment(text: str) -> tuple[str, list[Paragraph]]:
    """The quote-masked text and the story's paragraphs with quotes and sentences."""
    paragraphs: list[Paragraph] = []
    all_quotes: list[Span] = []
    pspans = paragraph_spans(text)
    per_para: list[list[Span]] = []
    for s, e in pspans:
        q = quote_spans(text, s, e)
        per_para.append(q)
        all_quotes.extend(q)
    masked = mask_quotes(text, all_quotes)
    for (s, e), q in zip(pspans, per_para, strict=True):
        paragraphs.append(Paragraph((s, e), tuple(q), tuple(sentence_spans(masked, s, e))))
    return masked, paragraphs
