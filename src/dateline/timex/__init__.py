"""Time expressions: find them in English news text and normalise them to TIMEX3 values.

A small rule grammar (regular expressions over words, no spaCy) in the spirit of TimeML's
TIMEX3 (the conventions of TimeBank/TempEval-3): every expression gets a ``type`` (DATE, TIME,
DURATION or SET) and a ``value`` resolved against an anchor, the article's publication date:

    >>> import datetime as dt
    >>> [(t.text, t.value) for t in find_timexes("He spoke on Thursday.", dt.date(2025, 7, 4))]
    [('Thursday', '2025-07-03')]

Values follow TIMEX3: ``2025-07-03`` (day), ``2025-W26`` (ISO week), ``2025-07`` (month),
``2025-Q2`` (quarter), ``2025-SU`` (season), ``2025`` (year), ``202`` (decade), ``20``
(century), ``2025-07-03TEV`` (part of a day), ``2025-07-03T17:00`` (clock time), ``P3D`` /
``PT24H`` / ``PXY`` (durations, ``X`` for "a few"), ``PRESENT_REF`` / ``PAST_REF`` /
``FUTURE_REF``, and SETs such as ``P1D`` ("every day") or ``XXXX-WXX-5`` ("on Fridays").

Conventions for news (documented choices, not TimeML mandates):

- A bare weekday is the most recent such day on or before the anchor ("on Friday" in a Friday
  article is that Friday), unless the clause is about the future ("will meet on Monday"), when
  it is the next one. ``tense="past"|"future"`` forces either reading.
- A day or month without a year ("4 July", "in March") is the nearest such date, leaning to
  the past (a date ahead counts half as far again: news mostly reports what happened); a
  governing past verb picks the previous one, a future cue the next, and after a forward
  preposition ("by", "until") the plain nearest.
- "overnight" is the night before the anchor: value ``<anchor-1>TNI``. Night values ("Thursday
  night", "last night", "tonight") carry ``overnight=True`` and :attr:`Timex.days` gives both
  calendar days the night touches, so an event "overnight" may be dated to either.
- "later"/"earlier"/"the following day"/"that year" count from the last date the text
  mentioned (its reference time), else from the anchor; "ago" always counts from the anchor.
- Relative spans that name no calendar point ("days later", "a few days later", "two hours
  ago") are the amount of time, as TimeML marks the "a few days" of "a few days later":
  ``PXD``, ``PT2H``; "hours" alone ("for hours", "hours after the strike") is ``PTXH``;
  "recent weeks" is ``PXW``.
- Ages ("a 45-year-old man", "aged 30", "in his twenties") are not time expressions.
"""

from __future__ import annotations

from ..numbers import number_value
from .finder import find_timexes, normalise
from .records import DATE, DURATION, SET, TIME, Timex
from .tense import detect_tense

__all__ = [
    "DATE",
    "DURATION",
    "SET",
    "TIME",
    "Timex",
    "detect_tense",
    "find_timexes",
    "normalise",
    "number_value",
]
