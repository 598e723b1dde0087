"""Counts said as a sentence says them, for every message the tool prints."""

from __future__ import annotations

__all__ = ["counted"]


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``1 claim``, ``2 claims``, ``3 stories``, ``1 alias``, ``100,000 claims``: ``n``
    (its thousands marked) and the noun in the number it needs (``plural`` where adding
    an "s" is wrong)."""
    return f"{n} {noun}" if n == 1 else f"{n:,} {plural or noun + 's'}"
