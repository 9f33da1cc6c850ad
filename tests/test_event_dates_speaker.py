"""A statement with no day of its own, told after the same speaker's dated statement, takes that
day (one occasion told over several sentences), on a report written for these tests
(tests/fixtures/dates/speaker-2025.txt), published on Monday 28 July 2025. Another speaker's
statement keeps the publication day; every event says where its date came from."""

from __future__ import annotations

from typing import Any

import pytest

from dateline.readers import read_article

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def record(pipeline, fixtures_dir):  # type: ignore[no-untyped-def]
    return pipeline.extract(read_article(fixtures_dir / "dates" / "speaker-2025.txt"))


def dates_of(record: dict[str, Any], type_: str, trigger: str) -> list[dict[str, Any]]:
    text = record["article"]["text"]
    found = [
        e["date"]
        for e in sorted(record["events"], key=lambda e: e["evidence"]["trigger"][0])
        if e["type"] == type_
        and text[e["evidence"]["trigger"][0] : e["evidence"]["trigger"][1]] == trigger
    ]
    assert found, f"no {type_} on {trigger!r}: {record['events']}"
    return found


def test_the_speakers_next_statement_takes_the_day_of_the_speech(record) -> None:  # type: ignore[no-untyped-def]
    first, *later = dates_of(record, "ACCUSE", "accused")
    assert (first["value"], first["date_source"]) == ("2025-07-26", "text")
    assert later, "the second accusation was not found"
    assert (later[0]["value"], later[0]["date_source"]) == ("2025-07-26", "context")


def test_another_speakers_statement_keeps_the_publication_day(record) -> None:  # type: ignore[no-untyped-def]
    (date,) = dates_of(record, "REQUEST", "called")
    assert (date["value"], date["date_source"]) == ("2025-07-28", "publication")


def test_every_dated_event_says_where_its_date_came_from(record) -> None:  # type: ignore[no-untyped-def]
    dated = [e["date"] for e in record["events"] if e["date"] is not None]
    assert dated and all(d["date_source"] in ("text", "context", "publication") for d in dated)
