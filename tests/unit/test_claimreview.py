"""ClaimReview a fact-checking site could publish: schema.org's required properties, only
reviewers' verdicts, authors that follow the source's kind, the newsroom as configured."""

from __future__ import annotations

import io
import json
from typing import Any

import jsonschema
import pytest

from tests.conftest import FakeClaim, add_fake_story
from tests.golden.newsroom import Newsroom, build_newsroom, freeze_store_clock
from tracker import store as st
from tracker.config import Config
from tracker.export import ExportError, export_report
from tracker.store import ClaimFilter
from tracker.vocab import ClaimStatus, SourceKind

_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_WEB = {"type": "string", "pattern": r"^https?://\S+$"}
_NAMED = {
    "type": "object",
    "required": ["@type", "name"],
    "properties": {"@type": {"enum": ["Person", "Organization"]}, "name": {"minLength": 1}},
}

# What schema.org and the fact-check consumers (Google's ClaimReview guidelines) require of
# each object; ``description`` stands in for the author when the story names no one.
CLAIM_REVIEW_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "array",
    "items": {
        "type": "object",
        "required": [
            "@context",
            "@type",
            "url",
            "claimReviewed",
            "datePublished",
            "author",
            "reviewRating",
            "itemReviewed",
        ],
        "properties": {
            "@context": {"const": "https://schema.org"},
            "@type": {"const": "ClaimReview"},
            "url": _WEB,
            "claimReviewed": {"type": "string", "minLength": 1, "maxLength": 75},
            "datePublished": _DATE,
            "author": {
                "type": "object",
                "required": ["@type", "name", "url"],
                "properties": {
                    "@type": {"const": "Organization"},
                    "name": {"type": "string", "minLength": 1},
                    "url": _WEB,
                },
            },
            "reviewRating": {
                "type": "object",
                "required": [
                    "@type",
                    "ratingValue",
                    "bestRating",
                    "worstRating",
                    "alternateName",
                ],
                "properties": {
                    "@type": {"const": "Rating"},
                    "ratingValue": {"type": "integer"},
                    "bestRating": {"type": "integer"},
                    "worstRating": {"type": "integer"},
                    "alternateName": {"enum": ["Confirmed", "False", "Disputed", "Unclear"]},
                },
            },
            "itemReviewed": {
                "type": "object",
                "required": ["@type", "appearance", "datePublished"],
                "anyOf": [{"required": ["author"]}, {"required": ["description"]}],
                "properties": {
                    "@type": {"const": "Claim"},
                    "author": _NAMED,
                    "description": {"type": "string", "minLength": 1},
                    "datePublished": _DATE,
                    "appearance": {
                        "type": "object",
                        "required": ["@type", "headline"],
                        "properties": {"url": _WEB},
                    },
                },
            },
        },
    },
}


@pytest.fixture
def room(store: st.Store, monkeypatch: pytest.MonkeyPatch) -> Newsroom:
    return build_newsroom(store, freeze_store_clock(monkeypatch))


def reviews(room: Newsroom, flt: ClaimFilter | None = None, **config: Any) -> list[dict]:
    out = io.StringIO(newline="")
    cfg = room.config()
    if config:
        cfg = Config(**{**{f: getattr(cfg, f) for f in cfg.__slots__}, **config})  # type: ignore[attr-defined]
    export_report(room.store, fmt="claimreview", out=out, config=cfg, filter=flt)
    return json.loads(out.getvalue())


def by_text(found: list[dict]) -> dict[str, dict]:
    return {r["itemReviewed"]["text"][:20]: r for r in found}


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(CLAIM_REVIEW_SCHEMA)


def test_output_validates_against_claimreview_requirements(room: Newsroom) -> None:
    # A human verdict on a named source's claim too, so every author shape is present.
    st.set_status(room.store, claim_id=room.claims["parties"], status="confirmed", reviewer="ana")
    found = reviews(room)
    assert len(found) == 5
    jsonschema.Draft202012Validator(CLAIM_REVIEW_SCHEMA).validate(found)
    for review in found:
        rating = review["reviewRating"]
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]


