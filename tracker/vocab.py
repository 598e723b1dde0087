"""The newsroom's vocabulary as small value types shared by every layer.

Extraction and matching import only this module of ours, so they stay usable
without a database or a terminal.
"""

from __future__ import annotations

from enum import StrEnum


class ClaimStatus(StrEnum):
    """Where a claim stands in review."""

    PENDING = "pending"
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"
    FALSE = "false"
    UNCLEAR = "unclear"
    NO_RESPONSE = "no_response"


class SourceKind(StrEnum):
    """Who a claim is attributed to."""

    NAMED = "named"
    ANONYMOUS = "anonymous"
    ORGANIZATION = "organization"
    DOCUMENT = "document"
    OUTLET = "outlet"


class AttributionKind(StrEnum):
    """What the cue reports: words said, a belief, an intention, a finding, or none.

    ``outlet`` is the story's own voice; ``unknown`` is kept for claims stored before
    kinds existed whose cue fits none of the others.
    """

    SPEECH = "speech"
    BELIEF = "belief"
    INTENTION = "intention"
    FINDING = "finding"
    OUTLET = "outlet"
    UNKNOWN = "unknown"


class QuoteKind(StrEnum):
    """How the story carries the source's words."""

    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"
    NONE = "none"


class MatchKind(StrEnum):
    """How two claims in different stories relate."""

    SAME = "same"
    CONFLICT = "conflict"


class MatchState(StrEnum):
    """Whether a match was linked by the engine, merely suggested, or decided by a reviewer."""

    LINKED = "linked"
    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


def parse_status(value: str) -> ClaimStatus:
    """Read a status as a person types it ("no response", "No_Response", "false").

    Raises ``ValueError`` naming the accepted values when it is not one of them.
    """
    key = value.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return ClaimStatus(key)
    except ValueError:
        allowed = ", ".join(s.value for s in ClaimStatus)
        raise ValueError(f"unknown status {value!r}; expected one of: {allowed}") from None
