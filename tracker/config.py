"""Where the database lives, who is reviewing, and who publishes the fact-checks.

Precedence everywhere: an explicit value (a command-line flag), then the environment
(``TRACKER_DB``, ``TRACKER_REVIEWER``, ``TRACKER_ORG``, ``TRACKER_ORG_URL``,
``TRACKER_REVIEW_URL``), then the settings file ``config.toml`` in the data directory
(written by ``tracker config set``), then a default. The newsroom's name and web
address, and where its reviews are published, have no default: ClaimReview is refused
until they are set, rather than published under an invented name or address.
"""

from __future__ import annotations

import getpass
import os
import re
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "claim-tracker"
DB_ENV = "TRACKER_DB"
REVIEWER_ENV = "TRACKER_REVIEWER"
DATA_DIR_ENV = "TRACKER_DATA_DIR"
ORG_ENV = "TRACKER_ORG"
ORG_URL_ENV = "TRACKER_ORG_URL"
REVIEW_URL_ENV = "TRACKER_REVIEW_URL"
CONFIG_FILE = "config.toml"
# What reports call the organisation when none is configured (never published as one).
DEFAULT_ORGANIZATION = "Claim Tracker"
CLAIM_ID_FIELD = "{claim_id}"

_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"'`\\{}]+(\{claim_id\}[^\s<>\"'`\\{}]*)?")


class ConfigError(Exception):
    """A setting that cannot be read or stored, with a message meant for people."""


@dataclass(frozen=True, slots=True)
class Setting:
    """One key of ``config.toml``: what it means and the environment variable over it."""

    key: str
    help: str
    env: str
    template: bool = False  # a web address with {claim_id} in it

    def check(self, value: str) -> str:
        """The value as stored, or :class:`ConfigError` saying what is wrong with it."""
        value = value.strip()
        if self.key == "organization.name":
            if not value or len(value) > 200 or any(ch in value for ch in "\r\n\t"):
                raise ConfigError(f"{self.key}: give a name of one line (at most 200 characters)")
            return value
        if not _WEB_ADDRESS.fullmatch(value):
            raise ConfigError(f"{self.key}: {value!r} is not a web address (https://...)")
        if self.template and CLAIM_ID_FIELD not in value:
            raise ConfigError(
                f"{self.key}: the address must say where the claim's id goes, "
                f"e.g. https://example.org/fact-checks/{CLAIM_ID_FIELD}"
            )
        if not self.template and CLAIM_ID_FIELD in value:
            raise ConfigError(f"{self.key}: {CLAIM_ID_FIELD} belongs in review.url only")
        return value


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting(
            "organization.name",
            "your newsroom's name, the author of the ClaimReview it publishes",
            ORG_ENV,
        ),
        Setting("organization.url", "your newsroom's web address (https://...)", ORG_URL_ENV),
        Setting(
            "review.url",
            "where each fact-check is published, with {claim_id} for the claim's id",
            REVIEW_URL_ENV,
            template=True,
        ),
    )
}


def data_dir() -> Path:
    """The user's data directory for Claim Tracker (``TRACKER_DATA_DIR`` overrides it)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_path() -> Path:
    """The settings file: ``config.toml`` in the data directory."""
    return data_dir() / CONFIG_FILE


def read_settings(path: Path | None = None) -> dict[str, str]:
    """The settings stored in ``path`` (default: :func:`config_path`), by dotted key.

    A missing file is no settings; a file that is not TOML, or holds a key we do not
    know or a bad value, raises :class:`ConfigError` naming the file.
    """
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from exc
    import tomllib

    try:
        document = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path} is not a valid settings file: {exc}") from exc
    found: dict[str, str] = {}
    for section, table in document.items():
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: unknown setting {section!r}")
        for name, value in table.items():
            key = f"{section}.{name}"
            if key not in SETTINGS:
                raise ConfigError(f"{path}: unknown setting {key!r}; known: {', '.join(SETTINGS)}")
            if not isinstance(value, str):
                raise ConfigError(f"{path}: {key} must be a string")
            found[key] = SETTINGS[key].check(value)
    return found


def write_setting(key: str, value: str | None, path: Path | None = None) -> str | None:
    """Store (or with ``None`` or "" remove) one setting; returns the value as stored.

    The file is replaced whole and atomically, so an interrupted write never leaves
    half a settings file.
    """
    if key not in SETTINGS:
        raise ConfigError(f"unknown setting {key!r}; known: {', '.join(SETTINGS)}")
    path = path or config_path()
    settings = read_settings(path)
    stored = SETTINGS[key].check(value) if value and value.strip() else None
    if stored is None:
        settings.pop(key, None)
    else:
        settings[key] = stored
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.part")
    temp.write_text(_toml(settings), encoding="utf-8")
    os.replace(temp, path)
    return stored


def _toml(settings: dict[str, str]) -> str:
    lines = ["# Claim Tracker settings; edit with `tracker config set KEY VALUE`."]
    sections: dict[str, list[tuple[str, str]]] = {}
    for key in SETTINGS:  # a stable order: the order SETTINGS lists them in
        if key in settings:
            section, name = key.split(".", 1)
            sections.setdefault(section, []).append((name, settings[key]))
    for section, items in sections.items():
        lines.append(f"\n[{section}]")
        lines.extend(f"{name} = {_toml_string(value)}" for name, value in items)
    return "\n".join(lines) + "\n"


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


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


def resolve_settings(path: Path | None = None) -> dict[str, str]:
    """Every configured setting: the environment over the settings file."""
    settings = read_settings(path)
    for key, setting in SETTINGS.items():
        value = os.environ.get(setting.env, "").strip()
        if value:
            settings[key] = setting.check(value)
    return settings


@dataclass(frozen=True, slots=True)
class Config:
    """Settings for one run of the tool.

    ``organization`` is None until configured (reports then say "Claim Tracker");
    ``organization_url`` and ``review_url`` likewise, and ClaimReview needs all three.
    """

    db_url: str
    reviewer: str
    organization: str | None = None
    organization_url: str | None = None
    review_url: str | None = None

    @classmethod
    def load(cls, *, db: str | None = None, reviewer: str | None = None) -> Config:
        """Build the configuration from flags, the environment and the settings file."""
        settings = resolve_settings()
        return cls(
            db_url=resolve_db_url(db),
            reviewer=resolve_reviewer(reviewer),
            organization=settings.get("organization.name"),
            organization_url=settings.get("organization.url"),
            review_url=settings.get("review.url"),
        )
