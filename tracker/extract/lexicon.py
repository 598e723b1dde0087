"""Word lists the extractor reads news with: cue verbs, source nouns, abbreviations.

Kept apart from the rules so that a newsroom can see (and extend) what counts as an
attribution without reading regular expressions.
"""

from __future__ import annotations

# Reporting, belief and intention verbs. Every inflection a story is likely to use is
# listed, so the cue pattern is one flat alternation (fast, and no stemming at run time).
_CUE_STEMS: dict[str, tuple[str, ...]] = {
    "say": ("said", "says", "say", "saying"),
    "tell": ("told", "tells", "tell", "telling"),
    "add": ("added", "adds", "adding"),
    "note": ("noted", "notes", "noting"),
    "explain": ("explained", "explains", "explaining"),
    "argue": ("argued", "argues", "arguing"),
    "warn": ("warned", "warns", "warning"),
    "insist": ("insisted", "insists", "insisting"),
    "acknowledge": ("acknowledged", "acknowledges", "acknowledging"),
    "admit": ("admitted", "admits", "admitting"),
    "claim": ("claimed", "claims", "claiming"),
    "deny": ("denied", "denies", "denying"),
    "confirm": ("confirmed", "confirms", "confirming"),
    "announce": ("announced", "announces", "announcing"),
    "stress": ("stressed", "stresses", "stressing"),
    "emphasize": ("emphasized", "emphasizes", "emphasised", "emphasises", "emphasizing"),
    "write": ("wrote", "writes", "writing"),
    "post": ("posted",),
    "tweet": ("tweeted", "tweets"),
    "ask": ("asked", "asks", "asking"),
    "reply": ("replied", "replies", "replying"),
    "respond": ("responded", "responds", "responding"),
    "estimate": ("estimated", "estimates", "estimating"),
    "predict": ("predicted", "predicts", "predicting"),
    "suggest": ("suggested", "suggests", "suggesting"),
    "believe": ("believes", "believed", "believe"),
    "expect": ("expects", "expected", "expect"),
    "think": ("thinks", "think", "thought"),
    "hope": ("hopes", "hoped"),
    "fear": ("fears", "feared"),
    "report": ("reported", "reports", "reporting"),
    "find": ("found", "finds"),
    "show": ("showed", "shows", "shown"),
    "conclude": ("concluded", "concludes", "concluding"),
    "declare": ("declared", "declares", "declaring"),
    "state": ("stated", "stating"),
    "recall": ("recalled", "recalls", "recalling"),
    "continue": ("continued",),
    "agree": ("agreed", "agrees"),
    "urge": ("urged", "urges", "urging"),
    "vow": ("vowed", "vows", "vowing"),
    "promise": ("promised", "promises", "promising"),
    "pledge": ("pledged", "pledges", "pledging"),
    "accuse": ("accused", "accuses", "accusing"),
    "allege": ("alleged", "alleges", "alleging"),
    "assert": ("asserted", "asserts", "asserting"),
    "contend": ("contended", "contends", "contending"),
    "maintain": ("maintained", "maintains"),
    "charge": ("charged",),
    "concede": ("conceded", "concedes", "conceding"),
    "observe": ("observed",),
    "testify": ("testified", "testifies", "testifying"),
    "counter": ("countered", "counters"),
    "complain": ("complained", "complains", "complaining"),
    "boast": ("boasted", "boasts"),
    "joke": ("joked", "jokes"),
    "mention": ("mentioned",),
    "reveal": ("revealed", "reveals", "revealing"),
    "indicate": ("indicated", "indicates", "indicating"),
    "signal": ("signaled", "signalled", "signals"),
    "disclose": ("disclosed", "discloses"),
    "forecast": ("forecast", "forecasts", "projected", "projects"),
    "reiterate": ("reiterated", "reiterates", "reiterating"),
    "caution": ("cautioned", "cautions"),
    "insinuate": ("implied", "implies"),
    "point": ("pointed out", "points out", "pointing out"),
    "refer": ("referring to",),
    "recount": ("recounted",),
    "describe": ("described", "describes", "describing"),
    "criticize": ("criticized", "criticised", "criticizes"),
    "blame": ("blamed", "blames", "blaming"),
    "demand": ("demanded", "demands", "demanding"),
    "call": ("called for", "calls for", "calling for", "called on", "calls on"),
    "plan": ("plans", "planned"),
    "want": ("wants",),
    "intend": ("intends", "intended"),
    "worry": ("worried", "worries"),
    "wonder": ("wondered", "wonders"),
    "question": ("questioned",),
    "proclaim": ("proclaimed",),
    "quip": ("quipped",),
    "propose": ("proposed", "proposes", "proposing"),
    "brag": ("bragged",),
    "cite": ("cited", "cites", "citing"),
    "advise": ("advised",),
    "assure": ("assured", "assures"),
    "affirm": ("affirmed",),
    "retort": ("retorted",),
    "muse": ("mused",),
    "concur": ("concurred",),
    "shout": ("shouted", "shouts", "shouting"),
    # Manners of saying: quote-annotated news counts each as speech ('"...," she crowed').
    "crow": ("crowed",),
    "sniff": ("sniffed",),
    "stutter": ("stuttered",),
    "confess": ("confessed", "confesses"),
    "voice": ("voiced",),
    "yell": ("yelled",),
    "scream": ("screamed",),
    "whisper": ("whispered",),
    "exclaim": ("exclaimed",),
    "mutter": ("muttered",),
    "gush": ("gushed",),
    "rave": ("raved",),
    "sigh": ("sighed",),
    "chuckle": ("chuckled",),
    "marvel": ("marveled", "marvelled"),
    "tease": ("teased",),
    "chant": ("chanted",),
    "remark": ("remarked", "remarks"),
    "announce_ph": (
        "made clear",
        "made it clear",
        "makes clear",
        "made the case",
        "makes the case",
        "made the point",
        "took issue with",
        "went after",
    ),
}

