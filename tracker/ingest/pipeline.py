"""The ingest pipeline: files → stories → extracted claims → the store, one story at a time.

Each story is extracted and stored in its own transaction, so an interrupted run (Ctrl-C,
a killed process) leaves every story either fully stored or absent, and running the same
command again stores the rest: stories already stored are recognised by their text's hash
before any extraction work is done.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import sqlalchemy as sa

from tracker.extract import ExtractedClaim, extract_claims, guess_outlet
from tracker.ingest.errors import ReadError
from tracker.ingest.paths import expand_paths
from tracker.ingest.readers import (
    MAX_FILE_BYTES,
    STDIN_NAME,
    Format,
    read_bytes,
    read_path,
    with_defaults,
)
from tracker.store import IngestOutcome, Store, StoreError, StoryInput, add_story, find_by_hash
from tracker.words import counted

if TYPE_CHECKING:
    from tracker.store.matches import Steps

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class StoryReport:
    """What happened to one story of the run."""

    where: str
    outcome: IngestOutcome
    story_id: int
    title: str
    claims: int
    revision_of: int | None = None
    claim_ids: tuple[int, ...] = ()
    version: int = 1
    carried: int = 0
    dropped: int = 0

    def to_json(self) -> dict[str, Any]:
        """The story's line of the ``--json`` summary."""
        return {
            "path": self.where,
            "outcome": self.outcome.value,
            "story_id": self.story_id,
            "title": self.title,
            "claims": self.claims,
            "revision_of": self.revision_of,
            "version": self.version,
            "carried_over": self.carried,
            "dropped": self.dropped,
        }


@dataclass(slots=True)
class IngestSummary:
    """The outcome of an ingest run: counts for the desk, details for scripts."""

    added: int = 0
    unchanged: int = 0
    updated: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    claims: int = 0
    new_claim_ids: list[int] = field(default_factory=list)
    stories: list[StoryReport] = field(default_factory=list)
    files: int = 0
    matching: dict[str, Any] | None = None
    match_note: str | None = None
    embedded: int = 0
    embed_note: str | None = None
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        """True when nothing failed and the run was not interrupted."""
        return not self.failed and not self.interrupted

    def lines(self, *, verbose: bool = False) -> list[str]:
        """The summary for people: failures and revisions one per line, then the totals."""
        out: list[str] = []
        for report in self.stories:
            if report.outcome is IngestOutcome.UPDATED:
                settled = f"reviews of {counted(report.carried, 'claim')} carried over"
                if report.dropped:
                    settled += (
                        f", {counted(report.dropped, 'claim')} reviewed but gone from the text "
                        "(flagged, still listed)"
                    )
                out.append(
                    f"updated: {report.where}: story {report.story_id} is a new revision of "
                    f"story {report.revision_of}, version {report.version} "
                    f"({counted(report.claims, 'claim')}; {settled})"
                )
            elif verbose:
                out.append(
                    f"{report.outcome.value}: {report.where}: story {report.story_id} "
                    f"{report.title!r} ({counted(report.claims, 'claim')})"
                )
        out.extend(f"failed: {where}: {reason}" for where, reason in self.failed)
        total = (
            f"{counted(self.added, 'story', 'stories')} added, {self.updated:,} updated, "
            f"{self.unchanged:,} unchanged, {self.failed_count:,} failed; "
            f"{counted(self.claims, 'new claim')}"
        )
        out.append(total)
        if self.embed_note:
            out.append(self.embed_note)
        if self.match_note:
            out.append(self.match_note)
        if self.interrupted:
            out.append(
                "interrupted: the stories counted above are stored whole; run the same command "
                "again to store the rest"
            )
        return out

    @property
    def failed_count(self) -> int:
        """How many files or stories failed."""
        return len(self.failed)

    def to_json(self) -> dict[str, Any]:
        """The summary as a JSON-ready dict (``tracker ingest --json``)."""
        return {
            "ok": self.ok,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": [{"path": where, "reason": reason} for where, reason in self.failed],
            "claims": self.claims,
            "new_claim_ids": list(self.new_claim_ids),
            "files": self.files,
            "stories": [report.to_json() for report in self.stories],
            "matching": self.matching,
            "match_note": self.match_note,
            "embedded": self.embedded,
            "embed_note": self.embed_note,
            "interrupted": self.interrupted,
        }


class IngestInterrupted(KeyboardInterrupt):
    """Ctrl-C during ingest; ``summary`` says what was stored before it."""

    def __init__(self, summary: IngestSummary) -> None:
        super().__init__("ingest interrupted")
        self.summary = summary


