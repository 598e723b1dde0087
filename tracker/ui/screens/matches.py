"""The matches of one claim: the same claim (or a conflicting one) in other stories."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tracker.matching.explain_text import meaning_line, reasons
from tracker.store import ClaimMatch, ClaimRow
from tracker.ui.widgets.claim_table import STATUS_LABELS
from tracker.vocab import MatchState


def why_matched(match: ClaimMatch) -> str:
    """The matcher's word-level reasons for a match (the score and the meaning have lines
    of their own), cut after a whole word to stay short."""
    return reasons(match.summary, limit=200)


@dataclass(frozen=True, slots=True)
class MatchChoice:
    """What the reviewer chose in the matches dialog."""

    action: Literal["open", "accept", "reject"]
    match: ClaimMatch


class MatchesScreen(ModalScreen[MatchChoice | None]):
    """List a claim's matches; enter opens the other claim, a/x decide a suggested one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,m", "close", "close", id="matches.close"),
        Binding("enter", "open", "open that claim", id="matches.open", priority=True),
        Binding("a", "accept", "accept match", id="matches.accept"),
        Binding("x", "reject", "reject match", id="matches.reject"),
        Binding("j", "move(1)", "next match", show=False, id="matches.next"),
        Binding("k", "move(-1)", "previous match", show=False, id="matches.previous"),
    ]

    def __init__(self, claim: ClaimRow, matches: list[ClaimMatch]) -> None:
        super().__init__()
        self.claim = claim
        self.matches = matches

    def compose(self) -> ComposeResult:
        """The claim, then one line per match."""
        with Vertical(classes="dialog matches"):
            yield Label(
                f"Matches of claim {self.claim.id}: {self.claim.text}",
                classes="dialog-title",
                markup=False,  # the claim's words, "[sic]" and all
            )
            if self.matches:
                yield OptionList(
                    *(Option(self._line(m), id=str(m.match_id)) for m in self.matches),
                    id="match-list",
                )
            else:
                yield Label("No other story carries this claim (yet).", classes="dialog-hint")
            yield Label(
                "j/k or arrows move · enter opens the other claim · a accepts · x rejects "
                "a suggested match (recorded in both claims' history) · escape closes",
                classes="dialog-hint",
            )

    @staticmethod
    def _line(match: ClaimMatch) -> Text:
        kind = "CONFLICT" if match.kind == "conflict" else "same"
        published = f" {match.published.isoformat()}" if match.published else ""
        text = Text()
        text.append(f"{kind:8} {match.state.value:9} {match.score:5.1f}  ")
        text.append(f"[{STATUS_LABELS[match.status]}] ", style="bold")
        text.append(f"{match.outlet}{published} · {match.story_title}\n    {match.text}")
        meaning = meaning_line(match.explanation)
        if meaning:
            # scored with the meaning model: what it contributed, beside the wording alone
            text.append(f"\n    {meaning}", style="bold")
        why = why_matched(match)
        if why:
            text.append(f"\n    why: {why}", style="italic")
        return text

    def _highlighted(self) -> ClaimMatch | None:
        if not self.matches:
            return None
        index = self.query_one("#match-list", OptionList).highlighted
        return self.matches[index] if index is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Accept and reject apply to suggested matches; others show greyed out."""
        if action in ("accept", "reject"):
            match = self._highlighted() if self.is_mounted else None
            return match is not None and match.state is MatchState.SUGGESTED or None
        return True

    def on_option_list_option_highlighted(self) -> None:
        """Grey out accept/reject on matches already decided."""
        self.refresh_bindings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click or enter on a match opens it."""
        event.stop()
        self.action_open()

    def action_move(self, step: int) -> None:
        """Highlight the next (1) or previous (-1) match, as the arrows do."""
        if not self.matches:
            return
        options = self.query_one("#match-list", OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_open(self) -> None:
        """Close and go to the other claim."""
        match = self._highlighted()
        self.dismiss(MatchChoice("open", match) if match else None)

    def action_accept(self) -> None:
        """Confirm that the two claims are the same (or conflict)."""
        match = self._highlighted()
        if match is not None:
            self.dismiss(MatchChoice("accept", match))

    def action_reject(self) -> None:
        """Record that the two claims are not a match."""
        match = self._highlighted()
        if match is not None:
            self.dismiss(MatchChoice("reject", match))

    def action_close(self) -> None:
        """Back to the claims."""
        self.dismiss(None)
