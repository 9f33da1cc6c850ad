"""WARC and ARC archives (optionally gzipped): one article per HTML response record.

The size limit applies to each record, not to the archive: crawls are read as a stream.
A truncated or corrupt archive keeps the articles read before the damage, then gives one
Skipped (E009). Responses that are not 2xx (redirects, errors) are not articles and are
passed over silently.
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..document import Article
from ..errors import Code, ReadError
from .base import Skipped
from .dates import parse_date
from .html import article_from_html, decode_html

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.IGNORECASE)


def _html_response(record: Any) -> tuple[bool, str | None]:
    """Whether ``record`` is a successful HTML response, and the charset its header declares."""
    if record.rec_type != "response" or record.http_headers is None:
        return False, None
    status = record.http_headers.get_statuscode() or ""
    content_type = record.http_headers.get_header("Content-Type") or ""
    if not status.startswith("2") or "html" not in content_type.lower():
        return False, None
    match = _CHARSET.search(content_type)
    return True, match.group(1) if match else None


def read_warc_file(path: Path, max_bytes: int) -> Iterator[Article | Skipped]:
    """Articles from the HTML responses of a WARC/ARC file; origins are ``path#offset``."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ReadError(Code.NOT_FOUND, f"{path} does not exist; check the path", name) from None
    if size == 0:
        raise ReadError(Code.EMPTY, f"{path} is empty", name)
    _check_archive_start(path)
    found = 0
    end = 0
    with path.open("rb") as stream:
        archive = ArchiveIterator(stream, arc2warc=True)
        records = iter(archive)
        while True:
            # only warcio's work sits in the try: it raises these (even AttributeError) on
            # damaged headers or gzip members
            try:
                record = next(records, None)
                if record is None:
                    break
                is_html, charset = _html_response(record)
                too_large = is_html and (record.length or 0) > max_bytes
                payload = record.content_stream().read() if is_html and not too_large else b""
                offset = archive.get_record_offset()
                end = offset + archive.get_record_length()
            except (
                ArchiveLoadFailed,
                EOFError,
                OSError,
                ValueError,
                AttributeError,
                zlib.error,
            ) as error:
                yield Skipped(
                    f"{name}#{end}",
                    Code.BAD_WARC,
                    f"{name} is corrupt after offset {end} ({type(error).__name__}: {error}); "
                    f"{found} HTML record(s) were read before the damage",
                )
                return
            if (getattr(record.raw_stream, "limit", 0) or 0) > 0:
                yield Skipped(
                    f"{name}#{offset}",
                    Code.BAD_WARC,
                    f"{name} is truncated inside the record at offset {offset}; "
                    f"{found} HTML record(s) were read before it",
                )
                return
            if not is_html:
                continue
            found += 1
            origin = f"{name}#{offset}"
            if too_large:
                yield Skipped(
                    origin,
                    Code.TOO_LARGE,
                    f"{origin}: the record is {record.length:,} bytes, more than "
                    f"max_input_bytes={max_bytes:,}",
                )
                continue
            yield _article_from_record(record, payload, charset, origin)
        stream.seek(end)
        rest = stream.read(4096)
    if rest.strip():
        yield Skipped(
            f"{name}#{end}",
            Code.BAD_WARC,
            f"{name} is truncated or corrupt after offset {end} (the remaining {size - end:,} "
            f"bytes are not a whole record); {found} HTML record(s) were read before it",
        )
    elif found == 0:
        yield Skipped(name, Code.EMPTY, f"{name} holds no successful HTML response records")


def _check_archive_start(path: Path) -> None:
    """Raise E009 unless the (decompressed) file starts like a WARC or ARC record."""
    try:
        with path.open("rb") as stream:
            head = stream.read(64)
        if head.startswith(b"\x1f\x8b"):
            with gzip.open(path, "rb") as stream:
                head = stream.read(64)
    except (OSError, EOFError, zlib.error) as error:
        raise ReadError(
            Code.BAD_WARC, f"{path} cannot be decompressed: {error}", str(path)
        ) from None
    if not head.lstrip(b"\r\n").startswith((b"WARC/", b"filedesc://")):
        raise ReadError(
            Code.BAD_WARC,
            f"{path} is not a WARC or ARC archive (it does not start with a WARC/ARC header)",
            str(path),
        )


def _article_from_record(
    record: Any, payload: bytes, charset: str | None, origin: str
) -> Article | Skipped:
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    try:
        article = article_from_html(decode_html(payload, origin, charset), origin, url)
    except ReadError as error:
        return Skipped.from_error(error, origin)
    if article.published is None:
        warc_date = parse_date(record.rec_headers.get_header("WARC-Date") or "")
        if warc_date is not None:
            article.published = warc_date
            article.published_source = "warc"
    return article
