"""Reading a story's attributions: cues, sources, contents, quotes, continuations.

One pass over sentences. In each sentence (read with quotation interiors masked, so that
words inside a quote never act as cues) every cue is tried against the shapes news uses:

- content first: ``"...," the official said`` / ``..., an official told Reuters``;
- source first: ``X said (that) ...``, ``X said: "..."``, ``X told reporters ...``, with
  ``in a statement`` / ``on X (formerly Twitter)`` / dates skipped between cue and content;
- inverted: ``"...," said Jane Doe, a spokeswoman`` (a quote broken by the attribution
  stays one claim whose span covers both pieces, as annotators mark broken quotes);
- ``according to X``, leading or closing; ``citing`` (a claim of its own unless it only
  names a source: "citing sources");
- appositives and relative clauses around the source: ``X, who spoke on condition of
  anonymity ..., said``; participles and coordinated verbs carry the same source
  (``..., adding that``; ``... but added``); a new clause with its own source ends the
  previous content (``..., while Cruz said``);
- quotes: a quotation left open at a paragraph's end continues in the next paragraph as the
  same claim; a closed quote followed by a quote paragraph with no cue is a new claim of
  the last speaker; ``X went on to say:`` takes the quote that follows; transcript labels
  (``CLINTON: ...``) give the paragraph to the speaker;
- the story's own voice: an unattributed sentence is an ``outlet`` claim when it is worth
  checking (check-worthiness >= 0.6: a number, or a date and a name), or when it carries
  a hedge (``reportedly``, ``is expected to``), which becomes its cue.

Weak cues (verbs that are often nouns or narration: "plans", "found", "called") count
only next to a plausible source, and yield to a closing attribution in the same sentence.
Sources are then resolved within the story (``SourceBook``) and status hints applied.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from tracker.extract.claim import ExtractedClaim, Span
from tracker.extract.hints import ASKED, PREVIOUS, Hint, find_hints, hint_positions
from tracker.extract.kinds import finding_source, kind_of_claim
from tracker.extract.labels import read_labels
from tracker.extract.lexicon import (
    BASE_FORMS,
    CUE_WORDS,
    FINDING_CUES,
    PARTICIPLE_CUES,
    PLURAL_QUANTIFIERS,
    PRONOUN_SOURCES,
    SINGLE_QUANTIFIERS,
    SOURCE_NOUNS,
    STANCE_FORMS,
    WEAK_CUES,
    WIRE_NAMES,
)
from tracker.extract.links import apply_hints
from tracker.extract.propositions import is_proposition, non_speech
from tracker.extract.segment import Paragraph, segment
from tracker.extract.sources import SourceBook
from tracker.extract.tidy import tidy_claims
from tracker.extract.wordscan import find_words, word_pattern
from tracker.extract.worth import check_worthiness, could_be_worth
from tracker.vocab import AttributionKind, ClaimStatus, QuoteKind, SourceKind

# Participles also open sentences: "Noting that ..., the mayor said".
_OPENING_CUES = (*(w.capitalize() for w in PARTICIPLE_CUES if " " not in w), "Asked", "Said")
_CUE = word_pattern((*CUE_WORDS, *_OPENING_CUES, "according to", "According to"))
_CUE_AFTER_SPACE = word_pattern(
    (*CUE_WORDS, *_OPENING_CUES, "according to", "According to"), after_space=True
)
_BOUNDARY_WORDS = (
    "that and but because while when as if after before since although though so where whom "
    "than until whether which then what how why or once unless whereas"
).split()
_LEFT_BOUNDARY = re.compile(
    r"[,;:“”\"—–―(]|\s-\s|"
    + word_pattern(_BOUNDARY_WORDS + [w.capitalize() for w in _BOUNDARY_WORDS]).pattern
)
_TRAIL = re.compile(
    r"\s+(?:also|now|still|often|has|have|had|is|are|was|were|would|will|could|might|may|can|"
    r"did|does|do|"
    r"not|never|later|then|previously|again|repeatedly|publicly|privately|once|further|"
    r"earlier|recently|initially|first|still|even|just|already|often|long|frequently|"
    r"subsequently|similarly|separately|reportedly|always|both|all|too|himself|herself|"
    r"however|though|meanwhile|instead|nonetheless|likewise|there|here|since|\([A-Z][\w.]*-[A-Z][\w.]*\)|"
    r"themselves|itself|[a-z]+ly|(?:(?:late|early)\s+)?(?:on|last|this|next)\s+(?:Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year|night|morning|weekend)|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|"
    r"in an? (?:statement|interview|email|letter|speech)|(?:went|goes|go|going) on to|"
    r"continued to|(?:was|were|is|are) quick to|rushed to|hastened to|tried to|sought to)$"
)
# "he's said", "they've argued": the auxiliary glued to the pronoun.
_CONTRACTED = re.compile(r"\b(?:[Hh]e|[Ss]he|[Ii]t|[Ww]ho|I|[Tt]hey|[Ww]e|[Yy]ou)(['’](?:s|ve|d))$")
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|got|gets)\s*$")
_LEAD = re.compile(
    r"^(?:But|And|So|Yet|Still|Now|Also|Instead|Later|Earlier|Then|Meanwhile|However|"
    r"Separately|Similarly)\b[\s,]*"
)
_DETERMINER_WORDS = frozenset(
    {
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "our",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "several",
        "some",
        "many",
        "most",
        "other",
        "another",
        "multiple",
        "few",
        "numerous",
        "various",
        "both",
        "senior",
        "top",
        "these",
        "those",
        "this",
        "that",
        "each",
        "every",
        "no",
        "all",
        "more",
        "former",
        "current",
        "dozens",
        "subsequent",
        "previous",
        "earlier",
        "later",
        "new",
        "recent",
        "initial",
        "early",
        "independent",
        "separate",
        "similar",
        "such",
        "latest",
        "preliminary",
        "final",
        "internal",
        "private",
    }
)
_ADVERBIAL = re.compile(
    r"\s*,?\s*(?:"
    r"on\s+[A-Z][\w.&]*(?:'s|’s)\s+[“\"][^“”\"\n]{1,80}[”\"]|"
    r"(?:late |early )?(?:on |last |this |next )?(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|week|month|year|weekend|night|morning|afternoon|evening)"
    r"(?: (?:night|morning|afternoon|evening))?"
    r"|that (?:week|month|year|weekend|night|morning|afternoon|evening|day)(?!\s+(?:was|is|will|"
    r"would|had|has)\b)"
    r"|(?:yesterday|today|tonight|earlier|later|recently|previously|again|also|publicly|"
    r"privately|repeatedly|then|once|too|flatly|bluntly|separately|afterward|afterwards|"
    r"Tuesday)"
    r"|(?:in|during|at|on|via|through|over|after|before)\s+(?:an?|the|his|her|their|its|this|"
    r"that|[A-Z][\w.]*(?:'s|’s))\s+(?:[\w'’-]+\s+){0,3}(?:statement|interview|email|e-mail|"
    r"post|tweet|letter|speech|address|news conference|press conference|conference|briefing|"
    r"hearing|rally|event|meeting|call|appearance|video|message|op-ed|memo|filing|report|"
    r"session|remarks|debate|town hall|podcast|broadcast|program|show|sermon|blog|"
    r"statements|comments|release|appearance|visit|summit|forum|gathering|discussion)"
    r"(?:\s+(?:on|with|to|at|in|from|for)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)"
    r"{0,3})?"
    r"|on\s+(?:X|Twitter|Facebook|Instagram|Truth Social|Telegram|TikTok|YouTube|Threads|"
    r"Bluesky|LinkedIn|television|TV|radio|CNN|Fox News|MSNBC|CNBC|NBC|CBS|ABC|NPR|"
    r"Sunday|Monday)(?:\s*\(formerly (?:known as )?Twitter\))?"
    r"|in (?:a|an) (?:written |emailed |televised |brief |joint |recent )?(?:statement|"
    r"interview|email|post|tweet|letter|speech)"
    r"|in comments\b"
    r"|in\s+[A-Z][a-z]+(?:,\s+[A-Z][a-z.]+)?(?=\s+(?:that|on|last|this|[a-z]+ly)\b)"
    r"|[a-z]{3,}ly(?=\s+(?:to|at|in|on|from|during|after|before|that)\b|\s*,)"
    r"|(?:on|in|last)\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,\s*\d{4})?"
    r"|in\s+(?:19|20)\d\d"
    r"|to (?:reporters|journalists|the press|the media|supporters|lawmakers|a crowd|an "
    r"audience)"
    r")(?!\w)"
)
_STOP = re.compile(r"[.!?;]")


def _stop_after(m: str, pos: int) -> int:
    """Where the sentence running on from ``pos`` stops (looking at most 240 characters)."""
    stop = _STOP.search(m, pos, pos + 240)
    return stop.start() if stop is not None else min(len(m), pos + 240)


# Capitalised words with the particles names use: "The Wall Street Journal", "Bank of Italy".
_NAME_LIKE = re.compile(
    r"(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+(?:[A-Z][\w.&'’-]*|of|the|for|de|al|bin|van|von))*"
)
# Auxiliaries and modals: a finite verb, whatever the clause.
_AUX = "has|have|had|is|are|was|were|will|would|could|should|can|may|might|must"
_IRREGULAR_PAST = "became|made|took|gave|came|went|led|began|won|lost|got|kept|held|ran|sent|saw"
_FINITE = re.compile(rf"(?:{_AUX})\b")
# A clause's verb within its first words ("the mere mention of her name could ...").
_CLAUSE_VERB = re.compile(rf"(?:[\w'’.-]+\s+){{0,8}}?(?:{_AUX}|{_IRREGULAR_PAST}|[a-z]{{3,}}ed)\b")
# A run of prepositional phrases between a cue and its "that" ("wrote in a guest column
# in Saturday's Times that ..."): no comma, quote or clause inside. "to" must take an
# object ("told him", "to reporters"), not a verb ("sought to put ..."), and the "that"
# must open a clause, not a relative one ("a centre that works with ...").
_PP_THEN_THAT = re.compile(
    r"(?P<pp>\s*,?\s+(?:(?:in|on|at|during|with|before|after|from|via|through|over|for)\s+|"
    r"to\s+(?=(?:him|her|them|me|us|reporters|the|an?|his|their|its|our|[A-Z\d])\b))"
    r"(?:(?!(?:to|so|that|[a-z]+ing)\s)[\w.'’&$%-]+\s+){1,9}?)that\s+"
    rf"(?!(?:{_AUX}|{_IRREGULAR_PAST}|[a-z]+ed|[a-z]+s\s+(?!(?:{_AUX}|[a-z]+ed)\b))\b)"
)
_EMPHATIC_DO = re.compile(r"\b(?:does|do|did)\s+$")
_ASIDE_THEN_THAT = re.compile(
    r"(?P<pp>(?:\s+[a-z]{3,}ly)?\s*(?:--|—|–|-)\s[^-–—“\"]{1,120}?\s(?:--|—|–|-)\s*)(?=that\s)"
)
_LOWER_AFTER_MARK = re.compile(r"[“\"«']{1,2}(?:\.\.\.\s*|…\s*)?[a-z]")
_ADD_FORMS = frozenset({"added", "adds", "adding", "add"})
_ADD_TO = re.compile(r"\s+to\s+(?!(?:reporters|journalists|the press|the media)\b)")
_SAY_FORMS = frozenset({"say", "said", "says"})
_NEG_BEFORE = re.compile(
    r"\b(?:would|did|has|have|will|could|does|do)(?:\s+not|n't|n’t)\s+(?:yet\s+|publicly\s+)?$"
    r"|\bwon(?:'t|’t)\s+$|\b(?:refused|declined|refuses|declines)\s+to\s+$"
)
# The words an indirect question opens with ("whether the depot will close").
_WH = "whether|if|what|why|how|who|whom|which|where|when"
_WH_AFTER = re.compile(rf"\s+(?:publicly\s+|exactly\s+|immediately\s+)?(?=(?:{_WH})\b)")
_SUBORDINATE_LEAD = re.compile(
    r"(?:While|Although|Though|Because|If|When|After|Since|As|Even though|Even as|Whereas|"
    r"Once|Until|Unless)\s"
)
_RELATIVE_BEFORE = re.compile(r"\b(?:which|that)\s+$")
_NOTHING_AFTER = re.compile(r"\s*[.!?]?\s*$")  # a cue that ends its sentence
# "The Journal, citing documents, reported ...": what "citing" names is an aside.
_CITING_ASIDE = re.compile(
    r"[^,;:“\"]{1,80},\s+(?:[a-z]+ly\s+)?(?:said|says|reported|reports|wrote)\b"
)
_OPENING_ASK_LEADS = frozenset({"", "When", "After", "If", "Once", "Even when", "Also"})


def _cue_within(cue_starts: list[int], lo: int, hi: int) -> bool:
    """Whether a cue word starts in ``[lo, hi)``."""
    i = bisect_left(cue_starts, lo)
    return i < len(cue_starts) and cue_starts[i] < hi


_AS_BY_CUES = frozenset({"reported", "noted", "revealed", "disclosed", "detailed"})
_AS_BEFORE = re.compile(r"\b[Aa]s\s+(?:first\s+|previously\s+|was\s+|has been\s+|also\s+)?$")
_BY_SOURCE = re.compile(r"\s+by\s+(?P<src>[^,;:“\"]{2,80}?)\s*,\s*")
_ASK_WORDS = frozenset({"asked", "asking", "asks"})
# Before "asked" when nobody asking is named: "when asked", "was asked", "after being asked".
_SOURCELESS_ASK = re.compile(
    r"\b(?:[Ww]hen|[Aa]fter|[Ii]f|[Oo]nce|[Bb]eing|been|was|were|is|are|be|get|got|gets)\s+$"
)
_ASKED_QUOTE = re.compile(r"\s*[,:]?\s*[“\"]")
# Where the question starts: past who was asked, where and when, and "about".
_QUESTION_START = re.compile(
    r"(?:\s+(?:by|at|during|in|on)\s+[^,;:“\"]{1,80}?)?\s*,?\s+"
    rf"(?:about\s+|(?=(?:{_WH}|to\s+[a-z]+|an?|the|this|that)\b))"
)
_ASK_OBJECT = re.compile(rf"(?!for\b)(?:[\w.'’-]+\s+){{1,5}}?(?:about\s+|(?=(?:{_WH})\b))")
_TOLD_WORDS = ("told", "tells", "tell", "telling")
_TOLD_OBJECT = re.compile(
    r"\s+(?:(?P<press>reporters|journalists|the press|the media|(?:The |the )?[A-Z][\w.&'’-]*"
    r"(?:\s+(?:of\s+)?[A-Z][\w.&'’-]*){0,4}(?:\s+(?:news agency|newspaper|network|radio|television|"
    r"magazine|website))?)|lawmakers|supporters|voters|"
    r"(?:the|an?|his|her|their) (?:[\w-]+ ){0,2}?(?:newspaper|paper|station|network|magazine|"
    r"committee|court|jury|crowd|audience|agency|outlet|board|panel|council|website|"
    r"supporters|followers|colleagues|staff|reporter|interviewer|host|group|members|gathering|"
    r"rally|convention|conference|forum|summit|meeting|dinner|luncheon|hearing|town hall)|"
    r"(?:the|his|her|their|its|our) (?:[a-z-]+ ){0,2}?[a-z-]{3,}(?<!s)s(?=[\s,.])|"
    # a bare plural of people: "told investigators", "told donors", "told aides"
    r"[a-z]{2,}(?:ors|ers|ists|ants|ents|ians|ees)|aides|allies|friends|officials|donors|"
    # a bare pronoun last, so that "her aides" is taken whole
    r"him|her|them|us|me)\b"
)
_SUBJECT = re.compile(
    r"(?:(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir)\s+)?(?:\d[\w-]*\s+)?(?:[A-Z][\w.'’-]*|[a-z][\w-]*)"
    r"(?:\s+(?:[A-Z][\w.'’-]*|of|de|al|bin|van|von|for))*(?=\s+[a-z])|[Hh]e\b|[Ss]he\b|"
    r"[Tt]hey\b|We\b|I\b"
)
_CLAUSE_JOIN = re.compile(
    r"(?:[,;]\s*(?:(?:and|but|while|whereas)\s+)?|\s(?:but|while|whereas)\s+)$"
)
_INFINITIVE = re.compile(
    r"\b(?:to|will|would|could|should|might|may|can|must|not|did|does|do|didn't|don't|"
    r"doesn't|didn’t|don’t|doesn’t|cannot|never|I|you|we)\s+$"
)
_AUX_BEFORE = re.compile(
    r"\b(?:has|have|had|is|are|was|were|their|his|her|its|our|the|other|these|those|many|"
    r"some|such|new|own)\s+$",
    re.IGNORECASE,
)
_BY_AFTER = re.compile(r"\s+(?:by|in)\b")
_SPEECH_NEXT = re.compile(r"\s*(?:,\s*)?(?:that\b|[:“\"«]|'')")
_SPEECH_PARTICIPLES = frozenset({"saying", "telling", "asking"})
_GERUND_BEFORE = re.compile(
    r"\b(?:of|for|by|about|in|on|from|without|after|before|at|to|into|with)\s+$"
)
_NEXT_VERB = re.compile(
    r",?\s+and\s+(?:also\s+|then\s+|later\s+)?(?:re)?[a-z]{3,}ed\s+(?:the|a|an|his|her|their|"
    r"that|to|it|him|them|[A-Z][a-z]+)\b"
    # "..., but he gave the Texan a compliment": the speaker acts again.
    r"|(?:(?<=,)|(?<=,[”\"]))\s+(?:but|and|yet)\s+(?:he|she)\s+(?:also\s+|then\s+|later\s+)?(?:[a-z]{3,}ed|gave|"
    r"made|took|went|came|left|won|lost|got|kept|held|ran|sent|saw|met|began|spent|"
    r"stopped|shot)\b"
)
_OWN_SUBJECT = re.compile(
    r"(?:he|she|they|we|I|it)\s+(?:then\s+|also\s+|had\s+|has\s+|have\s+)?[a-z]+ed\b"
)
_THAT_NEXT = re.compile(r"\s+that\s")
_AFTER_QUOTE_ACTION = re.compile(r"\s*,?\s*(?:and|but|before|then|as|while)\s")
_CUE_LEAD = re.compile(r"(?:said|says|told|asked|added|wrote|according to)\s+")
# Circumstances of the saying at the end of the content ("... in an interview with X").
_TRAILING_CIRCUMSTANCE = re.compile(
    r",?\s+(?:in an? (?:recent |televised |phone |telephone )?(?:interview|statement|speech|"
    r"email|letter|post|tweet)(?:\s+(?:with|to|on)\s+[^,.;]{1,40})?|on (?:Twitter|Facebook|X))$"
)
# "This is ...", "That was ...": a clause, not an opening phrase like "This week,".
_CLAUSE_OPENING = re.compile(rf"(?:This|That|These|Those)\s+(?:{_AUX}|isn't|wasn't|does|did)\b")
_DISCOURSE_ASIDE = re.compile(r",\s+(?:however|though|meanwhile|nonetheless|instead|too)\s*,")
_COMPARED_TAIL = re.compile(r",\s+(?:compared (?:with|to)|up from|down from)\s")
_QUOTE_MARK_IN = re.compile(r"[“\"]")
_REFLEXIVE_AFTER = re.compile(r"\s+(?:himself|herself|themselves|itself|myself|ourselves)\b")
_AS_OPENERS = frozenset({"as", "as first", "as previously", "just as", "as first reported"})
# Two capitalised words in a row, the second not a common org word: a person's name.
_PERSON_NAME = re.compile(
    r"[A-Z](?<![\w][A-Z])[a-z]+(?:\s+[A-Z]\.)?\s+(?:[A-Z][a-z]+-)?[A-Z][a-z]{2,}\b"
)
_ALNUM = re.compile(r"[^\W_]")
_AS_SAYING = re.compile(r"(?:\s+[^,.;:“\"]{2,60}?)?\s+as\s+(?:saying|telling\s+\w+)\b")
_DASH_AFTER = re.compile(r"(?:--|—|–|-\s)")
_NO_COMMENT_AFTER = re.compile(
    r"(?!\s+to\s+(?:\w+ly\s+)?[a-z]+)|\s+to\s+(?:\w+ly\s+)?(?:comment|respond|answer|reply|discuss|"
    r"elaborate|say|be\s+(?:interviewed|named|identified)|speak|talk|confirm|provide|give|make|"
    r"return)\b"
)
_TIME_LEAD = re.compile(
    r"(?:(?:[Ll]ate|[Ee]arly|[Oo]n|[Ll]ast|[Tt]his|[Ee]arlier|[Ll]ater|[Bb]y|[Ii]n)\s+)?(?:Monday|"
    r"Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|week|month|year|night|morning|afternoon|evening|today|"
    r"yesterday|then|now)(?:\s+(?:night|morning|afternoon|evening))?,?\s+(?=[A-Za-z])"
)
_ADJECTIVE_LIST_END = re.compile(r",\s+[a-z]+(?:,\s+[a-z]+)*,?\s+and\s+[a-z]+(?:\s+[a-z]+)?\s*")
_REST_THEN_QUOTE = re.compile(r"(?:to|on|in|at|with)\s[^“\".;:]{2,70}?,\s*(?=[“\"])")
_PART_OF = re.compile(
    r"(?i:" + "|".join(PLURAL_QUANTIFIERS + SINGLE_QUANTIFIERS) + r")\s+of\s+(?=\S)"
)
_OPENING_PARTICIPLE_LEADS = frozenset({"", "While", "After", "Before", "In", "By", "Despite"})
_ONE_WORD_OPENER = re.compile(r"[A-Z][a-z]+,\s")  # "There, the chairman ...", "Still, she ..."
_THAT_AHEAD = re.compile(r"\s*,?\s*(?:that\b|[:“\"])")
# A clause (subject, then a finite verb) rather than an appositive noun phrase.
_CLAUSE_AHEAD = re.compile(
    r"(?:the|a|an|this|that|these|those|its|his|her|their|our|such)\s+(?:[\w'’-]+\s+){0,4}?"
    r"(?:will|would|could|can|may|might|must|should|is|are|was|were|has|have|had|does|do|did)\b"
)
_SPEECH_SOON = re.compile(r"(?:\s+[\w'’-]+){0,4}?\s+that\b|\s*[:“\"]")
_THEN_GERUND = re.compile(r"(?:,\s*(?:before|after|while)|\sby)\s+$")
_OBJECT_END = re.compile(
    r"\s+(?:when|as|while|after|before|because|since)\s+(?:he|she|they|we|I|it)\s|"
    r"\s+(?:by|and)\s+[a-z]{2,}ing\b|(?<=,[”\"])\s+[a-z]{3,}ing\b|"
    r"\s+and\s+(?:then\s+|later\s+)?(?:went|got|made|took|gave|left|told|said|spent|"
    r"began|ran|won|lost|kept|held|met|came|sent|put|brought)\b"
)
_POLL_SHARE = re.compile(
    r"(?:(?:about|nearly|almost|roughly|only|just|fully|some|over|under|more than|less than|"
    r"fewer than|a|the)\s+)*(?:[\w.-]+\s+(?:percent|per cent|in (?:10|ten|\w+))|half|"
    r"(?:(?:large|overwhelming|slim|narrow|clear)\s+)?majorit(?:y|ies)|minority|plurality|third|"
    r"two-thirds|quarter|three-quarters)\b"
    r"(?!\s+(?:of (?:the|a|an) "
    r"(?:time|way|year|month|day|century|world|country|city|state|budget|money|cost|seats)))",
    re.IGNORECASE,
)
_RELATIVE_BETWEEN = re.compile(r",\s*(?:who|which)\b")
_MAIN_VERB_BACK = re.compile(
    r",\s+(?:(?:also|later|then|now|has|had|have|is|was|will|would|did|does)\s+)?"
    r"(?!(?:and|but|or|nor|yet|so|as|which|who|whose|while|when|where|because|although|"
    r"though|since|after|before|if|unless|until|including|like|than|then|that|with|from|for|"
    r"into|about|over|under|among|between|during|without|within|the|a|an|not|in|on|at|to|of)\b)"
    r"[a-z]{3,}\s+(?:the|a|an|his|her|their|its|that|to|on|in|at|for|with|him|them|it|up|out|"
    r"down|back|off)\b"
)
# A run of capitalised words ending a stretch of text: the name a relative clause follows.
_NAME_AT_END = re.compile(r"(?<![\w.'’-])(?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*$")
_COMMA_BEFORE = re.compile(r"(?:,|,?[”\"])\s*$")
_COORD = re.compile(
    r",?\s+(?:and|but)\s+(?:(?:also|then|later|has|have|had|is|was|now|still|again|"
    r"publicly|repeatedly|even|quickly)\s+){0,2}"
    # "... but in a later interview said ...": when or where, between the verbs
    r"(?:(?:in|on|at|during|after|before)\s+(?:an?|the|his|her|their|its|a later|this|last)\s+"
    r"[\w\s'’-]{1,30}?\s+|(?:on|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)\s+)?$"
)
_THAT = re.compile(r"\s*[,:]?\s*(?:that\s+)?")
_RIGHT_CUT = re.compile(
    r",\s+(?:who|which|adding|saying|noting|citing|according|in|on|at|during|when|while|as|"
    r"after|before|because|but|and)\b|\s+(?:in an? (?:statement|interview|email|post|tweet|"
    r"letter|speech|news conference|press conference)|told|on (?:Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday))\b|[;:(]|\s[—–-]\s"
)
_TAIL_WORDS = frozenset(
    {
        "as",
        "while",
        "citing",
        "adding",
        "noting",
        "saying",
        "explaining",
        "according",
        "after",
        "before",
        "when",
        "although",
        "though",
        "in",
        "on",
        "at",
        "during",
        "which",
        "who",
        "referring",
        "amid",
        "despite",
        "since",
        "without",
        "and",
        "arguing",
        "warning",
        "insisting",
        "pointing",
        "stressing",
        "calling",
        "describing",
        "suggesting",
        "claiming",
        "acknowledging",
        "urging",
        "asking",
        "even",
        "where",
        "with",
        "from",
        "than",
        "to",
        "for",
        "of",
        "a",
        "an",
        "the",
        "via",
        "following",
        "speaking",
        "responding",
        "writing",
        "telling",
        "announcing",
        "promising",
        "vowing",
    }
)
_PREPOSITION_OPENERS = frozenset(
    {
        "in",
        "on",
        "at",
        "during",
        "after",
        "before",
        "asked",
        "speaking",
        "earlier",
        "later",
        "last",
        "this",
        "since",
        "when",
        "while",
        "for",
        "from",
        "separately",
        "meanwhile",
        "however",
        "still",
        "but",
        "and",
        "yet",
        "also",
        "today",
        "yesterday",
        "then",
        "writing",
        "appearing",
        "addressing",
        "responding",
        "over",
        "throughout",
        "according",
    }
)
_WORDS = re.compile(r"[\w'’.-]+")
_SUBJECT_OPENERS = _PREPOSITION_OPENERS | frozenset(
    """for with by despite as if though although because once without amid unlike like under
    following to upon whether unless even until""".split()
)
_XX = "xxx"  # quotation interiors are masked with "x": a run of them is quoted text
_DATELINE = re.compile(
    r"[A-Z][A-Z .,'’-]{2,40}(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?\s*(?:\([^)\n]{1,40}\))?\s*"
    r"[-—–―]+\s*"
)
_OUTLET_DATELINE = re.compile(r"\((Reuters|AP|AFP|UPI|Bloomberg|CNN|BBC|Xinhua)\)")
_WIRE = "|".join(re.escape(n) for n in WIRE_NAMES)
_OUTLET_TOLD = re.compile(r"told (" + _WIRE + r")\b")
_OUTLET_ASK = re.compile(
    r"(" + _WIRE + r") (?:requests?|inquiry|query|questions?|reporter|interview|count|review|"
    r"tally|analysis|investigation)\b"
)
_MAX_CUES = 24
_HEDGES_LIST = (
    "reportedly",
    "allegedly",
    "apparently",
    "appears to",
    "appeared to",
    "seems to",
    "seemed to",
    "appear to",
    "seem to",
    "is said to",
    "are said to",
    "was said to",
    "were said to",
    "is believed to",
    "are believed to",
    "was believed to",
    "seems",
    "seemed",
    "appears",
    "appeared",
)
_HEDGE_WORD = word_pattern(_HEDGES_LIST)
_HEDGE_AFTER_SPACE = word_pattern(_HEDGES_LIST, after_space=True)
_QUOTE_RESUMES = re.compile(r"(?:^|,)\s*[“\"]")
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
_COLON_QUOTE = re.compile(r":\s*[“\"]")
_HEDGES = frozenset(
    {
        "expected",
        "believed",
        "thought",
        "said",
        "reported",
        "considered",
        "seen",
        "viewed",
        "regarded",
    }
)
_QUOTE_OPEN = '“"«„'
_QUOTE_CLOSE = "”\"»'"
_OUTLET_MIN_WORTH = 0.6


@dataclass(slots=True)
class _Raw:
    content: Span
    unit: Span
    para: int
    source_span: Span | None
    mention: str | None
    kind_text: str | None
    cue_span: Span | None
    inherit: bool = False
    outlet: bool = False
    verbatim: bool = False  # a transcript line: the speaker's own words without quote marks
    covering: bool = False  # content spans a broken quote; nothing inside it starts a claim
    question: bool = False  # a question put to someone ("Asked whether ..."), not a statement
    status: ClaimStatus = ClaimStatus.PENDING
    note: str | None = None
    key: int = -1
    source: str = ""
    kind: SourceKind = SourceKind.OUTLET
    # The content's pieces when the attribution breaks it ('"X," she said. "Y."'); None
    # for one piece (the content itself).
    pieces: list[Span] | None = None
    finding: bool = False  # a poll or a study leads ("In a CBS News poll, ...")

    def add_piece(self, piece: Span) -> None:
        """Extend the content over the attribution to a further piece of the quotation."""
        if self.pieces is None:
            self.pieces = [self.content]
        self.pieces.append(piece)
        self.content = (self.content[0], max(self.content[1], piece[1]))


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


def _strip_span(text: str, s: int, e: int, chars: str = ",;:") -> Span:
    """Narrow a span past whitespace (any Unicode space) and the given punctuation."""
    while s < e and (text[s] in chars or text[s].isspace()):
        s += 1
    while e > s and (text[e - 1] in chars or text[e - 1].isspace()):
        e -= 1
    return s, e


def _content_end(text: str, e: int, s: int) -> int:
    """Drop a sentence's final stop (a stop inside a closing quote stays)."""
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s and text[e - 1] == ")" and text.rfind("(", s, e) < 0:
        e -= 1  # "(She says the plan will fail.)": the closing bracket is the story's
    if e > s and text[e - 1] in ".;:":
        e -= 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
        e -= 1
    return e


