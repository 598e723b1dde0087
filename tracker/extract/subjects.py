"""Who speaks: the source on either side of a cue and a sentence's subject, found with the
patterns and phrase tests of :mod:`.phrases`."""

from __future__ import annotations

import re

from tracker.extract.claim import Span
from tracker.extract.grammar import (
    _AFTER_CUE_TAIL,
    _DATELINE,
    _LEAD,
    _XX,
    _content_end,
    _first_word,
    _last_boundary,
    _stop_after,
    _strip_span,
)
from tracker.extract.hints import Hint
from tracker.extract.lexicon import (
    STANCE_FORMS,
)
from tracker.extract.phrases import (
    _ADVERB_LEAD,
    _APPOSITIVE_THEN_VERB,
    _ASIDE_TRAIL,
    _CONTRACTED,
    _CREDIT_LEAD,
    _CUE_LEAD,
    _FINITE_VERB,
    _NAME_AT_END,
    _NAME_LIKE,
    _NAME_THEN_WHO,
    _ONE_WORD_OPENER,
    _PASSIVE,
    _PREPOSITION_STARTS,
    _RIGHT_CUT,
    _SPEECH_NEXT,
    _SPEECH_PARTICIPLES,
    _SUBJECT,
    _SUBJECT_OPENERS,
    _TIME_LEAD,
    _TIME_OPENER,
    _TRAIL,
    PARTICIPLE_END,
    _plausible_source,
    _source_after_phrase,
)
from tracker.extract.raw import RawClaim
from tracker.extract.segment import Paragraph


