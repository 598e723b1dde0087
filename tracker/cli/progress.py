"""The progress bar of the long commands (``tracker ingest``, ``tracker match``), on stderr.

A run reports its steps as ``update(done, total, what)``. A step with a count (files read,
claims embedded, pairs classified) gets a bar with its count and the time left; a step
with none (``total`` None: reading the word index, finding candidate pairs) gets a
moving bar and the time it has taken, so a run of a minute never looks stalled. Counted
steps of a handful of items, and steps without a count that end within half a second,
are not shown: a bar flashing past says nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.progress import Task
    from rich.text import Text

# Up to this many items, a counted step is over before a progress bar would tell anyone
# anything; a step without a count shows once it has taken this many seconds.
HANDFUL = 5
PATIENCE = 0.5

Update = Callable[..., None]


@contextmanager
def progress_bar(first: str = "ingesting") -> Iterator[Update | None]:
    """``update(done, total, what=first)`` drawing a rich progress bar, or None when
    stderr is not a terminal (piped or logged output stays clean).

    When a new step starts, a step without a count before it is over: its row goes, as
    it has nothing left to say; counted steps keep their full bar.
    """
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskID

    class Bar(Progress):
        def get_renderables(self) -> Iterator[Any]:
            yield self.make_tasks_table([t for t in self.tasks if _shown(t)])

    bar = Bar(
        "[progress.description]{task.description}",
        BarColumn(),
        _count_column(),
        _time_column(),
        console=Console(stderr=True),
        transient=True,
    )
    tasks: dict[str, TaskID] = {}

    def update(done: int, total: int | None, what: str = first) -> None:
        if total is not None and total <= HANDFUL:
            return
        if what not in tasks:
            for task in bar.tasks:
                if task.total is None and task.visible:
                    bar.update(task.id, visible=False)
            bar.start()  # once: a started bar ignores it
            tasks[what] = bar.add_task(what, total=total)
        bar.update(tasks[what], completed=done, total=total)

    try:
        yield update
    finally:
        bar.stop()


def _shown(task: Task) -> bool:
    """A counted step shows at once; a step without one once it has lasted a while."""
    return task.total is not None or (task.elapsed or 0.0) >= PATIENCE


def _count_column() -> Any:
    from rich.progress import ProgressColumn
    from rich.text import Text

    class Count(ProgressColumn):
        """``1,234/5,000`` for a counted step; nothing for a step without a count."""

        def render(self, task: Task) -> Text:
            if task.total is None:
                return Text("")
            return Text(f"{int(task.completed):,}/{int(task.total):,}", style="progress.download")

    return Count()


def _time_column() -> Any:
    from rich.progress import ProgressColumn, TimeElapsedColumn, TimeRemainingColumn

    elapsed, remaining = TimeElapsedColumn(), TimeRemainingColumn()

    class Time(ProgressColumn):
        """The time left of a counted step; the time taken so far by one without a count."""

        def render(self, task: Task) -> Text:
            return (elapsed if task.total is None else remaining).render(task)

    return Time()
