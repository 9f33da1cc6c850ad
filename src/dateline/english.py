"""Closed-class English: months, weekdays, number words, ordinals, units of time, pronouns.

One table, ``knowledge/data/english.tsv`` (its header says the format), read once on first
use. Each accessor returns the words of one class in the table's order:

    >>> months()["sept"], weekdays()[0], numbers()["twenty"]
    (9, 'monday', 20)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from types import MappingProxyType

from .knowledge.tables import KnowledgeError
from .knowledge.tsv import numbered_rows as table_rows

__all__ = [
    "frequencies",
    "month_names",
    "months",
    "numbers",
    "ordinals",
    "pronouns",
    "time_units",
    "weekdays",
    "words",
]

_TABLE = "english.tsv"
#: the classes whose value is a whole number
_NUMERIC = frozenset({"month", "month_abbreviation", "weekday", "number", "ordinal"})
#: the classes whose value is a TIMEX3 duration (P1D, PT1H, P100Y)
_DURATIONS = frozenset({"time_unit", "frequency"})
_DURATION = re.compile(r"PT?\d+[A-Z]")


@functools.cache
def _classes() -> Mapping[str, Mapping[str, str]]:
    classes: dict[str, dict[str, str]] = {}
    for line, row in table_rows(_TABLE):
        word_class, word, value = row["class"], row["word"], row["value"]
        if not word_class or not word:
            raise KnowledgeError(_TABLE, line, "a row needs a class and a word")
        if word_class in _NUMERIC and not value.isdigit():
            raise KnowledgeError(_TABLE, line, f"the value of a {word_class} is a whole number")
        if word_class in _DURATIONS and not _DURATION.fullmatch(value):
            raise KnowledgeError(_TABLE, line, f"the value of a {word_class} is a duration (P1D)")
        classes.setdefault(word_class, {})[word] = value
    return MappingProxyType({name: MappingProxyType(table) for name, table in classes.items()})


def words(word_class: str) -> Mapping[str, str]:
    """The words of one class of english.tsv and their values, in the table's order."""
    return _classes().get(word_class, MappingProxyType({}))


def _numbered(word_class: str) -> Mapping[str, int]:
    return MappingProxyType({word: int(value) for word, value in words(word_class).items()})


@functools.cache
def month_names() -> Mapping[str, int]:
    """Full month names ("january") and their numbers, January first."""
    return _numbered("month")


@functools.cache
def months() -> Mapping[str, int]:
    """Every way to name a month in lower case ("january", "jan", "sept") -> 1-12: the full
    names first, then the short forms."""
    return MappingProxyType({**month_names(), **_numbered("month_abbreviation")})


@functools.cache
def weekdays() -> tuple[str, ...]:
    """The weekday names, Monday first (the index is Python's ``date.weekday()``)."""
    return tuple(sorted(words("weekday"), key=lambda day: int(words("weekday")[day])))


@functools.cache
def numbers() -> Mapping[str, int]:
    """Cardinal number words ("zero" ... "nineteen", "twenty" ... "ninety") -> their value."""
    return _numbered("number")


@functools.cache
def ordinals() -> Mapping[str, int]:
    """Ordinal words ("first", "twenty-first") -> the position they name."""
    return _numbered("ordinal")


def time_units() -> Mapping[str, str]:
    """Units of time ("hour", "fortnight") -> the TIMEX3 duration of one unit ("PT1H", "P2W")."""
    return words("time_unit")


def frequencies() -> Mapping[str, str]:
    """Adverbs of frequency ("daily", "fortnightly") -> the TIMEX3 period ("P1D", "P2W")."""
    return words("frequency")


def pronouns(kind: str | None = None) -> frozenset[str]:
    """Pronouns, all or of one kind: first, second, person, thing, group, relative."""
    table = words("pronoun")
    return frozenset(word for word, value in table.items() if kind is None or value == kind)
