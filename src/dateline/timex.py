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
- A day or month without a year ("4 July", "in March") is the nearest such date; a future or
  past cue in the clause picks the next or the previous one.
- "overnight" is the night before the anchor: value ``<anchor-1>TNI``. Night values ("Thursday
  night", "last night", "tonight") carry ``overnight=True`` and :attr:`Timex.days` gives both
  calendar days the night touches, so an event "overnight" may be dated to either.
- "later"/"earlier"/"the following day"/"that year" count from the last date the text
  mentioned (its reference time), else from the anchor; "ago" always counts from the anchor.
- Vague relative spans with no number ("days later", "hours earlier") have no value but keep
  their type; "hours" alone ("for hours", "hours after the strike") is the duration ``PTXH``.
- Ages ("a 45-year-old man", "aged 30", "in his twenties") are not time expressions.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from importlib import resources

__all__ = ["Timex", "find_timexes", "normalise", "detect_tense"]

DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"


@dataclass(frozen=True, slots=True)
class Timex:
    """One time expression: character offsets into the text, its words, value and type."""

    start: int
    end: int
    text: str
    value: str | None
    type: str  # DATE | TIME | DURATION | SET
    #: a night or "overnight": the event may fall on either of the two days in :attr:`days`
    overnight: bool = False

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    @property
    def days(self) -> tuple[dt.date, ...]:
        """The calendar day(s) a day-precise value names: one, or two for a night."""
        day = _day_of(self.value)
        if day is None:
            return ()
        if self.overnight:
            return (day, day + dt.timedelta(days=1))
        return (day,)


def _day_of(value: str | None) -> dt.date | None:
    if not value:
        return None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


# --------------------------------------------------------------------------- vocabulary

_MONTH_NUMBERS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SMALL = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "final": 4,
    "last": 4,
}
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_DAY_PARTS = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
    "noon": "MI",
    "midday": "MI",
}
#: unit word -> (TIMEX3 unit letter, is a clock unit, multiplier)
_UNITS: dict[str, tuple[str, bool, int]] = {
    "second": ("S", True, 1),
    "sec": ("S", True, 1),
    "minute": ("M", True, 1),
    "min": ("M", True, 1),
    "hour": ("H", True, 1),
    "hr": ("H", True, 1),
    "day": ("D", False, 1),
    "week": ("W", False, 1),
    "fortnight": ("W", False, 2),
    "month": ("M", False, 1),
    "quarter": ("Q", False, 1),
    "year": ("Y", False, 1),
    "yr": ("Y", False, 1),
    "decade": ("Y", False, 10),
    "century": ("Y", False, 100),
}
_UNIT_GRANULARITY = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}

# --------------------------------------------------------------------------- regex pieces

_MONTH_RE = (
    r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b))"
)
_WEEKDAY_RE = r"(?-i:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))"
_DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR_RE = r"(?<![\d$£€#])(?:1[0-9]{3}|20[0-9]{2})(?![\d%]|,\d|\.\d)"
_TEEN_RE = "|".join(sorted(_SMALL, key=len, reverse=True))
_TENS_RE = "|".join(_TENS)
_WORD_NUM = (
    rf"(?:(?:{_TENS_RE})(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|{_TEEN_RE})"
)
_NUM_RE = (
    rf"(?:\d+(?:\.\d+)?(?:\s*½|\s+1/2|-1/2)?|(?:{_WORD_NUM}|a|an|one)(?:\s+and\s+a\s+half)?"
    r"|(?:a\s+)?couple\s+of|a\s+couple|a\s+few|a\s+dozen|(?:a|one)\s+hundred|several|few|many"
    r"|some|half\s+an?|a\s+half)"
)
_NUM_RE = rf"(?<![\w.,])(?:{_NUM_RE})"
_UNIT_RE = (
    r"(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|fortnights?|months?|quarters?"
    r"|years?|yrs?|decades?|centuries|century)"
)
_SPELLED_YEAR = (
    rf"(?:(?:nineteen|eighteen|twenty)[\s-](?:(?:{_TENS_RE})(?:[\s-](?:one|two|three|four|five"
    r"|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|oh[\s-](?:one|two|three|four|five|six|seven|eight|nine))"
    r"|two\s+thousand(?:\s+and)?(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    rf"|(?:{_TENS_RE})(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?))?)"
)
#: "early", "late", "mid", "the end of" ... before a period: the value stays the period's
_PFX = (
    r"(?:(?:(?:very\s+)?(?:early|earlier|late|later)(?:\s+(?:in\s+)?|-)|mid-?\s*|(?:at\s+)?the\s+"
    r"(?:very\s+)?(?:middle|end|start|beginning|close|turn|first\s+part|latter\s+part"
    r"|early\s+part|rest)\s+of\s+)?)"
)
_AMOUNT_MOD = (
    r"(?:(?:about|around|approximately|roughly|nearly|almost|more\s+than|less\s+than|fewer"
    r"\s+than|at\s+least|at\s+most|up\s+to|over|under|some|just\s+over|just\s+under|well\s+over"
    r"|barely|only|just|upwards\s+of|the\s+better\s+part\s+of)\s+)"
)
_TZ = (
    r"(?:\s*\(?(?-i:GMT|UTC|BST|CET|CEST|EET|EEST|MSK|EST|EDT|CST|CDT|MST|MDT|PST|PDT|IST|JST"
    r"|AEST|ET|PT)(?:\s*[+-]\s*\d{1,2}(?::?\d\d)?)?\)?|\s+local\s+time|\s+(?-i:[A-Z][a-z]+)"
    r"\s+time)"
)


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
    parts = re.split(r"[\s-]", w)
    total = 0
    for part in parts:
        if part in _TENS:
            total += _TENS[part]
        elif part in _SMALL:
            total += _SMALL[part]
        else:
            return None
    return total + half


def _spelled_year(words: str) -> int | None:
    w = re.sub(r"[\s-]+", " ", words.lower()).replace(" and ", " ").strip()
    if w.startswith("two thousand"):
        rest = w[len("two thousand") :].strip()
        n = number_value(rest) if rest else 0
        return None if n is None else 2000 + int(n)
    head, _, rest = w.partition(" ")
    century = {"eighteen": 1800, "nineteen": 1900, "twenty": 2000}.get(head)
    if century is None:
        return None
    rest = rest.replace("oh ", "")
    n = number_value(rest)
    return None if n is None else century + int(n)


# --------------------------------------------------------------------------- date helpers


def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _shift(day: dt.date, n: int, unit: str) -> dt.date:
    if unit == "D":
        return day + dt.timedelta(days=n)
    if unit == "W":
        return day + dt.timedelta(weeks=n)
    if unit == "M":
        return _add_months(day, n)
    if unit == "Q":
        return _add_months(day, 3 * n)
    return _add_months(day, 12 * n)


