"""The status-link pass: give each status hint to the claim it qualifies.

``hints.py`` finds the story's own words about whether a claim could be checked ("did not
respond", "could not be independently verified", "denied the report"); this pass decides
which claim each one is about, by what the hint names rather than by where it stands, and
sets that claim's status and note:

- "X did not respond to a request for comment on Y's remarks / about the talks": the claims
  of the source it names (Y), else the claim that best shares the question's names and
  words; with no question, the claims whose content names X, else those attributed to X.
- "Y denied the report / the allegations / that ...": the claim reported, the claims that
  name Y, or the claim sharing the denied content's words; a bare "denied that." the claim
  just before. The denied claim becomes ``disputed``.
- "..., a claim that could not be independently verified" and ", without providing
  evidence" qualify the claim they close and are cut from its content; standing alone
  ("Reuters could not verify the account", "It was not clear whether ...") the claim just
  before, when it is what they are about.
When nothing fits, the hint qualifies no claim.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tracker.extract.antecedents import looks_like_person, person_meant, possessive_pronoun
from tracker.extract.claim import Span
from tracker.extract.hints import ASKED, DENIED, PREVIOUS, SAME, Hint
from tracker.extract.lexicon import BACK_REFERENCE_NOUNS, QUESTION_WORDS, SENTENCE_OPENERS
from tracker.extract.naming import (
    POSSESSIVE,
    WORD,
    Phrase,
    acronyms_in,
    claims_before,
    content_of,
    hint_subject,
    in_unit,
    names_in,
    names_phrase,
    source_is,
    topic_words,
)
from tracker.vocab import ClaimStatus

if TYPE_CHECKING:
    from tracker.extract.engine import _Raw


_WH = "|".join(QUESTION_WORDS)
_DOCUMENT_HEADS = frozenset(
    "report study survey audit filing figures findings poll letter statement data".split()
)


_ASKED_LEAD = re.compile(
    rf"\W*(?:When |After being |Once )?[Aa]sked (?:about|{_WH}|to)\s+([^,]{{3,200}}),"
)
_ASKED_ON = re.compile(
    r"\b(?:comment|respond|reply|answer|questions?|requests?)\s+(?:on|about|regarding|"
    r"concerning)\s+([^,.;]{3,120})"
)
# "Ekberg's remarks", "the agency's findings", "the auditors' valuation": whose words.
_OWNER = re.compile(r"(?:[Tt]he\s+)?((?:[\w.-]+\s+){0,3}?[\w.-]+)['’]s?\s+(?=[a-z])")
_CLAUSE_IN = re.compile(
    r"\b(?:whether|if|would|will|could|should|had|has|have|was|were|is|are|did|does)\b"
)
_ASKED_ANYWHERE = re.compile(r"\b[Aa]sked\s+(?:about|on|regarding)\s+([^,.;]{3,120})")


def _asked_phrase(text: str, us: int, ue: int) -> tuple[str, bool]:
    """What a reporter asked about, when the sentence says it, and whether it is put as a
    question of its own ("Asked whether ...")."""
    m = _ASKED_LEAD.match(text, us, ue)
    if m is not None:
        return m.group(1), True
    m = _ASKED_ON.search(text, us, ue) or _ASKED_ANYWHERE.search(text, us, ue)
    return (m.group(1) if m is not None else ""), False


def _by_owner(text: str, raws: list[_Raw], cands: list[int], phrase: str) -> list[int]:
    """The claims of the source a phrase like "Ekberg's remarks" points back to."""
    m = _OWNER.match(phrase.strip())
    if m is None:
        return []
    owner = Phrase(m.group(1))
    if owner.pronoun or not owner:
        return []
    keys = {raws[i].key for i in cands if source_is(raws[i], owner)} or {
        raws[i].key for i in cands if source_is(raws[i], owner, loose=True)
    }
    # The first claim of that source: a story leads with the source's main claim.
    return [min(i for i in cands if raws[i].key in keys)] if keys else []


def _by_document(text: str, raws: list[_Raw], cands: list[int], phrase: str) -> list[int]:
    """The latest claim from the kind of document a phrase names ("the report": a claim
    whose source is a report, or that a newspaper "reported")."""
    words = WORD.findall(phrase.lower())
    if len(words) < 2 or words[0] not in ("the", "this", "that", "its", "their"):
        return []
    heads = [w.rstrip("s") for w in words[1:3] if w.rstrip("s") in _DOCUMENT_HEADS]
    if not heads:
        return []
    head = heads[0]
    for i in cands:
        r = raws[i]
        cue = text[r.cue_span[0] : r.cue_span[1]].lower() if r.cue_span is not None else ""
        if head in f"{r.mention or ''} {r.source}".lower() or (
            head == "report" and "report" in cue
        ):
            return [i]
    return []


def _best_about(
    text: str, raws: list[_Raw], cands: list[int], about: Phrase, extra: Phrase | None
) -> int | None:
    """The claim sharing most of the question's names and words (the earliest on a tie, as
    a story leads with its main claim); None when none shares any of the question's own."""
    best: int | None = None
    best_n = 0
    for i in cands:  # latest first, so ``>=`` keeps the earliest on a tie
        c = content_of(text, raws[i])
        own = (
            len(about.topic & topic_words(c))
            + 2 * names_in(about.names, c)
            + 2 * acronyms_in(about.acronyms, c)
        )
        if not own:
            continue
        n = own + (2 * names_in(extra.names, c) if extra is not None else 0)
        if n >= best_n:
            best, best_n = i, n
    return best


