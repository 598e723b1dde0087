"""The hybrid score: what two claims mean (sentence embeddings) beside how they are worded.

Meaning is the cosine of the two claims' sentence vectors (:mod:`.embedding`). Wording is
the lexical engine's similarity (:mod:`.score`: IDF-weighted overlap, aliases, disagreeing
facts), two plain views of the two texts (the character ratio over the whole texts, and
the ratio of the best-aligned part: the shorter text against a stretch of the longer one,
so a high value with a low whole ratio means one text says more than the other), and the
kinds of fact the lexical engine found them to disagree on. A logistic blend gives the
score; its weights were fitted on the tuning part of the paraphrase pairs in
``../shared/dev/`` together with the project's own labelled pairs
(``tests/gold/matching_pairs.json``, weighted 4 to 1), see ``bench/matching_eval.py``.

The blend is mapped onto 0..100 so that the decision boundary of the fit falls at
``SAME_THRESHOLD`` (50): below it the score is the fitted probability (in percent) that
the two are the same claim, above it a straight line up to 100 for identical texts.

Nothing here imports numpy: the callers hand in cosines.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rapidfuzz import fuzz, utils

__all__ = [
    "CANDIDATE_COSINE",
    "CONFLICT_COSINE",
    "Evidence",
    "blend",
    "compared",
    "evidence",
    "prepared",
    "wording",
]

# Logistic weights of the cosine, the lexical similarity (0..1), the whole-text ratio, the
# best-part ratio, and whether the lexical engine found a number, a name, or a negation
# (or direction) on which the two disagree; then the intercept, which puts the decision
# boundary that was best on the tuning pairs at 0. The lexical similarity already takes a
# share off for each disagreement; the flags correct that share to what the data showed
# (paraphrases often name one party differently, so a name gives part of it back; a number
# or a negation takes a little more off).
_W_COSINE = 5.27
_W_LEXICAL = 4.13
_W_RATIO = 6.29
_W_PARTIAL = -9.6
_W_NUMBER = -0.44
_W_NAME = 1.21
_W_NEGATION = -0.6
_BIAS = -2.59
# The blend of two identical texts (every ratio 1, nothing disagreeing): mapped to 100.
_TOP = _W_COSINE + _W_LEXICAL + _W_RATIO + _W_PARTIAL + _BIAS

#: A conflict needs the two claims to describe one event in meaning too (cosine at least;
#: every conflict among our own labelled pairs is above 0.59 with the int8 model, 0.6
#: with the float one).
CONFLICT_COSINE = 0.58
#: Claims at least this close in meaning are candidates even when they share no word (no
#: dev paraphrase pair scoring 45 or more had a cosine below 0.44).
CANDIDATE_COSINE = 0.4


@dataclass(frozen=True, slots=True)
class Evidence:
    """The parts of one hybrid score, for explanations."""

    cosine: float
    lexical: float
    ratio: float
    partial: float
    disagreeing: frozenset[str]
    score: float


def _scale(z: float) -> float:
    """Below the boundary, the fitted probability that the pair is the same claim (in
    percent); above it, a straight line up to 100 for identical texts."""
    if z >= 0.0:
        return min(100.0, 50.0 + 50.0 * z / _TOP)
    return 100.0 / (1.0 + math.exp(-z))


def blend(
    cosine: float,
    lexical: float,
    ratio: float,
    partial: float,
    disagreeing: frozenset[str] = frozenset(),
) -> float:
    """The hybrid score (0..100) from a cosine, a lexical similarity (0..100), the two
    character ratios (0..1) and the kinds of fact the two claims disagree on."""
    z = (
        _W_COSINE * (1.0 if cosine > 1.0 else cosine)
        + _W_LEXICAL * lexical / 100.0
        + _W_RATIO * ratio
        + _W_PARTIAL * partial
        + _BIAS
    )
    if "number" in disagreeing:
        z += _W_NUMBER
    if "name" in disagreeing:
        z += _W_NAME
    if "negation" in disagreeing or "direction" in disagreeing:
        z += _W_NEGATION
    return _scale(z)


def wording(a: str, b: str) -> tuple[float, float]:
    """The whole-text ratio and the best-part ratio of two texts (each 0..1), compared
    lower-cased without punctuation."""
    return compared(utils.default_process(a), utils.default_process(b))


def compared(pa: str, pb: str) -> tuple[float, float]:
    """:func:`wording` of two texts already lower-cased without punctuation (by
    :func:`prepared`): a batch prepares each text once, not once per pair."""
    if not pa or not pb:
        return 0.0, 0.0
    return fuzz.ratio(pa, pb) / 100.0, fuzz.partial_ratio(pa, pb) / 100.0


def prepared(text: str) -> str:
    """A text as :func:`wording` compares it (for :func:`compared`)."""
    return str(utils.default_process(text))


def evidence(
    a: str,
    b: str,
    cosine: float,
    lexical: float,
    disagreeing: frozenset[str] = frozenset(),
    *,
    prepared_texts: tuple[str, str] | None = None,
    ratios: tuple[float, float] | None = None,
) -> Evidence:
    """Score two texts from their cosine, their lexical similarity (0..100) and the kinds
    of fact they disagree on (``prepared_texts``: the two from :func:`prepared`, if the
    caller keeps them; ``ratios``: their :func:`compared`, if a batch computed it)."""
    if a == b:
        return Evidence(1.0, lexical / 100.0, 1.0, 1.0, frozenset(), 100.0 if lexical else 0.0)
    if ratios is not None:
        ratio, partial = ratios
    elif prepared_texts is None:
        ratio, partial = wording(a, b)
    else:
        ratio, partial = compared(*prepared_texts)
    score = blend(cosine, lexical, ratio, partial, disagreeing)
    return Evidence(cosine, lexical / 100.0, ratio, partial, disagreeing, score)
