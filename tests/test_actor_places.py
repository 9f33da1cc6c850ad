"""Unnamed groups take the country of the place the text puts them in (sentences written for
these tests)."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.document import Article

pytestmark = pytest.mark.slow


def _record(pipeline, text: str):
    from dateline.records import document_to_record

    return document_to_record(pipeline(Article(text=text, published=dt.date(2025, 3, 4))))


def _country(record, name: str) -> str | None:
    actor = next(a for a in record["actors"] if a["name"].lower() == name.lower())
    return actor["country"]


def test_groups_take_the_country_of_their_sentence(pipeline) -> None:
    record = _record(pipeline, "Police fired tear gas at demonstrators in Nairobi on Monday.")
    assert _country(record, "Police") == "KEN"
    assert _country(record, "demonstrators") == "KEN"


def test_a_group_no_sentence_places_keeps_no_country(pipeline) -> None:
    text = (
        "QUITO, Ecuador (Wire) - Officials met in the capital on Monday.\n\n"
        "Later that day, gunmen opened fire on a bus, witnesses said."
    )
    record = _record(pipeline, text)
    assert _country(record, "gunmen") is None


def test_named_people_and_nationals_keep_their_own_country(pipeline) -> None:
    record = _record(pipeline, "French soldiers arrived in Dakar on Friday.")
    assert _country(record, "French soldiers") == "FRA"
