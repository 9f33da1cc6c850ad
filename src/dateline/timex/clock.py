"""The clock-time rule: "5 p.m.", "17:30 GMT", "noon", "at 9 o'clock on Monday"."""

from __future__ import annotations

import datetime as dt
import functools
import re

from ..numbers import number_value
from .patterns import DAY_RE, YEAR_RE, hour_word_re, month_re, time_zone_re, weekday_re
from .records import TIME, Context, Result, day_of


@functools.cache
def _clock_re() -> str:
    hour_word = hour_word_re()
    return (
        r"(?:(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>(?-i:a\.m\.?|p\.m\.?|am\b|pm\b"
        r"|AM\b|PM\b|a\.m|p\.m))"
        r"|(?P<h24>[01]?\d|2[0-3])[:h](?P<mi24>[0-5]\d)(?="
        + time_zone_re()
        + r"|\s+hours?\b|\s+hrs\b)"
        r"|(?<=\bat\s)(?P<h24b>[01]\d|2[0-3]):(?P<mi24b>[0-5]\d)"
        r"|(?P<word>noon|midnight|midday)"
        rf"|(?P<hw>\d{{1,2}}|{hour_word})"
        r"(?:\s+o'clock)?\s+in\s+the\s+(?P<hpod>morning|afternoon|evening)"
        rf"|(?P<hoc>\d{{1,2}}|{hour_word})\s+o'clock)"
    )


def clock_pattern() -> str:
    return (
        rf"(?:(?:about|around|approximately|roughly|shortly\s+(?:before|after)|just\s+"
        rf"(?:before|after)|after|before)\s+)?{_clock_re()}{time_zone_re()}?"
        rf"(?:,?\s+(?:on\s+)?(?P<tail>{weekday_re()}|today|tonight|yesterday|tomorrow"
        rf"|{month_re()}\s+{DAY_RE}(?:,?\s+{YEAR_RE})?|{DAY_RE}\s+{month_re()}(?:\s+{YEAR_RE})?))?"
    )


def resolve_clock(m: re.Match[str], ctx: Context) -> Result | None:
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
        return Result(f"XXXX-XX-XX{clock}", TIME)
    return Result(f"{day.isoformat()}{clock}", TIME, ref=(day, "day"))


def _clock_day(m: re.Match[str], ctx: Context) -> dt.date | None:
    tail = m["tail"]
    if tail:
        sub = ctx.find(tail, ctx.anchor, ctx.future_here())
        day = day_of(sub[0].value) if sub else None
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
