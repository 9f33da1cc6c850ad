"""What every reader shares: the :class:`Skipped` record, size and binary checks, decoding."""

from __future__ import annotations

import codecs
import os
import re
import stat
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
        return None  # text in UTF-16/32: not binary, decode_text reads it
    if b"\x00" in data[:8192]:
        return "binary data (it contains NUL bytes)"
    return None


def missing(path: Path) -> ReadError:
    """E001 for ``path``, naming a symbolic link whose target is gone as such."""
    if path.is_symlink():
        return ReadError(
            Code.NOT_FOUND,
            f"{path} is a symbolic link to {os.readlink(path)}, which does not exist",
            str(path),
        )
    return ReadError(Code.NOT_FOUND, f"{path} does not exist; check the path", str(path))


def unreadable(path: Path, error: OSError) -> ReadError:
    """E012 for a path that exists but cannot be read."""
    reason = error.strerror or str(error)
    return ReadError(
        Code.UNREADABLE, f"{path} cannot be read ({reason}); check its permissions", str(path)
    )


def regular_size(path: Path) -> int:
    """The size of ``path`` after checking that it is a regular file one can open.

    Raises ReadError: E001 (missing or a broken link), E012 (cannot be read), E010 (a
    folder), E013 (a named pipe, socket or device: reading it twice, once to guess its format
    and once to read it, would hang, so such inputs go through standard input instead)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise missing(path) from None
    except OSError as error:
        raise unreadable(path, error) from None
    if stat.S_ISDIR(info.st_mode):
        raise ReadError(Code.UNKNOWN_FORMAT, f"{path} is a directory, not a file", str(path))
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(
            Code.NOT_A_FILE,
            f"{path} is a named pipe, socket or device, not a regular file; "
            f"pipe it in instead: `dateline extract - < {path}`",
            str(path),
        )
    return info.st_size


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The bytes of ``path``, after checking with ``stat`` that it is a regular file that is
    not too big."""
    size = regular_size(path)
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
    except FileNotFoundError:
        raise missing(path) from None
    except OSError as error:
        raise unreadable(path, error) from None


def check_binary(data: bytes, origin: str) -> None:
    kind = binary_kind(data)
    if kind is not None:
        raise ReadError(Code.BINARY, f"{origin} is {kind}, not text", origin)


_BOM_CODECS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes, origin: str) -> str:
    """``data`` as text, newlines normalised to ``\\n``: UTF-8 (a byte-order mark dropped),
    UTF-16/32 with a byte-order mark, else the legacy encoding (Latin-1, Windows-1252, ...)
    charset-normalizer finds. Raises ReadError E004 when nothing decodes it."""
    for bom, encoding in _BOM_CODECS:
        if data.startswith(bom):
            try:
                return normalise_newlines(data.decode(encoding))
            except UnicodeDecodeError as error:
                raise ReadError(
                    Code.UNDECODABLE,
                    f"{origin} starts with a {encoding.upper()} byte-order mark but is not "
                    f"valid {encoding.upper()} (bad bytes at offset {error.start}); "
                    "re-save it as UTF-8",
                    origin,
                ) from None
    try:
        return normalise_newlines(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        first_bad = error.start
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReadError(
            Code.UNDECODABLE,
            f"{origin} is not valid UTF-8 (first bad byte at offset {first_bad}) and no other "
            "encoding fits it; convert it to UTF-8, e.g. with `iconv -f latin1 -t utf-8`",
            origin,
        )
    return normalise_newlines(str(best))


#: the name other modules import; it decodes more than UTF-8 now (see decode_text)
decode_utf8 = decode_text


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
