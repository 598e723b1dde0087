"""schema.org ClaimReview JSON-LD for every claim a person has given a verdict.

Fact-check consumers (search engines, the Google Fact Check Tools, aggregators) read
these as the newsroom's published rulings, so only a reviewer's decision is one: a
status the extractor read from the story's own wording ("could not be independently
verified", "did not respond") is a hint, not a ruling, and is left out, as are pending
and no-response claims. Each object has a short ``claimReviewed``, a ``reviewRating``
with its textual verdict (``alternateName``) and a numeric rating with its bounds, the
review's ``url``, ``author`` (the newsroom) and ``datePublished``, and ``itemReviewed``:
the claim, who made it, when, and where it appeared.

Who made the claim follows its source's kind: a named source is a ``Person``, an
organisation an ``Organization``, the outlet's own voice the outlet; an anonymous
source is nobody's name, so the claim has no author and says in ``description`` how
the story attributes it; a document is where the claim first appeared
(``firstAppearance``), not a person.

The newsroom's name and web address and the address of each review come from the
configuration (``tracker config set organization.name|organization.url|review.url``);
without them the export is refused rather than published under an invented name or
address.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TextIO

from tracker.export import ExportError
from tracker.export.header import VERDICTS, ReportHeader, day
from tracker.store.claims import ClaimFilter
from tracker.store.reports import ReportClaim, ReportSnapshot
from tracker.store.stories import EXTRACTOR
from tracker.vocab import ClaimStatus, SourceKind

CLAIM_REVIEWED_LIMIT = 75
BEST_RATING = 5
WORST_RATING = 1

# The verdict as words and as a number on a 1 (false) to 5 (confirmed) scale.
RATINGS: dict[ClaimStatus, tuple[str, int]] = {
    ClaimStatus.CONFIRMED: ("Confirmed", 5),
    ClaimStatus.UNCLEAR: ("Unclear", 3),
    ClaimStatus.DISPUTED: ("Disputed", 2),
    ClaimStatus.FALSE: ("False", 1),
}

_SPACE = re.compile(r"\s+")
_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"'`\\]+", re.IGNORECASE)
_TRAILING = re.compile(r"[\s,;:.\-–—(\[\"'“‘]+$")
ELLIPSIS = "…"
_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False)


def short_claim(text: str, limit: int = CLAIM_REVIEWED_LIMIT) -> str:
    """The claim in fewer than ``limit`` characters where possible, cut only between words.

    A claim that does not fit keeps as many whole words as fit with an ellipsis; a single
    word longer than the limit is kept whole rather than broken.
    """
    clean = _SPACE.sub(" ", text).strip()
    if len(clean) < limit:
        return clean
    # The last space that leaves room for the ellipsis: everything before it is whole words.
    cut = clean.rfind(" ", 0, limit - len(ELLIPSIS))
    kept = _TRAILING.sub("", clean[:cut]) if cut > 0 else ""
    if not kept:
        first = clean.split(" ", 1)[0]
        kept = _TRAILING.sub("", first) or first
    return kept + ELLIPSIS


def script_safe(text: str) -> str:
    """JSON that stays inert when pasted into an HTML ``<script type="application/ld+json">``.

    Publishers embed ClaimReview in their pages; a claim quoting ``</script>`` must not end
    that element. ``<``, ``>`` and ``&`` become JSON escapes, which parse to the same text.
    """
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def claim_author(name: str | None, kind: SourceKind, outlet: str) -> dict[str, Any]:
    """Who made the claim, as schema.org's ``Claim`` takes it (see the module's notes).

    Returns the keys to add to the ``Claim``: ``author``; or, where the story names no one
    who could be an author, a ``description`` of the attribution (and, for a document,
    the document as ``firstAppearance``).
    """
    name = _SPACE.sub(" ", name or "").strip() or None
    if kind is SourceKind.OUTLET:
        return {"author": {"@type": "Organization", "name": name or outlet}}
    if kind is SourceKind.NAMED and name:
        return {"author": {"@type": "Person", "name": name}}
    if kind is SourceKind.ORGANIZATION and name:
        return {"author": {"@type": "Organization", "name": name}}
    if kind is SourceKind.DOCUMENT and name:
        return {
            "description": f"Attributed to a document: {name}",
            "firstAppearance": {"@type": "CreativeWork", "name": name},
        }
    if name:
        return {"description": f"Attributed to an unnamed source: {name}"}
    return {"description": "Attributed to a source the story does not name"}


def is_human_verdict(item: ReportClaim) -> bool:
    """True when a reviewer, not the extractor, gave the claim its current verdict.

    Who decided is kept on the claim (``decided_by``, reported as ``set_by``): the
    extractor for a status read from the story's wording, the reviewer for a ruling (a
    carried-over ruling keeps its reviewer), and an undo gives back whoever decided
    before, so undoing a ruling never publishes the extractor's reading.
    """
    return item.claim.status in RATINGS and item.set_by not in (None, EXTRACTOR)


def check_publisher(name: str | None, url: str | None, template: str | None) -> None:
    """Refuse (:class:`ExportError`, one line) when what ClaimReview must name is not set.

    ``name``, ``url`` and ``template`` are the configured ``organization.name``,
    ``organization.url`` and ``review.url``.
    """
    missing = [
        (key, example)
        for key, value, example in (
            ("organization.name", name, '"Example Fact Check"'),
            ("organization.url", url, "https://example.org"),
            ("review.url", template, "https://example.org/fact-checks/{claim_id}"),
        )
        if not value
    ]
    if missing:
        key, example = missing[0]
        more = f" (and {', '.join(k for k, _ in missing[1:])})" if missing[1:] else ""
        raise ExportError(
            f"ClaimReview needs {key}{more}, which is not set: "
            f"run `tracker config set {key} {example}`"
        )


def review_url(item: ReportClaim, template: str) -> str:
    """Where the review of this claim is published: the template with the claim's id."""
    return template.replace("{claim_id}", str(item.claim.id))


