"""The detail pane: the highlighted claim in its paragraph, its source, matches and history."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from tracker.store import EXTRACTOR, AuditEntry, ClaimDetail, ClaimRow, StatusCounts
from tracker.ui.widgets.claim_table import STATUS_LABELS
from tracker.ui.widgets.status_bar import StoryStatusBar
from tracker.vocab import ClaimState, ClaimStatus, MatchState


def when(entry: AuditEntry) -> str:
    """An audit time as the desk reads it (UTC, to the minute)."""
    return entry.at.strftime("%Y-%m-%d %H:%M UTC")


def find_span(haystack: str, needle: str | None) -> tuple[int, int] | None:
    """Where ``needle`` first occurs in ``haystack`` (for claims stored without spans)."""
    if not needle:
        return None
    start = haystack.find(needle)
    if start < 0:
        start = haystack.lower().find(needle.lower())
    return (start, start + len(needle)) if start >= 0 else None


_Mark = tuple[str, tuple[int, int] | None, str | None]
"""What to highlight: a style name, a span in the paragraph, else the words to look for."""

PARAGRAPH_LIMIT = 1200
"""Characters of the paragraph shown; a longer one is cut around the claim."""


def crop(paragraph: str, around: int, limit: int = PARAGRAPH_LIMIT) -> tuple[str, int]:
    """At most ``limit`` characters of ``paragraph`` near position ``around``.

    Returns the text (with "…" where it was cut) and the shift: a position ``p`` of the
    paragraph is at ``p - shift`` in the text. A story stored without paragraph spans
    shows as one long paragraph; this keeps the pane quick and the claim in view.
    """
    if len(paragraph) <= limit:
        return paragraph, 0
    low = max(min(around - limit // 3, len(paragraph) - limit), 0)
    high = low + limit
    head = "…" if low else ""
    tail = "…" if high < len(paragraph) else ""
    return f"{head}{paragraph[low:high]}{tail}", low - len(head)


def decided(claim: ClaimRow) -> str:
    """Who set the claim's status: a person, or the extractor from the story's wording."""
    if claim.decided_by == EXTRACTOR:
        return "* set by the extractor from the story's wording, not yet by a person"
    if claim.decided_by:
        return f"decided by {claim.decided_by}"
    return "not decided yet"


def describe_changes(changes: Mapping[str, Sequence[Any]] | None) -> list[str]:
    """A correction's changed fields (source, kinds, span), each as ``old → new``."""
    changes = changes or {}
    parts: list[str] = []
    if "source" in changes:
        old, new = changes["source"]
        parts.append(f"source “{old or '—'}” → “{new or '—'}”")
    for field, label in (("source_kind", "source kind"), ("kind", "kind")):
        if field in changes:
            old, new = changes[field]
            parts.append(f"{label} {old or '—'} → {new or '—'}")
    if "content_start" in changes or "content_end" in changes:
        old_start, new_start = changes.get("content_start", (None, None))
        old_end, new_end = changes.get("content_end", (None, None))
        parts.append(f"span {old_start}:{old_end} → {new_start}:{new_end}")
    return parts


CORRECTION_WORDS = {
    "edit": "corrected",
    "dismiss": "dismissed (not a claim)",
    "restore": "restored",
    "add": "added by hand",
    "carry_over": "carried over from an earlier version",
    "supersede": "superseded by a newer version",
}


def describe_event(entry: AuditEntry) -> str:
    """One line of the audit trail: when, who, and what changed."""
    old = entry.old_status.value if entry.old_status else "—"
    new = entry.new_status.value if entry.new_status else "—"
    note_changed = entry.new_note != entry.old_note
    if entry.action == "note":
        what = f"note: {entry.new_note}" if entry.new_note else "note cleared"
    elif entry.action == "match":
        what = entry.new_note or "match decided"
    elif entry.action in CORRECTION_WORDS:
        what = CORRECTION_WORDS[entry.action]
        fields = describe_changes(entry.changes)
        if fields and entry.action != "add":
            what += ": " + "; ".join(fields)
        why = (entry.detail or {}).get("note")
        if why:
            what += f" ({why})"
    else:
        prefix = {"extract": "read from the story: ", "undo": "undo: "}.get(entry.action, "")
        what = f"{prefix}{old} → {new}"
        if entry.action == "undo" and old == new:
            fields = describe_changes(entry.changes)
            state = (entry.changes or {}).get("state")
            if state:
                fields.append("back in the lists" if state[1] != "dismissed" else "dismissed")
            what = "undo: " + ("; ".join(fields) or "as it was")
        if note_changed:
            what += f" ({entry.new_note})" if entry.new_note else " (note cleared)"
    return f"{when(entry)}  {entry.reviewer}: {what}"


