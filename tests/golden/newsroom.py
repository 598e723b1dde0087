"""A small, deterministic newsroom database for the report tests and their golden files.

Everything goes in through the store's own functions (add_story, set_status, set_note,
undo_last), exactly as ingest and review write it. The only thing replaced is the clock:
the store stamps stories, claims and audit events with ``utcnow()``, so the builder swaps
in a scripted clock and sets it before each step of the newsroom's morning (story 1
stored at 08:00, a claim disputed at 09:00...). The reports then print real times, each
event's own, and the golden files stay exact without masking anything after the fact;
and they do not depend on how many times the store happens to read the clock. Matches
are written with Core, as the matching engine does, with fixed creation times.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import FakeClaim
from tracker import store as st
from tracker.config import Config
from tracker.models import match_table
from tracker.vocab import AttributionKind, ClaimStatus, MatchKind, MatchState, QuoteKind, SourceKind

GOLDEN = Path(__file__).resolve().parent
START = datetime(2024, 12, 9, 8, 0, tzinfo=UTC)
CONFIG_KW = {
    "reviewer": "desk editor",
    "organization": "Example Fact Check",
    "organization_url": "https://factcheck.example.org",
    "review_url": "https://factcheck.example.org/checks/{claim_id}",
}
# The same publisher as the environment gives it to the command line.
PUBLISHER_ENV = {
    "TRACKER_ORG": "Example Fact Check",
    "TRACKER_ORG_URL": "https://factcheck.example.org",
    "TRACKER_REVIEW_URL": "https://factcheck.example.org/checks/{claim_id}",
}


class ScriptedClock:
    """A clock for the store that shows whatever moment the script last set."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def set(self, hour: int, minute: int) -> None:
        """Move to this time on the morning of 9 December 2024 (UTC)."""
        self.now = START.replace(hour=hour, minute=minute)

    def __call__(self) -> datetime:
        return self.now


def freeze_store_clock(monkeypatch: pytest.MonkeyPatch) -> ScriptedClock:
    """Make the store's timestamps deterministic (see the module's notes)."""
    clock = ScriptedClock()
    monkeypatch.setattr("tracker.store.claims.utcnow", clock)
    monkeypatch.setattr("tracker.store.stories.utcnow", clock)
    monkeypatch.setattr("tracker.store.audit.utcnow", clock)
    monkeypatch.setattr("tracker.store.corrections.utcnow", clock)
    return clock


@dataclass
class Newsroom:
    """The ids of what was stored, by the names the tests use."""

    store: st.Store
    stories: dict[str, int] = field(default_factory=dict)
    claims: dict[str, int] = field(default_factory=dict)

    def config(self) -> Config:
        """The configuration the reports are made with."""
        return Config(db_url=self.store.url, **CONFIG_KW)


def _story(
    room: Newsroom,
    key: str,
    claims: dict[str, FakeClaim],
    *,
    title: str,
    outlet: str,
    url: str | None,
    published: date | None,
    byline: str | None = None,
) -> None:
    body = " ".join(c.text for c in claims.values())
    stored = st.add_story(
        room.store,
        story=st.StoryInput(
            body=body, title=title, outlet=outlet, url=url, published=published, byline=byline
        ),
        claims=list(claims.values()),
    )
    room.stories[key] = stored.story_id
    room.claims.update(zip(claims, stored.claim_ids, strict=True))


