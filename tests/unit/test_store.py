"""The service layer: statuses, the audit log, stale changes, undo, paging."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from tests.conftest import FakeClaim, add_fake_story
from tracker import store as st
from tracker.models import audit_table
from tracker.vocab import AttributionKind, ClaimStatus, SourceKind


def _first_id(s: st.Store) -> int:
    return st.list_claims(s, limit=1)[0].id


def test_set_status_writes_exactly_one_audit_event(filled_store: st.Store) -> None:
    claim_id = _first_id(filled_store)
    before = st.history(filled_store, claim_id=claim_id)
    change = st.set_status(
        filled_store,
        claim_id=claim_id,
        status=ClaimStatus.CONFIRMED,
        note="matches the ministry's statement",
        reviewer="ana",
    )
    events = st.history(filled_store, claim_id=claim_id)
    assert len(events) == len(before) + 1
    event = events[-1]
    assert (event.action, event.old_status, event.new_status) == (
        "status",
        ClaimStatus.PENDING,
        ClaimStatus.CONFIRMED,
    )
    assert event.new_note == "matches the ministry's statement"
    assert event.reviewer == "ana"
    assert event.at.tzinfo is not None
    assert event.claim_version == change.version == 2
    row = st.get_claim(filled_store, claim_id)
    assert row.status is ClaimStatus.CONFIRMED
    assert row.updated_by == "ana"


def test_audit_log_refuses_update_and_delete(filled_store: st.Store) -> None:
    claim_id = _first_id(filled_store)
    st.set_status(filled_store, claim_id=claim_id, status="disputed", reviewer="ana")
    with pytest.raises(sa.exc.DatabaseError, match="append-only"):
        with filled_store.write() as conn:
            conn.execute(sa.update(audit_table).values(reviewer="mallory"))
    with pytest.raises(sa.exc.DatabaseError, match="append-only"):
        with filled_store.write() as conn:
            conn.execute(sa.delete(audit_table))
    assert st.history(filled_store, claim_id=claim_id)[-1].reviewer == "ana"


def test_stale_change_is_refused_and_nothing_overwritten(filled_store: st.Store) -> None:
    claim_id = _first_id(filled_store)
    seen_by_ana = st.get_claim(filled_store, claim_id)
    seen_by_ben = st.get_claim(filled_store, claim_id)
    st.set_status(
        filled_store,
        claim_id=claim_id,
        status="confirmed",
        reviewer="ana",
        expected_version=seen_by_ana.version,
    )
    with pytest.raises(st.StaleClaimError, match="changed by ana"):
        st.set_status(
            filled_store,
            claim_id=claim_id,
            status="false",
            note="ben disagrees",
            reviewer="ben",
            expected_version=seen_by_ben.version,
        )
    row = st.get_claim(filled_store, claim_id)
    assert row.status is ClaimStatus.CONFIRMED
    assert [e.reviewer for e in st.history(filled_store, claim_id=claim_id)] == ["ana"]


def test_undo_restores_previous_status_and_appends(filled_store: st.Store) -> None:
    claim_id = _first_id(filled_store)
    st.set_status(filled_store, claim_id=claim_id, status="disputed", note="one", reviewer="ana")
    st.set_status(filled_store, claim_id=claim_id, status="false", note="two", reviewer="ana")
    change = st.undo_last(filled_store, reviewer="ana")
    row = st.get_claim(filled_store, claim_id)
    assert (row.status, row.status_note) == (ClaimStatus.DISPUTED, "one")
    assert change.new_status is ClaimStatus.DISPUTED
    st.undo_last(filled_store, reviewer="ana")
    row = st.get_claim(filled_store, claim_id)
    assert (row.status, row.status_note) == (ClaimStatus.PENDING, None)
    actions = [e.action for e in st.history(filled_store, claim_id=claim_id)]
    assert actions == ["status", "status", "undo", "undo"]
    with pytest.raises(st.NothingToUndo):
        st.undo_last(filled_store, reviewer="ana")


def test_undo_is_refused_when_someone_changed_the_claim_since(filled_store: st.Store) -> None:
    claim_id = _first_id(filled_store)
    st.set_status(filled_store, claim_id=claim_id, status="disputed", reviewer="ana")
    st.set_status(filled_store, claim_id=claim_id, status="confirmed", reviewer="ben")
    with pytest.raises(st.StaleClaimError):
        st.undo_last(filled_store, reviewer="ana")
    assert st.get_claim(filled_store, claim_id).status is ClaimStatus.CONFIRMED


def test_unknown_claim(filled_store: st.Store) -> None:
    with pytest.raises(st.ClaimNotFound, match="no claim with id 999"):
        st.set_status(filled_store, claim_id=999, status="confirmed", reviewer="ana")


def test_extractor_statuses_are_audited(filled_store: st.Store) -> None:
    unclear = st.list_claims(filled_store, filter=st.ClaimFilter(statuses=(ClaimStatus.UNCLEAR,)))
    assert len(unclear) == 1
    events = st.history(filled_store, claim_id=unclear[0].id)
    assert [(e.action, e.reviewer, e.new_status) for e in events] == [
        ("extract", "extractor", ClaimStatus.UNCLEAR)
    ]
    assert events[0].new_note == "without specifying who"
    # stored through the fast bulk path: timestamps read back as aware UTC, like the ORM's
    row = st.get_claim(filled_store, unclear[0].id)
    assert row.updated_at.tzinfo is not None
    assert abs((row.updated_at - events[0].at).total_seconds()) < 5
    assert (row.status, row.quote, row.source_kind) == (ClaimStatus.UNCLEAR, "indirect", "named")


def test_same_text_is_a_no_op_and_same_url_is_a_revision(store: st.Store) -> None:
    first = add_fake_story(store, [FakeClaim("a claim")], body="Text one.", url="https://x/1")
    again = add_fake_story(store, [FakeClaim("a claim")], body="Text one.", url="https://x/1")
    newer = add_fake_story(store, [FakeClaim("a claim")], body="Text two.", url="https://x/1")
    assert first.outcome is st.IngestOutcome.ADDED
    assert again.outcome is st.IngestOutcome.UNCHANGED and again.story_id == first.story_id
    assert newer.outcome is st.IngestOutcome.UPDATED and newer.revision_of == first.story_id
    assert newer.version == 2
    # The older version's (never reviewed) claim is superseded: out of the default lists.
    assert st.count_claims(store) == 1
    assert st.count_claims(store, filter=st.ClaimFilter(include_superseded=True)) == 2


def test_filters(filled_store: st.Store) -> None:
    def texts(**kw: object) -> list[str]:
        return [r.text for r in st.list_claims(filled_store, filter=st.ClaimFilter(**kw))]  # type: ignore[arg-type]

    assert texts(source_kinds=(SourceKind.OUTLET,)) == ["Assad fled to Russia"]
    assert texts(source="khulaifi") == ["they are communicating with various parties"]
    assert texts(text="opened line") == ["Iran opened a line of communication with the rebels"]
    assert len(texts(text="Iran")) == 2  # the story title "Iran reaches out" matches too
    assert texts(text="communicat") == [
        "they are communicating with various parties",
        "Iran opened a line of communication with the rebels",
    ]
    assert len(texts(text="Qatar talks")) == 3  # story title matches too
    assert texts(text='"; DROP TABLE claim; --') == []
    stories = st.list_stories(filled_store)
    assert texts(story_id=stories[0].id) == [
        "Iran opened a line of communication with the rebels",
        "Assad fled to Russia",
    ]


def test_kind_and_segments_are_stored_read_and_filtered(store: st.Store) -> None:
    from tracker.store.reports import report_snapshot

    body = '"The pier is safe," the engineer said. "It was inspected." Critics fear a collapse.'
    first, second = body.index("The pier"), body.index("It was")
    fear = body.index("a collapse")
    add_fake_story(
        store,
        [
            FakeClaim(
                "The pier is safe, It was inspected.",
                content_span=(first, second + len("It was inspected.")),
                segments=((first, first + 17), (second, second + 17)),
            ),
            FakeClaim(
                "a collapse",
                kind=AttributionKind.BELIEF,
                source="Critics",
                source_key=1,
                content_span=(fear, fear + len("a collapse")),
            ),
        ],
        body=body,
    )
    speech, belief = st.list_claims(store)
    assert speech.kind is AttributionKind.SPEECH
    assert [body[a:b] for a, b in speech.segments] == ["The pier is safe,", "It was inspected."]
    assert belief.kind is AttributionKind.BELIEF
    assert belief.segments == (belief.content_span,)  # none given: the content span
    assert st.claim_detail(store, claim_id=speech.id).claim.segments == speech.segments

    only_beliefs = st.ClaimFilter(kinds=(AttributionKind.BELIEF,))
    assert [r.id for r in st.list_claims(store, filter=only_beliefs)] == [belief.id]
    assert st.count_claims(store, filter=only_beliefs) == 1
    both = st.ClaimFilter(kinds=(AttributionKind.BELIEF, AttributionKind.SPEECH))
    assert st.count_claims(store, filter=both) == 2
    assert st.count_claims(store, filter=st.ClaimFilter(kinds=(AttributionKind.FINDING,))) == 0
    with report_snapshot(store) as snap:
        assert snap.summary(only_beliefs).claims == 1
        everything = {AttributionKind.SPEECH: 1, AttributionKind.BELIEF: 1}
        assert snap.summary(st.ClaimFilter()).by_kind == everything
        # A filter on the source joins the stories and sources: the one-pass breakdown.
        assert snap.summary(st.ClaimFilter(source="critic")).by_kind == {AttributionKind.BELIEF: 1}
        for events in (True, False):
            rows = [c.claim for b in snap.claims(st.ClaimFilter(), events=events) for c in b]
            assert [(r.kind, r.segments) for r in rows] == [
                (speech.kind, speech.segments),
                (belief.kind, belief.segments),
            ]


def test_status_counts(filled_store: st.Store) -> None:
    counts = {c.title: c.counts for c in st.status_counts(filled_store)}
    assert counts["Qatar talks to HTS"] == {ClaimStatus.PENDING: 2, ClaimStatus.UNCLEAR: 1}
    assert st.totals(filled_store).total == 5


def test_totals_count_as_reviewed_only_what_a_person_decided(filled_store: st.Store) -> None:
    unclear = st.ClaimFilter(statuses=(ClaimStatus.UNCLEAR,))
    # Claim 3's unclear is the extractor's reading of the story: not a review.
    assert (st.totals(filled_store).reviewed, st.totals(filled_store, filter=unclear).total) == (
        0,
        1,
    )
    st.set_status(filled_store, claim_id=3, status=ClaimStatus.UNCLEAR, reviewer="ana")
    st.set_status(filled_store, claim_id=1, status=ClaimStatus.CONFIRMED, reviewer="bo")
    assert st.totals(filled_store).reviewed == 2
    assert st.totals(filled_store, filter=unclear).reviewed == 1
    st.undo_last(filled_store, reviewer="bo")  # back to pending as extracted: nobody's
    assert st.totals(filled_store).reviewed == 1


def test_claim_detail(store: st.Store) -> None:
    body = "Intro paragraph.\n\nQatar spoke with HTS, an official said. More text."
    start = body.index("Qatar")
    claim = FakeClaim(
        "Qatar spoke with HTS",
        content_span=(start, start + len("Qatar spoke with HTS")),
        paragraph_span=(body.index("Qatar"), len(body)),
    )
    add_fake_story(store, [claim, FakeClaim("More text", source_key=0)], body=body)
    detail = st.claim_detail(store, claim_id=_first_id(store))
    assert detail.paragraph == "Qatar spoke with HTS, an official said. More text."
    assert detail.relative(detail.claim.content_span) == (0, len("Qatar spoke with HTS"))
    assert [c.text for c in detail.source_claims] == ["More text"]


def test_keyset_pages_return_every_claim_once_while_inserting(store: st.Store) -> None:
    for n in range(10):
        add_fake_story(store, [FakeClaim(f"claim {n}-{i}") for i in range(30)], title=f"s{n}")
    stop = threading.Event()

    def writer() -> None:
        n = 100
        while not stop.is_set():
            add_fake_story(store, [FakeClaim(f"late {n}-{i}") for i in range(5)], title=f"l{n}")
            n += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        seen: list[int] = []
        after = None
        while True:
            page = st.list_claims(store, after_id=after, limit=7)
            if not page:
                break
            seen.extend(r.id for r in page)
            after = page[-1].id
            if len(seen) > 5000:
                break
    finally:
        stop.set()
        thread.join()
    assert len(seen) == len(set(seen)), "a claim came back twice"
    assert seen == sorted(seen)
    first_300 = [r.id for r in st.list_claims(store, limit=300)]
    assert set(first_300) <= set(seen), "a claim present from the start was skipped"


def test_pages_backwards_and_last(store: st.Store) -> None:
    add_fake_story(store, [FakeClaim(f"c{i}") for i in range(25)])
    last = st.list_claims(store, last=True, limit=10)
    assert [r.text for r in last] == [f"c{i}" for i in range(15, 25)]
    before = st.list_claims(store, before_id=last[0].id, limit=10)
    assert [r.text for r in before] == [f"c{i}" for i in range(5, 15)]


def test_claim_detail_reads_each_matchs_reason_whatever_was_stored(store: st.Store) -> None:
    from tracker.models import match_table

    a = add_fake_story(store, [FakeClaim("Qatar spoke with HTS on Monday")], title="one")
    b = add_fake_story(store, [FakeClaim("Qatar talked to HTS on Monday")], title="two")
    c = add_fake_story(store, [FakeClaim("Qatar met HTS on Tuesday")], title="three")
    d = add_fake_story(store, [FakeClaim("Doha and HTS met")], title="four")
    first = a.claim_ids[0]
    reasons = {
        b.claim_ids[0]: '{"summary": "aligned: Qatar, HTS; differs: nothing"}',
        c.claim_ids[0]: "shared names",  # text written by hand, not JSON
        d.claim_ids[0]: None,
    }
    with store.write() as conn:
        for score, (other, explanation) in enumerate(reasons.items()):
            conn.execute(
                sa.insert(match_table).values(
                    claim_a_id=first,
                    claim_b_id=other,
                    kind="same",
                    state="suggested",
                    score=90 - score,
                    explanation=explanation,
                )
            )
    detail = st.claim_detail(store, claim_id=first)
    assert [(m.claim_id, m.summary) for m in detail.matches] == [
        (b.claim_ids[0], "aligned: Qatar, HTS; differs: nothing"),
        (c.claim_ids[0], "shared names"),
        (d.claim_ids[0], ""),
    ]
    assert [m.story_title for m in detail.matches] == ["two", "three", "four"]
