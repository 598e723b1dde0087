"""The claims table: a window of keyset pages drawn line by line.

A million claims never sit in memory or in a widget. The table holds a window of at
most :data:`MAX_WINDOW` rows (a few keyset pages in id order) and draws only the lines
on screen with ``render_line``. When the cursor nears either edge of the window it asks
its screen for the neighbouring page (:class:`ClaimTable.NeedRows`); the screen loads it
in a worker and hands it back with :meth:`ClaimTable.extend`. Jumping to the first or
last claim replaces the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from tracker.store import EXTRACTOR, ClaimRow
from tracker.vocab import ClaimState, ClaimStatus, SourceKind

PAGE = 200
"""Rows asked for per keyset page."""
MAX_WINDOW = 1000
"""Rows the table keeps before pages fall off the far end (never the rows near the cursor,
so it may briefly hold a page more)."""
PREFETCH = 60
"""Ask for the next page when the cursor comes this close to the window's edge."""

STATUS_LABELS: dict[ClaimStatus, str] = {
    ClaimStatus.PENDING: "pending",
    ClaimStatus.CONFIRMED: "confirmed",
    ClaimStatus.DISPUTED: "disputed",
    ClaimStatus.FALSE: "false",
    ClaimStatus.UNCLEAR: "unclear",
    ClaimStatus.NO_RESPONSE: "no response",
}


