"""Which time words date an event and when none does (GUIDELINES.md, "Dates"), on a report
written for these tests (tests/fixtures/dates/clauses-2025.txt), published on Monday 28 July
2025: a weekend gives both its days; an event told as earlier than another clause, with an
adverb of the past, as a participle under a preposition or as a hypothesis borrows no day;
a vague period of another clause and a day still to come do not date an event told as done."""

from __future__ import annotations

from typing import Any

import pytest

from dateline.readers import read_article

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def record(pipeline, fixtures_dir):  # type: ignore[no-untyped-def]
    return pipeline.extract(read_article(fixtures_dir / "dates" / "clauses-2025.txt"))


def date_of(record: dict[str, Any], type_: str, trigger: str) -> Any:
    text = record["article"]["text"]
    for event in record["events"]:
        start, end = event["evidence"]["trigger"]
        if event["type"] == type_ and text[start:end] == trigger:
            return event["date"]
    raise AssertionError(f"no {type_} on {trigger!r}: {record['events']}")


def test_a_weekend_gives_its_saturday_and_sunday(record) -> None:  # type: ignore[no-untyped-def]
    date = date_of(record, "CONSULT", "called")
    assert date["days"] == ["2025-07-26", "2025-07-27"]
    assert (date["value"], date["date_source"]) == ("2025-07-26", "text")


@pytest.mark.parametrize(
    ("type_", "trigger"),
    [
        ("ASSAULT", "shelled"),  # "soon after Russian forces shelled ..."
        ("ACCUSE", "accusing"),  # "after accusing Belarus of ..."
        ("AGREE", "agreed"),  # "Moscow previously agreed ..."
        ("ACCUSE", "accuse"),  # "If the talks fail, Japan would accuse ..."
    ],
)
def test_an_event_told_as_earlier_or_hypothetical_borrows_no_day(  # type: ignore[no-untyped-def]
    record, type_: str, trigger: str
) -> None:
    if type_ == "ACCUSE" and trigger == "accuse" and not _has(record, type_, trigger):
        return  # a hypothetical is no event at all since the event stage drops them
    assert date_of(record, type_, trigger) is None


def _has(record: dict[str, Any], type_: str, trigger: str) -> bool:
    text = record["article"]["text"]
    return any(
        e["type"] == type_
        and text[e["evidence"]["trigger"][0] : e["evidence"]["trigger"][1]] == trigger
        for e in record["events"]
    )


def test_a_vague_period_of_another_clause_does_not_date_the_event(record) -> None:  # type: ignore[no-untyped-def]
    # "damaged in a Russian strike in January and Hungary has threatened Ukraine"
    assert date_of(record, "THREATEN", "threatened") is None


def test_a_day_still_to_come_does_not_date_an_event_told_as_done(record) -> None:  # type: ignore[no-untyped-def]
    # "Germany condemned Russia's decision ahead of the 12 August summit": a same-day reaction
    date = date_of(record, "ACCUSE", "condemned")
    assert (date["value"], date["date_source"]) == ("2025-07-28", "publication")
