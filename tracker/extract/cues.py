"""The cue pass: every cue of a sentence tried against the shapes news uses (content
first, source first, inverted, participles, nested clauses), giving the sentence's claims."""

from __future__ import annotations

from bisect import bisect_left

from tracker.extract.cue_rules import (
    _ADD_FORMS,
    _ADD_TO,
    _AS_BEFORE,
    _AS_BY_CUES,
    _AS_OPENERS,
    _AS_SAYING,
    _ASK_OBJECT,
    _ASK_WORDS,
    _AUX_BEFORE,
    _BY_AFTER,
    _CLAUSE_AHEAD,
    _CLAUSE_JOIN,
    _CLAUSE_OPENING,
    _COMMA_BEFORE,
    _COORD,
    _COPULA,
    _CUE_AFTER_SPACE,
    _EMPHATIC_DO,
    _FINITE_WORD,
    _FRAGMENT_OPENERS,
    _FREE_RELATIVE,
    _GERUND_BEFORE,
    _GOES_ON_TO,
    _HEDGES,
    _INFINITIVE,
    _INVERTED_CUES,
    _LOWER_AFTER_MARK,
    _MAX_CUES,
    _NEG_BEFORE,
    _NEVER_BEFORE,
    _NO_COMMENT_AFTER,
    _NOTHING_AFTER,
    _OBJECT_THEN_TO,
    _OPENING_PARTICIPLE_LEADS,
    _PARTICIPLE_WORD,
    _QUOTE_RESUMES,
    _REFLEXIVE_AFTER,
    _REFUSED_TO_SAY,
    _REST_THEN_QUOTE,
    _SAY_FORMS,
    _SPEECH_SOON,
    _TAIL_WORDS,
    _THAT_NEXT,
    _THEN_GERUND,
    _VERB_AFTER_AND,
)
from tracker.extract.grammar import (
    _AFTER_CUE_TAIL,
    _CITING_ASIDE,
    _CLAUSE_VERB,
    _CUE,
    _DASH_AFTER,
    _LEAD,
    _PREPOSITION_OPENERS,
    _QUOTE_CLOSE,
    _QUOTE_OPEN,
    _THAT,
    _THAT_AHEAD,
    _TOLD_WORDS,
    _WH_AFTER,
    _WORDS,
    _XX,
    _content_end,
    _first_word,
    _strip_span,
)
from tracker.extract.hints import Hint
from tracker.extract.lexicon import (
    BASE_FORMS,
    PARTICIPLE_CUES,
    PRONOUN_SOURCES,
    STANCE_FORMS,
    URGING_CUES,
    WEAK_CUES,
)
from tracker.extract.phrases import _plural_subject
from tracker.extract.raw import RawClaim
from tracker.extract.segment import Paragraph
from tracker.extract.shapes import ShapeReader
from tracker.extract.wordscan import find_words


def _fragment(content: str) -> bool:
    """Whether a content of one or two words is a scrap of a sentence ("on tolerance",
    "to Sullivan", "Rubio's") rather than what someone said or backed ("Mrs. Clinton")."""
    words = content.split()
    if len(words) > 2 or not words:
        return False
    first = words[0].lower()
    last = words[-1]
    return (
        first in _FRAGMENT_OPENERS
        or last.endswith(("'s", "’s"))
        or (content[:1] in _QUOTE_OPEN and content[-1:] not in _QUOTE_CLOSE + ",.!?")
    )