def web_address(url: str | None) -> str | None:
    """A story URL fit to publish as a link (http or https), else None.

    Story metadata is untrusted; a ``javascript:`` or ``data:`` address must never reach
    a consumer that renders ClaimReview links.
    """
    if url and _WEB_ADDRESS.fullmatch(url.strip()):
        return url.strip()
    return None


def claim_review(item: ReportClaim, header: ReportHeader) -> dict:
    """One ClaimReview object for a claim with a reviewer's verdict."""
    c, story = item.claim, item.story
    assert header.publisher and header.publisher_url and header.review_url
    label, value = RATINGS[c.status]
    rating: dict[str, Any] = {
        "@type": "Rating",
        "ratingValue": value,
        "bestRating": BEST_RATING,
        "worstRating": WORST_RATING,
        "alternateName": label,
    }
    if c.status_note:
        rating["ratingExplanation"] = c.status_note
    appearance: dict[str, Any] = {"@type": "NewsArticle", "headline": story.title}
    story_url = web_address(story.url)
    if story_url:
        appearance["url"] = story_url
    if story.published:
        appearance["datePublished"] = day(story.published)
    if story.outlet:
        appearance["publisher"] = {"@type": "Organization", "name": story.outlet}
    claim: dict[str, Any] = {"@type": "Claim", "text": c.text}
    claim.update(claim_author(c.source, c.source_kind, story.outlet))
    claim["appearance"] = appearance
    if story.published:
        claim["datePublished"] = day(story.published)
    reviewed_on = item.set_at or c.updated_at
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": review_url(item, header.review_url),
        "claimReviewed": short_claim(c.text),
        "datePublished": reviewed_on.date().isoformat(),
        "author": {"@type": "Organization", "name": header.publisher, "url": header.publisher_url},
        "reviewRating": rating,
        "itemReviewed": claim,
    }


def verdict_filter(flt: ClaimFilter) -> ClaimFilter:
    """The filter narrowed to claims with a verdict (an explicit status filter still applies)."""
    wanted = tuple(s for s in (flt.statuses or VERDICTS) if s in VERDICTS)
    return replace(flt, statuses=wanted)


def write(
    snapshot: ReportSnapshot,
    out: TextIO,
    header: ReportHeader,
    *,
    history: bool,
    events: bool,
    progress: Callable[[int], None] | None,
) -> int:
    """Write a JSON array of ClaimReview objects; returns how many claims it reviews.

    Refused with :class:`ExportError` before anything is written when the newsroom's
    name, web address or review address is not configured.
    """
    del history, events
    check_publisher(header.publisher, header.publisher_url, header.review_url)
    flt = verdict_filter(header.filter)
    written = 0
    out.write("[")
    if flt.statuses:
        for batch in snapshot.claims(flt, matches=False, events=False):
            for item in batch:
                if not is_human_verdict(item):
                    continue
                review = claim_review(item, header)
                # One review per line: a feed of thousands stays quick to write and to diff.
                text = script_safe(_ENCODER.encode(review))
                out.write(("\n" if written == 0 else ",\n") + text)
                written += 1
            if progress is not None:
                progress(written)
    out.write("\n]\n" if written else "]\n")
    return written
