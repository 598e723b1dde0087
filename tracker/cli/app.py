"""The Typer application and what every command shares: options, errors, opening the store.

Start-up cost is paid by every script that calls ``tracker`` in a loop, so a command
module imports only Typer and this module at its top; the store, SQLAlchemy, Textual,
the extractor, the readers and Rich load inside the command that uses them. A new
command follows the same pattern (``tests/unit/test_layering.py`` checks it):

    @app.command("frobnicate")
    def frobnicate(claim_id: ClaimIdArgument, db: DbOption = None) -> None:
        from tracker import store  # here, not at the top of the module

        s = open_store(load_config(db))
        ...
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

try:  # Typer carries its own copy of Click since 0.2x; its errors are that copy's classes
    from typer._click import exceptions as click_errors
except ImportError:  # an older Typer on the real Click
    from click import exceptions as click_errors  # type: ignore[no-redef]

if TYPE_CHECKING:
    from tracker.config import Config
    from tracker.store import Store


class TrackerGroup(TyperGroup):
    """The root command, with Click's usage errors said like every other error.

    Click prints a usage line, a hint and an error box for a bad option or value and exits
    2; here it is one line, ``error: ... ; see tracker CMD --help`` on stderr, and exit 1,
    as the README promises. ``--help`` still prints the help and exits 0; an exit status a
    command chose (130 after Ctrl-C) passes through.
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(
                args, prog_name, complete_var, standalone_mode, windows_expand_args, **extra
            )
        try:
            # Not standalone: Click hands back what went wrong instead of printing it.
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except click_errors.UsageError as exc:
            typer.echo(usage_error_line(exc), err=True)
            sys.exit(1)
        except click_errors.ClickException as exc:
            message = _sentence(exc.format_message())
            typer.echo(f"error: {message}", err=True)
            sys.exit(exc.exit_code)
        except typer.Abort:
            typer.echo("error: aborted", err=True)
            sys.exit(1)
        # A command's own exit (typer.Exit, --help) comes back as its status; success as None.
        sys.exit(code if isinstance(code, int) else 0)


NEGATIVE = re.compile(r"-\d+(\.\d*)?")  # `tracker status -1 ...`: Click takes it for an option


def usage_error_line(exc: click_errors.UsageError) -> str:
    """``error: what went wrong; see tracker CMD --help``, one line."""
    ctx = exc.ctx
    where = ctx.command_path if ctx is not None else "tracker"
    if isinstance(exc, click_errors.NoSuchOption) and NEGATIVE.fullmatch(exc.option_name):
        problem = f"{exc.option_name} is not accepted here: no negative numbers"
    else:
        problem = _sentence(exc.format_message())
    return f"error: {problem}; see {where} --help"


def _sentence(message: str) -> str:
    """Click's message as the middle of one line: one line, lower-case start, no full stop."""
    text = " ".join(message.split()).rstrip(".")
    if text[:1].isupper() and not text[1:2].isupper():
        text = text[0].lower() + text[1:]
    return text


app = typer.Typer(
    name="tracker",
    cls=TrackerGroup,
    help="Claim Tracker: list every claim in news stories with its source, review and audit it.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help and usage errors: Rich's panels would load Rich, its Markdown and its
    # traceback machinery (a third of the start-up time of `tracker --help`).
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="TRACKER_DB",
        help="Database URL or SQLite file path (default: tracker.db in the user data directory).",
        show_default=False,
    ),
]
ReviewerOption = Annotated[
    str | None,
    typer.Option(
        "--reviewer",
        envvar="TRACKER_REVIEWER",
        help="Who is reviewing (default: the login name).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]

MaxSizeOption = Annotated[
    float,
    typer.Option("--max-size", help="Refuse files bigger than this many megabytes.", min=0.001),
]


MAX_ID = 2**63 - 1  # the largest integer key SQLite and PostgreSQL's bigint store


def parse_id(value: str) -> int:
    """A claim, story or match id from the command line; anything else exits 1 (one line)."""
    text = value.strip()
    if not text.isdigit():
        fail(f"{value!r} is not an id; ids are whole numbers (see `tracker claims`)")
    if int(text) > MAX_ID:  # no database holds it, and SQLite cannot even be asked
        fail(f"no such id: {value} (ids are at most {MAX_ID})")
    return int(text)


ClaimIdArgument = Annotated[
    int,
    typer.Argument(
        parser=parse_id,
        metavar="CLAIM_ID",
        help="The claim's id (see `tracker claims`).",
        show_default=False,
    ),
]
StoryIdOption = Annotated[
    int | None,
    typer.Option("--story", parser=parse_id, metavar="ID", help="Only this story id."),
]


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``error: message`` to stderr and exit non-zero."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def load_config(db: str | None, reviewer: str | None = None) -> Config:
    """The run's configuration from the command's flags and the environment."""
    from tracker.config import Config, ConfigError

    try:
        return Config.load(db=db, reviewer=reviewer)
    except ConfigError as exc:
        fail(str(exc))


def open_store(config: Config, *, migrate: bool = True, create: bool = False) -> Store:
    """Open the configured database, upgrading it unless ``migrate`` is False.

    Only ``create=True`` (ingest, review PATH, db upgrade) makes a new database; every
    other command refuses a missing file, so a mistyped ``--db`` is never a fresh empty
    database. Exits with a clear message when it cannot be opened.
    """
    from tracker.db import DatabaseError
    from tracker.store import Store

    try:
        return Store.open(config.db_url, migrate=migrate, create=create)
    except DatabaseError as exc:
        fail(str(exc))


def to_terminal() -> bool:
    """True when standard output is a terminal (tables for people, plain text for pipes)."""
    return sys.stdout.isatty()


def print_tsv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Tab-separated lines with a header, for ``cut``, ``awk``, spreadsheets and scripts.

    Tabs and line breaks inside a value become spaces, so one line is always one row;
    None prints as an empty field.
    """
    out = sys.stdout
    out.write("\t".join(header) + "\n")
    for row in rows:
        out.write("\t".join(_tsv_field(value) for value in row) + "\n")


def _tsv_field(value: object) -> str:
    if value is None:
        return ""
    return " ".join(str(value).replace("\t", " ").splitlines())


def print_json(data: Any) -> None:
    """JSON on stdout, UTF-8, one document."""
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")


@app.callback(invoke_without_command=True)
def default_command(
    ctx: typer.Context, db: DbOption = None, reviewer: ReviewerOption = None
) -> None:
    """Bare ``tracker`` opens the review screen (as ``tracker review`` does).

    Given before a command (``tracker --db FILE claims``), ``--db`` and ``--reviewer``
    become that command's defaults, so they are never silently ignored.
    """
    if ctx.invoked_subcommand is None:
        from tracker.cli.review_cmd import run_review

        run_review(load_config(db, reviewer))
        return
    given = {k: v for k, v in (("db", db), ("reviewer", reviewer)) if v is not None}
    if given:
        name = ctx.invoked_subcommand
        defaults: dict[str, Any] = dict(given)
        group = ctx.command.get_command(ctx, name) if hasattr(ctx.command, "get_command") else None
        for sub in getattr(group, "commands", {}):  # a group (`tracker --db F db upgrade`)
            defaults[sub] = given
        ctx.default_map = {**(ctx.default_map or {}), name: defaults}