def _no_response(
    text: str, raws: list[_Raw], idx: int, unit: Span, hpara: int, hint: Hint
) -> list[int]:
    us, ue = unit
    cands = claims_before(raws, idx, hpara, 8)
    subject = hint_subject(text, hint)
    phrase, asked = _asked_phrase(text, us, ue)
    for i in range(max(0, idx - 4), min(len(raws), idx + 4)):
        q = raws[i]
        if q.question and us <= q.unit[0] < ue:
            if phrase and not _CLAUSE_IN.search(phrase):
                # "Asked about Petrova's remarks, ...": no question of its own but a pointer
                # to the claim asked about.
                pointed = [j for j in cands if j != i]
                found = _by_owner(text, raws, pointed, phrase) or _by_document(
                    text, raws, pointed, phrase
                )
                if found:
                    q.content = (q.content[0], q.content[0])
                    return found
            # "Asked whether Putin would meet Assad, a spokesman declined to comment": the
            # question is what went unanswered.
            return [i]
    if phrase:
        # "... on Ekberg's remarks", "about the report", "about the contacts with HTS".
        found = _by_owner(text, raws, cands, phrase) or _by_document(text, raws, cands, phrase)
        if found:
            return found
        owner = possessive_pronoun(phrase)
        if owner:
            # "... questions about his figure": the last claim that person made.
            name = person_meant(text, raws, hint.start, owner, speaker=True)
            return [i for i in cands if name and _said_by(raws[i], name)][:1]
        best = _best_about(text, raws, cands, Phrase(phrase), subject)
        if best is not None:
            return [best]
        if asked:
            return []  # a question no claim of the story is about
    want = possessive_pronoun(text[hint.clause if hint.clause >= 0 else hint.start : hint.start])
    if want:
        # "Her office did not comment": claims about the person she is, or made by her.
        return _about_person(text, raws, cands, person_meant(text, raws, hint.start, want))
    said = text[hint.clause if hint.clause >= 0 else hint.start : hint.start].strip().lower()
    if subject.pronoun and said in ("he", "she"):
        # "She declined to comment": claims about the woman the story last named, or hers.
        want = "m" if said == "he" else "f"
        name = person_meant(text, raws, hint.start, want, agreeing=True)
        found = _about_person(text, raws, cands, name)
        if found:
            return found
    if subject.pronoun or not subject:
        # "He declined to comment": the claim just before, if it is close.
        near = [i for i in cands if hpara - raws[i].para <= 1]
        return near[:1]
    lead = _lead_about_the_firm(text, raws, cands, subject)
    if lead is not None:
        return [lead]
    # The first claim that names the subject (a story leads with its main claim), else the
    # first the subject made.
    about = [
        i
        for i in cands
        if not source_is(raws[i], subject) and names_phrase(subject, content_of(text, raws[i]))
    ]
    if about:
        return [min(about)]
    made = [i for i in cands if source_is(raws[i], subject)]
    return [min(made)] if made else []


# What a story calls the business it is about once it has named it ("Brodway Bakeries
# paid ..." then "The company did not respond").
_FIRM_HEADS = frozenset(
    """company firm group operator chain retailer maker manufacturer carrier airline bank
    lender insurer developer utility club charity business supplier contractor""".split()
)
_LEAD_NAME = re.compile(r"(?:[A-Z][\w'’&.-]*\s+){0,3}[A-Z][\w'’&.-]*(?=['’]s\b|\s+[a-z])")


