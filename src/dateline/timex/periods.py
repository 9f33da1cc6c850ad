"""Rules for periods: decades, centuries, seasons, quarters, halves, "the same quarter",
"the full year"."""

from __future__ import annotations

import datetime as dt
import re

from .. import english
from ..numbers import spelled_year_value
from .calendar import add_months, quarter_of
from .patterns import PFX, YEAR_RE, spelled_year_re
from .records import DATE, DURATION, Context, Result, comparison, point
from .vocabulary import SEASON_START, SEASONS


def decade_pattern() -> str:
    return (
        rf"(?:the\s+)?{PFX}(?:(?P<c>1[0-9]|20)(?P<d>\d)0'?s\b|'(?P<s>\d)0s\b"
        r"|(?<=the\s)(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b)"
    )


def resolve_decade(m: re.Match[str], ctx: Context) -> Result | None:
    if m["c"]:
        return Result(f"{m['c']}{m['d']}", DATE)
    if m["s"]:
        digit = int(m["s"])
        century = 19
        if ctx.anchor is not None and digit * 10 <= ctx.anchor.year % 100:
            century = ctx.anchor.year // 100
        return Result(f"{century}{digit}", DATE)
    if m["w"]:
        tens = english.numbers()[m["w"].lower()[:-3] + "y"] if m["w"].lower() != "nineties" else 90
        return Result(f"19{tens // 10}", DATE)
    return None


def century_pattern() -> str:
    return (
        rf"(?:the\s+)?{PFX}(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<w>"
        rf"{'|'.join(sorted(english.ordinals(), key=len, reverse=True))}))[\s-]+century"
        r"|(?P<rel>this|last|next|the\s+last|the\s+past|the\s+current|the\s+previous|the\s+next)"
        r"\s+century"
    )


def resolve_century(m: re.Match[str], ctx: Context) -> Result | None:
    if m["n"] or m["w"]:
        n = int(m["n"]) if m["n"] else english.ordinals()[m["w"].lower()]
        return Result(f"{n - 1:02d}", DATE)
    if ctx.anchor is None:
        return Result(None, DATE)
    rel = m["rel"].lower().split()[-1]
    if rel in ("past", "next"):
        return Result("P100Y", DURATION)
    shift = {"this": 0, "current": 0, "last": -1, "previous": -1}[rel]
    return Result(f"{ctx.anchor.year // 100 + shift:02d}", DATE)


def season_pattern() -> str:
    return (
        rf"(?:the\s+)?{PFX}(?:(?P<rel>last|this|next|this\s+past|this\s+coming|the|in|during)\s+)?"
        rf"(?P<s>{'|'.join(SEASONS)})(?:\s+(?:of\s+)?(?:(?P<y>{YEAR_RE})"
        rf"|(?P<sy>{spelled_year_re()})))?(?!\s+of\s+(?:the\b|[A-Z]))"
    )


def resolve_season(m: re.Match[str], ctx: Context) -> Result | None:
    code = SEASONS[m["s"].lower()]
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    if not rel and m.group(0).lower().startswith("the"):
        rel = "the"  # "into the summer", "the early summer": the article names a season
    if m["y"] or m["sy"]:
        year = int(m["y"]) if m["y"] else spelled_year_value(m["sy"] or "")
        if year is None:
            return None
        return Result(f"{year}-{code}", DATE, ref=(dt.date(year, SEASON_START[code], 1), "year"))
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
        return Result(f"XXXX-{code}", DATE)
    starts = [dt.date(y, SEASON_START[code], 1) for y in range(anchor.year - 2, anchor.year + 2)]
    current = max(s for s in starts if s <= anchor)  # the latest start of this season so far
    in_season = anchor < add_months(current, 3)
    if rel in ("last", "this past"):
        start = add_months(current, -12) if in_season else current
    elif rel in ("next", "this coming"):
        start = add_months(current, 12)
    elif rel == "this":
        start = current if in_season or current.year == anchor.year else add_months(current, 12)
        if not in_season and code != "WI" and dt.date(anchor.year, SEASON_START[code], 1) > anchor:
            start = dt.date(anchor.year, SEASON_START[code], 1)
    else:
        future = ctx.tense_here() == "future"
        start = current if in_season or not future else add_months(current, 12)
    return Result(f"{start.year}-{code}", DATE, ref=(start, "year"))


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


def quarter_pattern() -> str:
    return (
        rf"(?:(?P<qy>{YEAR_RE})(?:'s)?\s+|(?P<rel>this|last|next)\s+year'?s\s+"
        r"|(?P<ago>(?:the\s+)?(?:comparable\s+|corresponding\s+|same\s+)?year-?(?:earlier|ago|before)\s+)"
        r"|(?:the|its|their)\s+)?(?:fiscal[\s-]+)?"
        rf"(?P<ord>{_ORD_RE})[\s-]+(?:fiscal\s+|calendar\s+)?quarter(?!s)"
        rf"(?:\s+(?:of|in)\s+(?:fiscal\s+|calendar\s+)?(?:(?P<qy2>{YEAR_RE})|(?P<rel2>this|last|next)\s+year))?"
        rf"|(?-i:\bQ(?P<qn>[1-4]))(?:\s+(?P<qy3>{YEAR_RE}))?"
    )


