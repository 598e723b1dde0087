"""A match's explanation as a reviewer reads it, in ``tracker matches`` and the review UI.

The stored explanation (``Explanation.to_dict()``) gives the cosine of the two claims'
sentence vectors beside the lexical ("wording") score; a reviewer wants to know what the
meaning model did to the match. For a match of the same claim that is the score with the
model against the score the lexical engine alone gives the pair (what a run without the
model stores); for a conflict, whose score is the lexical event score either way, it is
that the two describe one event in meaning too, which a conflict needs.

Pure functions of the stored JSON: no store, no model, nothing heavier than the hybrid
score's thresholds is imported.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["meaning_line", "reasons"]

# The parts of the stored summary that the score column and the meaning line already say.
_SAID_ELSEWHERE = ("score ", "meaning ", "wording ")


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def meaning_line(explanation: Mapping[str, Any]) -> str | None:
    """What the meaning model contributed to this match, in one line; None when the match
    was scored on wording alone (no cosine stored)."""
    from tracker.matching.hybrid import CONFLICT_COSINE

    cosine = _number(explanation.get("cosine"))
    if cosine is None:
        return None
    line = f"meaning: cosine {cosine:.2f}"
    if explanation.get("kind") == "conflict":
        return (
            f"{line}, one event in meaning too (a conflict needs {CONFLICT_COSINE:.2f}); "
            "the score is the wording's"
        )
    score = _number(explanation.get("score"))
    lexical = _number(explanation.get("lexical"))
    if score is None or lexical is None:
        return line
    change = round(score) - round(lexical)
    return f"{line}; score {score:.0f} with it, {lexical:.0f} by wording alone ({change:+d})"


def reasons(summary: str, *, limit: int | None = None) -> str:
    """The summary's word-level reasons (what aligned, disagreed, is only in one claim),
    without the score, meaning and wording the other lines show; cut after whole words at
    about ``limit`` characters, with an ellipsis, when given."""
    parts = [p for p in summary.split(" | ") if p and not p.startswith(_SAID_ELSEWHERE)]
    text = " | ".join(parts)
    if limit is None or len(text) <= limit:
        return text
    cut = text[:limit]
    # end on a whole word of a list, not inside one ("advance, swe")
    boundary = max(cut.rfind(", "), cut.rfind(" | "), cut.rfind(" "))
    if boundary > limit // 2:
        cut = cut[:boundary]
    return cut.rstrip(" ,|:") + " …"
