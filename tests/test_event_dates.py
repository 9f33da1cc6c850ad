"""Event dates and where they came from (GUIDELINES.md, "Dates"), on a report written for
these tests (tests/fixtures/dates), published on Friday 4 July 2025: a day in the event's own
clause, a night giving both days, a vague period giving no day but keeping its words, and a
same-day reaction given the publication day."""

from __future__ import annotations

from typing import Any

import pytest

from dateline.readers import read_article

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def record(pipeline, fixtures_dir):  # type: ignore[no-untyped-def]
    return pipeline.extract(read_article(fixtures_dir / "dates" / "sources-2025.txt"))


def event_with(record: dict[str, Any], type_: str, trigger: str) -> dict[str, Any]:
    text = record["article"]["text"]
    for event in record["events"]:
        start, end = event["evidence"]["trigger"]
        if event["type"] == type_ and text[start:end] == trigger:
            return event
    raise AssertionError(f"no {type_} on {trigger!r}: {record['events']}")


def test_a_day_in_the_clause_is_from_the_text(record) -> None:  # type: ignore[no-untyped-def]
    date = event_with(record, "ASSAULT", "struck")["date"]
    assert (date["value"], date["date_source"], date["days"]) == ("2025-07-03", "text", [])


def test_overnight_gives_both_days(record) -> None:  # type: ignore[no-untyped-def]
    date = event_with(record, "ASSAULT", "attacked")["date"]
    assert date["date_source"] == "text"
    assert date["days"] == ["2025-07-03", "2025-07-04"]
    assert date["value"] in date["days"]


def test_a_vague_period_gives_no_day_but_keeps_the_words(record) -> None:  # type: ignore[no-untyped-def]
    date = event_with(record, "ASSAULT", "shelled")["date"]
    assert date["value"] is None and date["granularity"] == "vague"
    start, end = date["span"]
    assert record["article"]["text"][start:end].endswith("recent days")


def test_a_same_day_reaction_is_dated_by_publication(record) -> None:  # type: ignore[no-untyped-def]
    date = event_with(record, "ACCUSE", "condemned")["date"]
    assert (date["value"], date["date_source"], date["span"]) == ("2025-07-04", "publication", None)


def test_every_event_date_says_where_it_came_from(record) -> None:  # type: ignore[no-untyped-def]
    dated = [e["date"] for e in record["events"] if e["date"]]
    assert dated and all(d["date_source"] in ("text", "context", "publication") for d in dated)