class SourceFinder:
    """Finds who is speaking around a cue, within one story."""

    text: str
    masked: str
    paragraphs: list[Paragraph]
    raws: list[RawClaim]
    cues: list[re.Match[str]]
    cue_starts: list[int]
    para_starts: set[int]
    intro: RawClaim | None
    hints: list[tuple[int, Hint]]

    # ---- source on the left of a cue -------------------------------------------------
    def _left_source(
        self, us: int, cs: int, weak: bool
    ) -> tuple[Span | None, str | None, bool, int]:
        """Source span before a cue, kind text, whether passive, and where the chunk starts.

        Returns ``(None, None, passive, chunk_start)`` when no plausible source is there.
        """
        m = self.masked
        lo = max(us, cs - 260)
        stripped = m[lo:cs].rstrip()
        # "is calling for", "are questioning": a progressive, not a passive.
        passive = _PASSIVE.search(stripped[-14:]) is not None and not m[cs : cs + 12].split(" ")[
            0
        ].endswith("ing")
        for _ in range(6):
            t = _TRAIL.search(stripped)
            if t is None:
                glued = _CONTRACTED.search(stripped)
                if glued is None:
                    break
                stripped = stripped[: glued.start(1)]
                continue
            if PARTICIPLE_END.search(stripped, 0, t.start()) is not None:
                break  # "A report published last month": the time is the participle's
            stripped = stripped[: t.start()]
        aside = _ASIDE_TRAIL.search(stripped)
        if aside is not None:
            stripped = stripped[: aside.start()]  # "he, once again, pledged": he
        bstart, bchar = _last_boundary(stripped, 0, len(stripped))
        if bchar == "and":
            # "NBC News and The Wall Street Journal reported": two sources, one report.
            pb, pc = _last_boundary(stripped, 0, bstart - 3)
            left = stripped[pb : bstart - 3].strip()
            right = stripped[bstart:].strip()
            before = stripped[: pb - 1].rstrip()
            # "A, B and C want ...": with the sentence going on after the cue, a name before
            # the comma makes B and C the end of a list; "..., NBC and CNN reported." closes.
            in_list = (
                pc == ","
                and _NAME_AT_END.search(before) is not None
                and len(m[cs : _stop_after(m, cs)].split()) > 3
            )
            if in_list:
                # "Officials in Leith, Portobello and Granton said": the list ends a
                # longer subject; take it from its head when that names a source.
                list_start = self._list_head(stripped, pb)
                if list_start is not None and _plausible_source(
                    stripped[list_start:].strip(), weak
                ):
                    bstart = list_start
            elif (
                _NAME_LIKE.fullmatch(left) is not None
                and right[:1].isupper()
                and len(left.split()) <= 5
                and _plausible_source(left, weak)
                and _plausible_source(right, weak)
            ):
                bstart = pb
        s, e = _strip_span(m, lo + bstart, lo + len(stripped), "")
        lead = _LEAD.match(m, s, e)
        if lead is not None:
            s = lead.end()
        adverb = _ADVERB_LEAD.match(m, s, e)
        if adverb is not None and adverb.end() < e:
            s = adverb.end()  # "..., yet Vatican officials emphasized": Vatican officials
        if m.startswith("with ", s) and m[cs : cs + 20].split(" ", 1)[0].endswith("ing"):
            s += 5  # "..., with three in 10 saying ...": the participle's own subject
        when = _TIME_LEAD.match(m, s, e)
        if when is not None and when.end() < e:
            s = when.end()  # "but late Saturday he announced": the time is not the source
        chunk = m[s:e]
        if chunk[:1].isalpha() and chunk.split(" ", 1)[0].lower() in _PREPOSITION_STARTS:
            inner = _source_after_phrase(m, s, e, weak)
            if inner is not None:
                s = inner  # "In early November the company announced": the company
                chunk = m[s:e]
        if chunk.lower() == "who" or (not chunk and bchar == ","):
            # "X, who ..., said" / "X, 60, a doctor, said": the subject sits before the
            # clauses between commas; walk back over at most three of them.
            end_pos = lo + bstart - 1 if not chunk else s
            seg_end = end_pos if not chunk else m.rfind(",", lo, s)
            for _ in range(3):
                if seg_end < lo:
                    break
                comma = m.rfind(",", lo, seg_end) if not chunk else seg_end
                if comma < lo:
                    break
                hb, _b = _last_boundary(m, lo, comma)
                hs, he = _strip_span(m, hb, comma, "")
                lead = _LEAD.match(m, hs, he)
                if lead is not None:
                    hs = lead.end()
                adverb = _ADVERB_LEAD.match(m, hs, he)
                if adverb is not None and adverb.end() < he:
                    hs = adverb.end()
                cue_lead = _CUE_LEAD.match(m, hs, he)
                if cue_lead is not None:
                    hs = cue_lead.end()
                credit = _CREDIT_LEAD.match(m, hs, he)
                if credit is not None and credit.end() < he:
                    hs = credit.end()  # "( Photo / Star ) Accountant Ines Vold, 50, says"
                head = m[hs:he]
                if _plausible_source(head, weak):
                    if chunk:
                        tail = _NAME_AT_END.search(m, max(hs, he - 80), he)
                        if (
                            len(head.split()) > 5
                            and tail is not None
                            and tail.start() > hs
                            and _plausible_source(tail.group(), weak)
                        ):
                            return tail.span(), tail.group(), passive, tail.start()
                        return (hs, he), head, passive, hs
                    appos = m[comma + 1 : end_pos].strip()
                    relative = appos.lower().startswith(("who ", "which ", "whose "))
                    if len(appos.split()) > 45 or (_XX in appos and not relative):
                        return None, None, passive, s
                    if appos.lower().startswith(("who ", "which ", "whose ", "citing ")):
                        return (hs, he), m[hs:end_pos], passive, hs
                    return (hs, end_pos), m[hs:end_pos], passive, hs
                if chunk:
                    tail = _NAME_AT_END.search(m, max(lo, comma - 80), comma)
                    if tail is not None and _plausible_source(tail.group(), weak):
                        # "... with help from Labor Secretary Tom Perez, who said": the
                        # name right before the relative pronoun.
                        return tail.span(), tail.group(), passive, tail.start()
                    break
                seg_end = comma
            return None, None, passive, s
        if _plausible_source(chunk, weak):
            return (s, e), chunk, passive, s
        return None, None, passive, s

    @staticmethod
    def _list_head(stripped: str, item: int) -> int | None:
        """Where a subject ending in a list of names starts: back over ", Name" items to
        the phrase before the first ("Officials in Leith" of "Officials in Leith,
        Portobello and Granton"); None when that phrase is itself only a name."""
        comma = item - 1
        for _ in range(12):
            start, char = _last_boundary(stripped, 0, comma)
            piece = stripped[start:comma].strip()
            if char == "," and _NAME_LIKE.fullmatch(piece) and len(piece.split()) <= 4:
                comma = start - 1
                continue
            return None if _NAME_LIKE.fullmatch(piece) else start
        return None

    def _speech_follows(self, word: str, ce: int, ue: int) -> bool:
        """Whether a participle reports speech: "saying ...", "adding that", "noting:"."""
        if word in _SPEECH_PARTICIPLES or _SPEECH_NEXT.match(self.masked, ce, ue) is not None:
            return True
        # Stance verbs take an object ("..., calling the plan a disgrace").
        nxt = _first_word(self.masked[ce : ce + 20])
        return word in STANCE_FORMS and nxt not in _AFTER_CUE_TAIL

    def _subject(self, us: int, upto: int) -> Span | None:
        """The sentence's subject when it names a plausible source ("Trump went on, saying")."""
        m = self.masked
        s = us
        lead = _LEAD.match(m, s, upto)
        if lead is not None:
            s = lead.end()
        dl = _DATELINE.match(m, s, upto)
        if dl is not None:
            s = dl.end()
        named = _NAME_THEN_WHO.match(m, s, upto)
        if named is not None and _plausible_source(named.group(1), False):
            return named.span(1)  # "Okafor, who has campaigned for years, stood up and ..."
        one = _ONE_WORD_OPENER.match(m, s, upto)
        appos = _APPOSITIVE_THEN_VERB.match(m, one.end(), upto) if one is not None else None
        if one is not None and appos is not None:
            # "Marsh, the town's doctor, is more blunt: ...": the name and its appositive.
            if _plausible_source(m[s : one.end() - 2], False):
                return s, appos.end("appos")
        fw = _first_word(m[s : s + 20])
        if (
            fw in _SUBJECT_OPENERS
            or fw.endswith("ly")
            or _ONE_WORD_OPENER.match(m, s, upto)
            or _TIME_OPENER.match(m, s, upto)
        ):
            # "For months, Obama has ...": the subject follows the opening phrase.
            comma = m.find(",", s, min(upto, s + 80))
            if comma < 0:
                return None
            s = comma + 1
            while s < upto and m[s] == " ":
                s += 1
        sm = _SUBJECT.match(m, s, upto)
        if sm is None:
            return None
        span = _strip_span(m, sm.start(), sm.end())
        if m[span[0] : span[1]].lower().replace("’", "'") in ("he's", "she's"):
            span = (span[0], span[1] - 2)  # "He’s comparing ... and says": he is
        if span[1] <= span[0] or not _plausible_source(m[span[0] : span[1]], False):
            return None
        return span

    # ---- source on the right of a cue ------------------------------------------------
    def _right_source(self, pos: int, ue: int, weak: bool) -> Span | None:
        m = self.masked
        end = _content_end(m, ue, pos)
        if end <= pos:
            return None
        cut = _RIGHT_CUT.search(m, pos, end)
        stop = cut.start() if cut is not None and cut.start() > pos + 1 else end
        s, e = _strip_span(m, pos, stop)
        if e <= s:
            return None
        comma = m.find(",", s, e)
        core_e = comma if comma >= 0 else e
        core = m[s:core_e].strip()
        if not _plausible_source(core, weak) or _FINITE_VERB.search(core) is not None:
            return None  # "..., said the days of one story are gone": a clause, not a name
        if len(m[s:e].split()) > 25 or _XX in m[s:e]:
            e = core_e
        return s, e
