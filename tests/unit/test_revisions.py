"""A new version of a story: reviews carry over, what is gone stays flagged."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from tests.conftest import SAMPLE_DATA, FakeClaim
from tracker import store as st
from tracker.ingest import ingest_paths
from tracker.store.revisions import survival
from tracker.vocab import AttributionKind, ClaimState, ClaimStatus, SourceKind

URL = "https://wire.example/cabinet"
CABINET = "The interim cabinet will remain in charge until March 1"
WAR = "the war lasted 11 years"
PORT = "The port reopened on Monday"
JUNK = "That"
TALKS = "talks resumed in Doha"


def _body(war: str, extra: str = "") -> str:
    return (
        f"{CABINET}, al-Bashir said. Officials said {war}. {PORT}, a pilot said. "
        f"{JUNK} was all. Diplomats said {TALKS}.{extra}"
    )


def _claims(body: str, texts: Sequence[str]) -> list[FakeClaim]:
    out = []
    for i, text in enumerate(texts):
        start = body.index(text)
        out.append(
            FakeClaim(
                text,
                source=f"source {i}",
                source_key=i,
                content_span=(start, start + len(text)),
            )
        )
    return out


def _store(store: st.Store, body: str, texts: Sequence[str]) -> st.StoredStory:
    return st.add_story(
        store,
        story=st.StoryInput(body=body, title="Cabinet", outlet="Wire", url=URL),
        claims=_claims(body, texts),
    )


def test_survival_needs_the_same_numbers_and_negations() -> None:
    assert survival(CABINET, CABINET.upper() + ".") == 100
    assert survival("the cabinet will remian in charge", "the cabinet will remain in charge") > 0
    assert survival(WAR, "the war lasted 13 years") == 0
    assert survival("the port reopened", "the port never reopened") == 0
    assert survival("the port reopened", "the port closed for repairs") == 0


def test_survival_needs_the_same_days_and_names() -> None:
    # A corrected day or name is a new claim: a confirmation of the old one stays behind.
    assert (
        survival("the harbour would reopen on Friday", "the harbour would reopen on Saturday") == 0
    )
    assert (
        survival("the minister met Tuesday with envoys", "the minister met Thursday with envoys")
        == 0
    )
    assert (
        survival(
            "Qatar's envoy spoke with Iran on Monday", "Qatar's envoy spoke with Iraq on Monday"
        )
        == 0
    )
    assert (
        survival(
            "the envoy was received by Vladimir Putin", "the envoy was received by Vladimir Lavrov"
        )
        == 0
    )
    # A name or word retyped still survives.
    assert (
        survival("talks were led by Councillor Ann Lee", "talks were led by Councillor Anne Lee")
        > 0
    )
    assert (
        survival("the goverment will remain in charge", "the government will remain in charge") > 0
    )


def test_a_revision_carries_reviews_over_and_flags_what_is_gone(store: st.Store) -> None:
    v1_body = _body(WAR)
    v1 = _store(store, v1_body, [CABINET, WAR, PORT, JUNK])
    cabinet, war, port, junk = v1.claim_ids
    st.set_status(store, claim_id=cabinet, status="confirmed", reviewer="ana", note="decree")
    st.edit_claim(
        store, claim_id=cabinet, reviewer="ana", source="Mohamed al-Bashir", kind="intention"
    )
    st.set_status(store, claim_id=war, status="confirmed", reviewer="bo", note="checked")
    st.dismiss_claim(store, claim_id=junk, reviewer="ana")
    talks_start = v1_body.index(TALKS)
    added = st.add_claim(
        store,
        story_id=v1.story_id,
        content_span=(talks_start, talks_start + len(TALKS)),
        reviewer="ana",
        source="Diplomats",
        source_kind="anonymous",
    )
    st.set_status(store, claim_id=added, status="unclear", reviewer="ana", note="which talks")

    # Re-ingesting the same text changes nothing: the corrections stay.
    again = _store(store, v1_body, [CABINET, WAR, PORT, JUNK])
    assert again.outcome is st.IngestOutcome.UNCHANGED
    assert st.get_claim(store, cabinet).source == "Mohamed al-Bashir"

    v2_body = _body("the war lasted 13 years", " Corrected.")
    v2 = _store(store, v2_body, [CABINET, "the war lasted 13 years", PORT, JUNK])
    assert (v2.outcome, v2.revision_of, v2.version) == (st.IngestOutcome.UPDATED, v1.story_id, 2)
    assert (v2.carried, v2.dropped) == (3, 1)
    new_cabinet, new_war, new_port, new_junk = v2.claim_ids

    # The reviewed claim that survives carries status, note, decider and corrections.
    carried = st.get_claim(store, new_cabinet)
    assert (carried.status, carried.status_note, carried.decided_by) == (
        ClaimStatus.CONFIRMED,
        "decree",
        "ana",
    )
    assert (carried.source, carried.kind) == ("Mohamed al-Bashir", AttributionKind.INTENTION)
    (event,) = st.history(store, claim_id=new_cabinet)
    assert (event.action, event.reviewer) == ("carry_over", st.REVISION)
    assert event.detail is not None
    assert event.detail["from_claim"] == cabinet and event.detail["revision"] == v2.story_id
    assert event.detail["version"] == 2
    assert event.changes is not None
    assert event.changes["source"] == ["source 0", "Mohamed al-Bashir"]
    old = st.get_claim(store, cabinet)
    assert old.state is ClaimState.SUPERSEDED
    assert st.history(store, claim_id=cabinet)[-1].detail["carried_to"] == new_cabinet  # type: ignore[index]

    # The dismissal carries too; the hand-added claim is added again in the new text.
    assert st.get_claim(store, new_junk).state is ClaimState.DISMISSED
    copies = [
        r
        for r in st.list_claims(store, filter=st.ClaimFilter(story_id=v2.story_id))
        if r.added_by == "ana"
    ]
    assert [(r.text, r.status, r.status_note, r.source) for r in copies] == [
        (TALKS, ClaimStatus.UNCLEAR, "which talks", "Diplomats")
    ]

    # The changed figure is a new claim: the old confirmation stays, flagged, in the lists.
    assert st.get_claim(store, new_war).status is ClaimStatus.PENDING
    flagged = st.get_claim(store, war)
    assert (flagged.state, flagged.status) == (ClaimState.DROPPED, ClaimStatus.CONFIRMED)
    # Never reviewed: the new reading replaces it.
    assert st.get_claim(store, port).state is ClaimState.SUPERSEDED
    assert st.get_claim(store, new_port).state is ClaimState.ACTIVE

    listed = {r.id for r in st.list_claims(store)}
    assert listed == {new_cabinet, new_war, new_port, copies[0].id, war}
    stories = {s.id: s for s in st.list_stories(store)}
    assert (stories[v1.story_id].version, stories[v1.story_id].current) == (1, False)
    assert (stories[v2.story_id].version, stories[v2.story_id].current) == (2, True)
    assert [s.id for s in st.list_stories(store, current_only=True)] == [v2.story_id]
    # Picking the older version shows what it said: its superseded claims too.
    old_version = st.list_claims(store, filter=st.ClaimFilter(story_id=v1.story_id))
    assert [r.id for r in old_version] == [cabinet, war, port, junk, added]
    assert [r.state for r in old_version] == [
        ClaimState.SUPERSEDED,
        ClaimState.DROPPED,
        ClaimState.SUPERSEDED,
        ClaimState.SUPERSEDED,  # its dismissal went to the new version
        ClaimState.SUPERSEDED,
    ]

    # A reviewer handles the flagged claim by deciding it again: it leaves the lists.
    st.set_status(store, claim_id=war, status="false", reviewer="bo", note="now 13 years")
    assert st.get_claim(store, war).state is ClaimState.SUPERSEDED
    assert war not in {r.id for r in st.list_claims(store)}
    st.undo_last(store, reviewer="bo")
    assert st.get_claim(store, war).state is ClaimState.DROPPED
    assert st.health.audit_mismatches(store) == []


def test_corrections_on_the_old_version_are_refused(store: st.Store) -> None:
    v1 = _store(store, _body(WAR), [CABINET, WAR])
    _store(store, _body("the war lasted 13 years"), [CABINET])
    with pytest.raises(st.StoreError, match="older version"):
        st.edit_claim(store, claim_id=v1.claim_ids[0], reviewer="ana", kind="belief")
    with pytest.raises(st.StoreError, match="newer version"):
        st.add_claim(store, story_id=v1.story_id, content_span=(0, 5), reviewer="ana")


def test_sample_corrected_story_carries_and_flags(store: st.Store) -> None:
    original = SAMPLE_DATA / "2024-12-10_levant_wire_bashir.html"
    corrected = SAMPLE_DATA / "2024-12-11_levant_wire_bashir_corrected.html"
    ingest_paths(store, [str(original)], match=False)
    (story,) = st.list_stories(store)
    claims = st.list_claims(store, filter=st.ClaimFilter(story_id=story.id))
    war = next(c for c in claims if "11 years" in c.text)
    cabinet = next(c for c in claims if "March 1" in c.text)
    st.set_status(store, claim_id=war.id, status="confirmed", reviewer="ana")
    st.set_status(store, claim_id=cabinet.id, status="confirmed", reviewer="ana", note="decree")
    st.edit_claim(store, claim_id=cabinet.id, reviewer="ana", source_kind=SourceKind.DOCUMENT)

    summary = ingest_paths(store, [str(corrected)], match=False)
    assert summary.updated == 1
    (line,) = [x for x in summary.lines() if x.startswith("updated:")]
    assert line.endswith(
        "version 2 (6 claims; reviews of 1 claim carried over, 1 claim reviewed but gone from "
        "the text (flagged, still listed))"
    )
    assert summary.stories[0].to_json()["carried_over"] == 1
    newest, oldest = st.list_stories(store)
    assert (newest.version, newest.current, oldest.version, oldest.current) == (2, True, 1, False)
    assert newest.title == oldest.title  # the picker tells them apart by version
    listed = st.list_claims(store)
    assert {c.story_id for c in listed if c.state is ClaimState.ACTIVE} == {newest.id}
    assert [c.id for c in listed if c.state is ClaimState.DROPPED] == [war.id]
    new_cabinet = next(c for c in listed if "March 1" in c.text and c.story_id == newest.id)
    assert (new_cabinet.status, new_cabinet.status_note, new_cabinet.decided_by) == (
        ClaimStatus.CONFIRMED,
        "decree",
        "ana",
    )
    assert new_cabinet.source_kind is SourceKind.DOCUMENT
    assert any("13 years" in c.text and c.status is ClaimStatus.PENDING for c in listed)
