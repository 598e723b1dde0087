"""The ingest pipeline on a real SQLite file: whole stories or nothing, never stopping."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import SAMPLE_DATA
from tracker import store as st
from tracker.extract import extract_claims
from tracker.ingest import IngestInterrupted, ingest_paths
from tracker.models import audit_table, claim_table, source_table, story_table
from tracker.store import IngestOutcome

WIRE = (
    "The port authority said the strike cost {n} million dollars in lost fees.\n"
    "Union leaders said the figure was exaggerated, a spokesman for the union told "
    "reporters.\n"
    "The port authority did not immediately respond to a request for comment.\n"
)


def rows(s: st.Store, table: sa.Table) -> list[sa.Row]:
    with s.read() as conn:
        return list(conn.execute(sa.select(table).order_by(table.c.id)))


def count(s: st.Store, table: sa.Table) -> int:
    with s.read() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


def assert_every_story_whole(s: st.Store) -> None:
    """Each stored story holds exactly the claims a fresh extraction of its text gives."""
    with s.read() as conn:
        stories = conn.execute(
            sa.select(story_table.c.id, story_table.c.body, story_table.c.outlet)
        )
        for story_id, body, outlet in stories.all():
            stored = conn.execute(
                sa.select(
                    claim_table.c.text,
                    source_table.c.name,
                    claim_table.c.kind,
                    claim_table.c.segments,
                )
                .join(source_table, source_table.c.id == claim_table.c.source_id)
                .where(claim_table.c.story_id == story_id)
                .order_by(claim_table.c.position)
            ).all()
            fresh = extract_claims(body, outlet=outlet or None)
            assert [(c.text, c.source, c.kind, [list(g) for g in c.segments]) for c in fresh] == [
                tuple(r) for r in stored
            ]


def write_wire(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"wire_{i:03d}.txt"
        path.write_text(f"Strike story {i}\n\n" + WIRE.format(n=10 + i))
        paths.append(path)
    return paths


# -- the sample newsroom -----------------------------------------------------------------


def test_sample_newsroom_is_stored_whole(store: st.Store) -> None:
    summary = ingest_paths(store, [str(SAMPLE_DATA)], match=False)
    assert summary.failed == []
    assert (summary.added, summary.updated, summary.unchanged) == (12, 1, 0)
    assert summary.ok
    assert count(store, story_table) == 13
    assert summary.claims == count(store, claim_table) == len(summary.new_claim_ids)
    assert_every_story_whole(store)

    stories = {r.title: r for r in rows(store, story_table)}
    reuters = stories["Qatar talks to Syria's HTS rebels as region races to open contacts"]
    assert reuters.outlet == "Reuters"
    assert reuters.published == date(2024, 12, 10)
    assert reuters.body == (SAMPLE_DATA / "reuters_qatar_hts.txt").read_text(encoding="utf-8")

    # The corrected page (same URL, new text) is a revision of the original.
    levant = [r for r in rows(store, story_table) if r.outlet == "Levant Wire"]
    assert len(levant) == 2
    original, corrected = levant
    assert corrected.revision_of == original.id
    assert "13 years" in corrected.body and "11 years" in original.body
    updated = [r for r in summary.stories if r.outcome is IngestOutcome.UPDATED]
    assert [(r.story_id, r.revision_of) for r in updated] == [(corrected.id, original.id)]
    assert any("is a new revision of story" in line for line in summary.lines())


def test_first_statuses_are_audited_as_set_by_the_extractor(store: st.Store) -> None:
    ingest_paths(store, [str(SAMPLE_DATA / "reuters_qatar_hts.txt")], match=False)
    claims = rows(store, claim_table)
    not_pending = {c.id for c in claims if c.status.value != "pending"}
    assert not_pending  # "did not immediately respond", "without specifying who"...
    audit = rows(store, audit_table)
    assert {a.claim_id for a in audit} == not_pending
    assert {a.reviewer for a in audit} == {"extractor"}


def test_reingest_is_a_no_op_and_skips_extraction(
    store: st.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest_paths(store, [str(SAMPLE_DATA)], match=False)
    before = (count(store, story_table), count(store, claim_table), count(store, audit_table))

    def no_extraction(*args: object, **kwargs: object) -> list[object]:
        raise AssertionError("a stored story was extracted again")

    monkeypatch.setattr("tracker.ingest.pipeline.extract_claims", no_extraction)
    again = ingest_paths(store, [str(SAMPLE_DATA)], match=False)
    assert again.failed == []
    assert (again.added, again.updated, again.unchanged, again.claims) == (0, 0, 13, 0)
    after = (count(store, story_table), count(store, claim_table), count(store, audit_table))
    assert after == before


def test_same_url_new_text_is_a_revision_and_same_text_is_unchanged(
    store: st.Store, tmp_path: Path
) -> None:
    first = {"url": "https://post.example/a", "title": "A", "body": WIRE.format(n=5)}
    second = {**first, "body": WIRE.format(n=6) + "This story has been corrected.\n"}
    (tmp_path / "a.json").write_text(json.dumps(first))
    (tmp_path / "b.json").write_text(json.dumps(second))
    (tmp_path / "c.json").write_text(json.dumps(first))
    summary = ingest_paths(store, [str(tmp_path)], match=False)
    assert (summary.added, summary.updated, summary.unchanged) == (1, 1, 1)
    a, b = rows(store, story_table)
    assert b.revision_of == a.id and a.revision_of is None


# -- bad input ---------------------------------------------------------------------------


def test_each_bad_input_fails_alone_and_the_good_ones_are_stored(
    store: st.Store, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    good = write_wire(folder, 2)
    bad = {
        "empty.txt": b"",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "bad.json": b'{"title": "Cut", "body": "The mayor said',
        "nobody.json": b'{"title": "Headline only"}',
        "garbage.html": b"<html><head><script>x()</script></head></html>",
    }
    for name, content in bad.items():
        (folder / name).write_bytes(content)
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    (folder / "mixed.jsonl").write_text(
        json.dumps(
            {
                "title": "Lifeboat",
                "body": "A lifeboat crew rescued two sailors, the coastguard said.",
            }
        )
        + "\n{broken\n"
    )
    missing = str(tmp_path / "nowhere.txt")

    summary = ingest_paths(store, [str(folder), missing], match=False)

    failed = dict(summary.failed)
    expected = {
        missing: "no such file or folder",
        str(folder / "empty.txt"): "empty file",
        str(folder / "binary.txt"): "binary file",
        str(folder / "bad.json"): "malformed JSON",
        str(folder / "nobody.json"): "no 'body' or 'text'",
        str(folder / "garbage.html"): "no article text",
        str(folder / "huge.txt"): "too big",
        f"{folder / 'mixed.jsonl'}:2": "malformed JSON",
    }
    assert set(failed) == set(expected)
    for where, reason in expected.items():
        assert reason in failed[where]
    assert not summary.ok
    assert summary.added == 3
    titles = {r.title for r in rows(store, story_table)}
    assert titles == {"Strike story 0", "Strike story 1", "Lifeboat"}
    origins = {r.origin for r in rows(store, story_table)}
    assert origins == {str(good[0]), str(good[1]), f"{folder / 'mixed.jsonl'}:1"}
    lines = summary.lines()
    assert f"failed: {missing}: no such file or folder" in lines
    assert lines[-2 if summary.match_note else -1].startswith(
        "3 stories added, 0 updated, 0 unchanged, 8 failed;"
    )


def test_extractor_crash_fails_that_story_only(
    store: st.Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_wire(tmp_path, 3)
    (tmp_path / "wire_001.txt").write_text("BOOM\n\nThe minister said it would explode.\n")
    real = extract_claims

    def fragile(text: str, *, outlet: str | None = None):
        if text.startswith("BOOM"):
            raise ValueError("unbalanced quotes")
        return real(text, outlet=outlet)

    monkeypatch.setattr("tracker.ingest.pipeline.extract_claims", fragile)
    summary = ingest_paths(store, [str(tmp_path)], match=False)
    assert summary.failed == [
        (str(tmp_path / "wire_001.txt"), "extraction failed: ValueError: unbalanced quotes")
    ]
    assert [r.title for r in rows(store, story_table)] == ["Strike story 0", "Strike story 2"]
    assert_every_story_whole(store)


def test_database_failure_mid_story_leaves_nothing_of_it(
    store: st.Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_wire(tmp_path, 3)
    from tracker.store import stories as store_stories

    real_insert = store_stories._insert_rows
    calls = {"n": 0}

    def failing_insert(conn: sa.Connection, table: sa.Table, rows: list[dict[str, object]]):
        if table.name == "audit_event" and rows:
            calls["n"] += 1
            if calls["n"] == 2:  # the second story's audit rows, after its claims went in
                raise sa.exc.OperationalError("INSERT INTO audit", {}, Exception("disk I/O error"))
        return real_insert(conn, table, rows)

    monkeypatch.setattr(store_stories, "_insert_rows", failing_insert)
    summary = ingest_paths(store, [str(tmp_path)], match=False)
    assert calls["n"] >= 2
    assert [where for where, _ in summary.failed] == [str(tmp_path / "wire_001.txt")]
    assert summary.failed[0][1].startswith("could not store:")
    assert [r.title for r in rows(store, story_table)] == ["Strike story 0", "Strike story 2"]
    assert count(store, claim_table) == sum(r.claims for r in summary.stories)
    assert_every_story_whole(store)


# -- interruption ------------------------------------------------------------------------


def test_ctrl_c_keeps_whole_stories_and_a_rerun_stores_the_rest(
    store: st.Store, tmp_path: Path
) -> None:
    write_wire(tmp_path, 6)

    def interrupt_after_two(done: int, total: int) -> None:
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(IngestInterrupted) as caught:
        ingest_paths(store, [str(tmp_path)], match=False, progress=interrupt_after_two)
    partial = caught.value.summary
    assert partial.interrupted and not partial.ok
    assert partial.added == 2 == count(store, story_table)
    assert "run the same command again" in partial.lines()[-1]
    assert_every_story_whole(store)

    rest = ingest_paths(store, [str(tmp_path)], match=False)
    assert (rest.added, rest.unchanged) == (4, 2)
    assert count(store, story_table) == 6
    assert_every_story_whole(store)


# -- metadata defaults -------------------------------------------------------------------


def test_outlet_and_published_fill_only_what_the_file_does_not_say(
    store: st.Store, tmp_path: Path
) -> None:
    (tmp_path / "bare.txt").write_text("Bridge closes\n\nThe bridge will close, engineers said.\n")
    (tmp_path / "dated.md").write_text(
        "---\noutlet: Valley Courier\npublished: 2024-11-28\n---\nThe mayor said yes.\n"
    )
    ingest_paths(
        store, [str(tmp_path)], outlet="Night Desk", published=date(2024, 12, 1), match=False
    )
    by_title = {r.title: r for r in rows(store, story_table)}
    assert by_title["Bridge closes"].outlet == "Night Desk"
    assert by_title["Bridge closes"].published == date(2024, 12, 1)
    assert by_title["The mayor said yes."].outlet == "Valley Courier"
    assert by_title["The mayor said yes."].published == date(2024, 11, 28)


def test_outlet_is_guessed_from_a_dateline_when_nothing_names_it(
    store: st.Store, tmp_path: Path
) -> None:
    (tmp_path / "wire.txt").write_text(
        "DOHA (Reuters) - Qatar's prime minister said on Sunday talks would resume.\n"
    )
    ingest_paths(store, [str(tmp_path)], match=False)
    assert rows(store, story_table)[0].outlet == "Reuters"


def test_stdin_story(store: st.Store) -> None:
    piped = io.BytesIO(b"Rates held\n\nThe central bank held rates at 4%, its governor said.\n")
    summary = ingest_paths(store, ["-"], stdin=piped, outlet="Money Desk", match=False)
    assert summary.added == 1
    story = rows(store, story_table)[0]
    assert (story.title, story.outlet, story.origin) == ("Rates held", "Money Desk", "<stdin>")


def test_summary_json_is_plain_data(store: st.Store, tmp_path: Path) -> None:
    write_wire(tmp_path, 2)
    summary = ingest_paths(store, [str(tmp_path), str(tmp_path / "gone")], match=False)
    data = json.loads(json.dumps(summary.to_json()))
    assert data["ok"] is False
    assert (data["added"], data["updated"], data["unchanged"]) == (2, 0, 0)
    assert data["failed"] == [{"path": str(tmp_path / "gone"), "reason": "no such file or folder"}]
    assert data["new_claim_ids"] == summary.new_claim_ids and data["claims"] > 0
    assert [s["outcome"] for s in data["stories"]] == ["added", "added"]


# -- matching after storing --------------------------------------------------------------


def test_new_claims_are_matched_across_stories(store: st.Store) -> None:
    pytest.importorskip("tracker.store.matches")
    from tracker.models import match_table

    summary = ingest_paths(store, [str(SAMPLE_DATA)])
    assert summary.matching is not None and summary.match_note
    assert summary.match_note.startswith("matched")
    b_claim, b_story = claim_table.alias("b_claim"), story_table.alias("b_story")
    with store.read() as conn:
        outlets = conn.execute(
            sa.select(story_table.c.outlet, b_story.c.outlet)
            .select_from(match_table)
            .join(claim_table, claim_table.c.id == match_table.c.claim_a_id)
            .join(story_table, story_table.c.id == claim_table.c.story_id)
            .join(b_claim, b_claim.c.id == match_table.c.claim_b_id)
            .join(b_story, b_story.c.id == b_claim.c.story_id)
        ).all()
    assert any(a != b for a, b in outlets), "the paraphrases in other outlets are matched"
    again = ingest_paths(store, [str(SAMPLE_DATA)])
    assert again.matching is None and again.match_note is None  # nothing new, nothing to do


def test_no_match_stores_no_matches(store: st.Store) -> None:
    from tracker.models import match_table

    summary = ingest_paths(store, [str(SAMPLE_DATA)], match=False)
    assert summary.matching is None and summary.match_note is None
    assert count(store, match_table) == 0


def _fake_matcher(monkeypatch: pytest.MonkeyPatch, match_claims: object) -> None:
    monkeypatch.setattr("tracker.store.matches.match_claims", match_claims)


def test_matching_failure_keeps_the_stories_and_says_what_to_run(
    store: st.Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(s: st.Store, *, claim_ids: list[int], progress: object = None) -> None:
        raise st.StoreError("the match table is locked")

    _fake_matcher(monkeypatch, broken)
    write_wire(tmp_path, 2)
    summary = ingest_paths(store, [str(tmp_path)])
    assert summary.added == 2 and count(store, story_table) == 2
    assert summary.match_note == (
        "not matched (the match table is locked); the stories are stored: run `tracker match`"
    )


def test_ctrl_c_while_matching_keeps_every_story(
    store: st.Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[int]] = []

    def interrupted(s: st.Store, *, claim_ids: list[int], progress: object = None) -> None:
        seen.append(claim_ids)
        raise KeyboardInterrupt

    _fake_matcher(monkeypatch, interrupted)
    write_wire(tmp_path, 3)
    with pytest.raises(IngestInterrupted) as caught:
        ingest_paths(store, [str(tmp_path)])
    assert caught.value.summary.added == 3 == count(store, story_table)
    assert seen == [caught.value.summary.new_claim_ids]
    assert "run `tracker match`" in (caught.value.summary.match_note or "")


def test_ingest_matches_the_new_claims_across_stories(store: st.Store) -> None:
    from tests.conftest import SAMPLE_DATA
    from tracker.models import match_table

    summary = ingest_paths(store, [str(SAMPLE_DATA)], workers=0)
    assert summary.ok
    assert summary.match_note and summary.match_note.startswith("matched ")
    assert count(store, match_table) >= 3
    again = ingest_paths(store, [str(SAMPLE_DATA)], workers=0)
    assert again.added == 0 and again.new_claim_ids == []