_NOT_IN_NP = re.compile(
    r"\b(?:will|would|has|have|had|is|are|was|were|can|could|should|must|may|might|does|did|"
    r"not|never)\b|[A-Z][\w.'’-]* [a-z]+ed [a-zA-Z]"
)
_NP_CORE_END = re.compile(
    r"\s(?:who|briefed|familiar|with|of|for|at|from|in|on|close|knowledgeable|involved|"
    r"speaking|to|under|across|inside|within|near|who|whose|representing|published|released|"
    r"issued|obtained|seen|reviewed|filed|posted|written|commissioned|prepared|conducted|"
    r"compiled|produced|sent|signed|made|trying|seeking|hoping|working|running|pushing|"
    r"fighting|vying|looking|calling|opposed|aligned|allied|loyal|angry|frustrated)\b"
)


_AFTER_CUE_TAIL = frozenset(
    {
        "in",
        "on",
        "at",
        "during",
        "after",
        "before",
        "while",
        "as",
        "when",
        "of",
        "about",
        "to",
        "from",
        "with",
        "via",
        "through",
        "over",
        "last",
        "this",
        "earlier",
        "later",
        "late",
        "early",
        "shortly",
        "recently",
        "afterward",
        "then",
    }
)


def _last_boundary(m: str, lo: int, hi: int) -> tuple[int, str]:
    """Offset just after the last clause boundary in ``m[lo:hi]`` (``lo`` if none)."""
    pos, char = lo, ""
    for b in _LEFT_BOUNDARY.finditer(m, lo, hi):
        pos, char = b.end(), b.group()
    return pos, char


