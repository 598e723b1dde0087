"""Claim and attribution extraction: story text in, claims with sources out.

Pure code (no database, no terminal, no files): ``extract_claims(text)`` lists every
claim with who it is attributed to, the cue, the quote kind and the first status the
story's own wording implies; ``extraction_json(text)`` renders the same list as the JSON
that ``tracker extract FILE --json`` prints.
"""

from __future__ import annotations

import json

from tracker.extract.claim import ExtractedClaim
from tracker.extract.engine import extract_claims, guess_outlet

__all__ = ["ExtractedClaim", "extract_claims", "extraction_json", "guess_outlet"]


def extraction_json(text: str, *, outlet: str | None = None, indent: int | None = 2) -> str:
    """The claims of ``text`` as a JSON array of the documented objects."""
    claims = extract_claims(text, outlet=outlet)
    return json.dumps([c.to_json() for c in claims], ensure_ascii=False, indent=indent)
