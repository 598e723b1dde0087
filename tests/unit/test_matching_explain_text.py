"""How ``tracker matches`` and the review UI word a match's stored explanation."""

from __future__ import annotations

from tracker.matching.explain_text import meaning_line, reasons

SUMMARY = (
    "score 80 (same) | meaning 0.88 (embedding cosine) | wording 71 | "
    "aligned: Qatar/Qatari, diplomats, Monday | only in A: held, rebel, group, lightning"
)


def test_a_match_of_the_same_claim_says_the_score_with_and_without_meaning() -> None:
    why = {"kind": "same", "score": 80.18, "cosine": 0.8782, "lexical": 70.64}
    assert meaning_line(why) == ("meaning: cosine 0.88; score 80 with it, 71 by wording alone (+9)")
    lowered = {"kind": "same", "score": 68.73, "cosine": 0.8925, "lexical": 70.64}
    assert meaning_line(lowered) == (
        "meaning: cosine 0.89; score 69 with it, 71 by wording alone (-2)"
    )


def test_a_conflict_says_meaning_agreed_on_the_event() -> None:
    why = {"kind": "conflict", "score": 62.07, "cosine": 0.8491, "lexical": 41.29}
    line = meaning_line(why)
    assert line is not None and line.startswith("meaning: cosine 0.85, one event in meaning")
    assert "by wording alone" not in line  # its score is the wording's either way


def test_a_match_scored_on_wording_alone_has_no_meaning_line() -> None:
    assert meaning_line({"kind": "same", "score": 71.0, "lexical": 71.0}) is None
    assert meaning_line({"cosine": None, "score": 71.0}) is None


def test_reasons_leave_out_what_other_lines_say_and_cut_after_a_whole_word() -> None:
    assert reasons(SUMMARY) == (
        "aligned: Qatar/Qatari, diplomats, Monday | only in A: held, rebel, group, lightning"
    )
    short = reasons(SUMMARY, limit=60)
    assert short == "aligned: Qatar/Qatari, diplomats, Monday | only in A: held …"
    assert reasons("score 50 (same)") == ""
