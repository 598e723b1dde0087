"""Text to comparable terms: the normal form that every score in this package compares.

Case, punctuation, typographic quotes, possessives, numbers written as words, currencies,
dates, nationality adjectives and light stemming are folded here, and each term is tagged as
a name, a number, a date or part of the attribution around the claim ("an official told
Reuters"), so scoring can weigh the claim's content and check that its facts agree.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from tracker.matching.lexicon import (
    AMBIGUOUS_DATE_WORDS,
    ATTRIBUTION,
    ATTRIBUTION_CUES,
    CAPITALS,
    COMMON_WORDS,
    CURRENCIES,
    DEMONYMS,
    IRREGULAR,
    MEDIUM_WORDS,
    MONTHS,
    NEGATED_CONTRACTIONS,
    NEGATIONS,
    SCALES,
    STOPWORDS,
    SYNONYM_GROUPS,
    UNITS,
    WEEKDAYS,
)

__all__ = ["ClaimTerms", "analyze", "stem", "is_number", "normalize_text"]

#: Typographic quotation marks and primes, each as its plain ASCII mark (also read by
#: the embedding model's text preparation, :func:`tracker.matching.embedding.prepare`).
QUOTE_MARKS: dict[str, str] = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
}
_QUOTES = str.maketrans(
    {
        **QUOTE_MARKS,
        "\u2013": " - ",
        "\u2014": " - ",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_HASHTAG = re.compile(r"#(\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
_MENTION = re.compile(r"@(\w+)")
# Well-known names with dotted or several spellings, brought to one before tokenising.
_FIXED_NAMES = re.compile(
    r"(?P<usa>\bU\.\s?S\.(?:\s?A\.)?|\bUSA\b|\bUS\b|\bUnited States(?: of America)?\b)"
    r"|(?P<britain>\bU\.\s?K\.|\bUK\b|\bUnited Kingdom\b|\bGreat Britain\b)"
    r"|(?P<un>\bU\.\s?N\.|\bUnited Nations\b)"
    r"|(?P<eu>\bE\.\s?U\.|\bEuropean Union\b)"
    r"|(?P<percent>\b[Pp]er\s+cent\b)"
)
_FIXED_SPELLING = {
    "usa": " USA ",
    "britain": " Britain ",
    "un": " UN ",
    "eu": " EU ",
    "percent": " percent ",
}
_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")
_TOKEN = re.compile(
    r"[^\W\d_]+(?:'[^\W\d_]+)*'?"  # words, with their apostrophes ("Syria's", "didn't")
    r"|\d[\d,]*(?:\.\d+)?[%a-zA-Z]*"  # numbers, with a unit or scale ("5%", "1.5bn")
    r"|[$£€¥,;:()\[\]\"]"  # currencies and clause punctuation
    r"|[.!?]+(?!\S)"  # sentence ends
)
_NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?)(.*)")
_FIXED_HINTS = (
    "US",
    "U.",
    "U. ",
    "UK",
    "United",
    "Great Britain",
    "E.U",
    "EU",
    "European",
    "er cent",
)

#: Terms an attribution clause is weighted by, relative to the claim's content.
ATTRIBUTION_FACTOR = 0.3


@dataclass(frozen=True, slots=True)
class ClaimTerms:
    """A claim read for matching: its content terms in order, and what each of them is.

    ``terms`` are stemmed, lower-case and alias-canonical; ``names`` are those written as
    proper names; ``attribution`` those found only in the clause that attributes the claim;
    ``negations`` the words that negate it (their count's parity is the claim's polarity);
    ``surface`` maps each term to the first way the text wrote it, for explanations.
    """

    terms: tuple[str, ...]
    names: frozenset[str] = frozenset()
    attribution: frozenset[str] = frozenset()
    negations: tuple[str, ...] = ()
    surface: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def negated(self) -> bool:
        """Whether the claim says something is not so (an odd number of negations)."""
        return len(self.negations) % 2 == 1

    @property
    def numbers(self) -> frozenset[str]:
        """The numbers the claim states, as canonical digit strings."""
        return frozenset(t for t in self.terms if is_number(t))

    @property
    def dates(self) -> frozenset[str]:
        """Weekdays, months and years the claim names."""
        return frozenset(t for t in self.terms if is_date(t))


def is_number(term: str) -> bool:
    """True for a canonical number term ("13", "1500000", "2.5")."""
    return bool(term) and term[0].isdigit()


_DATE_TERMS = frozenset(WEEKDAYS.values()) | frozenset(MONTHS.values())


def is_date(term: str) -> bool:
    """True for a weekday, a month or a plausible year."""
    if term in _DATE_TERMS:
        return True
    return len(term) == 4 and term.isdigit() and 1800 <= int(term) <= 2100


def stem(word: str) -> str:
    """Light suffix stripping so "talks", "talked" and "talking" meet at "talk".

    Deliberately gentler than Porter: it folds inflection (plural, past, progressive,
    adverbs, "-ation") and leaves derivation alone, so distinct words rarely collide.
    """
    if word in IRREGULAR:
        return IRREGULAR[word]
    if len(word) <= 3 or not word.isalpha():
        return word
    w = word
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is", "ous")):
        w = w[:-1]
    if w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("eed"):
        pass
    elif w.endswith("ed") and len(w) > 4 and _has_vowel(w[:-2]):
        w = w[:-2]
    elif w.endswith("ing") and len(w) > 5 and _has_vowel(w[:-3]):
        w = w[:-3]
    if w.endswith("ly") and len(w) > 6 and w[-3] not in "abi":
        w = w[:-2]
    if w.endswith("ation") and len(w) > 7:
        w = w[:-5] + "at"
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "lsz" and w[-1] not in "aeiou":
        w = w[:-1]
    return w


_SYNONYMS: dict[str, str] = {}


def _build_synonyms() -> None:
    for group in SYNONYM_GROUPS:
        head = stem(group[0])
        for word in group:
            _SYNONYMS.setdefault(stem(word), head)
            _SYNONYMS.setdefault(word, head)


def _looks_like_common_word(low: str) -> bool:
    """Whether a capitalised first word of a sentence is more likely a word than a name.

    "Researchers", "Inflation", "Consumer": inflected or derived English endings. Names
    rarely end so ("Peter" does, and loses its name bonus only at a sentence start).
    """
    return len(low) > 4 and low.endswith(_COMMON_ENDINGS) and low not in _PLACES


_COMMON_ENDINGS = (
    "s",
    "ed",
    "ing",
    "tion",
    "sion",
    "ment",
    "ness",
    "ly",
    "er",
    "ity",
    "ive",
    "ous",
    "ful",
    "less",
    "able",
    "ible",
    "ism",
    "ist",
)
_PLACES = frozenset(DEMONYMS.values())


def _has_vowel(s: str) -> bool:
    return any(c in "aeiouy" for c in s)


def normalize_text(text: str) -> str:
    """Fold typography and web noise (quotes, dashes, URLs, hashtags, well-known names)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    elif "`" in text:
        text = text.replace("`", "'")
    if "http" in text or "www." in text:
        text = _URL.sub(" ", text)
    if "#" in text:
        text = _HASHTAG.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)).lower() + " ", text)
    if "@" in text:
        text = _MENTION.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)) + " ", text)
    if any(h in text for h in _FIXED_HINTS):
        text = _FIXED_NAMES.sub(_fixed_spelling, text)
    return text


