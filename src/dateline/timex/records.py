"""The records the grammar passes around: a found expression, a rule's result, the context."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from .calendar import format_day
from .tense import detect_tense, governed_by_past

DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"

#: a preposition that points ahead, right before a date: "by December 15", "until March"
_FORWARD_PREPOSITION = re.compile(r"\b(?:by|until|till|through|to)\s+$", re.IGNORECASE)


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
        day = day_of(self.value)
        if day is None:
            return ()
        if self.overnight:
            return (day, day + dt.timedelta(days=1))
        return (day,)


def day_of(value: str | None) -> dt.date | None:
    """The day a TIMEX3 value starts with ("2025-07-03TEV" -> 3 July 2025), if it names one."""
    if not value:
        return None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


#: how a rule finds the expressions inside part of its match (a clock time's "on Monday")
Finder = Callable[[str, "dt.date | None", "str | None"], list[Timex]]


@dataclass(slots=True)
class Ref:
    """The reference time: the last point in time the text named, and its granularity."""

    day: dt.date
    granularity: str
    end: int  # where its expression ended, to tell whether a clock time may attach to it


@dataclass(slots=True)
class Context:
    text: str
    anchor: dt.date | None
    tense: str | None
    find: Finder
    ref: Ref | None = None
    start: int = 0
    end: int = 0

    def tense_here(self) -> str | None:
        return self.tense or detect_tense(self.text, self.start, self.end)

    def future_here(self) -> str | None:
        """ "past" when a past-tense verb governs the expression ("stepped down in March",
        "announced the plan Aug. 21": the governing verb outweighs a stray future cue); else
        "future" on a future cue; "nearest" after a forward preposition ("by", "until"); else
        None: calendar dates without a year default to the nearest one, leaning to the past
        (:func:`~dateline.timex.calendar.pick`), which a stray past cue does not overturn
        (past cues are everywhere in news, the governing verb is the one that counts)."""
        if self.tense:
            return self.tense
        if governed_by_past(self.text, self.start):
            return "past"
        if detect_tense(self.text, self.start, self.end) == "future":
            return "future"
        if _FORWARD_PREPOSITION.search(self.text[max(0, self.start - 12) : self.start]):
            return "nearest"  # "completed by December 15": a deadline, as often ahead as behind
        return None

    def ref_or_anchor(self) -> Ref | None:
        if self.ref is not None:
            return self.ref
        if self.anchor is not None:
            return Ref(self.anchor, "day", -1)
        return None


@dataclass(slots=True)
class Result:
    value: str | None
    type: str
    #: the point and granularity this expression names, for later relative expressions
    ref: tuple[dt.date, str] | None = None
    overnight: bool = False
    drop: bool = False  # an age or another look-alike: found so that nothing shorter is
    #: a comparison ("a year earlier", "the year-ago quarter") names a point but does not move
    #: the reference time: the next comparison counts from the same point
    moves_ref: bool = True


Handler = Callable[[re.Match[str], Context], "Result | None"]


def point(day: dt.date, granularity: str, type_: str = DATE) -> Result:
    """A result naming ``day`` at ``granularity``; later relative expressions count from it."""
    return Result(format_day(day, granularity), type_, ref=(day, granularity))


def comparison(day: dt.date, granularity: str) -> Result:
    """A result naming a point that later relative expressions do not count from."""
    return Result(format_day(day, granularity), DATE, ref=(day, granularity), moves_ref=False)
