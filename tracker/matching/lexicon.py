"""Word lists the matcher needs before it has seen any stories.

A claim's weight lives in its rare words; until a corpus IDF table exists, these tiers stand
in for document frequency: function words carry nothing, everyday English and newsroom
boilerplate carry little, and anything not listed counts as rare.
"""

from __future__ import annotations

#: Function words: dropped from a claim's content entirely.
STOPWORDS: frozenset[str] = frozenset(
    """
    a an the and or but if then than so as of at by for from in into on onto to with within
    about above across after against along amid among around before behind below beneath beside
    besides between beyond down during except inside near off out outside over past since
    through throughout till toward towards under underneath until up upon via per
    i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves this that these
    those who whom whose which what whatever whoever whichever there here where when why how
    am is are was were be been being have has had having do does did doing done
    will would shall should can could may might must ought
    s t d ll m re ve y o
    also just only even still yet too very quite rather really again ever once already
    such both each either every all any some many much more most few fewer less least other
    others another same own several
    just now then thus hence therefore however moreover meanwhile furthermore whereas while
    whether though although because since unless
    al el la le de du da di von van der den bin ibn bint abu
    mr mrs ms dr sir st jr sr
    one's oneself upon amongst whilst
    """.split()
)

#: Words that say something is not so. Kept apart from content: they flip a claim.
NEGATIONS: frozenset[str] = frozenset(
    """
    not no never none nobody nothing neither nor nowhere cannot without
    deny denies denied denying refuse refuses refused refusing reject rejects rejected
    dismiss dismissed dismisses fail fails failed failing
    """.split()
)

#: Contractions whose ``n't`` carries the negation.
NEGATED_CONTRACTIONS: frozenset[str] = frozenset(
    """
    isn't aren't wasn't weren't don't doesn't didn't won't wouldn't can't couldn't shouldn't
    hasn't haven't hadn't mustn't needn't mightn't shan't ain't
    """.split()
)

#: Attribution around a claim: who said it, not what was said.
ATTRIBUTION: frozenset[str] = frozenset(
    """
    say says said saying tell tells told telling according add adds added adding
    stated report reports reported reporting cite cites cited citing quote quoted
    quoting claim claims claimed claiming note noted notes write wrote writes insist insisted
    explain explained suggest suggested comment comments commented commenting remark remarked
    mention mentioned argue argued assert asserted announce announced spokesman spokeswoman
    spokesperson statement briefed briefing source sources official officials familiar
    anonymity anonymous condition speaking
    reuters ap afp bloomberg cnn bbc nbc cbs abc fox msnbc npr pbs upi dpa efe ansa xinhua tass
    interfax yonhap kyodo aljazeera jazeera guardian nyt times post journal telegraph
    """.split()
)

#: Outlet and attribution cue words that open or close an attribution clause.
ATTRIBUTION_CUES: frozenset[str] = frozenset(
    "said says say told tells according added adds stated reported citing cited quoted "
    "claimed".split()
)

#: Everyday English and newsroom boilerplate: present in most stories, so they weigh little.
COMMON_WORDS: frozenset[str] = frozenset(
    """
    year years time times day days week weeks month months today yesterday tomorrow tonight
    people person man men woman women child children group groups part parts place places case
    cases point points way ways thing things world life hand number numbers lot lots home work
    government governments country countries state states city cities area areas region
    national local public new old good bad great big small large long little high low early late
    first second third last next recent recently former current major main key top senior
    make makes made making take takes took taken taking give gives gave given giving get gets got
    go goes went gone going come comes came coming see sees saw seen know knows knew known think
    thought want wants wanted use used using find found look looked seem seemed ask asked asking
    try tried call called calling keep kept let put need needs needed show showed shown leave
    left become became begin began run ran hold held bring brought happen happened include
    included including continue continued set move moved live lived believe believed allow
    allowed help helped turn turned start started expect expected
    mr president minister ministry official officials leader leaders member members
    spokesman spokeswoman spokesperson chief head director secretary
    percent pct million billion thousand hundred trillion dollar usd
    issue issues problem problems question questions fact facts reason report reports news
    story stories statement statements comment comments interview press media
    plan plans effort efforts move change changes end side sides level levels kind form
    well back around later earlier since ago yet like likely unlikely possible able
    around nearly almost about roughly least
    """.split()
)