def _fixed_spelling(m: re.Match[str]) -> str:
    return _FIXED_SPELLING[m.lastgroup or "usa"]


def _parse_number(raw: str) -> float | None:
    digits = raw.replace(",", "")
    try:
        return float(digits)
    except ValueError:
        return None


def _canonical_number(value: float) -> str:
    if not math.isfinite(value):
        return "inf"
    if abs(value) < 1e18 and value == int(value):
        return str(int(value))
    return f"{value:.6g}"


_PUNCT = frozenset(',;:()[]".!?')
_CURRENCY_SIGNS = frozenset("$£€¥")

_build_synonyms()

# Ordinary words already read once: their stem, and whether they are common enough that a
# capital at the start of a sentence does not make them a name. Function words map to _SKIP.
_SKIP = ("", False, "")
_PLAIN: dict[str, tuple[str, bool, str]] = {
    w: _SKIP
    for w in STOPWORDS
    if w not in UNITS
    and w not in SCALES
    and w not in NEGATIONS
    and w not in WEEKDAYS
    and w not in MONTHS
    and w not in CURRENCIES
    and w not in DEMONYMS
}
_PLAIN_LIMIT = 500_000


@dataclass(slots=True)
class _Token:
    surface: str
    term: str
    name: bool = False
    clause: int = 0
    sentence: int = 0


