"""The key bar at the foot of the review screen: every key that applies right now.

Textual's ``Footer`` builds one widget per key and rebuilds them all whenever the
bindings change (each filter, each dialog closing); with twenty review keys that costs
hundreds of milliseconds on a busy machine. This bar draws the same information (the
screen's active bindings, greyed when ``check_action`` says so) as one line of text.
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
        self._width = 0

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
        if self._text is None or width != self._width:
            self._width = width
            self._text = self._build(max(width, 20))
        return self._text

    def pairs(self) -> list[tuple[str, str, bool]]:
        """(key, description, enabled) for each action the screen offers now."""
        found: list[tuple[str, str, bool]] = []
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
            found.append((label, binding.description, enabled))
        if palette in active:
            found.append((self.app.get_key_display(active[palette].binding), "palette", True))
        return found

    def _build(self, width: int) -> Text:
        # Lines are broken between pairs by hand: Rich would break inside one.
        styles = {
            True: (
                self.get_component_rich_style("key-bar--key"),
                self.get_component_rich_style("key-bar--description"),
            ),
            False: (self.get_component_rich_style("key-bar--disabled"),) * 2,
        }
        text = Text(no_wrap=True, overflow="crop")
        used = 0
        for key, description, enabled in self.pairs():
            key_part, description_part = f" {key} ", f" {description}"
            size = len(key_part) + len(description_part)
            if used and used + 2 + size > width:
                text.append("\n")
                used = 0
            elif used:
                text.append("  ")
                used += 2
            key_style, description_style = styles[enabled]
            text.append(key_part, key_style)
            text.append(description_part, description_style)
            used += size
        return text
