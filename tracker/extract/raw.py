"""The claim as the passes build it, before sources are resolved and spans finalised."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.extract.claim import Span
from tracker.vocab import ClaimStatus, SourceKind


@dataclass(slots=True)
class RawClaim:
    """One claim as the cue and story passes find it: content, the unit (sentence) and
    paragraph it was read in, the source and cue as found; the build pass resolves the
    source (``key``, ``source``, ``kind``) and turns it into an ``ExtractedClaim``."""

    content: Span
    unit: Span
    para: int
    source_span: Span | None
    mention: str | None
    kind_text: str | None
    cue_span: Span | None
    inherit: bool = False
    outlet: bool = False
    verbatim: bool = False  # a transcript line: the speaker's own words without quote marks
    covering: bool = False  # content spans a broken quote; nothing inside it starts a claim
    question: bool = False  # a question put to someone ("Asked whether ..."), not a statement
    status: ClaimStatus = ClaimStatus.PENDING
    note: str | None = None
    key: int = -1
    source: str = ""
    kind: SourceKind = SourceKind.OUTLET
    # The content's pieces when the attribution breaks it ('"X," she said. "Y."'); None
    # for one piece (the content itself).
    pieces: list[Span] | None = None
    finding: bool = False  # a poll or a study leads ("In a CBS News poll, ...")

    def add_piece(self, piece: Span) -> None:
        """Extend the content over the attribution to a further piece of the quotation."""
        if self.pieces is None:
            self.pieces = [self.content]
        self.pieces.append(piece)
        self.content = (self.content[0], max(self.content[1], piece[1]))
