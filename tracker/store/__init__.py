"""The service layer: the only code that talks SQL.

The TUI, the CLI and the exporters call these functions; they never build queries.
Functions take the :class:`Store` first and everything else by keyword, and return
plain dataclasses that are safe to hand between threads.

Each name loads its own module when first used (``tracker --help`` never loads
SQLAlchemy); see :mod:`tracker.lazy_exports`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from tracker.store import health
    from tracker.store.audit import EXTRACTOR, REVISION
    from tracker.store.claims import (
        PAGE_SIZE,
        AuditEntry,
        Change,
        ClaimDetail,
        ClaimFilter,
        ClaimMatch,
        ClaimRow,
        StatusCounts,
        claim_detail,
        count_claims,
        get_claim,
        history,
        iter_claims,
        list_claims,
        set_note,
        set_status,
        status_counts,
        totals,
        undo_last,
    )
    from tracker.store.core import (
        ClaimNotFound,
        NothingToUndo,
        StaleClaimError,
        Store,
        StoreError,
    )
    from tracker.store.corrections import (
        StoryNotFound,
        add_claim,
        dismiss_claim,
        edit_claim,
        restore_claim,
    )
    from tracker.store.stories import (
        IngestOutcome,
        StoredStory,
        StoryInput,
        StoryRow,
        add_story,
        content_hash,
        find_by_hash,
        list_stories,
    )

_AUDIT = "tracker.store.audit"
_CLAIMS = "tracker.store.claims"
_CORRECTIONS = "tracker.store.corrections"
_CORE = "tracker.store.core"
_STORIES = "tracker.store.stories"
_EXPORTS = {
    **dict.fromkeys(("EXTRACTOR", "REVISION"), _AUDIT),
    **dict.fromkeys(
        ("StoryNotFound", "add_claim", "dismiss_claim", "edit_claim", "restore_claim"),
        _CORRECTIONS,
    ),
    **dict.fromkeys(
        (
            "PAGE_SIZE",
            "AuditEntry",
            "Change",
            "ClaimDetail",
            "ClaimFilter",
            "ClaimMatch",
            "ClaimRow",
            "StatusCounts",
            "claim_detail",
            "count_claims",
            "get_claim",
            "history",
            "iter_claims",
            "list_claims",
            "set_note",
            "set_status",
            "status_counts",
            "totals",
            "undo_last",
        ),
        _CLAIMS,
    ),
    **dict.fromkeys(
        ("ClaimNotFound", "NothingToUndo", "StaleClaimError", "Store", "StoreError"), _CORE
    ),
    **dict.fromkeys(
        (
            "IngestOutcome",
            "StoredStory",
            "StoryInput",
            "StoryRow",
            "add_story",
            "content_hash",
            "find_by_hash",
            "list_stories",
        ),
        _STORIES,
    ),
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, submodules=("health",))

__all__ = [
    "EXTRACTOR",
    "REVISION",
    "StoryNotFound",
    "add_claim",
    "dismiss_claim",
    "edit_claim",
    "restore_claim",
    "PAGE_SIZE",
    "AuditEntry",
    "Change",
    "ClaimDetail",
    "ClaimFilter",
    "ClaimMatch",
    "ClaimNotFound",
    "ClaimRow",
    "IngestOutcome",
    "NothingToUndo",
    "StaleClaimError",
    "StatusCounts",
    "Store",
    "StoreError",
    "StoredStory",
    "StoryInput",
    "StoryRow",
    "add_story",
    "claim_detail",
    "content_hash",
    "count_claims",
    "find_by_hash",
    "get_claim",
    "health",
    "history",
    "iter_claims",
    "list_claims",
    "list_stories",
    "set_note",
    "set_status",
    "status_counts",
    "totals",
    "undo_last",
]