# Verbs of stance and speech that take an object rather than a clause ("Trump called the
# wall stupid", "Rubio praised the ruling"). Annotators of attribution count them; they are
# weak cues, accepted only next to a clear source.
_STANCE_FORMS: tuple[str, ...] = tuple(
    """called calls calling endorses endorsing attacked attacking praised
    praises praising defended defends defending supported supports opposed opposes opposing
    rejected rejects rejecting dismissed dismisses dismissing mocked mocks mocking thanked
    slammed slams slamming blasted blasts lambasted offered expressed expresses
    ordered touted touts lamented laments welcomed welcomes condemned condemns
    applauded applauds decried decries derided ridiculed chided scolded rebuked hailed
    credited questioned recognized recognised conceded vowed pledged sought seeks seeking
    read reads urged backed backs opposes dubbed labeled labelled branded echoed echoes repeated
    repeats denounced denounces assailed assails portrayed portrays deemed discussed
    questioning thanking backing apologized considered seen viewed regarded
    endorsed endorses endorsing refused refuses refusing highlighted highlights answered
    congratulated referenced commented hinted hints speculated threatened threatens
    acknowledged welcomed questions praise criticizing criticising supporting touting
    tweeting posting hailing condemning welcoming lamenting decrying deriding ridiculing
    rebuking chiding denouncing labeling labelling dubbing branding portraying threatening
    applauding echoing lambasting scolding crediting highlighting referencing""".split()
) + (
    "spoke about",
    "spoke of",
    "talked about",
    "voted for",
    "voted against",
    "raised concerns",
    "expressed concern",
    "took aim at",
    "lashed out at",
    "pointed to",
    "points to",
    "pointing to",
    "railed against",
    "rails against",
    "pushed for",
    "pushes for",
    "pushing for",
    "spoke out against",
    "weighed in on",
    "voted to",
    "remarking",
    "reminding",
    "reminded",
    "showing",
    "framed",
    "wanted",
    "discussing",
    "declined",
    "declines",
    "talking about",
    "touched on",
    "quoted",
    "remembered",
    "ruled out",
    "rules out",
    "expecting",
    "counting on",
    "alluded to",
    "prefers",
    "preferred",
    "recommended",
    "recommends",
    "celebrated",
    "laid out",
    "lays out",
    "opened up about",
    "threatened to",
)

