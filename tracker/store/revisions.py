"""A new version of a story: its older claims step aside, reviews carry over.

When a new text arrives at a stored story's URL, the newest version is the current one.
Each claim of the previous version is then:

- *carried over* when a person reviewed it (a status, a note, a correction, a dismissal)
  and its text survives into the new version: the new version's matching claim gets its
  status, note and corrections, in one ``carry_over`` audit event naming the revision,
  and the old claim is superseded;
- *dropped* when a person reviewed it and its text is gone: it stays in the lists,
  flagged, until a reviewer handles it (decides it again or dismisses it);
- *superseded* otherwise: never reviewed, the new version's own reading replaces it.

A text survives when it is the same words up to spacing, quotes and case, or nearly the
same (a typo fixed) with the same numbers, days, months and negations, and no word put in
another's place: a corrected figure, day or name is a new claim, and a confirmation of the
old one must not carry over to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from tracker.models import audit_table, claim_table, source_table
from tracker.store import audit
from tracker.store.audit import EXTRACTOR, MACHINE_ACTORS, REVISION
from tracker.vocab import ClaimState, ClaimStatus, SourceKind

# rapidfuzz's ratio (0..100) two texts must reach to count as one surviving claim.
SURVIVAL_RATIO = 90.0

_SPACE = re.compile(r"\s+")
_QUOTE_CHARS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_WORDS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen
    fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty
    seventy eighty ninety hundred thousand million billion trillion dozen dozens half
    first second third fourth fifth""".split()
)
# Days and months are figures too ("reopens on Friday" corrected to "on Saturday").
_DATE_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday
    january february march april may june july august september october november
    december""".split()
)
# Two words at the same place in both texts are one word retyped (a typo fixed) when at
# least this alike (rapidfuzz ratio); below it one word stands in another's place
# ("met Putin" corrected to "met Lavrov", "Iran" to "Iraq").
TYPO_RATIO = 80.0
_NEGATIONS = frozenset("not no never none nor without neither cannot n't".split())
_WORD = re.compile(r"\w+(?:'\w+)?")

# Corrections that travel with a reviewed claim, by the fields an edit records.
_SOURCE_FIELDS = ("source_id", "source_kind")
_SPAN_FIELDS = ("content_start", "content_end")


@dataclass(frozen=True, slots=True)
class RevisionOutcome:
    """What a new version did to the previous one's claims (claim ids)."""

    carried: dict[int, int] = field(default_factory=dict)  # old claim -> new claim
    dropped: tuple[int, ...] = ()
    superseded: tuple[int, ...] = ()


def normalized(text: str) -> str:
    """A claim's words for comparison: case, quotes and spacing do not count."""
    return _SPACE.sub(" ", text.translate(_QUOTE_CHARS).casefold()).strip(" .,;:")


def _markers(text: str) -> tuple[list[str], list[str]]:
    words = _WORD.findall(text)
    numbers = _NUMBER.findall(text) + [w for w in words if w in _NUMBER_WORDS | _DATE_WORDS]
    negations = [w for w in words if w in _NEGATIONS or w.endswith("n't")]
    return sorted(numbers), sorted(negations)


def survival(old: str, new: str) -> float:
    """How surely ``new`` is ``old`` in a new version: 0 when not, else up to 100."""
    a, b = normalized(old), normalized(new)
    if not a or not b:
        return 0.0
    if a == b:
        return 100.0
    if _markers(a) != _markers(b):
        return 0.0
    from rapidfuzz import fuzz

    score = float(fuzz.ratio(a, b))
    if score < SURVIVAL_RATIO or _word_replaced(a, b):
        return 0.0
    return score


def _word_replaced(a: str, b: str) -> bool:
    """True when a word of ``b`` stands where a different word of ``a`` stood."""
    from difflib import SequenceMatcher

    from rapidfuzz import fuzz

    wa, wb = _WORD.findall(a), _WORD.findall(b)
    return any(
        op == "replace" and fuzz.ratio(" ".join(wa[i1:i2]), " ".join(wb[j1:j2])) < TYPO_RATIO
        for op, i1, i2, j1, j2 in SequenceMatcher(a=wa, b=wb, autojunk=False).get_opcodes()
    )