def _quarter(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def _format(day: dt.date, granularity: str) -> str:
    if granularity == "day":
        return day.isoformat()
    if granularity == "week":
        iso = day.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "quarter":
        return f"{day.year:04d}-Q{_quarter(day)}"
    if granularity == "half":
        return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
    if granularity == "decade":
        return f"{day.year // 10:03d}"
    if granularity == "century":
        return f"{day.year // 100:02d}"
    return f"{day.year:04d}"


def _pick(candidates: list[dt.date], anchor: dt.date, tense: str | None) -> dt.date:
    """The candidate a tense asks for: the latest on or before the anchor (past), the earliest
    on or after it (future), else the nearest (ties go to the past)."""
    past = [c for c in candidates if c <= anchor]
    future = [c for c in candidates if c >= anchor]
    if tense == "past" and past:
        return max(past)
    if tense == "future" and future:
        return min(future)
    return min(candidates, key=lambda c: (abs((c - anchor).days), c > anchor))


def _duration(n: float | None, unit: str, clock: bool, mult: int = 1) -> str:
    if n is None:
        return f"PTX{unit}" if clock else f"PX{unit}"
    n = n * mult
    if n != int(n):  # 1.5 years -> P18M, 2.5 days -> P60H, 1.5 hours -> PT90M
        smaller = {
            ("Y", False): ("M", False, 12),
            ("M", False): ("D", False, 30),
            ("W", False): ("D", False, 7),
            ("D", False): ("H", True, 24),
            ("H", True): ("M", True, 60),
            ("M", True): ("S", True, 60),
        }
        if (unit, clock) in smaller:
            unit, clock, factor = smaller[(unit, clock)]
            n = round(n * factor)
    count = int(n)
    if clock or unit == "H":
        return f"PT{count}{unit}"
    return f"P{count}{unit}"


# --------------------------------------------------------------------------- tense

_FUTURE_CUES = re.compile(
    r"\b(?:will|won't|shall|'ll|going\s+to|is\s+to|are\s+to|due|scheduled|planned|planning"
    r"|plans?|expected|expects?|set\s+to|upcoming|would|intends?|hopes?\s+to|to\s+be\s+held"
    r"|as\s+soon\s+as|as\s+early\s+as|might|could\s+(?:come|be|arrive|start|begin|leave)|unless"
    r"|to\s+meet|to\s+visit|to\s+travel|to\s+attend|to\s+hold|to\s+vote|to\s+begin|to\s+start)\b",
    re.IGNORECASE,
)
_PAST_CUES = re.compile(
    r"\b(?:was|were|had|did|said|told|ago|earlier|last|previously|already|\w{3,}ed)\b",
    re.IGNORECASE,
)


def detect_tense(text: str, start: int, end: int) -> str | None:
    """ "future" or "past" from the nearest cue word in the clause around ``start:end``."""
    left_limit = max(
        (m.end() for m in re.finditer(r"[.!?;\n]\s|[\"“”]", text[max(0, start - 160) : start])),
        default=0,
    )
    left = text[max(0, start - 160) : start][left_limit:]
    right_match = re.search(
        r"[.!?;,\n\"“”]|\b(?:and|but|while|when|after|before)\b", text[end : end + 60]
    )
    right = text[end : end + (right_match.start() if right_match else 60)]
    best: tuple[int, str] | None = None
    for cues, label in ((_FUTURE_CUES, "future"), (_PAST_CUES, "past")):
        for m in cues.finditer(left):
            distance = len(left) - m.end()
            if best is None or distance < best[0]:
                best = (distance, label)
        for m in cues.finditer(right):
            distance = m.start() + 15  # words after the time count less than words before
            if best is None or distance < best[0]:
                best = (distance, label)
    return best[1] if best else None


# --------------------------------------------------------------------------- rule machinery


@dataclass(slots=True)
class _Ref:
    """The reference time: the last point in time the text named, and its granularity."""

    day: dt.date
    granularity: str
    end: int  # where its expression ended, to tell whether a clock time may attach to it


@dataclass(slots=True)
class _Context:
    text: str
    anchor: dt.date | None
    tense: str | None
    ref: _Ref | None = None
    start: int = 0
    end: int = 0

    def tense_here(self) -> str | None:
        return self.tense or detect_tense(self.text, self.start, self.end)

    def future_here(self) -> str | None:
        """ "future" on a future cue, else None: calendar dates without a year default to the
        nearest one, which a past cue does not overturn (past cues are everywhere in news)."""
        if self.tense:
            return self.tense
        return "future" if detect_tense(self.text, self.start, self.end) == "future" else None

    def ref_or_anchor(self) -> _Ref | None:
        if self.ref is not None:
            return self.ref
        if self.anchor is not None:
            return _Ref(self.anchor, "day", -1)
        return None


@dataclass(slots=True)
class _Result:
    value: str | None
    type: str
    #: the point and granularity this expression names, for later relative expressions
    ref: tuple[dt.date, str] | None = None
    overnight: bool = False
    drop: bool = False  # an age or another look-alike: found so that nothing shorter is
    #: a comparison ("a year earlier", "the year-ago quarter") names a point but does not move
    #: the reference time: the next comparison counts from the same point
    moves_ref: bool = True


_Handler = Callable[[re.Match[str], _Context], "_Result | None"]


@dataclass(slots=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    handler: _Handler


_RULES: list[tuple[str, str, _Handler]] = []


def _rule(name: str, pattern: str) -> Callable[[_Handler], _Handler]:
    def register(handler: _Handler) -> _Handler:
        _RULES.append((name, pattern, handler))
        return handler

    return register


def _point(day: dt.date, granularity: str, type_: str = DATE) -> _Result:
    return _Result(_format(day, granularity), type_, ref=(day, granularity))


def _comparison(day: dt.date, granularity: str) -> _Result:
    return _Result(_format(day, granularity), DATE, ref=(day, granularity), moves_ref=False)


def _g(m: re.Match[str], name: str) -> str | None:
    """A named group, or None when the pattern has no such group or it did not take part."""
    try:
        return m.group(name)
    except IndexError:
        return None


# --------------------------------------------------------------------------- the rules
# Each rule is a regular expression (compiled case-insensitively; month and weekday names
# must be capitalised) and a handler that turns a match into a value. Where matches overlap,
# the longest wins; on a tie, the rule defined first.


@_rule(
    "age",
    rf"(?:(?:(?:a|an|the|his|her|their|its|my|our|your)\s+)?{_NUM_RE}[\s-]+(?:years?|months?|weeks?|days?)[\s-]+olds?\b"
    r"|\baged\s+(?:\d+|[a-z]+(?:-[a-z]+)?)\b"
    r"|\b(?:his|her|their|my|your|our|its)\s+(?:early\s+|late\s+|mid-?)?(?:(?:twen|thir|for|fif"
    r"|six|seven|eigh|nine)ties|\d0s)\b)",
)
def _age(m: re.Match[str], ctx: _Context) -> _Result | None:
    return _Result(None, DURATION, drop=True)


@_rule(
    "iso",
    r"(?<![\d-])(?P<y>1\d{3}|20\d{2})-(?P<mo>0[1-9]|1[0-2])(?:-(?P<d>[0-2]\d|3[01]))?"
    r"(?:[T ](?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::\d\d)?(?:Z|[+-]\d\d:?\d\d)?)?(?![\d-])",
)
def _iso(m: re.Match[str], ctx: _Context) -> _Result | None:
    year, month = int(m["y"]), int(m["mo"])
    if not m["d"]:
        return _point(dt.date(year, month, 1), "month")
    try:
        day = dt.date(year, month, int(m["d"]))
    except ValueError:
        return None
    if m["h"]:
        return _Result(f"{day.isoformat()}T{m['h']}:{m['mi']}", TIME, ref=(day, "day"))
    return _point(day, "day")


def _month_day(
    ctx: _Context, month: int, day: int, year: int | None, year_offset: int | None = None
) -> _Result | None:
    anchor = ctx.anchor
    if year is None and year_offset is not None and anchor is not None:
        year = anchor.year + year_offset
    if year is not None:
        try:
            return _point(dt.date(year, month, day), "day")
        except ValueError:
            return None
    if anchor is None:
        return _Result(f"XXXX-{month:02d}-{day:02d}", DATE)
    candidates = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(dt.date(y, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    return _point(_pick(candidates, anchor, ctx.future_here()), "day")


_YEAR_TAIL = rf"(?:,?\s+(?:of\s+)?(?:(?P<y>{_YEAR_RE})|(?P<yrel>last|this|next)\s+year))"


_DATE_MOD = (
    r"(?:(?P<dmod>around|about|approximately|circa|last|next|this|this\s+past|this\s+coming)\s+)?"
)


@_rule(
    "month_day",
    rf"{_DATE_MOD}(?:(?P<wd>{_WEEKDAY_RE}),?\s+)?{_PFX}(?P<mo>{_MONTH_RE})\s+"
    rf"(?P<d>{_DAY_RE})(?!\s*(?:%|per\s*cent|percent|million|billion|\d)){_YEAR_TAIL}?",
)
def _month_day_rule(m: re.Match[str], ctx: _Context) -> _Result | None:
    return _month_day_from(m, ctx)


@_rule(
    "day_month",
    rf"{_DATE_MOD}(?:(?P<wd>{_WEEKDAY_RE}),?\s+)?(?P<d>{_DAY_RE})(?:\s+of)?\s+"
    rf"(?P<mo>{_MONTH_RE}){_YEAR_TAIL}?",
)
def _day_month_rule(m: re.Match[str], ctx: _Context) -> _Result | None:
    return _month_day_from(m, ctx)


def _month_day_from(m: re.Match[str], ctx: _Context) -> _Result | None:
    month = _MONTH_NUMBERS[m["mo"].rstrip(".").lower()]
    day = int(re.sub(r"\D", "", m["d"]))
    year = int(m["y"]) if m["y"] else None
    offset = {"last": -1, "this": 0, "next": 1}.get((m["yrel"] or "").lower())
    dmod = re.sub(r"\s+", " ", (m["dmod"] or "").lower())
    if year is None and offset is None and ctx.anchor is not None and dmod:
        tense = {"last": "past", "this past": "past", "next": "future", "this coming": "future"}
        if dmod in tense:
            return _month_day(replace(ctx, tense=tense[dmod]), month, day, None)
        if dmod == "this":
            offset = 0
    return _month_day(ctx, month, day, year, offset)


@_rule(
    "month_year",
    rf"{_PFX}(?P<mo>{_MONTH_RE}),?\s+(?:of\s+)?(?:(?P<y>{_YEAR_RE})"
    rf"|(?P<sy>{_SPELLED_YEAR})|(?P<yrel>last|this|next)\s+year)",
)
def _month_year(m: re.Match[str], ctx: _Context) -> _Result | None:
    month = _MONTH_NUMBERS[m["mo"].rstrip(".").lower()]
    if m["y"]:
        year = int(m["y"])
    elif m["sy"]:
        spelled = _spelled_year(m["sy"])
        if spelled is None:
            return None
        year = spelled
    else:
        if ctx.anchor is None:
            return _Result(None, DATE)
        year = ctx.anchor.year + {"last": -1, "this": 0, "next": 1}[m["yrel"].lower()]
    return _point(dt.date(year, month, 1), "month")


_FULL_MONTHS = frozenset(k for k in _MONTH_NUMBERS if len(k) > 4 or k in ("may", "june", "july"))

#: words after which a bare month name is a date ("in May", "since March", "early June")
_MONTH_LEAD = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|to|through|throughout|during|before|after|of|on|"
    r"between|and|or|last|next|this|that|early|late|mid|end|start|beginning|middle|around|"
    r"about|for|until|each|every|since|past|the|a|an)|-)\s*$",
    re.IGNORECASE,
)


@_rule(
    "month", rf"{_PFX}(?:(?P<rel>last|next|this|this\s+past|this\s+coming)\s+)?(?P<mo>{_MONTH_RE})"
)
def _month(m: re.Match[str], ctx: _Context) -> _Result | None:
    month = _MONTH_NUMBERS[m["mo"].rstrip(".").lower()]
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    full = m.group(0)
    if not rel and full == m["mo"]:
        before = ctx.text[max(0, m.start() - 20) : m.start()]
        if not _MONTH_LEAD.search(before):
            return None
        after = ctx.text[m.end() : m.end() + 2]
        if m["mo"] == "May" and not re.search(
            r"\b(?:in|since|until|by|of|early|late|mid)\s*-?$", before, re.I
        ):
            return None
        if after[:1].isalpha():
            return None
        if not m["mo"].endswith(".") and m["mo"].lower() not in _FULL_MONTHS:
            return None  # "Jan Kavan", "Dec" alone
    anchor = ctx.anchor
    if anchor is None:
        return _Result(f"XXXX-{month:02d}", DATE)
    this_year = dt.date(anchor.year, month, 1)
    here = dt.date(anchor.year, anchor.month, 1)
    if rel == "this":
        return _point(this_year, "month")
    if rel in ("last", "this past"):
        day = this_year if this_year < here else dt.date(anchor.year - 1, month, 1)
        return _point(day, "month")
    if rel in ("next", "this coming"):
        day = this_year if this_year > here else dt.date(anchor.year + 1, month, 1)
        return _point(day, "month")
    candidates = [dt.date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    return _point(_pick(candidates, here, ctx.future_here()), "month")


_COUNTED_NOUN = re.compile(
    r"\s*(?:people|persons|troops|soldiers|civilians|men|women|children|km|kilomet|miles|met"
    r"|tons|tonnes|dollars|euros|pounds|rubles|roubles|cases|deaths|dead|drones|missiles|rockets"
    r"|shells|rounds|feet|units|votes|jobs|of\b|to\b|-\d|\s*(?:and|or)\s+\d{3}\b)",
    re.IGNORECASE,
)
_YEAR_LEAD = re.compile(r"\b(?:in|since|of|by|until|from|year)\s+$", re.IGNORECASE)


@_rule(
    "year",
    rf"{_PFX}(?:(?:the\s+(?=(?:calendar|fiscal|year)\s|\S+\s+(?:period|fiscal\s+year)\b))?"
    r"(?:calendar\s+|fiscal\s+(?:year\s+)?|year\s+)?)"
    rf"(?:(?P<y>{_YEAR_RE})|(?P<sy>{_SPELLED_YEAR})(?![\s-]+(?:{_UNIT_RE}|percent|per\b)))"
    r"(?:\s+(?:period|fiscal\s+year))?",
)
def _year(m: re.Match[str], ctx: _Context) -> _Result | None:
    if m["sy"]:
        if re.match(r"\s+[a-z]+s\b", ctx.text[m.end() : m.end() + 20]):
            return None  # "nineteen ninety people"
        year = _spelled_year(m["sy"])
        if year is None:
            return None
    else:
        year = int(m["y"])
        after = ctx.text[m.end() : m.end() + 25]
        counted = _COUNTED_NOUN.match(after)
        if counted and not _YEAR_LEAD.search(ctx.text[max(0, m.start() - 8) : m.start()]):
            return None  # "1500 troops": a count, unless "in 1500 troops ..." reads as a year
        if year < 1900 and not re.search(
            r"\b(?:in|since|of|by|until|from|year|before|after|circa|c\.)\s+$",
            ctx.text[max(0, m.start() - 8) : m.start()],
            re.I,
        ):
            return None
    return _point(dt.date(year, 1, 1), "year")


@_rule(
    "decade",
    rf"(?:the\s+)?{_PFX}(?:(?P<c>1[0-9]|20)(?P<d>\d)0'?s\b|'(?P<s>\d)0s\b"
    r"|(?<=the\s)(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b)",
)
def _decade(m: re.Match[str], ctx: _Context) -> _Result | None:
    if m["c"]:
        return _Result(f"{m['c']}{m['d']}", DATE)
    if m["s"]:
        digit = int(m["s"])
        century = 19
        if ctx.anchor is not None and digit * 10 <= ctx.anchor.year % 100:
            century = ctx.anchor.year // 100
        return _Result(f"{century}{digit}", DATE)
    if m["w"]:
        tens = _TENS[m["w"].lower()[:-3] + "y"] if m["w"].lower() != "nineties" else 90
        return _Result(f"19{tens // 10}", DATE)
    return None


_CENTURY_WORDS = {k: v for k, v in _ORDINALS.items() if k not in ("final", "last")}


@_rule(
    "century",
    rf"(?:the\s+)?{_PFX}(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<w>"
    rf"{'|'.join(sorted(_CENTURY_WORDS, key=len, reverse=True))}))[\s-]+century"
    r"|(?P<rel>this|last|next|the\s+last|the\s+past|the\s+current|the\s+previous|the\s+next)"
    r"\s+century",
)
def _century(m: re.Match[str], ctx: _Context) -> _Result | None:
    if m["n"] or m["w"]:
        n = int(m["n"]) if m["n"] else _CENTURY_WORDS[m["w"].lower()]
        return _Result(f"{n - 1:02d}", DATE)
    if ctx.anchor is None:
        return _Result(None, DATE)
    rel = m["rel"].lower().split()[-1]
    if rel in ("past", "next"):
        return _Result("P100Y", DURATION)
    shift = {"this": 0, "current": 0, "last": -1, "previous": -1}[rel]
    return _Result(f"{ctx.anchor.year // 100 + shift:02d}", DATE)


@_rule(
    "season",
    rf"(?:the\s+)?{_PFX}(?:(?P<rel>last|this|next|this\s+past|this\s+coming|the|in|during)\s+)?"
    rf"(?P<s>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?:(?P<y>{_YEAR_RE})"
    rf"|(?P<sy>{_SPELLED_YEAR})))?(?!\s+of\s+(?:the\b|[A-Z]))",
)
def _season(m: re.Match[str], ctx: _Context) -> _Result | None:
    code = _SEASONS[m["s"].lower()]
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    if m["y"] or m["sy"]:
        year = int(m["y"]) if m["y"] else _spelled_year(m["sy"] or "")
        if year is None:
            return None
        return _Result(f"{year}-{code}", DATE, ref=(dt.date(year, _SEASON_START[code], 1), "year"))
    before = ctx.text[max(0, m.start() - 12) : m.start()]
    if not rel and not re.search(
        r"\b(?:in|during|since|until|by|over|through|before|after"
        r"|early|late|this|last|next)\s*$",
        before,
        re.I,
    ):
        return None
    if rel in ("in", "during"):
        rel = ""
    if (
        rel == "the"
        and m["s"].lower() == "fall"
        and not re.search(r"\b(?:in|during|since|until|by)\s*$", before, re.I)
    ):
        return None
    if (
        m["s"].lower() in ("fall", "spring")
        and not rel
        and not m.group(0).lower().startswith(("early", "late", "mid"))
    ):
        return None
    anchor = ctx.anchor
    if anchor is None:
        return _Result(f"XXXX-{code}", DATE)
    starts = [dt.date(y, _SEASON_START[code], 1) for y in range(anchor.year - 2, anchor.year + 2)]
    current = max(s for s in starts if s <= anchor)  # the latest start of this season so far
    in_season = anchor < _add_months(current, 3)
    if rel in ("last", "this past"):
        start = _add_months(current, -12) if in_season else current
    elif rel in ("next", "this coming"):
        start = _add_months(current, 12)
    elif rel == "this":
        start = current if in_season or current.year == anchor.year else _add_months(current, 12)
        if not in_season and code != "WI" and dt.date(anchor.year, _SEASON_START[code], 1) > anchor:
            start = dt.date(anchor.year, _SEASON_START[code], 1)
    else:
        future = ctx.tense_here() == "future"
        start = current if in_season or not future else _add_months(current, 12)
    return _Result(f"{start.year}-{code}", DATE, ref=(start, "year"))


_ORD_RE = r"(?:first|second|third|fourth|final|1st|2nd|3rd|4th)"
_ORD_NUM = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "final": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}


@_rule(
    "quarter",
    rf"(?:(?P<qy>{_YEAR_RE})(?:'s)?\s+|(?P<rel>this|last|next)\s+year'?s\s+"
    r"|(?P<ago>(?:the\s+)?(?:comparable\s+|corresponding\s+|same\s+)?year-?(?:earlier|ago|before)\s+)"
    r"|(?:the|its|their)\s+)?(?:fiscal[\s-]+)?"
    rf"(?P<ord>{_ORD_RE})[\s-]+(?:fiscal\s+|calendar\s+)?quarter(?!s)"
    rf"(?:\s+(?:of|in)\s+(?:fiscal\s+|calendar\s+)?(?:(?P<qy2>{_YEAR_RE})|(?P<rel2>this|last|next)\s+year))?"
    rf"|(?-i:\bQ(?P<qn>[1-4]))(?:\s+(?P<qy3>{_YEAR_RE}))?",
)
def _quarter_rule(m: re.Match[str], ctx: _Context) -> _Result | None:
    q = int(m["qn"]) if m["qn"] else _ORD_NUM[m["ord"].lower()]
    year_text = m["qy"] or m["qy2"] or m["qy3"]
    rel = (m["rel"] or m["rel2"] or "").lower()
    anchor = ctx.anchor
    if year_text:
        year = int(year_text)
    elif anchor is None:
        return _Result(f"XXXX-Q{q}", DATE)
    elif rel:
        year = anchor.year + {"last": -1, "this": 0, "next": 1}[rel]
    else:
        # the quarter of the anchor's year, unless it has not begun yet and the clause is
        # about the past (fourth-quarter results reported in February)
        year = anchor.year
        if q > _quarter(anchor) and ctx.tense_here() != "future":
            year -= 1
    if m["ago"]:
        year -= 1
    return _point(dt.date(year, 3 * q - 2, 1), "quarter")


@_rule(
    "half",
    rf"(?:(?P<hy>{_YEAR_RE})(?:'s)?\s+|the\s+|(?P<rel>this|last|next)\s+year'?s\s+)?"
    r"(?P<ord>first|second|last|latter)[\s-]+half"
    rf"(?:\s+of\s+(?:(?P<hy2>{_YEAR_RE})|(?P<rel2>this|last|next)\s+year|the\s+year))?",
)
def _half(m: re.Match[str], ctx: _Context) -> _Result | None:
    year_text = m["hy"] or m["hy2"]
    rel = (m["rel"] or m["rel2"] or "").lower()
    if not year_text and not rel and "year" not in m.group(0).lower():
        return None  # "the first half" of a match, a film ...
    h = 1 if m["ord"].lower() == "first" else 2
    if year_text:
        year = int(year_text)
    elif ctx.anchor is None:
        return _Result(f"XXXX-H{h}", DATE)
    else:
        year = ctx.anchor.year + {"last": -1, "next": 1}.get(rel, 0)
    return _point(dt.date(year, 6 * h - 5, 1), "half")


@_rule(
    "period_anaphor",
    r"(?:the\s+)?(?:(?P<mod>latest|current|previous|prior|same|comparable|"
    r"corresponding|just-ended|year-?earlier|year-?ago|this|last|recent|most\s+recent)\s+)"
    r"(?:(?:fiscal|year-?earlier|year-?ago)\s+)?(?P<unit>quarter|period)(?!s)"
    r"(?P<tail>\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year|of\s+last\s+year|a\s+year\s+before))?"
    r"|\bthe\s+quarter(?!s)(?P<tail2>\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year))?"
    r"|(?P<ya>year-(?:earlier|ago))",
)
def _period_anaphor(m: re.Match[str], ctx: _Context) -> _Result | None:
    text = m.group(0).lower()
    anchor = ctx.anchor
    if anchor is None:
        return _Result(None, DATE)
    year_back = bool(re.search(r"year-?(?:earlier|ago)|a year|last year", text))
    mod = (m["mod"] or "").lower()
    ref = ctx.ref
    if m["ya"]:
        if ref is not None and ref.granularity in ("quarter", "half", "month"):
            return _comparison(_add_months(ref.day, -12), ref.granularity)
        base = ref.day if ref is not None and ref.granularity == "year" else anchor
        return _comparison(_add_months(base, -12), "year")
    if m["unit"] and m["unit"].lower() == "period" and not mod and not m["tail"]:
        return None
    if mod == "this" or mod == "current":
        quarter_start = dt.date(anchor.year, 3 * _quarter(anchor) - 2, 1)
        if m["unit"].lower() == "period":
            return None
        return _point(quarter_start, "quarter")
    if mod in ("last", "previous", "prior") and not year_back:
        quarter_start = dt.date(anchor.year, 3 * _quarter(anchor) - 2, 1)
        return _point(_add_months(quarter_start, -3), "quarter")
    if ref is not None and ref.granularity == "quarter":
        base = ref.day
    else:
        base = _add_months(dt.date(anchor.year, 3 * _quarter(anchor) - 2, 1), -3)
    if year_back:
        return _comparison(_add_months(base, -12), "quarter")
    return _point(base, "quarter")


_REL_UNIT = r"(?P<unit>week|weekend|month|year|quarter|decade)"


@_rule(
    "relative_period",
    rf"{_PFX}(?P<rel>this\s+past|this\s+coming|last|next|this|the\s+current"
    rf"|the\s+previous|the\s+following|the\s+next|the\s+same|that|the\s+past|the\s+last"
    rf"|the\s+coming|the\s+latest|the\s+preceding|the\s+prior|the\s+current\s+fiscal|current)\s+{_REL_UNIT}\b"
    r"|(?P<that>earlier|later)\s+(?:in|that)\s+the\s+(?P<unit2>week|month|year)\b"
    r"|(?:the\s+)?(?P<end>end|middle|start|beginning|close|rest)\s+of\s+the\s+(?P<unit3>week|month|year|quarter|decade)\b",
)
def _relative_period(m: re.Match[str], ctx: _Context) -> _Result | None:
    if (m["unit"] or "x")[0].isupper():
        return None  # "This Week", a programme's title
    unit = (m["unit"] or m["unit2"] or m["unit3"]).lower()
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    if m["that"] or m["end"]:
        rel = "this" if m["end"] else "that"
    anchor = ctx.anchor
    if anchor is None:
        return _Result(None, DATE)
    if rel.startswith("the current") or rel == "current":
        rel = "this"
    if rel in ("the past", "the last", "the coming"):
        letter = {
            "week": "P1W",
            "weekend": "P2D",
            "month": "P1M",
            "year": "P1Y",
            "quarter": "P1Q",
            "decade": "P10Y",
        }[unit]
        return _Result(letter, DURATION)
    if rel == "the latest":
        rel = "last"
    base = anchor
    if rel in (
        "the previous",
        "the following",
        "the next",
        "the same",
        "that",
        "the preceding",
        "the prior",
    ):
        ref = ctx.ref_or_anchor()
        assert ref is not None
        base = ref.day
        rel = {
            "the previous": "last",
            "the preceding": "last",
            "the prior": "last",
            "the following": "next",
            "the next": "next",
        }.get(rel, "this")
    step = {"last": -1, "this past": -1, "this": 0, "next": 1, "this coming": 1}[rel]
    if unit == "weekend":
        return _weekend(base, step, ctx)
    if unit == "decade":
        if step == 0:
            return _Result(_format(base, "decade"), DATE)
        return _Result(_format(_add_months(base, 120 * step), "decade"), DATE)
    letter = {"week": "W", "month": "M", "year": "Y", "quarter": "Q"}[unit]
    granularity = {"week": "week", "month": "month", "year": "year", "quarter": "quarter"}[unit]
    day = _shift(base, step, letter)
    if granularity == "quarter":
        day = dt.date(day.year, 3 * _quarter(day) - 2, 1)
    return _point(day, granularity)


@_rule(
    "year_end",
    r"(?:(?P<which>this|last|next)\s+)?year(?:'s\s+|[\s-])end\b"
    r"|(?P<full>the\s+(?:full|whole|entire|current|full\s+fiscal|current\s+fiscal)\s+year)"
    r"|(?P<span>the\s+(?:fiscal\s+)?year)(?=\s+(?:ended|ending|to|through)\b)",
)
def _year_end(m: re.Match[str], ctx: _Context) -> _Result | None:
    if m["span"]:
        return _Result("P1Y", DURATION)  # "the year ended Sept. 30": a twelve-month period
    if ctx.anchor is None:
        return _Result(None, DATE)
    year = ctx.anchor.year + {"last": -1, "next": 1}.get((m["which"] or "").lower(), 0)
    return _point(dt.date(year, 1, 1), "year")


def _weekend(base: dt.date, step: int, ctx: _Context) -> _Result:
    saturday = base - dt.timedelta(days=(base.weekday() - 5) % 7)  # the last Saturday <= base
    if step == 0:
        if base.weekday() < 5 and ctx.tense_here() != "past":
            saturday += dt.timedelta(days=7)
    elif step < 0:
        if base.weekday() >= 5:
            saturday -= dt.timedelta(days=7)
    else:
        saturday += dt.timedelta(days=7)
    iso = saturday.isocalendar()
    return _Result(f"{iso.year}-W{iso.week:02d}-WE", DATE, ref=(saturday, "week"))


@_rule("weekend", r"\bthe\s+weekend\b|\bweekend\b(?=\s+(?:talks|strikes?|attacks?|visit))")
def _weekend_rule(m: re.Match[str], ctx: _Context) -> _Result | None:
    if ctx.anchor is None:
        return _Result(None, DATE)
    tense = ctx.tense_here()
    return _weekend(
        ctx.anchor, 0 if tense == "future" else -1 if ctx.anchor.weekday() < 5 else 0, ctx
    )


def _weekday_date(anchor: dt.date, weekday: int, rel: str, tense: str | None) -> dt.date:
    back = (anchor.weekday() - weekday) % 7
    forward = (weekday - anchor.weekday()) % 7
    if rel in ("last", "this past", "the previous", "past"):
        return anchor - dt.timedelta(days=back or 7)
    if rel in ("next", "this coming", "the following", "the next", "coming"):
        return anchor + dt.timedelta(days=forward or 7)
    if rel == "this":
        return anchor + dt.timedelta(days=weekday - anchor.weekday())
    if tense == "future":
        return anchor + dt.timedelta(days=forward)
    return anchor - dt.timedelta(days=back)


@_rule(
    "weekday",
    r"(?:(?P<pfx>(?:very\s+)?(?:early|late|earlier|later)|mid-?(?:morning|afternoon|day)|"
    r"(?:late\s+|early\s+)?overnight(?:\s+(?P<into>into|on|to))?)\s+)?"
    r"(?:(?P<rel>last|next|this|this\s+past|this\s+coming|the\s+previous|the\s+following"
    rf"|the\s+next|past|coming)\s+)?(?P<wd>{_WEEKDAY_RE})(?P<plural>s)?\b"
    r"(?:\s+(?P<pod>morning|afternoon|evening|night|overnight))?(?P<pods>s)?",
)
def _weekday(m: re.Match[str], ctx: _Context) -> _Result | None:
    weekday = _WEEKDAYS.index(m["wd"].lower())
    pod = _DAY_PARTS.get((m["pod"] or "").lower())
    pfx = (m["pfx"] or "").lower()
    if pfx.startswith("mid"):
        pod = {
            "midmorning": "MO",
            "mid-morning": "MO",
            "mid-afternoon": "AF",
            "midafternoon": "AF",
        }.get(pfx.replace(" ", ""), "MI")
    if m["plural"] or m["pods"]:
        before = ctx.text[max(0, m.start() - 12) : m.start()]
        if m["plural"] or re.search(r"\b(?:on|every|each)\s*$", before, re.I):
            suffix = f"T{pod}" if pod else ""
            return _Result(f"XXXX-WXX-{weekday + 1}{suffix}", SET)
    overnight = "overnight" in pfx or (m["pod"] or "").lower() in ("night", "overnight")
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    anchor = ctx.anchor
    if rel in ("the previous", "the following", "the next"):
        ref = ctx.ref_or_anchor()
        if ref is None:
            return _Result(None, DATE)
        day = _weekday_date(ref.day, weekday, rel, None)
    elif anchor is None:
        return _Result(f"XXXX-WXX-{weekday + 1}", DATE)
    else:
        day = _weekday_date(anchor, weekday, rel, ctx.tense_here())
    if "overnight" in pfx and m["into"] and m["into"].lower() in ("into", "to"):
        day -= dt.timedelta(days=1)
    if overnight:
        pod = "NI"
    if pod:
        return _Result(f"{day.isoformat()}T{pod}", TIME, ref=(day, "day"), overnight=overnight)
    return _point(day, "day")


@_rule(
    "deictic",
    r"(?:(?P<pfx>(?:very\s+)?(?:early|late|earlier|later)|mid-?(?:morning|afternoon|day))\s+)?"
    r"(?P<d>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday"
    r"|the\s+day\s+after\s+tomorrow)(?:(?:'s)?\s+(?P<pod>morning|afternoon|evening|night))?"
    r"|(?P<this>this|last|tomorrow|(?:late|early)\s+last)\s+(?P<pod2>morning|afternoon|evening|night)"
    r"|(?P<on>overnight)",
)
def _deictic(m: re.Match[str], ctx: _Context) -> _Result | None:
    anchor = ctx.anchor
    if m["on"]:
        if anchor is None:
            return _Result(None, TIME, overnight=True)
        day = anchor - dt.timedelta(days=1)
        return _Result(f"{day.isoformat()}TNI", TIME, ref=(day, "day"), overnight=True)
    if anchor is None:
        return _Result(None, TIME if (m["pod"] or m["pod2"]) else DATE)
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
    if m["d"]:
        d = re.sub(r"\s+", " ", m["d"].lower())
        offset = offsets.get(d, -2 if "before" in d else 2)
        pod = _DAY_PARTS.get((m["pod"] or "").lower())
        if d == "tonight":
            pod = "NI"
        pfx = (m["pfx"] or "").lower().replace(" ", "")
        if pfx.startswith("mid"):
            pod = {
                "mid-morning": "MO",
                "midmorning": "MO",
                "mid-afternoon": "AF",
                "midafternoon": "AF",
            }.get(pfx, "MI")
    else:
        this = m["this"].lower()
        offset = 1 if this == "tomorrow" else -1 if "last" in this else 0
        pod = _DAY_PARTS[m["pod2"].lower()]
    day = anchor + dt.timedelta(days=offset)
    if pod:
        night = pod == "NI"
        return _Result(f"{day.isoformat()}T{pod}", TIME, ref=(day, "day"), overnight=night)
    return _point(day, "day")


@_rule(
    "that_day",
    r"(?:(?P<pfx>earlier|later|early|late)\s+)?(?:that|the\s+same)\s+"
    r"(?P<u>day|morning|afternoon|evening|night|week|month|year)\b"
    r"|the\s+(?P<dir>next|following|previous|preceding)\s+(?P<u2>day|morning|afternoon|evening|night)\b"
    r"|the\s+(?P<u3>day|night|week|month|year)\s+(?P<dir3>before|after)(?=\s*[,.;:!?)]|\s*$)",
)
def _that_day(m: re.Match[str], ctx: _Context) -> _Result | None:
    ref = ctx.ref_or_anchor()
    unit = (m["u"] or m["u2"] or m["u3"]).lower()
    direction = (m["dir"] or m["dir3"] or "").lower()
    if ref is None:
        return _Result(None, DATE)
    step = 1 if direction in ("next", "following", "after") else -1 if direction else 0
    if unit in ("week", "month", "year"):
        letter = unit[0].upper()
        return _point(_shift(ref.day, step, letter), unit)
    day = ref.day + dt.timedelta(days=step)
    if ref.granularity != "day" and step == 0:
        return _Result(None, DATE if unit == "day" else TIME)
    pod = _DAY_PARTS.get(unit)
    if pod:
        return _Result(f"{day.isoformat()}T{pod}", TIME, ref=(day, "day"), overnight=pod == "NI")
    return _point(day, "day")


_CLOCK = (
    r"(?:(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>(?-i:a\.m\.?|p\.m\.?|am\b|pm\b"
    r"|AM\b|PM\b|a\.m|p\.m))"
    r"|(?P<h24>[01]?\d|2[0-3])[:h](?P<mi24>[0-5]\d)(?=" + _TZ + r"|\s+hours?\b|\s+hrs\b)"
    r"|(?<=\bat\s)(?P<h24b>[01]\d|2[0-3]):(?P<mi24b>[0-5]\d)"
    r"|(?P<word>noon|midnight|midday)"
    r"|(?P<hw>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"(?:\s+o'clock)?\s+in\s+the\s+(?P<hpod>morning|afternoon|evening)"
    r"|(?P<hoc>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+o'clock)"
)


@_rule(
    "clock",
    rf"(?:(?:about|around|approximately|roughly|shortly\s+(?:before|after)|just\s+"
    rf"(?:before|after)|after|before)\s+)?{_CLOCK}{_TZ}?"
    rf"(?:,?\s+(?:on\s+)?(?P<tail>{_WEEKDAY_RE}|today|tonight|yesterday|tomorrow"
    rf"|{_MONTH_RE}\s+{_DAY_RE}(?:,?\s+{_YEAR_RE})?|{_DAY_RE}\s+{_MONTH_RE}(?:\s+{_YEAR_RE})?))?",
)
def _clock(m: re.Match[str], ctx: _Context) -> _Result | None:
    lead = m.group(0).lower()
    if lead.startswith(("after ", "before ")) and not (m["ampm"] or m["word"]):
        return None
    if m["word"]:
        word = m["word"].lower()
        hour, minute = (24, 0) if word == "midnight" else (12, 0)
    elif m["ampm"]:
        hour = int(m["h"]) % 12 + (12 if m["ampm"].lower().startswith("p") else 0)
        minute = int(m["mi"] or 0)
    elif m["h24"] or m["h24b"]:
        hour, minute = int(m["h24"] or m["h24b"]), int(m["mi24"] or m["mi24b"])
    else:
        words = m["hw"] or m["hoc"]
        n = number_value(words)
        if n is None:
            return None
        hour = int(n) % 12
        if m["hpod"] and m["hpod"].lower() in ("afternoon", "evening"):
            hour += 12
        minute = 0
    if lead.startswith(("after ", "before ")):
        return None
    day = _clock_day(m, ctx)
    clock = f"T{hour:02d}:{minute:02d}"
    if day is None:
        return _Result(f"XXXX-XX-XX{clock}", TIME)
    return _Result(f"{day.isoformat()}{clock}", TIME, ref=(day, "day"))


def _clock_day(m: re.Match[str], ctx: _Context) -> dt.date | None:
    tail = m["tail"]
    if tail:
        sub = find_timexes(tail, ctx.anchor, ctx.tense_here())
        day = _day_of(sub[0].value) if sub else None
        if day is not None:
            return day
    ref = ctx.ref
    if ref is not None and ref.granularity == "day" and ref.end >= 0:
        between = ctx.text[ref.end : m.start()]
        if not re.search(r"[.!?\n]", between):
            return ref.day
    if ctx.anchor is not None:
        return ctx.anchor
    return None


@_rule(
    "duration",
    rf"(?:(?:at\s+least|nearly|almost|more\s+than|less\s+than)\s+(?=the\s)|{_AMOUNT_MOD}(?!the\s))?"
    r"(?:(?:the|these|those|each\s+of\s+the)\s+)?"
    r"(?:(?P<dir>past|last|next|first|previous|coming|following|final|latest|remaining|initial"
    r"|ensuing|preceding|same|year-?earlier|year-?ago)\s+)?"
    rf"(?:{_AMOUNT_MOD})?(?P<num>{_NUM_RE})(?:\s+(?:to|or|-|and)\s+(?P<num2>{_NUM_RE}))?"
    r"(?:\s+(?:more|other|straight|consecutive|full|long|short|additional|extra|trading|business"
    r"|working|calendar|school|successive|whole|entire))?"
    rf"[\s-]+(?P<unit>{_UNIT_RE})(?!\w)(?:\s+and\s+a\s+half)?(?:\s+or\s+so)?"
    r"(?:\s+(?P<rel>ago|earlier|later|from\s+now|hence|running|in\s+a\s+row))?",
)
def _duration_rule(m: re.Match[str], ctx: _Context) -> _Result | None:
    if m["unit"][0].isupper():
        return None  # "60 Minutes", a title
    unit_word = m["unit"].lower()
    base = unit_word[:-1] if unit_word.endswith("s") and unit_word not in ("hrs",) else unit_word
    base = {"centurie": "century", "hrs": "hr", "min": "min", "mins": "min"}.get(base, base)
    if base not in _UNITS:
        return None
    letter, clock, mult = _UNITS[base]
    num_text = m["num"].strip().lower()
    after = ctx.text[m.end() : m.end() + 12]
    # "a quarter of the vote", "a second time", "one day he will ...", "a day of mourning"
    if num_text in ("a", "an", "one") and base in ("quarter", "second") and not m["dir"]:
        return None
    if base == "quarter" and num_text in ("a", "an", "one") and re.match(r"\s+of\b", after):
        return None
    if num_text in ("some", "many") and not unit_word.endswith("s"):
        return None
    n = number_value(m["num"])
    if n is not None and n >= 1000 and re.fullmatch(r"1[0-9]{3}|20[0-9]{2}", num_text):
        return None  # "the 1988 quarter": a year, not 1,988 quarters
    if m["num2"]:
        n = None  # "two to three weeks", "12 to 18 months": a range, X in TIMEX3
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    if num_text in ("a", "an") and not m["dir"] and not rel:
        before = ctx.text[max(0, m.start() - 24) : m.start()]
        if re.search(
            r"(?:once|twice|thrice|times|\d[\d,.]*%?|million|billion|trillion|dollars|"
            r"euros|pounds|cents|percent|tons|tonnes|barrels|hours|shifts)\s*$",
            before,
            re.I,
        ):
            return _Result(_duration(1, letter, clock, mult), SET)
    if rel in ("ago", "earlier", "later", "from now", "hence"):
        return _relative_offset(m, ctx, n, letter, clock, mult, rel)
    return _Result(_duration(n, letter, clock, mult), DURATION)


def _relative_offset(
    m: re.Match[str],
    ctx: _Context,
    n: float | None,
    letter: str,
    clock: bool,
    mult: int,
    rel: str,
) -> _Result:
    anchor = ctx.anchor
    if clock:
        if n is None or anchor is None:
            return _Result(None, TIME)
        return _Result(None, TIME)  # "two hours ago": the day is known, the hour is not
    if n is None:
        if rel == "ago":
            return _Result("PAST_REF", DATE)
        return _Result(None, DATE)
    if anchor is None:
        return _Result(None, DATE)
    steps = int(round(n * mult))
    if rel in ("ago", "from now", "hence"):
        base = _Ref(anchor, "day", -1)
        sign = -1 if rel == "ago" else 1
    else:
        base = ctx.ref_or_anchor() or _Ref(anchor, "day", -1)
        sign = -1 if rel == "earlier" else 1
    granularity = _UNIT_GRANULARITY[letter]
    if mult == 10:
        granularity = "year"
    ref = ctx.ref
    # "a year ago"/"a year earlier" after "the third quarter": the same quarter a year back
    if (
        letter == "Y"
        and mult == 1
        and ref is not None
        and ref.granularity in ("quarter", "half")
        and (rel != "ago" or abs((ref.day - anchor).days) < 400)
    ):
        return _comparison(_add_months(ref.day, -12 * steps * (-sign)), ref.granularity)
    day = _shift(base.day, sign * steps, letter)
    if granularity == "day" and rel in ("earlier", "later") and base.granularity != "day":
        granularity = base.granularity if base.granularity in ("week", "month", "year") else "day"
    if letter == "Y" and rel in ("ago", "earlier") and steps == 1:
        return _comparison(day, granularity)
    return _point(day, granularity)


@_rule(
    "vague_units",
    r"(?:(?:the\s+)?(?:past|last|next|coming|previous|following|recent)\s+)?"
    r"(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|centuries)"
    r"(?P<long>-long)?(?:\s+(?P<rel>ago|later|earlier|afterwards|on\s+end))?",
)
def _vague_units(m: re.Match[str], ctx: _Context) -> _Result | None:
    before_unit = ctx.text[max(0, m.start() - 3) : m.start()]
    if (
        m["unit"][0].isupper()
        and m.start() > 0
        and not re.search(r"[.!?\"“‘'(]\s*$|^\s*$", before_unit)
    ):
        return None  # "60 Minutes", a capitalised title mid-sentence
    unit_word = m["unit"].lower()
    base = "century" if unit_word == "centuries" else unit_word[:-1]
    letter, clock, mult = _UNITS[base]
    rel = (m["rel"] or "").lower()
    text = m.group(0).lower()
    before = ctx.text[max(0, m.start() - 20) : m.start()]
    if (
        re.search(
            r"\b(?:the|these|those|early|final|first|last|their|its|his|her)\s+$", before, re.I
        )
        and not rel
        and " " not in text
    ):
        return None  # "the days of", "the early years": not a span of time
    if re.match(r"\s+of\b", ctx.text[m.end() : m.end() + 5]) and not rel:
        return None
    if (
        text.startswith(
            (
                "the past",
                "the last",
                "past",
                "last",
                "the coming",
                "coming",
                "the next",
                "next",
                "recent",
                "the recent",
            )
        )
        and not rel
    ):
        if text.startswith(("recent", "the recent")):
            return _Result("PAST_REF", DATE)
        return _Result(_duration(None, letter, clock), DURATION)
    if rel == "ago":
        return _Result("PAST_REF", DATE)
    if rel in ("later", "earlier", "afterwards"):
        return _Result(None, TIME if clock else DATE)
    return _Result(_duration(None, letter, clock), DURATION)


@_rule(
    "refs",
    r"\b(?P<present>(?:right\s+|just\s+)?(?<!from\s)now(?![-\w])"
    r"|currently|presently|at\s+present|nowadays|these\s+days|at\s+the\s+moment|at\s+this\s+time"
    r"|the\s+present(?:\s+day|\s+time)?(?!\s+\w+(?:ed|ing)?\s))"
    r"|(?P<past>recently|lately|more\s+recently|(?:in\s+)?the\s+past(?=\s*[,.;:)]|\s+(?:and|or|but|when|as|that|he|she|they|it|we|I)\b)"
    r"|recent(?=\s+(?:days|weeks|months|years|decades|times|history|memory|\w+)))"
    r"|(?P<future>(?<=\bin\s)future(?=\s*[,.;:)]|\s*$)"
    r"|the\s+(?:near\s+|distant\s+|foreseeable\s+)?future(?!s)"
    r"|soon(?!\s+(?:as|after|before))|as\s+soon\s+as\s+possible|shortly(?=\s*[,.;]|\s+(?:after|before)\b)"
    r"|the\s+(?:near|short|medium|long)\s+term|(?:the\s+)?coming\s+(?:days|weeks|months|years)"
    r"|the\s+(?:days|weeks|months|years)\s+ahead|a\s+later\s+date|someday)",
)
def _refs(m: re.Match[str], ctx: _Context) -> _Result | None:
    text = m.group(0).lower()
    if m["present"]:
        return _Result("PRESENT_REF", DATE)
    if m["past"]:
        return _Result("PAST_REF", DATE)
    if "shortly" in text and not re.search(r"[,.;]", ctx.text[m.end() : m.end() + 2]):
        return None
    return _Result("FUTURE_REF", DATE)


@_rule(
    "set",
    r"\b(?:every|each)\s+(?:other\s+|single\s+)?(?:(?P<num>\d+|two|three|four|five|six|"
    r"seven|eight|nine|ten|twelve|twenty-four|24)\s+)?(?P<unit>second|minute|hour|day|night|"
    r"week|weekend|month|quarter|year|decade|morning|afternoon|evening)s?\b"
    rf"|\b(?:every|each)\s+(?P<mo>{_MONTH_RE})"
    rf"|\b(?:every|each)\s+(?P<s>spring|summer|autumn|fall|winter)"
    r"|(?-i:\b(?P<adv>daily|weekly|monthly|yearly|annually|hourly|nightly|quarterly"
    r"|biweekly|fortnightly|semiannually|bimonthly)\b)"
    r"|\bper\s+(?P<per>second|minute|hour|day|week|month|year)\b"
    r"|\b(?:a|one)\s+day\s+a\s+week\b",
)
def _set(m: re.Match[str], ctx: _Context) -> _Result | None:
    if m["mo"]:
        return _Result(f"XXXX-{_MONTH_NUMBERS[m['mo'].rstrip('.').lower()]:02d}", SET)
    if m["s"]:
        return _Result(f"XXXX-{_SEASONS[m['s'].lower()]}", SET)
    if m["adv"]:
        adv = m["adv"].lower()
        after = ctx.text[m.end() : m.end() + 30]
        value = {
            "daily": "P1D",
            "weekly": "P1W",
            "monthly": "P1M",
            "yearly": "P1Y",
            "annually": "P1Y",
            "hourly": "PT1H",
            "nightly": "P1D",
            "quarterly": "P1Q",
            "biweekly": "P2W",
            "fortnightly": "P2W",
            "semiannually": "P6M",
            "bimonthly": "P2M",
        }[adv]
        if adv in ("daily", "weekly") and re.match(r"\s+(?-i:[A-Z])", after):
            return None  # "the Daily Telegraph" style names are caught by case; "daily Kommersant"
        return _Result(value, SET)
    unit = (m["unit"] or m["per"] or "day").lower()
    if unit in ("morning", "afternoon", "evening", "night"):
        return _Result(f"XXXX-XX-XXT{_DAY_PARTS[unit]}", SET)
    if unit == "weekend":
        return _Result("XXXX-WXX-WE", SET)
    letter, clock, mult = _UNITS[unit]
    n = number_value(m["num"]) if m["num"] else 1
    if "other" in m.group(0).lower():
        n = 2
    return _Result(_duration(n, letter, clock, mult), SET)


@_rule(
    "holiday",
    r"(?!)",  # the real pattern lists the names of time_words.tsv: see _compiled()
)
def _holiday(m: re.Match[str], ctx: _Context) -> _Result | None:
    table = _holidays()
    name = m["name"].lower().replace("’", "'")
    if name not in table:
        return None
    if not m["name"][0].isupper():
        return None
    month, rule = table[name]
    anchor = ctx.anchor

    def on(year: int) -> dt.date:
        if ":" not in rule:
            return dt.date(year, month, int(rule))
        wd_name, nth = rule.split(":")
        weekday = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"].index(wd_name)
        days = [
            d
            for d in calendar.Calendar().itermonthdates(year, month)
            if d.month == month and d.weekday() == weekday
        ]
        return days[int(nth) - 1] if int(nth) > 0 else days[int(nth)]

    if m["y"]:
        return _point(on(int(m["y"])), "day")
    if anchor is None:
        return _Result(None, DATE)
    candidates = [on(y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    rel = (m["rel"] or "").lower()
    if rel == "last":
        day = max(c for c in candidates if c < anchor)
    elif rel == "next":
        day = min(c for c in candidates if c > anchor)
    elif rel == "this":
        day = on(anchor.year)
    else:
        day = _pick(candidates, anchor, ctx.future_here())
    return _point(day, "day")


@functools.cache
def _holidays() -> dict[str, tuple[int, str]]:
    """Named days from ``knowledge/data/time_words.tsv`` (read once, on first use)."""
    path = resources.files("dateline.knowledge") / "data" / "time_words.tsv"
    table: dict[str, tuple[int, str]] = {}
    header_seen = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        name, month, day = line.split("\t")
        table[name.strip().lower()] = (int(month), day.strip())
    return table


@functools.cache
def _compiled() -> tuple[_Rule, ...]:
    rules = []
    for name, pattern, handler in _RULES:
        if name == "holiday":
            names = sorted(_holidays(), key=len, reverse=True)
            alternatives = "|".join(
                re.escape(n).replace("'", "['’]").replace(r"\ ", r"\s+") for n in names
            )
            pattern = (
                rf"(?:(?P<rel>last|next|this)\s+)?(?P<name>(?:{alternatives}))"
                rf"(?:\s+(?P<y>{_YEAR_RE}))?(?![\w'])"
            )
        full = rf"(?:(?<![\w-])|(?<=\bpre-)|(?<=\bpost-))(?:{pattern})(?<![\s,])(?!\w)"
        rules.append(_Rule(name, re.compile(full, re.IGNORECASE), handler))
    return tuple(rules)


# --------------------------------------------------------------------------- public API


def find_timexes(text: str, anchor: dt.date | None, tense: str | None = None) -> list[Timex]:
    """Every time expression in ``text``, normalised against ``anchor``, sorted by offset.

    ``tense`` ("past" or "future") forces how bare weekdays and dates resolve; by default a
    cue in the surrounding clause decides, else the past (news reports what happened)."""
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    probe = _Context(text, anchor, tense)
    candidates: list[tuple[int, int, int, _Rule, re.Match[str]]] = []
    for index, rule in enumerate(_compiled()):
        for m in rule.pattern.finditer(text):
            if m.end() <= m.start():
                continue
            probe.start, probe.end = m.start(), m.end()
            if rule.handler(m, probe) is None:
                continue
            candidates.append((m.start(), m.end(), index, rule, m))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    chosen: list[tuple[int, int, int, _Rule, re.Match[str]]] = []
    taken: list[tuple[int, int]] = []
    for cand in candidates:
        if any(cand[0] < end and start < cand[1] for start, end in taken):
            continue
        chosen.append(cand)
        taken.append((cand[0], cand[1]))
    chosen.sort(key=lambda c: c[0])
    context = _Context(text, anchor, tense)
    found: list[Timex] = []
    for start, end, _index, rule, m in chosen:
        context.start, context.end = start, end
        result = rule.handler(m, context)
        if result is None or result.drop:
            continue
        if result.ref is not None and result.moves_ref:
            context.ref = _Ref(result.ref[0], result.ref[1], end)
        overnight = result.overnight or (result.value or "").endswith("TNI")
        found.append(Timex(start, end, text[start:end], result.value, result.type, overnight))
    return found


def normalise(
    expression: str, anchor: dt.date | None, tense: str | None = None
) -> tuple[str | None, str | None]:
    """The TIMEX3 value and type of one expression ("last Friday", "three days"); (None, None)
    when the grammar finds no time expression in it. When it finds several, the longest.
    A bare month or season ("March", "summer") is read as if after "in"."""
    found = find_timexes(expression, anchor, tense)
    if not found:
        found = find_timexes("in " + expression, anchor, tense)
    if not found:
        return None, None
    best = max(found, key=lambda t: t.end - t.start)
    return best.value, best.type
