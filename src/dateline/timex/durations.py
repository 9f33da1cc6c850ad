"""Rules for amounts of time: durations ("three days"), offsets ("two weeks ago", "a year
earlier"), vague spans ("for hours") and sets ("every day", "weekly")."""

from __future__ import annotations

import re

from .. import english
from ..numbers import number_value
from .calendar import UNIT_GRANULARITY, add_months, duration_value, shift
from .patterns import AMOUNT_MOD, UNIT_RE, month_re, number_re, weekday_re
from .records import DATE, DURATION, SET, Context, Ref, Result, comparison, point
from .vocabulary import DAY_PARTS, SEASONS, units


def duration_pattern() -> str:
    return (
        rf"(?:(?:at\s+least|nearly|almost|more\s+than|less\s+than)\s+(?=the\s)|{AMOUNT_MOD}(?!the\s))?"
        r"(?:(?:the|these|those|each\s+of\s+the)\s+)?"
        r"(?:(?P<dir>past|last|next|first|previous|coming|following|final|latest|remaining|initial"
        r"|ensuing|preceding|same|year-?earlier|year-?ago)\s+)?"
        rf"(?:{AMOUNT_MOD})?(?P<num>{number_re()})(?:\s+(?:to|or|-|and)\s+(?P<num2>{number_re()}))?"
        r"(?:\s+(?:more|other|straight|consecutive|full|long|short|additional|extra|trading|business"
        r"|working|calendar|school|successive|whole|entire))?"
        rf"[\s-]+(?P<unit>{UNIT_RE})(?!\w)(?:\s+and\s+a\s+half)?(?:\s+or\s+so)?"
        r"(?:\s+(?P<rel>ago|earlier|later|from\s+now|hence|running|in\s+a\s+row))?"
    )


_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|might|shall)\s+$", re.IGNORECASE)


def resolve_duration(m: re.Match[str], ctx: Context) -> Result | None:
    if m["unit"][0].isupper():
        return None  # "60 Minutes", a title
    unit_word = m["unit"].lower()
    base = unit_word[:-1] if unit_word.endswith("s") and unit_word not in ("hrs",) else unit_word
    base = {"centurie": "century", "hrs": "hr", "min": "min", "mins": "min"}.get(base, base)
    if base not in units():
        return None
    letter, clock, mult = units()[base]
    num_text = m["num"].strip().lower()
    after = ctx.text[m.end() : m.end() + 12]
    # "a quarter of the vote", "a second time", "one day he will ...", "a day of mourning"
    if num_text in ("a", "an", "one") and base in ("quarter", "second") and not m["dir"]:
        return None
    if (
        base == "quarter"
        and num_text in ("a", "an", "one", "three")
        and re.match(r"\s+of\s+(?!(?:the\s+)?(?:fiscal\s+)?(?:year|\d{4}|this|last|next)\b)", after)
    ):
        return None  # "three-quarters of its food": a fraction, not a span of quarters
    if num_text in ("some", "many") and not unit_word.endswith("s"):
        return None
    if num_text == "one" and base == "day" and _MODAL_BEFORE.search(ctx.text, 0, m.start()):
        return None  # "will one day be": some day ahead (FUTURE_REF, a rule of its own)
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
            return Result(duration_value(1, letter, clock, mult), SET)
    if rel in ("ago", "earlier", "later", "from now", "hence"):
        return _relative_offset(m, ctx, n, letter, clock, mult, rel)
    return Result(duration_value(n, letter, clock, mult), DURATION)


#: a period longer than a quarter named after the last quarter: "a year earlier" then compares
#: that period ("For the nine months, ... a year earlier" is the year before, not a quarter)
_LONGER_PERIOD = re.compile(
    r"\b(?:nine|six|twelve|9|6|12)[\s-]+months?\b|\b(?:first|second)\s+half\b"
    r"|\bthe\s+(?:full\s+|fiscal\s+)?year\b",
    re.IGNORECASE,
)


