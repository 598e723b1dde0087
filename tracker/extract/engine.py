"""Reading a story's attributions: the passes, in order, over one story.

1. ``segment``   paragraphs, quotation spans, the quote-masked text (words inside a
                 quotation never act as cues) and sentences.
2. ``labels``    what each paragraph is: page furniture to skip (headlines, bylines,
                 teasers, captions, credits), a transcript line by a labelled speaker, or
                 text to read past a section label.
3. ``cues``      each sentence's attributions: every cue word tried against the shapes
                 news uses (``shapes``), its source found on either side (``subjects``, with
                 the phrase tests of ``phrases``),
                 the patterns in ``cue_rules``, contents that are no proposition dropped
                 (``propositions``). Status hints (``hints``) are collected per sentence.
4. this module   what a sentence with no cue of its own still says: a poll that leads, a
                 colon that introduces a quote, a quote that goes on (``quotes``: one claim
                 with a further segment, or a new claim of the last speaker), people named
                 in narration (for pronouns), and the story's own voice (worth checking, or
                 hedged: "reportedly").
5. ``build``     sources tidied (``tidy``) and resolved within the story (``sources``),
                 status hints linked to the claims they qualify (``links``), kinds
                 (``kinds``), segments and quote kinds (``quotes``), check-worthiness
                 (``worth``); the ``ExtractedClaim`` list in story order.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from tracker.extract.build import build_claims
from tracker.extract.claim import ExtractedClaim, Span
from tracker.extract.cues import SentenceReader
from tracker.extract.grammar import (
    _COLON_QUOTE,
    _DATELINE,
    _HEDGES_LIST,
    _QUOTE_CLOSE,
    _QUOTE_OPEN,
    _WIRE,
    _XX,
    _content_end,
    _strip_span,
)
from tracker.extract.hints import ASKED, PREVIOUS, Hint, find_hints, hint_positions
from tracker.extract.labels import read_labels
from tracker.extract.quotes import _quote_end, _quote_host, _quote_share, floating_quotes
from tracker.extract.raw import RawClaim
from tracker.extract.segment import segment
from tracker.extract.wordscan import find_words, word_pattern

_Raw = RawClaim  # the name the links pass knows it by

# Two capitalised words in a row, the second not a common org word: a person's name.
_PERSON_NAME = re.compile(
    r"[A-Z](?<![\w][A-Z])[a-z]+(?:\s+[A-Z]\.)?\s+(?:[A-Z][a-z]+-)?[A-Z][a-z]{2,}\b"
)


_OUTLET_DATELINE = re.compile(r"\((Reuters|AP|AFP|UPI|Bloomberg|CNN|BBC|Xinhua)\)")


_OUTLET_TOLD = re.compile(r"told (" + _WIRE + r")\b")


_OUTLET_ASK = re.compile(
    r"(" + _WIRE + r") (?:requests?|inquiry|query|questions?|reporter|interview|count|review|"
    r"tally|analysis|investigation)\b"
)


_HEDGE_WORD = word_pattern(_HEDGES_LIST)


_HEDGE_AFTER_SPACE = word_pattern(_HEDGES_LIST, after_space=True)


_IN_POLL = re.compile(
    r"in(?<![\w-]in) ((?:(?:a|an|the|one|another|most|several|two|three|recent|new|latest|"
    r"his|her|their|its)\s+)?(?:(?!in\b)[\w.'’/&-]+\s+){0,5}?(?:polls|poll|surveys|survey|study)\b)"
    r"(?:\s+(?:by|of|from|for|released|published|conducted|taken|last|this|in)\b[^,.;]{0,50})?"
)


# "In a CBS News poll released Sunday, three of four voters ...": the poll leads.
_LEADING_POLL = re.compile(
    r"\W*(?:In|From|Per)\s+((?:a|an|the|one|another|its|their|his|her)\s+[^,;:]{0,80}?"
    r"(?i:polls?|surveys?|study|studies|analysis|report|data)\b[^,;:]{0,60}),\s+(?=\S)"
)


def guess_outlet(text: str) -> str | None:
    """The outlet a story comes from, read off "(Reuters) -" or "told Reuters" cues."""
    m = _OUTLET_DATELINE.search(text, 0, 2000)
    if m is not None:
        return m.group(1)
    counts: dict[str, int] = {}
    for pat in (_OUTLET_TOLD, _OUTLET_ASK):
        for m in pat.finditer(text):
            name = m.group(1).removeprefix("the ").removeprefix("The ")
            counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: kv[1])[0]


def extract_claims(text: str, *, outlet: str | None = None) -> list[ExtractedClaim]:
    """Every claim in a story, with its source, cue, quote kind and first status.

    ``outlet`` names the story's own voice; without it the outlet is guessed from
    "(Reuters) -" or "told Reuters" cues, else called "the outlet". Pure and total: any
    string gives a list (possibly empty) and never raises.
    """
    if not text or text.isspace():
        return []
    original = text
    # Rules read a copy of the same length where two apostrophes ('') used as a quotation
    # mark become one straight mark and no-break spaces plain ones; spans stay valid.
    text = text.replace("''", '" ').replace("\xa0", " ")
    masked, paragraphs = segment(text)
    outlet_name = outlet or guess_outlet(text) or "the outlet"
    reader = SentenceReader(text, masked, paragraphs)
    raws = reader.raws
    hint_at = hint_positions(original)
    unit_hints: list[tuple[int, Span, int, list[Hint]]] = []
    mentions: list[tuple[int, str]] = []  # people named in narration, for pronouns
    hedge_at = [h.span() for h in find_words(_HEDGE_WORD, _HEDGE_AFTER_SPACE, masked)]
    last_attr: int = -1  # index in raws of the last attributed claim
    last_attr_para = -10
    roles = read_labels(text, paragraphs)
    orphan_open: Span | None = None
    for pi, para in enumerate(paragraphs):
        role = roles.get(pi)
        if role is not None and role.skip:
            # Page furniture (a headline, a teaser, a caption) says nothing; a quotation
            # running on across it still runs on.
            if last_attr_para == pi - 1:
                last_attr_para = pi
            continue
        # A quotation left open at the end of the last paragraph, with no claim of its own,
        # may be closed by an attribution at the start of this one.
        carried, orphan = orphan_open, None
        orphan_open = None
        for ui, (us, ue) in enumerate(para.units):
            intro, reader.intro = reader.intro, None
            if ui == 0 and role is not None and role.start is not None:
                if role.speaker is not None:
                    # A transcript: "CLINTON: ..." gives the speaker the whole paragraph.
                    name = role.speaker
                    content = _strip_span(
                        text, role.start, _content_end(text, para.span[1], role.start)
                    )
                    if content[1] - content[0] >= 2:
                        raws.append(
                            RawClaim(
                                content,
                                (us, para.span[1]),
                                pi,
                                name,
                                text[name[0] : name[1]],
                                text[name[0] : name[1]].title(),
                                None,
                                verbatim=True,
                            )
                        )
                        last_attr = len(raws) - 1
                        last_attr_para = pi
                    break
                if role.start < ue:
                    us = role.start  # "FED TALK: ...": the text after the label is the story's
            found = reader.read_unit(pi, us, ue)
            hints = []
            hi = bisect_left(hint_at, us)
            if hi < len(hint_at) and hint_at[hi] < ue:
                hints = find_hints(original, us, ue)
            if hints:
                unit_hints.append((len(raws) + len(found), (us, ue), pi, hints))
            if found:
                first = found[0]
                if carried is not None and ui == 0 and first.content[0] == us:
                    piece = _strip_span(text, carried[0], carried[1])
                    first.pieces = [piece, *(first.pieces or [first.content])]
                    first.content = (carried[0], first.content[1])
                if orphan is not None and first.content[0] == us and text[us] in _QUOTE_OPEN:
                    piece = _strip_span(text, orphan[0], _content_end(text, orphan[1], orphan[0]))
                    first.pieces = [piece, *(first.pieces or [first.content])]
                    first.content = (orphan[0], first.content[1])
                    first.unit = (orphan[0], first.unit[1])
                orphan = None
                raws.extend(found)
                last_attr = len(raws) - 1
                last_attr_para = pi
                continue
            lead_poll = _LEADING_POLL.match(masked, us, ue)
            if lead_poll is not None and _XX not in lead_poll.group(1):
                content = _strip_span(
                    text, lead_poll.end(), _content_end(text, ue, lead_poll.end())
                )
                if content[1] - content[0] > 8:
                    src = _strip_span(text, lead_poll.start(1), lead_poll.end(1))
                    st = text[src[0] : src[1]]
                    cue_span = (
                        (src[0] - 3, src[0] - 1) if text[src[0] - 3 : src[0] - 1] == "In" else None
                    )
                    raws.append(
                        RawClaim(content, (us, ue), pi, src, st, st, cue_span, finding=True)
                    )
                    last_attr = len(raws) - 1
                    last_attr_para = pi
                    continue
            poll = _IN_POLL.search(masked, us, ue)
            if poll is not None and len(masked[us : poll.start()].split()) >= 3:
                # "Clinton leads by 6 points in a CBS News poll": the poll is the source.
                content = _strip_span(text, us, poll.start())
                src = _strip_span(text, poll.start(1), poll.end())
                cue_span = (poll.start(), poll.start() + 2)
                st = text[src[0] : src[1]]
                raws.append(RawClaim(content, (us, ue), pi, src, st, st, cue_span, finding=True))
                last_attr = len(raws) - 1
                last_attr_para = pi
                continue
            colon = _COLON_QUOTE.search(masked, us, ue)
            if colon is not None and colon.start() > us:
                # "She then addressed the supporters: '...'": whoever the subject is speaks.
                subj = reader._subject(us, colon.start())
                if subj is not None:
                    cue_span = _strip_span(text, subj[1], colon.start())
                    qs = colon.end() - 1
                    content = _strip_span(text, qs, _quote_end(text, qs, ue, para.quotes))
                    if 0 < cue_span[1] - cue_span[0] <= 60 and content[1] - content[0] > 2:
                        st = text[subj[0] : subj[1]]
                        raws.append(RawClaim(content, (us, ue), pi, subj, st, st, cue_span))
                        last_attr = len(raws) - 1
                        last_attr_para = pi
                        continue
            starts_quote = text[us] in _QUOTE_OPEN
            if starts_quote and intro is not None:
                intro.content = _strip_span(text, us, _quote_end(text, us, ue, para.quotes))
                intro.unit = (us, ue)
                intro.para = pi
                raws.append(intro)
                last_attr = len(raws) - 1
                last_attr_para = pi
                continue
            if starts_quote and _quote_share(us, ue, para.quotes) >= 0.6:
                prev = raws[last_attr] if last_attr >= 0 else None
                if prev is not None and pi - last_attr_para <= 1 and not prev.outlet:
                    host = _quote_host(text, raws, last_attr, pi, ui, us, paragraphs)
                    if host is not None:
                        # The same quotation goes on: one claim, its span covering the
                        # attribution between the pieces (as annotators mark broken quotes).
                        host.add_piece(_strip_span(text, us, _quote_end(text, us, ue, para.quotes)))
                        host.unit = (host.unit[0], ue)
                    else:
                        content = _strip_span(text, us, _quote_end(text, us, ue, para.quotes))
                        raws.append(
                            RawClaim(content, (us, ue), pi, None, None, None, None, inherit=True)
                        )
                        last_attr = len(raws) - 1
                    last_attr_para = pi
                    continue
                orphan = (us, ue)
                if ui == len(para.units) - 1 and text[ue - 1] not in _QUOTE_CLOSE:
                    if para.quotes and para.quotes[-1][1] == para.span[1]:
                        orphan_open = (para.quotes[-1][0], ue)  # left open: it goes on
                continue
            # A person named in narration ("Brenda Johnson railed against ...") is who a
            # following "she said" most likely means.
            person = _PERSON_NAME.search(masked, us, min(ue, us + 120))
            subj = reader._subject(us, ue) if person is not None else None
            if subj is not None and person is not None and subj[0] <= person.start() < subj[1]:
                mentions.append((subj[0], text[subj[0] : subj[1]]))
            if any(h.scope in (ASKED, PREVIOUS) for h in hints):
                continue
            cs0 = us
            dl = _DATELINE.match(text, us, ue) if ui == 0 else None
            if dl is not None and dl.end() < ue:
                cs0 = dl.end()
            content = _strip_span(text, cs0, _content_end(text, ue, cs0))
            if content[1] - content[0] < 2 or text[content[1] - 1] == "?":
                continue
            # "reportedly", "appears to": the story hedges its own statement; the hedge is
            # the cue, the voice stays the outlet's.
            cue = None
            hx = bisect_left(hedge_at, (content[0], -1))
            if hx < len(hedge_at) and hedge_at[hx][0] < content[1]:
                cue = hedge_at[hx]
            raws.append(RawClaim(content, (us, ue), pi, None, None, None, cue, outlet=True))
    # Quoted sentences in narration that no claim holds: the last speaker's words.
    skipped = {pi for pi, role in roles.items() if role.skip}
    for pos, claim in reversed(floating_quotes(text, paragraphs, raws, skipped)):
        raws.insert(pos, claim)
        unit_hints = [(i + (i >= pos), span, p, h) for i, span, p, h in unit_hints]
    return build_claims(original, paragraphs, raws, unit_hints, outlet_name, mentions)