def build_newsroom(store: st.Store, clock: ScriptedClock) -> Newsroom:
    """Three stories, nine claims, reviews by two people, an undo, matches and a conflict."""
    room = Newsroom(store)
    clock.set(8, 0)
    official = "an official briefed on the developments"
    _story(
        room,
        "qatar",
        {
            "spoke": FakeClaim(
                "Qatari diplomats spoke with Hayat Tahrir al-Sham on Monday",
                source=official,
                cue="told Reuters",
                status=ClaimStatus.NO_RESPONSE,
                status_note="Qatar's foreign ministry did not immediately respond",
                content_span=(0, 58),
                segments=((0, 27), (28, 58)),
            ),
            "plans": FakeClaim(
                "Qatar plans to speak with the head of the transitional government on Tuesday",
                source=official,
                kind=AttributionKind.INTENTION,
            ),
            "parties": FakeClaim(
                'they are communicating with "various parties on the ground" in Syria',
                source="Mohammed Al-Khulaifi, Minister of State",
                source_kind=SourceKind.NAMED,
                source_key=1,
                quote=QuoteKind.MIXED,
                status=ClaimStatus.UNCLEAR,
                status_note="without specifying who",
            ),
            "fled": FakeClaim(
                "Assad fled to Russia, after 13 years of civil war",
                source="Reuters",
                source_kind=SourceKind.OUTLET,
                source_key=2,
                cue=None,
                quote=QuoteKind.NONE,
                kind=AttributionKind.OUTLET,
            ),
        },
        title="Qatar talks to HTS",
        outlet="Reuters",
        url="https://www.example.com/world/qatar-hts",
        published=date(2024, 12, 9),
        byline="Andrew Mills",
    )
    clock.set(8, 10)
    _story(
        room,
        "iran",
        {
            "line": FakeClaim(
                "Iran opened a direct line of communication with the rebels",
                source="a senior Iranian official",
            ),
            "formula": FakeClaim(
                "=SUM(A1:A9) casualties were counted in Homs, 40 % more than in Hama",
                source="a UN report",
                source_kind=SourceKind.DOCUMENT,
                source_key=2,
                cue="according to",
                kind=AttributionKind.FINDING,
            ),
            "long": FakeClaim(
                "The transitional authorities will hold consultations with every armed faction "
                "before the constitutional talks resume in Geneva next spring",
                source="the Syrian National Coalition",
                source_kind=SourceKind.ORGANIZATION,
                source_key=1,
            ),
        },
        title="Iran reaches out <script>alert('x')</script> & \"others\"",
        outlet="Agence Ünïcode – Dépêche",
        url="javascript:alert(1)",
        published=date(2024, 12, 10),
    )
    clock.set(8, 20)
    _story(
        room,
        "damascus",
        {
            "monday": FakeClaim(
                "Qatari diplomats spoke with HTS on Monday", source="two diplomats"
            ),
            "moscow": FakeClaim(
                "Assad fled to Moscow with his family",
                source="Russian state media",
                source_kind=SourceKind.ORGANIZATION,
                source_key=1,
            ),
        },
        title="Rebels enter Damascus",
        outlet="AP",
        url=None,
        published=date(2024, 12, 8),
    )
    c = room.claims
    clock.set(9, 0)
    st.set_status(
        store,
        claim_id=c["line"],
        status="disputed",
        reviewer="ana",
        note="Tehran denied any contact <img src=x onerror=alert(1)>",
    )
    clock.set(9, 5)
    st.set_status(
        store,
        claim_id=c["formula"],
        status="false",
        reviewer="maría",
        note='+ the report says 14 %, not 40 % — see "annex" & table 2',
    )
    clock.set(9, 10)
    st.set_status(store, claim_id=c["long"], status="confirmed", reviewer="ana")
    clock.set(9, 12)
    st.set_note(store, claim_id=c["long"], note="@coalition statement, 10 Dec", reviewer="ana")
    clock.set(9, 14)
    st.undo_last(store, reviewer="ana", claim_id=c["long"])
    clock.set(9, 20)
    st.set_status(
        store,
        claim_id=c["monday"],
        status="confirmed",
        reviewer="maría",
        note="confirmed by two diplomats in Doha",
    )
    clock.set(9, 30)
    st.set_status(store, claim_id=c["plans"], status="false", reviewer="ana")
    clock.set(9, 31)
    st.undo_last(store, reviewer="ana", claim_id=c["plans"])
    created = datetime(2024, 12, 10, 12, 0)
    with store.write() as conn:
        conn.execute(
            sa.insert(match_table),
            [
                _pair(c["spoke"], c["monday"], MatchKind.SAME, MatchState.LINKED, 93.0, created),
                _pair(
                    c["fled"], c["moscow"], MatchKind.CONFLICT, MatchState.SUGGESTED, 71.5, created
                ),
                _pair(c["plans"], c["moscow"], MatchKind.SAME, MatchState.REJECTED, 52.0, created),
            ],
        )
    return room


def _pair(
    a: int, b: int, kind: MatchKind, state: MatchState, score: float, at: datetime
) -> dict[str, object]:
    low, high = sorted((a, b))
    return {
        "claim_a_id": low,
        "claim_b_id": high,
        "kind": kind,
        "state": state,
        "score": score,
        "explanation": None,
        "created_at": at,
    }


GOLDEN_DATABASE = "tracker.db"


def expected_report(name: str, url: str) -> str:
    """A golden file as the report on the database at ``url`` must read.

    The golden files were made on a SQLite file named ``tracker.db``. The same tests also
    run on PostgreSQL (``--db-url``), where the header names the server URL instead; that
    one field, and only in its header position, is replaced by what the report must say
    for ``url``. Everything else must match byte for byte on every backend.
    """
    from tracker.export import html_page, markdown
    from tracker.export.header import database_label

    text = (GOLDEN / name).read_bytes().decode("utf-8")
    label = database_label(url)
    if label == GOLDEN_DATABASE:
        return text
    swaps = {
        f"| Database | {GOLDEN_DATABASE} |": f"| Database | {markdown.text(label)} |",
        f"<dt>Database</dt><dd>{GOLDEN_DATABASE}</dd>": (
            f"<dt>Database</dt><dd>{html_page.esc(label)}</dd>"
        ),
        f'"database": "{GOLDEN_DATABASE}"': f'"database": {json.dumps(label, ensure_ascii=False)}',
    }
    for old, new in swaps.items():
        text = text.replace(old, new, 1)
    return text
