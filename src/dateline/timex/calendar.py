"""Calendar arithmetic for the grammar: shifting days, picking the nearest, writing values."""

from __future__ import annotations

import calendar
import datetime as dt

#: a TIMEX3 unit letter -> the granularity of a point counted in it ("3 weeks ago" -> week)
UNIT_GRANULARITY = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}
#: a unit that has no whole number of -> a smaller one and how many of it make one
_SMALLER_UNIT = {
    ("Y", False): ("M", False, 12),
    ("M", False): ("D", False, 30),
    ("W", False): ("D", False, 7),
    ("D", False): ("H", True, 24),
    ("H", True): ("M", True, 60),
    ("M", True): ("S", True, 60),
}
_WEEKDAY_CODES = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")


def add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def shift(day: dt.date, n: int, unit: str) -> dt.date:
    """``day`` moved by ``n`` units (a TIMEX3 unit letter: D, W, M, Q or Y)."""
    if unit == "D":
        return day + dt.timedelta(days=n)
    if unit == "W":
        return day + dt.timedelta(weeks=n)
    if unit == "M":
        return add_months(day, n)
    if unit == "Q":
        return add_months(day, 3 * n)
    return add_months(day, 12 * n)


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def format_day(day: dt.date, granularity: str) -> str:
    """The TIMEX3 value of the period of ``granularity`` that holds ``day``."""
    if granularity == "day":
        return day.isoformat()
    if granularity == "week":
        iso = day.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "quarter":
        return f"{day.year:04d}-Q{quarter_of(day)}"
    if granularity == "half":
        return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
    if granularity == "decade":
        return f"{day.year // 10:03d}"
    if granularity == "century":
        return f"{day.year // 100:02d}"
    return f"{day.year:04d}"


#: with no tense cue, a date ahead of the anchor counts this much farther than one behind it:
#: news mostly reports what happened, so "in March" read in late October is the last March
#: (seven months back), not the next (five months ahead); a month or two ahead still wins
FUTURE_DISTANCE_WEIGHT = 1.5


def pick(candidates: list[dt.date], anchor: dt.date, tense: str | None) -> dt.date:
    """The candidate a tense asks for: the latest on or before the anchor (past), the earliest
    on or after it (future), the nearest ("nearest"), else the nearest with a date ahead
    counting :data:`FUTURE_DISTANCE_WEIGHT` times its distance (ties go to the past)."""
    past = [c for c in candidates if c <= anchor]
    future = [c for c in candidates if c >= anchor]
    if tense == "past" and past:
        return max(past)
    if tense == "future" and future:
        return min(future)
    weight = 1.0 if tense == "nearest" else FUTURE_DISTANCE_WEIGHT

    def distance(c: dt.date) -> float:
        days = (c - anchor).days
        return days * weight if days > 0 else -days

    return min(candidates, key=lambda c: (distance(c), c > anchor))


def duration_value(n: float | None, unit: str, clock: bool, mult: int = 1) -> str:
    """The TIMEX3 duration of ``n`` units (``X`` when the number is vague): P3D, PT90M, PXY."""
    if n is None:
        return f"PTX{unit}" if clock else f"PX{unit}"
    n = n * mult
    if n != int(n) and (unit, clock) in _SMALLER_UNIT:  # 1.5 years -> P18M, 2.5 days -> P60H
        unit, clock, factor = _SMALLER_UNIT[(unit, clock)]
        n = round(n * factor)
    count = int(n)
    if clock or unit == "H":
        return f"PT{count}{unit}"
    return f"P{count}{unit}"


def named_day(year: int, month: int, rule: str) -> dt.date:
    """The day a named day falls on in ``year``: ``rule`` is a day of the month ("25") or
    "WD:N", the N-th weekday WD of the month ("THU:4"; N = -1 for the last one)."""
    if ":" not in rule:
        return dt.date(year, month, int(rule))
    weekday_code, nth = rule.split(":")
    weekday = _WEEKDAY_CODES.index(weekday_code)
    days = [
        d
        for d in calendar.Calendar().itermonthdates(year, month)
        if d.month == month and d.weekday() == weekday
    ]
    return days[int(nth) - 1] if int(nth) > 0 else days[int(nth)]
