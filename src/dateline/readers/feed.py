"""RSS and Atom files: one article per entry, parsed with feedparser (never fetched)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..document import Article
from ..errors import Code, ReadError
from .base import Skipped, check_binary, read_limited
from .dates import date_from_url, make_date, parse_date
from .html import html_to_text


def _entry_text(entry: Any) -> str:
    """The longest of the entry's content blocks, else its summary, as plain text."""
    blocks = [block for block in entry.get("content") or [] if block.get("value")]
    if blocks:
        block = max(blocks, key=lambda b: len(b.get("value", "")))
        value, kind = block["value"], block.get("type", "text/html")
    else:
        detail = entry.get("summary_detail") or {}
        value, kind = entry.get("summary") or "", detail.get("type", "text/html")
    return html_to_text(value) if "html" in kind else value.strip()


def _entry_date(entry: Any) -> dt.date | None:
    for name in ("published", "updated", "created"):
        parsed: time.struct_time | None = entry.get(f"{name}_parsed")
        if parsed is not None:
            date = make_date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            if date is not None:
                return date
        raw = entry.get(name)
        if isinstance(raw, str) and (date := parse_date(raw)):
            return date
    return None


def read_feed_file(path: Path, max_bytes: int) -> Iterator[Article | Skipped]:
    """One article per entry (origin ``path#n``, n from 1); an entry without text is Skipped."""
    import feedparser

    origin = str(path)
    data = read_limited(path, max_bytes)
    check_binary(data, origin)
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo") or not parsed.get("version"):
            problem = parsed.get("bozo_exception") or "it is not an RSS or Atom document"
            raise ReadError(
                Code.BAD_FEED, f"{origin} cannot be parsed as a feed: {problem}", origin
            )
        raise ReadError(Code.EMPTY, f"{origin} is a feed with no entries", origin)
    damage = _damage(parsed, feedparser)
    site = (parsed.get("feed", {}).get("title") or "").strip() or None
    for number, entry in enumerate(entries, start=1):
        where = f"{origin}#{number}"
        text = _entry_text(entry)
        if not text.strip():
            yield Skipped(where, Code.EMPTY, f"{where}: the entry has no content or summary")
            continue
        url = (entry.get("link") or "").strip() or None
        published = _entry_date(entry)
        source: str | None = "feed" if published else None
        if published is None and url and (published := date_from_url(url)):
            source = "url"
        yield Article(
            text=text,
            url=url,
            site=site,
            title=(entry.get("title") or "").strip() or None,
            published=published,
            published_source=source,
            origin=where,
        )
    if damage is not None:
        yield Skipped(
            origin,
            Code.BAD_FEED,
            f"{origin} is malformed ({damage}); the {len(entries)} entries above were read "
            "by feedparser's lenient parser and may be incomplete",
        )


def _damage(parsed: Any, feedparser: Any) -> str | None:
    """What is wrong with a feed that parsed with errors, or None when it is sound."""
    if not parsed.get("bozo"):
        return None
    error = parsed.get("bozo_exception")
    benign = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    if isinstance(error, benign):
        return None
    return str(error) or type(error).__name__