# Base forms, for plural subjects ("experts say", "critics argue"); an infinitive or a
# modal before them ("to say", "would argue") is filtered out by the rules.
_BASE_FORMS: tuple[str, ...] = tuple(
    """argue suggest fear hope show see sees saw know knows knew feel feels felt warn claim
    insist contend worry predict estimate indicate acknowledge admit believe expect think
    note explain agree deny confirm report recall allege assert maintain call support
    oppose endorse want refuse praise criticize reject mention discuss threaten vow demand
    prefer recommend""".split()
)

CUE_WORDS: tuple[str, ...] = tuple(
    sorted(
        {w for forms in _CUE_STEMS.values() for w in forms} | set(_STANCE_FORMS) | set(_BASE_FORMS),
        key=len,
        reverse=True,
    )
)

# Cue forms that introduce what follows as a further claim of the sentence's source
# ("..., adding that ...") rather than naming a new source.
PARTICIPLE_CUES: frozenset[str] = frozenset(
    w for w in CUE_WORDS if w.endswith("ing") or w.endswith(("ing out", "ing to"))
)

# Weak cues: only an attribution when a clear source sits next to them (these verbs are
# common in plain narration: "the report shows", "the plan states").
BASE_FORMS: frozenset[str] = frozenset(_BASE_FORMS)
STANCE_FORMS: frozenset[str] = frozenset(_STANCE_FORMS) | frozenset(
    """criticizing accusing urging warning arguing insisting claiming suggesting praising
    blaming demanding describing""".split()
)

WEAK_CUES: frozenset[str] = (
    frozenset(_STANCE_FORMS)
    | BASE_FORMS
    | frozenset(
        {
            "states",
            "shows",
            "shown",
            "showed",
            "found",
            "finds",
            "plans",
            "planned",
            "wants",
            "intends",
            "intended",
            "expected",
            "expect",
            "thought",
            "described",
            "describes",
            "describing",
            "post",
            "posted",
            "continued",
            "charged",
            "maintains",
            "maintained",
            "reports",
            "report",
            "reporting",
            "writing",
            "warning",
            "promising",
            "hoped",
            "feared",
            "fears",
            "hopes",
            "questioned",
            "mentioned",
            "asking",
            "asked",
            "proposed",
            "proposes",
            "proposing",
            "cited",
            "cites",
            "demands",
            "demanded",
            "demanding",
            "worries",
            "worried",
            "observed",
            "forecast",
            "projects",
            "projected",
            "blamed",
            "blames",
            "blaming",
            "criticized",
            "criticised",
            "criticizes",
            "accused",
            "accuses",
            "accusing",
            "advised",
            "signals",
            "claims",
        }
    )
)

# Cue forms that take the person addressed and then a clause ("told a packed hall in the
# old town that ...", "warned lawmakers on the panel that ..."): the words before "that"
# are whom it was said to, not what was said. ("assured the crowd that ...": annotators
# keep the person in the content, so "assure" is not listed.)
ADDRESSEE_CUES: frozenset[str] = frozenset(
    """told tells tell telling reminded reminding warned warns warning advised promised
    promises""".split()
)

# Cue forms that take whom they urge and then an infinitive ("urged residents to stay
# indoors", "warned the public not to speculate"): what was said is the infinitive.
URGING_CUES: frozenset[str] = frozenset(
    """urged urges urging warned warns warning reminded reminds reminding encouraged
    encourages advised""".split()
)

