"""The one reader of the TSV tables in ``dateline/knowledge/data``.

Every table is UTF-8, tab-separated, with ``#`` comment lines (source, format, date checked)
and blank lines anywhere, then a header row naming the columns. A row may leave trailing cells
out (they are empty); a row with more cells than the header is a packaging bug, reported as
:class:`KnowledgeError` with the table and line. Cells come back stripped of surrounding
spaces; lists inside a cell are separated by ``|`` (:func:`split_list`).
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from ..errors import Code, DatelineError


class KnowledgeError(DatelineError):
    """A shipped table is malformed: a packaging bug, not a user error."""

    def __init__(self, table: str, line: int, message: str) -> None:
        super().__init__(
            Code.BAD_TABLE,
            f"knowledge table {table}, line {line}: {message}. Fix the row in "
            f"src/dateline/knowledge/data/{table} (its header says the format).",
        )


def table_path(name: str) -> Path:
    """Where the shipped table ``name`` lies (for hashing it or showing it to a user)."""
    return Path(str(resources.files("dateline.knowledge").joinpath("data", name)))


def numbered_rows(name: str, path: Path | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each row of the shipped table ``name`` (or of the file at
    ``path``, with ``name`` used in messages), the header's names as keys."""
    source = path if path is not None else table_path(name)
    header: list[str] | None = None
    for number, line in enumerate(source.read_text("utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if header is None:
            header = cells
            continue
        if len(cells) > len(header):
            raise KnowledgeError(name, number, f"{len(cells)} cells, the header has {len(header)}")
        cells += [""] * (len(header) - len(cells))
        yield number, dict(zip(header, cells, strict=True))


def read_table(name: str, path: Path | None = None) -> list[dict[str, str]]:
    """The rows of a table, as :func:`numbered_rows` reads them, without line numbers."""
    return [row for _, row in numbered_rows(name, path)]


def split_list(cell: str | None) -> tuple[str, ...]:
    """The ``|``-separated items of a cell, stripped, empty items dropped."""
    return tuple(part.strip() for part in (cell or "").split("|") if part.strip())