def _lead_about_the_firm(
    text: str, raws: list[_Raw], cands: list[int], subject: Phrase
) -> int | None:
    """The story's first claim when it is about a business named by its own name and the
    hint calls it by a common noun only ("The company did not respond"): later claims
    that say "the company" are others' words about the same business."""
    if subject.names or subject.acronyms or not subject.heads:
        return None
    if subject.heads[-1][0] not in _FIRM_HEADS or not cands:
        return None
    first = min(cands)
    r = raws[first]
    if source_is(r, subject):
        return None
    m = _LEAD_NAME.match(content_of(text, r))
    if m is None or m.group(0).split()[0] in SENTENCE_OPENERS:
        return None
    name = POSSESSIVE.sub("", m.group(0).split()[-1])
    if looks_like_person(text, raws, r.content[1], name):
        return None  # a person, not a business
    return first


def _said_by(raw: _Raw, name: str) -> bool:
    return names_in({name}, f"{raw.source} {raw.mention or ''}") > 0


def _about_person(text: str, raws: list[_Raw], cands: list[int], name: str) -> list[int]:
    """The first claim that names the person (a story leads with its main claim), else
    the first they made; none when the story names no such person."""
    if not name:
        return []
    made = [i for i in cands if _said_by(raws[i], name)]
    about = [i for i in cands if i not in made and names_in({name}, content_of(text, raws[i]))]
    if about:
        return [min(about)]
    return [min(made)] if made else []


_DENIED_OBJECT = re.compile(
    r"(?:(?!the\b|such\b|these\b|those\b)\w+\s+(?:as\s+)?)?(?:(?P<that>that\s+(?=\S+\s+\S)|"
    r"(?=[a-z]{3,}ing\s+\S))|(?P<report>(?:the|a|this|that)\s+(?:\w+\s+)?"
    r"(?:report|story|article|reports)\b)|(?P<this>(?:it|this|that|those|these|such|the claims?|"
    r"the figures?)\b)|(?P<charges>(?:the\s+|any\s+|all\s+)?(?:allegations?|accusations?|"
    r"charges?|wrongdoing)\b))?"
)


def _denied(text: str, raws: list[_Raw], idx: int, unit: Span, hpara: int, hint: Hint) -> list[int]:
    us, ue = unit
    subject = hint_subject(text, hint)
    clause = hint.clause if hint.clause >= 0 else hint.start
    # The denier's own claims: those of its sentence that start at the denial or after it.
    # A participle ("..., denying a report") denies for the subject of its sentence.
    participle = not text[clause : hint.start].strip()
    own = {
        r.key
        for r in raws
        if us <= r.unit[0] < ue
        and (
            participle
            or r.content[0] >= hint.start
            or (r.cue_span is not None and r.cue_span[0] >= clause)
        )
    }
    cands = [
        i
        for i in claims_before(raws, idx, hpara, 8)
        if raws[i].key not in own
        and (raws[i].unit[1] <= us or raws[i].content[1] <= clause)
        and not source_is(raws[i], subject)
    ]
    if not cands:
        return []
    # "denied the union's claim", "rejected Ekberg's account": the claims of that source.
    obj = re.match(r"\w+\s+(.+)", text[hint.start : ue])
    found = _by_owner(text, raws, cands, obj.group(1)) if obj is not None else []
    if found:
        return found
    m = _DENIED_OBJECT.match(text, hint.start, ue)
    # Failing a claim the denial names, only a claim close to it: a story's main claim a
    # few paragraphs up, the claim just before; far down a long story, none.
    close = [i for i in cands if hpara - raws[i].para <= _DENIAL_REACH]
    if m is not None and m.group("report"):
        found = _by_document(text, raws, cands, "the report")
        return found or close[:1]
    if m is not None and m.group("this"):
        return close[:1]  # "rejected that.": the claim just before
    if m is not None and m.group("that") is not None:
        cut = re.search(r"[,;]", text[m.end() : ue])
        denied = Phrase(text[m.end() : m.end() + cut.start() if cut else ue])
        best = _best_about(text, raws, cands, denied, None)
        if best is not None:
            return [best]
        # A denial whose content shares nothing answers the story's main claim: its first.
        return [min(close)] if close else []
    # "denied the allegations", "dismissed the criticism": the first claim that names the
    # denier; else, for allegations, the story's main one (its first), for anything else
    # the claim just before.
    lead = _lead_about_the_firm(text, raws, cands, subject)
    if lead is not None:
        return [lead]
    named = [i for i in cands if names_phrase(subject, content_of(text, raws[i]))]
    if named:
        return [min(named)]
    if not close:
        return []
    return [min(close)] if m is not None and m.group("charges") else close[:1]


