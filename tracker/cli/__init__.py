"""The ``tracker`` command. Each command module registers itself on the shared app."""

from __future__ import annotations

from tracker.cli import claims_cmd, db_cmd, export_cmd, extract_cmd, ingest_cmd  # noqa: F401
from tracker.cli import match_cmd  # noqa: F401  (tracker match, tracker matches)
from tracker.cli import review_cmd  # noqa: F401  (tracker review, bare tracker)
from tracker.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``tracker`` script and ``python -m tracker``."""
    app()
