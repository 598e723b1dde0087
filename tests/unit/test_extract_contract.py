"""The extractor is pure: it imports nothing of ours but the vocabulary, and no database or UI."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from tracker.extract import ExtractedClaim, extract_claims


def test_extract_imports_only_vocab_of_ours() -> None:
    code = (
        "import sys\n"
        "import tracker.extract\n"
        "ours = sorted(m for m in sys.modules if m.startswith('tracker'))\n"
        "bad = [m for m in ours if m not in ('tracker', 'tracker.vocab')\n"
        "       and not m.startswith('tracker.extract')]\n"
        "assert not bad, bad\n"
        "heavy = [m for m in ('sqlalchemy', 'sqlmodel', 'textual', 'alembic', 'typer')\n"
        "         if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_claim_is_frozen_with_the_documented_fields() -> None:
    names = {f.name for f in dataclasses.fields(ExtractedClaim)}
    assert {
        "text",
        "sentence",
        "source",
        "source_kind",
        "source_mention",
        "cue",
        "quote",
        "status",
        "status_note",
        "content_span",
        "source_span",
        "cue_span",
        "sentence_span",
        "paragraph_span",
        "source_key",
        "confidence",
    } <= names
    (claim,) = extract_claims("The mayor said 40 buses would run on Sunday.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        claim.text = "changed"  # type: ignore[misc]


def test_same_text_same_claims() -> None:
    text = "Lena Marsh said 40 buses would run. “We are ready,” she added."
    assert extract_claims(text) == extract_claims(text)