#: Words that are common but still carry some meaning: half weight.
MEDIUM_WORDS: frozenset[str] = frozenset(
    """
    talk talks meet meeting met meetings agree agreed agreement deal deals sign signed
    attack attacks kill killed killing die died death deaths war force forces military army
    police court law laws vote votes election elections party parties company companies market
    markets price prices rate rates rise rose fall fell increase decrease cut cuts pay paid
    money budget tax taxes bank banks business economy economic political policy policies
    support supported oppose opposed win won lose lost open opened close closed
    power powers control rule rules security health school schools family families
    office offices house service services system systems program programs project projects
    sale sales share shares stock stocks trade deal investor investors
    """.split()
)

#: Nationality adjectives and the place they point to, so "Qatari" meets "Qatar".
DEMONYMS: dict[str, str] = {
    "afghan": "afghanistan",
    "albanian": "albania",
    "algerian": "algeria",
    "american": "america",
    "argentine": "argentina",
    "argentinian": "argentina",
    "armenian": "armenia",
    "australian": "australia",
    "austrian": "austria",
    "azerbaijani": "azerbaijan",
    "bahraini": "bahrain",
    "bangladeshi": "bangladesh",
    "belarusian": "belarus",
    "belgian": "belgium",
    "bolivian": "bolivia",
    "bosnian": "bosnia",
    "brazilian": "brazil",
    "british": "britain",
    "bulgarian": "bulgaria",
    "cambodian": "cambodia",
    "canadian": "canada",
    "chilean": "chile",
    "chinese": "china",
    "colombian": "colombia",
    "croatian": "croatia",
    "cuban": "cuba",
    "cypriot": "cyprus",
    "czech": "czechia",
    "danish": "denmark",
    "dutch": "netherlands",
    "egyptian": "egypt",
    "emirati": "uae",
    "english": "england",
    "eritrean": "eritrea",
    "estonian": "estonia",
    "ethiopian": "ethiopia",
    "european": "europe",
    "filipino": "philippines",
    "finnish": "finland",
    "french": "france",
    "georgian": "georgia",
    "german": "germany",
    "ghanaian": "ghana",
    "greek": "greece",
    "haitian": "haiti",
    "hungarian": "hungary",
    "icelandic": "iceland",
    "indian": "india",
    "indonesian": "indonesia",
    "iranian": "iran",
    "iraqi": "iraq",
    "irish": "ireland",
    "israeli": "israel",
    "italian": "italy",
    "japanese": "japan",
    "jordanian": "jordan",
    "kazakh": "kazakhstan",
    "kenyan": "kenya",
    "korean": "korea",
    "kosovar": "kosovo",
    "kurdish": "kurd",
    "kuwaiti": "kuwait",
    "latvian": "latvia",
    "lebanese": "lebanon",
    "libyan": "libya",
    "lithuanian": "lithuania",
    "malaysian": "malaysia",
    "malian": "mali",
    "mexican": "mexico",
    "moldovan": "moldova",
    "mongolian": "mongolia",
    "moroccan": "morocco",
    "nepali": "nepal",
    "nigerian": "nigeria",
    "norwegian": "norway",
    "omani": "oman",
    "pakistani": "pakistan",
    "palestinian": "palestine",
    "peruvian": "peru",
    "polish": "poland",
    "portuguese": "portugal",
    "qatari": "qatar",
    "romanian": "romania",
    "russian": "russia",
    "rwandan": "rwanda",
    "saudi": "saudi",
    "scottish": "scotland",
    "senegalese": "senegal",
    "serbian": "serbia",
    "singaporean": "singapore",
    "slovak": "slovakia",
    "slovenian": "slovenia",
    "somali": "somalia",
    "spanish": "spain",
    "sudanese": "sudan",
    "swedish": "sweden",
    "swiss": "switzerland",
    "syrian": "syria",
    "taiwanese": "taiwan",
    "thai": "thailand",
    "tunisian": "tunisia",
    "turkish": "turkey",
    "ugandan": "uganda",
    "ukrainian": "ukraine",
    "uzbek": "uzbekistan",
    "venezuelan": "venezuela",
    "vietnamese": "vietnam",
    "welsh": "wales",
    "yemeni": "yemen",
    "zambian": "zambia",
    "zimbabwean": "zimbabwe",
}

