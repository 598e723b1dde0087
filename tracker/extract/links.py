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
from tracker.extract.lexicon import (
    BACK_REFERENCE_NOUNS,
    ORGANIZATION_NOUNS,
    PRONOUN_SOURCES,
    QUESTION_WORDS,
    ROLE_NOUNS,
    SENTENCE_OPENERS,
)
from tracker.vocab import ClaimStatus

if TYPE_CHECKING:
    from tracker.extract.engine import _Raw


_HINT_VERB = re.compile(
    r"\b(?:did|didn't|didn’t|has|hasn't|have|had|could|would|was|were|declined|declines|"
    r"refused|refuses|did not|no)\b"
)
_COMMON_NOUN = re.compile(r"\b[a-z][a-z'’-]{3,}\b")
# Words too common in news to say what a sentence is about: function words, reporting and
# auxiliary verbs, quantities and times.
_NOT_TOPICAL = frozenset(
    """that this with from have been were their about which would could should other also
    said says told spokesman spokeswoman spokesperson representative representatives office
    officials there these those they them then than when where while what whether will just
    only very even still being does done made make makes into over after before since more
    most some many much such each every last next year years week weeks month months time
    times percent million billion around because against between during under without
    within across among further already again later earlier today yesterday first second
    third according people thing things number numbers part being come came went going
    take taken took give given gave back well good""".split()
)


def _topic_words(s: str) -> set[str]:
    out = set()
    for w in _COMMON_NOUN.findall(s):
        w = w.removesuffix("'s").removesuffix("’s")
        if w not in _NOT_TOPICAL:
            out.add(w.rstrip("s"))
    return out


_WH = "|".join(QUESTION_WORDS)
_NAME_WORD = re.compile(r"(?:(?:al|el|ad|as|bin|ibn|de|van|von)-)?[A-Z][\w'’.-]*")
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_POSSESSIVE = re.compile(r"['’]s?$")
_CONNECTORS = frozenset({"of", "and", "the", "for", "al", "el", "de", "la", "le", "van", "von"})
_NOT_NAMES = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our"}
    | {"in", "on", "at", "for", "when", "after", "asked", "but", "and", "also", "mr", "mrs"}
    | {"ms", "dr", "national", "federal", "state", "foreign", "chief", "senior", "deputy"}
)
_DOCUMENT_HEADS = frozenset(
    "report study survey audit filing figures findings poll letter statement data".split()
)
_WORD = re.compile(r"[\w'’-]+")


def _generic(word: str) -> bool:
    low = word.lower()
    return low in _NOT_NAMES or low in ORGANIZATION_NOUNS or low in ROLE_NOUNS


class _Phrase:
    """What a noun phrase names: its distinctive proper words, acronyms and head nouns
    ("The ferry operator, Strand Marine": Strand, Marine and the operator)."""

    def __init__(self, s: str) -> None:
        self.names: set[str] = set()
        self.heads: list[tuple[str, str]] = []  # (head noun, the word before it)
        for part in s.split(","):
            words = [_POSSESSIVE.sub("", w) for w in _WORD.findall(part)]
            for i, w in enumerate(words):
                if (
                    _NAME_WORD.fullmatch(w)
                    and not _generic(w)
                    and not (i == 0 and w in SENTENCE_OPENERS)
                    and not w.isupper()
                    and w.lower() not in PRONOUN_SOURCES
                ):
                    self.names.add(w)
            if words and (words[-1].islower() or _generic(words[-1])):
                low = [w.lower() for w in words]
                if low[-1] not in PRONOUN_SOURCES and low[-1] not in _NOT_NAMES:
                    self.heads.append((low[-1], low[-2] if len(low) > 1 else ""))
        self.acronyms = set(_ACRONYM.findall(s))
        low_all = _WORD.findall(s.lower())
        self.pronoun = len(low_all) == 1 and low_all[0] in PRONOUN_SOURCES
        self.topic = _topic_words(s)

    def __bool__(self) -> bool:
        return bool(self.names or self.acronyms or self.heads)


def _names_in(names: set[str], s: str) -> int:
    """How many of ``names`` ``s`` mentions ("Qatar" in "Qatari diplomats" too)."""
    n = 0
    for name in names:
        tail = r"\w*" if len(name) >= 4 else r"\b"
        if re.search(rf"\b{re.escape(name)}{tail}", s):
            n += 1
    return n


def _acronyms_in(acronyms: set[str], s: str) -> int:
    """How many of ``acronyms`` ``s`` writes out or spells ("Hayat Tahrir al-Sham": HTS)."""
    n = 0
    words = [w.strip(',.;:"“”()') for w in s.split()]
    for acr in acronyms:
        if re.search(rf"\b{acr}\b", s):
            n += 1
            continue
        for i in range(len(words)):
            got = ""
            for w in words[i:]:
                caps = "".join(part[0] for part in w.split("-") if part[:1].isupper())
                if caps:
                    got += caps
                elif w.lower() not in _CONNECTORS:
                    break
                if len(got) >= len(acr):
                    break
            if got == acr:
                n += 1
                break
    return n


