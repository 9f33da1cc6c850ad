"""Rules for days and periods counted from the anchor or the last date named: weekdays,
"yesterday", "last week", "the following day", the weekend, and "now"/"recently"/"soon"."""

from __future__ import annotations

import datetime as dt
import functools
import re

from .. import english
from .calendar import add_months, format_day, quarter_of, shift
from .patterns import PFX, weekday_re
from .records import DATE, DURATION, SET, TIME, Context, Result, point
from .vocabulary import DAY_PARTS, MID_DAY_PARTS, time_words

_REL_UNIT = r"(?P<unit>week|weekend|month|year|quarter|decade)"


def relative_period_pattern() -> str:
    return (
        rf"{PFX}(?P<rel>this\s+past|this\s+coming|last|next|this|the\s+current"
        rf"|the\s+previous|the\s+following|the\s+next|the\s+same|that|the\s+past|the\s+last"
        rf"|the\s+coming|the\s+latest|the\s+preceding|the\s+prior|the\s+current\s+fiscal|current)\s+{_REL_UNIT}\b"
        r"|(?P<that>earlier|later)\s+(?:in|that)\s+the\s+(?P<unit2>week|month|year)\b"
        r"|(?:the\s+)?(?P<end>end|middle|start|beginning|close|rest)\s+of\s+the\s+(?P<unit3>week|month|year|quarter|decade)\b"
    )


def resolve_relative_period(m: re.Match[str], ctx: Context) -> Result | None:
    if (m["unit"] or "x")[0].isupper():
        return None  # "This Week", a programme's title
    unit = (m["unit"] or m["unit2"] or m["unit3"]).lower()
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    if m["that"] or m["end"]:
        rel = "this" if m["end"] else "that"
    anchor = ctx.anchor
    if anchor is None:
        return Result(None, DATE)
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
        return Result(letter, DURATION)
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
        return _weekend_of(base, step, ctx)
    if unit == "decade":
        if step == 0:
            return Result(format_day(base, "decade"), DATE)
        return Result(format_day(add_months(base, 120 * step), "decade"), DATE)
    letter = {"week": "W", "month": "M", "year": "Y", "quarter": "Q"}[unit]
    granularity = {"week": "week", "month": "month", "year": "year", "quarter": "quarter"}[unit]
    day = shift(base, step, letter)
    if granularity == "quarter":
        day = dt.date(day.year, 3 * quarter_of(day) - 2, 1)
    return point(day, granularity)


def _weekend_of(base: dt.date, step: int, ctx: Context) -> Result:
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
    return Result(f"{iso.year}-W{iso.week:02d}-WE", DATE, ref=(saturday, "week"))


def weekend_pattern() -> str:
    return r"\bthe\s+weekend\b|\bweekend\b(?=\s+(?:talks|strikes?|attacks?|visit))"