#: Irregular verb forms and their base, so "spoke" meets "speak" and "held" meets "hold".
IRREGULAR: dict[str, str] = {
    "spoke": "speak",
    "spoken": "speak",
    "held": "hold",
    "met": "meet",
    "fled": "flee",
    "took": "take",
    "taken": "take",
    "told": "tell",
    "won": "win",
    "lost": "lose",
    "said": "say",
    "says": "say",
    "made": "make",
    "gave": "give",
    "given": "give",
    "went": "go",
    "gone": "go",
    "came": "come",
    "saw": "see",
    "seen": "see",
    "knew": "know",
    "known": "know",
    "thought": "think",
    "brought": "bring",
    "bought": "buy",
    "sold": "sell",
    "paid": "pay",
    "left": "leave",
    "kept": "keep",
    "began": "begin",
    "begun": "begin",
    "ran": "run",
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "grew": "grow",
    "grown": "grow",
    "drew": "draw",
    "drawn": "draw",
    "wrote": "write",
    "written": "write",
    "chose": "choose",
    "chosen": "choose",
    "broke": "break",
    "broken": "break",
    "struck": "strike",
    "stole": "steal",
    "stolen": "steal",
    "shot": "shoot",
    "fought": "fight",
    "caught": "catch",
    "taught": "teach",
    "sought": "seek",
    "led": "lead",
    "fed": "feed",
    "felt": "feel",
    "sent": "send",
    "spent": "spend",
    "built": "build",
    "lent": "lend",
    "meant": "mean",
    "heard": "hear",
    "found": "find",
    "stood": "stand",
    "understood": "understand",
    "hit": "hit",
    "cut": "cut",
    "set": "set",
    "put": "put",
    "quit": "quit",
    "shut": "shut",
    "bid": "bid",
    "wore": "wear",
    "worn": "wear",
    "threw": "throw",
    "thrown": "throw",
    "flew": "fly",
    "flown": "fly",
    "froze": "freeze",
    "frozen": "freeze",
    "hid": "hide",
    "hidden": "hide",
    "rode": "ride",
    "swore": "swear",
    "sworn": "swear",
    "tore": "tear",
    "torn": "tear",
    "woke": "wake",
    "forgave": "forgive",
    "forgot": "forget",
    "forgotten": "forget",
    "overtook": "overtake",
    "undertook": "undertake",
    "withdrew": "withdraw",
    "withdrawn": "withdraw",
    "arose": "arise",
    "beat": "beat",
    "beaten": "beat",
    "became": "become",
    "dealt": "deal",
    "dug": "dig",
    "hung": "hang",
    "laid": "lay",
    "lay": "lie",
    "lit": "light",
    "slid": "slide",
    "sank": "sink",
    "sunk": "sink",
    "sped": "speed",
    "spun": "spin",
    "spread": "spread",
    "stuck": "stick",
    "swept": "sweep",
    "swung": "swing",
    "wept": "weep",
    "wound": "wind",
    "men": "man",
    "women": "woman",
    "children": "child",
    "people": "people",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "died": "die",
    "dies": "die",
    "dying": "die",
    "lied": "lie",
    "lying": "lie",
    "killed": "kill",
    "killing": "kill",
}

#: Number words and their value; scale words multiply what came before them.
UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
}
SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "mln": 1_000_000,
    "bln": 1_000_000_000,
    "k": 1_000,
    "m": 1_000_000,
    "bn": 1_000_000_000,
    "tn": 1_000_000_000_000,
}

WEEKDAYS: dict[str, str] = {
    "monday": "monday",
    "mon": "monday",
    "tuesday": "tuesday",
    "tue": "tuesday",
    "tues": "tuesday",
    "wednesday": "wednesday",
    "wed": "wednesday",
    "thursday": "thursday",
    "thu": "thursday",
    "thur": "thursday",
    "thurs": "thursday",
    "friday": "friday",
    "fri": "friday",
    "saturday": "saturday",
    "sat": "saturday",
    "sunday": "sunday",
    "sun": "sunday",
}
MONTHS: dict[str, str] = {
    "january": "jan",
    "jan": "jan",
    "february": "feb",
    "feb": "feb",
    "march": "mar",
    "mar": "mar",
    "april": "apr",
    "apr": "apr",
    "may": "may",
    "june": "jun",
    "jun": "jun",
    "july": "jul",
    "jul": "jul",
    "august": "aug",
    "aug": "aug",
    "september": "sep",
    "sep": "sep",
    "sept": "sep",
    "october": "oct",
    "oct": "oct",
    "november": "nov",
    "nov": "nov",
    "december": "dec",
    "dec": "dec",
}
#: Abbreviations that are also everyday words: a month or weekday only when capitalised.
AMBIGUOUS_DATE_WORDS: frozenset[str] = frozenset(
    "may mar march jan sat sun wed mon fri aug dec sep oct nov jun jul apr feb tue thu".split()
)

#: Currency words and symbols, all brought to one code.
CURRENCIES: dict[str, str] = {
    "$": "usd",
    "us$": "usd",
    "dollar": "usd",
    "dollars": "usd",
    "usd": "usd",
    "£": "gbp",
    "pound": "gbp",
    "pounds": "gbp",
    "sterling": "gbp",
    "gbp": "gbp",
    "€": "eur",
    "euro": "eur",
    "euros": "eur",
    "eur": "eur",
    "¥": "yen",
    "yen": "yen",
    "yuan": "yuan",
    "rupee": "inr",
    "rupees": "inr",
    "riyal": "riyal",
    "riyals": "riyal",
}