def _names_phrase(p: _Phrase, s: str) -> bool:
    """Whether ``s`` names what ``p`` names: a proper word of it, or a head noun with its
    modifier or an article ("the operator's fuel bill" for "the ferry operator")."""
    if _names_in(p.names, s) or _acronyms_in(p.acronyms, s):
        return True
    for head, modifier in p.heads:
        mods = "the|its|their" + (f"|{re.escape(modifier)}" if modifier.isalpha() else "")
        pattern = rf"\b(?:{mods})\s+(?:[\w'’-]+\s+){{0,2}}?{re.escape(head)}\b"
        if re.search(pattern, s, re.IGNORECASE) is not None:
            return True
    return False


def _same_word(a: str, b: str) -> bool:
    """The same word, or one a longer form of the other ("audit", "auditors")."""
    a, b = a.rstrip("s"), b.rstrip("s")
    return a == b or (min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a)))


def _source_is(raw: _Raw, p: _Phrase, *, loose: bool = False) -> bool:
    """Whether ``raw`` is attributed to what ``p`` names: one of its names, or its head
    noun as the head of the source or of an appositive ("the maker" for "The vaccine's
    maker, Halden Biologics"); ``loose``, anywhere in the source ("the auditors" for "the
    regional audit office")."""
    if raw.outlet:
        return False
    for s in (raw.source, raw.mention or ""):
        if (p.names or p.acronyms) and (_names_in(p.names, s) or _acronyms_in(p.acronyms, s)):
            return True
        for part in s.lower().split(","):
            words = [_POSSESSIVE.sub("", w) for w in _WORD.findall(part)]
            words = [w for w in words if w not in _NOT_NAMES and w not in _NOT_TOPICAL]
            if not loose:
                words = words[-1:]
            if any(_same_word(w, h) for w in words for h, _ in p.heads):
                return True
    return False


def _content(text: str, raw: _Raw) -> str:
    return text[raw.content[0] : raw.content[1]]


def _in_unit(raw: _Raw, unit: Span) -> bool:
    us, ue = unit
    return us <= raw.unit[0] < ue or raw.unit[0] <= us < raw.unit[1]


def _before(raws: list[_Raw], idx: int, hpara: int, paras: int) -> list[int]:
    """Indices of the attributed claims before ``idx`` within ``paras`` paragraphs, latest
    first; a participle going on from a claim ("..., saying ...") is not one of its own."""
    out = []
    for i in range(min(idx, len(raws)) - 1, -1, -1):
        r = raws[i]
        if hpara - r.para > paras:
            break
        if not r.outlet and not (r.inherit and r.cue_span is not None):
            out.append(i)
    return out


def _subject(text: str, hint: Hint) -> _Phrase:
    """What the hint's clause is about: the words before its verb ("Qatar's foreign
    ministry" in "Qatar's foreign ministry did not immediately respond")."""
    lo = hint.clause if hint.clause >= 0 else hint.start
    s = text[lo : hint.start]
    s = re.sub(r"^\W*(?:(?:[Aa]nd|[Bb]ut|[Ss]till|[Hh]owever|[Ii]n a statement)\b\W*)*", "", s)
    s = re.sub(r"^(?:[Nn]o one|[Nn]obody|[Nn]o-one)\s+(?:at|from|for)\s+", "", s)  # "No one at X"
    s = re.sub(r"\s+(?:also|has|have|had|had also|immediately|so far|yet)\s*$", "", s)
    s = re.sub(r",\s+(?:who|which|whose|where)\b[^,]*(?:,|$)", ",", s)  # a relative clause
    return _Phrase(s.strip(" ,"))


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
    owner = _Phrase(m.group(1))
    if owner.pronoun or not owner:
        return []
    keys = {raws[i].key for i in cands if _source_is(raws[i], owner)} or {
        raws[i].key for i in cands if _source_is(raws[i], owner, loose=True)
    }
    # The first claim of that source: a story leads with the source's main claim.
    return [min(i for i in cands if raws[i].key in keys)] if keys else []


def _by_document(text: str, raws: list[_Raw], cands: list[int], phrase: str) -> list[int]:
    """The latest claim from the kind of document a phrase names ("the report": a claim
    whose source is a report, or that a newspaper "reported")."""
    words = _WORD.findall(phrase.lower())
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
    text: str, raws: list[_Raw], cands: list[int], about: _Phrase, extra: _Phrase | None
) -> int | None:
    """The claim sharing most of the question's names and words (the earliest on a tie, as
    a story leads with its main claim); None when none shares any of the question's own."""
    best: int | None = None
    best_n = 0
    for i in cands:  # latest first, so ``>=`` keeps the earliest on a tie
        c = _content(text, raws[i])
        own = (
            len(about.topic & _topic_words(c))
            + 2 * _names_in(about.names, c)
            + 2 * _acronyms_in(about.acronyms, c)
        )
        if not own:
            continue
        n = own + (2 * _names_in(extra.names, c) if extra is not None else 0)
        if n >= best_n:
            best, best_n = i, n
    return best


