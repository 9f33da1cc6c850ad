"""Readers: turn files (text, HTML, JSON lines, RSS/Atom, WARC) into :class:`Article` records.

>>> from dateline.readers import iter_articles, Skipped
>>> for item in iter_articles(["articles/", "crawl.warc.gz"]):  # doctest: +SKIP
...     if isinstance(item, Skipped):
...         print(item.origin, item.code.value, item.reason)

A format is one entry in :data:`READERS` (file name ending -> reader function); a reader
takes a path and the size limit and yields articles, or :class:`Skipped` for bad items, and
raises :class:`dateline.errors.ReadError` when the whole file is unusable.
"""

from __future__ import annotations

import glob
import gzip
import logging
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from ..document import Article
from ..errors import Code, ReadError
from ..settings import DEFAULTS
from .base import (
    Reader,
    Skipped,
    binary_kind,
    check_binary,
    decode_text,
    missing,
    regular_size,
    unreadable,
)
from .dates import date_from_url
from .feed import read_feed_file
from .html import read_html_file
from .jsonl import read_jsonl_file
from .language import require_english
from .text import parse_text, read_text_file
from .warc import read_warc_file

__all__ = [
    "Skipped",
    "date_from_url",
    "input_files",
    "iter_articles",
    "parse_text",
    "read_article",
]

logger = logging.getLogger(__name__)

#: file name ending (lower case) -> reader; the longest matching ending wins
READERS: dict[str, Reader] = {
    ".txt": read_text_file,
    ".text": read_text_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".xhtml": read_html_file,
    ".jsonl": read_jsonl_file,
    ".ndjson": read_jsonl_file,
    ".jsonl.gz": read_jsonl_file,
    ".ndjson.gz": read_jsonl_file,
    ".xml": read_feed_file,
    ".rss": read_feed_file,
    ".atom": read_feed_file,
    ".feed": read_feed_file,
    ".warc": read_warc_file,
    ".warc.gz": read_warc_file,
    ".arc": read_warc_file,
    ".arc.gz": read_warc_file,
}

STDIN = "-"
_GLOB_CHARACTERS = frozenset("*?[")


def registered_reader(path: Path) -> Reader | None:
    """The reader registered for ``path``'s ending, or None."""
    name = path.name.lower()
    endings = [ending for ending in READERS if name.endswith(ending) and len(name) > len(ending)]
    return READERS[max(endings, key=len)] if endings else None


