"""Pick one story to review: the newest stories, narrowed as the reviewer types."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tracker.store import Store, StoryRow, list_stories

STORY_LIMIT = 2000
"""Newest stories offered; older ones are reached by search (/) or t on one of their claims."""


def story_line(story: StoryRow) -> str:
    """One story as the picker lists it; a revised story names its version."""
    published = story.published.isoformat() if story.published else "undated"
    title = story.title or "(untitled)"
    outlet = story.outlet or "no outlet"
    version = ""
    if not story.current:
        version = f" · version {story.version}, older"
    elif story.version > 1:
        version = f" · version {story.version}, current"
    claims = f"{story.claims} claim" + ("" if story.claims == 1 else "s")
    return f"{story.id:>6}  {title}{version}  · {outlet} · {published} · {claims}"


class StoryPicker(ModalScreen[int | None]):
    """Type to narrow the list by title or outlet; enter picks the highlighted story."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel", id="stories.cancel"),
        Binding("down", "down", "next story", show=False, id="stories.down"),
        Binding("up", "up", "previous story", show=False, id="stories.up"),
    ]

    class Loaded(Message):
        """The stories came back from the database."""

        def __init__(self, stories: list[StoryRow]) -> None:
            super().__init__()
            self.stories = stories

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.stories: list[StoryRow] = []
        self.shown: list[StoryRow] = []

    def compose(self) -> ComposeResult:
        """Title, the narrowing input, the list."""
        with Vertical(classes="dialog stories"):
            yield Label("Review one story", classes="dialog-title")
            yield Input(placeholder="type to narrow by title or outlet", id="story-query")
            yield OptionList(id="story-list")
            yield Label("loading stories…", id="story-hint", classes="dialog-hint")

    def on_mount(self) -> None:
        """Load the stories off the UI thread."""
        self.load_stories()

    @work(thread=True, exclusive=True, exit_on_error=False, group="stories")
    def load_stories(self) -> None:
        """The newest stories with their claim counts."""
        stories = list_stories(self.store, limit=STORY_LIMIT)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(stories))

    def on_story_picker_loaded(self, message: Loaded) -> None:
        """Show them."""
        self.stories = message.stories
        more = " (the newest)" if len(self.stories) >= STORY_LIMIT else ""
        self.query_one("#story-hint", Label).update(
            f"{len(self.stories)} stories{more} · enter picks · escape cancels"
        )
        self._show(self.query_one("#story-query", Input).value)

    @on(Input.Changed, "#story-query")
    def narrow(self, event: Input.Changed) -> None:
        """Keep the stories whose title or outlet holds every typed word."""
        self._show(event.value)

    def _show(self, query: str) -> None:
        words = query.lower().split()
        self.shown = [
            s for s in self.stories if all(w in f"{s.title} {s.outlet}".lower() for w in words)
        ]
        options = self.query_one("#story-list", OptionList)
        options.clear_options()
        options.add_options(
            # a title is plain text: "[Updated]" is no markup
            [Option(Text(story_line(s)), id=str(s.id)) for s in self.shown[:500]]
        )
        if self.shown:
            options.highlighted = 0

    @on(Input.Submitted, "#story-query")
    def submitted(self, event: Input.Submitted) -> None:
        """Enter picks the highlighted story."""
        event.stop()
        self._pick(self.query_one("#story-list", OptionList).highlighted)

    @on(OptionList.OptionSelected, "#story-list")
    def selected(self, event: OptionList.OptionSelected) -> None:
        """A click (or enter in the list) picks that story."""
        event.stop()
        self._pick(event.option_index)

    def _pick(self, index: int | None) -> None:
        if index is not None and 0 <= index < len(self.shown):
            self.dismiss(self.shown[index].id)

    def action_down(self) -> None:
        """Move the highlight without leaving the input."""
        self.query_one("#story-list", OptionList).action_cursor_down()

    def action_up(self) -> None:
        """Move the highlight without leaving the input."""
        self.query_one("#story-list", OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        """Change nothing."""
        self.dismiss(None)