def resolve_weekend(m: re.Match[str], ctx: Context) -> Result | None:
    if ctx.anchor is None:
        return Result(None, DATE)
    tense = ctx.tense_here()
    return _weekend_of(
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


def weekday_pattern() -> str:
    return (
        r"(?:(?P<pfx>(?:very\s+)?(?:early|late|earlier|later)|mid-?(?:morning|afternoon|day)|"
        r"(?:late\s+|early\s+)?overnight(?:\s+(?P<into>into|on|to))?)\s+)?"
        r"(?:(?P<rel>last|next|this|this\s+past|this\s+coming|the\s+previous|the\s+following"
        rf"|the\s+next|past|coming)\s+)?(?P<wd>{weekday_re()})(?P<plural>s)?\b"
        r"(?:\s+(?P<pod>morning|afternoon|evening|night|overnight))?(?P<pods>s)?"
    )


def resolve_weekday(m: re.Match[str], ctx: Context) -> Result | None:
    weekday = english.weekdays().index(m["wd"].lower())
    pod = DAY_PARTS.get((m["pod"] or "").lower())
    pfx = (m["pfx"] or "").lower()
    if pfx.startswith("mid"):
        pod = MID_DAY_PARTS.get(pfx.replace(" ", ""), "MI")
    if m["plural"] or m["pods"]:
        before = ctx.text[max(0, m.start() - 12) : m.start()]
        if m["plural"] or re.search(r"\b(?:on|every|each)\s*$", before, re.I):
            suffix = f"T{pod}" if pod else ""
            return Result(f"XXXX-WXX-{weekday + 1}{suffix}", SET)
    overnight = "overnight" in pfx or (m["pod"] or "").lower() in ("night", "overnight")
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    anchor = ctx.anchor
    if rel in ("the previous", "the following", "the next"):
        ref = ctx.ref_or_anchor()
        if ref is None:
            return Result(None, DATE)
        day = _weekday_date(ref.day, weekday, rel, None)
    elif anchor is None:
        return Result(f"XXXX-WXX-{weekday + 1}", DATE)
    else:
        day = _weekday_date(anchor, weekday, rel, ctx.tense_here())
    if "overnight" in pfx and m["into"] and m["into"].lower() in ("into", "to"):
        day -= dt.timedelta(days=1)
    if overnight:
        pod = "NI"
    if pod:
        return Result(f"{day.isoformat()}T{pod}", TIME, ref=(day, "day"), overnight=overnight)
    return point(day, "day")


def deictic_pattern() -> str:
    return (
        r"(?:(?P<pfx>(?:very\s+)?(?:early|late|earlier|later)|mid-?(?:morning|afternoon|day))\s+)?"
        r"(?P<d>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday"
        r"|the\s+day\s+after\s+tomorrow)(?:(?:'s)?\s+(?P<pod>morning|afternoon|evening|night))?"
        r"|(?P<this>this|last|tomorrow|(?:late|early)\s+last)\s+(?P<pod2>morning|afternoon|evening|night)"
        r"|(?P<on>overnight)"
    )


def resolve_deictic(m: re.Match[str], ctx: Context) -> Result | None:
    anchor = ctx.anchor
    if m["on"]:
        if anchor is None:
            return Result(None, TIME, overnight=True)
        day = anchor - dt.timedelta(days=1)
        return Result(f"{day.isoformat()}TNI", TIME, ref=(day, "day"), overnight=True)
    if anchor is None:
        return Result(None, TIME if (m["pod"] or m["pod2"]) else DATE)
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
    if m["d"]:
        d = re.sub(r"\s+", " ", m["d"].lower())
        offset = offsets.get(d, -2 if "before" in d else 2)
        pod = DAY_PARTS.get((m["pod"] or "").lower())
        if d == "tonight":
            pod = "NI"
        pfx = (m["pfx"] or "").lower().replace(" ", "")
        if pfx.startswith("mid"):
            pod = MID_DAY_PARTS.get(pfx, "MI")
    else:
        this = m["this"].lower()
        offset = 1 if this == "tomorrow" else -1 if "last" in this else 0
        pod = DAY_PARTS[m["pod2"].lower()]
    day = anchor + dt.timedelta(days=offset)
    if pod:
        night = pod == "NI"
        return Result(f"{day.isoformat()}T{pod}", TIME, ref=(day, "day"), overnight=night)
    return point(day, "day")


_DAY_PART_LEAD = re.compile(r"\b(?:in|by|during|until|since|through)\s+$", re.IGNORECASE)


def day_part_pattern() -> str:
    return (
        r"(?:the\s+)?(?P<mod>(?:early|late|mid)[\s-]?)?(?P<pod>morning|afternoon|evening)"
        r"(?!\s+of\b)"
    )


def resolve_day_part(m: re.Match[str], ctx: Context) -> Result | None:
    """ "in the morning", "by mid-afternoon": that part of the day the text is about, the
    last day it named, else the anchor."""
    if m["pod"][0].isupper() or not _DAY_PART_LEAD.search(
        ctx.text[max(0, m.start() - 8) : m.start()]
    ):
        return None  # "morning prayers", "the evening news": only after a preposition of time
    pod = DAY_PARTS[m["pod"].lower()]
    if (m["mod"] or "").lower().startswith("mid"):
        pod = MID_DAY_PARTS.get("mid-" + m["pod"].lower(), pod)
    ref = ctx.ref_or_anchor()
    if ref is None:
        return Result(None, TIME)
    if ref.granularity != "day":
        return Result(None, TIME)
    return Result(f"{ref.day.isoformat()}T{pod}", TIME, ref=(ref.day, "day"))


_PERIOD_LEAD = re.compile(r"\b(?:for|of|during|throughout)\s+$", re.IGNORECASE)


def the_period_pattern() -> str:
    return (
        r"the\s+(?:fiscal\s+)?(?P<unit>year|week|month)"
        r"(?!\s+(?:ended|ending|to|through|before|after|earlier|later|ago|of|that|when|in|which)\b)"
        r"(?![-'\w])"
    )


def resolve_the_period(m: re.Match[str], ctx: Context) -> Result | None:
    """ "for the year", "the first nine months of the year", "for the week": the period of
    that unit the text is about, the one holding the last date named, else the anchor."""
    if not _PERIOD_LEAD.search(ctx.text[max(0, m.start() - 12) : m.start()]):
        return None
    unit = m["unit"].lower()
    ref = ctx.ref_or_anchor()
    if ref is None:
        return Result(None, DATE)
    finer = {
        "year": ("year", "half", "quarter", "month", "week", "day"),
        "month": ("month", "week", "day"),
        "week": ("week", "day"),
    }
    day = ref.day if ref.granularity in finer[unit] else ctx.anchor
    if day is None:
        return Result(None, DATE)
    return Result(format_day(day, unit), DATE, ref=(day, unit), moves_ref=False)


def that_day_pattern() -> str:
    return (
        r"(?:(?P<pfx>earlier|later|early|late)\s+)?(?:that|the\s+same)\s+"
        r"(?P<u>day|morning|afternoon|evening|night|week|month|year)\b"
        r"|the\s+(?P<dir>next|following|previous|preceding)\s+(?P<u2>day|morning|afternoon|evening|night)\b"
        r"|the\s+(?P<u3>day|night|week|month|year)\s+(?P<dir3>before|after)(?=\s*[,.;:!?)]|\s*$)"
    )


def resolve_that_day(m: re.Match[str], ctx: Context) -> Result | None:
    ref = ctx.ref_or_anchor()
    unit = (m["u"] or m["u2"] or m["u3"]).lower()
    direction = (m["dir"] or m["dir3"] or "").lower()
    if ref is None:
        return Result(None, DATE)
    step = 1 if direction in ("next", "following", "after") else -1 if direction else 0
    if unit in ("week", "month", "year"):
        letter = unit[0].upper()
        return point(shift(ref.day, step, letter), unit)
    day = ref.day + dt.timedelta(days=step)
    if ref.granularity != "day" and step == 0:
        return Result(None, DATE if unit == "day" else TIME)
    pod = DAY_PARTS.get(unit)
    if pod:
        return Result(f"{day.isoformat()}T{pod}", TIME, ref=(day, "day"), overnight=pod == "NI")
    return point(day, "day")


@functools.cache
def _not_current() -> frozenset[str]:
    """Words after which "current" is not "of the present" ("current account", "current
    flows"): from the ``not_current`` class of ``time_words.tsv``."""
    return frozenset(time_words("not_current"))


def refs_pattern() -> str:
    return (
        r"\b(?P<present>(?:right\s+|just\s+)?(?<!from\s)now(?![-\w])"
        r"|currently|presently|at\s+present|nowadays|these\s+days|at\s+the\s+moment|at\s+this\s+time"
        r"|the\s+present(?:\s+day|\s+time)?(?!\s+\w+(?:ed|ing)?\s))"
        r"|(?P<current>(?-i:current)(?=\s+[a-z]))"
        r"|(?<=\bat\s)(?P<then>the\s+time)(?!\s+(?:of|when|that|being)\b)"
        r"|(?<=\bfor\s)(?P<while>a\s+(?:little\s+|long\s+|short\s+)?while)"
        r"|(?:(?<=\bwill\s)|(?<=\bwould\s)|(?<=\bcould\s)|(?<=\bmight\s)|(?<=\bshall\s))"
        r"(?P<oneday>one\s+day)(?=\s+[a-z])"
        r"|(?P<past>recently|lately|more\s+recently|(?:in\s+)?the\s+past(?=\s*[,.;:)]|\s+(?:and|or|but|when|as|that|he|she|they|it|we|I)\b)"
        r"|recent(?=\s+(?:days|weeks|months|years|decades|times|history|memory|\w+)))"
        r"|(?P<future>(?<=\bin\s)future(?=\s*[,.;:)]|\s*$)"
        r"|the\s+(?:near\s+|distant\s+|foreseeable\s+)?future(?!s)"
        r"|soon(?!\s+(?:as|after|before))|as\s+soon\s+as\s+possible|shortly(?=\s*[,.;]|\s+(?:after|before)\b)"
        r"|the\s+(?:near|short|medium|long)\s+term|(?:the\s+)?coming\s+(?:days|weeks|months|years)"
        r"|the\s+(?:days|weeks|months|years)\s+ahead|a\s+later\s+date|someday)"
    )


def resolve_refs(m: re.Match[str], ctx: Context) -> Result | None:
    text = m.group(0).lower()
    if m["then"]:
        # "at the time": the time the story is about, a past one in a past clause
        return None if ctx.tense_here() == "future" else Result("PAST_REF", DATE)
    if m["while"]:
        return Result("PXX", DURATION)  # "for a while": an amount of time, its unit unknown
    if m["oneday"]:
        return Result("FUTURE_REF", DATE)  # "will one day be": some day ahead
    if m["current"]:
        following = re.match(r"\s+([a-z]+)", ctx.text[m.end() :])
        if following is None or following[1] in _not_current():
            return None  # "the current account", "a current of air"
        return Result("PRESENT_REF", DATE)
    if m["present"]:
        return Result("PRESENT_REF", DATE)
    if m["past"]:
        return Result("PAST_REF", DATE)
    if "shortly" in text and not re.search(r"[,.;]", ctx.text[m.end() : m.end() + 2]):
        return None
    return Result("FUTURE_REF", DATE)
