"""Cross-story matching: ``tracker match`` finds matches, ``tracker matches`` shows them,
``tracker similar`` lists the stored claims closest in meaning to a sentence."""

from __future__ import annotations

import re
from typing import Annotated

import typer

from tracker.cli.app import (
    ClaimIdArgument,
    DbOption,
    JsonOption,
    ReviewerOption,
    app,
    fail,
    load_config,
    open_store,
    parse_id,
    print_json,
    print_tsv,
    to_terminal,
)
from tracker.cli.progress import progress_bar
from tracker.matching.thresholds import LINK_THRESHOLD, SUGGEST_THRESHOLD
from tracker.vocab import ClaimStatus, MatchState
from tracker.words import counted


@app.command("match")
def match(
    threshold: Annotated[
        float,
        typer.Option(
            "--threshold", "-t", min=0, max=100, help="Link matches scoring at least this (0-100)."
        ),
    ] = LINK_THRESHOLD,
    suggest: Annotated[
        float,
        typer.Option(
            "--suggest",
            min=0,
            max=100,
            help="Suggest matches scoring at least this, below the link threshold.",
        ),
    ] = SUGGEST_THRESHOLD,
    rebuild: Annotated[
        bool,
        typer.Option("--rebuild", help="Match every claim again (reviewers' decisions kept)."),
    ] = False,
    wording_only: Annotated[
        bool,
        typer.Option(
            "--wording-only",
            help="With --rebuild: rebuild even when the embedding model cannot be loaded "
            "(matches found by meaning are dropped).",
        ),
    ] = False,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Match claims not matched yet against every other story's claims."""
    from tracker.store import StoreError
    from tracker.store import matches as store_matches

    s = open_store(load_config(db))
    try:
        with progress_bar() as progress:
            run = store_matches.match_claims(
                s,
                rebuild=rebuild,
                link=threshold,
                suggest=suggest,
                wording_only=wording_only,
                progress=progress,
            )
    except StoreError as exc:
        fail(str(exc))
    finally:
        s.close()
    if as_json:
        print_json(run.to_json())
    else:
        typer.echo(run.summary())


@app.command("similar")
def similar(
    text: Annotated[str, typer.Argument(help="A sentence: a claim heard or read elsewhere.")],
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, max=1000, help="How many claims to list.")
    ] = 10,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """The stored claims closest in meaning to TEXT, with score, story and status.

    A table on a terminal; piped to another program, tab-separated lines with a header
    (score, by, id, status, story_id, outlet, published, story, claim); --json for everything.
    """
    from tracker.store import matches as store_matches

    problem = _sentence_problem(text)
    if problem:
        fail(problem)
    s = open_store(load_config(db))
    try:
        result = store_matches.similar_claims(s, text=text, limit=limit)
    finally:
        s.close()
    note = _similar_note(result.lexical_only_reason, result.unembedded)
    if note:
        typer.echo(note, err=True)
    if as_json:
        print_json([c.to_json() for c in result.claims])
        return
    if not result.claims:
        typer.echo(
            "no stored claim is close to it"
            if result.unembedded
            else "no stored claims to compare with",
            err=True,
        )
        return
    if not to_terminal():
        print_tsv(
            ("score", "by", "id", "status", "story_id", "outlet", "published", "story", "claim"),
            (
                (
                    f"{c.score:.2f}",
                    c.by,
                    c.claim_id,
                    c.status.value,
                    c.story_id,
                    c.outlet,
                    c.published.isoformat() if c.published else None,
                    c.story_title,
                    c.text,
                )
                for c in result.claims
            ),
        )
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(expand=True)
    for name, ratio in (("score", 0), ("claim", 0), ("status", 0), ("story", 2), ("text", 5)):
        table.add_column(name, ratio=ratio or None, overflow="fold")
    for c in result.claims:
        when = c.published.isoformat() if c.published else ""
        story = " ".join(p for p in (c.outlet, when, c.story_title) if p)
        # stored words are plain text: "[sic]" in a quote is no markup
        table.add_row(
            f"{c.score:.2f}", str(c.claim_id), c.status.value, escape(story), escape(c.text)
        )
    Console().print(table)


def _similar_note(reason: str | None, unembedded: int) -> str | None:
    """The one line saying how ``tracker similar`` searched, when not fully by meaning.

    The command it advises is the one ``tracker db check`` names: a plain ``tracker match``
    gives every claim a vector while they are few, ``--rebuild`` beyond.
    """
    from tracker.store.matches import embed_command

    todo = (
        f"{counted(unembedded, 'claim')} without a vector of the model: "
        f"run `{embed_command(unembedded)}`"
    )
    if reason:
        line = f"semantic matching unavailable: {reason}; closest by wording instead"
        return f"{line} ({todo})" if unembedded else line
    if unembedded:
        return f"not searched by meaning: {todo}"
    return None


# Control characters other than tab and line breaks: a sentence holding one was pasted
# from a binary file, not typed or copied from a story.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MAX_SENTENCE = 10_000