# Nouns that make a noun phrase a plausible source, by kind.
ANONYMOUS_NOUNS: frozenset[str] = frozenset(
    {
        "official",
        "officials",
        "source",
        "sources",
        "person",
        "people",
        "aide",
        "aides",
        "diplomat",
        "diplomats",
        "insider",
        "insiders",
        "adviser",
        "advisers",
        "advisor",
        "advisors",
        "analyst",
        "analysts",
        "expert",
        "experts",
        "observer",
        "observers",
        "critic",
        "critics",
        "advocates",
        "supporter",
        "supporters",
        "witness",
        "witnesses",
        "resident",
        "residents",
        "staffer",
        "staffers",
        "lawmaker",
        "lawmakers",
        "executive",
        "executives",
        "investigator",
        "investigators",
        "officer",
        "officers",
        "member",
        "members",
        "employee",
        "employees",
        "worker",
        "workers",
        "voter",
        "voters",
        "economist",
        "economists",
        "strategist",
        "strategists",
        "scientist",
        "scientists",
        "researcher",
        "researchers",
        "activist",
        "activists",
        "doctor",
        "doctors",
        "negotiator",
        "negotiators",
        "banker",
        "bankers",
        "trader",
        "traders",
        "operative",
        "operatives",
        "republicans",
        "democrats",
        "leaders",
        "commander",
        "commanders",
        "someone",
        "others",
        "many",
        "some",
    }
)

ANONYMOUS_NOUNS = ANONYMOUS_NOUNS | frozenset(
    """percent half majority plurality respondents allies ally friends backers donors donor
    colleagues confidants associates loyalists surrogates majorities
    forecasters meteorologists investors attendee attendees participant participants
    delegate delegates protesters demonstrators fishermen farmers teachers nurses parents
    students citizens locals villagers survivors victims families relatives neighbours
    neighbors shoppers customers passengers drivers owners landlords tenants users fans
    pollsters historians lawyers doctors medics rescuers firefighters volunteers organisers
    organizers campaigners residents authorities americans""".split()
)

ORGANIZATION_NOUNS: frozenset[str] = frozenset(
    {
        "ministry",
        "department",
        "agency",
        "government",
        "company",
        "firm",
        "police",
        "army",
        "military",
        "group",
        "campaign",
        "committee",
        "council",
        "party",
        "office",
        "administration",
        "commission",
        "bureau",
        "court",
        "board",
        "authority",
        "authorities",
        "union",
        "embassy",
        "spokesman's",
        "coalition",
        "organization",
        "organisation",
        "organizations",
        "foundation",
        "institute",
        "university",
        "bank",
        "corporation",
        "corp",
        "inc",
        "co",
        "network",
        "station",
        "newspaper",
        "magazine",
        "service",
        "services",
        "center",
        "centre",
        "team",
        "white",
        "kremlin",
        "pentagon",
        "congress",
        "senate",
        "parliament",
        "cabinet",
        "federation",
        "association",
        "alliance",
        "movement",
        "faction",
        "regime",
        "state",
        "states",
        "country",
        "countries",
        "nations",
        "house",
        "prosecutors",
        "prosecutor's",
        "fund",
        "watchdog",
        "regulator",
        "regulators",
        "club",
        "caucus",
        "staff",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "spokespeople",
        "statement",
        "nato",
        "fbi",
        "cia",
        "justice",
        "reuters",
        "cnn",
        "cbs",
        "abc",
        "nbc",
        "fox",
        "times",
        "post",
        "journal",
        "press",
        "ap",
        "afp",
        "bloomberg",
        "upi",
        "politico",
    }
)

ORGANIZATION_NOUNS = ORGANIZATION_NOUNS | frozenset(
    """media utility utilities broadcaster airline operator opposition insurer carrier
    manufacturer maker retailer developer lender exchange club charity hospital school church
    trust firms companies banks groups agencies ministries governments unions parties outlets
    newspapers networks regulators legislature assembly secretariat directorate inspectorate
    tribunal junta cartel militia rebels insurgents forces troops navy prosecution defense
    defence league federation fifa ioc imf eu un opec caller news herald tribune gazette
    courier telegraph guardian observer chronicle daily radio tv television magazine monitor
    examiner inquirer wire channel cnbc msnbc npr pbs axios breitbart huffpost""".split()
)

_MORE_DOCUMENTS = frozenset(
    """communique communiqué declaration readout dossier cable memorandum guidance minutes
    bulletin newsletter filing petition resolution treaty agreement contract manifesto
    platform ad advertisement commercial chart graph map poster sign banner constitution
    charter decree statute biography biographies obituary results projections forecast
    forecasts transcripts""".split()
)