# How many paragraphs back a denial that names no claim may reach for one.
_DENIAL_REACH = 3


_BACK_REFERENCE = re.compile(
    r"\b(?:the|this|that|these|those|such)\s+(?:"
    + "|".join(sorted(BACK_REFERENCE_NOUNS))
    + r")\b|\b(?:it|them)\b"
)
_IT_UNCLEAR = re.compile(
    r"(?:[Ii]t|[Tt]his)\s+(?:was|is|remains|remained)\s+(?:not\s+(?:immediately\s+)?|un)clear"
    r"|[Ii]t['’]s\s+(?:not\s+|un)clear"
)
# ", a claim that could not be verified", ", a figure Reuters could not confirm", ", which
# could not be independently verified": the tail of the claim the hint qualifies.
_TAIL = re.compile(
    r",\s+(?:(?:a|an|the)\s+(?:\w+\s+)?(?:claims?|figures?|numbers?|tolls?|accounts?|reports?|"
    r"statements?|assertions?|allegations?)\s+(?:that\s+|which\s+)?|which\s+|that\s+)"
    r"(?:(?:the\s+)?(?:[A-Z][\w.-]*\s+){1,3})?$"
)


def _unclear_previous(
    text: str, raws: list[_Raw], idx: int, unit: Span, hpara: int, hint: Hint
) -> list[int]:
    us, ue = unit
    near = raws[max(0, idx - 4) : idx + 4]
    if any(
        in_unit(r, unit)
        and not r.outlet
        and r.cue_span is not None
        and r.cue_span[0] > hint.start
        and r.cue_span[0] >= r.content[1]  # "..., Hoover said" closes the sentence
        for r in near
    ) and not any(r.content[1] <= hint.start and in_unit(r, unit) for r in near):
        return []  # "It is unclear how ..., Hoover said": the speaker's words, not the story's
    for i in range(max(0, idx - 4), min(len(raws), idx + 4)):
        r = raws[i]
        if r.content[0] <= hint.start < r.content[1]:
            tail = _TAIL.search(text, r.content[0], hint.start)
            if tail is None:
                return []  # wording inside someone's own words is theirs
            r.content = _trim(text, r.content[0], tail.start())
            return [i]
    unclear = _IT_UNCLEAR.match(text, hint.clause if hint.clause >= 0 else hint.start)
    if unclear is not None:
        # "It was not clear if Iran's contacts were with HTS", "... whether the cabinet had
        # approved it": the claim before, if the question is about it or points back to it.
        qs = unclear.end()
        question = Phrase(text[qs:ue])
        first = True
        for i in range(min(idx, len(raws)) - 1, -1, -1):
            r = raws[i]
            if (r.inherit and r.cue_span is not None) or in_unit(r, unit):
                continue  # a participle going on, or a claim inside the question itself
            if hpara - r.para > 3:
                break
            c = content_of(text, r)
            if names_in(question.names, c) or question.topic & topic_words(c):
                return [i]
            if first and _BACK_REFERENCE.search(text, qs, ue):
                return [i]  # "... whether the cabinet had approved it": the claim before
            first = False
        return []
    same = [
        i
        for i in range(max(0, idx - 4), min(len(raws), idx + 4))
        if us <= raws[i].unit[0] < ue and not raws[i].outlet and raws[i].content[0] < hint.start
    ]
    if same:
        return same[:1]
    # "Clear Rivers' tests could not be verified": the claims of the source named.
    clause = hint.clause if hint.clause >= 0 else hint.start
    found = _by_owner(text, raws, claims_before(raws, idx, hpara, 4), text[clause : hint.start])
    if found:
        return found
    # "Reuters could not verify the diplomat's account": the claims of the source named.
    obj = text[hint.start : ue]
    m = re.search(r"\b(?:verify|confirm|corroborate)\s+(.+)", obj)
    if m is not None:
        found = _by_owner(text, raws, claims_before(raws, idx, hpara, 4), m.group(1))
        if found:
            return found[-1:]
        owner = possessive_pronoun(m.group(1))
        if owner:
            # "... could not confirm his death": the claims about him, or his own.
            name = person_meant(text, raws, hint.start, owner, speaker=True)
            return _about_person(text, raws, claims_before(raws, idx, hpara, 4), name)
    # "The claim could not be verified": the statement just before it, whoever made it
    # (the story's own voice included).
    for i in range(min(idx, len(raws)) - 1, -1, -1):
        r = raws[i]
        if not (r.inherit and r.cue_span is not None):
            if hpara - r.para <= 1:
                return [i]
            break
    prev = _previous_attr(raws, idx)
    return [] if prev is None or hpara - raws[prev].para > _NEAR else [prev]