def analyze(text: str, aliases: _AliasLike | None = None) -> ClaimTerms:
    """Read one claim (or any sentence) into the terms that matching compares.

    ``aliases`` (an :class:`~tracker.matching.aliases.AliasTable`) rewrites every known
    alias to its canonical name, so "HTS" and "Hayat Tahrir al-Sham" become the same terms.
    """
    clean = normalize_text(text)
    upper = len(_UPPER.findall(clean))
    shouting = upper > 3 and upper > 1.5 * len(_LOWER.findall(clean))
    tokens: list[_Token] = []
    negations: list[str] = []
    clause = 0
    sentence = 0
    initial = True
    pending_currency: str | None = None
    number_words: list[str] = []
    number_value: list[int] = [0, 0]  # total, current

    def flush_number_words() -> None:
        if not number_words:
            return
        value = number_value[0] + number_value[1]
        tokens.append(
            _Token(" ".join(number_words), _canonical_number(value), False, clause, sentence)
        )
        number_words.clear()
        number_value[0] = number_value[1] = 0

    matches = _TOKEN.findall(clean)
    consumed = -1
    for idx, raw_token in enumerate(matches):
        if idx == consumed:
            continue
        first = raw_token[0]
        if first in _PUNCT:
            flush_number_words()
            clause += 1
            if first in ".!?":
                sentence += 1
                initial = True
            continue
        if first in _CURRENCY_SIGNS:
            flush_number_words()
            pending_currency = CURRENCIES.get(first, "usd")
            continue
        if first.isdigit():
            flush_number_words()
            parts = _NUMBER.match(raw_token)
            if parts is None:
                continue
            raw, suffix = parts.group(1), parts.group(2).lower()
            value = _parse_number(raw)
            if value is None:
                continue
            if suffix in SCALES:
                value *= SCALES[suffix]
            elif idx + 1 < len(matches):
                nxt = matches[idx + 1].lower()
                if nxt in SCALES and nxt not in ("k", "m"):
                    value *= SCALES[nxt]
                    consumed = idx + 1
            tokens.append(_Token(raw, _canonical_number(value), False, clause, sentence))
            if suffix == "%":
                tokens.append(_Token("%", "percent", False, clause, sentence))
            if pending_currency:
                tokens.append(_Token(pending_currency, pending_currency, False, clause, sentence))
                pending_currency = None
            initial = False
            continue
        word = raw_token
        was_initial = initial
        initial = False
        low = word.lower()
        if low.endswith("n't") or low in NEGATED_CONTRACTIONS:
            flush_number_words()
            negations.append(word)
            continue
        if "'" in low:
            base, _, tail = low.partition("'")
            if tail in ("s", "", "re", "ll", "ve", "d", "m"):
                low = base
                word = word.split("'", 1)[0]
            else:
                low = low.replace("'", "")
        if not low:
            continue
        plain = _PLAIN.get(low)
        if plain is _SKIP:  # a function word
            if low == "and" and number_words:
                continue
            if not (len(word) > 1 and word.isupper()):
                if number_words:
                    flush_number_words()
                continue
            plain = None
        if plain is not None:  # an ordinary word seen before: skip the special cases
            if number_words:
                flush_number_words()
            stemmed, common, name_stem = plain
            if (
                word[0].isupper()
                and not shouting
                and (not was_initial or not common or (len(word) > 1 and word.isupper()))
            ):
                tokens.append(_Token(word, name_stem, True, clause, sentence))
            else:
                tokens.append(_Token(word, stemmed, False, clause, sentence))
            continue
        # Numbers written as words ("thirteen", "two hundred and fifty", "1.5 million").
        if low in UNITS or (low in SCALES and len(low) > 2 and number_words):
            if low in UNITS:
                number_value[1] += UNITS[low]
            elif SCALES[low] == 100:
                number_value[1] = max(number_value[1], 1) * 100
            else:
                number_value[0] += max(number_value[1], 1) * SCALES[low]
                number_value[1] = 0
            number_words.append(word)
            continue
        if low == "and" and number_words:
            continue
        flush_number_words()
        if low in NEGATIONS:
            negations.append(word)
            continue
        capital = word[:1].isupper()
        allcaps = len(word) > 1 and word.isupper() and not shouting
        if low in WEEKDAYS and (capital or len(low) > 3):
            tokens.append(_Token(word, WEEKDAYS[low], False, clause, sentence))
            continue
        if low in MONTHS:
            near_number = _near_number(matches, idx)
            if low not in AMBIGUOUS_DATE_WORDS or (capital and not was_initial) or near_number:
                if low != "may" or capital and (near_number or not was_initial):
                    tokens.append(_Token(word, MONTHS[low], False, clause, sentence))
                    continue
        if low in CURRENCIES and low.isalpha():
            tokens.append(_Token(word, CURRENCIES[low], False, clause, sentence))
            continue
        if low in DEMONYMS:
            place = DEMONYMS[low]
            term = "usa" if place == "america" else place
            tokens.append(_Token(word, term, True, clause, sentence))
            continue
        if low == "usa" or low == "britain":
            tokens.append(_Token(word, low, True, clause, sentence))
            continue
        if low in CAPITALS and capital:
            tokens.append(_Token(word, CAPITALS[low], True, clause, sentence))
            continue
        if low in STOPWORDS and not allcaps:
            continue
        if low in ("percent", "pct"):
            tokens.append(_Token(word, "percent", False, clause, sentence))
            continue
        common = (
            low in COMMON_WORDS
            or low in MEDIUM_WORDS
            or low in ATTRIBUTION
            or _looks_like_common_word(low)
        )
        is_name = not shouting and capital and (allcaps or not was_initial or not common)
        if low == "america":
            low = "usa"
        # Names are stemmed too (without synonyms), so "Revenue" opening a sentence still
        # meets "revenue" further on, and "Reuters" meets "Reuters'".
        name_stem = stem(low)
        stemmed = _SYNONYMS.get(name_stem, name_stem)
        if low not in STOPWORDS and len(_PLAIN) < _PLAIN_LIMIT:
            _PLAIN[low] = (stemmed, common, name_stem)
        tokens.append(_Token(word, name_stem if is_name else stemmed, is_name, clause, sentence))
    flush_number_words()

    attribution_idx = _attribution_tokens(tokens)
    terms = [t.term for t in tokens]
    names = {t.term for t in tokens if t.name}
    in_content = {t.term for i, t in enumerate(tokens) if i not in attribution_idx}
    attribution = {t.term for i, t in enumerate(tokens) if i in attribution_idx} - in_content
    surface: dict[str, str] = {}
    for t in tokens:
        surface.setdefault(t.term, t.surface)
    result = ClaimTerms(
        terms=tuple(terms),
        names=frozenset(names),
        attribution=frozenset(attribution),
        negations=tuple(negations),
        surface=surface,
    )
    if aliases is not None:
        result = aliases.canonicalize(result)
    return result