DOCUMENT_NOUNS: frozenset[str] = _MORE_DOCUMENTS | frozenset(
    {
        "report",
        "reports",
        "statement",
        "statements",
        "filing",
        "filings",
        "document",
        "documents",
        "study",
        "studies",
        "survey",
        "surveys",
        "poll",
        "polls",
        "letter",
        "letters",
        "memo",
        "memos",
        "analysis",
        "data",
        "records",
        "record",
        "complaint",
        "lawsuit",
        "indictment",
        "ruling",
        "email",
        "emails",
        "e-mail",
        "transcript",
        "affidavit",
        "release",
        "audit",
        "review",
        "assessment",
        "estimate",
        "estimates",
        "figures",
        "census",
        "papers",
        "testimony",
        "order",
        "decision",
        "findings",
        "investigation",
        "tally",
        "count",
        "website",
        "post",
        "tweet",
        "video",
        "footage",
        "bill",
        "plan",
        "proposal",
        "budget",
        "draft",
        "notice",
        "summary",
        "paper",
        "textbook",
        "book",
        "article",
        "research",
        "verdict",
        "opinion",
        "brief",
        "motion",
        "warrant",
        "charge",
        "charges",
    }
)

# Roles that name one identifiable person ("the minister", "the president").
ROLE_NOUNS: frozenset[str] = frozenset(
    {
        "minister",
        "president",
        "senator",
        "governor",
        "mayor",
        "secretary",
        "chairman",
        "chairwoman",
        "chair",
        "candidate",
        "lawyer",
        "attorney",
        "judge",
        "prosecutor",
        "ambassador",
        "director",
        "chief",
        "ceo",
        "founder",
        "leader",
        "premier",
        "chancellor",
        "king",
        "queen",
        "pope",
        "general",
        "commissioner",
        "congressman",
        "congresswoman",
        "representative",
        "speaker",
        "nominee",
        "frontrunner",
        "front-runner",
        "manager",
        "host",
        "author",
        "professor",
        "businessman",
        "mogul",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "envoy",
        "counsel",
        "sheriff",
        "coach",
        "owner",
        "head",
        "billionaire",
        "senators",
        "lawyers",
        "attorneys",
        "candidates",
        "ministers",
        "leaders",
        "judges",
        "prosecutors",
        "rival",
        "rivals",
        "opponent",
        "opponents",
        "campaign",
        "incumbent",
        "challenger",
        "mother",
        "father",
        "wife",
        "husband",
        "son",
        "daughter",
        "friend",
        "colleague",
        "partner",
    }
)

SOURCE_NOUNS: frozenset[str] = ANONYMOUS_NOUNS | ORGANIZATION_NOUNS | DOCUMENT_NOUNS | ROLE_NOUNS

# Words that mark a source as unnamed on purpose.
ANONYMITY_MARKERS: tuple[str, ...] = (
    "anonymity",
    "familiar with",
    "not authorized",
    "not authorised",
    "asked not to be",
    "declined to be named",
    "requested anonymity",
    "briefed on",
    "close to",
    "knowledge of",
    "not allowed to",
    "unnamed",
    "anonymous",
    "on background",
)

# Words that count members of a group ("two of the drivers", "some of his aides", "many
# say"): the plural ones take a plain verb; the single ones name one unnamed member.
PLURAL_QUANTIFIERS: tuple[str, ...] = tuple(
    """some many most all few several both two three four five six seven eight nine ten
    dozens hundreds thousands""".split()
) + ("a few", "a handful", "a number", "a group")
SINGLE_QUANTIFIERS: tuple[str, ...] = ("one", "another", "each", "none")

PRONOUN_SOURCES: dict[str, str] = {
    "he": "person",
    "she": "person",
    "i": "person",
    "they": "plural",
    "we": "plural",
    "it": "thing",
    "who": "relative",
}