def ingest_paths(
    store: Store,
    paths: Sequence[str],
    *,
    outlet: str | None = None,
    published: date | None = None,
    match: bool = True,
    progress: Progress | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    stdin: BinaryIO | None = None,
    stdin_format: Format | str | None = None,
    workers: int | None = None,
    embed_progress: Progress | None = None,
    match_progress: Steps | None = None,
) -> IngestSummary:
    """Read, extract and store every story under ``paths``; then match the new claims.

    ``paths`` are files, folders, globs, or ``-`` for stdin (read as ``stdin_format``,
    else guessed). ``outlet`` and ``published`` fill in what a story's file does not
    say. A bad file or story is listed in ``failed`` and never stops the others.
    ``progress(done, total)`` is called after each file. On Ctrl-C, raises
    :class:`IngestInterrupted` carrying the summary so far; stories already stored stay
    stored and the one in flight is rolled back.

    Large runs read and extract in ``workers`` helper processes (default: one per CPU
    but one, for runs big enough to pay for starting them; 0 keeps everything in this
    process), while this process stores the stories one transaction each, in the order
    of the files, so that an original is always stored before its correction.

    The new claims' sentence vectors are computed after the stories are stored, in
    batches (``embed_progress(done, total)`` after each); without a model the claims are
    stored all the same and the summary says why they have none.
    ``match_progress(done, total, what)`` follows the matching steps after that.
    """
    from tracker.ingest.workers import parallel_prepare, worker_count

    summary = IngestSummary()
    expansion = expand_paths(paths)
    summary.failed.extend(expansion.failures)
    total = len(expansion.files)
    summary.files = total
    options = PrepareOptions(
        outlet=outlet,
        published=published,
        max_bytes=max_bytes,
        stdin_format=Format(stdin_format) if stdin_format else None,
    )
    count = worker_count(workers, expansion.files, store.url)
    if count > 0:
        prepared = parallel_prepare(store.url, expansion.files, options, workers=count, stdin=stdin)
    else:
        prepared = (
            (prepare_file(store, path, options, stdin=stdin), True) for path in expansion.files
        )
    done = 0
    try:
        try:
            for part, file_done in prepared:
                summary.failed.extend(part.failures)
                for item in part.stories:
                    _store_one(store, item, summary)
                if file_done:
                    done += 1
                    if progress is not None:
                        progress(done, total)
        finally:
            close = getattr(prepared, "close", None)
            if close is not None:
                close()
    except KeyboardInterrupt as exc:
        summary.interrupted = True
        raise IngestInterrupted(summary) from exc
    try:
        _embed_new_claims(store, summary, embed_progress)
    except KeyboardInterrupt as exc:
        summary.embed_note = "embedding interrupted: the stories are stored; run `tracker match`"
        raise IngestInterrupted(summary) from exc
    if match:
        try:
            _match_new_claims(store, summary, match_progress)
        except KeyboardInterrupt as exc:
            # Every story is stored; only matching was cut short.
            summary.match_note = "matching interrupted: the stories are stored; run `tracker match`"
            raise IngestInterrupted(summary) from exc
    return summary


@dataclass(frozen=True, slots=True)
class PrepareOptions:
    """What every story of a run shares: metadata defaults, size limit, stdin's format."""

    outlet: str | None = None
    published: date | None = None
    max_bytes: int = MAX_FILE_BYTES
    stdin_format: Format | None = None


@dataclass(slots=True)
class PreparedStory:
    """A story read and extracted, ready to store; or already stored; or why it failed."""

    story: StoryInput
    known: int | None = None
    claims: list[ExtractedClaim] | None = None
    error: str | None = None


@dataclass(slots=True)
class PreparedFile:
    """The stories of one file (or part of one), prepared, and the failures met reading it."""

    where: str
    stories: list[PreparedStory] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)


def prepare_file(
    store: Store | None,
    path: Path | None,
    options: PrepareOptions,
    *,
    stdin: BinaryIO | None = None,
) -> PreparedFile:
    """Read one file (``None``: stdin) and prepare each of its stories. Never raises."""
    where = STDIN_NAME if path is None else str(path)
    prepared = PreparedFile(where)
    try:
        if path is None:
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(options.max_bytes + 1)
            reading = read_bytes(
                data, where=where, fmt=options.stdin_format, max_bytes=options.max_bytes
            )
        else:
            reading = read_path(path, max_bytes=options.max_bytes)
    except ReadError as exc:
        prepared.failures.append((where, exc.reason))
        return prepared
    except (OSError, RecursionError, MemoryError) as exc:
        prepared.failures.append((where, f"cannot read: {exc}"))
        return prepared
    prepared.failures.extend(reading.failures)
    prepared.stories = [prepare_story(store, story, options) for story in reading.stories]
    return prepared


