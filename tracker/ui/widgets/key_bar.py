"""The key bar at the foot of the review screen: every key that applies right now.

Textual's ``Footer`` builds one widget per key and rebuilds them all whenever the
bindings change (each filter, each dialog closing); with twenty review keys that costs
hundreds of milliseconds on a busy machine. This bar draws the same information (the
screen's active bindings, greyed when ``check_action`` says so) as one block of text,
and on a short terminal only the keys that fit its ``max-height`` (quit and help always).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget


class KeyBar(Widget):
    """The screen's active key bindings as ``key description`` pairs, wrapped to fit."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--disabled",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text: Text | None = None
        self._shape: tuple[int, int | None] = (0, None)

    def on_mount(self) -> None:
        """Redraw when the screen's bindings change (focus, filters, dialogs)."""
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        """Stop listening."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, _screen: Screen[object]) -> None:
        """Forget the drawn text; the next frame draws it anew."""
        self._text = None
        self.refresh(layout=True)

    def render(self) -> Text:
        """One ``key description`` pair per action, in the order they are bound."""
        width = self.content_size.width or self.app.size.width
        lines = self.max_lines()
        if self._text is None or (width, lines) != self._shape:
            self._shape = (width, lines)
            self._text = self._build(max(width, 20), lines)
        return self._text

    def max_lines(self) -> int | None:
        """The most lines the bar may take (its CSS ``max-height``), None for no limit."""
        limit = self.styles.max_height
        if limit is None or not limit.is_cells:
            return None
        return max(int(limit.value), 1)

    def pairs(self) -> list[tuple[str, str, bool]]:
        """(key, description, enabled) for each action the screen offers now."""
        return [(key, description, enabled) for _, key, description, enabled in self._entries()]

    def _entries(self) -> list[tuple[str, str, str, bool]]:
        found: list[tuple[str, str, str, bool]] = []
        seen: set[str] = set()
        active = self.screen.active_bindings
        palette = self.app.COMMAND_PALETTE_BINDING
        for _node, binding, enabled, _tooltip in active.values():
            if not binding.show or binding.action in seen or not binding.description:
                continue
            if binding.key == palette:
                continue
            seen.add(binding.action)
            label = binding.key_display or self.app.get_key_display(binding)
            found.append((binding.action, label, binding.description, enabled))
        if palette in active:
            key = self.app.get_key_display(active[palette].binding)
            found.append(("command_palette", key, "palette", True))
        return found

    def shown_pairs(self, width: int, max_lines: int | None) -> list[tuple[str, str, bool]]:
        """The pairs that fit in ``max_lines`` lines of ``width`` cells.

        On a short terminal not every key fits: the keys are kept in their order as
        space allows, but quit and help always are, and help then says it lists the rest.
        """
        entries = self._entries()
        pairs = [(key, description, enabled) for _, key, description, enabled in entries]
        if max_lines is None or len(wrap(pairs, width)) <= max_lines:
            return pairs
        essential = [
            (key, "all keys" if action == "help" else description, enabled)
            for action, key, description, enabled in entries
            if action in ESSENTIAL
        ]
        kept: dict[int, tuple[str, str, bool]] = {}
        # Moving keys (arrows, j/k) are the ones a reviewer misses least: offered last.
        order = sorted(range(len(entries)), key=lambda i: entries[i][0].startswith("cursor_"))
        for index in order:
            action, key, description, enabled = entries[index]
            pair = (key, description, enabled)
            trial = [*(kept[i] for i in sorted(kept)), pair, *essential]
            if action not in ESSENTIAL and len(wrap(trial, width)) <= max_lines:
                kept[index] = pair
        return [kept[i] for i in sorted(kept)] + essential

    def _build(self, width: int, max_lines: int | None) -> Text:
        styles = {
            True: (
                self.get_component_rich_style("key-bar--key"),
                self.get_component_rich_style("key-bar--description"),
            ),
            False: (self.get_component_rich_style("key-bar--disabled"),) * 2,
        }
        text = Text(no_wrap=True, overflow="crop")
        for number, line in enumerate(wrap(self.shown_pairs(width, max_lines), width)):
            if number:
                text.append("\n")
            for place, (key, description, enabled) in enumerate(line):
                if place:
                    text.append("  ")
                key_style, description_style = styles[enabled]
                text.append(f" {key} ", key_style)
                text.append(f" {description}", description_style)
        return text


ESSENTIAL = ("quit", "help")
"""The actions whose keys the bar shows however short the terminal."""


def wrap(pairs: list[tuple[str, str, bool]], width: int) -> list[list[tuple[str, str, bool]]]:
    """``pairs`` broken into lines of at most ``width`` cells, between pairs (never inside)."""
    lines: list[list[tuple[str, str, bool]]] = []
    used = 0
    for pair in pairs:
        key, description, _enabled = pair
        size = len(key) + 2 + len(description) + 1
        if lines and used and used + 2 + size <= width:
            lines[-1].append(pair)
            used += 2 + size
        else:
            lines.append([pair])
            used = size
    return lines
