"""Extraction gold: the stories a newsroom reviewed, as ``bench/extraction.py`` reads them.

Each reviewed story (its newest version) becomes one document with its text and its
claims as the reviewers left them: corrections applied, dismissed claims out, claims
added by hand in. The schema is that of ``tests/gold/extraction_gold.json``: a claim's
content is found in the text by its ``nth`` occurrence, its source and cue nearest to it,
so ``python bench/extraction.py --gold FILE`` measures the extractor on the newsroom's
own corrections.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TextIO

from tracker.export.header import ReportHeader
from tracker.store.reports import AnnotatedClaim, AnnotatedStory, ReportSnapshot
from tracker.vocab import SourceKind

ABOUT = (
    "Stories reviewed in Claim Tracker ({database}), exported {when} by {who}: each "
    "story's newest version with its claims as reviewers left them (corrections applied, "
    "dismissed claims left out, claims added by hand in). Spans are located as "
    "bench/extraction.py does: content by its nth occurrence (default first), source and "
    "cue nearest the content."
)


def claim_gold(body: str, claim: AnnotatedClaim) -> dict[str, Any]:
    """One claim in the gold set's terms."""
    start, end = claim.content_span
    content = body[start:end]
    out: dict[str, Any] = {"content": content}
    nth = 1
    found = body.find(content)
    while 0 <= found < start:
        nth += 1
        found = body.find(content, found + 1)
    if nth > 1:
        out["nth"] = nth
    if claim.source_kind is SourceKind.OUTLET:
        out["source"] = None
    elif claim.source_corrected or not claim.source_mention:
        out["source"] = claim.source  # as the reviewer wrote it
    else:
        out["source"] = claim.source_mention
        if claim.source and claim.source != claim.source_mention:
            out["canonical"] = claim.source
    out.update(
        source_kind=claim.source_kind.value,
        cue=claim.cue,
        quote=claim.quote,
        kind=claim.kind.value,
        status=claim.status.value,
    )
    if claim.status_note:
        out["note"] = claim.status_note
    return out


def story_gold(story: AnnotatedStory) -> dict[str, Any]:
    """One reviewed story as a gold document."""
    return {
        "id": f"story-{story.id}",
        "shapes": ["newsroom"],
        "title": story.title,
        "outlet": story.outlet,
        "url": story.url,
        "version": story.version,
        "text": story.body,
        "claims": [claim_gold(story.body, c) for c in story.claims],
    }


def write(
    snapshot: ReportSnapshot,
    out: TextIO,
    header: ReportHeader,
    *,
    history: bool,
    events: bool,
    progress: Callable[[int], None] | None,
) -> int:
    """Write the gold set, one story at a time; returns the claims written."""
    about = ABOUT.format(
        database=header.database,
        when=header.generated_at.isoformat().replace("+00:00", "Z"),
        who=header.generated_by,
    )
    out.write('{"version": 1, "about": ' + json.dumps(about, ensure_ascii=False))
    out.write(', "documents": [')
    count = 0
    for n, story in enumerate(snapshot.annotated_stories(header.filter)):
        out.write(",\n" if n else "\n")
        out.write(json.dumps(story_gold(story), ensure_ascii=False))
        count += len(story.claims)
        if progress is not None:
            progress(count)
    out.write("\n]}\n")
    return count
