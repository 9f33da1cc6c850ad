"""Publication dates: from header or metadata strings in many formats, and from URLs."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import unquote, urlsplit

MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

#: dates before this are not news publication dates (they are ids, or typos)
MIN_YEAR = 1900
#: compact ``YYYYMMDD`` runs in URLs are often ids; only trust them from this year on
MIN_COMPACT_YEAR = 1990

_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_TEXT_PATTERNS = (
    # 2025-07-04, 2025/07/04, 2025.07.04 (also the date part of a datetime)
    re.compile(r"(?<!\d)(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)"),
    # 4 July 2025, Fri 4 Jul 2025 10.00 BST, 04 Jul 2025 (RFC 2822), 4th of July, 2025
    re.compile(rf"(?<!\d){_DAY}(?:\s+of)?[\s-]+{_MONTH},?[\s-]+{_YEAR}(?!\d)"),
    # July 4, 2025; Jul. 4 2025; July 4th, 2025
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)"),
    # 20250704
    re.compile(r"(?<!\d)(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})(?!\d)"),
)


def make_date(year: int, month: int | str, day: int, min_year: int = MIN_YEAR) -> dt.date | None:
    """A valid date, or None (month may be a name; years outside the plausible range fail)."""
    if isinstance(month, str):
        number = int(month) if month.isdigit() else MONTHS.get(month.lower())
        if number is None:
            return None
        month = number
    if not min_year <= year <= dt.date.today().year + 1:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(value: str) -> dt.date | None:
    """The calendar date in ``value`` (a header or metadata string), or None.

    Accepts ISO dates and datetimes (``2025-07-04``, ``2025-07-04T10:00:00+01:00``), day-month
    and month-day forms with month names (``4 July 2025``, ``July 4, 2025``,
    ``Fri 4 Jul 2025 10.00 BST``), RFC 2822 feed dates and ``20250704``. A datetime keeps the
    date as written, in its own time zone. Ambiguous numeric forms (``04/07/2025``) give None.
    """
    text = value.strip()
    if not text:
        return None
    try:
        parsed = dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    else:
        return make_date(parsed.year, parsed.month, parsed.day)
    for pattern in _TEXT_PATTERNS:
        for match in pattern.finditer(text):
            date = make_date(int(match["year"]), match["month"], int(match["day"]))
            if date is not None:
                return date
    return None


_SEGMENT_DATE = re.compile(
    r"(?<![0-9])(?P<year>(?:19|20)\d{2})[-_.](?P<month>\d{1,2})[-_.](?P<day>\d{1,2})(?![0-9])"
)
_SEGMENT_COMPACT = re.compile(
    r"(?<![0-9])(?P<year>(?:19|20)\d{2})(?P<month>\d{2})(?P<day>\d{2})(?![0-9])"
)


def date_from_url(url: str) -> dt.date | None:
    """The publication date written in a URL's path, or None.

    Reads ``/2025/jul/04/``, ``/2025/07/04/``, ``2025-07-04`` and ``20250704`` inside a path
    segment. A year and month without a day (``/2025/07/``) gives None, and so does any
    number run that is not a valid date (article ids such as ``/12345678/`` or ``/2025/123/``).
    """
    try:
        path = unquote(urlsplit(url.strip()).path)
    except ValueError:
        return None
    segments = [segment for segment in path.split("/") if segment]
    # /2025/07/04/ and /2025/jul/04/: three consecutive segments
    for i in range(len(segments) - 2):
        year, month, day = segments[i : i + 3]
        if not (re.fullmatch(r"\d{4}", year) and re.fullmatch(r"\d{1,2}", day)):
            continue
        if re.fullmatch(r"\d{1,2}", month) or month.lower() in MONTHS:
            date = make_date(int(year), month, int(day))
            if date is not None:
                return date
    for pattern, min_year in ((_SEGMENT_DATE, MIN_YEAR), (_SEGMENT_COMPACT, MIN_COMPACT_YEAR)):
        for segment in segments:
            for match in pattern.finditer(segment):
                date = make_date(int(match["year"]), match["month"], int(match["day"]), min_year)
                if date is not None:
                    return date
    return None
