"""Ingestion: story files (txt, md, html, json, jsonl) read, extracted and stored.

``ingest_paths(store, paths)`` is what ``tracker ingest`` and ``tracker review PATH...``
run; the readers are usable on their own (``read_path``) and never touch the database.
"""

from tracker.ingest.errors import ReadError
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
    MAX_FILE_BYTES,
    FileReading,
    Format,
    first_line_title,
    parse_published,
    read_bytes,
    read_path,
    read_text,
)

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
