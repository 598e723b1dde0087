"""Correction dialogs: edit what the extractor read of a claim, add a claim it missed.

Both work from the keyboard alone (tab between fields, arrows to choose a kind), so they
work over SSH. The story's text loads in a worker when the dialog opens; the dialogs
validate what they can (a span inside the story, a source that is not empty, something
changed) and hand back a plain request; the review screen's writer stores it, guarded by
the claim's version, and shows a refusal (a stale claim) as it shows a stale status.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioSet, TextArea
from textual.widgets.text_area import Document, Selection
from textual.worker import get_current_worker

from tracker.store import ClaimRow, Store
from tracker.store.stories import StoryText, story_text
from tracker.ui.widgets.ticks import TickRadio
from tracker.vocab import AttributionKind, SourceKind

SOURCE_KINDS = tuple(SourceKind)
ATTRIBUTION_KINDS = tuple(k for k in AttributionKind if k is not AttributionKind.UNKNOWN)
PREVIEW_CHARS = 160
"""Characters of a chosen span shown in the preview line (its start and end)."""


def parse_span(text: str, length: int | None = None) -> tuple[int, int] | str:
    """``START:END`` as a span of a text ``length`` characters long, or why it is not one."""
    parts = text.replace(" ", "").split(":")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return "write the span as START:END, two character offsets (e.g. 120:184)"
    start, end = int(parts[0]), int(parts[1])
    if start >= end:
        return f"the span {start}:{end} is empty: START must be before END"
    if length is not None and end > length:
        return f"the span {start}:{end} ends after the story (its text is 0:{length})"
    return start, end


def preview(body: str, span: tuple[int, int]) -> str:
    """The text of ``span`` on one line, its middle cut when long."""
    text = " ".join(body[span[0] : span[1]].split())
    if len(text) > PREVIEW_CHARS:
        half = PREVIEW_CHARS // 2 - 2
        text = f"{text[:half]} … {text[-half:]}"
    return f"«{text}»"


@dataclass(frozen=True, slots=True)
class EditRequest:
    """The fields a reviewer changed (None: left as it was) and why."""

    source: str | None = None
    source_kind: SourceKind | None = None
    kind: AttributionKind | None = None
    content_span: tuple[int, int] | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class AddRequest:
    """A claim to add: its span of the story and, if given, its source and kinds."""

    story_id: int
    content_span: tuple[int, int]
    source: str | None = None
    source_kind: SourceKind | None = None
    kind: AttributionKind | None = None
    note: str | None = None


class StoryLoaded(Message):
    """The dialog's story text arrived (``error`` says why it did not)."""

    def __init__(self, story: StoryText | None, error: str | None = None) -> None:
        super().__init__()
        self.story = story
        self.error = error


def kind_choices(
    kinds: tuple[SourceKind, ...] | tuple[AttributionKind, ...], chosen: object
) -> Iterator[TickRadio]:
    """One radio button per kind, ``chosen`` on."""
    for kind in kinds:
        yield TickRadio(kind.value, kind == chosen, name=kind.value)


def document_of(area: TextArea) -> Document:
    """The text area's document (a plain one: the story is read-only and soft-wrapped)."""
    document = area.document
    assert isinstance(document, Document)
    return document


def pressed_name(radios: RadioSet) -> str | None:
    """The name of the chosen button of a radio set (None when none is)."""
    button = radios.pressed_button
    return button.name if button is not None else None


