"""Why a file or a story in it could not be read."""

from __future__ import annotations


class ReadError(Exception):
    """A file, or one story in it, that cannot be read; the message says why, for people."""

    @property
    def reason(self) -> str:
        """The reason, as printed after the file's name."""
        return str(self)
