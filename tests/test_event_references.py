"""Mentions of an act that are not news of their own (sentences written for these tests): an
act in an embedded question under a word of asking or doubt ("questions over how X will
retaliate") is hypothetical, and an act named in the phrase of a forum or record about it ("a
meeting on the strike", "an inquiry into the attack") is referred to, not told. An act a
speaker explains or describes stays an event."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.document import Article

pytestmark = pytest.mark.slow


def _types(pipeline, text: str) -> list[str]:
    document = pipeline(Article(text=text, published=dt.date(2024, 5, 2)))
    return [event.type for event in document.events]


@pytest.mark.parametrize(
    "text",
    [
        "Analysts question how Russia will negotiate with Ukraine.",
        "It is unclear why Serbian police attacked Kosovo's border post on Sunday.",
        "There are questions over how Iran will retaliate against the United States.",
        "Observers wonder whether Turkey will strike Syrian Kurdish positions again.",
    ],
)
def test_an_act_in_an_embedded_question_is_no_event(pipeline, text) -> None:
    assert _types(pipeline, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The Ukrainian minister explained how Russian troops attacked the village on Sunday.",
        "Kenya's general described how Somali militants shelled the town overnight.",
    ],
)
def test_an_act_a_speaker_explains_stays_an_event(pipeline, text) -> None:
    assert "ASSAULT" in _types(pipeline, text)


@pytest.mark.parametrize(
    "text",
    [
        "Kenya opened an inquiry into the Somali attack on its base.",
        "Norway called a meeting on the Russian bombing of the port.",
    ],
)
def test_an_act_named_by_a_forum_about_it_is_referred_to(pipeline, text) -> None:
    assert "ASSAULT" not in _types(pipeline, text)


def test_the_same_act_told_in_its_own_clause_is_an_event(pipeline) -> None:
    assert "ASSAULT" in _types(pipeline, "Russian forces bombed Odesa on Sunday.")