def _no_response(
    text: str, raws: list[_Raw], idx: int, unit: Span, hpara: int, hint: Hint
) -> list[int]:
    us, ue = unit
    cands = _before(raws, idx, hpara, 8)
    subject = _subject(text, hint)
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
        best = _best_about(text, raws, cands, _Phrase(phrase), subject)
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
        if not _source_is(raws[i], subject) and _names_phrase(subject, _content(text, raws[i]))
    ]
    if about:
        return [min(about)]
    made = [i for i in cands if _source_is(raws[i], subject)]
    return [min(made)] if made else []


# What a story calls the business it is about once it has named it ("Brodway Bakeries
# paid ..." then "The company did not respond").
_FIRM_HEADS = frozenset(
    """company firm group operator chain retailer maker manufacturer carrier airline bank
    lender insurer developer utility club charity business supplier contractor""".split()
)
_LEAD_NAME = re.compile(r"(?:[A-Z][\w'’&.-]*\s+){0,3}[A-Z][\w'’&.-]*(?=['’]s\b|\s+[a-z])")


def _lead_about_the_firm(
    text: str, raws: list[_Raw], cands: list[int], subject: _Phrase
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
    if _source_is(r, subject):
        return None
    m = _LEAD_NAME.match(_content(text, r))
    if m is None or m.group(0).split()[0] in SENTENCE_OPENERS:
        return None
    name = _POSSESSIVE.sub("", m.group(0).split()[-1])
    if looks_like_person(text, raws, r.content[1], name):
        return None  # a person, not a business
    return first


def _said_by(raw: _Raw, name: str) -> bool:
    return _names_in({name}, f"{raw.source} {raw.mention or ''}") > 0


def _about_person(text: str, raws: list[_Raw], cands: list[int], name: str) -> list[int]:
    """The first claim that names the person (a story leads with its main claim), else
    the first they made; none when the story names no such person."""
    if not name:
        return []
    made = [i for i in cands if _said_by(raws[i], name)]
    about = [i for i in cands if i not in made and _names_in({name}, _content(text, raws[i]))]
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
    subject = _subject(text, hint)
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
        for i in _before(raws, idx, hpara, 8)
        if raws[i].key not in own
        and (raws[i].unit[1] <= us or raws[i].content[1] <= clause)
        and not _source_is(raws[i], subject)
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
        denied = _Phrase(text[m.end() : m.end() + cut.start() if cut else ue])
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
    named = [i for i in cands if _names_phrase(subject, _content(text, raws[i]))]
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
        _in_unit(r, unit)
        and not r.outlet
        and r.cue_span is not None
        and r.cue_span[0] > hint.start
        and r.cue_span[0] >= r.content[1]  # "..., Hoover said" closes the sentence
        for r in near
    ) and not any(r.content[1] <= hint.start and _in_unit(r, unit) for r in near):
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
        question = _Phrase(text[qs:ue])
        first = True
        for i in range(min(idx, len(raws)) - 1, -1, -1):
            r = raws[i]
            if (r.inherit and r.cue_span is not None) or _in_unit(r, unit):
                continue  # a participle going on, or a claim inside the question itself
            if hpara - r.para > 3:
                break
            c = _content(text, r)
            if _names_in(question.names, c) or question.topic & _topic_words(c):
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
    found = _by_owner(text, raws, _before(raws, idx, hpara, 4), text[clause : hint.start])
    if found:
        return found
    # "Reuters could not verify the diplomat's account": the claims of the source named.
    obj = text[hint.start : ue]
    m = re.search(r"\b(?:verify|confirm|corroborate)\s+(.+)", obj)
    if m is not None:
        found = _by_owner(text, raws, _before(raws, idx, hpara, 4), m.group(1))
        if found:
            return found[-1:]
        owner = possessive_pronoun(m.group(1))
        if owner:
            # "... could not confirm his death": the claims about him, or his own.
            name = person_meant(text, raws, hint.start, owner, speaker=True)
            return _about_person(text, raws, _before(raws, idx, hpara, 4), name)
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
        if _in_unit(r, unit) and r.content[0] <= hint.start:
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
    own = [i for i in range(max(0, idx - 4), min(len(raws), idx + 3)) if _in_unit(raws[i], unit)]
    first = min(own, default=idx)
    subject = _subject(text, hint)
    cands = _before(raws, first, hpara, 2)
    target: int | None = None
    if subject and not subject.pronoun:
        target = next((i for i in cands if _source_is(raws[i], subject)), None)
    if target is None:
        target = _previous_attr(raws, first)
    if target is None or hpara - raws[target].para > _NEAR:
        return []  # nothing close enough to be what the hint is about
    for i in own:
        r = raws[i]
        if (
            r.content[0] > hint.start
            and r.status is ClaimStatus.NO_RESPONSE
            and (r.key == raws[target].key or subject.pronoun or _source_is(r, subject))
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
        and not (own is not None and _in_unit(r, own))
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
