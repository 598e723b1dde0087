"""The patterns the cue pass reads a sentence with: what may stand between a cue and its
content, where a content stops, and the words that tell a verb from a noun."""

from __future__ import annotations

import re

from tracker.extract.grammar import _AUX, _OPENING_CUES, _WH
from tracker.extract.lexicon import (
    CUE_WORDS,
)
from tracker.extract.wordscan import word_pattern

_CUE_AFTER_SPACE = word_pattern(
    (*CUE_WORDS, *_OPENING_CUES, "according to", "According to"), after_space=True
)


_EMPHATIC_DO = re.compile(r"\b(?:does|do|did)\s+$")


_LOWER_AFTER_MARK = re.compile(r"[“\"«']{1,2}(?:\.\.\.\s*|…\s*)?[a-z]")


_ADD_FORMS = frozenset({"added", "adds", "adding", "add"})


_ADD_TO = re.compile(r"\s+to\s+(?!(?:reporters|journalists|the press|the media)\b)")


_SAY_FORMS = frozenset({"say", "said", "says"})
# Other cues that close a sentence before their speaker ("..., adds Reyes", "..., writes
# Foster", "..., explained the mayor").
_INVERTED_CUES = frozenset(
    """added adds explained explains noted notes wrote writes recalled recalls argued argues
    told tells insisted insists warned warns continued continues concluded concludes
    admitted admits agreed agrees conceded concedes""".split()
)


# "never said", "has never claimed", "had not said": a negation right before the cue.
_NEVER_BEFORE = re.compile(
    r"\b(?:(?:has|have|had)\s+)?(?:never|not)\s+(?:(?:publicly|once|ever)\s+)?$"
    r"|\b(?:has|have|had)n(?:'|’)t\s+$"
)


_NEG_BEFORE = re.compile(
    r"\b(?:would|did|has|have|will|could|does|do)(?:\s+not|n't|n’t)\s+(?:yet\s+|publicly\s+)?$"
    r"|\bwon(?:'t|’t)\s+$|\b(?:refused|declined|refuses|declines)\s+to\s+$"
)


_SUBORDINATE_LEAD = re.compile(
    r"(?:While|Although|Though|Because|If|When|After|Since|As|Even though|Even as|Whereas|"
    r"Once|Until|Unless)\s"
)


_RELATIVE_BEFORE = re.compile(r"\b(?:which|that)\s+$")


# "what officials called ...", "whom one insider described as ...": a free relative before
# the source.
_FREE_RELATIVE = re.compile(r"\b(?:what|whom)\s+$")


_COPULA = re.compile(rf"(?:{_AUX}|being|been|be)")


# Whom someone was urged on, then the infinitive ("residents to stay indoors", "the public
# not to speculate"): a short noun phrase with no verb or clause of its own.
_OBJECT_THEN_TO = re.compile(
    rf"(?:(?!(?:to|that|and|but|or|who|which|not|never|{_AUX})\s)[\w.'’&-]+\s+){{1,6}}?"
    r"(?P<to>(?:not\s+|never\s+)?to\s+(?!the\b|an?\b|his\b|her\b|their\b|its\b)[a-z])"
)


_NOTHING_AFTER = re.compile(r"\s*[.!?]?\s*$")  # a cue that ends its sentence


_AS_BY_CUES = frozenset({"reported", "noted", "revealed", "disclosed", "detailed"})


_AS_BEFORE = re.compile(r"\b[Aa]s\s+(?:first\s+|previously\s+|was\s+|has been\s+|also\s+)?$")


_ASK_WORDS = frozenset({"asked", "asking", "asks"})


_ASK_OBJECT = re.compile(rf"(?!for\b)(?:[\w.'’-]+\s+){{1,5}}?(?:about\s+|(?=(?:{_WH})\b))")


_CLAUSE_JOIN = re.compile(
    r"(?:[,;]\s*(?:(?:and|but|while|whereas)\s+)?|\s(?:but|while|whereas)\s+)$"
)


