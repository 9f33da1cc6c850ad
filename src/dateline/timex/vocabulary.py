"""The words of time: units, seasons, parts of the day, frequencies and named days.

The long lists are data, read once on first use: units and frequencies from
``knowledge/data/english.tsv``; named days, the words that make a bare month a date, counted
nouns and time zones from ``knowledge/data/time_words.tsv``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from .. import english
from ..knowledge.tables import KnowledgeError
from ..knowledge.tsv import numbered_rows as table_rows

SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
DAY_PARTS = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
    "noon": "MI",
    "midday": "MI",
}
#: "mid-morning" and the like before a day -> its part of the day ("mid-day" and the rest: MI)
MID_DAY_PARTS = {
    "midmorning": "MO",
    "mid-morning": "MO",
    "mid-afternoon": "AF",
    "midafternoon": "AF",
}

_TIME_WORDS = "time_words.tsv"
_ONE_UNIT = re.compile(r"P(?P<clock>T?)(?P<mult>\d+)(?P<letter>[A-Z])")


@functools.cache
def units() -> Mapping[str, tuple[str, bool, int]]:
    """A unit word ("hour", "fortnight") -> (TIMEX3 unit letter, is a clock unit, multiplier)."""
    table: dict[str, tuple[str, bool, int]] = {}
    for word, one in english.time_units().items():
        m = _ONE_UNIT.fullmatch(one)
        if m is None:
            raise KnowledgeError("english.tsv", 0, f"time_unit {word!r}: {one!r} is no duration")
        table[word] = (m["letter"], bool(m["clock"]), int(m["mult"]))
    return table


@functools.cache
def _time_words() -> Mapping[str, Mapping[str, str]]:
    classes: dict[str, dict[str, str]] = {}
    for line, row in table_rows(_TIME_WORDS):
        if not row["class"] or not row["word"]:
            raise KnowledgeError(_TIME_WORDS, line, "a row needs a class and a word")
        classes.setdefault(row["class"], {})[row["word"]] = row["value"]
    return classes


def time_words(word_class: str) -> tuple[str, ...]:
    """The words of one class of ``time_words.tsv``, in the table's order."""
    return tuple(_time_words().get(word_class, {}))


@functools.cache
def holidays() -> Mapping[str, tuple[int, str]]:
    """Named days from ``time_words.tsv``: lower-case name -> (month, day or "WD:N" rule)."""
    table: dict[str, tuple[int, str]] = {}
    for name, value in _time_words().get("named_day", {}).items():
        month, _, day = value.partition("/")
        if not month.isdigit() or not day:
            raise KnowledgeError(_TIME_WORDS, 0, f"named_day {name!r}: {value!r} is no MONTH/DAY")
        table[name.lower()] = (int(month), day)
    return table
