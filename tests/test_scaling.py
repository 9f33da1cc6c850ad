"""Long articles stay near-linear: the stages after the actor stage may read the article's
mentions, quotes, places and dates once each (or through an index), never once per candidate,
quote or word. No timing is asserted; the test counts how many items the stages take from
those lists while an article made of 4 and of 8 copies of the same paragraphs is processed.
A scan of a whole list per item found would make the count grow four-fold when the article
doubles; a linear stage makes it double."""

from __future__ import annotations

from typing import Any

import pytest

from dateline.document import Article, Document

pytestmark = pytest.mark.slow

#: paragraphs written for this test: attacks with places, dates and figures, quoted and
#: reported words, a speaker named once and then called "the spokesperson"
PARAGRAPHS = [
    "Russian forces shelled Kharkiv on Monday, killing three people, the regional governor said.",
    "Ukraine's foreign ministry condemned the attack as a “war crime” and urged the United "
    "Nations to send monitors to the city.",
    "A spokesperson for the ministry, Anna Kovalenko, said Kyiv would ask Poland for more "
    "air defence systems.",
    "“We will not give up,” the spokesperson said on Tuesday.",
    "Turkey and Ukraine agreed in Ankara on Wednesday to keep grain ships moving from Odesa.",
]
WATCHED = ("mentions", "quotes", "places", "dates", "actors")


class CountingList(list):  # type: ignore[type-arg]
    """A list that counts the items taken from it by iteration (indexing is not counted:
    that is how an index reads it)."""

    taken = 0

    def __iter__(self) -> Any:
        for item in super().__iter__():
            CountingList.taken += 1
            yield item

    def __reversed__(self) -> Any:
        for item in super().__reversed__():
            CountingList.taken += 1
            yield item


def items_taken(pipeline, copies: int) -> int:
    """Items the stages after the actor stage take from the watched lists."""
    text = "\n\n".join(PARAGRAPHS * copies)
    article = Article(text=text, origin=f"copies-{copies}")
    document = Document(article=article, doc=pipeline.nlp(text))
    CountingList.taken = 0
    counted = 0
    for stage in pipeline.stages:
        for name in WATCHED:
            setattr(document, name, CountingList(getattr(document, name)))
        before = CountingList.taken
        document = stage(document)
        if stage.name != "actors":  # the actor stage builds these lists
            counted += CountingList.taken - before
    assert document.events and document.quotes and document.places and document.dates
    return counted


def test_stages_read_the_article_lists_a_linear_number_of_times(pipeline):
    small = items_taken(pipeline, 4)
    large = items_taken(pipeline, 8)
    # linear: twice the items; quadratic: four times
    assert large <= 2.6 * small, (small, large)