def _first_word(s: str) -> str:
    m = _WORDS.search(s, 0, 40)
    return m.group().lower() if m else ""


_PLURAL_WORDS = frozenset(
    {
        "they",
        "we",
        "i",
        "you",
        "people",
        "police",
        "media",
        "staff",
        "public",
        "who",
        "many",
        "some",
        "others",
        "both",
        "few",
        "most",
        "all",
        "several",
        "team",
        "crew",
        "data",
        "women",
        "men",
        "children",
        "those",
        "these",
        "democrats",
        "republicans",
    }
)


_PLURAL_HEADS = frozenset(w for w in PLURAL_QUANTIFIERS if " " not in w)


@lru_cache(maxsize=4096)
def _plural_subject(chunk: str) -> bool:
    """Whether a subject takes a plain verb ("officials say", "they argue", "Smith and Jones
    say"), which tells a verb from a noun after a singular ("the report")."""
    core = _NP_CORE_END.search(chunk)
    words = (chunk[: core.start()] if core is not None and core.start() > 0 else chunk).split()
    if not words:
        return False
    last = words[-1].lower().rstrip(".,")
    if last in ("news", "times") and words[-1][0].isupper():
        return False  # "Breitbart News", "The New York Times": one outlet
    return (
        last in _PLURAL_WORDS
        or (last.endswith("s") and not last.endswith(("ss", "'s", "’s")))
        or " and " in chunk
        or words[0].lower() in _PLURAL_HEADS
    )


