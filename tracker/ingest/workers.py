"""Reading and extraction in helper processes, storing in the calling one.

Extraction is pure CPU work and storing is one SQLite writer, so a large ingest runs
both at once: helper processes read files and extract claims while the calling process
stores each story in its own transaction, in the order of the files. Only the calling
process writes, so every story is still stored whole or not at all.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from tracker.db import is_sqlite, sqlite_path
from tracker.ingest.errors import ReadError
from tracker.ingest.pipeline import PreparedFile, PrepareOptions, prepare_file, prepare_story
from tracker.ingest.readers import Format, format_of, read_path
from tracker.store import Store, StoryInput

# Starting helpers costs about a second: worth it from this much work on.
PARALLEL_FROM_FILES = 48
PARALLEL_FROM_BYTES = 256 * 1024
MAX_WORKERS = 4
# Files per task, and stories per task when a JSON file is shared out.
FILES_PER_TASK = 8
STORIES_PER_TASK = 16
# Tasks queued ahead of the writer, per helper: enough to keep helpers busy, little memory.
AHEAD_PER_WORKER = 4

# (prepared part, True when it completes a file)
Part = tuple[PreparedFile, bool]

_worker_store: Store | None = None


def worker_count(requested: int | None, files: Sequence[Path | None], url: str) -> int:
    """How many helper processes a run gets; 0 means everything in this process.

    By default one per idle CPU but one: the writer (this process) is the slower half of
    the work, so it keeps a CPU to itself; on a machine already busy, helpers would only
    add the cost of handing stories between processes.
    """
    if requested is not None:
        wanted = max(0, requested)
    else:
        wanted = max(0, min(_idle_cpus() - 1, MAX_WORKERS))
        if wanted > 0 and not _big_enough(files):
            wanted = 0
    if wanted > 0 and is_sqlite(url) and sqlite_path(url) is None:
        return 0  # an in-memory database exists only in this process
    return wanted


def _idle_cpus() -> int:
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cpus = os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average on this system
        busy = 0.0
    return max(0, cpus - int(busy + 0.5))


def _big_enough(files: Sequence[Path | None]) -> bool:
    if len(files) >= PARALLEL_FROM_FILES:
        return True
    size = 0
    for path in files:
        if path is not None:
            try:
                size += path.stat().st_size
            except OSError:
                continue
    return size >= PARALLEL_FROM_BYTES


@dataclass(slots=True)
class _Task:
    """Work for a helper, and how to do it here if the helpers are gone."""

    run: Callable[..., list[Part]]
    args: tuple[Any, ...]
    future: Future[list[Part]] | None = None
    done: list[Part] | None = field(default=None)


class _Pipeline:
    def __init__(
        self, url: str, options: PrepareOptions, workers: int, stdin: BinaryIO | None
    ) -> None:
        self.url = url
        self.options = options
        self.stdin = stdin
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(url, os.getpid()),
        )
        self._local: Store | None = None
        # Start every helper now, in one short window with Ctrl-C ignored (see
        # _helpers_ignore_ctrl_c): later submits start none, so a Ctrl-C during one of
        # them reaches this process instead of being ignored.
        try:
            with _helpers_ignore_ctrl_c():
                for _ in range(workers):
                    self.pool.submit(_ready)
        except (BrokenProcessPool, RuntimeError):
            self.pool = None

    def local_store(self) -> Store:
        if self._local is None:
            self._local = Store.open(self.url, migrate=False)
        return self._local

    def submit(self, run: Callable[..., list[Part]], *args: Any) -> _Task:
        task = _Task(run, args)
        if self.pool is not None:
            try:
                if self._all_started():
                    task.future = self.pool.submit(run, *args)
                else:
                    with _helpers_ignore_ctrl_c():
                        task.future = self.pool.submit(run, *args)
            except (BrokenProcessPool, RuntimeError):
                self.pool = None
        return task

    def _all_started(self) -> bool:
        """Whether every helper process exists, so that a submit starts none."""
        processes = getattr(self.pool, "_processes", None)
        return processes is not None and len(processes) >= self.workers

    def result(self, task: _Task) -> list[Part]:
        if task.done is not None:
            return task.done
        if task.future is not None:
            try:
                return task.future.result()
            except BrokenProcessPool:
                # A helper died (killed, out of memory): do this work here instead.
                self.pool = None
        return task.run(*task.args, store=self.local_store())

    def tasks(self, files: Sequence[Path | None]) -> Iterator[_Task]:
        batch: list[str] = []
        for path in files:
            if path is None or format_of(path) in (Format.JSON, Format.JSONL):
                if batch:
                    yield self.submit(_prepare_files, batch, self.options)
                    batch = []
                yield from self._share_out(path)
                continue
            batch.append(str(path))
            if len(batch) == FILES_PER_TASK:
                yield self.submit(_prepare_files, batch, self.options)
                batch = []
        if batch:
            yield self.submit(_prepare_files, batch, self.options)

    def _share_out(self, path: Path | None) -> Iterator[_Task]:
        """Stdin is prepared here; a JSON file is read here, its stories sent out in batches."""
        if path is None:
            prepared = prepare_file(self.local_store(), None, self.options, stdin=self.stdin)
            yield _Task(_prepare_files, (), done=[(prepared, True)])
            return
        where = str(path)
        try:
            reading = read_path(path, max_bytes=self.options.max_bytes)
        except ReadError as exc:
            yield _Task(
                _prepare_files,
                (),
                done=[(PreparedFile(where, failures=[(where, exc.reason)]), True)],
            )
            return
        except (OSError, RecursionError, MemoryError) as exc:
            failure = (where, f"cannot read: {exc}")
            yield _Task(_prepare_files, (), done=[(PreparedFile(where, failures=[failure]), True)])
            return
        if not reading.stories:
            yield _Task(
                _prepare_files, (), done=[(PreparedFile(where, failures=reading.failures), True)]
            )
            return
        stories = reading.stories
        for start in range(0, len(stories), STORIES_PER_TASK):
            last = start + STORIES_PER_TASK >= len(stories)
            failures = reading.failures if start == 0 else []
            chunk = stories[start : start + STORIES_PER_TASK]
            yield self.submit(_prepare_stories, where, chunk, self.options, failures, last)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        if self._local is not None:
            self._local.close()
            self._local = None


def parallel_prepare(
    url: str,
    files: Sequence[Path | None],
    options: PrepareOptions,
    *,
    workers: int,
    stdin: BinaryIO | None = None,
) -> Iterator[Part]:
    """Prepared parts of the files in the order given; the flag marks a file's last part.

    Story files go to helpers a few at a time; a JSON or JSON Lines file is read here and
    its stories sent to helpers in batches, so one big archive is shared out too. Stdin is
    read and prepared here. If a helper dies, the rest of the work is done here.
    """
    pipeline = _Pipeline(url, options, workers, stdin)
    pending: deque[_Task] = deque()
    ahead = workers * AHEAD_PER_WORKER
    source = pipeline.tasks(files)
    try:
        while True:
            while len(pending) < ahead:
                task = next(source, None)
                if task is None:
                    break
                pending.append(task)
            if not pending:
                return
            yield from pipeline.result(pending.popleft())
    finally:
        pipeline.close()


@contextmanager
def _helpers_ignore_ctrl_c() -> Iterator[None]:
    """Start helpers with Ctrl-C ignored from their first instruction.

    A terminal's Ctrl-C reaches every process of the group; a helper still importing
    would die with a traceback. An ignored SIGINT survives the exec, and Python then
    installs no handler of its own. Submitting is what starts helpers, so it is done with
    SIGINT ignored for that instant (only the main thread may touch signal handlers).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


# -- in the helper processes ------------------------------------------------------------


def _ready() -> None:
    """A first task, so that each helper process is started at once."""


def _start_worker(url: str, writer_pid: int) -> None:
    """Set up a helper: Ctrl-C is the writer's to handle, and a helper never outlives it."""
    global _worker_store

    def watch_writer() -> None:
        # A killed writer cannot tell its helpers to stop: they notice and leave (also
        # when it died while this helper was still starting).
        while os.getppid() == writer_pid:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch_writer, daemon=True, name="watch-writer").start()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_store = Store.open(url, migrate=False)


def _prepare_files(
    paths: list[str], options: PrepareOptions, *, store: Store | None = None
) -> list[Part]:
    store = store if store is not None else _worker_store
    return [(prepare_file(store, Path(p), options), True) for p in paths]


def _prepare_stories(
    where: str,
    stories: list[StoryInput],
    options: PrepareOptions,
    failures: list[tuple[str, str]],
    last: bool,
    *,
    store: Store | None = None,
) -> list[Part]:
    store = store if store is not None else _worker_store
    part = PreparedFile(where, failures=list(failures))
    part.stories = [prepare_story(store, story, options) for story in stories]
    return [(part, last)]