class ClaimDetailPane(Horizontal):
    """Everything about one claim, in two columns: the story side and the review side."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "detail--content",
        "detail--source",
        "detail--cue",
        "detail--label",
        "detail--muted",
        "detail--suggested",
    } | {f"detail--status-{status.value}" for status in ClaimStatus}

    def compose(self) -> ComposeResult:
        """Two scrolling columns of plain text blocks."""
        with VerticalScroll(id="detail-story"):
            yield Static(id="detail-context")
            yield Static(id="detail-source")
        with VerticalScroll(id="detail-review"):
            yield StoryStatusBar(id="story-status")
            yield Static(id="detail-matches")
            yield Static(id="detail-history")

    def _style(self, name: str) -> str:
        return str(self.get_component_rich_style(f"detail--{name}", partial=True))

    def _status(self, status: ClaimStatus) -> Text:
        return Text(STATUS_LABELS[status], style=self._style(f"status-{status.value}"))

    def clear(self, message: str = "") -> None:
        """Show nothing but ``message`` (no claim highlighted)."""
        self.query_one("#detail-context", Static).update(message)
        for name in ("#detail-source", "#detail-matches", "#detail-history"):
            self.query_one(name, Static).update("")
        self.query_one(StoryStatusBar).show(None)

    def show(self, detail: ClaimDetail, story_counts: StatusCounts | None) -> None:
        """Fill both columns from ``detail``."""
        self.query_one("#detail-context", Static).update(self.context_text(detail))
        self.query_one("#detail-source", Static).update(self.source_text(detail))
        self.query_one(StoryStatusBar).show(story_counts)
        self.query_one("#detail-matches", Static).update(self.matches_text(detail))
        self.query_one("#detail-history", Static).update(self.history_text(detail))

    def context_text(self, detail: ClaimDetail) -> Text:
        """The story line, then the paragraph with content, source and cue highlighted."""
        claim = detail.claim
        label = self._style("label")
        muted = self._style("muted")
        text = Text()
        text.append(claim.story_title or "(untitled story)", label)
        where = " · ".join(
            part
            for part in (
                claim.outlet,
                claim.published.isoformat() if claim.published else "",
                detail.byline or "",
            )
            if part
        )
        if where:
            text.append(f"  {where}", muted)
        text.append("\n")
        paragraph = detail.paragraph.strip("\n") or claim.sentence or claim.text
        offset = detail.paragraph.find(paragraph) if paragraph in detail.paragraph else 0
        marks: list[tuple[str, int, int]] = []
        # Each segment of the content on its own: a quote broken by its attribution shows
        # as two highlighted pieces with the source and cue between them.
        segments = [detail.relative(s) for s in claim.segments if s != claim.content_span]
        content: list[_Mark] = [("content", s, None) for s in segments if s is not None] or [
            ("content", detail.relative(claim.content_span), claim.text)
        ]
        spans: tuple[_Mark, ...] = (
            *content,
            ("source", detail.relative(claim.source_span), claim.source),
            ("cue", detail.relative(claim.cue_span), claim.cue),
        )
        for name, span, words in spans:
            if span is not None:
                start, end = span[0] - offset, span[1] - offset
            else:
                found = find_span(paragraph, words)
                if found is None:
                    continue
                start, end = found
            if 0 <= start < end <= len(paragraph):
                marks.append((name, start, end))
        around = marks[0][1] if marks else max(paragraph.find(claim.sentence), 0)
        shown, shift = crop(paragraph, around)
        body = Text(shown)
        for name, start, end in marks:
            start, end = max(start - shift, 0), min(end - shift, len(shown))
            if start < end:
                body.stylize(self._style(name), start, end)
        text.append_text(body)
        text.append("\n\n")
        text.append("Status ", label)
        text.append_text(self._status(claim.status))
        if claim.status_note:
            text.append(f" — {claim.status_note}")
        text.append(f"   {decided(claim)} · version {claim.version}", muted)
        if claim.state is ClaimState.DISMISSED:
            text.append("\nDismissed: not a claim (X restores it)", label)
        elif claim.state is ClaimState.DROPPED:
            text.append(
                "\n⚑ Not in the story's newest version: decide it again or dismiss it (X)", label
            )
        if claim.added_by:
            text.append(f"\nAdded by hand by {claim.added_by}", muted)
        return text

    def source_text(self, detail: ClaimDetail) -> Text:
        """Who said it, how, and what else they said in this story."""
        claim = detail.claim
        label = self._style("label")
        muted = self._style("muted")
        text = Text()
        text.append("Source ", label)
        text.append(claim.source or "—", self._style("source"))
        text.append(f" ({claim.source_kind.value})", muted)
        if claim.cue:
            text.append("  cue ", label)
            text.append(claim.cue, self._style("cue"))
        text.append(f"  quote {claim.quote}", muted)
        text.append("  kind ", label)
        text.append(claim.kind.value)
        if len(claim.segments) > 1:
            text.append(f"  ({len(claim.segments)} segments)", muted)
        if detail.source_claims:
            text.append("\nAlso from this source:", label)
            for other in detail.source_claims[:8]:
                text.append("\n  • ")
                text.append_text(self._status(other.status))
                text.append(f"  {other.text}")
            if len(detail.source_claims) > 8:
                text.append(f"\n  … and {len(detail.source_claims) - 8} more", muted)
        return text

    def matches_text(self, detail: ClaimDetail) -> Text:
        """The same claim (or a conflicting one) in other stories, with what was decided."""
        label = self._style("label")
        muted = self._style("muted")
        text = Text()
        text.append(f"Matches in other stories ({len(detail.matches)})", label)
        if not detail.matches:
            text.append("\n  none found", muted)
        for match in detail.matches[:6]:
            text.append("\n  • ")
            text.append_text(self._status(match.status))
            kind = "conflicts" if match.kind == "conflict" else "same"
            state = match.state.value
            style = self._style("suggested") if match.state is MatchState.SUGGESTED else muted
            text.append(f" {kind}, {state} {match.score:.0f}", style)
            text.append(f"  {match.outlet}: {match.text}")
        if len(detail.matches) > 6:
            text.append(f"\n  … {len(detail.matches) - 6} more: press m", muted)
        return text

    def history_text(self, detail: ClaimDetail) -> Text:
        """The claim's audit trail, newest first."""
        text = Text()
        text.append(f"History ({len(detail.history)})", self._style("label"))
        if not detail.history:
            text.append("\n  no changes yet", self._style("muted"))
        for entry in reversed(detail.history[-12:]):
            text.append(f"\n  {describe_event(entry)}")
        return text
