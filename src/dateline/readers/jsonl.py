"""JSON lines (optionally gzipped): one article per line, as news crawlers and databases export.

The size limit applies to each line, not to the whole file: an export of many articles is
read as a stream.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..document import Article
from ..errors import Code, ReadError
from .base import Skipped, check_binary, clean_body, normalise_newlines
from .dates import date_from_url, parse_date
from .html import article_from_html

TEXT_FIELDS = ("text", "body", "content", "maintext")
URL_FIELDS = ("url", "link", "canonical_url")
TITLE_FIELDS = ("title", "headline")
SITE_FIELDS = ("site", "source", "source_domain", "sitename", "publisher")
DATE_FIELDS = ("published", "date", "date_publish", "published_at", "date_published", "pubDate")


def _first_string(record: dict[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, dict):  # {"source": {"id": ..., "name": "Reuters"}}
            value = value.get("name")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def article_from_record(record: Any, origin: str) -> Article:
    """An article from one decoded JSON value; ReadError E007 when it is not usable."""
    if not isinstance(record, dict):
        raise ReadError(
            Code.BAD_JSON,
            f"{origin}: the line is a JSON {type(record).__name__}, not an object",
            origin,
        )
    url = _first_string(record, URL_FIELDS)
    text_value = next((record[name] for name in TEXT_FIELDS if name in record), None)
    if text_value is None and isinstance(record.get("html"), str):
        article = article_from_html(record["html"], origin, url)
        text_value = article.text
    if not isinstance(text_value, str):
        raise ReadError(
            Code.BAD_JSON,
            f"{origin}: the object has no text; put the article body in one of the fields "
            f"{', '.join(TEXT_FIELDS)}",
            origin,
        )
    text = clean_body(normalise_newlines(text_value))
    if not text.strip():
        raise ReadError(Code.EMPTY, f"{origin}: the text field is empty", origin)
    published = None
    source: str | None = None
    for name in DATE_FIELDS:
        value = record.get(name)
        if isinstance(value, str) and (published := parse_date(value)):
            source = "jsonl"
            break
    if published is None and url and (published := date_from_url(url)):
        source = "url"
    return Article(
        text=text,
        url=url,
        site=_first_string(record, SITE_FIELDS),
        title=_first_string(record, TITLE_FIELDS),
        published=published,
        published_source=source,
        origin=origin,
    )


def _open(path: Path) -> gzip.GzipFile | io.BufferedReader:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return path.open("rb")


def read_jsonl_file(path: Path, max_bytes: int) -> Iterator[Article | Skipped]:
    """One article per line; a bad line gives a Skipped (origin ``path:lineno``), the rest go on."""
    if not path.exists():
        raise ReadError(Code.NOT_FOUND, f"{path} does not exist; check the path", str(path))
    if path.stat().st_size == 0:
        raise ReadError(Code.EMPTY, f"{path} is empty", str(path))
    try:
        with _open(path) as stream:
            check_binary(stream.read(8192), str(path))
    except (OSError, EOFError, zlib.error) as error:
        raise ReadError(
            Code.BAD_JSON, f"{path} cannot be decompressed: {error}", str(path)
        ) from None
    lineno = 0
    found = False
    try:
        with _open(path) as stream:
            for lineno, line in enumerate(stream, start=1):  # noqa: B007 - used after the loop
                origin = f"{path}:{lineno}"
                if len(line) > max_bytes:
                    yield Skipped(
                        origin,
                        Code.TOO_LARGE,
                        f"{origin}: the line is {len(line):,} bytes, more than "
                        f"max_input_bytes={max_bytes:,}",
                    )
                    continue
                if not line.strip():
                    continue
                found = True
                try:
                    record = json.loads(line.decode("utf-8-sig"))
                except UnicodeDecodeError:
                    yield Skipped(origin, Code.UNDECODABLE, f"{origin}: the line is not UTF-8")
                    continue
                except json.JSONDecodeError as error:
                    yield Skipped(origin, Code.BAD_JSON, f"{origin}: not valid JSON ({error})")
                    continue
                try:
                    yield article_from_record(record, origin)
                except ReadError as error:
                    yield Skipped.from_error(error, origin)
    except (OSError, EOFError, zlib.error) as error:
        # a truncated or corrupt gzip stream: keep the lines read so far
        origin = f"{path}:{lineno + 1}"
        yield Skipped(
            origin, Code.BAD_JSON, f"{path} is corrupt or truncated after line {lineno}: {error}"
        )
        return
    if not found:
        raise ReadError(Code.EMPTY, f"{path} has no lines with text", str(path))
