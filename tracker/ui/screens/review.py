"""The review screen: the claims table, the detail pane, filters, and every review key.

Database work never runs on the UI thread. Reads run in thread workers (one exclusive
group per kind of read, so a newer request supersedes an older one) and post their
results back as messages. Writes go, in the order the keys were pressed, through one
queue drained by a single writer worker, so a status change and the undo pressed right
after it can never be stored the other way round.
"""

from __future__ import annotations

import queue
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, ClassVar, Literal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker

from tracker.config import Config
from tracker.store import (
    EXTRACTOR,
    Change,
    ClaimDetail,
    ClaimFilter,
    ClaimRow,
    StaleClaimError,
    Store,
    StoreError,
    add_claim,
    claim_detail,
    dismiss_claim,
    edit_claim,
    get_claim,
    list_claims,
    restore_claim,
    set_note,
    set_status,
    status_counts,
    totals,
    undo_last,
)
from tracker.ui.messages import (
    ChangeRefused,
    ClaimAdded,
    ClaimChanged,
    CountLoaded,
    DetailLoaded,
    MatchDecided,
    PageLoaded,
    RowsRefreshed,
    SemanticUnavailable,
    Where,
)
from tracker.ui.widgets.claim_table import PAGE, STATUS_LABELS, ClaimTable
from tracker.ui.widgets.detail import ClaimDetailPane, describe_changes
from tracker.ui.widgets.key_bar import KeyBar
from tracker.vocab import AttributionKind, ClaimState, ClaimStatus, SourceKind

if TYPE_CHECKING:
    from tracker.ui.screens.corrections import AddRequest, EditRequest
    from tracker.ui.screens.matches import MatchChoice

# The dialogs (and the matcher behind match decisions) are imported when first opened:
# the first screen of claims should not wait for code it does not show.

STATUS_KEYS: dict[ClaimStatus, str] = {
    ClaimStatus.CONFIRMED: "c",
    ClaimStatus.PENDING: "p",
    ClaimStatus.DISPUTED: "d",
    ClaimStatus.FALSE: "x",
    ClaimStatus.UNCLEAR: "u",
    ClaimStatus.NO_RESPONSE: "r",
}
KIND_KEYS: dict[SourceKind, str] = {
    SourceKind.NAMED: "n",
    SourceKind.ANONYMOUS: "a",
    SourceKind.ORGANIZATION: "o",
    SourceKind.DOCUMENT: "d",
    SourceKind.OUTLET: "s",
}
ATTRIBUTION_KEYS: dict[AttributionKind, str] = {
    AttributionKind.SPEECH: "s",
    AttributionKind.BELIEF: "b",
    AttributionKind.INTENTION: "i",
    AttributionKind.FINDING: "f",
    AttributionKind.OUTLET: "o",
    AttributionKind.UNKNOWN: "u",
}
WRITER_POLL = 0.1
"""How often (seconds) the idle writer checks whether the screen is closing."""
REFRESH_EVERY = 10.0
# Seconds after the first screen before the embedding model is checked (it takes a second
# of CPU to load; the first claims come first).
SEMANTIC_CHECK_AFTER = 1.5
"""Seconds between re-reading the claims on screen (other reviewers' changes show up)."""
DETAIL_DELAY = 0.05
"""Seconds the cursor must rest on a claim before its detail loads (j held down skips it)."""


def empty_database_message(url: str) -> str:
    """What a reviewer sees on a database with no claims: how to load some."""
    return (
        "No claims yet.\n\n"
        "Load the stories to review, then open this screen again:\n\n"
        "    tracker ingest PATH...      files, folders or globs (.txt .md .html .json .jsonl)\n"
        "    tracker review PATH...      ingest, then review at once\n\n"
        "To try it out:  tracker review sample_data/\n\n"
        f"Database: {url}\n"
        "q quits · ? lists the keys"
    )


def describe_filter(view: ClaimFilter) -> str:
    """The view's filters in a few words ("all claims" when there are none)."""
    parts: list[str] = []
    if view.statuses:
        parts.append("status " + ", ".join(STATUS_LABELS[s] for s in view.statuses))
    if view.story_id is not None:
        parts.append(f"story {view.story_id}")
    if view.source_kinds:
        parts.append("source " + ", ".join(k.value for k in view.source_kinds))
    if view.kinds:
        parts.append("kind " + ", ".join(k.value for k in view.kinds))
    if view.source:
        parts.append(f"source “{view.source}”")
    if view.text:
        parts.append(f"search “{view.text}”")
    if view.include_dismissed:
        parts.append("with dismissed")
    return " · ".join(parts) if parts else "all claims"


def is_filtered(view: ClaimFilter) -> bool:
    """True when any filter narrows the view."""
    return view != ClaimFilter()


