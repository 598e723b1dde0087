"""The newsroom's vocabulary as small value types shared by every layer.

Extraction and matching import only this module of ours, so they stay usable
without a database or a terminal.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

StrEnumT = TypeVar("StrEnumT", bound=StrEnum)


class ClaimStatus(StrEnum):
    """Where a claim stands in review."""

    PENDING = "pending"
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"
    FALSE = "false"
    UNCLEAR = "unclear"
    NO_RESPONSE = "no_response"


class ClaimState(StrEnum):
    """Whether a claim is in the lists: apart from its status, which says how it was checked.

    ``dismissed``: a reviewer said it is not a claim (undone by a restore);
    ``superseded``: it belongs to an older version of its story, and the newest version
    carries it (or it was never reviewed); ``dropped``: it was reviewed in an older version
    and its text is not in the newest one, so it stays in the lists, flagged, until a
    reviewer handles it (dismisses it, or decides it again).
    """

    ACTIVE = "active"
    DISMISSED = "dismissed"
    SUPERSEDED = "superseded"
    DROPPED = "dropped"


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


def parse_choice(enum: type[StrEnumT], value: str, what: str) -> StrEnumT:
    """Read one of ``enum``'s values as a person types it ("Named", "no-response").

    Raises ``ValueError`` naming ``what`` and the accepted values otherwise.
    """
    key = value.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return enum(key)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise ValueError(f"unknown {what} {value!r}; expected one of: {allowed}") from None
