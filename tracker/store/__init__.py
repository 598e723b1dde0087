"""The service layer: the only code that talks SQL.

The TUI, the CLI and the exporters call these functions; they never build queries.
Functions take the :class:`Store` first and everything else by keyword, and return
plain dataclasses that are safe to hand between threads.
"""

from tracker.store import health
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
from tracker.store.core import ClaimNotFound, NothingToUndo, StaleClaimError, Store, StoreError
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

__all__ = [
    "PAGE_SIZE",
    "AuditEntry",
    "Change",
    "ClaimDetail",
    "ClaimFilter",
    "ClaimNotFound",
    "ClaimRow",
    "IngestOutcome",
    "ClaimMatch",
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
