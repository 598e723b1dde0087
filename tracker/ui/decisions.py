"""Accepting or rejecting a suggested match, when the store offers it.

The match store (``tracker.store.matches``) is built alongside the TUI; this module
looks its decision functions up at run time, so the review screen can show matches
read-only on an installation without them and offer a/x where they exist.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from tracker.store import Store


def _function(name: str) -> Callable[..., Any] | None:
    try:
        module = importlib.import_module("tracker.store.matches")
    except ImportError:
        return None
    found = getattr(module, name, None)
    return found if callable(found) else None


def available() -> bool:
    """True when the store can record a reviewer's decision on a match."""
    return _function("accept_match") is not None and _function("reject_match") is not None


def decide(store: Store, *, match_id: int, accept: bool, reviewer: str) -> str:
    """Accept or reject a match; returns its new state ("accepted" or "rejected")."""
    function = _function("accept_match" if accept else "reject_match")
    if function is None:
        raise RuntimeError("deciding matches is not available in this installation")
    function(store, match_id=match_id, reviewer=reviewer)
    return "accepted" if accept else "rejected"