# Abbreviations after which a full stop does not end a sentence.
TITLE_ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sen",
        "rep",
        "gov",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "maj",
        "pres",
        "rev",
        "sr",
        "jr",
        "st",
        "mt",
        "ft",
        "vs",
        "v",
        "no",
        "nos",
        "inc",
        "corp",
        "co",
        "ltd",
        "dept",
        "est",
        "approx",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "e.g",
        "i.e",
        "etc",
        "al",
        "gens",
        "reps",
        "sens",
        "supt",
        "att",
        "atty",
        "messrs",
        "u.s",
        "u.n",
        "u.k",
        "e.u",
        "d.c",
        "a.m",
        "p.m",
        "ph.d",
        "ave",
        "blvd",
    }
)

# After these, a full stop ends the sentence only before a word that usually opens one.
COUNTRY_ABBREVIATIONS: frozenset[str] = frozenset(
    {"u.s", "u.n", "u.k", "e.u", "d.c", "a.m", "p.m", "inc", "corp", "co", "ltd", "etc", "jr", "sr"}
)

SENTENCE_OPENERS: frozenset[str] = frozenset(
    {
        "The",
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "But",
        "And",
        "In",
        "A",
        "An",
        "This",
        "That",
        "There",
        "Those",
        "These",
        "His",
        "Her",
        "Their",
        "Its",
        "On",
        "At",
        "As",
        "After",
        "When",
        "While",
        "Some",
        "Many",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "If",
        "Yet",
        "So",
        "Still",
        "However",
        "Meanwhile",
        "Officials",
        "According",
        "Asked",
    }
)

MONTHS: frozenset[str] = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    }
)

WEEKDAYS: frozenset[str] = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)

# News organisations whose name in "told X" names the outlet itself.
WIRE_NAMES: tuple[str, ...] = (
    "Reuters",
    "The Associated Press",
    "the Associated Press",
    "Associated Press",
    "AP",
    "AFP",
    "Agence France-Presse",
    "Bloomberg",
    "Bloomberg News",
    "UPI",
    "CNN",
    "BBC",
    "Politico",
    "The Washington Post",
    "The New York Times",
    "The Guardian",
    "Al Jazeera",
    "Axios",
    "NPR",
)

# Words that open an indirect question ("asked whether ...", "asked how ...").
QUESTION_WORDS: tuple[str, ...] = (
    "whether",
    "if",
    "what",
    "why",
    "how",
    "who",
    "whom",
    "which",
    "where",
    "when",
)

# Nouns with which a later sentence points back at what a claim said ("It was not clear
# whether the cabinet had approved the change": the change the claim announced).
BACK_REFERENCE_NOUNS: frozenset[str] = frozenset(
    """change changes plan plans move decision deal measure figure figures claim claims
    proposal policy cut cuts rise increase sale talks contacts visit meeting payment
    payments offer agreement account allegation allegations report announcement""".split()
)

# What a cue reports, by its verb (every form listed, phrasal ones whole). A cue in none of
# these lists but among the cue words reports speech ("said", "praised", "according to").
BELIEF_CUES: frozenset[str] = frozenset(
    """believe believes believed believing think thinks thought thinking expect expects
    expected expecting fear fears feared fearing doubt doubts doubted hope hopes hoped hoping
    want wants wanted worry worries worried feel feels felt know knows knew see sees saw
    suspect suspects suspected assume assumes assumed wonder wonders wondered considered
    seen viewed regarded prefer prefers preferred estimate estimates estimated estimating
    predict predicts predicted predicting forecast forecasts projected projects agree agrees
    agreed agreeing""".split()
) | frozenset({"counting on"})
INTENTION_CUES: frozenset[str] = frozenset(
    """plan plans planned planning vow vows vowed vowing pledge pledges pledged pledging
    promise promises promised promising intend intends intended intending aim aims aimed
    seek seeks sought seeking""".split()
) | frozenset({"threatened to", "voted to"})
FINDING_CUES: frozenset[str] = frozenset(
    """show shows showed shown showing find finds found""".split()
)
# Verbs that report a finding when a document speaks ("the study suggests"), speech or a
# belief when a person does.
DOCUMENT_FINDING_CUES: frozenset[str] = frozenset(
    """suggest suggests suggested suggesting reveal reveals revealed revealing estimate
    estimates estimated estimating predict predicts predicted projected projects forecast
    forecasts reported reports report concluded concludes concluding indicate indicates
    indicated indicating""".split()
)