def resolve_quarter(m: re.Match[str], ctx: Context) -> Result | None:
    q = int(m["qn"]) if m["qn"] else _ORD_NUM[m["ord"].lower()]
    year_text = m["qy"] or m["qy2"] or m["qy3"]
    rel = (m["rel"] or m["rel2"] or "").lower()
    anchor = ctx.anchor
    if year_text:
        year = int(year_text)
    elif anchor is None:
        return Result(f"XXXX-Q{q}", DATE)
    elif rel:
        year = anchor.year + {"last": -1, "this": 0, "next": 1}[rel]
    else:
        # the quarter of the anchor's year, unless it has not begun yet and the clause is
        # about the past (fourth-quarter results reported in February)
        year = anchor.year
        if q > quarter_of(anchor) and ctx.tense_here() != "future":
            year -= 1
    if m["ago"]:
        year -= 1
    return point(dt.date(year, 3 * q - 2, 1), "quarter")


def half_pattern() -> str:
    return (
        rf"(?:(?P<hy>{YEAR_RE})(?:'s)?\s+|the\s+|(?P<rel>this|last|next)\s+year'?s\s+)?"
        r"(?P<ord>first|second|last|latter)[\s-]+half"
        rf"(?:\s+of\s+(?:(?P<hy2>{YEAR_RE})|(?P<rel2>this|last|next)\s+year|the\s+year))?"
    )


def resolve_half(m: re.Match[str], ctx: Context) -> Result | None:
    year_text = m["hy"] or m["hy2"]
    rel = (m["rel"] or m["rel2"] or "").lower()
    if not year_text and not rel and "year" not in m.group(0).lower():
        return None  # "the first half" of a match, a film ...
    h = 1 if m["ord"].lower() == "first" else 2
    if year_text:
        year = int(year_text)
    elif ctx.anchor is None:
        return Result(f"XXXX-H{h}", DATE)
    else:
        year = ctx.anchor.year + {"last": -1, "next": 1}.get(rel, 0)
    return point(dt.date(year, 6 * h - 5, 1), "half")


def period_anaphor_pattern() -> str:
    return (
        r"(?:the\s+)?(?:(?P<mod>latest|current|previous|prior|same|comparable|"
        r"corresponding|just-ended|year-?earlier|year-?ago|this|last|recent|most\s+recent)\s+)"
        r"(?:(?:fiscal|year-?earlier|year-?ago)\s+)?(?P<unit>quarter|period)(?!s)"
        r"(?P<tail>\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year|of\s+last\s+year|a\s+year\s+before))?"
        r"|\bthe\s+quarter(?!s)(?P<tail2>\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year))?"
        r"|(?P<ya>year-(?:earlier|ago))"
    )


def resolve_period_anaphor(m: re.Match[str], ctx: Context) -> Result | None:
    text = m.group(0).lower()
    anchor = ctx.anchor
    if anchor is None:
        return Result(None, DATE)
    year_back = bool(re.search(r"year-?(?:earlier|ago)|a year|last year", text))
    mod = (m["mod"] or "").lower()
    ref = ctx.ref
    if m["ya"]:
        if ref is not None and ref.granularity in ("quarter", "half", "month"):
            return comparison(add_months(ref.day, -12), ref.granularity)
        # after a year already in the past ("the 1988 period. The year-ago results"), that
        # year is the one compared with; after the current year, the year before it
        if ref is not None and ref.granularity == "year" and ref.day.year < anchor.year:
            return comparison(dt.date(ref.day.year, 1, 1), "year")
        base = ref.day if ref is not None and ref.granularity == "year" else anchor
        return comparison(add_months(base, -12), "year")
    if m["unit"] and m["unit"].lower() == "period" and not mod and not m["tail"]:
        return None
    if mod == "this" or mod == "current":
        quarter_start = dt.date(anchor.year, 3 * quarter_of(anchor) - 2, 1)
        if m["unit"].lower() == "period":
            return None
        return point(quarter_start, "quarter")
    if mod in ("last", "previous", "prior") and not year_back:
        quarter_start = dt.date(anchor.year, 3 * quarter_of(anchor) - 2, 1)
        return point(add_months(quarter_start, -3), "quarter")
    if ref is not None and ref.granularity == "quarter":
        base = ref.day
    else:
        base = add_months(dt.date(anchor.year, 3 * quarter_of(anchor) - 2, 1), -3)
    if year_back:
        return comparison(add_months(base, -12), "quarter")
    return point(base, "quarter")


def year_end_pattern() -> str:
    return (
        r"(?:(?P<which>this|last|next)\s+)?year(?:'s\s+|[\s-])end\b"
        r"|(?P<full>the\s+(?:full|whole|entire|current|full\s+fiscal|current\s+fiscal)\s+year)"
        r"|(?P<span>the\s+(?:fiscal\s+)?year)(?=\s+(?:ended|ending|to|through)\b)"
    )


def resolve_year_end(m: re.Match[str], ctx: Context) -> Result | None:
    if m["span"]:
        return Result("P1Y", DURATION)  # "the year ended Sept. 30": a twelve-month period
    if ctx.anchor is None:
        return Result(None, DATE)
    year = ctx.anchor.year + {"last": -1, "next": 1}.get((m["which"] or "").lower(), 0)
    return point(dt.date(year, 1, 1), "year")
