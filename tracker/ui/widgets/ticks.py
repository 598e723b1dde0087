"""Choices that show their state in characters, not by colour alone.

Textual's checkbox, radio button and selection list draw the same mark whether on or
off and tell the two apart by colour, which a colour-blind reviewer, a monochrome
terminal or ``NO_COLOR`` loses. These draw ``[x]`` / ``[ ]``, ``✓`` or ``●`` instead.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import ClassVar, Generic, TypeVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Checkbox, OptionList, RadioButton
from textual.widgets.option_list import Option

T = TypeVar("T", bound=Hashable)


class TickBox(Checkbox):
    """A checkbox drawn ``✓`` when ticked and empty when not."""

    def __init__(self, label: str, value: bool = False, *, id: str | None = None) -> None:
        super().__init__(label, value, id=id)
        self.BUTTON_INNER = "✓" if value else " "

    def watch_value(self) -> None:
        """Redraw the mark with the new state (and tell the parent, as the base class does)."""
        self.BUTTON_INNER = "✓" if self.value else " "
        super().watch_value()
        self.refresh()


class TickRadio(RadioButton):
    """A radio button drawn ``●`` when chosen and empty when not."""

    def __init__(self, label: str, value: bool = False, *, name: str | None = None) -> None:
        super().__init__(label, value, name=name)
        self.BUTTON_INNER = "●" if value else " "

    def watch_value(self) -> None:
        """Redraw the mark with the new state (and tell the parent, as the base class does)."""
        self.BUTTON_INNER = "●" if self.value else " "
        super().watch_value()
        self.refresh()


def tick_line(label: str, ticked: bool) -> Content:
    """One line of a :class:`TickList`: ``[x] label`` or ``[ ] label`` (plain text, not markup)."""
    return Content(f"[{'x' if ticked else ' '}] {label}")


class TickList(OptionList, Generic[T]):
    """A list of choices to tick, each shown as ``[x]`` or ``[ ]`` before its label.

    Space (or a click) ticks or unticks the highlighted choice; :attr:`selected` is what
    is ticked, in the order the choices were given.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_highlighted", "tick", show=False),
        Binding("j", "cursor_down", "down", show=False),
        Binding("k", "cursor_up", "up", show=False),
    ]

    def __init__(
        self,
        choices: Sequence[tuple[str, T]],
        selected: Sequence[T] = (),
        *,
        id: str | None = None,
    ) -> None:
        self.labels = [label for label, _ in choices]
        self.values = [value for _, value in choices]
        self.ticked = {value for value in self.values if value in set(selected)}
        super().__init__(
            *(
                Option(tick_line(label, value in self.ticked))
                for label, value in zip(self.labels, self.values, strict=True)
            ),
            id=id,
        )

    @property
    def selected(self) -> list[T]:
        """The ticked values, in the order of the choices."""
        return [value for value in self.values if value in self.ticked]

    def toggle(self, value: T) -> None:
        """Tick ``value`` if it is not ticked, untick it if it is."""
        if value in self.ticked:
            self.ticked.discard(value)
        else:
            self.ticked.add(value)
        index = self.values.index(value)
        self.replace_option_prompt_at_index(
            index, tick_line(self.labels[index], value in self.ticked)
        )

    def action_toggle_highlighted(self) -> None:
        """Tick or untick the highlighted choice."""
        if self.highlighted is not None:
            self.toggle(self.values[self.highlighted])

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # A click (or enter, when the screen does not take it) ticks the choice.
        event.stop()
        self.toggle(self.values[event.option_index])
