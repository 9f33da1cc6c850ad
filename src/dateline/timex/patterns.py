"""Regular-expression pieces the rules are built from.

Pieces made of words from the data files (months, weekdays, number words, ordinals) are
functions, built on first use; the rest are constants. Every rule pattern is compiled
case-insensitively, so a piece that needs a capital (a month name) says so with ``(?-i:``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from .. import english
from .vocabulary import time_words

DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
YEAR_RE = r"(?<![\d$£€#])(?:1[0-9]{3}|20[0-9]{2})(?![\d%]|,\d|\.\d)"
#: units of time as written in a duration; a regular expression of its own (not built from
#: english.tsv) because plurals and short forms differ from unit to unit
UNIT_RE = (
    r"(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|fortnights?|months?|quarters?"
    r"|years?|yrs?|decades?|centuries|century)"
)
#: "early", "late", "mid", "the end of" ... before a period: the value stays the period's
PFX = (
    r"(?:(?:(?:very\s+)?(?:early|earlier|late|later)(?:\s+(?:in\s+)?|-)|mid-?\s*|(?:at\s+)?the\s+"
    r"(?:very\s+)?(?:middle|end|start|beginning|close|turn|first\s+part|latter\s+part"
    r"|early\s+part|rest)\s+of\s+)?)"
)
AMOUNT_MOD = (
    r"(?:(?:about|around|approximately|roughly|nearly|almost|more\s+than|less\s+than|fewer"
    r"\s+than|at\s+least|at\s+most|up\s+to|over|under|some|just\s+over|just\s+under|well\s+over"
    r"|barely|only|just|upwards\s+of|the\s+better\s+part\s+of)\s+)"
)
#: a year after a day or month: "4 July 2025", "July 4, last year"
YEAR_TAIL = rf"(?:,?\s+(?:of\s+)?(?:(?P<y>{YEAR_RE})|(?P<yrel>last|this|next)\s+year))"
DATE_MOD = (
    r"(?:(?P<dmod>around|about|approximately|circa|last|next|this|this\s+past|this\s+coming)\s+)?"
)


def _words(words: Iterable[str]) -> str:
    return "|".join(words)


@functools.cache
def month_re() -> str:
    """A month name, capitalised: "January", "Jan", "Jan.", "Sept"."""
    full = _words(name.capitalize() for name in english.month_names())
    short = english.words("month_abbreviation")
    return rf"(?-i:(?:{full})\b|(?:{_words(w.capitalize() for w in short)})(?:\.|\b))"


@functools.cache
def weekday_re() -> str:
    """A weekday name, capitalised."""
    return rf"(?-i:(?:{_words(day.capitalize() for day in english.weekdays())}))"


@functools.cache
def tens_re() -> str:
    """A tens word: "twenty" ... "ninety"."""
    return _words(w for w, n in english.numbers().items() if n >= 20)


@functools.cache
def teens_re() -> str:
    """A number word below twenty, longest first."""
    small = [w for w, n in english.numbers().items() if n < 20]
    return _words(sorted(small, key=len, reverse=True))


def _numbers_between(low: int, high: int) -> str:
    return _words(w for w, n in english.numbers().items() if low <= n <= high)


@functools.cache
def hour_word_re() -> str:
    """An hour of the clock in words: "one" ... "twelve"."""
    return _numbers_between(1, 12)


@functools.cache
def number_re() -> str:
    """A number in digits or words, or a vague one ("a few", "several"): the count of a
    duration."""
    digits = _numbers_between(1, 9)
    word_num = rf"(?:(?:{tens_re()})(?:[\s-](?:{digits}))?|{teens_re()})"
    num = (
        rf"(?:\d+(?:\.\d+)?(?:\s*½|\s+1/2|-1/2)?|(?:{word_num}|a|an|one)(?:\s+and\s+a\s+half)?"
        r"|(?:a\s+)?couple\s+of|a\s+couple|a\s+few|a\s+dozen|(?:a|one)\s+hundred|several|few|many"
        r"|some|half\s+an?|a\s+half)"
    )
    return rf"(?<![\w.,])(?:{num})"


@functools.cache
def spelled_year_re() -> str:
    """A year in words: "nineteen eighty-four", "two thousand and five"."""
    tens, digits = tens_re(), _numbers_between(1, 9)
    return (
        rf"(?:(?:nineteen|eighteen|twenty)[\s-](?:(?:{tens})(?:[\s-](?:{digits}))?"
        rf"|{_numbers_between(10, 19)}|oh[\s-](?:{digits}))"
        rf"|two\s+thousand(?:\s+and)?(?:[\s-](?:{_numbers_between(1, 19)}"
        rf"|(?:{tens})(?:[\s-](?:{digits}))?))?)"
    )


@functools.cache
def time_zone_re() -> str:
    """A time zone after a clock time: "GMT", "(UTC+3)", "local time", "Kyiv time"."""
    zones = _words(time_words("time_zone"))
    return (
        rf"(?:\s*\(?(?-i:{zones})(?:\s*[+-]\s*\d{{1,2}}(?::?\d\d)?)?\)?|\s+local\s+time"
        r"|\s+(?-i:[A-Z][a-z]+)\s+time)"
    )
