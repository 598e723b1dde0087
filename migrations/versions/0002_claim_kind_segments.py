"""Claims gain an attribution kind and their content segments.

``claim.kind`` says what the cue reports (speech, belief, intention, finding; outlet for
the story's own voice; unknown where none fits); ``claim.segments`` is the JSON list of
``[start, end]`` content fragments, in order.

Existing claims get one segment, their content span, and a kind read from their stored
cue with the small word list below. The list is a copy frozen at this revision on
purpose: a migration must give the same result whatever the extractor's lexicon becomes.

On SQLite both columns are added with ``ALTER TABLE ... ADD COLUMN`` (``kind`` with a
server default, so it can be NOT NULL at once): rebuilding the claim table would drop its
full-text triggers and, with foreign keys on, cascade into matches.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = ("speech", "belief", "intention", "finding", "outlet", "unknown")

# Base forms of cue verbs, by the kind they report. Inflections are found by _bases().
_SPEECH = """say tell add note explain argue warn insist acknowledge admit claim deny
confirm announce stress emphasize emphasise write post tweet ask reply respond declare state
recall urge accuse allege assert contend maintain charge concede remark testify counter
complain boast joke mention reveal disclose reiterate caution describe criticize criticise
blame demand call propose cite advise assure affirm retort quip proclaim comment speak
answer repeat insinuate imply point recount question praise condemn dismiss reject
""".split()
_BELIEF = """believe think expect fear hope want doubt worry feel wonder suspect
consider predict estimate forecast project anticipate""".split()
_INTENTION = "plan vow pledge promise intend aim seek threaten".split()
_FINDING = "show find suggest indicate conclude reveal report".split()

KIND_OF_BASE: dict[str, str] = {}
for _kind, _words in (
    ("finding", _FINDING),
    ("intention", _INTENTION),
    ("belief", _BELIEF),
    ("speech", _SPEECH),
):
    for _word in _words:
        KIND_OF_BASE.setdefault(_word, _kind)
# Speech verbs that a report also "reveals"/"reports": a person reporting is speaking,
# a study reporting is a finding; the cue alone cannot tell, and findings are rarer.
for _word in ("reveal", "report"):
    KIND_OF_BASE[_word] = "speech"

_IRREGULAR = {
    "said": "say",
    "says": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "thought": "think",
    "found": "find",
    "shown": "show",
    "spoke": "speak",
    "spoken": "speak",
    "felt": "feel",
    "sought": "seek",
    "according": "say",  # "according to X"
}


def _bases(word: str) -> list[str]:
    """The base forms ``word`` may be an inflection of, most likely first."""
    if word in _IRREGULAR:
        return [_IRREGULAR[word]]
    found = [word]
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("ying", "y"),
        ("es", ""),
        ("es", "e"),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)] + repl
            found.append(stem)
            if len(stem) > 2 and stem[-1] == stem[-2]:  # planned, vowing -> plan
                found.append(stem[:-1])
    return found


def kind_of_cue(cue: str | None, source_kind: str | None) -> str:
    """The attribution kind a stored cue reports, ``unknown`` where no word fits."""
    if not cue or not cue.strip():
        return "outlet" if source_kind == "outlet" else "unknown"
    for word in cue.lower().replace("’", "'").split():
        for base in _bases(word.strip(".,;:'\"")):
            if base in KIND_OF_BASE:
                return KIND_OF_BASE[base]
    return "unknown"


def upgrade() -> None:
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "kind",
                sa.Enum(*KINDS, name="attributionkind", native_enum=False, length=16),
                server_default="unknown",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("segments", sa.JSON(), nullable=True))
        batch_op.create_index(batch_op.f("ix_claim_kind"), ["kind"], unique=False)
    _backfill()


def _backfill() -> None:
    bind = op.get_bind()
    claim = sa.table(
        "claim",
        sa.column("id", sa.Integer),
        sa.column("cue", sa.String),
        sa.column("source_kind", sa.String),
        sa.column("kind", sa.String),
        sa.column("content_start", sa.Integer),
        sa.column("content_end", sa.Integer),
        sa.column("segments", sa.JSON),
    )
    # Kinds: classify each distinct (cue, source kind) once, then one UPDATE per kind.
    pairs = bind.execute(sa.select(claim.c.cue, claim.c.source_kind).distinct()).all()
    by_kind: dict[str, list[str]] = {}
    outlet_without_cue = False
    for cue, source_kind in pairs:
        kind = kind_of_cue(cue, source_kind)
        if cue is None or not cue.strip():
            outlet_without_cue = outlet_without_cue or kind == "outlet"
        elif kind != "unknown":
            by_kind.setdefault(kind, []).append(cue)
    for kind, cues in by_kind.items():
        for i in range(0, len(cues), 500):
            bind.execute(
                sa.update(claim).where(claim.c.cue.in_(cues[i : i + 500])).values(kind=kind)
            )
    if outlet_without_cue:
        bind.execute(
            sa.update(claim)
            .where(
                sa.or_(claim.c.cue.is_(None), sa.func.trim(claim.c.cue) == ""),
                claim.c.source_kind == "outlet",
            )
            .values(kind="outlet")
        )
    # Segments: one, the content span, built by the database itself.
    build = "json_build_array" if bind.dialect.name == "postgresql" else "json_array"
    pair = getattr(sa.func, build)(claim.c.content_start, claim.c.content_end)
    bind.execute(
        sa.update(claim)
        .where(claim.c.content_start.is_not(None), claim.c.content_end.is_not(None))
        .values(segments=getattr(sa.func, build)(pair, type_=sa.JSON))
    )


def downgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_kind"))
    if bind.dialect.name == "sqlite":
        # Native DROP COLUMN (SQLite 3.35+): no table rebuild, triggers and rows stay.
        op.execute("ALTER TABLE claim DROP COLUMN segments")
        op.execute("ALTER TABLE claim DROP COLUMN kind")
    else:
        op.drop_column("claim", "segments")
        op.drop_column("claim", "kind")
