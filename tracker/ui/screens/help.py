"""The help screen: every key of the review screen, read from the bindings themselves."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "escape": "esc",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "down": "↓",
    "up": "↑",
    "ctrl+p": "ctrl+p",
}


def key_label(binding: Binding) -> str:
    """How a binding's keys are written for people: ``j / ↓``."""
    keys = [k.strip() for k in binding.key.split(",")]
    return " / ".join(KEY_NAMES.get(k, k) for k in keys)


def key_rows(bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """(keys, what they do) for each binding that has a description."""
    rows: list[tuple[str, str]] = []
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description:
            rows.append((key_label(binding), binding.description))
    return rows


class HelpScreen(ModalScreen[None]):
    """Keys grouped by what they act on; any of escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "close", id="help.close"),
        Binding("j", "scroll(1)", "scroll down", show=False, id="help.down"),
        Binding("k", "scroll(-1)", "scroll up", show=False, id="help.up"),
    ]

    def __init__(self, sections: Sequence[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        """A title, then the sections in two columns so every key fits on one screen."""
        half = self._split()
        with Vertical(classes="dialog help"):
            yield Label("Claim Tracker: keys", classes="dialog-title")
            with VerticalScroll(id="help-scroll"), Horizontal(classes="help-columns"):
                for part in (self.sections[:half], self.sections[half:]):
                    with Vertical(classes="help-column"):
                        for title, rows in part:
                            yield Label(title, classes="help-section")
                            yield Static(self._table(rows))
            yield Label(
                "Status keys act at once and move to the next pending claim; every change is "
                "in the audit log and z undoes your last. A status marked * was read from the "
                "story by the extractor, not decided by a person. ↓/j scroll.",
                classes="dialog-hint",
            )

    def _split(self) -> int:
        """How many sections go in the left column so both columns are about as long."""
        sizes = [len(rows) + 1 for _, rows in self.sections]
        total, running = sum(sizes), 0
        for index, size in enumerate(sizes):
            running += size
            if running * 2 >= total:
                return index + 1
        return len(sizes)

    @staticmethod
    def _table(rows: list[tuple[str, str]]) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(min_width=10)
        table.add_column()
        for keys, description in rows:
            table.add_row(Text(keys, style="bold"), description)
        return table

    def on_mount(self) -> None:
        """Focus the keys, so the arrows (and j/k) scroll them on a short terminal."""
        self.query_one("#help-scroll", VerticalScroll).focus()

    def action_scroll(self, lines: int) -> None:
        """Scroll the keys by ``lines``."""
        scroll = self.query_one("#help-scroll", VerticalScroll)
        scroll.scroll_relative(y=lines, animate=False)

    def action_close(self) -> None:
        """Back to the claims."""
        self.dismiss(None)
