"""The patterns the cue pass reads a sentence with: what may stand between a cue and its
content, where a content stops, and the words that tell a verb from a noun; and, last, the
patterns of the further shapes a cue takes (:mod:`.shapes`: questions, "as reported by",
addressees, adverbials after a cue)."""

from __future__ import annotations

import re

from tracker.extract.grammar import (
    _AUX,
    _IRREGULAR_PAST,
    _OPENING_CUES,
    _WH,
)
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


# ---- the shapes pass (shapes.py) ----------------------------------------------------

_ADVERBIAL = re.compile(
    r"\s*,?\s*(?:"
    r"on\s+[A-Z][\w.&]*(?:'s|’s)\s+[“\"][^“”\"\n]{1,80}[”\"]|"
    r"(?:late |early )?(?:on |last |this |next )?(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|week|month|year|weekend|night|morning|afternoon|evening)"
    r"(?: (?:night|morning|afternoon|evening))?(?!['’]s\b)"
    r"|that (?:week|month|year|weekend|night|morning|afternoon|evening|day)(?!\s+(?:was|is|will|"
    r"would|had|has)\b)"
    r"|(?:yesterday|today|tonight|earlier|later|recently|previously|again|also|publicly|"
    r"privately|repeatedly|then|once|twice|too|flatly|bluntly|separately|afterward|afterwards|"
    r"Tuesday)"
    r"|(?:in|during|at|on|via|through|over|after|before)\s+(?:an?|the|his|her|their|its|this|"
    r"that|[A-Z][\w.]*(?:'s|’s))\s+(?:[\w'’-]+\s+){0,3}(?:statement|interview|email|e-mail|"
    r"post|tweet|letter|speech|address|news conference|press conference|conference|briefing|"
    r"hearing|rally|event|meeting|call|appearance|video|message|op-ed|memo|filing|report|"
    r"session|remarks|debate|town hall|podcast|broadcast|program|show|sermon|blog|"
    r"statements|comments|release|appearance|visit|summit|forum|gathering|discussion)"
    r"(?:\s+(?:on|with|to|at|in|from|for)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)"
    r"{0,3})?"
    # "in a report published on Friday": the participle and its time go with the report.
    r"(?:\s+(?:published|released|issued|posted|filed|sent|delivered|given|dated)(?:"
    r"\s+(?:late\s+|early\s+)?(?:on\s+|last\s+|this\s+|in\s+|earlier\s+)?"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year|today|"
    r"yesterday|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?(?:\s+\d{1,2})?)"
    r"(?:\s+(?:night|morning|afternoon|evening))?"
    r"|\s+by\s+(?:the\s+|his\s+|her\s+|their\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"(?:\s+(?:campaign|office|ministry|department|agency|committee|party|council|"
    r"government))?))?"
    r"|on\s+(?:X|Twitter|Facebook|Instagram|Truth Social|Telegram|TikTok|YouTube|Threads|"
    r"Bluesky|LinkedIn|television|TV|radio|CNN|Fox News|MSNBC|CNBC|NBC|CBS|ABC|NPR|"
    r"Sunday|Monday)(?:\s*\(formerly (?:known as )?Twitter\))?"
    r"|in (?:a|an) (?:written |emailed |televised |brief |joint |recent )?(?:statement|"
    r"interview|email|post|tweet|letter|speech)"
    r"|in comments\b"
    r"|by (?:e-?mail|phone|telephone|text message|text|letter|video link)\b"
    r"|in\s+[A-Z][a-z]+(?:,\s+[A-Z][a-z.]+)?(?=\s+(?:that|on|last|this|[a-z]+ly)\b)"
    r"|[a-z]{3,}ly(?=\s+(?:to|at|in|on|from|during|after|before|that)\b|\s*,)"
    r"|(?:on|in|last)\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,\s*\d{4})?"
    r"|in\s+(?:19|20)\d\d"
    r"|to (?:reporters|journalists|the press|the media|supporters|lawmakers|a crowd|an "
    r"audience)"
    r")(?!\w)"
)


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


_ASIDE_THEN_THAT = re.compile(
    r"(?P<pp>(?:\s+[a-z]{3,}ly)?\s*(?:--|—|–|-)\s[^-–—“\"]{1,120}?\s(?:--|—|–|-)\s*)(?=that\s)"
)


# Whom a "told"-like cue addresses, then "that" ("told a packed hall at the old hotel
# that ..."): words of a noun phrase and its prepositions, none a clause's subject or verb,
# and the "that" opens a clause (not "a group that works with ...").
_ADDRESSEE_THEN_THAT = re.compile(
    r"(?P<pp>\s+(?!to\s)(?:(?!(?:that|who|which|whom|he|she|they|we|I|it|you|there|this|these|"
    rf"those|{_AUX}|{_IRREGULAR_PAST}|do|does|did|said|says|but|or|if|because|after|before|"
    r"while|when|as|since|until|[a-z]+ing)\s)"
    r"\w[\w.'’&$%-]*\s+){1,12}?)that\s+"
    rf"(?!(?:{_AUX}|{_IRREGULAR_PAST}|[a-z]+ed|[a-z]+s\s+(?!(?:{_AUX}|[a-z]+ed)\b))\b)"
)


# "X, according to Y, but Z": a clause of the story's own after the source, not more of X.
_NEW_CLAUSE_AFTER = re.compile(r"\s*(?:but|while|though|although|whereas|yet|which|who)\b")


_THAT_BEFORE = re.compile(r"\bthat\s*$")


_PREPOSITION_NEXT = re.compile(r"\s+(?:in|at|on|during|outside|inside)\s")


_ADDRESSEE_THEN_SUBJECT = re.compile(
    r"(?P<pp>\s+(?!to\s|about\s|of\s)(?:(?!(?:that|who|which|whom|he|she|they|we|I|it|you|"
    rf"{_AUX}|and|but|or|as|when|while|after|before|because)\s)\w[\w.'’&$%-]*\s+){{1,8}}?)"
    rf"(?=(?:he|she|they|we|I|it)\s+(?:{_AUX}|did|does|do|[a-z]+ed)\b)"
)


_OPENING_ASK_LEADS = frozenset({"", "When", "After", "If", "Once", "Even when", "Also"})


_BY_SOURCE = re.compile(r"\s+by\s+(?P<src>[^,;:“\"]{2,80}?)\s*,\s*")


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


_AFTER_QUOTE_ACTION = re.compile(r"\s*,?\s*(?:and|but|before|then|as|while)\s")


# A quotation alone, with the comma that hands it to its attribution ('"...,"', '"...",').
_ONE_QUOTE = re.compile(r"[“\"«„][^\s“”\"]*[”\"»],?")
