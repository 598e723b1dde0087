"""Small dialogs: a one-line text prompt (note, search) and a pick-several list (filters)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import ClassVar, Generic, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from tracker.ui.widgets.ticks import TickList

T = TypeVar("T", bound=Hashable)


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text. Enter gives the text (maybe empty); escape gives None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel", id="prompt.cancel"),
    ]

    def __init__(
        self, title: str, *, value: str = "", placeholder: str = "", hint: str = ""
    ) -> None:
        super().__init__()
        self.prompt_title = title
        self.value = value
        self.placeholder = placeholder
        self.hint = hint

    def compose(self) -> ComposeResult:
        """The title, the input line and a hint."""
        with Vertical(classes="dialog"):
            yield Label(self.prompt_title, classes="dialog-title")
            yield Input(value=self.value, placeholder=self.placeholder, id="prompt-input")
            if self.hint:
                yield Label(self.hint, classes="dialog-hint")

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        """Hand the text back."""
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Close without a value."""
        self.dismiss(None)


class PickScreen(ModalScreen[tuple[T, ...] | None], Generic[T]):
    """Tick any number of choices. Enter applies (nothing ticked = no filter); escape cancels.

    Each choice may have a shortcut key that ticks or unticks it, so a reviewer can
    type ``s`` ``d`` ``enter`` to see disputed claims only.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel", id="pick.cancel"),
        Binding("enter", "apply", "apply", id="pick.apply", priority=True),
        Binding("0", "clear", "all (no filter)", id="pick.all"),
    ]

    def __init__(
        self,
        title: str,
        choices: Sequence[tuple[str, T, str]],
        selected: Sequence[T] = (),
    ) -> None:
        super().__init__()
        self.pick_title = title
        self.choices = list(choices)
        self.initial = set(selected)
        self.shortcuts = {key: value for _, value, key in self.choices if key}

    def compose(self) -> ComposeResult:
        """The title, the ticking list and a hint."""
        with Vertical(classes="dialog"):
            yield Label(self.pick_title, classes="dialog-title")
            yield TickList[T](
                [(f"{label}  ({k})" if k else label, value) for label, value, k in self.choices],
                tuple(self.initial),
                id="pick-list",
            )
            yield Label(
                "space or the letter ticks · enter applies · 0 shows all · escape cancels",
                classes="dialog-hint",
            )

    def on_key(self, event: events.Key) -> None:
        """A choice's own letter ticks or unticks it."""
        key = event.character
        if key and key in self.shortcuts:
            event.stop()
            self.query_one("#pick-list", TickList).toggle(self.shortcuts[key])

    def action_apply(self) -> None:
        """Hand back what is ticked."""
        self.dismiss(tuple(self.query_one("#pick-list", TickList).selected))

    def action_clear(self) -> None:
        """No filter at all."""
        self.dismiss(())

    def action_cancel(self) -> None:
        """Close and change nothing."""
        self.dismiss(None)
