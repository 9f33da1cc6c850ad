"""Document.mention_at: the indexed look-up gives what a scan of every mention gives."""

from __future__ import annotations

import random

from dateline.document import Article, Document, Mention


def scan(mentions: list[Mention], start: int, end: int) -> Mention | None:
    """The definition: the largest overlap; of equal overlaps, the one listed first."""
    best, best_overlap = None, 0
    for mention in mentions:
        overlap = min(end, mention.span[1]) - max(start, mention.span[0])
        if overlap > best_overlap:
            best, best_overlap = mention, overlap
    return best


def test_mention_at_equals_a_scan_of_every_mention() -> None:
    rng = random.Random(14)
    for _ in range(500):
        mentions = []
        for n in range(rng.randint(0, 12)):
            start = rng.randint(0, 60)
            mentions.append(Mention((start, start + rng.randint(0, 10)), "x", f"a{n}"))
        document = Document(article=Article(text="x" * 80))
        for order in (mentions, list(reversed(mentions))):
            document.mentions = order  # a new list: the index is rebuilt
            for _ in range(10):
                start = rng.randint(-5, 75)
                end = start + rng.randint(-2, 15)
                assert document.mention_at(start, end) is scan(order, start, end)


def test_mention_at_prefers_the_larger_overlap_then_the_first_listed() -> None:
    wide = Mention((0, 10), "the foreign minister", "a1", "description")
    name = Mention((4, 10), "minister", "a2")
    twin = Mention((4, 10), "minister", "a3")
    document = Document(article=Article(text="x" * 20), mentions=[name, wide, twin])
    assert document.mention_at(0, 10) is wide
    assert document.mention_at(4, 10) is name
    assert document.mention_at(10, 12) is None


def test_an_article_reads_its_publication_date_from_an_iso_string() -> None:
    import datetime as dt

    import pytest

    from dateline.document import Article
    from dateline.errors import Code, DatelineError

    assert Article(text="x", published="2025-03-10").published == dt.date(2025, 3, 10)
    assert Article(text="x", published="2025-03-10T08:00:00Z").published == dt.date(2025, 3, 10)
    assert Article(text="x", published=dt.datetime(2025, 3, 10, 8)).published == dt.date(
        2025, 3, 10
    )
    with pytest.raises(DatelineError) as bad:
        Article(text="x", published="last Monday")
    assert bad.value.code == Code.BAD_SETTING and "ISO date" in str(bad.value)
