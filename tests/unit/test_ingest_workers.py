"""Helper processes: same stories, same order, same claims as a run without them."""

from __future__ import annotations

import json
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import sqlalchemy as sa

from tests.conftest import SAMPLE_DATA
from tracker import store as st
from tracker.ingest import ingest_paths
from tracker.ingest.pipeline import PrepareOptions
from tracker.ingest.workers import _Pipeline, _prepare_files, _Task, worker_count
from tracker.models import claim_table, story_table


def snapshot(s: st.Store) -> list[tuple]:
    """Stories in id order with their claims: what a run leaves behind."""
    with s.read() as conn:
        stories = conn.execute(
            sa.select(
                story_table.c.id,
                story_table.c.title,
                story_table.c.origin,
                story_table.c.revision_of,
            ).order_by(story_table.c.id)
        ).all()
        claims = conn.execute(
            sa.select(claim_table.c.story_id, claim_table.c.text, claim_table.c.status).order_by(
                claim_table.c.id
            )
        ).all()
    return [tuple(r) for r in stories] + [tuple(r) for r in claims]


def test_helpers_store_the_same_as_one_process(tmp_path: Path) -> None:
    alone = st.Store.open(f"sqlite:///{tmp_path / 'alone.db'}")
    helped = st.Store.open(f"sqlite:///{tmp_path / 'helped.db'}")
    one = ingest_paths(alone, [str(SAMPLE_DATA)], match=False, workers=0)
    two = ingest_paths(helped, [str(SAMPLE_DATA)], match=False, workers=2)
    assert (two.added, two.updated, two.failed) == (one.added, one.updated, one.failed)
    assert snapshot(helped) == snapshot(alone)
    again = ingest_paths(helped, [str(SAMPLE_DATA)], match=False, workers=2)
    assert (again.added, again.unchanged) == (0, 13)
    alone.close()
    helped.close()


def test_a_json_archive_is_shared_out_and_stored_in_order(tmp_path: Path) -> None:
    lines = []
    for i in range(50):
        lines.append(
            json.dumps(
                {
                    "title": f"Brief {i}",
                    "url": "https://wire.example/running-story" if i in (10, 40) else None,
                    "body": f"Grain shipments rose {i + 2}% in May, the port authority said.",
                }
            )
        )
    lines.insert(20, "{not json")
    (tmp_path / "archive.jsonl").write_text("\n".join(lines) + "\n")
    s = st.Store.open(f"sqlite:///{tmp_path / 'news.db'}")
    progress: list[tuple[int, int]] = []
    summary = ingest_paths(
        s,
        [str(tmp_path / "archive.jsonl")],
        match=False,
        workers=2,
        progress=lambda done, total: progress.append((done, total)),
    )
    assert summary.failed == [(f"{tmp_path / 'archive.jsonl'}:21", summary.failed[0][1])]
    assert "malformed JSON" in summary.failed[0][1]
    assert (summary.added, summary.updated) == (49, 1)
    with s.read() as conn:
        titles = conn.execute(sa.select(story_table.c.title).order_by(story_table.c.id)).scalars()
        assert list(titles) == [f"Brief {i}" for i in range(50)]
        revision = conn.execute(
            sa.select(story_table.c.title, story_table.c.revision_of).where(
                story_table.c.revision_of.is_not(None)
            )
        ).one()
    assert revision.title == "Brief 40"
    assert progress == [(1, 1)]  # one file, counted once, after its last batch
    s.close()


def test_work_of_a_dead_helper_is_done_here(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Rates held\n\nThe central bank held rates, it said.\n")
    url = f"sqlite:///{tmp_path / 'news.db'}"
    st.Store.open(url).close()
    pipeline = _Pipeline(url, PrepareOptions(), workers=1, stdin=None)
    try:
        broken: Future = Future()
        broken.set_exception(BrokenProcessPool("a helper was killed"))
        task = _Task(_prepare_files, ([str(tmp_path / "a.txt")], PrepareOptions()), broken)
        [(part, done)] = pipeline.result(task)
    finally:
        pipeline.close()
    assert done and part.failures == []
    assert [p.story.title for p in part.stories] == ["Rates held"]
    assert part.stories[0].claims


def test_how_many_helpers(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'news.db'}"
    few = [tmp_path / "a.txt"]
    many = [tmp_path / f"{i}.txt" for i in range(100)]
    assert worker_count(None, few, url) == 0  # not worth starting helpers
    assert worker_count(3, few, url) == 3
    assert worker_count(0, many, url) == 0
    assert worker_count(1, many, url) == 1
    assert worker_count(2, many, "sqlite://") == 0  # in-memory: nothing to share


def test_default_helpers_leave_the_writer_a_cpu(tmp_path: Path, monkeypatch) -> None:
    from tracker.ingest import workers

    url = f"sqlite:///{tmp_path / 'news.db'}"
    many = [tmp_path / f"{i}.txt" for i in range(100)]
    monkeypatch.setattr(workers, "_idle_cpus", lambda: 3)
    assert worker_count(None, many, url) == 2
    monkeypatch.setattr(workers, "_idle_cpus", lambda: 1)  # a busy machine: no helpers
    assert worker_count(None, many, url) == 0


def test_submits_after_start_leave_ctrl_c_live(tmp_path: Path, monkeypatch) -> None:
    # Ctrl-C is ignored only while helpers start; they all start with the pool, so a Ctrl-C
    # during a later submit must reach the writer (it once was thrown away).
    from contextlib import contextmanager

    from tracker.ingest import workers

    (tmp_path / "a.txt").write_text("Rates held\n\nThe central bank held rates, it said.\n")
    url = f"sqlite:///{tmp_path / 'news.db'}"
    st.Store.open(url).close()
    pipeline = _Pipeline(url, PrepareOptions(), workers=2, stdin=None)
    ignored: list[str] = []

    @contextmanager
    def spy():
        ignored.append("submit")
        yield

    monkeypatch.setattr(workers, "_helpers_ignore_ctrl_c", spy)
    try:
        assert pipeline._all_started()
        task = pipeline.submit(_prepare_files, [str(tmp_path / "a.txt")], PrepareOptions())
        [(part, done)] = pipeline.result(task)
    finally:
        pipeline.close()
    assert ignored == []
    assert done and [p.story.title for p in part.stories] == ["Rates held"]
