"""The build pass: raw claims to ExtractedClaim, with sources resolved, kinds and segments."""

from __future__ import annotations

from tracker.extract.build import build_claims
from tracker.extract.raw import RawClaim
from tracker.extract.segment import segment
from tracker.vocab import AttributionKind, SourceKind


def test_build_resolves_a_pronoun_and_sets_kind_and_segments() -> None:
    text = "Ines Calloway said the ferry would run. She said fares would rise 5 percent."
    _masked, paragraphs = segment(text)
    u1, u2 = paragraphs[0].units
    first = RawClaim(
        (text.index("the ferry"), text.index(". She")),
        u1,
        0,
        (0, 13),
        "Ines Calloway",
        "Ines Calloway",
        (14, 18),
    )
    she = text.index("She")
    second = RawClaim(
        (text.index("fares"), len(text) - 1),
        u2,
        0,
        (she, she + 3),
        "She",
        "She",
        (she + 4, she + 8),
    )
    claims = build_claims(text, paragraphs, [first, second], [], "the outlet", [])
    assert [c.source for c in claims] == ["Ines Calloway", "Ines Calloway"]
    assert claims[0].source_key == claims[1].source_key
    assert all(c.kind is AttributionKind.SPEECH for c in claims)
    assert all(c.segments == (c.content_span,) for c in claims)
    assert claims[1].source_kind is SourceKind.NAMED


def test_build_gives_the_outlet_voice_its_kind() -> None:
    text = "The council spent 4.2 million pounds on the bridge in 2023."
    _masked, paragraphs = segment(text)
    raw = RawClaim((0, len(text) - 1), paragraphs[0].units[0], 0, None, None, None, None)
    raw.outlet = True
    (claim,) = build_claims(text, paragraphs, [raw], [], "Harbour Press", [])
    assert claim.kind is AttributionKind.OUTLET and claim.source == "Harbour Press"
