"""Numbers written in digits or words, for dates and figures.

    >>> number_value("twenty-one"), number_value("2 1/2"), number_value("a few")
    (21.0, 2.5, None)
    >>> spelled_year_value("nineteen eighty-four")
    1984

The number words come from :func:`dateline.english.numbers`.
"""

from __future__ import annotations

import re

from . import english

__all__ = ["number_value", "spelled_year_value"]

#: the centuries a spelled year may start with ("nineteen eighty-four")
_SPELLED_CENTURIES = {"eighteen": 1800, "nineteen": 1900, "twenty": 2000}


def number_value(words: str | None) -> float | None:
    """The value of a number written in digits or words; None for "a few", "several"."""
    if words is None:
        return None
    w = re.sub(r"\s+", " ", words.strip().lower())
    half = 0.0
    if w.endswith(" and a half"):
        w, half = w[: -len(" and a half")], 0.5
    if w in ("a couple of", "a couple", "couple of"):
        return 2
    if w in ("a hundred", "one hundred"):
        return 100
    frac = re.fullmatch(r"(\d+)(?:\s*½|\s+1/2|-1/2)", w)
    if frac:
        return int(frac[1]) + 0.5
    if w == "a dozen":
        return 12
    if w in ("a", "an", "one"):
        return 1 + half
    if w in ("half a", "half an", "a half"):
        return 0.5
    if w in ("a few", "few", "several", "many", "some"):
        return None
    if re.fullmatch(r"\d+(\.\d+)?", w):
        return float(w) + half
    number_words = english.numbers()
    total = 0
    for part in re.split(r"[\s-]", w):
        if part not in number_words:
            return None
        total += number_words[part]
    return total + half


def spelled_year_value(words: str) -> int | None:
    """The year a spelled-out year names ("nineteen ninety-one", "two thousand and five",
    "nineteen oh five"); None when the words are not one."""
    w = re.sub(r"[\s-]+", " ", words.lower()).replace(" and ", " ").strip()
    if w.startswith("two thousand"):
        rest = w[len("two thousand") :].strip()
        n = number_value(rest) if rest else 0
        return None if n is None else 2000 + int(n)
    head, _, rest = w.partition(" ")
    century = _SPELLED_CENTURIES.get(head)
    if century is None:
        return None
    rest = rest.replace("oh ", "")
    n = number_value(rest)
    return None if n is None else century + int(n)
