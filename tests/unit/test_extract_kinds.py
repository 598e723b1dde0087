"""Attribution kinds: what a cue reports, read off its verb (and the source's kind)."""

from __future__ import annotations

import pytest

from tracker.extract.kinds import kind_of_cue
from tracker.vocab import AttributionKind, SourceKind


@pytest.mark.parametrize(
    ("cue", "kind"),
    [
        ("said", AttributionKind.SPEECH),
        ("told reporters", AttributionKind.SPEECH),
        ("according to", AttributionKind.SPEECH),
        ("pointed out", AttributionKind.SPEECH),
        ("denied", AttributionKind.SPEECH),
        ("believes", AttributionKind.BELIEF),
        ("fears", AttributionKind.BELIEF),
        ("wants", AttributionKind.BELIEF),
        ("plans", AttributionKind.INTENTION),
        ("vowed", AttributionKind.INTENTION),
        ("threatened to", AttributionKind.INTENTION),
        ("found", AttributionKind.FINDING),
        ("show", AttributionKind.FINDING),
        ("reportedly", AttributionKind.UNKNOWN),
        ("", AttributionKind.UNKNOWN),
        (None, AttributionKind.UNKNOWN),
    ],
)
def test_kind_of_cue(cue: str | None, kind: AttributionKind) -> None:
    assert kind_of_cue(cue) is kind


def test_a_document_suggesting_is_a_finding_a_person_suggesting_is_speech() -> None:
    assert kind_of_cue("suggests", SourceKind.DOCUMENT) is AttributionKind.FINDING
    assert kind_of_cue("suggested", SourceKind.NAMED) is AttributionKind.SPEECH
