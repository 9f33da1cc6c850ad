"""Numbers in digits or words (dateline.numbers), as dates and figures use them."""

from __future__ import annotations

import pytest

from dateline.numbers import number_value, spelled_year_value
from dateline.timex import number_value as timex_number_value


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("7", 7.0),
        ("2.5", 2.5),
        ("3 1/2", 3.5),
        ("4½", 4.5),
        ("seven", 7),
        ("Nineteen", 19),
        ("twenty-one", 21),
        ("forty  five", 45),
        ("one", 1),
        ("an", 1),
        ("two and a half", 2.5),
        ("a couple of", 2),
        ("a dozen", 12),
        ("a hundred", 100),
        ("half an", 0.5),
    ],
)
def test_number_value(words: str, value: float) -> None:
    assert number_value(words) == value


@pytest.mark.parametrize("words", ["a few", "several", "many", "some", "dozens", "", None])
def test_vague_or_unknown_numbers_have_no_value(words: str | None) -> None:
    assert number_value(words) is None


def test_timex_reexports_the_number_parser() -> None:
    assert timex_number_value is number_value


@pytest.mark.parametrize(
    ("words", "year"),
    [
        ("nineteen eighty-four", 1984),
        ("eighteen twelve", 1812),
        ("nineteen oh five", 1905),
        ("two thousand", 2000),
        ("two thousand and nine", 2009),
        ("twenty twenty-five", 2025),
        ("seventeen seventy-six", None),
        ("nineteen lots", None),
    ],
)
def test_spelled_year_value(words: str, year: int | None) -> None:
    assert spelled_year_value(words) == year
