"""The quotes pass: quote kinds, where quoted contents end, and segments."""

from __future__ import annotations

from tracker.extract.quotes import _quote_end, _quote_kind, _segments
from tracker.extract.raw import RawClaim
from tracker.extract.segment import quote_spans
from tracker.vocab import QuoteKind


def _kind(text: str, s: int, e: int) -> QuoteKind:
    return _quote_kind(text, s, e, tuple(quote_spans(text, 0, len(text))))


def test_quote_kinds() -> None:
    direct = '"The pier is safe," she said.'
    assert _kind(direct, 0, direct.index(",") + 2) is QuoteKind.DIRECT
    mixed = 'she said the pier was "perfectly safe" today'
    assert _kind(mixed, mixed.index("the"), len(mixed)) is QuoteKind.MIXED
    plain = "she said the pier was safe"
    assert _kind(plain, plain.index("the"), len(plain)) is QuoteKind.INDIRECT


def test_a_quote_left_open_keeps_its_stop() -> None:
    text = '"The pier is safe. We checked it.'
    quotes = tuple(quote_spans(text, 0, len(text)))
    assert _quote_end(text, 0, len(text), quotes) == len(text)


def test_segments_split_around_an_attribution_inside_the_content() -> None:
    text = '"The pier is safe," said Tomas Feld, "and it will stay open."'
    src = (text.index("Tomas"), text.index(', "and'))
    cue = (text.index("said"), text.index("said") + 4)
    raw = RawClaim((0, len(text)), (0, len(text)), 0, src, "Tomas Feld", "Tomas Feld", cue)
    assert [text[s:e] for s, e in _segments(text, raw, 0, len(text))] == [
        '"The pier is safe,"',
        '"and it will stay open."',
    ]


def test_segments_of_pieces_are_clipped_to_the_content_and_kept_in_order() -> None:
    text = '"One," she said. "Two."'
    raw = RawClaim((0, len(text)), (0, len(text)), 0, None, None, None, None)
    raw.pieces = [(0, 6), (17, len(text))]
    assert [text[s:e] for s, e in _segments(text, raw, 0, len(text))] == ['"One,"', '"Two."']
    raw.outlet = True
    raw.pieces = None
    assert _segments(text, raw, 0, 6) == ((0, 6),)