def _sentence_problem(text: str) -> str | None:
    """Why TEXT cannot be compared with stored claims (one line), or None when it can.

    The model and the lexical engine both need words; bytes that are not UTF-8 (the shell
    hands them over as lone surrogates) or control characters mean binary input, which
    would otherwise fail deep in the tokenizer with a traceback.
    """
    example = 'e.g. tracker similar "Qatar spoke with HTS"'
    if not text.strip():
        return f"give a sentence to compare, {example}"
    if len(text) > _MAX_SENTENCE:
        return "the text is too long to compare (over 10,000 characters): give one claim"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "the text is not valid UTF-8 (binary input?): give a sentence"
    if _CONTROL.search(text):
        return "the text holds control characters (binary input?): give a sentence"
    if not any(ch.isalnum() for ch in text):
        return f"the text has no words to compare: give a sentence, {example}"
    return None


@app.command("matches")
def matches(
    claim_id: ClaimIdArgument,
    accept: Annotated[
        int | None,
        typer.Option(
            "--accept", parser=parse_id, metavar="ID", help="Accept this suggested match (its id)."
        ),
    ] = None,
    reject: Annotated[
        int | None,
        typer.Option(
            "--reject",
            parser=parse_id,
            metavar="ID",
            help="Reject this match (its id); it is never suggested again.",
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", "-n", help="Why (with --accept or --reject).")
    ] = None,
    show_rejected: Annotated[
        bool, typer.Option("--rejected", help="Also list rejected matches.")
    ] = False,
    as_json: JsonOption = False,
    db: DbOption = None,
    reviewer: ReviewerOption = None,
) -> None:
    """Where else a claim appears: other stories' claims, their status and the matching words."""
    from tracker.store import StoreError
    from tracker.store import matches as store_matches

    if accept is not None and reject is not None:
        fail("use --accept or --reject, not both")
    config = load_config(db, reviewer)
    s = open_store(config)
    try:
        if accept is not None or reject is not None:
            match_id = accept if accept is not None else reject
            assert match_id is not None
            found = store_matches.claim_matches(s, claim_id=claim_id, include_rejected=True)
            target = next((m for m in found if m.match_id == match_id), None)
            if target is None:
                fail(f"match {match_id} is not a match of claim {claim_id}")
            wanted = MatchState.ACCEPTED if accept is not None else MatchState.REJECTED
            if target.state is wanted:
                # the same decision again would only add a second, identical audit event
                if not as_json:
                    by = f" by {target.decided_by}" if target.decided_by else ""
                    typer.echo(f"match {match_id} is already {wanted.value}{by}; nothing changed")
            else:
                decision = store_matches.decide_match(
                    s,
                    match_id=match_id,
                    accept=accept is not None,
                    reviewer=config.reviewer,
                    note=note,
                )
                if not as_json:
                    typer.echo(
                        f"match {decision.match_id}: {decision.state.value} by {decision.reviewer}"
                    )
        every = store_matches.claim_matches(s, claim_id=claim_id, include_rejected=True)
        rows = [m for m in every if show_rejected or m.state is not MatchState.REJECTED]
        cluster = store_matches.claim_cluster(s, claim_id=claim_id)
    except StoreError as exc:
        fail(str(exc))
    finally:
        s.close()
    if as_json:
        print_json([m.to_json() for m in rows])
        return
    if not rows:
        hidden = len(every) - len(rows)
        # a reviewer who rejected them should not wonder where they went
        them = "it" if hidden == 1 else "them"
        rejected = counted(hidden, "rejected match", "rejected matches")
        aside = f" ({rejected}: --rejected lists {them})"
        typer.echo(f"claim {claim_id} has no matches{aside if hidden else ''}", err=True)
        return
    decided = [
        m
        for m in cluster
        if m.status in (ClaimStatus.CONFIRMED, ClaimStatus.DISPUTED, ClaimStatus.FALSE)
    ]
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(expand=True, show_lines=True)
    for name, ratio in (
        ("match", 0),
        ("kind", 0),
        ("state", 0),
        ("score", 0),
        ("claim", 0),
        ("story", 2),
        ("status", 0),
        ("text / why", 5),
    ):
        table.add_column(name, ratio=ratio or None, overflow="fold")
    from rich.markup import escape

    from tracker.matching.explain_text import meaning_line, reasons

    for m in rows:  # stored words are plain text: "[sic]" in a quote is no markup
        when = m.published.isoformat() if m.published else ""
        story = " ".join(p for p in (m.outlet, when, m.story_title) if p)
        why = [line for line in (meaning_line(m.explanation), reasons(m.summary)) if line]
        table.add_row(
            str(m.match_id),
            m.kind.value,
            m.state.value,
            f"{m.score:.0f}",
            str(m.claim_id),
            escape(story),
            m.status.value,
            "\n".join([escape(m.text), *(f"[dim]{escape(line)}[/]" for line in why)]),
        )
    console.print(table)
    if cluster:
        line = f"cluster: {counted(len(cluster), 'other claim')}"
        if decided:
            line += "; already decided: " + ", ".join(
                f"claim {m.claim_id} {m.status.value} ({m.outlet})" for m in decided
            )
        console.print(line, markup=False)
