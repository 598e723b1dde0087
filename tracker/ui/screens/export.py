"""The export dialog: write a report of the claims in the current view, with progress.

The writers come from :mod:`tracker.export`; the file is written atomically there, so
an export that fails or is cancelled leaves no half report behind.
"""

from __future__ import annotations

import importlib
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, ProgressBar, RadioSet
from textual.worker import get_current_worker

from tracker.config import Config
from tracker.store import ClaimFilter, Store, count_claims
from tracker.ui.messages import ExportFinished, ExportProgress
from tracker.ui.widgets.ticks import TickBox, TickRadio

FORMAT_LABELS = {
    "md": "Markdown",
    "html": "HTML",
    "csv": "CSV",
    "json": "JSON",
    "claimreview": "ClaimReview",
}


def export_module() -> ModuleType | None:
    """:mod:`tracker.export` when this installation has it, else None."""
    try:
        module = importlib.import_module("tracker.export")
    except ImportError:
        return None
    return module if hasattr(module, "export_to_path") else None


def default_path(fmt: str, extensions: dict[str, str], folder: Path | None = None) -> str:
    """The full path of a report in ``folder`` (the current one), dated so that it does
    not clobber yesterday's."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M")
    name = f"claims-{stamp}{extensions.get(fmt, '.' + fmt)}"
    return str((folder or Path.cwd()) / name)


def full_path(typed: str) -> Path:
    """Where a typed file name will be written: ``~`` expanded, relative to the current folder.

    Pure path arithmetic (no file system access), so the dialog can show it as you type.
    """
    path = Path(typed.strip()).expanduser()
    return path if path.is_absolute() else Path.cwd() / path


def exists_message(path: Path) -> str:
    """Why an export was refused because its file exists, and what to do in this dialog."""
    return (
        f"{path} already exists: tick “overwrite it” (ctrl+o) to replace it, "
        "or change the file name"
    )


class ExportScreen(ModalScreen[str | None]):
    """Pick a format and a file, then export the view; dismisses with the path written."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "close", id="export.close"),
        Binding("ctrl+s", "export", "export", id="export.run"),
        Binding("ctrl+o", "overwrite", "overwrite", id="export.overwrite"),
    ]

    def __init__(
        self,
        store: Store,
        config: Config,
        view: ClaimFilter,
        *,
        module: ModuleType,
        description: str,
    ) -> None:
        super().__init__()
        self.store = store
        self.config = config
        self.view = view
        self.module = module
        self.description = description
        self.formats: tuple[str, ...] = tuple(module.FORMATS)
        self.extensions: dict[str, str] = dict(getattr(module, "EXTENSIONS", {}))
        self.fmt = self.formats[0]
        self.running = False
        self.total: int | None = None

    def compose(self) -> ComposeResult:
        """Format choice, file name and where it goes, options, progress."""
        with Vertical(classes="dialog export"):
            yield Label(f"Export {self.description}", classes="dialog-title")
            with RadioSet(id="export-format"):
                for number, fmt in enumerate(self.formats):
                    yield TickRadio(FORMAT_LABELS.get(fmt, fmt), number == 0, name=fmt)
            path = default_path(self.fmt, self.extensions)
            yield Label("File (edit it to write elsewhere):", classes="export-label")
            yield Input(value=path, id="export-path")
            yield Label(self._where(path), id="export-where", classes="export-where")
            with Horizontal(classes="export-options"):
                yield TickBox("with history", id="export-history")
                yield TickBox("overwrite it if it exists", id="export-force")
            yield ProgressBar(id="export-progress", show_eta=False)
            yield Label(
                "enter in the file name (or ctrl+s) exports · ctrl+o overwrite · escape closes",
                id="export-status",
                classes="dialog-hint",
                markup=False,  # it shows file paths and errors, which may hold "["
            )

    @staticmethod
    def _where(typed: str) -> str:
        if not typed.strip():
            return "writes to: (give a file name)"
        return f"writes to: {full_path(typed)}"

    def on_mount(self) -> None:
        """Start in the file name, at its end, so enter exports at once."""
        self.query_one("#export-progress", ProgressBar).display = False
        path_input = self.query_one("#export-path", Input)
        path_input.focus()
        path_input.cursor_position = len(path_input.value)

    @on(Input.Changed, "#export-path")
    def path_changed(self, event: Input.Changed) -> None:
        """Show the full path the typed name stands for."""
        self.query_one("#export-where", Label).update(self._where(event.value))

    def action_overwrite(self) -> None:
        """Tick or untick overwriting an existing file."""
        box = self.query_one("#export-force", TickBox)
        box.value = not box.value

    @on(RadioSet.Changed)
    def format_changed(self, event: RadioSet.Changed) -> None:
        """Follow the format with the file name's ending."""
        fmt = event.pressed.name or self.fmt
        path_input = self.query_one("#export-path", Input)
        old_ext = self.extensions.get(self.fmt, "." + self.fmt)
        if path_input.value.endswith(old_ext):
            stem = path_input.value[: -len(old_ext)]
            path_input.value = stem + self.extensions.get(fmt, "." + fmt)
        self.fmt = fmt

    @on(Input.Submitted, "#export-path")
    def path_submitted(self, event: Input.Submitted) -> None:
        """Enter in the file name starts the export."""
        event.stop()
        self.action_export()

    def action_export(self) -> None:
        """Write the report in a worker."""
        if self.running:
            return
        typed = self.query_one("#export-path", Input).value.strip()
        if not typed:
            self._status("give a file name for the report", error=True)
            return
        path = str(full_path(typed))
        self.running = True
        bar = self.query_one("#export-progress", ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)
        self._status(f"exporting to {path}…")
        self.run_export(
            path,
            self.fmt,
            self.query_one("#export-history", TickBox).value,
            self.query_one("#export-force", TickBox).value,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def run_export(self, path: str, fmt: str, history: bool, force: bool) -> None:
        """Count, then write the report; progress and the outcome come back as messages."""
        worker = get_current_worker()
        target = Path(path)
        if not force and target.exists() and not target.is_dir():
            self.post_message(ExportFinished(path, 0, exists_message(target)))
            return
        try:
            total = count_claims(self.store, filter=self.view)
            self.post_message(ExportProgress(0, total))
            written = self.module.export_to_path(
                self.store,
                fmt=fmt,
                path=Path(path),
                force=force,
                filter=self.view,
                config=self.config,
                history=history,
                progress=lambda n: (
                    None if worker.is_cancelled else self.post_message(ExportProgress(n, total))
                ),
            )
        except Exception as exc:  # noqa: BLE001 - every failure is shown, none is fatal
            error = str(exc) or type(exc).__name__
            if not force and target.exists() and not target.is_dir():
                error = exists_message(target)  # it appeared while the report was written
            self.post_message(ExportFinished(path, 0, error))
            return
        self.post_message(ExportFinished(path, written))

    def on_export_progress(self, message: ExportProgress) -> None:
        """Move the bar."""
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=message.total or None, progress=message.written)

    def on_export_finished(self, message: ExportFinished) -> None:
        """Say how it went; close on success."""
        self.running = False
        if message.error:
            self.query_one("#export-progress", ProgressBar).display = False
            self._status(f"not exported: {message.error}", error=True)
            if message.error == exists_message(Path(message.path)):
                self.query_one("#export-force", TickBox).focus()
            return
        noun = "claim" if message.written == 1 else "claims"
        self.dismiss(f"{message.written:,} {noun} written to {message.path}")

    def _status(self, text: str, *, error: bool = False) -> None:
        label = self.query_one("#export-status", Label)
        label.update(text)
        label.set_class(error, "error")

    def action_close(self) -> None:
        """Close, unless a report is being written (it would finish unseen)."""
        if self.running:
            self._status("an export is running; wait for it to finish")
            return
        self.dismiss(None)
