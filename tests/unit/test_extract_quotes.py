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


def test_a_naming_verb_gives_the_quoted_words_as_the_segment() -> None:
    from tracker.extract import extract_claims

    text = "Mayor Ida Brandt called the harbour plan “reckless and rushed” on Friday."
    claims = [c for c in extract_claims(text) if c.cue and c.cue.startswith("called")]
    assert len(claims) == 1
    c = claims[0]
    assert [text[s:e] for s, e in c.segments] == ["“reckless and rushed”"]
    cs, ce = c.content_span
    assert all(cs <= s < e <= ce for s, e in c.segments)


def test_a_saying_verb_keeps_the_whole_content_as_its_segment() -> None:
    from tracker.extract import extract_claims

    text = "Mayor Ida Brandt said the harbour plan was “reckless and rushed” on Friday."
    claims = [c for c in extract_claims(text) if c.cue == "said"]
    assert len(claims) == 1
    assert claims[0].segments == (claims[0].content_span,)


def test_the_rest_of_a_source_name_after_according_to_is_no_segment() -> None:
    from tracker.extract import extract_claims

    text = (
        "The ferry ran aground just after 9 p.m., according to the Institute of Roads, "
        "Rail and Ports (IRP)."
    )
    claims = [c for c in extract_claims(text) if c.cue == "according to"]
    assert len(claims) == 1
    assert [text[s:e] for s, e in claims[0].segments] == ["The ferry ran aground just after 9 p.m."]


def test_a_clause_after_an_inner_according_to_is_still_a_segment() -> None:
    from tracker.extract import extract_claims

    text = "The real cause, according to the harbour pilots, was a broken rudder."
    claims = [c for c in extract_claims(text) if c.cue == "according to"]
    assert len(claims) == 1
    assert [text[s:e] for s, e in claims[0].segments] == ["The real cause", "was a broken rudder"]


def test_a_quote_after_a_stop_read_as_an_abbreviation_starts_its_segment() -> None:
    from tracker.extract import extract_claims

    text = (
        "The ferry was the busiest route in the U.S. “We never stop for long,” said "
        "Captain Ines Vold. “The tide will not wait.”"
    )
    claims = [c for c in extract_claims(text) if c.cue == "said"]
    assert len(claims) == 1
    segs = [text[s:e] for s, e in claims[0].segments]
    assert segs[0] == "“We never stop for long,”"
    cs, ce = claims[0].content_span
    assert all(cs <= s < e <= ce for s, e in claims[0].segments)


def test_a_mixed_quote_after_its_own_words_keeps_them() -> None:
    from tracker.extract import extract_claims

    text = "The ferry pier, “rotten to the core,” said Captain Ines Vold, must close."
    claims = [c for c in extract_claims(text) if c.cue == "said"]
    assert len(claims) == 1
    assert text[slice(*claims[0].segments[0])].startswith("The ferry pier")


def test_a_quote_before_according_to_is_the_content_not_the_apposition() -> None:
    from tracker.extract import extract_claims

    text = (
        "The pier is closed. “In this storm, what the sea has done is show that we have no "
        "real defence,” according to Dr. Ines Vold, a coastal engineer at the Harbour Institute."
    )
    claims = [c for c in extract_claims(text) if c.cue == "according to"]
    assert len(claims) == 1
    assert claims[0].text.startswith("“In this storm")
    assert "coastal engineer" not in claims[0].text
    assert claims[0].source == "Dr. Ines Vold"