def sniff_reader(path: Path) -> Reader:
    """The reader for a file with no or an unknown extension, from its first bytes.

    Raises ReadError: E003 for binary content without an extension, E010 for binary content
    with an extension no reader handles.
    """
    origin = str(path)
    try:
        with path.open("rb") as stream:
            head = stream.read(8192)
    except FileNotFoundError:
        raise missing(path) from None
    except OSError as error:
        raise unreadable(path, error) from None
    if head.startswith(b"\x1f\x8b"):
        try:
            with gzip.open(path, "rb") as stream:
                inner = stream.read(512)
        except (OSError, EOFError, zlib.error):
            inner = b""
        if inner.startswith((b"WARC/", b"filedesc://")):
            return read_warc_file
        if inner.lstrip().startswith(b"{"):
            return read_jsonl_file
    if head.startswith((b"WARC/", b"filedesc://")):
        return read_warc_file
    kind = binary_kind(head)
    if kind is not None:
        if path.suffix:
            raise ReadError(
                Code.UNKNOWN_FORMAT,
                f"{path} is {kind}; no reader handles {path.suffix!r} files "
                f"(known: {', '.join(sorted(READERS))})",
                origin,
            )
        raise ReadError(Code.BINARY, f"{path} is {kind}, not text", origin)
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"<?xml") or start.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        if any(tag in start for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
            return read_feed_file
        return read_html_file
    if start.startswith(b"<!doctype html") or b"<html" in start[:1024]:
        return read_html_file
    if start.startswith(b"{") and start.split(b"\n", 1)[0].rstrip().endswith(b"}"):
        return read_jsonl_file
    return read_text_file


def _reader_for(path: Path) -> Reader:
    return registered_reader(path) or sniff_reader(path)


def _read_stdin(max_bytes: int) -> Article:
    """Standard input as one plain-text article, through the same checks as a file: at most
    ``max_bytes`` are read, binary data is refused, the encoding is found as for files."""
    origin = "<stdin>"
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        data = buffer.read(max_bytes + 1)
    else:  # a text stream without bytes (some embedding hosts)
        data = sys.stdin.read(max_bytes + 1).encode("utf-8", "surrogateescape")
    if len(data) > max_bytes:
        raise ReadError(
            Code.TOO_LARGE,
            f"standard input is more than max_input_bytes={max_bytes:,} bytes",
            origin,
        )
    if not data.strip():
        raise ReadError(Code.EMPTY, "standard input is empty", origin)
    check_binary(data, origin)
    return parse_text(decode_text(data, origin), origin)


def _files_in(directory: Path) -> Iterator[Path | Skipped]:
    """Files under ``directory`` that some reader handles (or with no extension), sorted,
    hidden files and folders left out; a Skipped for each folder that cannot be listed and
    each symbolic link whose target is gone (rather than passing over them in silence)."""
    found: list[tuple[str, Path | Skipped]] = []

    def cannot_list(error: OSError) -> None:
        where = Path(error.filename or directory)
        found.append((str(where), Skipped.from_error(unreadable(where, error), str(where))))

    for folder, subfolders, names in os.walk(directory, onerror=cannot_list):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in names:
            path = Path(folder, name)
            if name.startswith("."):
                continue
            if path.is_symlink() and not path.exists():
                found.append((str(path), Skipped.from_error(missing(path), str(path))))
                continue
            if not path.is_file():
                continue
            if registered_reader(path) is None and path.suffix:
                logger.debug("passing over %s: no reader for %r files", path, path.suffix)
                continue
            found.append((str(path), path))
    for _, item in sorted(found, key=lambda pair: Path(pair[0]).parts):
        yield item


def _expand(source: str | Path) -> Iterator[Path | Skipped]:
    path = Path(source)
    if path.is_dir():
        yield from _files_in(path)
    elif path.exists() or path.is_symlink():
        yield path
    elif isinstance(source, str) and _GLOB_CHARACTERS & set(source):
        matches = sorted(glob.glob(source, recursive=True))
        if not matches:
            yield Skipped(source, Code.NOT_FOUND, f"no file matches the pattern {source!r}")
        for match in matches:
            match_path = Path(match)
            if match_path.is_dir():
                yield from _files_in(match_path)
            elif not match_path.name.startswith("."):
                yield match_path
    else:
        yield Skipped(str(source), Code.NOT_FOUND, f"{source} does not exist; check the path")


def input_files(source: str | Path) -> list[Path | Skipped]:
    """The files ``source`` (a file, folder or glob pattern) stands for, in the order
    :func:`iter_articles` reads them, with a Skipped for each that cannot be reached."""
    return list(_expand(source))


def _read_file(path: Path, max_bytes: int) -> Iterator[Article | Skipped]:
    try:
        regular_size(path)
        for item in _reader_for(path)(path, max_bytes):
            yield item if isinstance(item, Skipped) else _english(item)
    except ReadError as error:
        yield Skipped.from_error(error, str(path))


def _english(article: Article) -> Article | Skipped:
    try:
        return require_english(article)
    except ReadError as error:
        return Skipped.from_error(error, article.origin or "<text>")


def iter_articles(
    sources: Iterable[str | Path], max_bytes: int = DEFAULTS["max_input_bytes"]
) -> Iterator[Article | Skipped]:
    """Every article in ``sources``, in order, with a :class:`Skipped` for each bad item.

    A source is a file, a directory (read recursively in sorted order, hidden files left
    out, only files some reader handles), a glob pattern, or ``"-"`` for standard input
    (one plain-text article). The reader is chosen by file ending (see :data:`READERS`),
    else by sniffing the first bytes. A bad file, line, entry or record gives a Skipped with
    a :class:`dateline.errors.Code` and the iteration goes on: so do folders that cannot be
    listed (E012), broken symbolic links (E001), pipes and devices (E013) and articles that are
    not in English (E014). ``max_bytes`` limits each
    single-article file and feed (checked before reading), and each JSONL line and WARC record.
    """
    for source in sources:
        if isinstance(source, str) and source == STDIN:
            try:
                yield require_english(_read_stdin(max_bytes))
            except ReadError as error:
                yield Skipped.from_error(error, "<stdin>")
            continue
        for item in _expand(source):
            if isinstance(item, Skipped):
                yield item
            else:
                yield from _read_file(item, max_bytes)


def read_article(path: Path | str, max_bytes: int = DEFAULTS["max_input_bytes"]) -> Article:
    """The one article in a single-article file (plain text with header, or HTML).

    Raises ReadError with a code when the file is missing (E001), empty (E002), binary (E003),
    in no encoding that decodes it (E004), too large (E005), a page without main text (E006),
    a file that holds several articles (E010: use :func:`iter_articles` for those), cannot be
    read (E012), is a pipe or device (E013), or is not in English (E014).
    """
    path = Path(path)
    if path.is_dir():
        raise ReadError(
            Code.UNKNOWN_FORMAT,
            f"{path} is a directory; read_article takes one file (use iter_articles for folders)",
            str(path),
        )
    regular_size(path)
    items = list(islice(_reader_for(path)(path, max_bytes), 2))
    if len(items) == 1:
        item = items[0]
        if isinstance(item, Skipped):
            raise ReadError(item.code, item.reason, item.origin)
        return require_english(item)
    raise ReadError(
        Code.UNKNOWN_FORMAT,
        f"{path} does not hold exactly one article; read archives, feeds and JSON lines "
        "with iter_articles",
        str(path),
    )
