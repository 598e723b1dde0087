"""Matching in the database: runs, aliases, conflicts, decisions, clusters (real SQLite)."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from tests.conftest import SAMPLE_DATA, FakeClaim, add_fake_story
from tracker import store as st
from tracker.models import alias_table, audit_table, claim_table, match_table
from tracker.store import matches
from tracker.vocab import ClaimStatus, MatchKind, MatchState

HTS_BODY = (
    "Qatari diplomats spoke with Syria's leading rebel faction, Hayat Tahrir al-Sham, on "
    "Monday. Hayat Tahrir al-Sham (HTS) toppled Assad."
)


def _two_stories(store: st.Store) -> tuple[list[int], list[int]]:
    first = add_fake_story(
        store,
        [
            FakeClaim("Qatari diplomats spoke with Hayat Tahrir al-Sham on Monday"),
            FakeClaim("Assad fled to Russia after 13 years of civil war"),
            FakeClaim("The central bank raised interest rates by half a point"),
        ],
        title="Qatar talks to HTS",
        outlet="Reuters",
        body=HTS_BODY,
    )
    second = add_fake_story(
        store,
        [
            FakeClaim("Qatar held talks with HTS on Monday"),
            FakeClaim("Assad fled to Russia after 14 years of civil war"),
            FakeClaim("Floods forced 10,000 people from their homes in the north"),
        ],
        title="Doha reaches out",
        outlet="Gulf Ledger",
    )
    return first.claim_ids, second.claim_ids


def _rows(store: st.Store) -> list[sa.Row]:
    with store.read() as conn:
        return list(conn.execute(sa.select(match_table).order_by(match_table.c.id)))


def test_match_links_paraphrases_flags_conflicts_and_learns_aliases(store: st.Store) -> None:
    a, b = _two_stories(store)
    run = matches.match_claims(store)
    assert run.claims == 6 and run.aliases_learned >= 1
    with store.read() as conn:
        learned = {
            r.alias: r.canonical
            for r in conn.execute(sa.select(alias_table.c.alias, alias_table.c.canonical))
        }
    assert learned["HTS"] == "Hayat Tahrir al-Sham"
    found = {(r.claim_a_id, r.claim_b_id): r for r in _rows(store)}
    hts = found[(a[0], b[0])]
    assert hts.kind is MatchKind.SAME or hts.kind == "same"
    assert MatchState(hts.state) is MatchState.LINKED
    explanation = json.loads(hts.explanation)
    assert "Monday" in explanation["aligned"]
    assert any("HTS" in w for w in explanation["aligned"])
    assad = found[(a[1], b[1])]
    assert MatchKind(assad.kind) is MatchKind.CONFLICT
    assert MatchState(assad.state) is MatchState.SUGGESTED
    assert json.loads(assad.explanation)["disagreements"][0]["kind"] == "number"
    # nothing unrelated, nothing within one story
    assert set(found) == {(a[0], b[0]), (a[1], b[1])}
    # the linked pair forms a cluster; the conflict does not
    assert st.get_claim(store, a[0]).cluster_id == st.get_claim(store, b[0]).cluster_id
    assert st.get_claim(store, a[0]).cluster_id is not None
    assert st.get_claim(store, a[1]).cluster_id is None
    assert run.linked == 1 and run.conflicts == 1 and run.clusters == 1


def test_claim_matches_show_the_other_claims_story_and_status(store: st.Store) -> None:
    a, b = _two_stories(store)
    matches.match_claims(store)
    st.set_status(store, claim_id=b[0], status=ClaimStatus.CONFIRMED, reviewer="ana")
    seen = matches.claim_matches(store, claim_id=a[0])
    assert [m.claim_id for m in seen] == [b[0]]
    other = seen[0]
    assert other.outlet == "Gulf Ledger" and other.story_title == "Doha reaches out"
    assert other.status is ClaimStatus.CONFIRMED
    assert "aligned" in other.summary
    assert other.to_json()["explanation"]["aligned"]
    cluster = matches.claim_cluster(store, claim_id=a[0])
    assert [(m.claim_id, m.status) for m in cluster] == [(b[0], ClaimStatus.CONFIRMED)]
    with pytest.raises(st.ClaimNotFound):
        matches.claim_matches(store, claim_id=999)


def test_rejected_suggestion_is_audited_and_never_suggested_again(store: st.Store) -> None:
    a, b = _two_stories(store)
    matches.match_claims(store)
    conflict = matches.claim_matches(store, claim_id=a[1])[0]
    assert conflict.state is MatchState.SUGGESTED
    decision = matches.reject_match(
        store, match_id=conflict.match_id, reviewer="ana", note="different wars"
    )
    assert decision.state is MatchState.REJECTED
    assert matches.claim_matches(store, claim_id=a[1]) == []
    with store.read() as conn:
        events = conn.execute(
            sa.select(
                audit_table.c.claim_id,
                audit_table.c.action,
                audit_table.c.new_note,
                audit_table.c.reviewer,
            ).where(audit_table.c.action == "match")
        ).all()
    assert {e.claim_id for e in events} == {a[1], b[1]}
    assert all(e.reviewer == "ana" and "rejected" in e.new_note for e in events)
    assert any("different wars" in e.new_note for e in events)
    # neither a rebuild nor matching the claims again brings it back
    matches.match_claims(store, rebuild=True)
    matches.match_claims(store, claim_ids=[a[1], b[1]])
    again = matches.claim_matches(store, claim_id=a[1], include_rejected=True)
    assert [(m.match_id, m.state) for m in again] == [(conflict.match_id, MatchState.REJECTED)]
    assert len([r for r in _rows(store) if r.claim_a_id == a[1]]) == 1
    # rejecting it a second time writes nothing and names who decided it
    again_decision = matches.reject_match(store, match_id=conflict.match_id, reviewer="ben")
    assert (again_decision.changed, again_decision.reviewer) == (False, "ana")
    with store.read() as conn:
        count = conn.execute(
            sa.select(sa.func.count()).where(audit_table.c.action == "match")
        ).scalar_one()
    assert count == len(events)


def test_accepting_a_suggestion_joins_the_cluster(store: st.Store) -> None:
    first = add_fake_story(
        store,
        [FakeClaim("Police arrested three men over the robbery on Tuesday")],
        title="One",
        outlet="A",
    )
    second = add_fake_story(
        store,
        [FakeClaim("Three suspects were held on Tuesday after the robbery, police said")],
        title="Two",
        outlet="B",
    )
    matches.match_claims(store, link=99, suggest=30)
    found = matches.claim_matches(store, claim_id=first.claim_ids[0])
    assert found and found[0].state is MatchState.SUGGESTED
    assert st.get_claim(store, first.claim_ids[0]).cluster_id is None
    matches.accept_match(store, match_id=found[0].match_id, reviewer="ana")
    one, two = (st.get_claim(store, c) for c in (first.claim_ids[0], second.claim_ids[0]))
    assert one.cluster_id is not None and one.cluster_id == two.cluster_id
    matches.match_claims(store, rebuild=True)  # decisions survive a rebuild
    assert matches.claim_matches(store, claim_id=one.id)[0].state is MatchState.ACCEPTED
    with pytest.raises(matches.MatchNotFound):
        matches.accept_match(store, match_id=12345, reviewer="ana")


def test_new_claims_only_and_incremental_runs(store: st.Store) -> None:
    a, b = _two_stories(store)
    matches.match_claims(store)
    before = len(_rows(store))
    third = add_fake_story(
        store,
        [FakeClaim("Qatari officials met HTS representatives on Monday")],
        title="Three",
        outlet="C",
    )
    run = matches.match_claims(store, claim_ids=third.claim_ids)
    assert run.claims == 1
    assert len(_rows(store)) > before
    cluster = {c.claim_id for c in matches.claim_cluster(store, claim_id=third.claim_ids[0])}
    assert {a[0], b[0]} <= cluster


def test_a_story_that_links_nothing_leaves_the_clusters_and_counts_them(store: st.Store) -> None:
    a, b = _two_stories(store)
    first = matches.match_claims(store)
    assert (first.clusters, first.clustered_claims) == (1, 2)
    unrelated = add_fake_story(
        store,
        [FakeClaim("The lighthouse museum closed for the winter after storm damage")],
        title="Lighthouse",
        outlet="C",
    )
    run = matches.match_claims(store, claim_ids=unrelated.claim_ids)
    assert run.linked == 0 and (run.clusters, run.clustered_claims) == (1, 2)
    assert st.get_claim(store, a[0]).cluster_id == st.get_claim(store, b[0]).cluster_id
    # a later story that links joins the cluster
    third = add_fake_story(
        store,
        [FakeClaim("Qatari officials met HTS representatives on Monday")],
        title="Three",
        outlet="D",
    )
    run = matches.match_claims(store, claim_ids=third.claim_ids)
    assert run.linked >= 1 and (run.clusters, run.clustered_claims) == (1, 3)


def test_matching_links_the_sample_stories_shared_claims(store: st.Store) -> None:
    from tracker.ingest import ingest_paths

    summary = ingest_paths(store, [str(SAMPLE_DATA)], match=False, workers=0)
    assert summary.added >= 5
    run = matches.match_claims(store)
    assert run.linked >= 3 and run.clusters >= 2
    rows = _rows(store)
    linked = [r for r in rows if MatchState(r.state) is MatchState.LINKED]
    with store.read() as conn:
        claims = {
            r.id: (r.story_id, r.text)
            for r in conn.execute(
                sa.select(claim_table.c.id, claim_table.c.story_id, claim_table.c.text)
            )
        }
    assert all(claims[r.claim_a_id][0] != claims[r.claim_b_id][0] for r in rows)
    joined = " ".join(claims[r.claim_a_id][1] + " " + claims[r.claim_b_id][1] for r in linked)
    assert "Hayat Tahrir al-Sham" in joined  # the Qatar-HTS talks, told by several outlets
    assert "Bashir" in joined


def test_rebuild_keeps_the_ids_of_matches_found_again(store: st.Store) -> None:
    _two_stories(store)
    matches.match_claims(store)
    before = {(r.claim_a_id, r.claim_b_id): r.id for r in _rows(store)}
    assert before
    matches.match_claims(store, rebuild=True)
    after = {(r.claim_a_id, r.claim_b_id): r.id for r in _rows(store)}
    assert after == before
    third = add_fake_story(
        store,
        [FakeClaim("Qatar held talks with HTS on Monday, officials said")],
        title="Third",
        outlet="Wire",
    )
    matches.match_claims(store, rebuild=True)
    again = {(r.claim_a_id, r.claim_b_id): r.id for r in _rows(store)}
    assert {p: again[p] for p in before} == before  # old ids unchanged
    assert any(third.claim_ids[0] in p for p in again if p not in before)
    # matches not found any more (thresholds raised past them) go; the rest keep their ids
    matches.match_claims(store, rebuild=True, link=99, suggest=99)
    last = {(r.claim_a_id, r.claim_b_id): r.id for r in _rows(store)}
    assert len(last) < len(again)
    assert all(again[p] == mid for p, mid in last.items())


def test_an_older_version_of_a_story_is_matched_with_nothing(store: st.Store) -> None:
    # sample_data holds a corrected story at the same URL: its first version's claims are
    # superseded and must be neither matched nor shown as a match of anything.
    from tracker.ingest import ingest_paths

    ingest_paths(store, [str(SAMPLE_DATA)], workers=0)
    with store.read() as conn:
        gone = set(
            conn.execute(
                sa.select(claim_table.c.id).where(claim_table.c.state == "superseded")
            ).scalars()
        )
        everyone = list(conn.execute(sa.select(claim_table.c.id)).scalars())
    assert gone, "the sample newsroom should hold a superseded version"
    for cid in everyone:
        assert not {m.claim_id for m in matches.claim_matches(store, claim_id=cid)} & gone
    matches.match_claims(store, rebuild=True)
    assert not {id_ for r in _rows(store) for id_ in (r.claim_a_id, r.claim_b_id)} & gone


def test_similar_claims_leave_out_an_older_version(store: st.Store) -> None:
    from tracker.ingest import ingest_paths

    ingest_paths(store, [str(SAMPLE_DATA)], workers=0)
    with store.read() as conn:
        old = conn.execute(
            sa.select(claim_table.c.id, claim_table.c.text).where(
                claim_table.c.state == "superseded"
            )
        ).all()
    assert old
    found = matches.similar_claims(store, text=old[0].text, limit=20).claims
    assert found, "the current version says nearly the same"
    assert not {c.claim_id for c in found} & {cid for cid, _ in old}


def test_a_run_reading_candidates_in_helper_processes_finds_what_one_process_finds(
    store: st.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.ingest import ingest_paths

    ingest_paths(store, [str(SAMPLE_DATA)], workers=0)
    matches.match_claims(store, rebuild=True)
    alone = [(r.claim_a_id, r.claim_b_id, r.kind, r.state, r.score) for r in _rows(store)]
    assert alone
    monkeypatch.setattr(matches, "_PARALLEL_TARGETS", 2)
    monkeypatch.setattr(matches, "_TARGET_BATCH", 7)  # several batches, one pool
    run = matches.match_claims(store, rebuild=True)
    assert run.claims > 7
    assert [(r.claim_a_id, r.claim_b_id, r.kind, r.state, r.score) for r in _rows(store)] == alone
    assert matches._RUN_INDEX is None  # the helpers are gone with the run


def _found(store: st.Store) -> dict[tuple[int, int], tuple[str, str, float]]:
    return {
        (r.claim_a_id, r.claim_b_id): (str(r.kind), str(r.state), round(r.score, 6))
        for r in _rows(store)
    }


@pytest.mark.parametrize("parallel", [False, True])
def test_a_rebuild_over_every_claim_at_once_finds_what_claim_by_claim_finds(
    store: st.Store, monkeypatch: pytest.MonkeyPatch, parallel: bool
) -> None:
    # A large rebuild takes its candidates from the batch matcher (every pair at once)
    # instead of asking the lexical index claim by claim; on the sample newsroom both
    # must find the same matches (and conflicts), with the same scores.
    from tracker.ingest import ingest_paths

    ingest_paths(store, [str(SAMPLE_DATA)], workers=0)
    one_by_one = matches.match_claims(store, rebuild=True)
    claim_by_claim = _found(store)
    assert one_by_one.semantic and one_by_one.conflicts and one_by_one.linked
    calls: list[int] = []
    at_once = matches._find_all_pairs

    def watched(*args: object, **kwargs: object) -> object:
        found = at_once(*args, **kwargs)  # type: ignore[arg-type]
        calls.append(-1 if found is None else len(found))
        return found

    monkeypatch.setattr(matches, "_find_all_pairs", watched)
    monkeypatch.setattr(matches, "_ALL_PAIRS_FROM", 2)
    monkeypatch.setattr(matches, "_PARALLEL_CLASSIFY", 2 if parallel else 10**9)
    run = matches.match_claims(store, rebuild=True)
    assert calls and calls[0] > 0, "the rebuild went claim by claim"
    assert (run.linked, run.suggested, run.conflicts) == (
        one_by_one.linked,
        one_by_one.suggested,
        one_by_one.conflicts,
    )
    assert _found(store) == claim_by_claim


def test_a_rebuild_at_once_goes_claim_by_claim_when_a_claim_has_no_vector(
    store: st.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.ingest import ingest_paths

    ingest_paths(store, [str(SAMPLE_DATA)], workers=0)
    corpus = matches._corpus(store)
    corpus.read_all()
    targets = sorted(corpus.ids())
    meaning = matches._Meaning(None, "another-model@0", store, {})  # type: ignore[arg-type]
    assert matches._find_all_pairs(corpus, targets, suggest=50, link=75, meaning=meaning) is None


BUDGET_A = (
    "The city council in Farrow approved a budget of 4 million for the bridge repairs on Monday"
)
BUDGET_B = "Farrow's mayor signed off on a budget of 9 million for the bridge repairs"


def test_a_rebuild_at_once_finds_a_conflict_that_scores_low_as_the_same_claim(
    store: st.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One budget told with two sums, in other words: as the same claim it scores below the
    # classifying margin, as one event it is a conflict. The batch matcher must hand it
    # over for its meaning (match_pairs' keep_close), not drop it for its score.
    from tracker.matching import default_matcher

    matcher = default_matcher()
    assert matcher.similarity(BUDGET_A, BUDGET_B) < 35
    assert matcher.classify(BUDGET_A, BUDGET_B)[0] is MatchKind.CONFLICT
    first = add_fake_story(
        store,
        [FakeClaim(BUDGET_A), FakeClaim("Snow closed the mountain pass for a third day")],
        title="Bridge money",
        outlet="Farrow Post",
    )
    second = add_fake_story(
        store,
        [FakeClaim(BUDGET_B), FakeClaim("The library will open on Sundays from next month")],
        title="Mayor signs",
        outlet="Valley Radio",
    )
    monkeypatch.setattr(matches, "_ALL_PAIRS_FROM", 2)
    run = matches.match_claims(store, rebuild=True)
    assert run.conflicts == 1
    (row,) = _rows(store)
    assert {row.claim_a_id, row.claim_b_id} == {first.claim_ids[0], second.claim_ids[0]}
    assert row.kind == MatchKind.CONFLICT


def _watch() -> tuple[list[tuple[int, int | None, str]], matches.Steps]:
    seen: list[tuple[int, int | None, str]] = []
    return seen, lambda done, total, what: seen.append((done, total, what))


def _counted(seen: list[tuple[int, int | None, str]], what: str) -> list[tuple[int, int]]:
    return [(done, total) for done, total, step in seen if step == what and total is not None]


@pytest.mark.parametrize("at_once", [False, True])
def test_a_rebuild_tells_its_progress_step_by_step(
    store: st.Store, monkeypatch: pytest.MonkeyPatch, at_once: bool
) -> None:
    # A rebuild of a big newsroom runs for minutes (most of an hour when a million stored
    # claims get their vectors): the command's bar follows each step, counted where it can.
    from tracker.ingest import ingest_paths
    from tracker.models import embedding_table

    ingest_paths(store, [str(SAMPLE_DATA)], workers=0)
    with store.write() as conn:  # claims stored before vectors existed
        conn.execute(sa.delete(embedding_table))
    if at_once:
        monkeypatch.setattr(matches, "_ALL_PAIRS_FROM", 2)
        monkeypatch.setattr(matches, "_CLASSIFY_PIECE", 7)
    seen, watch = _watch()
    run = matches.match_claims(store, rebuild=True, progress=watch)
    assert run.semantic and run.linked and run.embedded == 66
    steps = list(dict.fromkeys(what for _, _, what in seen))
    matching = (
        ["finding candidate pairs", "classifying candidate pairs"]
        if at_once
        else ["matching claims"]
    )
    assert steps == [
        "learning names from the stories",
        "reading the claims",
        "loading the embedding model",
        "embedding claims",
        "reading the claims' vectors",
        *matching,
        "saving the matches",
    ]
    embedding = _counted(seen, "embedding claims")
    assert embedding[0] == (0, 66) and embedding[-1] == (66, 66)
    counted = _counted(seen, matching[-1])
    total = counted[0][1]
    assert counted[0][0] == 0 and counted[-1] == (total, total)
    assert [done for done, _ in counted] == sorted(done for done, _ in counted)
    if at_once:
        assert len(counted) > 3  # one report a piece of pairs classified
    else:
        assert total == run.claims


def test_a_story_run_counts_the_claims_of_its_story(store: st.Store) -> None:
    _, second = _two_stories(store)
    seen, watch = _watch()
    matches.match_claims(store, claim_ids=second, progress=watch)
    assert _counted(seen, "matching claims")[-1] == (len(second), len(second))
