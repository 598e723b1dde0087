"""What a phrase next to a cue can be: the patterns the source finder reads a sentence with,
and the tests of a phrase itself: whether it can name who speaks (``_plausible_source``),
whether it takes a plural verb (``_plural_subject``), where a source starts after an
opening phrase (``_source_after_phrase``). Split from :mod:`.subjects`, which finds the
source on either side of a cue with them."""

from __future__ import annotations

import re
from functools import lru_cache

from tracker.extract.grammar import (
    _AUX,
    _IRREGULAR_PAST,
    _PREPOSITION_OPENERS,
    _XX,
    _capitalised,
)
from tracker.extract.lexicon import (
    PLURAL_QUANTIFIERS,
    PRONOUN_SOURCES,
    ROLE_NOUNS,
    SINGLE_QUANTIFIERS,
    SOURCE_NOUNS,
)

_TRAIL = re.compile(
    r"\s+(?:also|now|still|often|has|have|had|is|are|was|were|would|will|could|might|may|can|"
    r"did|does|do|been|"
    # "Rep. Ines Vold (a Democrat from the coast) says", "Feld — after a pause — told": the
    # aside is not the source's end.
    r"\([^()]{1,120}\)|(?:—|--|–)\s[^—–]{1,100}?\s(?:—|--|–)|"
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

# A participle that ends a source's noun phrase and takes the time after it ("A report
# published last month shows").
PARTICIPLE_END = re.compile(
    r"\s(?:published|released|issued|posted|filed|presented|commissioned|conducted|"
    r"compiled|prepared|obtained|leaked)$"
)

# "he's said", "they've argued": the auxiliary glued to the pronoun.
_CONTRACTED = re.compile(r"\b(?:[Hh]e|[Ss]he|[Ii]t|[Ww]ho|I|[Tt]hey|[Ww]e|[Yy]ou)(['’](?:s|ve|d))$")


_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|got|gets)\s*$")


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


# Capitalised words with the particles names use: "The Wall Street Journal", "Bank of Italy".
_NAME_LIKE = re.compile(
    r"(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+(?:[A-Z][\w.&'’-]*|of|the|for|de|al|bin|van|von))*"
)


_TITLE_WORDS = "|".join(
    sorted(ROLE_NOUNS | {"presidential", "former", "vice", "deputy", "senior", "state"}, key=len)[
        ::-1
    ]
)


# A sentence's subject before its verb: a determiner and a lowercase noun with up to two
# more, then a word that looks like a verb (past "-ed", present "-s", an auxiliary: "The
# education ministry disputed ..."), or capitalised words (a name).
_SUBJECT = re.compile(
    r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+[a-z][\w-]*"
    rf"(?:\s+(?!(?:{_AUX}|{_IRREGULAR_PAST}|do|does|did|[a-z]+ed|[a-z]+s|[a-z]+ly|to|and|or|but|"
    r"who|which|that|not|also)\b)[a-z][a-z-]*[a-z]){1,2}"
    rf"(?=\s+(?:{_AUX}|{_IRREGULAR_PAST}|[a-z]+ed|[a-z]+s)\b)"
    r"|(?:(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir)\s+)?(?:\d[\w-]*\s+)?"
    r"(?:[A-Z][\w.'’-]*|[a-z][\w-]*)"
    r"(?:\s+(?:[A-Z][\w.'’-]*|of|de|al|bin|van|von|for))*"
    # A title's lowercase words between capitalised ones ("Presumptive Democratic
    # presidential nominee Hillary Clinton").
    rf"(?:(?:\s+(?:{_TITLE_WORDS}))+(?:\s+[A-Z][\w.'’-]*)+)*"
    r"(?=\s+[a-z])|[Hh]e\b|[Ss]he\b|"
    r"[Tt]hey\b|We\b|I\b"
)


_SPEECH_NEXT = re.compile(r"\s*(?:,\s*)?(?:that\b|[:“\"«]|'')")


_SPEECH_PARTICIPLES = frozenset({"saying", "telling", "asking"})


_CUE_LEAD = re.compile(r"(?:said|says|told|asked|added|wrote|according to)\s+")


_TIME_LEAD = re.compile(
    r"(?:(?:[Ll]ate|[Ee]arly|[Oo]n|[Ll]ast|[Tt]his|[Ee]arlier|[Ll]ater|[Bb]y|[Ii]n)\s+)?(?:Monday|"
    r"Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|week|month|year|night|morning|afternoon|evening|today|"
    r"yesterday|then|now)(?:\s+(?:night|morning|afternoon|evening))?,?\s+(?=[A-Za-z])"
)


_PART_OF = re.compile(
    r"(?i:" + "|".join(PLURAL_QUANTIFIERS + SINGLE_QUANTIFIERS) + r")\s+of\s+(?=\S)"
)


_ONE_WORD_OPENER = re.compile(r"[A-Z][a-z]+,\s")  # "There, the chairman ...", "Still, she ..."


