"""Query cleanup for posts copied from social media, and its use in ``rank``."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from tests.encoders import HashingEncoder
from tracker.matching import Matcher, rank
from tracker.matching.querytext import clean_query
from tracker.matching.retrieval import _W_COSINE

NEWS = [
    "The mayor said the bridge would reopen to traffic in March.",
    "Health officials reported 40 new cases of measles, up 12% on last week.",
    "A spokesperson for the ministry (the department of roads) declined to comment.",
    "Write to press@example.org for the full report, which cost $3 million.",
    "The vote - held on Tuesday - passed by 61 to 39.",
]


@pytest.mark.parametrize("sentence", NEWS)
def test_a_news_sentence_keeps_its_words(sentence: str) -> None:
    assert clean_query(sentence) == sentence


def test_links_go_and_a_picture_link_says_photo() -> None:
    text = "Our new park opens today https://t.co/Ab12Cd34 pic.twitter.com/Zy98Xw76"
    assert clean_query(text) == "Our new park opens today photo"
    assert clean_query("See www.example.com/page now") == "See now"
    # glued to the word before, as copied posts often are
    assert clean_query("Big day#Parkhttps://t.co/Ab12Cd34") == "Big day Park"


def test_hashtags_and_handles_keep_their_words() -> None:
    text = "RT @CityNews_Desk: #TaxTheRich bill passes, says .@MayorJaneDoe #Vote2024"
    assert clean_query(text) == "Tax The Rich bill passes, says Mayor Jane Doe Vote 2024"
    assert clean_query("#VoteIn5Steps #COVID19Vaccine") == "Vote In 5 Steps COVID19 Vaccine"


def test_emoji_and_invisible_marks_go() -> None:
    text = "Snow in June \U0001f631\U0001f631 on the hills "
    text += "\u2066\U0001f44d\U0001f3fd\u2069 \u2744\ufe0f"
    assert clean_query(text) == "Snow in June on the hills"
    assert clean_query("Fish &amp; chips cost £5") == "Fish & chips cost £5"


@pytest.mark.parametrize(
    "signature",
    [
        " \u2014 Jane Q. Doe (@janeqdoe) March 3, 2021",
        "\u2014 Jane Q. Doe \U0001f30a (@janeqdoe) March 3, 2021",
        " - Jane Q. Doe (@janeqdoe) November 14, 20",
    ],
)
def test_the_signature_of_a_copied_post_leaves_its_authors_name(signature: str) -> None:
    body = "The library will stay open all night during exams."
    assert clean_query(body + signature) == body + " Jane Q. Doe"


class _Recording(HashingEncoder):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        self.seen.extend(texts)
        return super().encode(texts, batch_size=batch_size)


class _Matcher(Matcher):
    def __init__(self, encoder: _Recording) -> None:
        super().__init__()
        self._encoder = encoder

    @property
    def encoder(self) -> _Recording:  # type: ignore[override]
        return self._encoder


def test_rank_embeds_a_query_as_given_and_cleaned_each_text_once() -> None:
    post = "Bridge reopens in March #GoodNews https://t.co/Ab12Cd34"
    post += " \u2014 Jo Roe (@joroe) May 2, 2022"
    plain = "The council approved a new budget."
    claims = ["The bridge reopens to traffic in March.", plain, "Snow closed the pass."]
    encoder = _Recording()
    ranked = rank([post, plain, post], claims, k=3, matcher=_Matcher(encoder))
    assert sorted(encoder.seen) == sorted({post, clean_query(post), plain, *claims})
    assert ranked[0] == ranked[2]
    assert ranked[1][0][0] == 1
    # the query's vector is the normalised mean of its two readings (the claim sharing its
    # words is also BM25's best, so its BM25 part is whole)
    vec = encoder.encode([post, clean_query(post), claims[0]])
    mean = (vec[0] + vec[1]) / np.linalg.norm(vec[0] + vec[1])
    expected = 100.0 * (_W_COSINE * float(mean @ vec[2]) + 1.0 - _W_COSINE)
    assert dict(ranked[0])[0] == pytest.approx(expected, abs=1e-3)
    assert abs(expected - 100.0 * (_W_COSINE * float(vec[0] @ vec[2]) + 1.0 - _W_COSINE)) > 0.1
