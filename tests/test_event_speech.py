"""Speech acts in what a side says (sentences written for these tests): a denial of
involvement or a refusal is REJECT, another side's act told as deliberate or named a crime is
ACCUSE, a vow of force or punishment and a readiness to strike are THREATEN; a statement that
only describes is no event, and a speech act the trigger rules coded is not coded twice."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.document import Article

pytestmark = pytest.mark.slow


def _events(pipeline, text: str) -> list[tuple[str, set[str], set[str]]]:
    """(type, actor countries, recipient countries) of every event."""
    from dateline.records import document_to_record

    record = document_to_record(pipeline(Article(text=text, published=dt.date(2024, 5, 2))))
    by_id = {a["id"]: a for a in record["actors"]}
    return [
        (
            e["type"],
            {by_id[i]["country"] for i in e["actor"] if by_id[i]["country"]},
            {by_id[i]["country"] for i in e["recipient"] if by_id[i]["country"]},
        )
        for e in record["events"]
    ]


@pytest.mark.parametrize(
    "text, event",
    [
        ("The Turkish ministry said it had no links to the armed group.", ("REJECT", {"TUR"})),
        (
            "The Hungarian government said it had nothing to do with the arrests.",
            ("REJECT", {"HUN"}),
        ),
        (
            "The Armenian prime minister said his country would never accept the Azerbaijani"
            " proposal.",
            ("REJECT", {"ARM"}, {"AZE"}),
        ),
        (
            "The Indian government said Pakistan had deliberately targeted civilian areas near"
            " the border.",
            ("ACCUSE", {"IND"}, {"PAK"}),
        ),
        (
            "The Ukrainian president said the Russian strike on the hospital was a war crime.",
            ("ACCUSE", {"UKR"}, {"RUS"}),
        ),
        (
            "The Georgian president said the Russian move was an act of aggression.",
            ("ACCUSE", {"GEO"}, {"RUS"}),
        ),
        (
            "The Pakistani prime minister vowed to bring those responsible to justice.",
            ("THREATEN", {"PAK"}),
        ),
        (
            "Iran's foreign minister said Iran was prepared to conduct more strikes on Israel if"
            " needed.",
            ("THREATEN", {"IRN"}, {"ISR"}),
        ),
    ],
)
def test_a_statement_that_is_a_speech_act_is_an_event(pipeline, text, event) -> None:
    found = _events(pipeline, text)
    assert any(
        e[0] == event[0] and e[1] == event[1] and (len(event) < 3 or e[2] == event[2])
        for e in found
    ), found


def test_a_readiness_to_strike_is_a_threat_not_a_strike(pipeline) -> None:
    text = "Iran's foreign minister said Iran was prepared to conduct more strikes on Israel."
    assert "ASSAULT" not in {e[0] for e in _events(pipeline, text)}


@pytest.mark.parametrize(
    "text, type_",
    [
        (
            "The Ukrainian minister said ships had been stuck in ports since the Russian"
            " invasion began.",
            "ACCUSE",
        ),
        ("The analysts said Ukrainian forces had deliberately withdrawn from the town.", "ACCUSE"),
        ("Israel vowed to shield the Druze community from attack.", "THREATEN"),
        ("Belarus said it would only fight in response to a provocation by Poland.", "THREATEN"),
        ("The Turkish ministry said the Greek island had no airport.", "REJECT"),
    ],
)
def test_a_statement_that_only_describes_is_no_speech_act(pipeline, text, type_) -> None:
    assert type_ not in {e[0] for e in _events(pipeline, text)}


def test_a_speech_act_the_rules_coded_is_not_coded_twice(pipeline) -> None:
    text = "The Greek prime minister said the Turkish claims were false and baseless."
    assert [e[0] for e in _events(pipeline, text)].count("REJECT") == 1