def test_the_schema_catches_what_the_old_export_did(room: Newsroom) -> None:
    # The failures the issue saw: no url on the newsroom, an invented review address.
    good = reviews(room)[0]
    validator = jsonschema.Draft202012Validator(CLAIM_REVIEW_SCHEMA)
    for broken in (
        {**good, "url": "tracker:claim:5"},
        {**good, "author": {"@type": "Organization", "name": "Claim Tracker"}},
        {
            **good,
            "itemReviewed": {k: v for k, v in good["itemReviewed"].items() if k != "description"},
        },
        {**good, "reviewRating": {**good["reviewRating"], "alternateName": None}},
    ):
        assert not validator.is_valid([broken])


def test_only_reviewers_verdicts_are_published(room: Newsroom) -> None:
    # 'parties' is unclear and 'spoke' no_response by the extractor's reading of the story:
    # hints, not rulings. ana's dispute, maría's false and the two confirmations are rulings.
    found = reviews(room)
    ids = [int(r["url"].rsplit("/", 1)[1]) for r in found]
    c = room.claims
    assert ids == [c["line"], c["formula"], c["long"], c["monday"]]
    assert c["parties"] not in ids
    assert st.get_claim(room.store, c["parties"]).status is ClaimStatus.UNCLEAR
    # Once a reviewer rules on it, it is published with that ruling.
    st.set_status(room.store, claim_id=c["parties"], status="disputed", reviewer="ana")
    ruled = by_text(reviews(room))["they are communicati"]
    assert ruled["reviewRating"]["alternateName"] == "Disputed"


def test_a_reviewer_repeating_the_extractors_status_is_a_ruling(room: Newsroom) -> None:
    c = room.claims
    st.set_status(room.store, claim_id=c["parties"], status="unclear", reviewer="ana", note="why")
    found = by_text(reviews(room))
    assert found["they are communicati"]["reviewRating"]["alternateName"] == "Unclear"


def test_authors_follow_the_source_kind(room: Newsroom) -> None:
    st.set_status(room.store, claim_id=room.claims["parties"], status="confirmed", reviewer="ana")
    st.set_status(room.store, claim_id=room.claims["fled"], status="confirmed", reviewer="ana")
    found = by_text(reviews(room))
    named = found["they are communicati"]["itemReviewed"]
    assert named["author"] == {"@type": "Person", "name": "Mohammed Al-Khulaifi, Minister of State"}
    org = found["The transitional aut"]["itemReviewed"]
    assert org["author"] == {"@type": "Organization", "name": "the Syrian National Coalition"}
    outlet = found["Assad fled to Russia"]["itemReviewed"]
    assert outlet["author"] == {"@type": "Organization", "name": "Reuters"}
    anonymous = found["Iran opened a direct"]["itemReviewed"]
    assert "author" not in anonymous
    assert "a senior Iranian official" in anonymous["description"]
    document = found["=SUM(A1:A9) casualti"]["itemReviewed"]
    assert "author" not in document
    assert document["firstAppearance"] == {"@type": "CreativeWork", "name": "a UN report"}


def test_an_anonymous_official_is_never_a_person(store: st.Store) -> None:
    add_fake_story(
        store,
        [FakeClaim("Talks resumed", source="a senior official in Tehran")],
        title="t",
    )
    claim_id = st.list_claims(store, limit=1)[0].id
    st.set_status(store, claim_id=claim_id, status="confirmed", reviewer="ana")
    config = Config(
        store.url, "r", "Desk", "https://desk.example", "https://desk.example/{claim_id}"
    )
    out = io.StringIO()
    export_report(store, fmt="claimreview", out=out, config=config)
    [review] = json.loads(out.getvalue())
    assert "author" not in review["itemReviewed"]
    assert review["itemReviewed"]["description"].endswith("a senior official in Tehran")


