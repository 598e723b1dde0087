"""Ingestion: story files (txt, md, html, json, jsonl) read, extracted and stored.

``ingest_paths(store, paths)`` is what ``tracker ingest`` and ``tracker review PATH...``
run; the readers are usable on their own (``read_path``) and never touch the database.
Each name loads its own module when first used (see :mod:`tracker.lazy_exports`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from tracker.ingest.errors import ReadError
    from tracker.ingest.formats import MAX_FILE_BYTES, Format
    from tracker.ingest.paths import Expansion, expand_paths
    from tracker.ingest.pipeline import (
        IngestInterrupted,
        IngestSummary,
        StoryFailed,
        StoryReport,
        ingest_paths,
        ingest_story,
    )
    from tracker.ingest.readers import (
        FileReading,
        first_line_title,
        parse_published,
        read_bytes,
        read_path,
        read_text,
    )

_EXPORTS = {
    "ReadError": "tracker.ingest.errors",
    "MAX_FILE_BYTES": "tracker.ingest.formats",
    "Format": "tracker.ingest.formats",
    "Expansion": "tracker.ingest.paths",
    "expand_paths": "tracker.ingest.paths",
    **dict.fromkeys(
        (
            "IngestInterrupted",
            "IngestSummary",
            "StoryFailed",
            "StoryReport",
            "ingest_paths",
            "ingest_story",
        ),
        "tracker.ingest.pipeline",
    ),
    **dict.fromkeys(
        (
            "FileReading",
            "first_line_title",
            "parse_published",
            "read_bytes",
            "read_path",
            "read_text",
        ),
        "tracker.ingest.readers",
    ),
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

__all__ = [
    "MAX_FILE_BYTES",
    "Expansion",
    "FileReading",
    "Format",
    "IngestInterrupted",
    "IngestSummary",
    "ReadError",
    "StoryFailed",
    "StoryReport",
    "expand_paths",
    "first_line_title",
    "ingest_paths",
    "ingest_story",
    "parse_published",
    "read_bytes",
    "read_path",
    "read_text",
]