def prepare_story(store: Store | None, story: StoryInput, options: PrepareOptions) -> PreparedStory:
    """Fill in defaults, skip text already stored, and extract the claims. Never raises.

    The text's hash is checked before extraction so that re-running a large ingest only
    pays for the stories it has not stored yet (``store`` None skips the check; storing
    checks again anyway).
    """
    story = with_defaults(story, outlet=options.outlet, published=options.published)
    if not story.outlet:
        guessed = guess_outlet(story.body)
        if guessed:
            story = with_defaults(story, outlet=guessed)
    if store is not None:
        try:
            known = find_by_hash(store, story.body)
        except sa.exc.SQLAlchemyError as exc:
            return PreparedStory(story, error=f"could not read the database: {_first_line(exc)}")
        if known is not None:
            return PreparedStory(story, known=known)
    try:
        claims = extract_claims(story.body, outlet=story.outlet or None)
    except Exception as exc:  # noqa: BLE001 - an extractor bug fails this story only
        return PreparedStory(story, error=f"extraction failed: {type(exc).__name__}: {exc}")
    return PreparedStory(story, claims=claims)


class StoryFailed(Exception):
    """One story could not be extracted or stored; nothing of it was written."""


def store_prepared(store: Store, prepared: PreparedStory) -> StoryReport:
    """Store a prepared story in one transaction, or say why not (:class:`StoryFailed`)."""
    story = prepared.story
    where = story.origin or "story"
    if prepared.error is not None:
        raise StoryFailed(prepared.error)
    if prepared.known is not None:
        return StoryReport(where, IngestOutcome.UNCHANGED, prepared.known, story.title, 0)
    try:
        stored = add_story(store, story=story, claims=prepared.claims or [])
    except (StoreError, sa.exc.SQLAlchemyError) as exc:
        raise StoryFailed(f"could not store: {_first_line(exc)}") from exc
    return StoryReport(
        where,
        stored.outcome,
        stored.story_id,
        story.title,
        len(stored.claim_ids),
        stored.revision_of,
        stored.claim_ids,
        stored.version,
        stored.carried,
        stored.dropped,
    )


def ingest_story(
    store: Store,
    story: StoryInput,
    *,
    outlet: str | None = None,
    published: date | None = None,
) -> StoryReport:
    """Extract one story's claims and store it (all or nothing); skip text already stored.

    Raises :class:`StoryFailed` with a reason for people when the extractor or the
    database fails on this story.
    """
    options = PrepareOptions(outlet=outlet, published=published)
    return store_prepared(store, prepare_story(store, story, options))


def _store_one(store: Store, prepared: PreparedStory, summary: IngestSummary) -> None:
    try:
        report = store_prepared(store, prepared)
    except StoryFailed as exc:
        summary.failed.append((prepared.story.origin or "story", str(exc)))
        return
    summary.stories.append(report)
    if report.outcome is IngestOutcome.UNCHANGED:
        summary.unchanged += 1
        return
    if report.outcome is IngestOutcome.UPDATED:
        summary.updated += 1
    else:
        summary.added += 1
    summary.claims += report.claims
    summary.new_claim_ids.extend(report.claim_ids)


def _embed_new_claims(store: Store, summary: IngestSummary, progress: Progress | None) -> None:
    """Compute and store the sentence vectors of this run's new claims, in batches.

    Like matching, a step after storing: a failure leaves the stories stored and says so.
    Without a model, says why once (matching, if it runs, falls back to wording).
    """
    if not summary.new_claim_ids:
        return
    from tracker.store.embeddings import embed_claims, encoder_status

    if progress is not None:
        # the bar names this phase while the model loads: seconds on a machine's first
        # load, which derives the int8 model, and nothing moved on the screen meanwhile
        progress(0, len(summary.new_claim_ids))
    encoder, reason = encoder_status()
    if encoder is None:
        summary.embed_note = (
            f"semantic matching unavailable: {reason}; claims stored without vectors"
        )
        return
    try:
        summary.embedded = embed_claims(
            store, encoder, claim_ids=list(summary.new_claim_ids), progress=progress
        )
    except (StoreError, sa.exc.SQLAlchemyError) as exc:
        summary.embed_note = (
            f"vectors not stored ({_first_line(exc)}); the stories are stored: "
            "run `tracker match --rebuild`"
        )


def _match_new_claims(store: Store, summary: IngestSummary, progress: Steps | None) -> None:
    """Match this run's new claims against every stored story (``tracker.store.matches``).

    Matching is a step after storing: if it fails, the stories stay stored, the summary
    says so, and ``tracker match`` can be run later.
    """
    if not summary.new_claim_ids:
        return
    from tracker.store.matches import match_claims  # loads the matching engine only when used

    try:
        run = match_claims(store, claim_ids=list(summary.new_claim_ids), progress=progress)
    except (StoreError, sa.exc.SQLAlchemyError) as exc:
        summary.match_note = (
            f"not matched ({_first_line(exc)}); the stories are stored: run `tracker match`"
        )
        return
    summary.matching = run.to_json()
    summary.match_note = run.summary()
    if summary.embed_note and run.lexical_only_reason:
        # said once: the embedding step already said the model cannot be loaded
        summary.embed_note = None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
