"""Where the database lives and who is reviewing.

Precedence everywhere: an explicit value (a command-line flag), then the
environment (``TRACKER_DB``, ``TRACKER_REVIEWER``), then a default.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "claim-tracker"
DB_ENV = "TRACKER_DB"
REVIEWER_ENV = "TRACKER_REVIEWER"
DATA_DIR_ENV = "TRACKER_DATA_DIR"
ORG_ENV = "TRACKER_ORG"


def data_dir() -> Path:
    """The user's data directory for Claim Tracker (``TRACKER_DATA_DIR`` overrides it)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_url() -> str:
    """A SQLite file in the user data directory."""
    return f"sqlite:///{data_dir() / 'tracker.db'}"


def normalise_db_url(value: str) -> str:
    """Accept a bare file path as well as a SQLAlchemy URL."""
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def resolve_db_url(explicit: str | None = None) -> str:
    """The database URL: the flag, else ``TRACKER_DB``, else the default file."""
    value = explicit or os.environ.get(DB_ENV)
    return normalise_db_url(value) if value else default_db_url()


def resolve_reviewer(explicit: str | None = None) -> str:
    """The reviewer's name: the flag, else ``TRACKER_REVIEWER``, else the login name."""
    value = explicit or os.environ.get(REVIEWER_ENV)
    if value and value.strip():
        return value.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@dataclass(frozen=True, slots=True)
class Config:
    """Settings for one run of the tool."""

    db_url: str
    reviewer: str
    organization: str = "Claim Tracker"

    @classmethod
    def load(cls, *, db: str | None = None, reviewer: str | None = None) -> Config:
        """Build the configuration from flags and the environment."""
        return cls(
            db_url=resolve_db_url(db),
            reviewer=resolve_reviewer(reviewer),
            organization=os.environ.get(ORG_ENV, "Claim Tracker"),
        )
