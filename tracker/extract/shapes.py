"""The shapes a cue takes beyond the plain ones: questions put to someone, "as reported
by", unanswered questions, participles going on from a claim, "according to", and where
a content runs to past its cue."""

from __future__ import annotations

import re

from tracker.extract.claim import Span
from tracker.extract.cue_rules import (
    _ADDRESSEE_THEN_SUBJECT,
    _ADDRESSEE_THEN_THAT,
    _ADJECTIVE_LIST_END,
    _ADVERBIAL,
    _AFTER_QUOTE_ACTION,
    _ASIDE_THEN_THAT,
    _ASKED_QUOTE,
    _BY_SOURCE,
    _COMPARED_TAIL,
    _DISCOURSE_ASIDE,
    _MAIN_VERB_BACK,
    _NEW_CLAUSE_AFTER,
    _NEXT_VERB,
    _OBJECT_END,
    _ONE_QUOTE,
    _OPENING_ASK_LEADS,
    _OWN_SUBJECT,
    _PP_THEN_THAT,
    _PREPOSITION_NEXT,
    _QUESTION_START,
    _QUOTE_MARK_IN,
    _RELATIVE_BEFORE,
    _RELATIVE_BETWEEN,
    _SOURCELESS_ASK,
    _SUBORDINATE_LEAD,
    _THAT_BEFORE,
    _TOLD_OBJECT,
    _TRAILING_CIRCUMSTANCE,
)
from tracker.extract.grammar import (
    _CITING_ASIDE,
    _CLAUSE_VERB,
    _COLON_QUOTE,
    _CUE,
    _DASH_AFTER,
    _DATELINE,
    _FINITE,
    _QUOTE_OPEN,
    _THAT,
    _THAT_AHEAD,
    _TOLD_WORDS,
    _WH_AFTER,
    _content_end,
    _cue_within,
    _first_word,
    _strip_span,
)
from tracker.extract.kinds import finding_source
from tracker.extract.lexicon import (
    ADDRESSEE_CUES,
    FINDING_CUES,
    PARTICIPLE_CUES,
    SOURCE_NOUNS,
    STANCE_FORMS,
    WEAK_CUES,
)
from tracker.extract.phrases import _plausible_source
from tracker.extract.propositions import is_proposition, non_speech
from tracker.extract.raw import RawClaim
from tracker.extract.subjects import SourceFinder
from tracker.vocab import ClaimStatus