def test_the_newsroom_comes_from_the_configuration(room: Newsroom) -> None:
    found = reviews(
        room,
        organization="The Checkers",
        organization_url="https://checkers.example.net",
        review_url="https://checkers.example.net/v/{claim_id}.html",
    )
    assert found[0]["author"] == {
        "@type": "Organization",
        "name": "The Checkers",
        "url": "https://checkers.example.net",
    }
    assert found[0]["url"] == f"https://checkers.example.net/v/{room.claims['line']}.html"


@pytest.mark.parametrize(
    ("missing", "key"),
    [
        ({"organization_url": None}, "organization.url"),
        ({"review_url": None}, "review.url"),
        ({"organization": None}, "organization.name"),
    ],
)
def test_missing_settings_are_refused_in_one_line(
    room: Newsroom, missing: dict[str, None], key: str
) -> None:
    with pytest.raises(ExportError) as refused:
        reviews(room, **missing)
    message = str(refused.value)
    assert "\n" not in message
    assert f"tracker config set {key}" in message


def test_a_status_filter_still_applies(room: Newsroom) -> None:
    only_false = ClaimFilter(statuses=(ClaimStatus.FALSE,))
    assert [r["reviewRating"]["alternateName"] for r in reviews(room, only_false)] == ["False"]
    assert reviews(room, ClaimFilter(statuses=(ClaimStatus.PENDING,))) == []


def test_safe_inside_an_html_script_element(room: Newsroom) -> None:
    out = io.StringIO()
    export_report(room.store, fmt="claimreview", out=out, config=room.config())
    text = out.getvalue()
    assert "</script>" not in text and "<" not in text
    titles = [r["itemReviewed"]["appearance"]["headline"] for r in json.loads(text)]
    assert "Iran reaches out <script>alert('x')</script> & \"others\"" in titles


def test_publishes_only_web_addresses(room: Newsroom) -> None:
    found = reviews(room)
    iran = [r for r in found if r["itemReviewed"]["appearance"]["headline"].startswith("Iran")]
    # The story's address is javascript:...; it is left out, never passed on.
    assert iran and all("url" not in r["itemReviewed"]["appearance"] for r in iran)


def test_source_kinds_without_a_name_get_a_description() -> None:
    from tracker.export.claimreview import claim_author

    for kind in (SourceKind.ANONYMOUS, SourceKind.NAMED, SourceKind.DOCUMENT):
        found = claim_author(None, kind, "Reuters")
        assert "author" not in found and found["description"]


def test_undoing_a_ruling_leaves_the_extractors_reading_unpublished(room: Newsroom) -> None:
    c = room.claims
    st.set_status(room.store, claim_id=c["parties"], status="confirmed", reviewer="ana")
    assert c["parties"] in [int(r["url"].rsplit("/", 1)[1]) for r in reviews(room)]
    st.undo_last(room.store, reviewer="ana", claim_id=c["parties"])
    assert st.get_claim(room.store, c["parties"]).status is ClaimStatus.UNCLEAR
    assert c["parties"] not in [int(r["url"].rsplit("/", 1)[1]) for r in reviews(room)]


def test_undoing_a_second_ruling_brings_back_the_first(room: Newsroom) -> None:
    c = room.claims
    st.set_status(room.store, claim_id=c["plans"], status="confirmed", reviewer="ana")
    st.set_status(room.store, claim_id=c["plans"], status="false", reviewer="ana")
    st.undo_last(room.store, reviewer="ana", claim_id=c["plans"])
    [plans] = [r for r in reviews(room) if r["url"].endswith(f"/{c['plans']}")]
    assert plans["reviewRating"]["alternateName"] == "Confirmed"


def test_a_note_on_the_extractors_reading_is_no_ruling(room: Newsroom) -> None:
    c = room.claims
    st.set_note(room.store, claim_id=c["parties"], note="asked the ministry", reviewer="ana")
    assert c["parties"] not in [int(r["url"].rsplit("/", 1)[1]) for r in reviews(room)]