#: Title words that open an appositive naming a person's office ("Minister of State at...").
TITLE_WORDS: frozenset[str] = frozenset(
    """
    minister president prime secretary chancellor governor mayor senator ambassador envoy
    general commander chief director spokesman spokeswoman spokesperson chairman chairwoman
    chair leader head king queen prince emir sheikh pope ceo founder
    """.split()
)

#: Words news stories use interchangeably for one thing; the first of each group stands
#: for the rest ("troops" / "soldiers", "held talks" / "met", "rose" / "climbed").
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("troops", "soldiers", "troop", "soldier"),
    ("send", "deploy", "dispatch"),
    ("killed", "died", "dead", "death", "deaths", "slain", "killing", "kill", "die"),
    (
        "talks",
        "talk",
        "met",
        "meet",
        "meeting",
        "spoke",
        "speak",
        "discuss",
        "discussed",
        "discussion",
    ),
    ("buy", "purchase", "acquire", "acquired", "acquisition", "bought"),
    (
        "rise",
        "rose",
        "increase",
        "increased",
        "climb",
        "climbed",
        "jump",
        "jumped",
        "soar",
        "soared",
        "gain",
        "gained",
        "rising",
    ),
    (
        "fall",
        "fell",
        "drop",
        "dropped",
        "decline",
        "declined",
        "decrease",
        "decreased",
        "slide",
        "slid",
        "plunge",
        "plunged",
        "tumble",
        "tumbled",
    ),
    (
        "cut",
        "reduce",
        "reduced",
        "lower",
        "lowered",
        "slash",
        "slashed",
        "trim",
        "shed",
        "eliminate",
    ),
    ("arrest", "arrested", "detain", "detained", "custody"),
    (
        "protest",
        "protested",
        "protester",
        "protesters",
        "demonstrator",
        "demonstrators",
        "demonstration",
        "rally",
        "rallied",
    ),
    ("appoint", "appointed", "nominate", "nominated"),
    ("company", "firm"),
    ("profit", "earnings"),
    ("agreement", "deal", "pact", "accord", "treaty"),
    ("start", "begin", "began", "launch", "launched"),
    ("help", "aid", "assist", "assistance"),
    ("country", "nation"),
    ("resign", "resigned", "quit"),
    ("plan", "plans", "intend", "intends", "aim", "aims"),
    ("children", "kids", "child"),
    ("attack", "assault"),
    ("price", "cost", "prices", "costs"),
    ("leader", "chief", "head"),
    ("warn", "warned", "caution", "cautioned"),
    ("big", "large", "huge"),
)

#: Capitals that news uses for their governments ("Doha said", "talks with Tehran").
CAPITALS: dict[str, str] = {
    "doha": "qatar",
    "tehran": "iran",
    "moscow": "russia",
    "kremlin": "russia",
    "beijing": "china",
    "ankara": "turkey",
    "riyadh": "saudi",
    "cairo": "egypt",
    "amman": "jordan",
    "baghdad": "iraq",
    "damascus": "syria",
    "beirut": "lebanon",
    "kyiv": "ukraine",
    "kiev": "ukraine",
    "washington": "usa",
    "london": "britain",
    "paris": "france",
    "berlin": "germany",
    "rome": "italy",
    "madrid": "spain",
    "tokyo": "japan",
    "seoul": "korea",
    "pyongyang": "korea",
    "delhi": "india",
    "islamabad": "pakistan",
    "kabul": "afghanistan",
    "jerusalem": "israel",
    "brasilia": "brazil",
    "ottawa": "canada",
    "canberra": "australia",
    "abuja": "nigeria",
    "nairobi": "kenya",
    "pretoria": "africa",
    "warsaw": "poland",
    "budapest": "hungary",
    "athens": "greece",
    "brussels": "eu",
    "caracas": "venezuela",
    "havana": "cuba",
    "hanoi": "vietnam",
    "manila": "philippines",
    "jakarta": "indonesia",
    "bangkok": "thailand",
    "taipei": "taiwan",
    "khartoum": "sudan",
    "tripoli": "libya",
    "tunis": "tunisia",
    "algiers": "algeria",
    "rabat": "morocco",
    "muscat": "oman",
    "sanaa": "yemen",
    "kuwait": "kuwait",
    "manama": "bahrain",
    "minsk": "belarus",
}