# Cues that report speech only with a clause or a quotation after them; with a noun phrase
# they mean something else ("added another goal", "replied with a goal", "thanked X").
NON_SPEECH_OBJECT_CUES: frozenset[str] = frozenset(
    """added adds adding replied replies replying responded responds responding answered
    thanked thanking thanks offered offers continued posted charged framed boasts boasted
    wrote""".split()
)

# Labels that open a teaser or a piece of page furniture, not a paragraph of the story
# ("READ MORE: ...", "WATCH: ..."): the paragraph says nothing worth a claim.
TEASER_LABELS: frozenset[str] = frozenset(
    """read more|read|watch|watch below|watch live|watch more|watch now|related|related stories|
    related story|related articles|related coverage|related video|photos|photo|video|videos|
    listen|more|also read|see also|click here|subscribe|sign up|relevant reading|recommended|
    trending|sponsored|advertisement|file photo|credit|photo credit|gallery|photo gallery|
    podcast|editor's picks|editor’s picks|don't miss|don’t miss|more coverage|top stories|
    most read|popular|follow|share|image|caption|graphic|map""".replace("\n", "").split("|")
)
TEASER_LABELS = frozenset(w.strip() for w in TEASER_LABELS)

# Title-case section labels that head a paragraph of ordinary text ("The Latest: ...").
SECTION_LABELS: frozenset[str] = frozenset(
    """the latest|update|updated|analysis|opinion|editorial|breaking|breaking news|
    background|context|what's next|what’s next|
    timeline|explainer|factbox|fact box|key points|exclusive|live|at issue""".replace(
        "\n", ""
    ).split("|")
)
SECTION_LABELS = frozenset(w.strip() for w in SECTION_LABELS)

# Verbs of evaluation, support and demand. With a clause they report what was said ("she
# criticised that the plan came late"); with a noun phrase ("criticized the plan", "called
# for a ceasefire") they report the source's stance on something, an attitude (kind
# ``belief``), not words.
EVALUATION_CUES: frozenset[str] = frozenset(
    """praised praises praising praise criticized criticised criticizes criticising
    criticizing condemned condemns condemning blamed blames blaming mocked mocks mocking
    slammed slams slamming blasted blasts lambasted lambasting attacked attacking assailed
    assails backed backs backing supported supports supporting opposed opposes opposing
    endorsed endorses endorsing defended defends defending rejected rejects rejecting
    dismissed dismisses dismissing welcomed welcomes welcoming applauded applauds applauding
    hailed hailing lamented laments lamenting decried decries decrying derided deriding
    ridiculed ridiculing denounced denounces denouncing rebuked rebuking chided chiding
    scolded scolding touted touts touting credited crediting congratulated celebrated
    urged urges urging demanded demands demanding sought seeks seeking""".split()
) | frozenset(
    """called for|calls for|calling for|called on|calls on|pushed for|pushes for|pushing for|
    railed against|rails against|took aim at|lashed out at|spoke out against|voted for|
    voted against|expressed concern|raised concerns|expressed|expresses""".replace("\n", "").split(
        "|"
    )
)
EVALUATION_CUES = frozenset(w.strip() for w in EVALUATION_CUES)

# Sources whose statements are findings, not speech ("the report says", "city documents
# show", "according to the survey").
FINDING_SOURCES: frozenset[str] = frozenset(
    """report reports study studies survey surveys poll polls analysis analyses data
    records audit audits review assessment assessments estimate estimates figures census
    findings investigation tally count research chart charts graph statistics numbers
    results documents projections forecasts model models index""".split()
)

# Verbs of refusal and command: with an infinitive after them ("refused to resign",
# "ordered the city to pay") they report what the source will or will not have done, an
# intention, not words said.
REFUSAL_CUES: frozenset[str] = frozenset(
    """refused refuses refusing refuse declined declines declining ordered orders ordering
    order""".split()
)