def _relative_offset(
    m: re.Match[str],
    ctx: Context,
    n: float | None,
    letter: str,
    clock: bool,
    mult: int,
    rel: str,
) -> Result:
    anchor = ctx.anchor
    if clock or (n is None and rel != "ago"):
        # "two hours ago", "a few days later": no calendar point to name (the hour, or the
        # count, is unknown), so the amount of time, as TimeML marks "a few days" before
        # "later"
        return Result(duration_value(n, letter, clock, mult), DURATION)
    if n is None:
        return Result("PAST_REF", DATE)
    if anchor is None:
        return Result(None, DATE)
    steps = int(round(n * mult))
    if rel in ("ago", "from now", "hence"):
        base = Ref(anchor, "day", -1)
        sign = -1 if rel == "ago" else 1
    else:
        base = ctx.ref_or_anchor() or Ref(anchor, "day", -1)
        sign = -1 if rel == "earlier" else 1
    granularity = UNIT_GRANULARITY[letter]
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
        and not _LONGER_PERIOD.search(ctx.text, ref.end if ref.end >= 0 else 0, m.start())
    ):
        return comparison(add_months(ref.day, -12 * steps * (-sign)), ref.granularity)
    day = shift(base.day, sign * steps, letter)
    if granularity == "day" and rel in ("earlier", "later") and base.granularity != "day":
        granularity = base.granularity if base.granularity in ("week", "month", "year") else "day"
    if letter == "Y" and rel in ("ago", "earlier") and steps == 1:
        return comparison(day, granularity)
    return point(day, granularity)


def vague_units_pattern() -> str:
    return (
        r"(?:(?:the\s+)?(?:past|last|next|coming|previous|following|recent)\s+)?"
        r"(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|centuries)"
        r"(?P<long>-long)?(?:\s+(?P<rel>ago|later|earlier|afterwards|on\s+end))?"
    )


def resolve_vague_units(m: re.Match[str], ctx: Context) -> Result | None:
    before_unit = ctx.text[max(0, m.start() - 3) : m.start()]
    if (
        m["unit"][0].isupper()
        and m.start() > 0
        and not re.search(r"[.!?\"“‘'(]\s*$|^\s*$", before_unit)
    ):
        return None  # "60 Minutes", a capitalised title mid-sentence
    unit_word = m["unit"].lower()
    base = "century" if unit_word == "centuries" else unit_word[:-1]
    letter, clock, mult = units()[base]
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
        return Result(duration_value(None, letter, clock), DURATION)
    if rel == "ago":
        return Result("PAST_REF", DATE)
    if rel in ("later", "earlier", "afterwards"):
        return Result(duration_value(None, letter, clock), DURATION)  # "days later"
    return Result(duration_value(None, letter, clock), DURATION)


def set_pattern() -> str:
    return (
        r"\b(?:every|each)\s+(?:other\s+|single\s+)?(?:(?P<num>\d+|two|three|four|five|six|"
        r"seven|eight|nine|ten|twelve|twenty-four|24)\s+)?(?P<unit>second|minute|hour|day|night|"
        r"week|weekend|month|quarter|year|decade|morning|afternoon|evening)s?\b"
        rf"|\b(?:every|each)\s+(?P<mo>{month_re()})"
        rf"|\b(?:every|each)\s+(?P<wd>{weekday_re()})(?:\s+(?P<wdpod>morning|afternoon|evening|night))?"
        rf"|\b(?:every|each)\s+(?P<s>{'|'.join(SEASONS)})"
        rf"|(?-i:\b(?P<adv>{'|'.join(english.frequencies())})\b)"
        r"|\bper\s+(?P<per>second|minute|hour|day|week|month|year)\b"
        r"|\b(?:a|one)\s+day\s+a\s+week\b"
    )


def resolve_set(m: re.Match[str], ctx: Context) -> Result | None:
    if m["mo"]:
        return Result(f"XXXX-{english.months()[m['mo'].rstrip('.').lower()]:02d}", SET)
    if m["s"]:
        return Result(f"XXXX-{SEASONS[m['s'].lower()]}", SET)
    if m["wd"]:
        pod = DAY_PARTS.get((m["wdpod"] or "").lower())
        day = english.weekdays().index(m["wd"].lower()) + 1
        return Result(f"XXXX-WXX-{day}" + (f"T{pod}" if pod else ""), SET)
    if m["adv"]:
        adv = m["adv"].lower()
        after = ctx.text[m.end() : m.end() + 30]
        value = english.frequencies()[adv]
        if adv in ("daily", "weekly") and re.match(r"\s+(?-i:[A-Z])", after):
            return None  # "the Daily Telegraph" style names are caught by case; "daily Kommersant"
        return Result(value, SET)
    unit = (m["unit"] or m["per"] or "day").lower()
    if unit in ("morning", "afternoon", "evening", "night"):
        return Result(f"XXXX-XX-XXT{DAY_PARTS[unit]}", SET)
    if unit == "weekend":
        return Result("XXXX-WXX-WE", SET)
    letter, clock, mult = units()[unit]
    n = number_value(m["num"]) if m["num"] else 1
    if "other" in m.group(0).lower():
        n = 2
    return Result(duration_value(n, letter, clock, mult), SET)