class StoryDialog(ModalScreen[object]):
    """What both dialogs share: the story's text loaded in a worker, a status line."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel", id="correction.cancel"),
        Binding("ctrl+s", "save", "save", id="correction.save", priority=True),
    ]

    def __init__(self, store: Store, story_id: int) -> None:
        super().__init__()
        self.store = store
        self.story_id = story_id
        self.story: StoryText | None = None

    def on_mount(self) -> None:
        """Load the story's text."""
        self.load_story(self.story_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="story")
    def load_story(self, story_id: int) -> None:
        """The story's text, read in a thread."""
        try:
            story = story_text(self.store, story_id=story_id)
        except Exception as exc:  # noqa: BLE001 - shown in the dialog, never fatal
            self.post_message(StoryLoaded(None, str(exc) or type(exc).__name__))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(StoryLoaded(story))

    def on_story_loaded(self, message: StoryLoaded) -> None:
        """Keep the text; show the span against it."""
        if message.story is None:
            self.say(f"cannot read the story: {message.error}", error=True)
            return
        self.story = message.story
        self.story_ready()

    def story_ready(self) -> None:
        """Called once the story's text is in (``self.story``)."""

    def say(self, text: str, *, error: bool = False) -> None:
        """One line under the fields: the span's text, or why the dialog cannot save."""
        line = self.query_one("#correction-status", Label)
        line.update(text)
        line.set_class(error, "error")

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        """Enter in any field saves."""
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Validate and hand the request back (subclasses)."""

    def action_cancel(self) -> None:
        """Close and change nothing."""
        self.dismiss(None)


class EditClaimScreen(StoryDialog):
    """Correct a claim's source (text, kind), attribution kind and content span."""

    def __init__(self, store: Store, claim: ClaimRow) -> None:
        super().__init__(store, claim.story_id)
        self.claim = claim

    def compose(self) -> ComposeResult:
        """The claim, then one field per correctable part of it."""
        claim = self.claim
        span = claim.content_span
        with Vertical(classes="dialog correction"):
            yield Label(f"Correct claim {claim.id}", classes="dialog-title")
            yield Label("Source (who the story says said it)", classes="field-label")
            yield Input(value=claim.source or "", id="edit-source")
            yield Label("Source kind", classes="field-label")
            with RadioSet(id="edit-source-kind", classes="kinds"):
                yield from kind_choices(SOURCE_KINDS, claim.source_kind)
            yield Label("Attribution kind", classes="field-label")
            with RadioSet(id="edit-kind", classes="kinds"):
                yield from kind_choices(ATTRIBUTION_KINDS, claim.kind)
            yield Label("Content span in the story (START:END)", classes="field-label")
            yield Input(
                value=f"{span[0]}:{span[1]}" if span else "",
                placeholder="START:END",
                id="edit-span",
            )
            yield Label("Why (kept in the history; optional)", classes="field-label")
            yield Input(placeholder="e.g. the speaker is the utility, not a person", id="edit-note")
            yield Label(
                "loading the story…",
                id="correction-status",
                classes="span-preview",
                markup=False,  # the span's words, "[sic]" and all
            )
            yield Label(
                "tab moves · arrows choose a kind · enter or ctrl+s saves · escape cancels",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        """Start in the source field."""
        super().on_mount()
        self.query_one("#edit-source", Input).focus()

    def story_ready(self) -> None:
        """Show the span's text."""
        self.show_span(self.query_one("#edit-span", Input).value)

    @on(Input.Changed, "#edit-span")
    def span_changed(self, event: Input.Changed) -> None:
        """Show what the typed span holds, as it is typed."""
        self.show_span(event.value)

    def show_span(self, typed: str) -> None:
        """The span's text, or why it is not a span of this story."""
        if self.story is None:
            return
        if not typed.strip() and self.claim.content_span is None:
            self.say("no span stored for this claim: type START:END to set one")
            return
        span = parse_span(typed, len(self.story.body))
        if isinstance(span, str):
            self.say(span, error=True)
        else:
            self.say(f"{span[0]}:{span[1]}  {preview(self.story.body, span)}")

    def request(self) -> EditRequest | str:
        """What changed, or why it cannot be saved."""
        claim = self.claim
        source = self.query_one("#edit-source", Input).value.strip()
        if not source:
            return "the source cannot be empty (the story's own voice is kind outlet)"
        picked = pressed_name(self.query_one("#edit-source-kind", RadioSet))
        source_kind = SourceKind(picked) if picked else claim.source_kind
        picked = pressed_name(self.query_one("#edit-kind", RadioSet))
        kind = AttributionKind(picked) if picked else claim.kind  # unknown: none is on
        typed = self.query_one("#edit-span", Input).value
        span: tuple[int, int] | None = None
        if typed.strip() or claim.content_span is not None:
            parsed = parse_span(typed, len(self.story.body) if self.story else None)
            if isinstance(parsed, str):
                return parsed
            span = parsed
        note = self.query_one("#edit-note", Input).value.strip() or None
        wanted = EditRequest(
            source=source if source != (claim.source or "") else None,
            source_kind=source_kind if source_kind is not claim.source_kind else None,
            kind=kind if kind is not claim.kind else None,
            content_span=span if span is not None and span != claim.content_span else None,
            note=note,
        )
        if wanted == EditRequest(note=note):
            return "nothing changed: correct a field, or escape to leave the claim as it is"
        return wanted

    def action_save(self) -> None:
        """Hand back the corrections, or say what is wrong with them."""
        wanted = self.request()
        if isinstance(wanted, str):
            self.say(wanted, error=True)
            return
        self.dismiss(wanted)


class AddClaimScreen(StoryDialog):
    """Add a claim the extractor missed: select its text in the story, name its source."""

    def __init__(self, store: Store, story_id: int, *, near: int = 0, title: str = "") -> None:
        super().__init__(store, story_id)
        self.near = near
        self.title_text = title
        self._syncing = False

    def compose(self) -> ComposeResult:
        """The story's text to select in, the span, the source and kinds."""
        with Vertical(classes="dialog correction add-claim"):
            yield Label(
                f"Add a claim to story {self.story_id}: {self.title_text}", classes="dialog-title"
            )
            yield Label(
                "Select the claim's words: move with the arrows, hold shift to select "
                "(ctrl+shift+arrows: by word)",
                classes="field-label",
            )
            yield TextArea("", read_only=True, soft_wrap=True, id="add-story", classes="story-text")
            yield Label("Span (START:END; typing one selects it)", classes="field-label")
            yield Input(placeholder="START:END", id="add-span")
            yield Label(
                "loading the story…",
                id="correction-status",
                classes="span-preview",
                markup=False,  # the span's words, "[sic]" and all
            )
            yield Label("Source (empty: the story's own voice)", classes="field-label")
            yield Input(placeholder="who said it, as the story names them", id="add-source")
            yield Label("Source kind", classes="field-label")
            with RadioSet(id="add-source-kind", classes="kinds"):
                yield from kind_choices(SOURCE_KINDS, None)
            yield Label("Attribution kind", classes="field-label")
            with RadioSet(id="add-kind", classes="kinds"):
                yield from kind_choices(ATTRIBUTION_KINDS, None)
            yield Label(
                "tab moves · ctrl+s adds the claim · escape cancels "
                "(kinds left unchosen: named and speech with a source, else outlet)",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        """Start in the story's text."""
        super().on_mount()
        self.query_one("#add-story", TextArea).focus()

    def story_ready(self) -> None:
        """Put the text in, with the cursor where the highlighted claim was."""
        assert self.story is not None
        area = self.query_one("#add-story", TextArea)
        self._syncing = True
        area.load_text(self.story.body)
        spot = document_of(area).get_location_from_index(min(self.near, len(self.story.body)))
        area.move_cursor(spot, center=True)
        self._syncing = False
        self.say("no words selected yet")

    def selected_span(self) -> tuple[int, int] | None:
        """The selected text as character offsets of the story (None when nothing is)."""
        area = self.query_one("#add-story", TextArea)
        start, end = sorted(area.selection)
        if start == end:
            return None
        document = document_of(area)
        return document.get_index_from_location(start), document.get_index_from_location(end)

    @on(TextArea.SelectionChanged, "#add-story")
    def selection_changed(self, _event: TextArea.SelectionChanged) -> None:
        """Follow the selection with the span field and the preview."""
        if self._syncing or self.story is None:
            return
        span = self.selected_span()
        span_input = self.query_one("#add-span", Input)
        self._syncing = True
        span_input.value = f"{span[0]}:{span[1]}" if span else ""
        self._syncing = False
        if span is None:
            self.say("no words selected yet")
        else:
            self.say(f"{span[0]}:{span[1]}  {preview(self.story.body, span)}")

    @on(Input.Changed, "#add-span")
    def span_typed(self, event: Input.Changed) -> None:
        """A typed span selects its text in the story."""
        if self._syncing or self.story is None:
            return
        span = parse_span(event.value, len(self.story.body))
        if isinstance(span, str):
            self.say(span, error=True)
            return
        area = self.query_one("#add-story", TextArea)
        document = document_of(area)
        self._syncing = True
        area.selection = Selection(
            document.get_location_from_index(span[0]), document.get_location_from_index(span[1])
        )
        area.scroll_cursor_visible(center=True)
        self._syncing = False
        self.say(f"{span[0]}:{span[1]}  {preview(self.story.body, span)}")

    def request(self) -> AddRequest | str:
        """The claim to add, or why it cannot be added."""
        if self.story is None:
            return "the story's text is still loading"
        span = self.selected_span()
        typed = self.query_one("#add-span", Input).value
        if span is None and typed.strip():
            parsed = parse_span(typed, len(self.story.body))
            if isinstance(parsed, str):
                return parsed
            span = parsed
        if span is None:
            return "select the claim's words in the story first (shift+arrows)"
        if not self.story.body[span[0] : span[1]].strip():
            return "the selection holds only spaces"
        source = self.query_one("#add-source", Input).value.strip() or None
        source_kind = pressed_name(self.query_one("#add-source-kind", RadioSet))
        kind = pressed_name(self.query_one("#add-kind", RadioSet))
        return AddRequest(
            story_id=self.story_id,
            content_span=span,
            source=source,
            source_kind=SourceKind(source_kind) if source_kind else None,
            kind=AttributionKind(kind) if kind else None,
        )

    def action_save(self) -> None:
        """Hand back the claim to add, or say what is missing."""
        wanted = self.request()
        if isinstance(wanted, str):
            self.say(wanted, error=True)
            return
        self.dismiss(wanted)
