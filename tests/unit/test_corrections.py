"""Corrections (edit, dismiss, restore, add), exact decisions, and undo of each."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.conftest import FakeClaim, add_fake_story
from tracker import store as st
from tracker.models import audit_table, claim_table
from tracker.store.reports import report_snapshot
from tracker.vocab import AttributionKind, ClaimState, ClaimStatus, SourceKind

BODY = (
    "A person familiar with the operator's plans said fares would rise by 12%. "
    "The water utility said the pipes were replaced in May.\n"
    "That was the week the ferry stopped running, residents said."
)


def _story(store: st.Store) -> st.StoredStory:
    return add_fake_story(
        store,
        [
            FakeClaim(
                "fares would rise by 12%",
                source="A person familiar with the operator's",
                source_kind=SourceKind.ANONYMOUS,
                content_span=(BODY.index("fares"), BODY.index("fares") + 23),
                sentence_span=(0, BODY.index("%.") + 2),
            ),
            FakeClaim(
                "That",
                source="The water utility",
                source_kind=SourceKind.NAMED,
                source_key=1,
                content_span=(BODY.index("That"), BODY.index("That") + 4),
            ),
        ],
        body=BODY,
        title="Fares",
    )


def _events(store: st.Store, claim_id: int) -> list[st.AuditEntry]:
    return st.history(store, claim_id=claim_id)


def test_edit_source_kind_and_span_is_one_audited_event(store: st.Store) -> None:
    fares, _junk = _story(store).claim_ids
    before = st.get_claim(store, fares)
    start = BODY.index("fares")
    change = st.edit_claim(
        store,
        claim_id=fares,
        reviewer="ana",
        expected_version=before.version,
        source="A person familiar with the operator's plans",
        kind="belief",
        content_span=(start, start + len("fares would rise by 12%.")),
        note="source cut short",
    )
    after = st.get_claim(store, fares)
    assert after.source == "A person familiar with the operator's plans"
    assert after.source_kind is SourceKind.ANONYMOUS
    assert after.kind is AttributionKind.BELIEF
    assert after.text == "fares would rise by 12%."
    assert after.content_span == (start, start + 24)
    assert after.version == before.version + 1 == change.version
    assert after.status is before.status and after.decided_by == before.decided_by
    event = _events(store, fares)[-1]
    assert (event.action, event.reviewer, event.claim_version) == ("edit", "ana", after.version)
    assert event.changes is not None
    assert event.changes["source"] == [
        "A person familiar with the operator's",
        "A person familiar with the operator's plans",
    ]
    assert event.changes["kind"] == [before.kind.value, "belief"]
    assert event.changes["text"] == ["fares would rise by 12%", "fares would rise by 12%."]
    assert event.detail == {"note": "source cut short"}
    # The claim's own status note is not the correction's note.
    assert after.status_note is None
    # The list's full-text search follows the new source (SQLite's index, PostgreSQL's LIKE).
    found = st.list_claims(store, filter=st.ClaimFilter(text="operator's plans"))
    assert [r.id for r in found] == [fares]


def test_source_kind_alone_and_undo_restores_every_field(store: st.Store) -> None:
    _fares, junk = _story(store).claim_ids
    st.edit_claim(store, claim_id=junk, reviewer="ana", source_kind="organization")
    assert st.get_claim(store, junk).source_kind is SourceKind.ORGANIZATION
    assert st.get_claim(store, junk).source == "The water utility"
    undo = st.undo_last(store, reviewer="ana")
    assert undo.claim_id == junk and undo.action == "undo"
    restored = st.get_claim(store, junk)
    assert restored.source_kind is SourceKind.NAMED and restored.source == "The water utility"
    assert _events(store, junk)[-1].changes == {
        "source_id": list(reversed(_events(store, junk)[-2].changes["source_id"])),  # type: ignore[index]
        "source_kind": ["organization", "named"],
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "opinion"}, "unknown attribution kind 'opinion'"),
        ({"source_kind": "person"}, "unknown source kind 'person'"),
        ({"content_span": (10, 100_000)}, "outside story"),
        ({"content_span": (-1, 5)}, "outside story"),
        ({"content_span": (30, 30)}, "span 30:30 is empty"),
        ({"content_span": (30, 20)}, "span 30:20 ends before it starts"),
        ({"source": "  "}, "cannot be empty"),
        ({}, "nothing to correct"),
        ({"source": "The water utility", "source_kind": "named"}, "nothing changed"),
    ],
)
def test_bad_edits_are_refused_and_nothing_is_written(
    store: st.Store, kwargs: dict[str, object], message: str
) -> None:
    _fares, junk = _story(store).claim_ids
    before = st.get_claim(store, junk)
    with pytest.raises(st.StoreError, match=message):
        st.edit_claim(store, claim_id=junk, reviewer="ana", **kwargs)  # type: ignore[arg-type]
    assert st.get_claim(store, junk) == before
    assert _events(store, junk) == []


def test_stale_and_unknown_edits_are_refused(store: st.Store) -> None:
    fares, _junk = _story(store).claim_ids
    st.set_status(store, claim_id=fares, status="confirmed", reviewer="bo")
    with pytest.raises(st.StaleClaimError, match="by bo"):
        st.edit_claim(store, claim_id=fares, reviewer="ana", expected_version=1, kind="belief")
    assert st.get_claim(store, fares).kind is not AttributionKind.BELIEF
    with pytest.raises(st.ClaimNotFound):
        st.edit_claim(store, claim_id=999, reviewer="ana", kind="belief")
    with pytest.raises(st.StaleClaimError):
        st.dismiss_claim(store, claim_id=fares, reviewer="ana", expected_version=1)
    assert st.get_claim(store, fares).state is ClaimState.ACTIVE


def test_dismissed_claim_leaves_lists_counts_and_reports_and_comes_back(store: st.Store) -> None:
    fares, junk = _story(store).claim_ids
    st.set_status(store, claim_id=junk, status="disputed", reviewer="ana", note="odd")
    change = st.dismiss_claim(store, claim_id=junk, reviewer="ana", note="not a claim")
    assert change.action == "dismiss" and change.state is ClaimState.DISMISSED
    assert [r.id for r in st.list_claims(store)] == [fares]
    assert st.count_claims(store) == 1
    assert st.totals(store).counts == {ClaimStatus.PENDING: 1}
    assert [c.total for c in st.status_counts(store)] == [1]
    assert [s.claims for s in st.list_stories(store)] == [1]
    with report_snapshot(store) as snap:
        assert snap.summary(st.ClaimFilter()).claims == 1
        ids = [c.claim.id for batch in snap.claims(st.ClaimFilter()) for c in batch]
    assert ids == [fares]
    opted = st.list_claims(store, filter=st.ClaimFilter(include_dismissed=True))
    assert [(r.id, r.state) for r in opted] == [
        (fares, ClaimState.ACTIVE),
        (junk, ClaimState.DISMISSED),
    ]
    # Its status and note are kept for when it comes back.
    assert opted[1].status is ClaimStatus.DISPUTED and opted[1].status_note == "odd"
    with pytest.raises(st.StoreError, match="dismissed already"):
        st.dismiss_claim(store, claim_id=junk, reviewer="ana")

    st.restore_claim(store, claim_id=junk, reviewer="bo")
    assert st.count_claims(store) == 2
    with pytest.raises(st.StoreError, match="not dismissed"):
        st.restore_claim(store, claim_id=junk, reviewer="bo")
    actions = [e.action for e in _events(store, junk)]
    assert actions == ["status", "dismiss", "restore"]


def test_undo_takes_back_a_dismissal(store: st.Store) -> None:
    _fares, junk = _story(store).claim_ids
    st.dismiss_claim(store, claim_id=junk, reviewer="ana")
    st.undo_last(store, reviewer="ana")
    assert st.get_claim(store, junk).state is ClaimState.ACTIVE
    assert st.count_claims(store) == 2


def test_add_a_missed_claim_and_undo_it(store: st.Store) -> None:
    story = _story(store)
    start = BODY.index("the pipes")
    end = BODY.index(" in May") + len(" in May")
    claim_id = st.add_claim(
        store,
        story_id=story.story_id,
        content_span=(start - 1, end),  # a leading space is trimmed
        reviewer="ana",
        source="The water utility",
        source_kind="organization",
        cue="said",
    )
    row = st.get_claim(store, claim_id)
    assert row.text == "the pipes were replaced in May"
    assert row.content_span == (start, end)
    assert row.sentence == "The water utility said the pipes were replaced in May."
    assert (row.source, row.source_kind, row.kind) == (
        "The water utility",
        SourceKind.ORGANIZATION,
        AttributionKind.SPEECH,
    )
    assert (row.added_by, row.status, row.decided_by, row.version) == (
        "ana",
        ClaimStatus.PENDING,
        None,
        1,
    )
    (event,) = _events(store, claim_id)
    assert (event.action, event.reviewer, event.claim_version) == ("add", "ana", 1)
    assert event.changes is not None and event.changes["text"] == [None, row.text]
    assert st.count_claims(store, filter=st.ClaimFilter(story_id=story.story_id)) == 3
    detail = st.claim_detail(store, claim_id=claim_id)
    assert detail.relative(row.content_span) is not None

    with pytest.raises(st.StoreError, match="already has span"):
        st.add_claim(store, story_id=story.story_id, content_span=(start, end), reviewer="bo")
    st.undo_last(store, reviewer="ana")
    assert st.get_claim(store, claim_id).state is ClaimState.DISMISSED
    assert st.count_claims(store) == 2


def test_add_outlet_voice_defaults_and_refusals(store: st.Store) -> None:
    story = _story(store)
    start = BODY.index("That was")
    claim_id = st.add_claim(
        store, story_id=story.story_id, content_span=(start, len(BODY)), reviewer="ana"
    )
    row = st.get_claim(store, claim_id)
    assert (row.source, row.source_kind, row.kind, row.quote) == (
        "Wire",
        SourceKind.OUTLET,
        AttributionKind.OUTLET,
        "none",
    )
    with pytest.raises(st.StoryNotFound):
        st.add_claim(store, story_id=999, content_span=(0, 4), reviewer="ana")
    with pytest.raises(st.StoreError, match="outside story"):
        st.add_claim(store, story_id=story.story_id, content_span=(0, 10_000), reviewer="ana")
    with pytest.raises(st.StoreError, match="unknown source kind"):
        st.add_claim(
            store, story_id=story.story_id, content_span=(0, 4), reviewer="a", source_kind="x"
        )
    assert st.count_claims(store) == 3


def test_a_status_change_never_keeps_the_previous_note(store: st.Store) -> None:
    fares, _junk = _story(store).claim_ids
    st.set_status(
        store, claim_id=fares, status="confirmed", reviewer="ana", note="union release confirms"
    )
    st.set_status(store, claim_id=fares, status="disputed", reviewer="bo")
    row = st.get_claim(store, fares)
    assert (row.status, row.status_note, row.decided_by) == (ClaimStatus.DISPUTED, None, "bo")
    first, second = _events(store, fares)
    assert (first.reviewer, first.new_status, first.new_note) == (
        "ana",
        ClaimStatus.CONFIRMED,
        "union release confirms",
    )
    assert (second.reviewer, second.new_status, second.new_note) == (
        "bo",
        ClaimStatus.DISPUTED,
        None,
    )
    assert second.old_note == "union release confirms"
    # bo's undo brings back ana's decision, and says ana made it.
    st.undo_last(store, reviewer="bo")
    row = st.get_claim(store, fares)
    assert (row.status, row.status_note, row.decided_by) == (
        ClaimStatus.CONFIRMED,
        "union release confirms",
        "ana",
    )


def test_decided_by_tells_the_extractor_from_people(store: st.Store) -> None:
    stored = add_fake_story(
        store,
        [
            FakeClaim("one", status=ClaimStatus.NO_RESPONSE, status_note="did not respond"),
            FakeClaim("two"),
        ],
    )
    hinted, plain = stored.claim_ids
    assert st.get_claim(store, hinted).decided_by == st.EXTRACTOR
    assert st.get_claim(store, plain).decided_by is None
    st.set_note(store, claim_id=plain, note="called them", reviewer="ana")
    assert st.get_claim(store, plain).decided_by is None  # a note decides nothing
    st.set_status(store, claim_id=hinted, status="confirmed", reviewer="ana")
    row = st.get_claim(store, hinted)
    assert row.decided_by == "ana" and row.decided_by_person
    assert row.to_json()["decided_by"] == "ana"
    assert st.get_claim(store, plain).to_json()["decided_by"] is None


def test_the_audit_log_stays_append_only(store: st.Store) -> None:
    fares, _junk = _story(store).claim_ids
    st.edit_claim(store, claim_id=fares, reviewer="ana", kind="finding")
    with pytest.raises(sa.exc.DatabaseError), store.write() as conn:
        conn.execute(sa.update(audit_table).values(changes=None))
    with pytest.raises(sa.exc.DatabaseError), store.write() as conn:
        conn.execute(sa.delete(audit_table))
    with store.read() as conn:
        version = conn.execute(
            sa.select(claim_table.c.version).where(claim_table.c.id == fares)
        ).scalar_one()
    assert version == 2
    assert st.health.audit_mismatches(store) == []


def test_reports_carry_corrections_and_validate(store: st.Store) -> None:
    """JSON (both encoders, against its schema), CSV events and Markdown show corrections."""
    import csv
    import io
    import json

    import jsonschema

    from tracker.config import Config
    from tracker.export import export_report
    from tracker.export.json_report import claim_json, claim_line, schema
    from tracker.store.reports import report_snapshot

    story = _story(store)
    fares, junk = story.claim_ids
    st.edit_claim(store, claim_id=fares, reviewer="ana", source="the operator", note="named")
    st.dismiss_claim(store, claim_id=junk, reviewer="ana")
    start = BODY.index("the pipes")
    st.add_claim(store, story_id=story.story_id, content_span=(start, start + 9), reviewer="bo")
    config = Config(db_url=store.url, reviewer="desk")
    flt = st.ClaimFilter(include_dismissed=True)

    out = io.StringIO()
    export_report(store, fmt="json", out=out, config=config, filter=flt)
    document = json.loads(out.getvalue())
    jsonschema.Draft202012Validator(schema()).validate(document)
    claims = {c["id"]: c for s in document["stories"] for c in s["claims"]}
    (edit,) = [e for e in claims[fares]["events"] if e["action"] == "edit"]
    assert edit["changes"]["source"] == ["A person familiar with the operator's", "the operator"]
    assert edit["detail"] == {"note": "named"}
    assert claims[junk]["state"] == "dismissed" and "state" not in claims[fares]
    added = next(c for c in claims.values() if c.get("added_by"))
    assert added["added_by"] == "bo" and added["text"] == "the pipes"
    with report_snapshot(store) as snapshot:
        for batch in snapshot.claims(flt):
            for item in batch:
                assert claim_line(item) == json.dumps(claim_json(item), ensure_ascii=False)

    out = io.StringIO(newline="")
    export_report(store, fmt="csv", out=out, config=config, events=True, filter=flt)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    edit_row = next(r for r in rows if r["action"] == "edit")
    changes = json.loads(edit_row["changes"])
    assert changes["source"][1] == "the operator" and changes["detail"] == {"note": "named"}

    out = io.StringIO()
    export_report(store, fmt="md", out=out, config=config, history=True)
    md = out.getvalue()
    assert "edit, source: A person familiar with the operator's → the operator" in md
    assert "why: named" in md
    assert "Added by bo (the extractor missed it)" in md
    assert "### Claim 2\n" not in md  # dismissed: out of the default report
