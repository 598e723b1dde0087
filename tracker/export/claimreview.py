"""schema.org ClaimReview JSON-LD for every claim that has a verdict.

Fact-check consumers (search engines, the Google Fact Check Tools, aggregators) read
these: a short ``claimReviewed``, a ``reviewRating`` with its textual verdict
(``alternateName``) and a numeric rating with its bounds, the review's ``url``,
``author`` and ``datePublished``, and ``itemReviewed``: the claim, who made it, when,
and where it appeared. Pending and no-response claims carry no verdict and are left out.

The review ``url`` should be the page where the newsroom publishes its fact-check. Set
``TRACKER_REVIEW_URL`` to a template such as ``https://example.org/checks/{claim_id}``;
without it the claim is addressed inside the story it appeared in (``story#claim-ID``).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TextIO

from tracker.export.header import VERDICTS, ReportHeader, day
from tracker.store.claims import ClaimFilter
from tracker.store.reports import ReportClaim, ReportSnapshot
from tracker.vocab import ClaimStatus, SourceKind

REVIEW_URL_ENV = "TRACKER_REVIEW_URL"
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


def _author(name: str | None, kind: SourceKind, outlet: str) -> dict[str, Any]:
    if kind is SourceKind.OUTLET:
        return {"@type": "Organization", "name": name or outlet}
    person = kind in (SourceKind.NAMED, SourceKind.ANONYMOUS)
    return {"@type": "Person" if person else "Organization", "name": name or "unnamed source"}


def review_url(item: ReportClaim, template: str | None = None) -> str:
    """Where the review of this claim is published (see the module's notes)."""
    template = template if template is not None else os.environ.get(REVIEW_URL_ENV, "")
    if template:
        if "{claim_id}" in template:
            return template.replace("{claim_id}", str(item.claim.id))
        return f"{template.rstrip('/')}/{item.claim.id}"
    story_url = web_address(item.story.url)
    if story_url:
        return f"{story_url.split('#', 1)[0]}#claim-{item.claim.id}"
    return f"urn:claim-tracker:claim:{item.claim.id}"


def web_address(url: str | None) -> str | None:
    """A story URL fit to publish as a link (http or https), else None.

    Story metadata is untrusted; a ``javascript:`` or ``data:`` address must never reach
    a consumer that renders ClaimReview links.
    """
    if url and _WEB_ADDRESS.fullmatch(url.strip()):
        return url.strip()
    return None


def claim_review(item: ReportClaim, *, organization: str, template: str | None = None) -> dict:
    """One ClaimReview object for a claim with a verdict."""
    c, story = item.claim, item.story
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
    claim: dict[str, Any] = {
        "@type": "Claim",
        "text": c.text,
        "author": _author(c.source, c.source_kind, story.outlet),
        "appearance": appearance,
    }
    if story.published:
        claim["datePublished"] = day(story.published)
    reviewed_on = item.set_at or c.updated_at
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": review_url(item, template),
        "claimReviewed": short_claim(c.text),
        "datePublished": reviewed_on.date().isoformat(),
        "author": {"@type": "Organization", "name": organization},
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
    """Write a JSON array of ClaimReview objects; returns how many claims it reviews."""
    del history, events
    flt = verdict_filter(header.filter)
    template = os.environ.get(REVIEW_URL_ENV, "")
    written = 0
    out.write("[")
    if flt.statuses:
        for batch in snapshot.claims(flt, matches=False, events=False):
            for item in batch:
                review = claim_review(item, organization=header.organization, template=template)
                # One review per line: a feed of thousands stays quick to write and to diff.
                text = script_safe(_ENCODER.encode(review))
                out.write(("\n" if written == 0 else ",\n") + text)
                written += 1
            if progress is not None:
                progress(written)
    out.write("\n]\n" if written else "]\n")
    return written
