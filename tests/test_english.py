"""Closed-class English read from knowledge/data/english.tsv (dateline.english)."""

from __future__ import annotations

import re
from importlib import resources

from dateline import english


def test_months_full_names_and_short_forms() -> None:
    months = english.months()
    assert list(english.month_names())[:2] == ["january", "february"]
    assert len(english.month_names()) == 12
    assert months["may"] == 5
    assert months["sept"] == months["sep"] == months["september"] == 9
    assert set(months.values()) == set(range(1, 13))


def test_weekdays_start_on_monday() -> None:
    days = english.weekdays()
    assert days[0] == "monday"
    assert days[6] == "sunday"
    assert len(days) == 7


def test_number_words_and_ordinals() -> None:
    numbers = english.numbers()
    assert numbers["zero"] == 0
    assert numbers["nineteen"] == 19
    assert numbers["ninety"] == 90
    assert english.ordinals()["third"] == 3
    assert english.ordinals()["twenty-first"] == 21


def test_time_units_and_frequencies_are_timex3_durations() -> None:
    assert english.time_units()["fortnight"] == "P2W"
    assert english.time_units()["hour"] == "PT1H"
    assert english.frequencies()["daily"] == "P1D"
    for value in (*english.time_units().values(), *english.frequencies().values()):
        assert re.fullmatch(r"PT?\d+[A-Z]", value)


def test_pronouns_by_kind() -> None:
    assert {"he", "she", "him", "her", "his"} <= english.pronouns("person")
    assert {"they", "them", "their"} <= english.pronouns("group")
    assert {"i", "we", "us"} <= english.pronouns("first")
    assert "who" in english.pronouns()
    assert not english.pronouns("no such kind")


def test_unknown_class_is_empty() -> None:
    assert dict(english.words("no such class")) == {}


def test_the_table_says_its_source_and_every_row_has_three_cells() -> None:
    path = resources.files("dateline.knowledge") / "data" / "english.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ")
    assert any("Source:" in line for line in lines if line.startswith("#"))
    rows = [line for line in lines if line and not line.startswith("#")]
    assert rows[0] == "class\tword\tvalue"
    for row in rows[1:]:
        assert len(row.split("\t")) == 3, row
        assert row.split("\t")[1] == row.split("\t")[1].lower(), row
