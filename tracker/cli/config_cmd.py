"""``tracker config``: the newsroom's name, web address and where its reviews are published."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli.app import app, fail

config_app = typer.Typer(
    help="Show or change settings (config.toml in the data directory): the newsroom's name "
    "and web address, and where its fact-checks are published (ClaimReview needs them)."
)
app.add_typer(config_app, name="config")


@config_app.command("set")
def set_value(
    key: Annotated[
        str,
        typer.Argument(
            help="organization.name, organization.url or review.url.", show_default=False
        ),
    ],
    value: Annotated[
        str,
        typer.Argument(help="The value; an empty string removes the setting.", show_default=False),
    ],
) -> None:
    """Store one setting, e.g. `tracker config set review.url https://example.org/checks/{claim_id}`."""
    from tracker.config import ConfigError, config_path, write_setting

    try:
        stored = write_setting(key, value)
    except ConfigError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write {config_path()}: {exc.strerror or exc}")
    shown = "removed" if stored is None else f"= {stored}"
    typer.echo(f"{key} {shown} (in {config_path()})")


@config_app.command("show")
def show() -> None:
    """Print every setting with its value and where it comes from (environment or file)."""
    import os

    from tracker.config import SETTINGS, ConfigError, config_path, read_settings

    path = config_path()
    try:
        stored = read_settings(path)
    except ConfigError as exc:
        fail(str(exc))
    typer.echo(f"# {path}{'' if path.exists() else ' (not written yet)'}")
    for key, setting in SETTINGS.items():
        from_env = os.environ.get(setting.env, "").strip()
        if from_env:
            typer.echo(f"{key} = {from_env}  (from {setting.env})")
        elif key in stored:
            typer.echo(f"{key} = {stored[key]}")
        else:
            typer.echo(f"{key} is not set: {setting.help}")
