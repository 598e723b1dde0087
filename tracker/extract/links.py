"""The status-link pass: give each status hint to the claim it qualifies.

``hints.py`` finds the story's own words about whether a claim could be checked ("did not
respond", "could not be independently verified", "denied the report"); this pass decides
which claim each one is about and sets that claim's status and note.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tracker.extract.claim import Span
from tracker.extract.hints import ASKED, DENIED, PREVIOUS, SAME, Hint
from tracker.extract.lexicon import QUESTION_WORDS
from tracker.vocab import ClaimStatus

if TYPE_CHECKING:
    from tracker.extract.engine import _Raw

_WH = "|".join(QUESTION_WORDS)

_HINT_VERB = re.compile(
    r"\b(?:did|didn't|didn’t|has|hasn't|have|had|could|would|was|were|declined|declines|"
    r"refused|refuses|did not|no)\b"
)
_COMMON_NOUN = re.compile(r"\b[a-z][a-z'’-]{3,}\b")
_NOT_TOPICAL = frozenset(
    {
        "that",
        "this",
        "with",
        "from",
        "have",
        "been",
        "were",
        "their",
        "about",
        "which",
        "would",
        "could",
        "should",
        "other",
        "also",
        "said",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "representative",
        "representatives",
        "office",
        "officials",
    }
)


def _topic_words(s: str) -> set[str]:
    out = set()
    for w in _COMMON_NOUN.findall(s):
        w = w.removesuffix("'s").removesuffix("’s")
        if w not in _NOT_TOPICAL:
            out.add(w.rstrip("s"))
    return out


def _asked_about(text: str, raws: list[_Raw], idx: int, hpara: int, hint: Hint) -> int | None:
    """The claim a "did not respond" hint answers, when the hint's subject names what the
    claim is about ("The ferry operator ... declined to comment" after a claim about the
    operator's fuel bill)."""
    verb = _HINT_VERB.search(hint.note)
    subject = _topic_words(hint.note[: verb.start()] if verb else "")
    if not subject:
        return None
    for i in range(min(idx, len(raws)) - 1, -1, -1):
        r = raws[i]
        if hpara - r.para > 3:
            break
        if not r.outlet and subject & _topic_words(text[r.content[0] : r.content[1]]):
            return i
    return None


_ASKED_LEAD = re.compile(
    rf"\W*(?:When |After being |Once )?[Aa]sked (?:about|{_WH}|to)\s+([^,]{{3,200}}),"
)
_ASKED_ON = re.compile(
    r"\b(?:comment|respond|reply|answer|questions?|requests?)\s+(?:on|about|regarding|"
    r"concerning)\s+([^,.;]{3,120})"
)


def _asked_topic(text: str, us: int, ue: int) -> tuple[set[str], bool]:
    """The topic words of what a reporter asked about, when the sentence says it, and
    whether it is put as a question of its own ("Asked whether ...")."""
    m = _ASKED_LEAD.match(text, us, ue)
    if m is not None:
        return _topic_words(m.group(1)), True
    m = _ASKED_ON.search(text, us, ue)
    return (_topic_words(m.group(1)) if m is not None else set()), False


def _about_topic(text: str, raws: list[_Raw], idx: int, hpara: int, topic: set[str]) -> int | None:
    """The earlier claim sharing the most topic words with the question (the earliest on a
    tie, as a story leads with its main claim); None when none shares any."""
    best: int | None = None
    best_n = 0
    for i in range(min(idx, len(raws)) - 1, -1, -1):
        r = raws[i]
        if hpara - r.para > 6:
            break
        if r.outlet:
            continue
        n = len(topic & _topic_words(text[r.content[0] : r.content[1]]))
        if n and n >= best_n:
            best, best_n = i, n
    return best


def apply_hints(
    text: str, raws: list[_Raw], unit_hints: list[tuple[int, Span, int, list[Hint]]]
) -> None:
    """Give each hint's status and note to the claim it qualifies (the first hint wins)."""
    lead = next((i for i, r in enumerate(raws) if not r.outlet), None)
    for idx, (us, ue), hpara, hints in unit_hints:
        for hint in hints:
            target: int | None = None
            if hint.scope != SAME and any(
                r.content[0] <= hint.start < r.content[1] and not r.outlet
                for r in raws[max(0, idx - 4) : idx + 4]
            ):
                # Wording inside someone's reported speech is theirs, not the reporter's.
                continue
            if hint.scope == SAME:
                for i in range(min(idx + 3, len(raws)) - 1, -1, -1):
                    r = raws[i]
                    if us <= r.unit[0] < ue or r.unit[0] <= us < r.unit[1]:
                        if r.content[0] <= hint.start:
                            target = i
                            break
                if target is None:
                    target = _previous_attr(raws, idx)
            elif hint.scope == PREVIOUS:
                same = [
                    i
                    for i in range(max(0, idx - 4), min(len(raws), idx + 4))
                    if us <= raws[i].unit[0] < ue and not raws[i].outlet
                ]
                if same:
                    target = same[0]
                else:
                    # "The claim could not be verified": the statement just before it,
                    # whoever made it (the story's own voice included).
                    for i in range(min(idx, len(raws)) - 1, -1, -1):
                        r = raws[i]
                        if not (r.inherit and r.cue_span is not None):
                            if hpara - r.para <= 1:
                                target = i
                            break
                    if target is None:
                        target = _previous_attr(raws, idx)
            elif hint.scope == ASKED:
                topic, asked = _asked_topic(text, us, ue)
                question = next(
                    (
                        i
                        for i in range(max(0, idx - 4), min(len(raws), idx + 4))
                        if raws[i].question and us <= raws[i].unit[0] < ue
                    ),
                    None,
                )
                if question is not None:
                    # "Asked whether Putin would meet Assad, a spokesman declined to
                    # comment": the question is what went unanswered.
                    target = question
                elif topic:
                    # "declined to comment on the talks": the claim about the talks.
                    target = _about_topic(text, raws, idx, hpara, topic)
                    if target is None and asked:
                        # "Asked whether Putin would meet Assad, a spokesman declined to
                        # comment": a question no claim of the story is about.
                        target = _asked_about(text, raws, idx, hpara, hint)
                        if target is None:
                            continue
                target = _asked_about(text, raws, idx, hpara, hint) if target is None else target
                if target is None:
                    prev = _previous_attr(raws, idx)
                    if prev is not None and hpara - raws[prev].para <= 1:
                        target = prev
                    else:
                        target = lead
            elif hint.scope == DENIED:
                own = {raws[i].key for i in range(len(raws)) if us <= raws[i].unit[0] < ue}
                for i in range(min(idx, len(raws)) - 1, -1, -1):
                    r = raws[i]
                    if r.inherit and r.cue_span is not None:
                        # "..., saying the aim was ...": a denial answers the claim the
                        # participle goes on from, not the aside.
                        continue
                    if not r.outlet and r.key not in own and r.unit[1] <= us:
                        target = i
                        break
            if target is None or target >= len(raws):
                continue
            r = raws[target]
            if r.status is ClaimStatus.PENDING or (
                # A named denial says more than the story's own "it was unclear".
                hint.status is ClaimStatus.DISPUTED and r.status is ClaimStatus.UNCLEAR
            ):
                r.status = hint.status
                r.note = hint.note


def _previous_attr(raws: list[_Raw], idx: int) -> int | None:
    for i in range(min(idx, len(raws)) - 1, -1, -1):
        r = raws[i]
        if not r.outlet and not (r.inherit and r.cue_span is not None):
            return i
    return None
