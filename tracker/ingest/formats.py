"""What the readers accept: story formats, the size limit, the name of standard input.

Kept apart from the readers (and free of imports) so that the command line can offer
these as choices and defaults without loading the readers or the store.
"""

from __future__ import annotations

from enum import StrEnum

# A story, even a long feature with its HTML page around it, is well under a megabyte. A
# bigger file is a dump, a video or a mistake: refused with a reason instead of read into
# memory. ``tracker ingest --max-size`` raises it for large JSON Lines archives.
MAX_FILE_BYTES = 16 * 1024 * 1024

STDIN = "-"
STDIN_NAME = "<stdin>"


class Format(StrEnum):
    """The story formats we read."""

    TXT = "txt"
    MD = "md"
    HTML = "html"
    JSON = "json"
    JSONL = "jsonl"
