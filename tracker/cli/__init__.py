"""The ``tracker`` command. Each command module registers itself on the shared app.

Importing this package loads Typer and the command modules, nothing heavier: each
command imports what it runs inside its own body (see :mod:`tracker.cli.app`).
"""

from __future__ import annotations

from tracker.cli import (  # noqa: F401
    claims_cmd,
    config_cmd,  # tracker config set/show
    corrections_cmd,  # tracker edit, dismiss, restore, add
    db_cmd,
    export_cmd,
    extract_cmd,
    ingest_cmd,
    match_cmd,  # tracker match, tracker matches
    review_cmd,  # tracker review, bare tracker
)
from tracker.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``tracker`` script and ``python -m tracker``."""
    app(prog_name="tracker")  # also under `python -m tracker`
