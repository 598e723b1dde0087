"""The extractor's output: one claim with its source, cue, quote kind and first status."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tracker.vocab import AttributionKind, ClaimStatus, QuoteKind, SourceKind

Span = tuple[int, int]


def _span_json(span: Span | None) -> list[int] | None:
    return None if span is None else [span[0], span[1]]


@dataclass(frozen=True, slots=True)
class ExtractedClaim:
    """One checkable statement in a story, as the story attributes it.

    Every ``*_span`` is a pair of character offsets into the text given to
    ``extract_claims`` (end-exclusive), so ``text[s:e]`` is the field it locates.
    ``source`` is the canonical name after coreference ("the official" reads as the
    first full mention); ``source_mention`` is what the story says at this claim.
    Claims whose sources are the same entity in the story share ``source_key``.
    ``confidence`` is check-worthiness in 0..1; ``worth`` lists why (numbers, dates...).
    ``kind`` says what the cue reports (speech, belief, intention, finding; ``outlet`` for
    the story's own voice). ``segments`` are the content's fragments in order, each inside
    ``content_span``: one for most claims, two or more for a quote broken by its
    attribution (``"X," she said. "Y."``); empty means the one span ``content_span``.
    """

    text: str
    sentence: str
    source: str
    source_kind: SourceKind
    source_mention: str | None
    cue: str | None
    quote: QuoteKind
    status: ClaimStatus
    status_note: str | None
    content_span: Span
    source_span: Span | None
    cue_span: Span | None
    sentence_span: Span
    paragraph_span: Span
    source_key: int
    confidence: float
    worth: tuple[str, ...] = field(default=())
    kind: AttributionKind = AttributionKind.UNKNOWN
    segments: tuple[Span, ...] = field(default=())

    def __post_init__(self) -> None:
        if not self.segments:
            object.__setattr__(self, "segments", (self.content_span,))

    def to_json(self) -> dict[str, Any]:
        """The claim as the DESIGN JSON object (documented keys first, extras after)."""
        return {
            "text": self.text,
            "sentence": self.sentence,
            "source": self.source,
            "source_kind": self.source_kind.value,
            "cue": self.cue,
            "quote": self.quote.value,
            "status": self.status.value,
            "status_note": self.status_note,
            "content_span": _span_json(self.content_span),
            "source_span": _span_json(self.source_span),
            "cue_span": _span_json(self.cue_span),
            "kind": self.kind.value,
            "segments": [[s, e] for s, e in self.segments],
            "source_mention": self.source_mention,
            "source_key": self.source_key,
            "sentence_span": _span_json(self.sentence_span),
            "paragraph_span": _span_json(self.paragraph_span),
            "confidence": self.confidence,
            "worth": list(self.worth),
        }
