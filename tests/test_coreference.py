"""The shared coreference search and the lookups that replace scans of every mention, on
mentions written for these tests (no parse needed)."""

from __future__ import annotations

import random

from dateline.document import Mention
from dateline.spancover import SpanCover
from dateline.stages.actors.coreference import (
    MentionOrder,
    Pronouns,
    SentenceScope,
    find_antecedent,
)
from dateline.stages.quotes.speakers import _MentionLookup


def _mention(start: int, actor: str) -> Mention:
    return Mention((start, start + 4), "name", actor, "name")


def test_pronouns_are_data_with_their_uses():
    mention, speaker = Pronouns.load("mention"), Pronouns.load("speaker")
    assert mention.refers_to("his") == "person" and mention.refers_to("their") == "group"
    assert mention.refers_to("we") is None
    assert speaker.refers_to("we") == "group" and speaker.refers_to("its") is None


def test_without_sentences_the_nearest_subject_wins():
    order = MentionOrder([_mention(0, "a"), _mention(10, "b"), _mention(20, "c")])
    subjects = {"a", "b"}
    found = find_antecedent(order.before(30), lambda m: m.actor_id in subjects)
    assert found.subject is not None and found.subject.actor_id == "b"
    assert found.nearest is not None and found.nearest.actor_id == "c"


def test_by_sentence_the_first_subject_of_the_nearest_sentence_wins():
    # sentences: [0, 30), [30, 60), [60, 90); the pronoun is in the last one
    order = MentionOrder([_mention(0, "a"), _mention(32, "b"), _mention(45, "c")])
    scope = SentenceScope(lambda offset: offset // 30, current=2, back=3)
    found = find_antecedent(order.before(70), lambda m: m.actor_id in {"a", "b", "c"}, scope)
    assert found.subject is not None and found.subject.actor_id == "b"


def test_by_sentence_the_search_stops_a_few_sentences_back():
    order = MentionOrder([_mention(0, "a"), _mention(130, "b")])
    scope = SentenceScope(lambda offset: offset // 30, current=5, back=3)
    found = find_antecedent(order.before(160), lambda m: m.actor_id == "a", scope)
    assert found.subject is None
    assert found.nearest is not None and found.nearest.actor_id == "b"


def _mention_at_by_scan(mentions: list[Mention], start: int, end: int) -> Mention | None:
    best, best_overlap = None, 0
    for mention in mentions:
        overlap = min(end, mention.span[1]) - max(start, mention.span[0])
        if overlap > best_overlap:
            best, best_overlap = mention, overlap
    return best


def test_mention_lookup_agrees_with_a_scan_of_every_mention():
    chooser = random.Random(7)
    for _ in range(200):
        mentions = []
        for number in range(chooser.randint(0, 12)):
            start = chooser.randint(0, 60)
            mentions.append(Mention((start, start + chooser.randint(1, 15)), "x", f"a{number}"))
        lookup = _MentionLookup(mentions)
        for _ in range(20):
            start = chooser.randint(0, 80)
            end = start + chooser.randint(0, 10)
            assert lookup(start, end) is _mention_at_by_scan(mentions, start, end)


def test_span_cover_agrees_with_a_scan_of_every_span():
    chooser = random.Random(11)
    for _ in range(200):
        spans = []
        for _ in range(chooser.randint(0, 8)):
            start = chooser.randint(0, 60)
            spans.append((start, start + chooser.randint(1, 12)))
        cover = SpanCover(spans)
        for offset in range(80):
            assert (offset in cover) == any(s <= offset < e for s, e in spans)
        for _ in range(20):
            start = chooser.randint(0, 70)
            end = start + chooser.randint(1, 10)
            expected = [i for i, (s, e) in enumerate(spans) if s < end and e > start]
            assert cover.overlapping((start, end)) == expected
            assert cover.starts_within(start, end) == any(start <= s < end for s, _ in spans)
