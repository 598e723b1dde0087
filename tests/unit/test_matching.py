"""Cross-story claim matching: scores, aliases, conflicts, explanations, pairs, index."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.matching import (
    LINK_THRESHOLD,
    SAME_THRESHOLD,
    AliasTable,
    ClaimIndex,
    IdfTable,
    Matcher,
    analyze,
    brute_force_pairs,
    classify,
    clusters,
    decide,
    explain,
    learn_aliases,
    match_pairs,
    same_claim,
    similarity,
)
from tracker.vocab import MatchKind, MatchState

STORY = Path(__file__).resolve().parents[3] / "shared" / "stories" / "reuters_qatar_hts.txt"
REUTERS = (
    "Qatari diplomats spoke with Syria's leading rebel faction, Hayat Tahrir al-Sham, on "
    "Monday, an official briefed on the developments told Reuters."
)
REWRITE = "Qatar held talks with HTS on Monday, a source said."


def test_identical_claims_score_100_and_unrelated_ones_nothing() -> None:
    assert similarity(REUTERS, REUTERS) == pytest.approx(100.0)
    assert similarity(REUTERS, "The central bank raised interest rates by half a point.") < 10


def test_paraphrase_is_the_same_claim() -> None:
    a = "Police arrested three men in connection with the robbery on Tuesday."
    b = "Three men were arrested by police on Tuesday over the robbery, officials said."
    assert same_claim(a, b)
    assert not same_claim(a, "Police charged a woman with murder in May, officials said.")


def test_attribution_counts_less_than_content() -> None:
    claim = "The ministry will close 40 schools in the capital next year"
    a = f"{claim}, an official told Reuters."
    b = f"{claim}, the minister said in a statement on state television."
    c = "The ministry will open 12 hospitals in the north next year, an official told Reuters."
    assert similarity(a, b) > LINK_THRESHOLD
    assert similarity(a, b) > similarity(a, c) + 30


def test_aliases_make_hts_and_its_full_name_one_name() -> None:
    table = AliasTable([("HTS", "Hayat Tahrir al-Sham")])
    without = similarity(REUTERS, REWRITE)
    with_aliases = similarity(REUTERS, REWRITE, aliases=table)
    assert with_aliases >= SAME_THRESHOLD > without
    assert same_claim(REUTERS, REWRITE, aliases=table)
    assert not same_claim(REUTERS, REWRITE)


def test_aliases_learned_from_the_story() -> None:
    text = STORY.read_text() if STORY.exists() else REUTERS + " Qatar wants HTS to keep calm."
    learned = learn_aliases(text)
    assert ("Syria's leading rebel faction", "Hayat Tahrir al-Sham") in learned
    assert ("HTS", "Hayat Tahrir al-Sham") in learned
    table = AliasTable(learned)
    assert table.canonical("HTS") == table.canonical("Syria's leading rebel faction")
    a = "Qatar spoke with Syria's leading rebel faction on Monday."
    b = "Qatar spoke with HTS on Monday."
    # the lexical engine reads the two as one text; the hybrid score links them
    assert Matcher(table, embeddings=False).similarity(a, b) == pytest.approx(100.0)
    assert similarity(a, b, aliases=table) >= LINK_THRESHOLD
    assert similarity(a, b, aliases=table) > similarity(a, b) + 10


def test_learn_aliases_patterns() -> None:
    text = (
        "The Organization of the Petroleum Exporting Countries (OPEC) cut output. "
        "Jolani, also known as Ahmed al-Sharaa, spoke. Mohammed Al-Khulaifi, Minister of "
        "State at Qatar's foreign ministry, said so. Khulaifi said more."
    )
    learned = learn_aliases(text)
    assert ("OPEC", "Organization of the Petroleum Exporting Countries") in learned
    assert ("Ahmed al-Sharaa", "Jolani") in learned
    assert ("Khulaifi", "Mohammed Al-Khulaifi") in learned
    assert ("Minister of State at Qatar's foreign ministry", "Mohammed Al-Khulaifi") in learned


def test_different_numbers_are_a_conflict_not_the_same_claim() -> None:
    a = "Assad fled to Russia after 13 years of civil war."
    b = "Assad fled to Russia after thirteen years of civil war."
    c = "Assad fled to Russia after 14 years of civil war."
    assert similarity(a, b) == pytest.approx(100.0)  # number words are digits
    kind, score, why = classify(a, c)
    assert kind is MatchKind.CONFLICT
    assert score >= 90
    assert similarity(a, c) < similarity(a, b) - 25
    assert [d.kind for d in why.disagreements] == ["number"]
    assert why.disagreements[0].a == ("13",) and why.disagreements[0].b == ("14",)
    assert decide(kind, score) is MatchState.SUGGESTED  # conflicts always go to a reviewer


def test_negation_is_a_conflict() -> None:
    a = "The foreign ministry responded to a request for comment."
    b = "The foreign ministry did not respond to a request for comment."
    kind, _, why = classify(a, b)
    assert kind is MatchKind.CONFLICT
    assert any(d.kind == "negation" for d in why.disagreements)
    assert not same_claim(a, b)
    assert same_claim(b, "The foreign ministry didn't respond to the request for comment.")


def test_names_disagreeing_is_a_conflict() -> None:
    a = "Qatar held talks with the rebel leaders in Damascus on Monday."
    b = "Turkey held talks with the rebel leaders in Damascus on Monday."
    kind, _, why = classify(a, b)
    assert kind is MatchKind.CONFLICT
    assert why.disagreements[0].kind == "name"
    assert "Qatar" in why.disagreements[0].a and "Turkey" in why.disagreements[0].b


def test_dates_disagreeing_is_a_conflict() -> None:
    kind, _, why = classify(
        "Qatar will speak with Mohamed al-Bashir on Tuesday.",
        "Qatar will speak with Mohamed al-Bashir on Thursday.",
    )
    assert kind is MatchKind.CONFLICT
    assert why.disagreements[0].kind == "date"


def test_unrelated_claims_with_different_numbers_are_no_match() -> None:
    kind, _, _ = classify(
        "The company sold 5,000 cars in March.", "Floods killed 12 people in the north."
    )
    assert kind is None


def test_explanation_names_aligned_and_disagreeing_words() -> None:
    table = AliasTable([("HTS", "Hayat Tahrir al-Sham")])
    why = explain(REUTERS, REWRITE, aliases=table)
    assert "Monday" in why.aligned
    assert any("HTS" in w for w in why.aligned)
    assert any(w.startswith("Qatari") for w in why.aligned)
    assert "spoke/talks" in why.aligned  # synonyms align
    assert "diplomats" in why.only_a and "held" in why.only_b
    text = why.summary()
    assert "aligned:" in text and "Monday" in text
    assert why.to_dict()["aligned"] == list(why.aligned)
    conflict = explain("Police said 12 people died.", "Police said 15 people died.")
    assert "number: 12 vs 15" in conflict.summary()


def test_normalisation_folds_typography_possessives_numbers_and_dates() -> None:
    a = analyze("Qatar\u2019s ministry paid $1.5 million on Dec. 9, 2024, up 5 per cent.")
    b = analyze("Qatar's ministry paid 1,500,000 dollars on December 9 2024, up 5%.")
    assert set(a.terms) == set(b.terms)
    assert "1500000" in a.terms and "dec" in a.terms and "2024" in a.terms
    assert "qatar" in a.names
    assert analyze("He didn't go").negated and not analyze("He did not deny it").negated


texts_strategy = st.lists(
    st.lists(
        st.sampled_from(
            "Qatar HTS talks held rebels Monday Tuesday 13 14 thirteen not killed said "
            "police officials three Damascus army fled Russia Assad the of in".split()
        ),
        min_size=0,
        max_size=9,
    ).map(" ".join),
    min_size=0,
    max_size=14,
)


@settings(max_examples=150, deadline=None)
@given(texts_strategy, st.sampled_from([20.0, 35.0, SAME_THRESHOLD, 70.0, 100.0]))
def test_match_pairs_equals_brute_force(texts: list[str], threshold: float) -> None:
    matcher = Matcher(embeddings=False)  # the lexical blocks (hybrid: test_matching_hybrid)
    profiles = [matcher.profile_terms(matcher.analyze(t)) for t in texts]
    found = match_pairs(texts, threshold, matcher=matcher)
    assert found == brute_force_pairs(profiles, threshold)


@settings(max_examples=100, deadline=None)
@given(texts_strategy)
def test_similarity_is_symmetric_and_bounded(texts: list[str]) -> None:
    for a, b in zip(texts, texts[1:], strict=False):
        s = similarity(a, b)
        assert s == similarity(b, a)
        assert 0.0 <= s <= 100.0


def test_match_pairs_default_threshold_and_order() -> None:
    texts = [REUTERS, "Floods hit the north.", REUTERS.replace("Monday", "Monday night"), ""]
    pairs = match_pairs(texts)
    assert [(i, j) for i, j, _ in pairs] == [(0, 2)]
    assert all(s >= SAME_THRESHOLD for *_, s in pairs)


def test_claim_index_finds_paraphrases_and_round_trips(tmp_path: Path) -> None:
    table = AliasTable([("HTS", "Hayat Tahrir al-Sham")])
    index = ClaimIndex(table)
    index.add_many(
        [
            (1, REUTERS),
            (2, "Floods killed 12 people in the north of the country."),
            (3, "Assad fled to Russia after 13 years of civil war."),
        ]
    )
    assert len(index) == 3
    hits = index.query(REWRITE)
    assert hits and hits[0][0] == 1
    assert index.candidates("Assad fled to Moscow after 13 years of war", k=1)[0][0] == 3
    index.save(tmp_path / "index.bin")
    again = ClaimIndex.load(tmp_path / "index.bin")
    assert again.query(REWRITE) == hits
    assert again.remove(1) and again.query(REWRITE) == []
    again.add(4, "Qatari officials spoke with HTS on Monday.")
    assert again.query(REWRITE)[0][0] == 4


def _story_index(**options: int) -> ClaimIndex:
    index = ClaimIndex(**options)
    index.add_many(
        [
            (1, "Police said 12 people died in floods in the north on Monday."),
            (2, "Twelve people were killed by flooding in the north on Monday, police said."),
            (3, "Floods in the north killed 14 people on Monday, officials said."),
            (4, "The central bank raised its main rate to 5 percent on Tuesday."),
            (5, "Rebels took the airport of the northern city on Monday."),
        ]
    )
    return index


def test_claim_index_weighs_a_row_again_when_the_weights_change() -> None:
    index = _story_index()
    before = index.profile(1)
    assert index.profile(1) is before  # weighed once while the weights stay
    for n in range(20):
        index.add(100 + n, f"Floods in the north on Monday, report {n} said.")
    after = index.profile(1)
    assert after is not before
    assert after.weights["flood"] < before.weights["flood"]  # commoner now
    assert after == ClaimIndex.from_bytes(index.to_bytes()).profile(1)
    uncached = _story_index(profile_cache=0)
    assert uncached.profile(1) is not uncached.profile(1)
    assert uncached.profile(1) == _story_index().profile(1)


@pytest.mark.parametrize("floor", [0.0, 10.0, 30.0, 60.0])
def test_claim_index_candidates_with_a_floor_are_those_reaching_it(floor: float) -> None:
    index = _story_index()
    for text in ("Floods killed 12 people in the north on Monday.", "Rebels took the airport."):
        everything = index.candidates(text, k=3)
        assert index.candidates(text, k=3, floor=floor) == [
            (cid, s) for cid, s in everything if s >= floor
        ]


def test_idf_table_weighs_common_terms_down() -> None:
    idf = IdfTable()
    towns = [f"ville{chr(97 + n % 26)}{chr(97 + n // 26)}" for n in range(300)]
    for town in towns:
        idf.add(analyze(f"ceasefire in {town}").terms)
    ceasefire = analyze("ceasefire").terms[0]
    assert idf.weight(ceasefire) < 0.7 < idf.weight(towns[7])
    restored = IdfTable.from_dict(idf.to_dict())
    assert restored.weight(ceasefire) == idf.weight(ceasefire)
    matcher = Matcher(idf=idf)
    a, b = f"ceasefire in {towns[1]}", f"ceasefire in {towns[2]}"
    assert matcher.similarity(a, b) < similarity(a, b)


def test_clusters_join_chains() -> None:
    groups = clusters([(1, 2), (2, 3), (7, 8)])
    assert groups[1] == groups[2] == groups[3] == 1
    assert groups[7] == groups[8] == 7


def test_parallel_match_pairs_equals_single_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import tracker.matching.pairs as pairs_module

    monkeypatch.setattr(pairs_module, "_PARALLEL_FROM", 50)
    monkeypatch.setattr(pairs_module, "_CHUNK", 40)
    places = ["Doha", "Ankara", "Cairo", "Amman", "Beirut", "Kyiv", "Lagos", "Lima"]
    texts = [
        f"{n * 3 + 7} people were killed in {places[n % 8]} on Monday, officials said."
        if n % 2
        else f"Officials said {n * 3 + 4} people died in {places[n % 8]} on Monday."
        for n in range(160)
    ]
    texts += [f"At least {n * 3 + 7} people died in {places[n % 8]} on Monday." for n in range(40)]
    single = match_pairs(texts, workers=1)
    assert single  # the paraphrases are there
    assert match_pairs(texts, workers=2) == single


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("aAbZq 0123456789.,;:%$£-'\"()#@!?\u2019\u201c\u00e9\n")),
        max_size=60,
    ),
    st.text(max_size=40),
)
def test_any_text_scores_without_error(a: str, b: str) -> None:
    s = similarity(a, b)
    assert 0.0 <= s <= 100.0 and s == similarity(b, a)
    classify(a, b)
    table = AliasTable(learn_aliases(a + " " + b))
    assert 0.0 <= similarity(a, b, aliases=table) <= 100.0


def test_huge_numbers_do_not_break_reading() -> None:
    assert analyze("9" * 400 + " people died").terms[0] == "inf"