# After "Name, ": an appositive between commas, then the verb ("Martell, the town's doctor,
# is more blunt"): the name was the subject, not an opening word.
_APPOSITIVE_THEN_VERB = re.compile(
    r"(?P<appos>(?:the|a|an|his|her|its|their)\s[^,;:]{2,80}),\s+[a-z]"
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


# A run of capitalised words ending a stretch of text: the name a relative clause follows.
_NAME_AT_END = re.compile(r"(?<![\w.'’-])(?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*$")


_RIGHT_CUT = re.compile(
    r",\s+(?:who|which|adding|saying|noting|citing|according|in|on|at|during|when|while|as|"
    r"after|before|because|but|and)\b|\s+(?:in an? (?:statement|interview|email|post|tweet|"
    r"letter|speech|news conference|press conference)|told|on (?:Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday))\b|[;:(]|\s[—–-]\s"
)


_SUBJECT_OPENERS = _PREPOSITION_OPENERS | frozenset(
    """for with by despite as if though although because once without amid unlike like under
    following to upon whether unless even until along among""".split()
)


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


# A short aside between commas before the cue ("he, once again, pledged", "officials, in
# fact, insist"): not part of the source.
_ASIDE_TRAIL = re.compile(
    r",\s*(?:once again|again|in fact|too|however|meanwhile|though|in turn|of course|"
    r"for (?:his|her|their|its) part|likewise|also|instead|indeed|in other words)\s*,?$"
)


# A lowercase adverb opening a clause before its subject ("..., yet Vatican officials
# emphasized", "so far Canova has echoed", "soon Trump had declared", "even his allies").
_ADVERB_LEAD = re.compile(r"(?:yet|so far|far|so|soon|even|still|now|then|instead|also)\s+(?=\S)")


# A bracketed photo credit or caption left before a name ("( Richard Roe / The Star )").
_CREDIT_LEAD = re.compile(r"\(?[^()]{1,80}?\)\s+(?=[A-Z])")


_FINITE_VERB = re.compile(rf"\b(?:{_AUX})\b")


_NAME_THEN_WHO = re.compile(r"((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*),\s+who\b")


# "A month later, he ...", "Two days ago, the mayor ...": when, not who.
_TIME_OPENER = re.compile(r"[^,]{0,30}?\b(?:later|earlier|ago|afterward|afterwards)\s*,")


_ANAPHORIC_SOURCES = frozenset({"another", "one", "others", "several", "both"})


# A prepositional phrase or a subordinate clause is nobody speaking ("In rejecting the
# appeal, the board ...", "Along with her husband, she ...", "when I ..."); a source may
# follow it ("In early November the company announced"). ("About", "over", "under" and
# "around" also count people: "About half of the voters".)
_PREPOSITION_STARTS = frozenset(
    """in on at of with through along from into during after before when while since until
    without within among amid despite unlike via toward towards upon across against""".split()
)


_NOT_SOURCE_STARTS = (
    frozenset(
        {"based", "due", "thanks", "according", "compared", "here's", "here’s", "besides", "for"}
    )
    | _PREPOSITION_STARTS
)


# Where a noun phrase may start after an opening phrase: a determiner, a pronoun, a number
# or a capitalised word (not a month or a weekday: "In early November the company").
_NP_START = re.compile(
    r"(?<=\s)(?:the|a|an|his|her|their|its|our|I|he|she|they|we|\d[\w,.]*|"
    r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)[A-Z][\w.'’-]*)\b"
)


_SUBORDINATORS = frozenset({"when", "while", "since", "until"})


def _source_after_phrase(m: str, s: int, e: int, weak: bool) -> int | None:
    """Where a plausible source starts after an opening prepositional phrase or clause
    inside ``m[s:e]`` ("in a move the company said": "the company"; "when I said": "I");
    None if none does. The noun phrase right after a preposition is its object ("in his
    remarks", "of the amendment"), never the source."""
    if _QUANTITY.match(m, s, e):
        return None
    first = m[s:e].split(" ", 1)[0].lower()
    nps = list(_NP_START.finditer(m, s + 2, e))
    if first not in _SUBORDINATORS and nps and m[s + len(first) : nps[0].start()].strip() == "":
        nps = nps[1:]
    for np in nps:
        if _plausible_source(m[np.start() : e], weak):
            return np.start()
    return None


_QUANTITY = re.compile(r"(?i:at\s+(?:least|most))\s")  # "At least four senators": a number


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
    quantity = _QUANTITY.match(chunk)
    if quantity is not None:
        return _plausible_source(chunk[quantity.end() :], weak)  # "At least four senators"
    part = _PART_OF.match(chunk)
    if part is not None:
        if chunk[part.end() :].lower() in ("them", "us", "those"):
            return True  # "One of them said": one of a group just named
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
    if low0 in _DETERMINER_WORDS:
        return len(words) <= 4 and not weak
    # "Harbour Line's safety unit", "Canada's health minister": a name's possessive
    # determines the noun as "the" would.
    return not weak and len(words) <= 6 and _NAME_POSSESSIVE.match(chunk) is not None


_NAME_POSSESSIVE = re.compile(r"(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*(?:['’]s|s['’])\s+\w")
