"""What the review screen's database workers send back to the UI thread.

Workers never touch widgets: they run a store call in a thread and post one of these
messages; the screen's handlers (on the UI thread) update the widgets. Each reading
message carries the view ``generation`` it was asked for, so an answer that arrives
after the reviewer changed the filter is dropped instead of shown.
"""

from __future__ import annotations

from typing import Literal

from textual.message import Message

from tracker.store import Change, ClaimDetail, ClaimRow, StatusCounts
from tracker.vocab import ClaimStatus

Where = Literal["first", "last", "before", "after", "around"]


class PageLoaded(Message):
    """A keyset page of claims for the table.

    A page before or after the window carries the id it was read from (``anchor_id``),
    so the table can refuse it if its window moved meanwhile.
    """

    def __init__(
        self,
        generation: int,
        where: Where,
        rows: list[ClaimRow],
        *,
        at_start: bool,
        at_end: bool,
        cursor_id: int | None = None,
        anchor_id: int | None = None,
    ) -> None:
        super().__init__()
        self.anchor_id = anchor_id
        self.generation = generation
        self.where = where
        self.rows = rows
        self.at_start = at_start
        self.at_end = at_end
        self.cursor_id = cursor_id


class RowsRefreshed(Message):
    """The claims on screen as stored now (to show other reviewers' changes)."""

    def __init__(self, rows: list[ClaimRow]) -> None:
        super().__init__()
        self.rows = rows


class CountLoaded(Message):
    """How many claims the current view holds at each status and how many a person
    decided (``generation`` counts filter changes)."""

    def __init__(self, generation: int, counts: dict[ClaimStatus, int], reviewed: int) -> None:
        super().__init__()
        self.generation = generation
        self.counts = counts
        self.reviewed = reviewed  # of them, decided by a person


class DetailLoaded(Message):
    """Everything the detail pane shows about the highlighted claim."""

    def __init__(self, detail: ClaimDetail, story_counts: StatusCounts | None) -> None:
        super().__init__()
        self.detail = detail
        self.story_counts = story_counts


class ClaimChanged(Message):
    """A status, note or undo was written; ``row`` is the claim as now stored."""

    def __init__(
        self, action: str, change: Change, row: ClaimRow, next_pending_id: int | None
    ) -> None:
        super().__init__()
        self.action = action
        self.change = change
        self.row = row
        self.next_pending_id = next_pending_id


class ClaimAdded(Message):
    """A claim the reviewer added by hand was stored; ``row`` is the new claim."""

    def __init__(self, row: ClaimRow) -> None:
        super().__init__()
        self.row = row


class ChangeRefused(Message):
    """A write was refused (stale claim, nothing to undo...); nothing was written.

    ``row`` is the claim re-read from the database, when there is one, so the table
    can show what is really stored.
    """

    def __init__(
        self, message: str, *, claim_id: int | None = None, row: ClaimRow | None = None
    ) -> None:
        super().__init__()
        self.message = message
        self.claim_id = claim_id
        self.row = row


class MatchDecided(Message):
    """A suggested match was accepted or rejected."""

    def __init__(self, claim_id: int, match_id: int, state: str) -> None:
        super().__init__()
        self.claim_id = claim_id
        self.match_id = match_id
        self.state = state


class ExportProgress(Message):
    """How many claims the running export has written so far (of ``total``, if known)."""

    def __init__(self, written: int, total: int | None = None) -> None:
        super().__init__()
        self.written = written
        self.total = total


class ExportFinished(Message):
    """The export finished (``error`` is None) or failed."""

    def __init__(self, path: str, written: int, error: str | None = None) -> None:
        super().__init__()
        self.path = path
        self.written = written
        self.error = error


class SemanticUnavailable(Message):
    """The embedding model cannot be loaded: matching works by wording only (``reason``)."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason
