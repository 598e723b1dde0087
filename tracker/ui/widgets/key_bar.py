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
        if self._text is None:
            self._text = self._build()
        return self._text

    def _build(self) -> Text:
        text = Text(no_wrap=False, overflow="fold")
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
            self._pair(text, label, binding.description, enabled)
        if palette in active:
            self._pair(text, self.app.get_key_display(active[palette].binding), "palette", True)
        return text

    def _pair(self, text: Text, key: str, description: str, enabled: bool) -> None:
        # No-break spaces inside a pair: the bar wraps between pairs, never inside one.
        if enabled:
            key_style = self.get_component_rich_style("key-bar--key")
            description_style = self.get_component_rich_style("key-bar--description")
        else:
            key_style = description_style = self.get_component_rich_style("key-bar--disabled")
        if text:
            text.append("  ")
        text.append(f"\u00a0{key}\u00a0".replace(" ", "\u00a0"), key_style)
        text.append(f"\u00a0{description}".replace(" ", "\u00a0"), description_style)
