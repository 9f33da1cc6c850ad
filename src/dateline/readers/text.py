"""Plain text: an optional ``Key: value`` header, a blank line, then the body."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..document import Article
from .base import Skipped, check_binary, clean_body, decode_utf8, read_limited, require_text
from .dates import date_from_url, parse_date

#: header keys (lower case) and the Article field each fills
HEADER_KEYS: dict[str, str] = {
    "site": "site",
    "source": "site",
    "title": "title",
    "headline": "title",
    "url": "url",
    "link": "url",
    "published": "published",
    "date": "published",
}

_HEADER_LINE = re.compile(r"[ \t]*(?P<key>[A-Za-z][A-Za-z _-]{0,30}?)[ \t]*:[ \t]*(?P<value>.*)")


def _split_header(text: str) -> tuple[dict[str, str], str]:
    """The header fields and the rest of the text (everything, when there is no header).

    The header is the run of ``Key: value`` lines at the start. It counts as a header when it
    names at least one known key and either ends at a blank line or holds only known keys;
    unknown keys (``Author:``) inside it are ignored.
    """
    fields: dict[str, str] = {}
    offset = 0
    all_known = True
    lines = text.split("\n")
    for line in lines:
        match = _HEADER_LINE.fullmatch(line)
        if match is None:
            break
        key = match["key"].strip().lower()
        field = HEADER_KEYS.get(key)
        if field is None:
            all_known = False
        elif field not in fields and match["value"].strip():
            fields[field] = match["value"].strip()
        offset += len(line) + 1
    if not fields or offset == 0:
        return {}, text
    rest = text[offset:] if offset <= len(text) else ""
    ends_at_blank_line = offset > len(text) or not rest.split("\n", 1)[0].strip()
    if not (ends_at_blank_line or all_known):
        return {}, text
    return fields, rest


def parse_text(text: str, origin: str | None = None) -> Article:
    """An article from the plain-text format.

    ``text`` may start with header lines (``Site:``, ``Title:``, ``URL:``, ``Published:`` or
    ``Date:``, any subset, keys case-insensitive) and a blank line; the rest is the body, kept
    character for character except leading blank lines and trailing whitespace. The date
    comes from the header, else from the URL. Raises ReadError (E002) when the body is empty.
    """
    where = origin or "<text>"
    fields, body = _split_header(text)
    body = require_text(clean_body(body), where)
    url = fields.get("url")
    published = parse_date(fields["published"]) if "published" in fields else None
    source: str | None = "header" if published else None
    if published is None and url:
        published = date_from_url(url)
        source = "url" if published else None
    return Article(
        text=body,
        url=url,
        site=fields.get("site"),
        title=fields.get("title"),
        published=published,
        published_source=source,
        origin=origin,
    )


def read_text_bytes(data: bytes, origin: str) -> Article:
    check_binary(data, origin)
    return parse_text(decode_utf8(data, origin), origin)


def read_text_file(path: Path, max_bytes: int) -> Iterator[Article | Skipped]:
    yield load_text_file(path, max_bytes)


def load_text_file(path: Path, max_bytes: int) -> Article:
    return read_text_bytes(read_limited(path, max_bytes), str(path))