class ShapeReader(SourceFinder):
    """Reads the shapes of attribution beyond a plain cue and its source."""

    def _quote_closes(self, pi: int, start: int, end: int) -> int:
        """Where a content opening with a quotation ends: at the closing mark when the
        subject goes on to act ('"...," and walked off'), else ``end``."""
        if self.text[start : start + 1] not in _QUOTE_OPEN:
            return end
        qe = next((e for s, e in self.paragraphs[pi].quotes if s == start), end)
        if qe < end and _AFTER_QUOTE_ACTION.match(self.masked, qe, end) is not None:
            return qe
        return end

    def _non_speech(self, raw: RawClaim) -> bool:
        """Whether a claim's cue, with the content after it, is no report of speech."""
        if raw.cue_span is None or raw.content[0] < raw.cue_span[1] or raw.pieces:
            return False
        cue = self.masked[raw.cue_span[0] : raw.cue_span[1]]
        content = self.text[raw.content[0] : raw.content[1]]
        if (
            _THAT_BEFORE.search(self.masked, raw.cue_span[1], raw.content[0]) is not None
            and len(content.split()) > 2
        ):
            return False  # "adding that repairs start soon" ("questioned that logic": no)
        if cue.lower() in FINDING_CUES and not finding_source(raw.mention):
            # "She found the rose": a person finding a thing reports nothing.
            return not is_proposition(content)
        return non_speech(cue, content)

    def _question(self, pi: int, us: int, ue: int, cs: int, ce: int, nxt: int) -> RawClaim | None:
        """A question put to someone nobody names as asking it: "Asked whether X, the mayor
        said ...", "... when asked about X", "She was asked if X". The asker is the outlet
        or unknown, so the claim is in the outlet's voice, with its cue."""
        m = self.masked
        lead = m[max(us, cs - 12) : cs]
        dateline = _DATELINE.match(m, us, cs)
        lead_s = dateline.end() if dateline is not None else us
        opening = m[lead_s:cs].strip(' “"') in _OPENING_ASK_LEADS
        if not (opening or _SOURCELESS_ASK.search(lead)):
            return None
        pos = ce
        quoted = _ASKED_QUOTE.match(m, pos, ue)
        if quoted is not None:
            start = quoted.end() - 1
            quotes = self.paragraphs[pi].quotes
            end = next((qe for qs, qe in quotes if qs == start), ue)
            content = (start, end)
        else:
            q = _QUESTION_START.match(m, pos, ue)
            if q is None:
                return None
            start = q.end()
            end = _content_end(m, ue, start)
            if opening:
                # "Asked whether X, Reid said ...": the main clause after the question is his.
                end = self._main_clause_comma(start, end) or end
            elif nxt < ue:
                comma = m.rfind(", ", start, nxt)
                if comma > start:
                    end = comma
            content = _strip_span(m, start, end)
        if len(m[content[0] : content[1]].split()) < 2:
            return None  # "Asked why, Tyler said ...": no question worth tracking
        return RawClaim(
            content,
            (us, ue),
            pi,
            None,
            None,
            None,
            (cs, ce),
            outlet=True,
            question=True,
        )

    def _as_reported_by(self, pi: int, us: int, ue: int, cs: int, ce: int) -> RawClaim | None:
        """ "As reported by the Gazette, X ...": the source follows "by"; the rest of the
        sentence is the report."""
        m = self.masked
        by = _BY_SOURCE.match(m, ce, ue)
        if by is None:
            return None
        src = _strip_span(m, by.start("src"), by.end("src"))
        if not _plausible_source(m[src[0] : src[1]], False):
            return None
        content = _strip_span(m, by.end(), _content_end(m, ue, by.end()))
        if content[1] - content[0] < 3:
            return None
        text = m[src[0] : src[1]]
        return RawClaim(content, (us, ue), pi, src, text, text, (cs, ce), covering=True)

    def _main_clause_comma(self, start: int, end: int) -> int | None:
        """The comma before the main clause of a sentence that opens with a subordinate one
        ("Asked whether X, Y, Ban demurred, saying ..."): the last comma followed by a
        clause of its own, not by a participle, a relative clause or a quotation."""
        m = self.masked
        comma = m.rfind(", ", start, end)
        while comma > start:
            after = m[comma + 2 : min(end, comma + 120)]  # the next few words tell
            first = _first_word(after).lower()
            if not (
                first.endswith("ing")
                or first in ("who", "which", "whose", "that", "")
                or after[:1] in _QUOTE_OPEN
            ) and (
                _CLAUSE_VERB.match(after) is not None
                or _cue_within(
                    self.cue_starts, comma + 2, comma + 2 + len(" ".join(after.split()[:6]))
                )
            ):
                return comma
            comma = m.rfind(", ", start, comma)
        return None

    def _unanswered(self, pi: int, us: int, ue: int, ns: int, ce: int, nxt: int) -> RawClaim | None:
        """ "Reid would not say whether he would run": the question left open is the claim,
        its status ``no_response`` with the refusal as the note."""
        m = self.masked
        src, kind_text, passive, _chunk = self._left_source(us, ns, False)
        if src is None or passive:
            return None
        start = _WH_AFTER.match(m, ce, ue)
        if start is None:
            return None
        end = _content_end(m, ue, start.end())
        if nxt < ue:
            comma = m.rfind(", ", start.end(), nxt)
            if comma > start.end():
                end = comma
        content = _strip_span(m, start.end(), end)
        if content[1] - content[0] < 3:
            return None
        raw = RawClaim(content, (us, ue), pi, src, m[src[0] : src[1]], kind_text, (ns, ce))
        raw.status = ClaimStatus.NO_RESPONSE
        raw.note = self.text[src[0] : ce]
        return raw

    def _clause_resumes(self, src: Span) -> int | None:
        """The comma inside a source found after its cue where the broken clause resumes
        ("said the mayor, a former engineer, will cost ..."), if it does."""
        m = self.masked
        comma = m.find(",", src[0], src[1])
        while comma >= 0:
            if _FINITE.match(m[comma + 1 : src[1]].lstrip()):
                return comma
            comma = m.find(",", comma + 1, src[1])
        return None

    def _before_closing_source(self, start: int, end: int, nxt: int, ue: int) -> int:
        """Where content running up to the next cue ends when that cue closes the sentence
        with a source of its own ("..., saying X, CNN reported."): before the source."""
        m = self.masked
        comma = m.rfind(",", start, nxt)
        cue = _CUE.match(m, nxt)
        if comma < 0 or cue is None:
            return end
        chunk = m[comma + 1 : nxt].strip()
        word = cue.group().lower()
        if (
            chunk
            and len(chunk.split()) <= 6
            and _plausible_source(chunk, word in WEAK_CUES)
            and self._closing_cue(word, nxt, cue.end(), ue) is not None
        ):
            return comma
        return end

    def _opening_participle(self, pi: int, us: int, ue: int, cs: int, ce: int) -> RawClaim | None:
        """ "Noting that X, the mayor said ...": the participle's source is the subject of
        the main clause after the comma."""
        m = self.masked
        comma = content_end = m.find(", ", ce, ue)
        for _ in range(2):
            # "In rejecting the appeal, which came late, the board ...": the subject is past
            # the relative clause, the content ends before it.
            if comma < 0 or not m.startswith(("which ", "who ", "where ", "whose "), comma + 2):
                break
            comma = m.find(", ", comma + 2, ue)
        if comma < 0 or comma - ce > 240:
            return None
        subj = self._subject(comma + 2, ue)
        if subj is None or subj[0] != comma + 2:
            return None
        th = _THAT.match(m, ce, content_end)
        start = th.end() if th is not None else ce
        content = _strip_span(m, start, content_end)
        if content[1] - content[0] < 3:
            return None
        st = m[subj[0] : subj[1]]
        return RawClaim(content, (us, ue), pi, subj, st, st, (cs, ce))

    def _past_cue(
        self, word: str, cue_end: int, pos: int, ue: int, told_words: tuple[str, ...]
    ) -> tuple[int, int]:
        """Step over what follows a cue word: the object of "told" ("told Reuters", which
        joins the cue when it names the press) and up to four adverbials ("on Monday").
        Returns the cue's end and where the rest of the sentence starts."""
        m = self.masked
        addressee_open = word in ADDRESSEE_CUES  # whom it was said to may still follow
        if word in told_words:
            t = _TOLD_OBJECT.match(m, pos, ue)
            if t is not None:
                pos = t.end()
                if t.group("press"):
                    cue_end = pos
                # "told reporters the plan failed and that ...": after a plain object the
                # clause has begun; only "told Feld and others that" names more people.
                addressee_open = m.startswith(" and ", pos)
        for _ in range(4):
            a = _ADVERBIAL.match(m, pos, ue)
            if a is None or a.end() == pos:
                break
            pos = a.end()
        pp = _PP_THEN_THAT.match(m, pos, ue) or _ASIDE_THEN_THAT.match(m, pos, ue)
        if pp is None and addressee_open:
            pp = _ADDRESSEE_THEN_THAT.match(m, pos, ue)
        if (
            pp is None
            and word in told_words
            and (addressee_open or _PREPOSITION_NEXT.match(m, pos, ue) is not None)
        ):
            # "told a gathering in Washington she will protect ...": no "that", a pronoun
            # and its verb start the clause.
            pp = _ADDRESSEE_THEN_SUBJECT.match(m, pos, ue)
        if pp is not None:
            # "noted in a column in Saturday's Times that ...", "argued - twice - that".
            pos = pp.end("pp")
        return cue_end, pos

    def _closing_cue(self, word: str, cs: int, ce: int, ue: int) -> int | None:
        """Where a cue (with its "told Reuters" object) ends when it closes the sentence
        ("..., the official told Reuters." or "..., she said, adding ..."); else None."""
        cue_end, pos = self._past_cue(word, ce, ce, ue, _TOLD_WORDS[:3])
        rest = self.masked[pos:ue].lstrip()
        closing = rest[:1] in ("", ",", ".", "!", "?") or _DASH_AFTER.match(rest) is not None
        return cue_end if closing else None

    def _content_before(self, us: int, s_start: int, used_until: int) -> Span | None:
        m = self.masked
        cs0 = max(us, used_until)
        ce0 = s_start
        while ce0 > cs0 and m[ce0 - 1].isspace():
            ce0 -= 1
        if ce0 > cs0 and m[ce0 - 1] == ",":
            ce0 -= 1
        # A comma inside the closing quote belongs to the quote: ",”" stays.
        s, e = _strip_span(m, cs0, ce0, "")
        if e - s < 2:
            return None
        dl = _DATELINE.match(m, s, e) if s in self.para_starts else None
        if dl is not None and dl.end() < e:
            s = dl.end()
        return s, e

    def _according(
        self, pi: int, us: int, ue: int, cs: int, ce: int, used_until: int
    ) -> RawClaim | None:
        m = self.masked
        end = _content_end(m, ue, ce)
        comma = m.find(",", ce, end)
        colon = _COLON_QUOTE.search(m, ce, end)
        if colon is not None and (comma < 0 or colon.start() < comma):
            # "According to HuffPo: "...."": the quotation is the content.
            src = _strip_span(m, ce, colon.start())
            if 0 < len(m[src[0] : src[1]].split()) <= 12:
                content = _strip_span(m, colon.start() + 1, end, ",;: ")
                text = m[src[0] : src[1]]
                return RawClaim(content, (us, ue), pi, src, text, text, (cs, ce))
        src_e = comma if comma >= 0 else end
        src = _strip_span(m, ce, src_e)
        if src[1] <= src[0] or len(m[src[0] : src[1]].split()) > 20:
            return None
        before = m[max(us, used_until) : cs].strip()
        if used_until > us and len(before.split()) < 6 and comma < 0:
            # '"...," Pence said during the session, according to audio': the whole report.
            before = ""
        if len(before.split()) < 2 and comma < 0 and len(m[us:cs].split()) >= 3:
            # A closing "according to" covers the whole sentence, nested claims included.
            used_until = us
            before = m[us:cs].strip()
        if before.endswith((":", ";")) and comma >= 0:
            before = ""  # "It has not gone unnoticed: according to polls, ...": a new clause
        if before and len(before.split()) >= 2:
            after = m[comma + 1 : end] if comma >= 0 else ""
            if len(after.split()) >= 2 and _NEW_CLAUSE_AFTER.match(after) is None:
                content = _strip_span(m, max(us, used_until), end)
            else:
                got = self._content_before(us, cs, used_until)
                if got is None:
                    return None
                content = got
        elif _ONE_QUOTE.fullmatch(before) is not None:
            # '"...," according to Dr. Ines Vold, a surgeon.': the quotation before is the
            # content, not the apposition after the name.
            content = _strip_span(m, max(us, used_until), cs, ",;: ")
        elif comma >= 0:
            content = _strip_span(m, comma + 1, end)
        else:
            return None
        if content[1] - content[0] < 2:
            return None
        text = m[src[0] : src[1]]
        return RawClaim(content, (us, ue), pi, src, text, text, (cs, ce))

    def _participle(
        self, pi: int, us: int, ue: int, cs: int, ce: int, nxt: int, prev: RawClaim | None
    ) -> RawClaim | None:
        m = self.masked
        word = m[cs:ce].lower()
        obj_end = cue_end = ce
        if word in _TOLD_WORDS[:3]:
            # "stood up and told reporters the levy was unfair": past the listeners.
            cue_end, obj_end = self._past_cue(word, ce, ce, ue, _TOLD_WORDS[:3])
        elif word in ("telling", "reminding", "assuring", "warning"):
            t = _TOLD_OBJECT.match(m, ce, ue)  # "telling Fox 35 that ...": past the object
            if t is not None and _THAT_AHEAD.match(m, t.end(), ue) is not None:
                obj_end = t.end()
        th = _THAT.match(m, obj_end, ue)
        start = th.end() if th is not None else obj_end
        if nxt < ue and "," not in m[start:nxt] and len(m[start:nxt].split()) <= 3:
            nxt = ue  # "adding that she hoped ...": the next cue is inside this content
        end = _content_end(m, min(ue, nxt) if nxt < ue else ue, start)
        if nxt < ue:
            end = self._before_closing_source(start, end, nxt, ue)
        end = self._quote_closes(pi, start, end)
        content = _strip_span(m, start, end)
        if content[1] - content[0] < 3:
            if prev is not None and m[ce:ue].strip() in ("", ":", ",", ":."):
                self.intro = RawClaim(
                    content,
                    (us, ue),
                    pi,
                    prev.source_span,
                    prev.mention,
                    prev.kind_text,
                    (cs, ce),
                    inherit=True,
                )
            return None
        if word == "citing":
            first = m[content[0] : content[1]].split()[:4]
            if any(w.lower().strip(",") in SOURCE_NOUNS for w in first):
                return None
            if _CITING_ASIDE.match(m, content[0], ue) is not None:
                return None  # "The Journal, citing documents, reported ...": an aside
        if prev is None:
            return None
        return RawClaim(
            content,
            (us, ue),
            pi,
            prev.source_span,
            prev.mention,
            prev.kind_text,
            (cs, cue_end),
            inherit=True,
        )

    def _content_after(
        self,
        pi: int,
        us: int,
        ue: int,
        cs: int,
        word: str,
        cstart: int,
        later_cues: list[re.Match[str]],
        src: Span,
        as_opener: bool,
    ) -> tuple[int, int]:
        """Where a content that follows its cue starts and ends: before a later participle
        or closing source, where the subject acts again, before trailing circumstances,
        asides and comparisons, and at the comma of a subordinate or relative clause."""
        m = self.masked
        cend = _content_end(m, ue, cstart)
        # A later participle ("..., adding that") or a new clause with its own
        # source ("..., but Jones said") closes this content.
        for later in later_cues:
            lw = later.group().lower()
            pre = m[max(us, later.start() - 3) : later.start()]
            if lw in PARTICIPLE_CUES and "," in pre:
                cend = min(cend, later.start())
                break
            if lw == "according to" and "," in pre:
                cend = min(cend, later.start())
                break
        # Reported speech ends where the sentence's subject does something else
        # ("..., and reminded the audience"); a stance verb's object at a comma.
        stop = _NEXT_VERB.search(m, cstart, cend)
        if (
            stop is not None
            and len(m[cstart : stop.start()].split()) >= 2
            and not (
                _OWN_SUBJECT.match(m, cstart) is not None
                and "and" in m[stop.start() : stop.start() + 6]
            )
        ):
            # "Trump said he recorded calls and hosted a dinner": with a subject of
            # its own, the reported clause keeps its second verb.
            cend = stop.start()
        if word in STANCE_FORMS:
            # "attacked Fiorina by reminding voters ...", "mentioned the remarks and
            # went back to ...": the object ends where the subject acts again.
            obj_end = _OBJECT_END.search(m, cstart, cend)
            if obj_end is not None and obj_end.start() > cstart:
                cend = obj_end.start()
        if word in STANCE_FORMS:
            comma = m.find(", ", cstart, cend)
            if (
                comma >= 0
                and len(m[cstart:comma].split()) >= 2
                and m[comma + 2 : comma + 3] not in _QUOTE_OPEN
                and not _ADJECTIVE_LIST_END.fullmatch(m, comma, cend)
            ):
                cend = comma
        if src is not None and _RELATIVE_BETWEEN.search(m, src[1], cs) is not None:
            # "Ann Roe, who said the vote was rigged, lost the seat": the relative
            # clause, and so its content, ends where the main verb comes back.
            back = _MAIN_VERB_BACK.search(m, cstart, cend)
            if back is not None and len(m[cstart : back.start()].split()) >= 2:
                cend = back.start()
        trail = _TRAILING_CIRCUMSTANCE.search(m, cstart, cend)
        if trail is not None and len(m[cstart : trail.start()].split()) >= 3:
            cend = trail.start()
        compared = _COMPARED_TAIL.search(m, cstart, cend)
        if (
            compared is not None
            and len(m[cstart : compared.start()].split()) >= 3
            and _QUOTE_MARK_IN.search(m, compared.end(), cend) is None
        ):
            cend = compared.start()  # "41 percent said X, compared with 33 percent ..."
        hint_cut = m.find(", without ", cstart, cend)
        if hint_cut >= 0:
            cend = hint_cut
        aside = _DISCOURSE_ASIDE.search(m, cstart, cend)
        if aside is not None and len(m[cstart : aside.start()].split()) >= 3:
            cend = aside.start()  # "Cruz denied X, however, appearing to ...": ours
        if not as_opener and _SUBORDINATE_LEAD.match(m[us : src[0]].lstrip()) is not None:
            # "While he has said X, he has also Y": the main clause after the comma
            # is not what he said.
            comma = m.rfind(", ", cstart, cend)
            if (
                comma >= 0
                and len(m[cstart:comma].split()) >= 2
                and _CLAUSE_VERB.match(m, comma + 2, cend) is not None
            ):
                cend = comma
        rel = _RELATIVE_BEFORE.search(m, max(us, src[0] - 8), src[0])
        if rel is not None and _FINITE.match(m, cstart) is not None:
            # "the vote, which she has said was a mistake, cost her": the relative
            # clause, pronoun to comma, is what she said.
            comma = m.find(",", cstart, cend)
            cstart, cend = rel.start(), comma if comma >= 0 else cend
        cend = self._quote_closes(pi, cstart, cend)
        return cstart, cend