def _unclear_same(
    text: str, raws: list[_Raw], idx: int, unit: Span, hpara: int, hint: Hint
) -> list[int]:
    for i in range(min(idx + 3, len(raws)) - 1, -1, -1):
        r = raws[i]
        if in_unit(r, unit) and r.content[0] <= hint.start:
            if r.outlet and not text[unit[0] : max(unit[0], hint.clause)].strip():
                # "She did not provide evidence." is no statement of the story's own: it says
                # what someone's claim lacked.
                r.content = (r.content[0], r.content[0])
                continue
            if r.content[1] > hint.start > r.content[0]:
                # ", without providing evidence" closes the claim's sentence: cut it off.
                r.content = _trim(text, r.content[0], hint.start)
            return [i]
    # "Hadlund did not say how many fighters were involved": the latest claim of the
    # source it names; "He did not provide evidence": the claim just before.
    own = [i for i in range(max(0, idx - 4), min(len(raws), idx + 3)) if in_unit(raws[i], unit)]
    first = min(own, default=idx)
    subject = hint_subject(text, hint)
    cands = claims_before(raws, first, hpara, 2)
    target: int | None = None
    if subject and not subject.pronoun:
        target = next((i for i in cands if source_is(raws[i], subject)), None)
        if target is None:
            target = next((i for i in cands if source_is(raws[i], subject, loose=True)), None)
        if target is None:
            # "The neurosurgeon has provided no details about how ...": no claim of theirs
            # is near, and the claim just before is someone else's.
            return []
    if target is None:
        target = _previous_attr(raws, first)
    if target is None or hpara - raws[target].para > _NEAR:
        return []  # nothing close enough to be what the hint is about
    for i in own:
        r = raws[i]
        if (
            r.content[0] > hint.start
            and r.status is ClaimStatus.NO_RESPONSE
            and (r.key == raws[target].key or subject.pronoun or source_is(r, subject))
        ):
            # The reader took "did not say how many ..." for a question put to the source;
            # it only says what the source's claim left out, so it is no claim of its own.
            r.content = (r.content[0], r.content[0])
    return [target]


def _trim(text: str, s: int, e: int) -> Span:
    while e > s and text[e - 1] in " ,;:":
        e -= 1
    return (s, e)


def _inside_speech(raws: list[_Raw], idx: int, hint: Hint, own: Span | None) -> bool:
    """Whether the hint is inside someone's reported words (those of a claim of its own
    sentence ``own`` aside: "the ministry said the report was false" is the denial)."""
    return any(
        r.content[0] <= hint.start < r.content[1]
        and not r.outlet
        and not (own is not None and in_unit(r, own))
        for r in raws[max(0, idx - 4) : idx + 4]
    )


def apply_hints(
    text: str, raws: list[_Raw], unit_hints: list[tuple[int, Span, int, list[Hint]]]
) -> None:
    """Give each hint's status and note to the claims it qualifies (the first hint wins,
    but a named denial says more than the story's own "it was unclear")."""
    for idx, unit, hpara, hints in unit_hints:
        for hint in hints:
            if hint.scope == SAME:
                targets = _unclear_same(text, raws, idx, unit, hpara, hint)
            elif hint.scope == PREVIOUS:
                targets = _unclear_previous(text, raws, idx, unit, hpara, hint)
            elif _inside_speech(raws, idx, hint, unit if hint.scope == DENIED else None):
                continue  # wording inside someone's reported speech is theirs
            elif hint.scope == ASKED:
                targets = _no_response(text, raws, idx, unit, hpara, hint)
            elif hint.scope == DENIED:
                targets = _denied(text, raws, idx, unit, hpara, hint)
            else:
                targets = []
            for target in targets:
                if target >= len(raws):
                    continue
                r = raws[target]
                if r.status is ClaimStatus.PENDING or (
                    hint.status is ClaimStatus.DISPUTED and r.status is ClaimStatus.UNCLEAR
                ):
                    r.status = hint.status
                    r.note = hint.note


# How many paragraphs back a hint that names nothing ("He gave no evidence") may reach.
_NEAR = 2


def _previous_attr(raws: list[_Raw], idx: int) -> int | None:
    for i in range(min(idx, len(raws)) - 1, -1, -1):
        r = raws[i]
        if not r.outlet and not (r.inherit and r.cue_span is not None):
            return i
    return None