def _capitalised(word: str) -> bool:
    """A name-like word: "Marri", "al-Marri", "O'Neill", "McDonald"."""
    return word[0].isupper() or any(part[:1].isupper() for part in word.split("-")[1:])


_NAME_THEN_WHO = re.compile(r"((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*),\s+who\b")
# "A month later, he ...", "Two days ago, the mayor ...": when, not who.
_TIME_OPENER = re.compile(r"[^,]{0,30}?\b(?:later|earlier|ago|afterward|afterwards)\s*,")
_ANAPHORIC_SOURCES = frozenset({"another", "one", "others", "several", "both"})
_NOT_SOURCE_STARTS = frozenset(
    {"based", "due", "thanks", "according", "compared", "here's", "here’s", "besides", "for"}
)
_WHO_HEADS = frozenset({"those", "people", "voters", "residents", "many", "some", "others"})


@lru_cache(maxsize=8192)
def _plausible_source(chunk: str, weak: bool) -> bool:
    """Whether a phrase next to a cue can name who is speaking."""
    if not chunk or len(chunk) > 160:
        return False
    if _POLL_SHARE.match(chunk) and len(chunk.split()) <= 16 and _XX not in chunk:
        return True  # "46 percent of voters said", "six in 10 said": a poll's respondents
    words = chunk.split()
    if words[0].lower() in _WHO_HEADS and words[1:2] == ["who"] and len(words) <= 8:
        return _XX not in chunk  # "those who back her opponents say"
    part = _PART_OF.match(chunk)
    if part is not None:
        return _plausible_source(chunk[part.end() :], weak)  # "some of Lind's allies"
    core = _NP_CORE_END.search(chunk)
    if core is not None and core.start() > 0:
        if len(chunk.split()) > 16:
            return False
        # A quoted title may follow the head ("the authors of the 'Growth Project'").
        chunk = chunk[: core.start()]
    if _XX in chunk:
        return False
    words = chunk.split()
    if not words or len(words) > 9:
        return False
    w0 = words[0]
    low0 = w0.lower()
    if low0 in _NOT_SOURCE_STARTS or (low0.endswith("ing") and w0[0].islower()):
        return False  # "Based on ...", "referencing a report": not who is speaking
    if len(words) == 1 and low0 in _ANAPHORIC_SOURCES:
        return True  # "Another said ...", "One suggested ...": one of those just named
    if low0 in PRONOUN_SOURCES:
        return len(words) == 1
    if all(w.lower() in _DETERMINER_WORDS for w in words):
        return False
    last = words[-1]
    if last.endswith(("'s", "’s", "'", "’")) or _NOT_IN_NP.search(chunk):
        return False
    lastl = last.lower().rstrip(".,")
    if lastl in SOURCE_NOUNS or low0 in SOURCE_NOUNS:
        return True
    if not last[0].isalpha():
        return False
    if _capitalised(last):
        return len(words) <= 5 or not weak
    return low0 in _DETERMINER_WORDS and len(words) <= 4 and not weak