def _claims(conn: sa.Connection, story_id: int, states: tuple[ClaimState, ...]) -> list[Any]:
    return list(
        conn.execute(
            sa.select(claim_table, source_table.c.name.label("source_name"))
            .outerjoin(source_table, source_table.c.id == claim_table.c.source_id)
            .where(claim_table.c.story_id == story_id, claim_table.c.state.in_(list(states)))
            .order_by(claim_table.c.id)
        ).mappings()
    )


def _corrected_fields(conn: sa.Connection, claim_id: int) -> set[str]:
    """Fields a person corrected (or a carry-over brought) and nobody has undone."""
    rows = conn.execute(
        sa.select(audit_table.c.id, audit_table.c.action, audit_table.c.changes)
        .where(audit_table.c.claim_id == claim_id)
        .order_by(audit_table.c.id)
    ).all()
    fields: set[str] = set()
    for _id, action, changes in rows:
        if action in ("edit", "carry_over", "undo") and changes:
            fields |= set(changes)
    return fields


def _person_noted(conn: sa.Connection, claim_id: int) -> bool:
    found = conn.execute(
        sa.select(audit_table.c.id)
        .where(
            audit_table.c.claim_id == claim_id,
            audit_table.c.action.in_(("note", "status", "undo")),
            audit_table.c.reviewer.not_in(list(MACHINE_ACTORS)),
        )
        .limit(1)
    ).first()
    return found is not None


def _locate(body: str, text: str, near: int) -> tuple[int, int] | None:
    """Where ``text`` occurs in ``body``, the occurrence closest to ``near``."""
    best: tuple[int, int] | None = None
    start = body.find(text)
    while start >= 0:
        if best is None or abs(start - near) < abs(best[0] - near):
            best = (start, start + len(text))
        start = body.find(text, start + 1)
    return best


def _source_for(conn: sa.Connection, story_id: int, name: str, kind: SourceKind) -> int:
    from tracker.store.corrections import _source_id

    return _source_id(conn, story_id, name, kind)


def _carried_values(
    conn: sa.Connection, old: Any, new: Any, new_story_id: int, body: str
) -> dict[str, Any]:
    """The status, note, state and corrections of ``old`` that ``new`` takes over."""
    values: dict[str, Any] = {}
    decided_by = old["decided_by"]
    if decided_by is not None and decided_by != EXTRACTOR:
        values.update(
            status=old["status"],
            status_note=old["status_note"],
            decided_by=decided_by,
            decided_at=old["decided_at"],
        )
    elif _person_noted(conn, old["id"]):
        values["status_note"] = old["status_note"]
    if old["state"] == ClaimState.DISMISSED:
        values["state"] = ClaimState.DISMISSED
    corrected = _corrected_fields(conn, old["id"])
    if "kind" in corrected:
        values["kind"] = old["kind"]
    if corrected & set(_SOURCE_FIELDS):
        kind = SourceKind(old["source_kind"])
        values["source_id"] = _source_for(conn, new_story_id, old["source_name"] or "", kind)
        values["source_kind"] = kind
    if corrected & set(_SPAN_FIELDS) and new["content_start"] is not None:
        span = _locate(body, old["text"], new["content_start"])
        if span is not None:
            from tracker.store.corrections import _span_values

            values.update(_span_values(body, span[0], span[1], dict(new)))
    if old["added_by"] is not None:
        values["added_by"] = old["added_by"]
    return values


