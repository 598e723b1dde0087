"""The clean-sources pass on its own: claims built by hand, tidied, checked span by span."""

from __future__ import annotations

from tracker.extract.raw import RawClaim
from tracker.extract.tidy import tidy_claims


def _raw(text: str, source: str, cue: str, content: str) -> RawClaim:
    """A claim over ``text`` with the first occurrence of each part as its span."""
    s = text.index(source)
    c = text.index(cue, s + len(source))
    k = text.index(content, c + len(cue))
    return RawClaim(
        content=(k, k + len(content)),
        unit=(0, len(text)),
        para=0,
        source_span=(s, s + len(source)),
        mention=source,
        kind_text=source,
        cue_span=(c, c + len(cue)),
    )


def _tidy(text: str, raw: RawClaim) -> tuple[str, str, str]:
    tidy_claims(text, [raw])
    assert raw.source_span is not None and raw.cue_span is not None
    return (
        text[raw.source_span[0] : raw.source_span[1]],
        text[raw.cue_span[0] : raw.cue_span[1]],
        text[raw.content[0] : raw.content[1]],
    )


def test_a_participle_clause_leaves_the_source_and_the_mention_follows() -> None:
    text = (
        "Ines Vogel, head of the dockers' union, speaking to reporters at the gate, "
        "said the strike would go on."
    )
    raw = _raw(
        text,
        "Ines Vogel, head of the dockers' union, speaking to reporters at the gate",
        "said",
        "the strike would go on",
    )
    source, cue, content = _tidy(text, raw)
    assert source == "Ines Vogel, head of the dockers' union"
    assert raw.mention == source and raw.kind_text == source
    assert (cue, content) == ("said", "the strike would go on")


def test_a_request_for_anonymity_leaves_the_source() -> None:
    text = "A nurse who asked not to be named said two wards had closed."
    raw = _raw(text, "A nurse who asked not to be named", "said", "two wards had closed")
    assert _tidy(text, raw)[0] == "A nurse"


def test_an_appositive_keeps_its_noun_and_loses_its_relative_clause() -> None:
    text = "Tomas Berg, a former pilot who now teaches at the academy, said the runway was short."
    raw = _raw(
        text,
        "Tomas Berg, a former pilot who now teaches at the academy",
        "said",
        "the runway was short",
    )
    assert _tidy(text, raw)[0] == "Tomas Berg, a former pilot"


def test_a_closing_time_leaves_the_source_but_not_a_participle_s_time() -> None:
    text = "Figures released on Monday showed exports fell."
    raw = _raw(text, "Figures released on Monday", "showed", "exports fell")
    assert _tidy(text, raw)[0] == "Figures released on Monday"
    text = "The harbour board on Monday said exports fell."
    raw = _raw(text, "The harbour board on Monday", "said", "exports fell")
    assert _tidy(text, raw)[0] == "The harbour board"


def test_told_takes_its_audience_and_the_content_starts_after_that() -> None:
    text = "The minister told parliament on Tuesday that the bridge would reopen."
    raw = _raw(text, "The minister", "told", "parliament on Tuesday that the bridge would reopen")
    source, cue, content = _tidy(text, raw)
    assert (source, cue, content) == ("The minister", "told parliament", "the bridge would reopen")


def test_told_with_someone_else_between_cue_and_content_is_left_alone() -> None:
    text = "The minister told her aide the bridge would reopen."
    raw = _raw(text, "The minister", "told", "the bridge would reopen")
    assert _tidy(text, raw) == ("The minister", "told", "the bridge would reopen")


def test_a_cue_word_after_a_possessive_is_a_noun_of_the_source() -> None:
    text = "A person familiar with the carrier's plans said the route would end."
    raw = _raw(text, "A person familiar with the carrier's", "plans", "said the route would end")
    source, cue, content = _tidy(text, raw)
    assert source == "A person familiar with the carrier's plans"
    assert (cue, content) == ("said", "the route would end")


def test_one_bare_word_claims_nothing_but_a_quoted_word_does() -> None:
    text = "Vogel rejected that."
    raw = _raw(text, "Vogel", "rejected", "that")
    tidy_claims(text, [raw])
    assert raw.content[0] == raw.content[1]
    text = "The board called it \u201cshameful\u201d."
    raw = _raw(text, "The board", "called", "\u201cshameful\u201d")
    tidy_claims(text, [raw])
    assert text[raw.content[0] : raw.content[1]] == "\u201cshameful\u201d"


def test_the_outlet_s_own_voice_is_not_touched() -> None:
    text = "Exports fell, the figures show."
    raw = _raw(text, "Exports", "fell", "the figures show")
    raw.outlet = True
    before = (raw.source_span, raw.cue_span, raw.content)
    tidy_claims(text, [raw])
    assert (raw.source_span, raw.cue_span, raw.content) == before


def test_a_content_ending_on_the_relative_pronoun_of_its_source_is_none() -> None:
    text = "Vogel made the claim, which he repeated on Tuesday."
    he = text.index(" he ") + 1
    raw = RawClaim(
        content=(0, he - 1),  # "Vogel made the claim, which"
        unit=(0, len(text)),
        para=0,
        source_span=(he, he + 2),
        mention="he",
        kind_text="he",
        cue_span=(he + 3, he + 11),
    )
    assert text[he + 3 : he + 11] == "repeated"
    tidy_claims(text, [raw])
    assert raw.content[0] == raw.content[1]
    text = "Vogel said the levy, which started in May, was unfair."
    raw = _raw(text, "Vogel", "said", "the levy, which started in May, was unfair")
    tidy_claims(text, [raw])
    assert text[raw.content[0] : raw.content[1]] == "the levy, which started in May, was unfair"
