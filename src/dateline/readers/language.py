"""Is this text English? The pipeline's model and word lists read English only, and other
languages come out as English garbage ("La Russie" as a person), so readers skip them.

The test is offline and needs no new package: the share of words that are English stop words
(spaCy's list, shipped with the pinned spaCy). Running English prose has 26-55% of them (the
lowest on the development and PolNeAR articles: 26%); French, German or Spanish news has 0-6%.
Short texts give too few words to judge and pass.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..document import Article
from ..errors import Code, ReadError

#: below this share of English stop words a text is taken for another language
MIN_ENGLISH_SHARE = 0.12
#: texts with fewer words than this are not judged
MIN_WORDS = 20
#: only the first words are counted, so a long text costs no more than a short one
MAX_WORDS = 2000

_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def english_share(text: str) -> tuple[float, int]:
    """The share of the first words of ``text`` that are English stop words, and how many
    words were counted."""
    words = []
    for match in _WORD.finditer(text):
        words.append(match.group().lower())
        if len(words) >= MAX_WORDS:
            break
    if not words:
        return 0.0, 0
    stop_words = _stop_words()
    return sum(word in stop_words for word in words) / len(words), len(words)


def require_english(article: Article) -> Article:
    """``article`` itself, or ReadError E014 when its text is not English."""
    share, counted = english_share(article.text)
    if counted >= MIN_WORDS and share < MIN_ENGLISH_SHARE:
        origin = article.origin or "<text>"
        raise ReadError(
            Code.NOT_ENGLISH,
            f"{origin} does not look like English ({share:.0%} of its first {counted} words "
            f"are common English words; English text has 25% or more); dateline reads "
            "English articles only",
            origin,
        )
    return article