class SentenceReader(ShapeReader):
    """Holds one story while its sentences are read."""

    def __init__(self, text: str, masked: str, paragraphs: list[Paragraph]) -> None:
        self.text = text
        self.masked = masked
        self.paragraphs = paragraphs
        self.raws: list[RawClaim] = []
        # One scan of the whole story for cue words; sentences take their share by offset.
        self.cues = find_words(_CUE, _CUE_AFTER_SPACE, masked)
        self.cue_starts = [c.start() for c in self.cues]
        self.para_starts = {p.span[0] for p in paragraphs}
        self.intro: RawClaim | None = None  # a cue whose content is the quote that follows
        self.hints: list[tuple[int, Hint]] = []  # (index of first raw after the hint, hint)

    # ---- one sentence ----------------------------------------------------------------
    def read_unit(self, pi: int, us: int, ue: int) -> list[RawClaim]:
        """The attributions of one sentence."""
        m = self.masked
        out: list[RawClaim] = []
        i = bisect_left(self.cue_starts, us)
        if i >= len(self.cue_starts) or self.cue_starts[i] >= ue:
            return out
        # A real sentence has a handful of cues; a cap keeps pathological input linear.
        j = min(bisect_left(self.cue_starts, ue, i), i + _MAX_CUES)
        cues = self.cues[i:j]
        # A weak cue ("Qatar plans ...") yields to a closing attribution later in the
        # sentence (", the official said.").
        strong_after = [False] * (len(cues) + 1)
        for k in range(len(cues) - 1, -1, -1):
            ck = cues[k].group().lower()
            strong_after[k] = strong_after[k + 1] or (
                (ck not in WEAK_CUES or _NOTHING_AFTER.match(m, cues[k].end(), ue) is not None)
                and ck not in PARTICIPLE_CUES
                and "," in m[max(us, cues[k].start() - 90) : cues[k].start()]
                and (ck == "according to" or self._closing_cue(ck, *cues[k].span(), ue) is not None)
            )
        used_until = us  # content before this offset already belongs to a claim
        for ci, c in enumerate(cues):
            cs, ce = c.span()
            word = c.group().lower()
            nxt_cue = cues[ci + 1].start() if ci + 1 < len(cues) else ue
            if word in _AS_BY_CUES and _AS_BEFORE.search(m, max(us, cs - 24), cs) is not None:
                raw = self._as_reported_by(pi, us, ue, cs, ce)
                if raw is not None:
                    out.append(raw)
                    used_until = max(used_until, raw.content[1])
                    continue
            if word in _ADD_FORMS and _ADD_TO.match(m, ce, ue) is not None:
                continue  # "adding to her delegate lead": adds something, says nothing
            if word in _ASK_WORDS:
                question = self._question(pi, us, ue, cs, ce, nxt_cue)
                if question is not None:
                    out.append(question)
                    used_until = max(used_until, question.content[1])
                    continue
            if (
                word in PARTICIPLE_CUES
                and not out
                and m[us:cs].strip() in _OPENING_PARTICIPLE_LEADS
                and word != "according to"
            ):
                raw = self._opening_participle(pi, us, ue, cs, ce)
                if raw is not None:
                    out.append(raw)
                    used_until = max(used_until, raw.content[1])
                    continue
            if word != "according to":
                coord = _COORD.search(m, max(us, cs - 48), cs)
                if coord is None and word in PARTICIPLE_CUES:
                    coord = _COMMA_BEFORE.search(m, max(us, cs - 4), cs)
                # A question put to the speaker is not what a participle goes on from.
                prev_raw = out[-1] if out and not out[-1].question else None
                if (
                    coord is not None
                    and prev_raw is None
                    and word in PARTICIPLE_CUES
                    and not self._speech_follows(word, ce, ue)
                ):
                    coord = None
                if coord is not None and prev_raw is not None:
                    # "..., Reyes shrugged, saying ...": a clause of its own between the last
                    # claim and the participle gives the participle its speaker.
                    seg = m.rfind(", ", prev_raw.content[1], coord.start())
                    own_cue = prev_raw.cue_span is not None and seg <= prev_raw.cue_span[0]
                    if (
                        seg >= 0
                        and not own_cue
                        and self._subject(seg + 2, coord.start()) is not None
                    ):
                        prev_raw = None
                        us_subj = seg + 2
                    else:
                        us_subj = us
                else:
                    us_subj = us
                if coord is not None and prev_raw is None:
                    subj = self._subject(us_subj, coord.start())
                    if subj is not None:
                        st = m[subj[0] : subj[1]]
                        prev_raw = RawClaim(subj, (us, ue), pi, subj, st, st, None)
                if coord is not None and prev_raw is not None:
                    raw = self._participle(pi, us, ue, cs, ce, nxt_cue, prev_raw)
                    if raw is not None:
                        raw.inherit = bool(out) and prev_raw is out[-1]
                        if out:
                            prev = out[-1]
                            if prev.content[0] < coord.start() < prev.content[1]:
                                # A closing quote mark before the comma stays with the quote.
                                cut = coord.start() + len(coord.group().rstrip())
                                if m[cut - 1 : cut] not in _QUOTE_CLOSE:
                                    cut = coord.start()
                                prev.content = _strip_span(m, prev.content[0], cut)
                        out.append(raw)
                        used_until = max(used_until, raw.content[1])
                    continue
            # "conceded that ...": a clause after it makes any cue verb a report.
            weak = word in WEAK_CUES and _THAT_NEXT.match(m, ce, ue) is None
            if word in ("declined", "declines") and _NO_COMMENT_AFTER.match(m, ce, ue):
                continue  # "declined to comment": a status hint, not a stance
            if word in ("refused", "refuses") and _REFUSED_TO_SAY.match(m, ce, ue):
                continue  # "refused to say whether ...": the question left open is the claim
            if _REFLEXIVE_AFTER.match(m, ce, ue) is not None and word != "called":
                continue  # "found himself in ...": not a report of anything
            if weak and (
                (word.endswith("s") or word in BASE_FORMS)
                and (_AUX_BEFORE.search(m, max(us, cs - 10), cs) is not None)
                or _BY_AFTER.match(m, ce, ue) is not None
            ):
                # "have claims", "their states": nouns; "cited in the tweet": a participle.
                continue
            if word in _SAY_FORMS and _WH_AFTER.match(m, ce, ue) is not None:
                neg = _NEG_BEFORE.search(m, max(us, cs - 24), cs)
                if neg is not None:
                    raw = self._unanswered(pi, us, ue, neg.start(), ce, nxt_cue)
                    if raw is not None:
                        out.append(raw)
                        used_until = max(used_until, raw.content[1])
                    continue
            emphatic = _EMPHATIC_DO.search(m, max(us, cs - 6), cs) is not None and (
                _THAT_AHEAD.match(m, ce, ue) is not None
            )  # "The charter does say that ...": a statement, not an infinitive
            if (
                (word in BASE_FORMS or word in ("say", "tell"))
                and not emphatic
                and _INFINITIVE.search(m, max(us, cs - 12), cs)
                and _GOES_ON_TO.search(m, max(us, cs - 24), cs) is None
            ):
                continue
            if word in PARTICIPLE_CUES and _GERUND_BEFORE.search(m, max(us, cs - 10), cs):
                # "the notion of admitting refugees": a gerund, not a speech act; but
                # '"...," Trump said, before insisting that ...' goes on with the speaker.
                then = _THEN_GERUND.search(m, max(us, cs - 12), cs)
                if (
                    out
                    and then is not None
                    and (then.group().startswith(",") or _SPEECH_SOON.match(m, ce, ue))
                ):
                    raw = self._participle(pi, us, ue, cs, ce, nxt_cue, out[-1])
                    if raw is not None:
                        out.append(raw)
                        used_until = max(used_until, raw.content[1])
                continue
            if cs < used_until and not (out and out[-1].content[1] <= cs):
                # A new clause with its own source ("..., while Cruz said ...") ends the
                # previous claim's content; any other cue inside it is nested: skip it.
                if not out or word in PARTICIPLE_CUES or word == "according to":
                    continue
                prev = out[-1]
                if prev.covering:
                    continue
                src2, _kt, passive2, chunk2 = self._left_source(us, cs, weak)
                if src2 is None or passive2 or chunk2 <= prev.content[0]:
                    continue
                if prev.question:
                    # A claim inside a question ("Asked whether X, who called Y a hoax, ...")
                    # is read; the question keeps all its words.
                    used_until = chunk2
                else:
                    clause = _CLAUSE_JOIN.search(m, max(prev.content[0], chunk2 - 14), chunk2)
                    if (
                        clause is None
                        or m[src2[0] : src2[1]].lower() in PRONOUN_SOURCES
                        and clause.group().strip(" ,;") == ""
                    ):
                        continue
                    prev.content = _strip_span(m, prev.content[0], clause.start())
                    used_until = clause.end()
                    closing = self._closing_cue(word, cs, ce, ue)
                    if (
                        closing is not None
                        and not weak
                        and prev.source_span is not None
                        and us <= prev.source_span[0] < prev.content[0]
                    ):
                        # "The new authorities have promised X, a rebel commander told Levant
                        # Wire": the whole first clause is what the commander said.
                        # From the sentence's start: words before the first clause's
                        # source ("Prices rose after officials signalled X, traders said")
                        # are part of what was said.
                        whole = self._content_before(us, clause.start(), us)
                        outer = RawClaim(
                            whole or _strip_span(m, prev.source_span[0], clause.start()),
                            (us, ue),
                            pi,
                            src2,
                            m[src2[0] : src2[1]],
                            _kt,
                            (cs, closing),
                        )
                        out[-1] = outer
                        used_until = max(used_until, closing)
                        continue
            if weak and strong_after[ci + 1]:
                continue
            if word == "according to":
                raw = self._according(pi, us, ue, cs, ce, used_until)
                if raw is not None:
                    out.append(raw)
                    used_until = max(used_until, raw.content[1], ce)
                continue
            if (
                word in PARTICIPLE_CUES
                and out
                and not out[-1].question
                and m[max(us, cs - 3) : cs].strip() in (",", "")
            ):
                raw = self._participle(pi, us, ue, cs, ce, nxt_cue, out[-1])
                if raw is not None:
                    prev = out[-1]
                    if prev.content[0] < cs < prev.content[1]:
                        ps, pe = _strip_span(m, prev.content[0], cs)
                        prev.content = (ps, pe)
                    out.append(raw)
                    used_until = max(used_until, raw.content[1])
                continue
            src, kind_text, passive, chunk_s = self._left_source(us, cs, weak)
            if (
                src is not None
                and (word in _SAY_FORMS or word in _INVERTED_CUES)
                and m[max(us, cs - 3) : cs].rstrip().endswith(",")
                and _FINITE_WORD.search(m, us, cs) is not None
            ):
                # "The fine is similar, with a refund, said Ruiz.", "Somehow, the family
                # will manage, adds Reyes.": a clause before the cue and a name closing the
                # sentence after it; the source follows.
                rsrc = self._right_source(ce, ue, weak)
                name = m[rsrc[0] : rsrc[1]].split(",")[0] if rsrc is not None else ""
                if (
                    rsrc is not None
                    and len(name.split()) <= 5
                    and _NOTHING_AFTER.match(m, rsrc[1], ue) is not None
                ):
                    src = None
            if (
                src is not None
                and (word in BASE_FORMS or word in ("say", "tell"))
                and not emphatic
                and not _plural_subject(m[src[0] : src[1]])
                and _GOES_ON_TO.search(m, max(us, cs - 24), cs) is None
            ):
                # "A council report found ...": "report" after a singular is a noun.
                continue
            as_saying = _AS_SAYING.match(m, ce, ue) if word == "quoted" else None
            if passive and as_saying is not None and src is not None:
                passive = False  # "The mayor was quoted as saying ...": the mayor speaks
            if passive:
                if word in _HEDGES and chunk_s < cs and not strong_after[ci + 1]:
                    # "Many voters are expected to ...": a hedge with nobody named; the
                    # story's own voice carries it.
                    content = _strip_span(m, chunk_s, _content_end(m, ue, chunk_s))
                    if content[1] - content[0] > 8 and _XX not in m[chunk_s:cs]:
                        out.append(
                            RawClaim(content, (us, ue), pi, None, None, None, (cs, ce), outlet=True)
                        )
                        used_until = max(used_until, content[1])
                continue
            cue_end = ce
            pos = ce
            if as_saying is not None:
                # "The Times quoted the mayor as saying ...": the content follows "saying".
                pos = cue_end = as_saying.end()
            cue_end, pos = self._past_cue(word, cue_end, pos, ue, _TOLD_WORDS)
            rest = m[pos:ue].lstrip()
            rest_s = ue - len(rest)
            if src is None:
                if word == "citing" and _CITING_ASIDE.match(m, rest_s, ue) is not None:
                    continue  # "The Journal, citing documents, reported ...": an aside
                before = m[us:cs].rstrip()
                if before.endswith((",", "”", '"', "?", "!")) or not before:
                    rsrc = self._right_source(pos, ue, weak)
                    if rsrc is not None and not before and c.group() == "Said":
                        # 'Said Comey, "The thought ..."': the speaker first, then the words.
                        comma = m.find(",", rsrc[0], min(ue, rsrc[1] + 2))
                        if comma > rsrc[0]:
                            rsrc = _strip_span(m, rsrc[0], comma)
                            content = _strip_span(m, comma + 1, _content_end(m, ue, comma + 1))
                            if content[1] - content[0] > 2:
                                text_src = m[rsrc[0] : rsrc[1]]
                                out.append(
                                    RawClaim(
                                        content, (us, ue), pi, rsrc, text_src, text_src, (cs, ce)
                                    )
                                )
                                used_until = max(used_until, content[1])
                        continue
                    if rsrc is not None and before:
                        got_before = self._content_before(us, cs, used_until)
                        if got_before is None:
                            continue
                        content = got_before
                        comma = m.find(",", rsrc[0], rsrc[1])
                        resumes = _QUOTE_RESUMES.search(m, rsrc[1], ue)
                        if resumes is not None and (
                            m[content[0]] in _QUOTE_OPEN
                            or _LOWER_AFTER_MARK.match(self.text, resumes.end() - 1)
                        ):
                            # '"A," said the senator, "B."': one quote, broken by the cue;
                            # 'Because of X, explained Rosenberg, "with ..."': one sentence.
                            content = (content[0], _content_end(m, ue, rsrc[1]))
                            used_until = max(used_until, content[1])
                            broken = True
                        elif (resume := self._clause_resumes(rsrc)) is not None:
                            # "The contrast, said Doyle, would be clear": the cue breaks one
                            # clause, which is the content on both sides of it.
                            rsrc = _strip_span(m, rsrc[0], resume)
                            content = (content[0], _content_end(m, ue, resume + 1))
                            used_until = max(used_until, content[1])
                            broken = True
                        else:
                            broken = False
                        text_src = m[rsrc[0] : rsrc[1]]
                        core_e = m.find(",", rsrc[0], rsrc[1])
                        kt = text_src if core_e < 0 else m[rsrc[0] : rsrc[1]]
                        out.append(
                            RawClaim(
                                content,
                                (us, ue),
                                pi,
                                rsrc,
                                text_src,
                                kt,
                                (cs, cue_end),
                                covering=broken,
                            )
                        )
                        used_until = max(used_until, rsrc[1])
                        continue
                if word in PARTICIPLE_CUES and out:
                    raw = self._participle(pi, us, ue, cs, ce, nxt_cue, out[-1])
                    if raw is not None:
                        out.append(raw)
                        used_until = max(used_until, raw.content[1])
                continue
            s_start = src[0]
            before_text = m[max(us, used_until) : s_start].strip()
            content_first = False
            covering = False
            as_opener = False
            rq = _REST_THEN_QUOTE.match(rest)
            if rq is not None and word not in STANCE_FORMS:
                # "wrote to his 20,000 followers, “...”": the quotation is what was said.
                rest = rest[rq.end() :]
                rest_s = ue - len(rest)
            r0 = rest[:1]
            if not rest or r0 in ".!?" or _DASH_AFTER.match(rest):
                # "..., the office reported on Tuesday -- a development that ...".
                content_first = bool(before_text)
            elif r0 == "," and _LEAD.fullmatch(before_text) is not None:
                # "But, Okafor added, the pier ...": what follows the cue is the content.
                rest = rest[1:].lstrip()
                rest_s = ue - len(rest)
            elif r0 == "," and before_text.lower() in _AS_OPENERS:
                content_first = False  # "As The Daily Caller reported, ..."
                as_opener = True
            elif r0 == ",":
                nxt = _WORDS.search(rest)
                nword = nxt.group().lower() if nxt else ""
                after_comma = rest[1:].lstrip()
                quoted_before = before_text[:1] in _QUOTE_OPEN
                if not before_text:
                    content_first = False
                elif (
                    len(before_text.split()) >= 2
                    and m[max(us, s_start - 2) : s_start].strip() == ","
                    and _CLAUSE_AHEAD.match(after_comma) is not None
                ):
                    # "Unless plans improve, the experts say, the world could suffer": the
                    # cue sits inside one sentence of content.
                    content_first = covering = True
                elif (
                    before_text.endswith(",")
                    and before_text.split()[0].lower() in _PREPOSITION_OPENERS
                    and _CLAUSE_OPENING.match(before_text) is None
                    and _CLAUSE_VERB.match(after_comma) is not None
                    and not quoted_before
                ):
                    # "At times last year, people close to him said, the mere mention of
                    # her name ...": the cue sits inside one sentence of content.
                    content_first = covering = True
                elif nword in ("and", "but") and _VERB_AFTER_AND.match(after_comma):
                    # "The pills help, he says, and are meant for a short time": the cue
                    # breaks one sentence; what follows is more of the content.
                    content_first = covering = True
                elif nword in _TAIL_WORDS or not after_comma or _PARTICIPLE_WORD.fullmatch(nword):
                    # '"...," Biden said, clutching the lectern': what follows is how, not what.
                    content_first = True
                elif quoted_before:
                    content_first = True
                    covering = after_comma[:1] in _QUOTE_OPEN
                elif after_comma[:1] in _QUOTE_OPEN and _LOWER_AFTER_MARK.match(
                    self.text, ue - len(after_comma)
                ):
                    # 'That, the commission said, "would be helpful"': the quotation goes on
                    # with the sentence begun before the cue.
                    content_first = covering = True
                elif after_comma[:1] in _QUOTE_OPEN:
                    content_first = False  # "When asked why, Tyler said, "We ...""
                elif m[max(us, s_start - 2) : s_start].strip() == ",":
                    # "Compaq, she predicted, would come": the cue sits inside the content.
                    content_first = covering = True
                elif len(before_text.split()) >= 2:
                    content_first = covering = True
            elif (
                r0 in _QUOTE_OPEN
                and before_text[:1] in _QUOTE_OPEN
                and before_text.rstrip()[-2:] in (",”", ',"', "?”", '?"', "!”", '!"')
            ):
                # '"...," Murphy admitted in an interview for the "Off Message" podcast.'
                content_first = True
            elif r0 in ":" or r0 in _QUOTE_OPEN or rest.startswith("that "):
                content_first = False
            elif before_text:
                bwords = before_text.split()
                if before_text.rstrip(",")[-1:] in '”"' and before_text[:1] in _QUOTE_OPEN:
                    content_first = True
                elif (
                    len(bwords) >= 4
                    and (
                        bwords[0].lower() not in _PREPOSITION_OPENERS
                        or _CLAUSE_OPENING.match(before_text) is not None
                    )
                    and before_text.endswith(",")
                    and _first_word(rest) in _AFTER_CUE_TAIL
                ):
                    content_first = True
            if word in ("read", "reads") and not content_first:
                continue  # '"...," the email read' only: "Trump read the letter" is not
            if content_first:
                if covering:
                    cs0 = max(us, used_until)
                    content = _strip_span(m, cs0, _content_end(m, ue, cs0))
                    if content[1] <= content[0]:
                        continue
                else:
                    got = self._content_before(us, s_start, used_until)
                    if got is None:
                        continue
                    content = got
            else:
                cstart = rest_s
                th = _THAT.match(m, cstart, ue)
                if th is not None:
                    cstart = th.end()
                if word in _ASK_WORDS:
                    # "asked the mayor whether ...", "asked Bennett about the remarks": the
                    # question, not whom it was put to.
                    ask = _ASK_OBJECT.match(m, cstart, ue)
                    if ask is not None:
                        cstart = ask.end()
                cstart, cend = self._content_after(
                    pi, us, ue, cs, word, cstart, cues[ci + 1 :], src, as_opener
                )
                if word in URGING_CUES:
                    # "urged residents to stay indoors", "warned the public not to ...": what
                    # was urged is the infinitive; whom it was urged on is not said.
                    urged = _OBJECT_THEN_TO.match(m, cstart, cend)
                    if urged is not None:
                        cstart = urged.start("to")
                content = _strip_span(m, cstart, cend)
                if content[1] - content[0] < 2:
                    if not out and m[rest_s:ue].strip() in ("", ":", ",", ":.") and cs > us:
                        # "She went on to say:" with the quote in the next paragraph.
                        self.intro = RawClaim(
                            content, (us, ue), pi, src, m[src[0] : src[1]], kind_text, (cs, cue_end)
                        )
                    continue
            # "The minister never said X": the negation is the cue's, or the claim reads as
            # said.
            neg = _NEVER_BEFORE.search(m, max(src[1], cs - 20), cs)
            out.append(
                RawClaim(
                    content,
                    (us, ue),
                    pi,
                    src,
                    m[src[0] : src[1]],
                    kind_text,
                    (neg.start() if neg is not None else cs, cue_end),
                    # "As the Times reported, even on Friday X was ...": all of it is the report.
                    covering=as_opener,
                )
            )
            used_until = max(used_until, content[1], cue_end)
        kept = [
            r
            for r in out
            if not _fragment(self.text[r.content[0] : r.content[1]]) and not self._non_speech(r)
        ]
        for r in kept:
            self._free_relative(r, us)
        return kept

    def _free_relative(self, raw: RawClaim, us: int) -> None:
        """ "what officials called a hate crime", "whom one insider described as his
        brother": the relative word stands in the content for what was called so; the
        content starts there (annotators mark it so, and the words alone read as a claim)."""
        src, cue = raw.source_span, raw.cue_span
        if src is None or cue is None or not src[1] <= cue[0] <= raw.content[0]:
            return
        if raw.covering or raw.pieces is not None or raw.content[1] - raw.content[0] < 2:
            return
        if self.masked[cue[0] : cue[1]].endswith((" about", " of")):
            return
        first = self.masked[raw.content[0] : raw.content[0] + 12].split(" ", 1)[0].lower()
        if _XX in self.masked[raw.content[0] : raw.content[1]] or first in _FRAGMENT_OPENERS:
            return  # 'what it called a "thorough process"', "what he said about Uber"
        if _COPULA.fullmatch(first):
            return  # "what it says is a deficit": the words after the verb are the claim
        rel = _FREE_RELATIVE.search(self.masked, max(us, src[0] - 6), src[0])
        if rel is not None and len(self.masked[src[0] : src[1]].split()) <= 6:
            # One piece: the words of the attribution inside it are part of what is quoted.
            raw.content = (rel.start(), raw.content[1])
            raw.pieces = [raw.content]