def corrected_what(change: Change) -> str:
    """The fields a correction changed, as the reviewer reads them."""
    return "; ".join(describe_changes(change.changes)) or "saved"


def undone_what(change: Change) -> str:
    """What an undo gave back, in a few words."""
    state = change.changes.get("state")
    if state is not None:
        return "is back in the lists" if state[1] != "dismissed" else "is dismissed again"
    if change.old_status is not change.new_status:
        return f"is {STATUS_LABELS[change.new_status]} again"
    if set(change.changes) - {"decided_by", "decided_at"}:
        return "is as it was before the correction"
    return "has its note back"


@dataclass(frozen=True, slots=True)
class WriteJob:
    """One change queued for the writer, with the version the reviewer saw."""

    action: Literal[
        "status", "note", "undo", "accept", "reject", "edit", "dismiss", "restore", "add"
    ]
    claim_id: int | None = None
    expected_version: int | None = None
    status: ClaimStatus | None = None
    note: str | None = None
    match_id: int | None = None
    view: ClaimFilter = ClaimFilter()
    edit: EditRequest | None = None
    add: AddRequest | None = None


VERSIONED = ("status", "note", "edit", "dismiss", "restore")
"""Writes that bump the claim's version (so the next one from this reviewer expects more)."""


class ReviewScreen(Screen[None]):
    """Walk the claims, set their status, add notes, filter, search, undo, export."""

    REVIEW_KEYS: ClassVar[list[BindingType]] = [
        Binding("c", "mark('confirmed')", "confirmed", id="review.confirmed"),
        Binding("p", "mark('pending')", "pending", id="review.pending"),
        Binding("d", "mark('disputed')", "disputed", id="review.disputed"),
        Binding("x", "mark('false')", "false", id="review.false"),
        Binding("u", "mark('unclear')", "unclear", id="review.unclear"),
        Binding("r", "mark('no_response')", "no response", id="review.no_response"),
        Binding("n", "note", "note", id="review.note"),
        Binding("z", "undo", "undo", id="review.undo"),
    ]
    FINDING_KEYS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "search", id="review.search", key_display="/"),
        Binding("s", "status_filter", "status filter", id="review.status_filter"),
        Binding("t", "story_filter", "this story", id="review.story_filter"),
        Binding("T", "pick_story", "pick story", id="review.pick_story"),
        Binding("f", "kind_filter", "source kind", id="review.kind_filter"),
        Binding("a", "attribution_filter", "attribution kind", id="review.attribution_filter"),
        Binding("escape", "clear_filters", "clear filters", id="review.clear_filters"),
    ]
    CORRECTION_KEYS: ClassVar[list[BindingType]] = [
        Binding("E", "edit", "edit claim", id="review.edit"),
        Binding("X", "dismiss_or_restore", "dismiss/restore", id="review.dismiss"),
        Binding("A", "add", "add a claim", id="review.add"),
        Binding("D", "show_dismissed", "show dismissed", id="review.show_dismissed"),
    ]
    MORE_KEYS: ClassVar[list[BindingType]] = [
        Binding("m", "matches", "matches", id="review.matches"),
        Binding("e", "export", "export", id="review.export"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = REVIEW_KEYS + CORRECTION_KEYS + FINDING_KEYS + MORE_KEYS

    def __init__(self, store: Store, config: Config, *, notice: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.config = config
        self.notice = notice
        self.view = ClaimFilter()
        self.generation = 0  # bumped whenever the window is replaced
        self.view_generation = 0  # bumped whenever the filters change
        self.count_due = False
        self.matches_wanted: int | None = None
        self.counts: dict[ClaimStatus, int] | None = None
        self.reviewed_count = 0  # of the view's claims, decided by a person (with counts)
        self.detail: ClaimDetail | None = None
        self.last_message = ""
        self.in_flight: dict[int, int] = {}
        self.awaiting_next: int | None = None
        self.wanted_id: int | None = None
        self.writes: queue.Queue[WriteJob | None] = queue.Queue()
        self.pending_writes = 0
        self.writer: Worker[None] | None = None
        self.detail_timer: Timer | None = None
        self._view_bar_text = ""

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """View bar, claims (or the empty message), detail pane, message line, keys."""
        # plain text, no markup: they show what reviewers and stories wrote (a search for
        # "[sic]", a note), and a stray "[/x]" must not stop the app
        yield Static(id="view-bar", markup=False)
        with Vertical(id="claims-area"):
            yield ClaimTable(id="claims")
            yield Static(id="empty", markup=False)
        yield ClaimDetailPane(id="detail")
        yield Static(id="message", markup=False)
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        """Load the first page (the writer starts with the first change)."""
        self.query_one("#empty", Static).display = False
        self.query_one(ClaimTable).focus()
        self.reload("first")
        if self.notice:
            self.say(self.notice)
        self.set_interval(REFRESH_EVERY, self.refresh_visible, name="refresh")
        self.set_timer(SEMANTIC_CHECK_AFTER, self.check_semantic, name="semantic")

    @work(thread=True, exclusive=True, exit_on_error=False, group="semantic")
    def check_semantic(self) -> None:
        """Whether claims can be matched by meaning; if not, the reviewer is told (once)."""
        from tracker.store.embeddings import encoder_status

        _, reason = encoder_status()
        if reason is not None:
            self.post_message(SemanticUnavailable(reason))

    def on_semantic_unavailable(self, message: SemanticUnavailable) -> None:
        """Say once, on the message line, that matches are found by wording only.

        What it means for the reviewer comes first: the line is one row, and on an 80-column
        terminal a reason naming a file path would push it out of sight.
        """
        self.say(f"matches by wording only: semantic matching unavailable ({message.reason})")

    def refresh_visible(self) -> None:
        """Re-read the claims on screen, so changes by other reviewers show up."""
        table = self.table
        shown = table.rows[table.top : table.top + table.size.height]
        if shown and table.display:
            self.load_fresh(shown[0].id, shown[-1].id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="refresh")
    def load_fresh(self, first_id: int, last_id: int) -> None:
        """The stored state of the claims with ids ``first_id..last_id``."""
        span = min(last_id - first_id + 1, 4 * PAGE)
        rows = list_claims(self.store, after_id=first_id - 1, limit=span)
        if not get_current_worker().is_cancelled:
            self.post_message(RowsRefreshed(rows))

    def on_rows_refreshed(self, message: RowsRefreshed) -> None:
        """Show what other reviewers changed; reload the detail if its claim changed."""
        shown = {row.id: row.version for row in self.table.rows}
        current = self.table.current
        for row in message.rows:
            if row.id in shown and shown[row.id] != row.version:
                self.table.update_row(row)
                if current is not None and current.id == row.id:
                    self.load_detail(row.id)

    def on_unmount(self) -> None:
        """Let the writer finish what is queued, then stop."""
        self.writes.put(None)

    @property
    def table(self) -> ClaimTable:
        """The claims table."""
        return self.query_one(ClaimTable)

    # -- reading --------------------------------------------------------------------------

    def reload(self, where: Where, cursor_id: int | None = None) -> None:
        """Load the view afresh (after a filter change) from its start, end or one claim."""
        self.generation += 1
        self.view_generation += 1
        self.counts = None
        self.table.pending_pages.clear()
        self.refresh_bindings()
        self.load_view(self.generation, self.view, where, cursor_id)
        # The count starts once the first page is in: on a big database it is the slower
        # query, and the reviewer wants the claims first.
        self.count_due = True
        self.update_view_bar()

    @work(thread=True, exclusive=True, exit_on_error=False, group="view")
    def load_view(
        self, generation: int, view: ClaimFilter, where: Where, cursor_id: int | None
    ) -> None:
        """The first, last, or around-a-claim page of the view (replaces the window)."""
        half = PAGE // 2
        if where == "last":
            rows = list_claims(self.store, filter=view, last=True, limit=PAGE)
            at_start, at_end = len(rows) < PAGE, True
        elif where == "around" and cursor_id is not None:
            before = list_claims(self.store, filter=view, before_id=cursor_id, limit=half)
            after = list_claims(self.store, filter=view, after_id=cursor_id - 1, limit=PAGE)
            rows = before + after
            at_start, at_end = len(before) < half, len(after) < PAGE
        else:
            rows = list_claims(self.store, filter=view, limit=PAGE)
            at_start, at_end = True, len(rows) < PAGE
        if not get_current_worker().is_cancelled:
            self.post_message(
                PageLoaded(
                    generation, where, rows, at_start=at_start, at_end=at_end, cursor_id=cursor_id
                )
            )

    @work(thread=True, exit_on_error=False, group="neighbours")
    def load_neighbour(
        self, generation: int, view: ClaimFilter, where: Literal["before", "after"], anchor: int
    ) -> None:
        """The page just before or after the window.

        Not exclusive: a page before and a page after may be wanted at once; answers for
        an older view are dropped by their generation.
        """
        if where == "after":
            rows = list_claims(self.store, filter=view, after_id=anchor, limit=PAGE)
        else:
            rows = list_claims(self.store, filter=view, before_id=anchor, limit=PAGE)
        self.post_message(
            PageLoaded(generation, where, rows, at_start=False, at_end=False, anchor_id=anchor)
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="count")
    def load_count(self, generation: int, view: ClaimFilter) -> None:
        """How many claims the view holds at each status (its review progress)."""
        counted = totals(self.store, filter=view)
        if not get_current_worker().is_cancelled:
            self.post_message(CountLoaded(generation, counted.counts, counted.reviewed or 0))

    @work(thread=True, exclusive=True, exit_on_error=False, group="detail")
    def load_detail(self, claim_id: int) -> None:
        """The highlighted claim's paragraph, source, matches, history and story counts."""
        if get_current_worker().is_cancelled:
            return
        detail = claim_detail(self.store, claim_id=claim_id)
        counts = status_counts(self.store, story_ids=[detail.claim.story_id])
        if not get_current_worker().is_cancelled:
            self.post_message(DetailLoaded(detail, counts[0] if counts else None))

    def on_page_loaded(self, message: PageLoaded) -> None:
        """Put a page in the table (or show why there is nothing to show)."""
        if message.generation != self.generation:
            return
        table = self.table
        if message.where in ("before", "after"):
            table.extend(message.rows, message.where, anchor_id=message.anchor_id)
            return
        if self.wanted_id is not None and message.where == "around":
            wanted, self.wanted_id = self.wanted_id, None
            if all(r.id != wanted for r in message.rows) and is_filtered(self.view):
                self.say(f"claim {wanted} is outside this view: filters cleared to show it")
                self.view = ClaimFilter()
                self.reload("around", wanted)
                return
        if self.count_due:
            self.count_due = False
            # Counted once these claims are drawn: the count is the slower query.
            self.call_after_refresh(self.load_count, self.view_generation, self.view)
        table.reset(
            message.rows,
            at_start=message.at_start,
            at_end=message.at_end,
            cursor_id=message.cursor_id,
            cursor_at_end=message.where == "last",
        )
        self.show_empty(not message.rows)

    def on_count_loaded(self, message: CountLoaded) -> None:
        """Show the size of the view and how much of it is reviewed."""
        if message.generation != self.view_generation:
            return
        self.counts = dict(message.counts)
        self.reviewed_count = message.reviewed
        self.update_view_bar()

    @property
    def count(self) -> int | None:
        """How many claims the view holds (None until counted)."""
        return None if self.counts is None else sum(self.counts.values())

    @property
    def reviewed(self) -> int | None:
        """How many claims of the view a person decided (None until counted): the
        extractor's statuses are not reviews."""
        return None if self.counts is None else self.reviewed_count

    def count_change(self, change: Change, row: ClaimRow, new: ClaimStatus | None) -> None:
        """Follow one claim of the view from its old status to ``new`` in the view's counts
        (``new`` None: it left the view, dismissed), and from who decided it before to
        who decides it now (``row``, the claim as stored after ``change``).

        Exact without asking the database: a status filter decides whether the claim
        was and is still counted; the view's other filters do not depend on status.
        """
        if self.counts is None:
            return
        old = change.old_status
        if "decided_by" in change.changes:
            was_person, is_person = (_person(who) for who in change.changes["decided_by"])
        else:
            was_person = is_person = row.decided_by_person
        wanted = self.view.statuses
        if not wanted or old in wanted:
            if old is not new:
                self.counts[old] = max(self.counts.get(old, 0) - 1, 0)
            self.reviewed_count -= was_person
        if new is not None and (not wanted or new in wanted):
            if old is not new:
                self.counts[new] = self.counts.get(new, 0) + 1
            self.reviewed_count += is_person
        self.reviewed_count = max(self.reviewed_count, 0)
        self.update_view_bar()

    @on(ClaimTable.NeedRows)
    def need_rows(self, message: ClaimTable.NeedRows) -> None:
        """Fetch the page the table asked for."""
        if message.where in ("first", "last"):
            self.jump(message.where)
        elif message.anchor_id is not None:
            self.load_neighbour(self.generation, self.view, message.where, message.anchor_id)

    @on(ClaimTable.Highlighted)
    def highlighted(self, message: ClaimTable.Highlighted) -> None:
        """Load the detail of the newly highlighted claim."""
        if self.detail_timer is not None:
            self.detail_timer.stop()
            self.detail_timer = None
        if message.row is None:
            self.detail = None
            self.query_one(ClaimDetailPane).clear()
            return
        self.detail_timer = self.set_timer(
            DETAIL_DELAY, partial(self._detail_due, message.row.id), name="detail"
        )

    def _detail_due(self, claim_id: int) -> None:
        self.detail_timer = None
        self.load_detail(claim_id)

    def on_detail_loaded(self, message: DetailLoaded) -> None:
        """Fill the detail pane, if that claim is still the highlighted one."""
        current = self.table.current
        claim = message.detail.claim
        if current is None or current.id != claim.id:
            return
        if claim.version != current.version:
            self.table.update_row(claim)  # someone changed it: show what is stored
        self.detail = message.detail
        self.query_one(ClaimDetailPane).show(message.detail, message.story_counts)
        if self.matches_wanted == claim.id:
            self.action_matches()

    def show_empty(self, empty: bool) -> None:
        """Swap the table for a message saying why there is nothing to show."""
        table = self.table
        notice = self.query_one("#empty", Static)
        if table.display == empty:
            # Keys that need a claim are greyed out or back (the footer redraws itself).
            self.refresh_bindings()
        table.display = not empty
        notice.display = empty
        self.query_one(ClaimDetailPane).display = not empty
        if empty:
            self.detail = None
            self.query_one(ClaimDetailPane).clear()
            if is_filtered(self.view):
                notice.update(
                    f"No claims match this view ({describe_filter(self.view)}).\n\n"
                    "escape clears the filters · / searches again · s picks statuses"
                )
            else:
                notice.update(empty_database_message(self.store.url))
        else:
            table.focus()

    def update_view_bar(self) -> None:
        """The line above the table: review progress of the view, its filters, the reviewer."""
        count, reviewed = self.count, self.reviewed
        if count is None or reviewed is None:
            progress = "counting…"
        else:
            share = f" ({reviewed / count:.0%})" if count else ""
            progress = f"{reviewed:,} / {count:,} reviewed{share}"
        reviewer = f"reviewer {self.config.reviewer}"
        text = f"{progress} · {describe_filter(self.view)} · {reviewer}"
        if text != self._view_bar_text:  # most moves leave it as it was: no redraw
            self._view_bar_text = text
            self.query_one("#view-bar", Static).update(text)

    def say(self, text: str, *, error: bool = False, title: str = "Not saved") -> None:
        """Show one line of feedback under the detail pane (errors also as a notice)."""
        self.last_message = text
        line = self.query_one("#message", Static)
        line.update(text)
        line.set_class(error, "error")
        if error:
            self.notify(text, title=title, severity="error", timeout=8)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place where a failed database worker is shown to the reviewer."""
        if event.state is WorkerState.ERROR:
            self.table.pending_pages.clear()  # a failed page may be asked for again
            error = event.worker.error
            text = str(error)
            if not isinstance(error, StoreError):
                text = f"{type(error).__name__}: {error}"
            self.say(f"database error: {text}", error=True, title="Database error")

    # -- writing --------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="writer")
    def run_writer(self) -> None:
        """The single writer: store the queued changes one after another, in order."""
        worker = get_current_worker()
        while True:
            try:
                job = self.writes.get(timeout=WRITER_POLL)
            except queue.Empty:
                if worker.is_cancelled:
                    return
                continue
            if job is None:
                return
            self.post_message(self.write(job))

    def write(self, job: WriteJob) -> ClaimChanged | ClaimAdded | ChangeRefused | MatchDecided:
        """Store one change (on the writer's thread) and say what happened."""
        reviewer = self.config.reviewer
        try:
            if job.action in ("accept", "reject"):
                from tracker.store.matches import accept_match, reject_match

                assert job.match_id is not None and job.claim_id is not None
                decide = accept_match if job.action == "accept" else reject_match
                decision = decide(self.store, match_id=job.match_id, reviewer=reviewer)
                return MatchDecided(job.claim_id, job.match_id, decision.state.value)
            if job.action == "undo":
                change = undo_last(self.store, reviewer=reviewer)
            elif job.action == "note":
                assert job.claim_id is not None
                change = set_note(
                    self.store,
                    claim_id=job.claim_id,
                    note=job.note,
                    reviewer=reviewer,
                    expected_version=job.expected_version,
                )
            elif job.action == "edit":
                assert job.claim_id is not None and job.edit is not None
                wanted = job.edit
                change = edit_claim(
                    self.store,
                    claim_id=job.claim_id,
                    reviewer=reviewer,
                    expected_version=job.expected_version,
                    source=wanted.source,
                    source_kind=wanted.source_kind,
                    kind=wanted.kind,
                    content_span=wanted.content_span,
                    note=wanted.note,
                )
            elif job.action in ("dismiss", "restore"):
                assert job.claim_id is not None
                act = dismiss_claim if job.action == "dismiss" else restore_claim
                change = act(
                    self.store,
                    claim_id=job.claim_id,
                    reviewer=reviewer,
                    expected_version=job.expected_version,
                    note=job.note,
                )
            elif job.action == "add":
                assert job.add is not None
                added = job.add
                new_id = add_claim(
                    self.store,
                    story_id=added.story_id,
                    content_span=added.content_span,
                    reviewer=reviewer,
                    source=added.source,
                    source_kind=added.source_kind,
                    kind=added.kind,
                    note=added.note,
                )
                return ClaimAdded(get_claim(self.store, new_id))
            else:
                assert job.claim_id is not None and job.status is not None
                change = set_status(
                    self.store,
                    claim_id=job.claim_id,
                    status=job.status,
                    reviewer=reviewer,
                    expected_version=job.expected_version,
                )
            row = get_claim(self.store, change.claim_id)
            next_id = None
            if job.action == "status":
                next_id = self.next_pending(job.view, change.claim_id)
            return ClaimChanged(job.action, change, row, next_id)
        except StaleClaimError as exc:
            return ChangeRefused(str(exc), claim_id=exc.claim_id, row=self._reread(exc.claim_id))
        except StoreError as exc:
            return ChangeRefused(str(exc), claim_id=job.claim_id)
        except Exception as exc:  # noqa: BLE001 - the writer must outlive any one failure
            return ChangeRefused(
                f"could not save: {type(exc).__name__}: {exc}", claim_id=job.claim_id
            )

    def _reread(self, claim_id: int) -> ClaimRow | None:
        try:
            return get_claim(self.store, claim_id)
        except StoreError:
            return None

    def next_pending(self, view: ClaimFilter, after_id: int) -> int | None:
        """The next pending claim of the view after ``after_id`` (None if the view has none)."""
        if view.statuses and ClaimStatus.PENDING not in view.statuses:
            return None
        rows = list_claims(
            self.store,
            filter=replace(view, statuses=(ClaimStatus.PENDING,)),
            after_id=after_id,
            limit=1,
        )
        return rows[0].id if rows else None

    def queue_write(self, job: WriteJob) -> None:
        """Hand a change to the writer, counting it as in flight for its claim."""
        if job.claim_id is not None and job.action in VERSIONED:
            self.in_flight[job.claim_id] = self.in_flight.get(job.claim_id, 0) + 1
        self.pending_writes += 1
        self.writes.put(job)
        if self.writer is None:
            # Started with the first change, not with the screen: the first page of
            # claims does not wait for a thread that has nothing to do yet.
            self.writer = self.run_writer()

    def expected_version(self, row: ClaimRow) -> int:
        """The version the claim will have once this reviewer's queued changes are stored."""
        return row.version + self.in_flight.get(row.id, 0)

    def _landed(self, claim_id: int | None) -> None:
        if claim_id is not None and claim_id in self.in_flight:
            self.in_flight[claim_id] -= 1
            if self.in_flight[claim_id] <= 0:
                del self.in_flight[claim_id]

    def on_claim_changed(self, message: ClaimChanged) -> None:
        """Show the stored change; move on to the next pending claim if one was awaited."""
        change = message.change
        row = message.row
        self.pending_writes -= 1
        if message.action != "undo":
            self._landed(change.claim_id)
        if row.state in self.view.states():
            self.table.update_row(row)
        else:
            self.table.remove_row(row.id)  # dismissed: it leaves this view
        if message.action == "note":
            self.say(f"claim {change.claim_id}: note saved")
        elif message.action == "undo":
            self.say(f"undone: claim {change.claim_id} {undone_what(change)}")
            self.go_to(change.claim_id)
            # The undone claim may lie outside this view: count the view again.
            self.load_count(self.view_generation, self.view)
        elif message.action == "edit":
            self.say(f"claim {change.claim_id} corrected: {corrected_what(change)}")
        elif message.action == "dismiss":
            if not self.view.include_dismissed:
                self.count_change(change, row, None)
            self.say(
                f"claim {change.claim_id} dismissed: not a claim (z undoes · D shows dismissed)"
            )
        elif message.action == "restore":
            self.say(f"claim {change.claim_id} restored to the lists")
        else:
            self.count_change(change, row, change.new_status)
            self.say(
                f"claim {change.claim_id}: {STATUS_LABELS[change.old_status]} → "
                f"{STATUS_LABELS[change.new_status]}"
            )
        if self.awaiting_next == change.claim_id:
            self.awaiting_next = None
            if message.next_pending_id is not None:
                self.go_to(message.next_pending_id)
            else:
                self.say(f"{self.last_message} · no pending claims after it in this view")
        current = self.table.current
        if current is not None:
            self.load_detail(current.id)

    def on_claim_added(self, message: ClaimAdded) -> None:
        """Show the new claim (clearing filters that would hide it) and count the view again."""
        self.pending_writes -= 1
        row = message.row
        self.say(f"claim {row.id} added to story {row.story_id} (pending; z undoes)")
        self.load_count(self.view_generation, self.view)
        self.go_to(row.id, must=True)

    def on_change_refused(self, message: ChangeRefused) -> None:
        """Say why nothing was written, and go back to the claim as it is really stored.

        The cursor had already moved on to the next pending claim; it returns to the one
        that was not saved, so the reviewer sees what changed and can decide again.
        """
        self.pending_writes -= 1
        self._landed(message.claim_id)
        if self.awaiting_next is not None and self.awaiting_next == message.claim_id:
            self.awaiting_next = None
        if message.row is not None:
            self.table.update_row(message.row)
            self.go_to(message.row.id)
            current = self.table.current
            if current is not None and current.id == message.row.id:
                self.load_detail(current.id)
        self.say(message.message, error=True)

    def on_match_decided(self, message: MatchDecided) -> None:
        """Confirm the decision and refresh the detail pane."""
        self.pending_writes -= 1
        self.say(f"match {message.match_id}: {message.state}")
        current = self.table.current
        if current is not None:
            self.load_detail(current.id)

    def go_to(self, claim_id: int, *, must: bool = False) -> None:
        """Highlight a claim: at once if it is in the window, else load the page around it."""
        if self.table.move_to_id(claim_id):
            return
        if must:
            self.wanted_id = claim_id
        self.jump("around", claim_id)

    def jump(self, where: Where, cursor_id: int | None = None) -> None:
        """Replace the window (same view): pages still on their way for the old one are
        dropped by their generation."""
        self.generation += 1
        self.table.pending_pages.clear()
        self.load_view(self.generation, self.view, where, cursor_id)

    # -- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out the keys that need a highlighted claim when there is none."""
        if action in (
            "mark",
            "note",
            "story_filter",
            "matches",
            "edit",
            "dismiss_or_restore",
            "add",
        ):
            if not self.is_mounted or self.table.current is None or not self.table.display:
                return None
        if action == "clear_filters" and not is_filtered(self.view):
            return None
        return True

    def action_mark(self, status: str) -> None:
        """Set the highlighted claim's status at once, then move to the next pending one."""
        row = self.table.current
        if row is None:
            self.app.bell()
            return
        self.queue_write(
            WriteJob(
                "status",
                claim_id=row.id,
                expected_version=self.expected_version(row),
                status=ClaimStatus(status),
                view=self.view,
            )
        )
        self.advance_from(row)

    def advance_from(self, row: ClaimRow) -> None:
        """Move to the next pending claim: from the window when it holds one, else ask."""
        table = self.table
        if self.view.statuses and ClaimStatus.PENDING not in self.view.statuses:
            table.action_cursor_down()
            return
        for later in table.rows[table.cursor + 1 :]:
            if later.status is ClaimStatus.PENDING and later.id not in self.in_flight:
                table.move_to_id(later.id)
                return
        if table.at_end:
            self.awaiting_next = None
            return
        self.awaiting_next = row.id

    def action_note(self) -> None:
        """Ask for the status note of the highlighted claim (empty clears it)."""
        from tracker.ui.screens.prompts import TextPrompt

        row = self.table.current
        if row is None:
            self.app.bell()
            return
        expected = self.expected_version(row)

        def save(note: str | None) -> None:
            if note is None:
                return
            self.queue_write(
                WriteJob("note", claim_id=row.id, expected_version=expected, note=note.strip())
            )

        self.app.push_screen(
            TextPrompt(
                f"Note for claim {row.id}",
                value=row.status_note or "",
                placeholder="why this status: who was asked, what the record shows…",
                hint="enter saves (empty clears the note) · escape cancels",
            ),
            save,
        )

    def action_undo(self) -> None:
        """Undo this reviewer's last change (recorded as a change of its own)."""
        self.queue_write(WriteJob("undo"))

    def action_edit(self) -> None:
        """Correct the highlighted claim's source, source kind, attribution kind or span."""
        from tracker.ui.screens.corrections import EditClaimScreen, EditRequest

        row = self.table.current
        if row is None:
            self.app.bell()
            return
        expected = self.expected_version(row)

        def save(wanted: object) -> None:
            if isinstance(wanted, EditRequest):
                self.queue_write(
                    WriteJob("edit", claim_id=row.id, expected_version=expected, edit=wanted)
                )

        self.app.push_screen(EditClaimScreen(self.store, row), save)

    def action_dismiss_or_restore(self) -> None:
        """Dismiss the highlighted claim as not a claim (a dismissed one is restored)."""
        row = self.table.current
        if row is None:
            self.app.bell()
            return
        action: Literal["dismiss", "restore"] = (
            "restore" if row.state is ClaimState.DISMISSED else "dismiss"
        )
        self.queue_write(
            WriteJob(action, claim_id=row.id, expected_version=self.expected_version(row))
        )

    def action_add(self) -> None:
        """Add a claim the extractor missed to the highlighted claim's story."""
        from tracker.ui.screens.corrections import AddClaimScreen, AddRequest

        row = self.table.current
        if row is None:
            self.app.bell()
            return
        near = row.content_span[1] if row.content_span else 0

        def save(wanted: object) -> None:
            if isinstance(wanted, AddRequest):
                self.queue_write(WriteJob("add", add=wanted))

        self.app.push_screen(
            AddClaimScreen(self.store, row.story_id, near=near, title=row.story_title), save
        )

    def action_show_dismissed(self) -> None:
        """Show dismissed claims too (to restore one), or hide them again."""
        row = self.table.current
        self.view = replace(self.view, include_dismissed=not self.view.include_dismissed)
        self.reload("around" if row is not None else "first", row.id if row else None)

    def action_search(self) -> None:
        """Search claim text, sources and story titles."""
        from tracker.ui.screens.prompts import TextPrompt

        def apply(text: str | None) -> None:
            if text is None:
                return
            self.view = replace(self.view, text=text.strip() or None)
            self.reload("first")

        self.app.push_screen(
            TextPrompt(
                "Search claims, sources and story titles",
                value=self.view.text or "",
                placeholder="words to find (every word must appear)",
                hint="enter searches · an empty search shows everything · escape cancels",
            ),
            apply,
        )

    def action_status_filter(self) -> None:
        """Show only claims with the statuses ticked."""
        from tracker.ui.screens.prompts import PickScreen

        def apply(statuses: tuple[ClaimStatus, ...] | None) -> None:
            if statuses is None:
                return
            self.view = replace(self.view, statuses=statuses)
            self.reload("first")

        choices = [(STATUS_LABELS[s], s, key) for s, key in STATUS_KEYS.items()]
        self.app.push_screen(
            PickScreen("Show claims whose status is", choices, self.view.statuses), apply
        )

    def action_kind_filter(self) -> None:
        """Show only claims whose source is of the kinds ticked."""
        from tracker.ui.screens.prompts import PickScreen

        def apply(kinds: tuple[SourceKind, ...] | None) -> None:
            if kinds is None:
                return
            self.view = replace(self.view, source_kinds=kinds)
            self.reload("first")

        choices = [(k.value, k, key) for k, key in KIND_KEYS.items()]
        self.app.push_screen(
            PickScreen("Show claims whose source is", choices, self.view.source_kinds), apply
        )

    def action_attribution_filter(self) -> None:
        """Show only claims whose attribution (speech, belief, ...) is of the kinds ticked."""
        from tracker.ui.screens.prompts import PickScreen

        def apply(kinds: tuple[AttributionKind, ...] | None) -> None:
            if kinds is None:
                return
            self.view = replace(self.view, kinds=kinds)
            self.reload("first")

        choices = [(k.value, k, key) for k, key in ATTRIBUTION_KEYS.items()]
        self.app.push_screen(
            PickScreen("Show claims whose attribution is", choices, self.view.kinds), apply
        )

    def action_story_filter(self) -> None:
        """Show only the highlighted claim's story, or every story again."""
        row = self.table.current
        if self.view.story_id is not None:
            self.view = replace(self.view, story_id=None)
        elif row is not None:
            self.view = replace(self.view, story_id=row.story_id)
        else:
            return
        self.reload("around", row.id if row is not None else None)

    def action_pick_story(self) -> None:
        """Choose any story from a list and show only its claims."""
        from tracker.ui.screens.stories import StoryPicker

        def apply(story_id: int | None) -> None:
            if story_id is None:
                return
            self.view = replace(self.view, story_id=story_id)
            self.reload("first")

        self.app.push_screen(StoryPicker(self.store), apply)

    def action_clear_filters(self) -> None:
        """Back to every claim, staying on the highlighted one."""
        if not is_filtered(self.view):
            return
        row = self.table.current
        self.view = ClaimFilter()
        self.reload("around" if row is not None else "first", row.id if row else None)

    def action_matches(self) -> None:
        """List the highlighted claim's matches in other stories."""
        row = self.table.current
        detail = self.detail
        if row is None:
            return
        if detail is None or detail.claim.id != row.id:
            self.matches_wanted = row.id  # opens as soon as the claim's details arrive
            self.say("loading the claim's matches…")
            return
        self.matches_wanted = None
        from tracker.ui.screens.matches import MatchesScreen

        def chosen(choice: MatchChoice | None) -> None:
            if choice is None:
                return
            if choice.action == "open":
                self.go_to(choice.match.claim_id, must=True)
            else:
                self.queue_write(
                    WriteJob(choice.action, claim_id=row.id, match_id=choice.match.match_id)
                )

        self.app.push_screen(MatchesScreen(row, detail.matches), chosen)

    def action_export(self) -> None:
        """Export the claims of the current view to a report file."""
        from tracker.ui.screens.export import ExportScreen, export_module

        module = export_module()
        if module is None:
            self.say("export is not available in this installation", error=True)
            return

        def done(result: str | None) -> None:
            if result:
                self.say(result)

        self.app.push_screen(
            ExportScreen(
                self.store,
                self.config,
                self.view,
                module=module,
                description=describe_filter(self.view),
            ),
            done,
        )


def _person(who: str | None) -> bool:
    """True for a reviewer's name: not the extractor, not nobody (as ``decided_by``)."""
    return who is not None and who != EXTRACTOR