class _AliasLike:
    """What :func:`analyze` needs from an alias table (kept here to avoid an import cycle)."""

    def canonicalize(self, claim: ClaimTerms) -> ClaimTerms:  # pragma: no cover - protocol
        raise NotImplementedError


def _near_number(matches: list[str], idx: int) -> bool:
    for j in (idx - 1, idx + 1):
        if 0 <= j < len(matches) and matches[j][0].isdigit():
            return True
    return False


def _attribution_tokens(tokens: list[_Token]) -> set[int]:
    """Indexes of tokens that attribute the claim rather than state it.

    A short clause at the start or end of a sentence that holds a cue ("an official briefed
    on the developments told Reuters", "according to the ministry"), or the lead-in of
    "X said (on Monday) (that) ..." when it opens the sentence.
    """
    out: set[int] = set()
    if len(tokens) < 5:
        return out
    cue = [t.surface.lower() in ATTRIBUTION_CUES for t in tokens]
    if not any(cue):
        return out
    by_sentence: dict[int, dict[int, list[int]]] = {}
    for i, t in enumerate(tokens):
        by_sentence.setdefault(t.sentence, {}).setdefault(t.clause, []).append(i)
    for clauses in by_sentence.values():
        idxs = [i for members in clauses.values() for i in members]
        content = len(idxs)
        if content < 5 or not any(cue[i] for i in idxs):
            continue
        keys = sorted(clauses)
        found = False
        flagged = 0
        # from the end: the closing ", an official told Reuters." is the commonest form;
        # the claim itself must keep at least half of the sentence
        for pos in range(len(keys) - 1, -1, -1):
            members = clauses[keys[pos]]
            if len(members) > 10 or flagged + len(members) > content * 0.5:
                continue
            cues = [n for n, i in enumerate(members) if cue[i]]
            if not cues:
                continue
            edge = pos in (0, len(keys) - 1)
            closing = cues[-1] >= len(members) - 2  # ", an official ... told Reuters,"
            if edge or closing:
                out.update(members)
                flagged += len(members)
                found = True
        if found:
            continue
        for n, i in enumerate(idxs[:7]):
            if cue[i] and n >= 1 and content - n >= 5:
                out.update(idxs[: n + 1])
                break
    return out


def content_terms(claims: Iterable[ClaimTerms]) -> set[str]:
    """Every term that appears in any of ``claims`` (for building IDF tables)."""
    out: set[str] = set()
    for c in claims:
        out.update(c.terms)
    return out