def _copy_added(conn: sa.Connection, old: Any, new_story_id: int, body: str) -> int | None:
    """A hand-added claim whose text is in the new version, added there too."""
    if old["content_start"] is None:
        return None
    span = _locate(body, old["text"], old["content_start"])
    if span is None:
        return None
    from tracker.store.corrections import surroundings

    around = surroundings(body, *span)
    row = {
        k: old[k]
        for k in (
            "position",
            "text",
            "source_kind",
            "source_mention",
            "cue",
            "quote",
            "kind",
            "confidence",
            "added_by",
        )
    }
    row.update(
        story_id=new_story_id,
        source_id=_source_for(
            conn, new_story_id, old["source_name"] or "", SourceKind(old["source_kind"])
        ),
        sentence=body[around["sentence_start"] : around["sentence_end"]],
        content_start=span[0],
        content_end=span[1],
        segments=[[span[0], span[1]]],
        status=ClaimStatus.PENDING,
        status_note=None,
        state=ClaimState.ACTIVE,
        version=1,
        updated_at=old["updated_at"],
        updated_by=REVISION,
        **around,
    )
    return int(conn.execute(sa.insert(claim_table).returning(claim_table.c.id), row).scalar_one())


def carry_over(
    conn: sa.Connection,
    *,
    old_story_id: int,
    new_story_id: int,
    new_version: int,
    body: str,
) -> RevisionOutcome:
    """Settle the previous version's claims against the new one's (see the module doc).

    Runs inside the transaction that stores the new version, so a story is never seen
    half revised.
    """
    olds = _claims(
        conn, old_story_id, (ClaimState.ACTIVE, ClaimState.DISMISSED, ClaimState.DROPPED)
    )
    news = _claims(conn, new_story_id, (ClaimState.ACTIVE,))
    taken: set[int] = set()
    carried: dict[int, int] = {}
    dropped: list[int] = []
    superseded: list[int] = []
    revision = {"revision": new_story_id, "version": new_version, "from_story": old_story_id}
    for old in olds:
        reviewed = old["updated_by"] != EXTRACTOR
        if not reviewed:
            _step_aside(conn, old, ClaimState.SUPERSEDED, revision)
            superseded.append(old["id"])
            continue
        best, best_score = None, 0.0
        for new in news:
            if new["id"] in taken:
                continue
            score = survival(old["text"], new["text"])
            if score > best_score:
                best, best_score = new, score
        target_id: int | None = None
        fresh: Any = None
        if best is not None:
            target_id = best["id"]
            values = _carried_values(conn, old, best, new_story_id, body)
        elif old["added_by"] is not None:
            target_id = _copy_added(conn, old, new_story_id, body)
            values = {}
            if target_id is not None:
                copied = _claims(conn, new_story_id, (ClaimState.ACTIVE,))
                fresh = next(c for c in copied if c["id"] == target_id)
                values = _carried_values(conn, old, fresh, new_story_id, body)
                values.pop("added_by", None)
        if target_id is None:
            # A dismissed non-claim that is gone needs nobody's attention any more.
            gone = ClaimState.SUPERSEDED if old["state"] == ClaimState.DISMISSED else None
            _step_aside(conn, old, gone or ClaimState.DROPPED, revision)
            (superseded if gone else dropped).append(old["id"])
            continue
        taken.add(target_id)
        shown: dict[str, tuple[Any, Any]] = {}
        if "source_id" in values and "source" in _corrected_fields(conn, old["id"]):
            # The corrected name, against the one the extractor gave the new version.
            target = best if best is not None else fresh
            shown["source"] = (target["source_name"], old["source_name"])
        status = values.pop("status", None)
        note: dict[str, Any] = {}
        if "status_note" in values:
            note["note"] = values.pop("status_note")
        audit.apply(
            conn,
            claim_id=target_id,
            reviewer=REVISION,
            action="carry_over",
            expected_version=None,
            status=status,
            values=values,
            shown=shown,
            detail={**revision, "from_claim": old["id"]},
            **note,
        )
        _step_aside(conn, old, ClaimState.SUPERSEDED, {**revision, "carried_to": target_id})
        carried[old["id"]] = target_id
    return RevisionOutcome(carried, tuple(dropped), tuple(superseded))


def _step_aside(conn: sa.Connection, old: Any, state: ClaimState, detail: dict[str, Any]) -> None:
    audit.apply(
        conn,
        claim_id=old["id"],
        reviewer=REVISION,
        action="supersede",
        expected_version=None,
        values={"state": state},
        detail=detail,
    )
