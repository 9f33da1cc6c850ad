"""Rules for dates that name their day, month or year: "4 July 2025", "March", "in 1998",
"Christmas", ISO dates, and ages (found only so that no shorter rule reads them as dates)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import replace

from .. import english
from ..numbers import spelled_year_value
from .calendar import named_day, pick
from .patterns import (
    DATE_MOD,
    DAY_RE,
    PFX,
    UNIT_RE,
    YEAR_RE,
    YEAR_TAIL,
    month_re,
    number_re,
    spelled_year_re,
    weekday_re,
)
from .records import DATE, DURATION, TIME, Context, Result, point
from .vocabulary import holidays, time_words


def age_pattern() -> str:
    return (
        rf"(?:(?:(?:a|an|the|his|her|their|its|my|our|your)\s+)?{number_re()}[\s-]+(?:years?|months?|weeks?|days?)[\s-]+olds?\b"
        r"|\baged\s+(?:\d+|[a-z]+(?:-[a-z]+)?)\b"
        r"|\b(?:his|her|their|my|your|our|its)\s+(?:early\s+|late\s+|mid-?)?(?:(?:twen|thir|for|fif"
        r"|six|seven|eigh|nine)ties|\d0s)\b)"
    )


def resolve_age(m: re.Match[str], ctx: Context) -> Result | None:
    return Result(None, DURATION, drop=True)


def iso_pattern() -> str:
    return (
        r"(?<![\d-])(?P<y>1\d{3}|20\d{2})-(?P<mo>0[1-9]|1[0-2])(?:-(?P<d>[0-2]\d|3[01]))?"
        r"(?:[T ](?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::\d\d)?(?:Z|[+-]\d\d:?\d\d)?)?(?![\d-])"
    )


def resolve_iso(m: re.Match[str], ctx: Context) -> Result | None:
    year, month = int(m["y"]), int(m["mo"])
    if not m["d"]:
        return point(dt.date(year, month, 1), "month")
    try:
        day = dt.date(year, month, int(m["d"]))
    except ValueError:
        return None
    if m["h"]:
        return Result(f"{day.isoformat()}T{m['h']}:{m['mi']}", TIME, ref=(day, "day"))
    return point(day, "day")


def _month_day_value(
    ctx: Context,
    month: int,
    day: int,
    year: int | None,
    year_offset: int | None = None,
    weekday: int | None = None,
) -> Result | None:
    anchor = ctx.anchor
    if year is None and year_offset is not None and anchor is not None:
        year = anchor.year + year_offset
    if year is not None:
        try:
            return point(dt.date(year, month, day), "day")
        except ValueError:
            return None
    if anchor is None:
        return Result(f"XXXX-{month:02d}-{day:02d}", DATE)
    candidates = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(dt.date(y, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    if weekday is not None:  # "Saturday, April 25": the year in which that day is a Saturday
        candidates = [c for c in candidates if c.weekday() == weekday] or candidates
    return point(pick(candidates, anchor, ctx.future_here()), "day")


def month_day_pattern() -> str:
    return (
        rf"{DATE_MOD}(?:(?P<wd>{weekday_re()}),?\s+)?{PFX}(?P<mo>{month_re()})\s+"
        rf"(?P<d>{DAY_RE})(?!\s*(?:%|per\s*cent|percent|million|billion|\d)){YEAR_TAIL}?"
    )


def resolve_month_day(m: re.Match[str], ctx: Context) -> Result | None:
    return _month_day_from(m, ctx)


def day_month_pattern() -> str:
    return (
        rf"{DATE_MOD}(?:(?P<wd>{weekday_re()}),?\s+)?(?P<d>{DAY_RE})(?:\s+of)?\s+"
        rf"(?P<mo>{month_re()}){YEAR_TAIL}?"
    )


def resolve_day_month(m: re.Match[str], ctx: Context) -> Result | None:
    return _month_day_from(m, ctx)


def _month_day_from(m: re.Match[str], ctx: Context) -> Result | None:
    month = english.months()[m["mo"].rstrip(".").lower()]
    day = int(re.sub(r"\D", "", m["d"]))
    year = int(m["y"]) if m["y"] else None
    offset = {"last": -1, "this": 0, "next": 1}.get((m["yrel"] or "").lower())
    weekday = english.weekdays().index(m["wd"].lower()) if m["wd"] else None
    dmod = re.sub(r"\s+", " ", (m["dmod"] or "").lower())
    if year is None and offset is None and ctx.anchor is not None and dmod:
        tense = {"last": "past", "this past": "past", "next": "future", "this coming": "future"}
        if dmod in tense:
            return _month_day_value(
                replace(ctx, tense=tense[dmod]), month, day, None, weekday=weekday
            )
        if dmod == "this":
            offset = 0
    return _month_day_value(ctx, month, day, year, offset, weekday)


def month_year_pattern() -> str:
    return (
        rf"{PFX}(?P<mo>{month_re()}),?\s+(?:of\s+)?(?:(?P<y>{YEAR_RE})"
        rf"|(?P<sy>{spelled_year_re()})|(?P<yrel>last|this|next)\s+year)"
    )


def resolve_month_year(m: re.Match[str], ctx: Context) -> Result | None:
    month = english.months()[m["mo"].rstrip(".").lower()]
    if m["y"]:
        year = int(m["y"])
    elif m["sy"]:
        spelled = spelled_year_value(m["sy"])
        if spelled is None:
            return None
        year = spelled
    else:
        if ctx.anchor is None:
            return Result(None, DATE)
        year = ctx.anchor.year + {"last": -1, "this": 0, "next": 1}[m["yrel"].lower()]
    return point(dt.date(year, month, 1), "month")


@functools.cache
def _month_lead() -> re.Pattern[str]:
    """Words after which a bare month name is a date ("in May", "since March", "early June")."""
    return re.compile(rf"(?:\b(?:{'|'.join(time_words('month_lead'))})|-)\s*$", re.IGNORECASE)


def month_pattern() -> str:
    return rf"{PFX}(?:(?P<rel>last|next|this|this\s+past|this\s+coming)\s+)?(?P<mo>{month_re()})"


def resolve_month(m: re.Match[str], ctx: Context) -> Result | None:
    month = english.months()[m["mo"].rstrip(".").lower()]
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    full = m.group(0)
    if not rel and full == m["mo"]:
        before = ctx.text[max(0, m.start() - 20) : m.start()]
        if not _month_lead().search(before):
            return None
        after = ctx.text[m.end() : m.end() + 2]
        if m["mo"] == "May" and not re.search(
            r"\b(?:in|since|until|by|of|early|late|mid)\s*-?$", before, re.I
        ):
            return None
        if after[:1].isalpha():
            return None
        if not m["mo"].endswith(".") and m["mo"].lower() not in english.month_names():
            return None  # "Jan Kavan", "Dec" alone
    anchor = ctx.anchor
    if anchor is None:
        return Result(f"XXXX-{month:02d}", DATE)
    this_year = dt.date(anchor.year, month, 1)
    here = dt.date(anchor.year, anchor.month, 1)
    if rel == "this":
        return point(this_year, "month")
    if rel in ("last", "this past"):
        day = this_year if this_year < here else dt.date(anchor.year - 1, month, 1)
        return point(day, "month")
    if rel in ("next", "this coming"):
        day = this_year if this_year > here else dt.date(anchor.year + 1, month, 1)
        return point(day, "month")
    candidates = [dt.date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    return point(pick(candidates, here, ctx.future_here()), "month")


@functools.cache
def _counted_noun() -> re.Pattern[str]:
    """What makes a four-digit number a count and not a year: "1500 troops", "2000 of them"."""
    nouns = "|".join(time_words("counted_noun"))
    return re.compile(rf"\s*(?:{nouns}|of\b|to\b|-\d|\s*(?:and|or)\s+\d{{3}}\b)", re.IGNORECASE)


_YEAR_LEAD = re.compile(r"\b(?:in|since|of|by|until|from|year)\s+$", re.IGNORECASE)


def year_pattern() -> str:
    return (
        rf"{PFX}(?:(?:the\s+(?=(?:calendar|fiscal|year)\s|\S+\s+(?:period|fiscal\s+year)\b))?"
        r"(?:calendar\s+|fiscal\s+(?:year\s+)?|year\s+)?)"
        rf"(?:(?P<y>{YEAR_RE})|(?P<sy>{spelled_year_re()})(?![\s-]+(?:{UNIT_RE}|percent|per\b)))"
        r"(?:\s+(?:period|fiscal\s+year))?"
    )


def resolve_year(m: re.Match[str], ctx: Context) -> Result | None:
    if m["sy"]:
        named_a_year = re.match(r"(?:the\s+)?year\s", m.group(0), re.IGNORECASE)
        if not named_a_year and re.match(r"\s+[a-z]+s\b", ctx.text[m.end() : m.end() + 20]):
            return None  # "nineteen ninety people"; "the year two thousand has" is a year
        year = spelled_year_value(m["sy"])
        if year is None:
            return None
    else:
        year = int(m["y"])
        after = ctx.text[m.end() : m.end() + 25]
        counted = _counted_noun().match(after)
        if counted and not _YEAR_LEAD.search(ctx.text[max(0, m.start() - 8) : m.start()]):
            return None  # "1500 troops": a count, unless "in 1500 troops ..." reads as a year
        if year < 1900 and not re.search(
            r"\b(?:in|since|of|by|until|from|year|before|after|circa|c\.)\s+$",
            ctx.text[max(0, m.start() - 8) : m.start()],
            re.I,
        ):
            return None
    return point(dt.date(year, 1, 1), "year")


def holiday_pattern() -> str:
    names = sorted(holidays(), key=len, reverse=True)
    alternatives = "|".join(re.escape(n).replace("'", "['’]").replace(r"\ ", r"\s+") for n in names)
    return (
        rf"(?:(?P<rel>last|next|this)\s+)?(?P<name>(?:{alternatives}))"
        rf"(?:\s+(?P<y>{YEAR_RE}))?(?![\w'])"
    )


def resolve_holiday(m: re.Match[str], ctx: Context) -> Result | None:
    table = holidays()
    name = m["name"].lower().replace("’", "'")
    if name not in table:
        return None
    if not m["name"][0].isupper():
        return None
    month, rule = table[name]
    anchor = ctx.anchor
    if m["y"]:
        return point(named_day(int(m["y"]), month, rule), "day")
    if anchor is None:
        return Result(None, DATE)
    candidates = [
        named_day(y, month, rule) for y in (anchor.year - 1, anchor.year, anchor.year + 1)
    ]
    rel = (m["rel"] or "").lower()
    if rel == "last":
        day = max(c for c in candidates if c < anchor)
    elif rel == "next":
        day = min(c for c in candidates if c > anchor)
    elif rel == "this":
        day = named_day(anchor.year, month, rule)
    else:
        # a feast is named ahead as often as behind ("before Christmas"): no lean to the past
        day = pick(candidates, anchor, ctx.future_here() or "nearest")
    return point(day, "day")
