"""What every reader shares: the :class:`Skipped` record, size and binary checks, decoding."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..document import Article
from ..errors import Code, ReadError


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input (a file, a JSONL line, a feed entry, a WARC record) that gave no article."""

    origin: str
    code: Code
    reason: str

    @classmethod
    def from_error(cls, error: ReadError, origin: str) -> Skipped:
        return cls(origin=error.origin or origin, code=error.code, reason=error.message)


#: a reader takes a path and the size limit and yields articles, or Skipped for bad items
Reader = Callable[[Path, int], Iterator[Article | Skipped]]

# Leading bytes of common non-text formats (images, documents, archives, executables, media).
MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF media file"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

_UTF16_32_BOMS = (
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
)


def binary_kind(data: bytes) -> str | None:
    """What kind of binary ``data`` looks like, or None when it may be text."""
    for magic, kind in MAGIC_NUMBERS:
        if data.startswith(magic):
            return kind
    if data[4:8] == b"ftyp":
        return "an MP4/QuickTime media file"
    if data.startswith(_UTF16_32_BOMS):
        return None  # text in UTF-16/32: not binary, but decode_utf8 rejects it
    if b"\x00" in data[:8192]:
        return "binary data (it contains NUL bytes)"
    return None


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The bytes of ``path``, after checking with ``stat`` that it exists and is not too big."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ReadError(
            Code.NOT_FOUND, f"{path} does not exist; check the path", str(path)
        ) from None
    if size > max_bytes:
        raise ReadError(
            Code.TOO_LARGE,
            f"{path} is {size:,} bytes, more than max_input_bytes={max_bytes:,}; "
            "split it or raise the limit",
            str(path),
        )
    if size == 0:
        raise ReadError(Code.EMPTY, f"{path} is empty", str(path))
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise ReadError(
            Code.UNKNOWN_FORMAT, f"{path} is a directory, not a file", str(path)
        ) from None
    except OSError as error:
        raise ReadError(Code.NOT_FOUND, f"{path} cannot be read: {error}", str(path)) from None


def check_binary(data: bytes, origin: str) -> None:
    kind = binary_kind(data)
    if kind is not None:
        raise ReadError(Code.BINARY, f"{origin} is {kind}, not text", origin)


def decode_utf8(data: bytes, origin: str) -> str:
    """``data`` as UTF-8 (a UTF-8 byte-order mark is dropped), newlines normalised to ``\\n``."""
    if data.startswith(_UTF16_32_BOMS):
        raise ReadError(
            Code.UNDECODABLE, f"{origin} is UTF-16 or UTF-32 text; re-save it as UTF-8", origin
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ReadError(
            Code.UNDECODABLE,
            f"{origin} is not valid UTF-8 (first bad byte at offset {error.start}); "
            "convert it to UTF-8, e.g. with `iconv -f latin1 -t utf-8`",
            origin,
        ) from None
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t\f\v]*\n)+")


def clean_body(text: str) -> str:
    """Drop leading blank lines and trailing whitespace; every other character is kept."""
    return _LEADING_BLANK_LINES.sub("", text).rstrip()


def require_text(text: str, origin: str) -> str:
    if not text.strip():
        raise ReadError(Code.EMPTY, f"{origin} has no text (empty or only whitespace)", origin)
    return text