_INFINITIVE = re.compile(
    r"\b(?:to|will|would|could|should|might|may|can|must|not|did|does|do|didn't|don't|"
    r"doesn't|didn’t|don’t|doesn’t|cannot|never|I|you|we)\s+$"
)


# "went on to explain", "continued to insist": the speaker goes on speaking; no infinitive
# that leaves the cue unasserted.
_GOES_ON_TO = re.compile(
    r"\b(?:went|goes|go|going|gone|continued|continues|proceeded|proceeds)\s+(?:on\s+)?to\s+$"
)


_AUX_BEFORE = re.compile(
    r"\b(?:has|have|had|is|are|was|were|their|his|her|its|our|the|other|these|those|many|"
    r"some|such|new|own)\s+$",
    re.IGNORECASE,
)


_BY_AFTER = re.compile(r"\s+(?:by|in)\b")


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


_AS_SAYING = re.compile(r"(?:\s+[^,.;:“\"]{2,60}?)?\s+as\s+(?:saying|telling\s+\w+)\b")


_VERB_AFTER_AND = re.compile(
    r"(?:and|but)\s+(?:also\s+|then\s+|still\s+)?(?:is|are|was|were|has|have|had|will|would|"
    r"can|could|should|must|paid|left|felt|found|lost|made|took|gave|went|[a-z]{3,}ed)\b"
)
_FINITE_WORD = re.compile(r"\b(?:is|are|was|were|will|would|has|have|had|can|could)\b")
_REFUSED_TO_SAY = re.compile(r"\s+to\s+(?:comment|say|answer|discuss|elaborate|respond)\b")
_NO_COMMENT_AFTER = re.compile(
    r"(?!\s+to\s+(?:\w+ly\s+)?[a-z]+)|\s+to\s+(?:\w+ly\s+)?(?:comment|respond|answer|reply|discuss|"
    r"elaborate|say|be\s+(?:interviewed|named|identified)|speak|talk|confirm|provide|give|make|"
    r"return)\b"
)


_ADJECTIVE_LIST_END = re.compile(r",\s+[a-z]+(?:,\s+[a-z]+)*,?\s+and\s+[a-z]+(?:\s+[a-z]+)?\s*")


_REST_THEN_QUOTE = re.compile(r"(?:to|on|in|at|with)\s[^“\".;:]{2,70}?,\s*(?=[“\"])")


_OPENING_PARTICIPLE_LEADS = frozenset({"", "While", "After", "Before", "In", "By", "Despite"})


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


_RELATIVE_BETWEEN = re.compile(r",\s*(?:who|which)\b")


_MAIN_VERB_BACK = re.compile(
    r",\s+(?:(?:also|later|then|now|has|had|have|is|was|will|would|did|does)\s+)?"
    r"(?!(?:and|but|or|nor|yet|so|as|which|who|whose|while|when|where|because|although|"
    r"though|since|after|before|if|unless|until|including|like|than|then|that|with|from|for|"
    r"into|about|over|under|among|between|during|without|within|the|a|an|not|in|on|at|to|of)\b)"
    r"[a-z]{3,}\s+(?:the|a|an|his|her|their|its|that|to|on|in|at|for|with|him|them|it|up|out|"
    r"down|back|off)\b"
)


_COMMA_BEFORE = re.compile(r"(?:,|,?[”\"])\s*$")


_COORD = re.compile(
    r",?\s+(?:and|but)\s+(?:(?:also|then|later|has|have|had|is|was|now|still|again|"
    r"publicly|repeatedly|even|quickly)\s+){0,2}"
    # "... but in a later interview said ...": when or where, between the verbs
    r"(?:(?:in|on|at|during|after|before)\s+(?:an?|the|his|her|their|its|a later|this|last)\s+"
    r"[\w\s'’-]{1,30}?\s+|(?:on|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)\s+)?$"
)


_PARTICIPLE_WORD = re.compile(r"[a-z]{3,}ing")


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


_MAX_CUES = 24


_QUOTE_RESUMES = re.compile(r"(?:^|,)\s*[“\"]")


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


_FRAGMENT_OPENERS = frozenset(
    """on for with of before after but and or what even in
    at by from about warmly than then so as""".split()
)
