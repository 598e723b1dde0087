"""Audit reports: Markdown, HTML, CSV, JSON and schema.org ClaimReview; extraction gold.

The desk, the standards editor and sometimes a lawyer read these, so a report is
complete (every claim the filter keeps), exact (one database snapshot for summary and
body), safe to open (untrusted text escaped for its format) and reproducible (with
``SOURCE_DATE_EPOCH`` set, the same database and filter give the same bytes).

Reports are written while they are read: a million claims stream through in batches.

    from tracker.export import export_report, export_to_path
    export_to_path(store, fmt="md", path=Path("report.md"), config=config)
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    # The writers and the store load when a report is written, not when the command line
    # starts (``tracker export --help`` and the format list stay cheap).
    from tracker.config import Config
    from tracker.export.header import ReportHeader
    from tracker.store.claims import ClaimFilter
    from tracker.store.core import Store
    from tracker.store.reports import ReportSnapshot

# The audit reports (the review screen's export dialog offers these) ...
FORMATS: tuple[str, ...] = ("md", "html", "csv", "json", "claimreview")
# ... and every format the command line writes: the reports and extraction gold.
ALL_FORMATS: tuple[str, ...] = (*FORMATS, "gold")

# The file name ending each format is usually saved with (for dialogs and defaults).
EXTENSIONS: dict[str, str] = {
    "md": ".md",
    "html": ".html",
    "csv": ".csv",
    "json": ".json",
    "claimreview": ".jsonld",
}
# Formats that take whole stories: a filter on claims would leave a story half annotated.
WHOLE_STORIES = ("gold",)


class ExportError(Exception):
    """An export that cannot be made, with a message meant for people. Nothing was written."""


class _Writer(Protocol):
    def __call__(
        self,
        snapshot: ReportSnapshot,
        out: TextIO,
        header: ReportHeader,
        *,
        history: bool,
        events: bool,
        progress: Callable[[int], None] | None,
    ) -> int: ...


def _writer(fmt: str) -> _Writer:
    """The writer of one format (a module of this package named for it)."""
    from tracker.export import claimreview, csv_table, gold, html_page, json_report, markdown

    writers: dict[str, _Writer] = {
        "md": markdown.write,
        "html": html_page.write,
        "csv": csv_table.write,
        "json": json_report.write,
        "claimreview": claimreview.write,
        "gold": gold.write,
    }
    return writers[check_format(fmt)]


def check_format(fmt: str) -> str:
    """The format name, normalised; raises :class:`ExportError` naming the choices."""
    key = fmt.strip().lower()
    if key in ("markdown",):
        key = "md"
    if key not in ALL_FORMATS:
        choices = ", ".join(ALL_FORMATS)
        raise ExportError(f"unknown report format {fmt!r}; expected one of: {choices}")
    return key


def export_report(
    store: Store,
    *,
    fmt: str,
    out: TextIO,
    filter: ClaimFilter | None = None,
    config: Config,
    history: bool = False,
    events: bool = False,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write a report of the claims ``filter`` keeps to ``out``; returns the claims written.

    ``history`` adds each claim's audit trail (md, html); ``events`` makes the CSV one row
    per audit event. JSON always carries the events; ClaimReview covers only claims with a
    verdict. ``progress`` is called with the running count after each batch, so a worker
    thread can report how far it got. All reading happens in one database snapshot.
    """
    from tracker.export.header import make_header
    from tracker.store.claims import ClaimFilter
    from tracker.store.reports import report_snapshot

    writer = _writer(fmt)
    flt = filter or ClaimFilter()
    if check_format(fmt) in WHOLE_STORIES and (
        flt.statuses or flt.source_kinds or flt.kinds or flt.source or flt.text
    ):
        raise ExportError(f"--format {fmt} writes whole stories: only --story and --since apply")
    header = make_header(store.url, config, flt)
    with report_snapshot(store) as snapshot:
        if flt.story_id is not None and not snapshot.story_exists(flt.story_id):
            raise ExportError(f"no story with id {flt.story_id}")
        return writer(snapshot, out, header, history=history, events=events, progress=progress)


def _umask() -> int:
    # Reading the umask without setting it (os.umask is process-wide and racy in threads).
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def export_to_path(
    store: Store,
    *,
    fmt: str,
    path: Path,
    force: bool = False,
    filter: ClaimFilter | None = None,
    config: Config,
    history: bool = False,
    events: bool = False,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write a report to ``path`` atomically; returns the claims written.

    The report goes to a temporary file beside ``path`` and takes its place only once it
    is complete, so a failed or interrupted export never leaves half a file, and never
    damages an earlier report. An existing file is refused with :class:`ExportError`
    unless ``force``; without ``force`` the final step cannot overwrite a file that
    appeared meanwhile either.
    """
    check_format(fmt)
    path = Path(path).expanduser()
    if path.is_dir():
        raise ExportError(f"{path} is a directory; give a file name for the report")
    if path.exists() and not force:
        raise ExportError(f"{path} already exists; use --force to overwrite it")
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(f"cannot write {path}: the folder {folder} does not exist")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExportError(f"cannot write in {folder}: {exc.strerror or exc}") from exc
    temp = Path(temp_name)
    try:
        with open(handle, "w", encoding="utf-8", newline="") as out:
            count = export_report(
                store,
                fmt=fmt,
                out=out,
                filter=filter,
                config=config,
                history=history,
                events=events,
                progress=progress,
            )
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o666 & ~_umask())
        _put_in_place(temp, path, force=force)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return count


def _put_in_place(temp: Path, path: Path, *, force: bool) -> None:
    if force:
        os.replace(temp, path)
        return
    try:
        # A hard link fails if the name exists: no window in which a file that appeared
        # during the export could be overwritten.
        os.link(temp, path)
    except FileExistsError:
        raise ExportError(f"{path} already exists; use --force to overwrite it") from None
    except OSError:
        if path.exists():
            raise ExportError(f"{path} already exists; use --force to overwrite it") from None
        os.replace(temp, path)  # a file system without hard links
        return
    temp.unlink()


__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "ExportError",
    "check_format",
    "export_report",
    "export_to_path",
]