class _Reader:
    """Holds one story while its sentences are read."""

    def __init__(self, text: str, masked: str, paragraphs: list[Paragraph]) -> None:
        self.text = text
        self.masked = masked
        self.paragraphs = paragraphs
        self.raws: list[_Raw] = []
        # One scan of the whole story for cue words; sentences take their share by offset.
        self.cues = find_words(_CUE, _CUE_AFTER_SPACE, masked)
        self.cue_starts = [c.start() for c in self.cues]
        self.para_starts = {p.span[0] for p in paragraphs}
        self.intro: _Raw | None = None  # a cue whose content is the quote that follows
        self.hints: list[tuple[int, Hint]] = []  # (index of first raw after the hint, hint)

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
            stripped = stripped[: t.start()]
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
        when = _TIME_LEAD.match(m, s, e)
        if when is not None and when.end() < e:
            s = when.end()  # "but late Saturday he announced": the time is not the source
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
                cue_lead = _CUE_LEAD.match(m, hs, he)
                if cue_lead is not None:
                    hs = cue_lead.end()
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
                    if len(appos.split()) > 45 or _XX in appos:
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
        if not _plausible_source(core, weak):
            return None
        if len(m[s:e].split()) > 25 or _XX in m[s:e]:
            e = core_e
        return s, e

    # ---- one sentence ----------------------------------------------------------------
    def read_unit(self, pi: int, us: int, ue: int) -> list[_Raw]:
        """The attributions of one sentence."""
        m = self.masked
        out: list[_Raw] = []
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
                        prev_raw = _Raw(subj, (us, ue), pi, subj, st, st, None)
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
                        outer = _Raw(
                            _strip_span(m, prev.source_span[0], clause.start()),
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
                and (word in BASE_FORMS or word in ("say", "tell"))
                and not emphatic
                and not _plural_subject(m[src[0] : src[1]])
            ):
                # "A council report found ...": "report" after a singular is a noun.
                continue
            as_saying = _AS_SAYING.match(m, ce, ue) if word == "quoted" else None
            if passive and as_saying is not None and src is not None:
                passive = False  # "The mayor was quoted as saying ...": the mayor speaks
            if passive:
                if word in _HEDGES and chunk_s < cs:
                    # "Many voters are expected to ...": a hedge with nobody named; the
                    # story's own voice carries it.
                    content = _strip_span(m, chunk_s, _content_end(m, ue, chunk_s))
                    if content[1] - content[0] > 8 and _XX not in m[chunk_s:cs]:
                        out.append(
                            _Raw(content, (us, ue), pi, None, None, None, (cs, ce), outlet=True)
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
                                    _Raw(content, (us, ue), pi, rsrc, text_src, text_src, (cs, ce))
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
                            _Raw(
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
                elif nword in _TAIL_WORDS or not after_comma:
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
                cend = _content_end(m, ue, cstart)
                # A later participle ("..., adding that") or a new clause with its own
                # source ("..., but Jones said") closes this content.
                for later in cues[ci + 1 :]:
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
                content = _strip_span(m, cstart, cend)
                if content[1] - content[0] < 2:
                    if not out and m[rest_s:ue].strip() in ("", ":", ",", ":.") and cs > us:
                        # "She went on to say:" with the quote in the next paragraph.
                        self.intro = _Raw(
                            content, (us, ue), pi, src, m[src[0] : src[1]], kind_text, (cs, cue_end)
                        )
                    continue
            out.append(
                _Raw(
                    content,
                    (us, ue),
                    pi,
                    src,
                    m[src[0] : src[1]],
                    kind_text,
                    (cs, cue_end),
                    # "As the Times reported, even on Friday X was ...": all of it is the report.
                    covering=as_opener,
                )
            )
            used_until = max(used_until, content[1], cue_end)
        return [
            r
            for r in out
            if not _fragment(self.text[r.content[0] : r.content[1]]) and not self._non_speech(r)
        ]

    def _quote_closes(self, pi: int, start: int, end: int) -> int:
        """Where a content opening with a quotation ends: at the closing mark when the
        subject goes on to act ('"...," and walked off'), else ``end``."""
        if self.text[start : start + 1] not in _QUOTE_OPEN:
            return end
        qe = next((e for s, e in self.paragraphs[pi].quotes if s == start), end)
        if qe < end and _AFTER_QUOTE_ACTION.match(self.masked, qe, end) is not None:
            return qe
        return end

    def _non_speech(self, raw: _Raw) -> bool:
        """Whether a claim's cue, with the content after it, is no report of speech."""
        if raw.cue_span is None or raw.content[0] < raw.cue_span[1] or raw.pieces:
            return False
        cue = self.masked[raw.cue_span[0] : raw.cue_span[1]]
        content = self.text[raw.content[0] : raw.content[1]]
        if cue.lower() in FINDING_CUES and not finding_source(raw.mention):
            # "She found the rose": a person finding a thing reports nothing.
            return not is_proposition(content)
        return non_speech(cue, content)

    def _question(self, pi: int, us: int, ue: int, cs: int, ce: int, nxt: int) -> _Raw | None:
        """A question put to someone nobody names as asking it: "Asked whether X, the mayor
        said ...", "... when asked about X", "She was asked if X". The asker is the outlet
        or unknown, so the claim is in the outlet's voice, with its cue."""
        m = self.masked
        lead = m[max(us, cs - 12) : cs]
        opening = m[us:cs].strip(' “"') in _OPENING_ASK_LEADS
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
        return _Raw(
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

    def _as_reported_by(self, pi: int, us: int, ue: int, cs: int, ce: int) -> _Raw | None:
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
        return _Raw(content, (us, ue), pi, src, text, text, (cs, ce), covering=True)

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

    def _unanswered(self, pi: int, us: int, ue: int, ns: int, ce: int, nxt: int) -> _Raw | None:
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
        raw = _Raw(content, (us, ue), pi, src, m[src[0] : src[1]], kind_text, (ns, ce))
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

    def _opening_participle(self, pi: int, us: int, ue: int, cs: int, ce: int) -> _Raw | None:
        """ "Noting that X, the mayor said ...": the participle's source is the subject of
        the main clause after the comma."""
        m = self.masked
        comma = m.find(", ", ce, ue)
        if comma < 0 or comma - ce > 240:
            return None
        subj = self._subject(comma + 2, ue)
        if subj is None or subj[0] != comma + 2:
            return None
        th = _THAT.match(m, ce, comma)
        start = th.end() if th is not None else ce
        content = _strip_span(m, start, comma)
        if content[1] - content[0] < 3:
            return None
        st = m[subj[0] : subj[1]]
        return _Raw(content, (us, ue), pi, subj, st, st, (cs, ce))

    def _past_cue(
        self, word: str, cue_end: int, pos: int, ue: int, told_words: tuple[str, ...]
    ) -> tuple[int, int]:
        """Step over what follows a cue word: the object of "told" ("told Reuters", which
        joins the cue when it names the press) and up to four adverbials ("on Monday").
        Returns the cue's end and where the rest of the sentence starts."""
        m = self.masked
        if word in told_words:
            t = _TOLD_OBJECT.match(m, pos, ue)
            if t is not None:
                pos = t.end()
                if t.group("press"):
                    cue_end = pos
        for _ in range(4):
            a = _ADVERBIAL.match(m, pos, ue)
            if a is None or a.end() == pos:
                break
            pos = a.end()
        pp = _PP_THEN_THAT.match(m, pos, ue) or _ASIDE_THEN_THAT.match(m, pos, ue)
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
    ) -> _Raw | None:
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
                return _Raw(content, (us, ue), pi, src, text, text, (cs, ce))
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
            if comma >= 0 and len(m[comma + 1 : end].split()) >= 2:
                content = _strip_span(m, max(us, used_until), end)
            else:
                got = self._content_before(us, cs, used_until)
                if got is None:
                    return None
                content = got
        elif comma >= 0:
            content = _strip_span(m, comma + 1, end)
        else:
            return None
        if content[1] - content[0] < 2:
            return None
        text = m[src[0] : src[1]]
        return _Raw(content, (us, ue), pi, src, text, text, (cs, ce))

    def _participle(
        self, pi: int, us: int, ue: int, cs: int, ce: int, nxt: int, prev: _Raw | None
    ) -> _Raw | None:
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
                self.intro = _Raw(
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
        return _Raw(
            content,
            (us, ue),
            pi,
            prev.source_span,
            prev.mention,
            prev.kind_text,
            (cs, cue_end),
            inherit=True,
        )


def _quotes_in(quotes: tuple[Span, ...], s: int, e: int) -> Iterator[Span]:
    """The quotes (sorted, disjoint) that overlap ``[s, e)``, found by bisection."""
    i = bisect_right(quotes, s, key=lambda q: q[1])
    while i < len(quotes) and quotes[i][0] < e:
        yield quotes[i]
        i += 1


def _quote_kind(text: str, s: int, e: int, quotes: tuple[Span, ...]) -> QuoteKind:
    inside = 0
    for qs, qe in _quotes_in(quotes, s, e):
        inside += min(e, qe) - max(s, qs)
    if inside == 0:
        return QuoteKind.INDIRECT
    opens = text[s] in _QUOTE_OPEN or text.startswith("''", s)
    runs_to_end = any(qs < e <= qe for qs, qe in _quotes_in(quotes, e - 1, e))
    if opens and (inside >= (e - s) * 0.85 or text[e - 1] in _QUOTE_CLOSE or runs_to_end):
        return QuoteKind.DIRECT
    return QuoteKind.MIXED


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
    reader = _Reader(text, masked, paragraphs)
    raws = reader.raws
    hint_at = hint_positions(original)
    unit_hints: list[tuple[int, Span, int, list[Hint]]] = []
    mentions: list[tuple[int, str]] = []  # people named in narration, for pronouns
    hedge_at = [h.span() for h in find_words(_HEDGE_WORD, _HEDGE_AFTER_SPACE, masked)]
    last_attr: int = -1  # index in raws of the last attributed claim
    last_attr_para = -10
    roles = read_labels(text, paragraphs)
    for pi, para in enumerate(paragraphs):
        role = roles.get(pi)
        if role is not None and role.skip:
            # Page furniture (a headline, a teaser, a caption) says nothing; a quotation
            # running on across it still runs on.
            if last_attr_para == pi - 1:
                last_attr_para = pi
            continue
        orphan: Span | None = None
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
                            _Raw(
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
                    raws.append(_Raw(content, (us, ue), pi, src, st, st, cue_span, finding=True))
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
                raws.append(_Raw(content, (us, ue), pi, src, st, st, cue_span, finding=True))
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
                        raws.append(_Raw(content, (us, ue), pi, subj, st, st, cue_span))
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
                            _Raw(content, (us, ue), pi, None, None, None, None, inherit=True)
                        )
                        last_attr = len(raws) - 1
                    last_attr_para = pi
                    continue
                orphan = (us, ue)
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
            raws.append(_Raw(content, (us, ue), pi, None, None, None, cue, outlet=True))
    return _finish(original, paragraphs, raws, unit_hints, outlet_name, mentions)


_FRAGMENT_OPENERS = frozenset(
    """on for with of before after but and or what even in
    at by from about warmly than then so as""".split()
)


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


def _has_word(s: str) -> bool:
    return _ALNUM.search(s) is not None


def _quote_host(
    text: str,
    raws: list[_Raw],
    last: int,
    pi: int,
    ui: int,
    us: int,
    paragraphs: list[Paragraph],
) -> _Raw | None:
    """The quote claim a cue-less quoted sentence continues, if it is the same quotation:
    later in the same paragraph, or after a paragraph whose quotation was left open."""
    prev = raws[last]
    if prev.para == pi:
        if ui == 0:
            return None
        for i in range(last, max(-1, last - 4), -1):
            r = raws[i]
            if r.para != pi or r.outlet:
                break
            if r.unit[1] <= us and _is_quote_claim(text, r, paragraphs[pi].quotes):
                return r
        return None
    if prev.para == pi - 1 and _is_quote_claim(text, prev, paragraphs[prev.para].quotes):
        quotes = paragraphs[prev.para].quotes
        pend = paragraphs[prev.para].span[1]
        if (
            quotes
            and quotes[-1][1] == pend
            and text[pend - 1] not in _QUOTE_CLOSE
            and prev.content[1] >= quotes[-1][0]
        ):
            return prev
    return None


def _quote_end(text: str, s: int, e: int, quotes: tuple[Span, ...]) -> int:
    """Where a quoted sentence's content ends: its stop stays if the quote is still open."""
    for qs, qe in _quotes_in(quotes, e - 1, e):
        if qs < e <= qe and text[qe - 1] not in _QUOTE_CLOSE:
            return e
    return _content_end(text, e, s)


def _quote_share(s: int, e: int, quotes: tuple[Span, ...]) -> float:
    inside = 0
    for qs, qe in _quotes_in(quotes, s, e):
        inside += min(e, qe) - max(s, qs)
    return inside / max(1, e - s)


def _is_quote_claim(text: str, raw: _Raw, quotes: tuple[Span, ...]) -> bool:
    s, e = raw.content
    return any(True for _ in _quotes_in(quotes, s, e))


_LEAD_CONJUNCTION = re.compile(r"(?:But|And|Yet|So|Still|However|Instead)(?:,\s*|\s+)(?=\S)")


def _finish(
    text: str,
    paragraphs: list[Paragraph],
    raws: list[_Raw],
    unit_hints: list[tuple[int, Span, int, list[Hint]]],
    outlet_name: str,
    mentions: list[tuple[int, str]],
) -> list[ExtractedClaim]:
    """Resolve sources, apply status hints, score and build the claims in story order."""
    tidy_claims(text, raws)
    book = SourceBook()
    prev_ent = None
    mi = 0
    for raw in raws:
        at = raw.source_span[0] if raw.source_span is not None else raw.content[0]
        while mi < len(mentions) and mentions[mi][0] < at:
            book.resolve(mentions[mi][1])
            mi += 1
        if raw.outlet:
            ent = book.outlet(outlet_name)
        elif raw.inherit and raw.mention is None:
            ent = prev_ent if prev_ent is not None else book.outlet(outlet_name)
        elif raw.inherit and prev_ent is not None:
            ent = prev_ent
        else:
            ent = book.resolve(raw.kind_text or raw.mention or "")
            if (
                raw.kind_text
                and raw.mention
                and ent.canonical == raw.kind_text
                and raw.kind_text != raw.mention
            ):
                book.rename(ent, raw.mention)
        raw.key = ent.key
        raw.source = ent.canonical
        raw.kind = ent.kind
        if not raw.outlet:
            prev_ent = ent
    for raw in raws:
        # A later, fuller mention may have named the source better ("the town council"
        # after a headline's "council").
        raw.source = book.entities[raw.key].canonical
    apply_hints(text, raws, unit_hints)
    claims: list[ExtractedClaim] = []
    para_spans = [p.span for p in paragraphs]
    for raw in raws:
        cs, ce = raw.content
        if ce <= cs or not _has_word(raw.source):
            # Nothing to say, or a "source" of bare punctuation (garbled input).
            continue
        # Two apostrophes used as a quotation mark were read as one: take both.
        if cs > 0 and text.startswith("''", cs - 1):
            cs -= 1
        if text.startswith("''", ce - 1):
            ce += 1
        lead = _LEAD_CONJUNCTION.match(text, cs, ce)
        if lead is not None and not raw.outlet:
            cs = lead.end()  # "But, Carson added, he did not ...": the conjunction is ours
        content = text[cs:ce]
        us, ue = raw.unit
        sentence_span = (min(us, cs), max(ue, ce))
        pspan = para_spans[raw.para]
        if raw.outlet:
            quote = QuoteKind.NONE
        elif raw.verbatim:
            quote = QuoteKind.DIRECT
        else:
            quote = _quote_kind(text, cs, ce, paragraphs[raw.para].quotes)
        droppable = raw.outlet and raw.status is ClaimStatus.PENDING and raw.cue_span is None
        if droppable and not could_be_worth(content, _OUTLET_MIN_WORTH):
            continue
        score, why = check_worthiness(content, attributed=not raw.outlet)
        if droppable and score < _OUTLET_MIN_WORTH:
            continue
        cue_span = raw.cue_span
        src_span = raw.source_span if not raw.outlet else None
        cue = text[cue_span[0] : cue_span[1]] if cue_span else None
        claims.append(
            ExtractedClaim(
                text=content,
                sentence=text[sentence_span[0] : sentence_span[1]],
                source=raw.source,
                source_kind=raw.kind,
                source_mention=text[src_span[0] : src_span[1]] if src_span else None,
                cue=cue,
                quote=quote,
                status=raw.status,
                status_note=raw.note,
                content_span=(cs, ce),
                source_span=src_span,
                cue_span=cue_span,
                sentence_span=sentence_span,
                paragraph_span=(min(pspan[0], sentence_span[0]), max(pspan[1], sentence_span[1])),
                source_key=raw.key,
                confidence=score,
                worth=why,
                kind=_attribution_kind(raw, cue, content),
                segments=_segments(text, raw, cs, ce),
            )
        )
    return claims


def _attribution_kind(raw: _Raw, cue: str | None, content: str) -> AttributionKind:
    """What the claim's cue reports; the story's own voice is ``outlet``, a quotation with
    no cue of its own (a transcript line, a quote paragraph going on) is speech."""
    if raw.outlet:
        return AttributionKind.OUTLET
    if raw.finding:
        return AttributionKind.FINDING
    first = raw.cue_span is not None and raw.content[0] < raw.cue_span[0]
    kind = kind_of_claim(cue, raw.kind, content, first, raw.mention)
    return AttributionKind.SPEECH if kind is AttributionKind.UNKNOWN else kind


def _segments(text: str, raw: _Raw, cs: int, ce: int) -> tuple[Span, ...]:
    """The content's pieces in order, each inside ``[cs, ce)``: the quotation's pieces
    around its attribution ('"X," she said, "Y."'), else the one content span."""
    pieces = raw.pieces
    if pieces is None and not raw.outlet:
        # An attribution inside the content breaks it ('"A," said the senator, "B."').
        marks = [sp for sp in (raw.source_span, raw.cue_span) if sp is not None]
        if marks:
            a0 = min(sp[0] for sp in marks)
            a1 = max(sp[1] for sp in marks)
            if cs < a0 and a1 < ce:
                pieces = [(cs, a0), (a1, ce)]
    if pieces is None:
        return ((cs, ce),)
    out: list[Span] = []
    for ps, pe in pieces:
        ps, pe = _strip_span(text, max(ps, cs), min(pe, ce), ",;:—–-")
        if pe > ps and (not out or ps >= out[-1][1]):
            out.append((ps, pe))
    return tuple(out) if out else ((cs, ce),)