KIND_LABELS: dict[SourceKind, str] = {SourceKind.ORGANIZATION: "org"}
"""Short names where the full one would not fit the kind column."""


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the table: its heading, width in cells, and which field it shows."""

    heading: str
    width: int
    field: str


def layout(width: int) -> list[Column]:
    """The columns for a table ``width`` cells wide; the claim takes what is left.

    The claim is what the reviewer reads, and the id is what they type into
    ``tracker status``, so narrower terminals give up the outlet, then the story and the
    source kind (all three still in the detail pane), never the id, source or status.
    ``kind`` is the attribution kind (speech, belief, ...); ``src kind`` the source's.
    """
    if width >= 130:
        columns = [
            Column("#", 7, "id"),
            Column("story", 18, "story"),
            Column("outlet", 10, "outlet"),
            Column("source", 22, "source"),
            Column("src kind", 9, "source_kind"),
            Column("kind", 9, "kind"),
            Column("status", 14, "status"),
        ]
    elif width >= 100:
        columns = [
            Column("#", 7, "id"),
            Column("story", 9, "story"),
            Column("source", 16, "source"),
            Column("src kind", 9, "source_kind"),
            Column("kind", 9, "kind"),
            Column("status", 14, "status"),
        ]
    else:
        columns = [
            Column("#", 7, "id"),
            Column("source", 16, "source"),
            Column("status", 14, "status"),
        ]
    used = sum(c.width + 1 for c in columns)
    columns.append(Column("claim", max(width - used, 10), "claim"))
    return columns


def cell_text(row: ClaimRow, field: str) -> str:
    """What one cell of ``row`` says."""
    if field == "id":
        return str(row.id)
    if field == "story":
        return row.story_title or "(untitled)"
    if field == "outlet":
        return row.outlet
    if field == "source":
        return row.source or "—"
    if field == "source_kind":
        return KIND_LABELS.get(row.source_kind, row.source_kind.value)
    if field == "kind":
        return row.kind.value
    if field == "status":
        if row.state is ClaimState.DISMISSED:
            return "dismissed"
        label = STATUS_LABELS[row.status]
        if row.decided_by == EXTRACTOR and row.status is not ClaimStatus.PENDING:
            label += "*"  # the extractor's reading of the story, not a person's decision
        if row.state is ClaimState.DROPPED:
            return f"⚑ {label}"  # not in the story's newest version
        return label
    return row.text.replace("\n", " ")


def fit(text: str, width: int) -> str:
    """``text`` cut or padded to exactly ``width`` cells, with an ellipsis when cut."""
    if cell_len(text) > width:
        return set_cell_size(text, max(width - 1, 0)) + "…"
    return set_cell_size(text, width)


class ClaimTable(Widget, can_focus=True):
    """A keyboard-driven list of claims over a sliding window of keyset pages."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "next", id="claim.next", key_display="j/↓"),
        Binding("k,up", "cursor_up", "previous", id="claim.previous", key_display="k/↑"),
        Binding("pagedown", "page_down", "page down", show=False, id="claim.page_down"),
        Binding("pageup", "page_up", "page up", show=False, id="claim.page_up"),
        Binding("g,home", "first", "first claim", show=False, id="claim.first"),
        Binding("G,end", "last", "last claim", show=False, id="claim.last"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "claim-table--header",
        "claim-table--cursor",
        "claim-table--more",
        "claim-table--status-pending",
        "claim-table--status-confirmed",
        "claim-table--status-disputed",
        "claim-table--status-false",
        "claim-table--status-unclear",
        "claim-table--status-no_response",
    }

    class Highlighted(Message):
        """The cursor moved to another claim (or the table emptied: ``row`` is None)."""

        def __init__(self, table: ClaimTable, row: ClaimRow | None) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> ClaimTable:
            """The table that sent it."""
            return self.table

    class NeedRows(Message):
        """The table wants a page: before or after its window, or the first or last."""

        def __init__(
            self,
            table: ClaimTable,
            where: Literal["first", "last", "before", "after"],
            anchor_id: int | None,
        ) -> None:
            super().__init__()
            self.table = table
            self.where = where
            self.anchor_id = anchor_id

    def __init__(self, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.rows: list[ClaimRow] = []
        self.cursor = 0
        self.top = 0
        self.at_start = True
        self.at_end = True
        self.pending_pages: set[str] = set()
        self._strips: dict[tuple[int, int, bool, int], Strip] = {}
        self._last_highlight: tuple[int, int] | None = None
        self._base: Style | None = None

    # -- what the screen calls ------------------------------------------------------------

    @property
    def current(self) -> ClaimRow | None:
        """The highlighted claim, if any."""
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor]
        return None

    def reset(
        self,
        rows: list[ClaimRow],
        *,
        at_start: bool,
        at_end: bool,
        cursor_id: int | None = None,
        cursor_at_end: bool = False,
    ) -> None:
        """Replace the window; put the cursor on ``cursor_id`` (or the first row after it)."""
        self.rows = list(rows)
        self.at_start = at_start
        self.at_end = at_end
        self.pending_pages.clear()
        self._strips.clear()
        self.cursor = 0
        if cursor_at_end:
            self.cursor = max(len(self.rows) - 1, 0)
        elif cursor_id is not None:
            self.cursor = self._index_at_or_after(cursor_id)
        self.top = 0
        self._keep_cursor_visible(center=True)
        self._cursor_moved()

    def extend(
        self,
        rows: list[ClaimRow],
        where: Literal["before", "after"],
        *,
        anchor_id: int | None = None,
    ) -> None:
        """Add a page on one side of the window, dropping rows off the other if it grows.

        ``anchor_id`` is the edge row the page was read from; a page read from an edge the
        window no longer has (it moved meanwhile) is dropped, so the window never has gaps.
        """
        self.pending_pages.discard(where)
        if anchor_id is not None and self.rows:
            edge = self.rows[-1].id if where == "after" else self.rows[0].id
            if edge != anchor_id:
                self._prefetch()
                return
        if where == "after":
            self.at_end = len(rows) < PAGE
            known = self.rows[-1].id if self.rows else 0
            self.rows.extend(r for r in rows if r.id > known)
            # Trim the far side, but never the rows around the cursor.
            excess = min(len(self.rows) - MAX_WINDOW, self.cursor - PREFETCH)
            if excess > 0:
                del self.rows[:excess]
                self.cursor -= excess
                self.top = max(self.top - excess, 0)
                self.at_start = False
        else:
            self.at_start = len(rows) < PAGE
            first = self.rows[0].id if self.rows else None
            fresh = [r for r in rows if first is None or r.id < first]
            self.rows[:0] = fresh
            self.cursor += len(fresh)
            self.top += len(fresh)
            excess = min(len(self.rows) - MAX_WINDOW, len(self.rows) - 1 - self.cursor - PREFETCH)
            if excess > 0:
                del self.rows[-excess:]
                self.at_end = False
        self.cursor = min(max(self.cursor, 0), max(len(self.rows) - 1, 0))
        self._keep_cursor_visible()
        self.refresh()

    def update_row(self, row: ClaimRow) -> bool:
        """Show a claim as it is now stored, if it is in the window. True when it was."""
        for index, shown in enumerate(self.rows):
            if shown.id == row.id:
                self.rows[index] = row
                if index == self.cursor:
                    self._last_highlight = (row.id, row.version)
                self.refresh()
                return True
        return False

    def remove_row(self, claim_id: int) -> bool:
        """Take a claim out of the window (it left the view); the cursor stays in place,
        on the claim after it. True when it was in the window."""
        for index, shown in enumerate(self.rows):
            if shown.id == claim_id:
                del self.rows[index]
                if index < self.cursor or self.cursor >= len(self.rows):
                    self.cursor = max(self.cursor - 1, 0)
                self._strips.clear()
                self._keep_cursor_visible()
                self._cursor_moved()
                return True
        return False

    def move_to_id(self, claim_id: int) -> bool:
        """Put the cursor on a claim in the window. False when it is not in the window."""
        for index, row in enumerate(self.rows):
            if row.id == claim_id:
                self._move(index)
                return True
        return False

    # -- actions --------------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        """Highlight the next claim (at the very end, look for claims stored since)."""
        if self.rows and self.at_end and self.cursor == len(self.rows) - 1:
            self._request("after")
        self._move(self.cursor + 1)

    def action_cursor_up(self) -> None:
        """Highlight the previous claim."""
        self._move(self.cursor - 1)

    def action_page_down(self) -> None:
        """Move a screenful down."""
        self._move(self.cursor + max(self._visible_rows() - 1, 1))

    def action_page_up(self) -> None:
        """Move a screenful up."""
        self._move(self.cursor - max(self._visible_rows() - 1, 1))

    def action_first(self) -> None:
        """Jump to the first claim of the view."""
        if self.at_start:
            self._move(0)
        else:
            self._request("first")

    def action_last(self) -> None:
        """Jump to the last claim of the view (asking the database, which may have more)."""
        if self.at_end:
            self._move(len(self.rows) - 1)
            self._request("after")  # claims ingested since the view was loaded
        else:
            self._request("last")

    # -- drawing --------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """One line of the table: the heading, a claim, or blank."""
        width = self.size.width
        if y == 0:
            return self._header(width)
        index = self.top + y - 1
        if index < len(self.rows):
            return self._row_strip(index, width)
        if index == len(self.rows) and self.rows and not self.at_end:
            style = self.get_component_rich_style("claim-table--more")
            return Strip([Segment(fit("  loading more claims…", width), style)], width)
        return Strip.blank(width, self._base_style())

    def _header(self, width: int) -> Strip:
        style = self.get_component_rich_style("claim-table--header")
        text = " ".join(fit(c.heading, c.width) for c in layout(width))
        return Strip([Segment(fit(text, width), style)], width)

    def _row_strip(self, index: int, width: int) -> Strip:
        row = self.rows[index]
        selected = index == self.cursor
        key = (row.id, row.version, selected, width)
        strip = self._strips.get(key)
        if strip is not None:
            return strip
        base = self._base_style()
        if selected:
            base = base + self.get_component_rich_style("claim-table--cursor")
        status_style = self.get_component_rich_style(
            f"claim-table--status-{row.status.value}", default=Style()
        )
        segments: list[Segment] = []
        for number, column in enumerate(layout(width)):
            if number:
                segments.append(Segment(" ", base))
            style = base + status_style if column.field == "status" else base
            if selected and column.field == "status":
                style = base + Style(bold=True)
            segments.append(Segment(fit(cell_text(row, column.field), column.width), style))
        strip = Strip(segments).adjust_cell_length(width, base)
        if len(self._strips) > 4 * MAX_WINDOW:
            self._strips.clear()
        self._strips[key] = strip
        return strip

    def notify_style_update(self) -> None:
        """Forget cached lines and styles when the theme or styles change."""
        super().notify_style_update()
        self._strips.clear()
        self._base = None

    def _base_style(self) -> Style:
        # The widget's own style walks its ancestors; computed once per theme, not per line.
        if self._base is None:
            self._base = self.rich_style
        return self._base

    def on_resize(self, _event: events.Resize) -> None:
        """Keep the cursor in view on a smaller terminal."""
        self._strips.clear()
        self._keep_cursor_visible()

    # -- mouse ----------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        """Highlight the clicked claim."""
        if event.y >= 1:
            self._move(self.top + event.y - 1)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        """Scroll down three claims."""
        event.stop()
        self._move(self.cursor + 3)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        """Scroll up three claims."""
        event.stop()
        self._move(self.cursor - 3)

    # -- internals ------------------------------------------------------------------------

    def _visible_rows(self) -> int:
        return max(self.size.height - 1, 1)

    def _index_at_or_after(self, claim_id: int) -> int:
        for index, row in enumerate(self.rows):
            if row.id >= claim_id:
                return index
        return max(len(self.rows) - 1, 0)

    def _move(self, index: int) -> None:
        if not self.rows:
            return
        index = min(max(index, 0), len(self.rows) - 1)
        if index != self.cursor:
            old_line = self.cursor - self.top + 1
            self.cursor = index
            if self._keep_cursor_visible(redraw=False):
                self.refresh()
            else:
                # Only the old and the new cursor lines change: redraw just those two.
                width = self.size.width
                new_line = self.cursor - self.top + 1
                self.refresh(Region(0, old_line, width, 1), Region(0, new_line, width, 1))
            self._cursor_moved()
        self._prefetch()

    def _prefetch(self) -> None:
        if not self.at_end and len(self.rows) - 1 - self.cursor < PREFETCH:
            self._request("after")
        if not self.at_start and self.cursor < PREFETCH:
            self._request("before")

    def _request(self, where: Literal["first", "last", "before", "after"]) -> None:
        if where in self.pending_pages:
            return
        self.pending_pages.add(where)
        anchor: int | None = None
        if where == "after" and self.rows:
            anchor = self.rows[-1].id
        elif where == "before" and self.rows:
            anchor = self.rows[0].id
        self.post_message(self.NeedRows(self, where, anchor))

    def _keep_cursor_visible(self, *, center: bool = False, redraw: bool = True) -> bool:
        """Scroll so the cursor is on screen; True when the first line shown changed."""
        top = self.top
        visible = self._visible_rows()
        if center and self.cursor >= visible:
            self.top = max(self.cursor - visible // 2, 0)
        elif self.cursor < self.top:
            self.top = self.cursor
        elif self.cursor >= self.top + visible:
            self.top = self.cursor - visible + 1
        self.top = max(min(self.top, max(len(self.rows) - visible, 0)), 0)
        if redraw:
            self.refresh()
        return self.top != top

    def _cursor_moved(self) -> None:
        row = self.current
        key = (row.id, row.version) if row is not None else None
        if key != self._last_highlight:
            self._last_highlight = key
            self.post_message(self.Highlighted(self, row))
