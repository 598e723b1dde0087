"""The review application: one main screen over a store, plus help and the palette."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tracker.config import Config
from tracker.store import Store
from tracker.ui.screens.review import ReviewScreen
from tracker.ui.widgets.claim_table import ClaimTable


def action_help(target: object, action: str) -> str:
    """The first line of an action method's docstring: what the palette says it does."""
    method = getattr(target, f"action_{action.split('(')[0]}", None)
    doc = (getattr(method, "__doc__", None) or "").strip().splitlines()
    return doc[0] if doc else ""


class TrackerApp(App[None]):
    """Claim Tracker's review TUI. Takes an open store and the run's configuration."""

    CSS_PATH = "app.tcss"
    TITLE = "Claim Tracker"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    """Every screen is ``-short`` below 32 lines: app.tcss packs it tighter (80x24 works)."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "quit", id="app.quit"),
        Binding("question_mark", "help", "help", key_display="?", id="app.help"),
    ]

    def __init__(self, store: Store, config: Config, *, notice: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.config = config
        self.notice = notice
        self.sub_title = config.reviewer

    def get_default_screen(self) -> Screen[None]:
        """The review screen is the app's first and main screen."""
        return ReviewScreen(self.store, self.config, notice=self.notice)

    def help_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Every key, grouped, read from the bindings so the help never drifts from them."""
        from tracker.ui.screens.help import key_rows

        return [
            ("Moving", key_rows(ClaimTable.BINDINGS)),
            ("Reviewing the highlighted claim", key_rows(ReviewScreen.REVIEW_KEYS)),
            ("Correcting what the extractor read", key_rows(ReviewScreen.CORRECTION_KEYS)),
            ("Finding claims", key_rows(ReviewScreen.FINDING_KEYS)),
            ("More", key_rows(ReviewScreen.MORE_KEYS)),
            (
                "Anywhere",
                key_rows(self.BINDINGS)
                + [(self.COMMAND_PALETTE_BINDING, "command palette: every action by name")],
            ),
        ]

    def action_help(self) -> None:
        """Show the keys (once; ? again closes it)."""
        from tracker.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(self.help_sections()))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every review action in the command palette, with its key in the title."""
        if isinstance(screen, ReviewScreen):
            for owner, target in (
                (ReviewScreen.BINDINGS, screen),
                (ClaimTable.BINDINGS, screen.table),
            ):
                for binding in owner:
                    if not isinstance(binding, Binding) or not binding.description:
                        continue
                    keys = binding.key_display or binding.key.split(",")[0]
                    yield SystemCommand(
                        f"{binding.description.capitalize()} ({keys})",
                        f"{action_help(target, binding.action)} Key: {keys}",
                        partial(target.run_action, binding.action),
                    )
            yield SystemCommand("Help (?)", "List every key", self.action_help)
        yield from super().get_system_commands(screen)


def make_app(store: Store, config: Config, *, notice: str | None = None) -> TrackerApp:
    """The review app over ``store`` (which the caller opened and will close).

    ``notice`` is a line shown when the app opens (what ingesting the given files did).
    """
    return TrackerApp(store, config, notice=notice)
