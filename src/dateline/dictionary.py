"""The data dictionary: every column of every export and store table, and every field of the
JSON contract, with its type, allowed values and meaning.

One source feeds the docs page, the code and the API's schema descriptions, so they cannot
drift: the columns are ``knowledge/data/data_dictionary.tsv``; the allowed values of each
closed vocabulary come from the code's own tables (the JSON contract's enums, PLOVER's codebook,
``dateline.errors.Code``, the CAMEO roots) and their meanings from ``plover_codebook.tsv`` and
``data_dictionary_values.tsv``. ``tests/test_dictionary.py`` checks the dictionary against the
export column lists, a fresh store and the contract.

>>> describe("export.flat", "modality")                          # doctest: +SKIP
'Whether the text says the event happened. One of: asserted, negated, ...'

Regenerate the page with ``python -m dateline.dictionary > docs/data-dictionary.md``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .errors import Code, DatelineError

REGENERATE = "python -m dateline.dictionary > docs/data-dictionary.md"
TABLE_FILE = "data_dictionary.tsv"
VALUES_FILE = "data_dictionary_values.tsv"
CODEBOOK_FILE = "plover_codebook.tsv"
#: a value marking an open vocabulary: its one row describes the codes instead of listing them
OPEN = "*"
#: a table's own description sits in its row with this column name
TABLE_ROW = "*"
#: the ``values`` cell of a column may name a range instead of a vocabulary
_RANGE = re.compile(r"^-?\d+-\d+$")
#: each table's id starts with its group: the heading the page files it under
GROUPS = {
    "export": "Exports (`dateline export`)",
    "store": "Store tables (DuckDB and PostgreSQL)",
    "contract": "JSON contract (`dateline extract`, `article.schema.json`)",
}
#: the family of per-type vocabularies ``plover_mode.<TYPE>`` that a column names as a whole
MODE_FAMILY = "plover_mode"


@dataclass(frozen=True, slots=True)
class Column:
    """One column (or field) of a table as the dictionary describes it."""

    table: str
    name: str
    type: str
    values: str
    meaning: str


def _table_rows(name: str) -> list[tuple[int, dict[str, str]]]:
    from .knowledge.tsv import numbered_rows

    return list(numbered_rows(name))


def _bad(table: str, line: int | None, message: str) -> DatelineError:
    where = f"{table}, line {line}" if line else table
    return DatelineError(
        Code.BAD_TABLE, f"{where}: {message}. Fix src/dateline/knowledge/data/{table}."
    )


@lru_cache(maxsize=1)
def _columns() -> tuple[Column, ...]:
    rows = []
    for line, row in _table_rows(TABLE_FILE):
        if not (row["table"] and row["column"] and row["meaning"]):
            raise _bad(TABLE_FILE, line, "table, column and meaning must not be empty")
        rows.append(Column(row["table"], row["column"], row["type"], row["values"], row["meaning"]))
    return tuple(rows)


@lru_cache(maxsize=1)
def _meanings() -> dict[str, dict[str, str]]:
    """vocabulary -> value -> meaning, from the values file and PLOVER's codebook."""
    meanings: dict[str, dict[str, str]] = {}
    for line, row in _table_rows(CODEBOOK_FILE):
        name = {"type": "plover_type", "context": "plover_context"}.get(row["field"])
        if row["field"] == "mode":
            name = f"{MODE_FAMILY}.{row['type']}"
        if name is None:
            raise _bad(CODEBOOK_FILE, line, f"unknown field {row['field']!r}")
        meanings.setdefault(name, {})[row["value"]] = row["meaning"]
    for _line, row in _table_rows(VALUES_FILE):
        meanings.setdefault(row["vocabulary"], {})[row["value"]] = row["meaning"]
    for _line, row in _table_rows("cameo_roots.tsv"):
        meanings.setdefault("cameo_root", {})[row["root"]] = row["name"]
    return meanings


def _schema_enum(*path: str) -> list[str]:
    from .records import load_schema

    node: Any = load_schema()
    for key in path:
        node = node[int(key)] if isinstance(node, list) else node[key]
    return [value for value in node["enum"] if value is not None]


def _event_field(name: str) -> Callable[[], list[str]]:
    return lambda: _schema_enum("properties", "events", "items", "properties", name)


def _casualty_kinds() -> list[str]:
    from .export.flat import CASUALTY_KINDS

    return list(CASUALTY_KINDS)


def _quad_classes() -> list[str]:
    return sorted({row["quad_class"] for _line, row in _table_rows("cameo_roots.tsv")})


#: vocabulary -> where the code keeps its allowed values (the meanings file only explains them);
#: a vocabulary not named here takes its values from the meanings file itself
CODE_VALUES: dict[str, Callable[[], list[str]]] = {
    "plover_type": _event_field("type"),
    "modality": _event_field("modality"),
    "sector": lambda: _schema_enum("$defs", "sector"),
    "actor_kind": lambda: _schema_enum("properties", "actors", "items", "properties", "kind"),
    "quote_kind": lambda: _schema_enum("properties", "quotes", "items", "properties", "kind"),
    "date_type": lambda: _schema_enum("properties", "dates", "items", "properties", "type"),
    "date_granularity": lambda: _schema_enum(
        "properties",
        "events",
        "items",
        "properties",
        "date",
        "oneOf",
        "1",
        "properties",
        "granularity",
    ),  # fmt: skip
    "date_source": lambda: _schema_enum(
        "properties",
        "events",
        "items",
        "properties",
        "date",
        "oneOf",
        "1",
        "properties",
        "date_source",
    ),  # fmt: skip
    "published_source": lambda: _schema_enum(
        "properties", "article", "properties", "published_source"
    ),
    "quantity_kind": _casualty_kinds,
    "error_code": lambda: [code.value for code in Code],
    "quad_class": _quad_classes,
}


@lru_cache(maxsize=1)
def _vocabularies() -> dict[str, list[tuple[str, str]]]:
    meanings = _meanings()
    vocabularies: dict[str, list[tuple[str, str]]] = {}
    for name, known in meanings.items():
        if OPEN in known:
            continue
        values = CODE_VALUES[name]() if name in CODE_VALUES else list(known)
        missing = [value for value in values if value not in known]
        if missing:
            raise _bad(VALUES_FILE, None, f"no meaning for {name} value(s) {', '.join(missing)}")
        vocabularies[name] = [(value, known[value]) for value in values]
    for name in CODE_VALUES:
        if name not in vocabularies:
            raise _bad(VALUES_FILE, None, f"no meanings at all for vocabulary {name}")
    return vocabularies


def vocabularies() -> dict[str, list[tuple[str, str]]]:
    """Every closed vocabulary: name -> [(value, meaning)] in the code's order. PLOVER modes
    are one vocabulary per event type, ``plover_mode.ASSAULT`` and so on."""
    return {name: list(values) for name, values in _vocabularies().items()}


def open_vocabularies() -> dict[str, str]:
    """Vocabularies too large to list here (countries): name -> what their codes are."""
    return {name: known[OPEN] for name, known in _meanings().items() if OPEN in known}


def tables() -> list[str]:
    """Every table the dictionary covers, in the order of the page."""
    return list(dict.fromkeys(column.table for column in _columns()))


def table_description(table: str) -> str:
    for column in _columns():
        if column.table == table and column.name == TABLE_ROW:
            return column.meaning
    return ""


def columns(table: str) -> list[Column]:
    """The columns of ``table`` (``export.flat``, ``store.events``, ``contract.events[]``, ...)."""
    found = [c for c in _columns() if c.table == table and c.name != TABLE_ROW]
    if not found:
        raise DatelineError(
            Code.BAD_SETTING,
            f"the data dictionary has no table {table!r}; it has {', '.join(tables())}",
        )
    return found


def describe(table: str, column: str) -> str:
    """The meaning of ``column`` of ``table``, with its allowed values when they are few."""
    for entry in columns(table):
        if entry.name == column:
            return entry.meaning + _allowed(entry.values)
    raise DatelineError(
        Code.BAD_SETTING, f"the data dictionary has no column {column!r} in {table!r}"
    )


def _allowed(values: str) -> str:
    closed = _vocabularies()
    if values in closed:
        return " One of: " + ", ".join(value for value, _ in closed[values]) + "."
    if values == MODE_FAMILY:
        return " Modes depend on the type (see the plover_mode vocabularies)."
    if values in open_vocabularies():
        return " " + open_vocabularies()[values]
    if values:
        return f" Range: {values}."
    return ""


def vocabulary_names() -> set[str]:
    """Every name a column's ``values`` may give: the vocabularies and the mode family."""
    return set(_vocabularies()) | set(open_vocabularies()) | {MODE_FAMILY}


def is_range(values: str) -> bool:
    return bool(_RANGE.match(values))


# --- the page -------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation but ``-`` and ``_`` dropped."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def _values_cell(values: str) -> str:
    if values == MODE_FAMILY or values in _vocabularies() or values in open_vocabularies():
        return f"[{values}](#{_anchor(values)})"
    return _cell(values)


def _render_table(table: str) -> list[str]:
    lines = [f"### {table}", "", table_description(table), ""]
    lines += ["| Column | Type | Values | Meaning |", "|---|---|---|---|"]
    for column in columns(table):
        lines.append(
            f"| `{column.name}` | {_cell(column.type)} | {_values_cell(column.values)} "
            f"| {_cell(column.meaning)} |"
        )
    return [*lines, ""]


def _render_vocabulary(name: str, values: list[tuple[str, str]]) -> list[str]:
    lines = ["| Value | Meaning |", "|---|---|"]
    lines += [f"| `{value}` | {_cell(meaning)} |" for value, meaning in values]
    return [f"### {name}", "", *lines, ""]


def _render_modes() -> list[str]:
    closed = _vocabularies()
    lines = [f"### {MODE_FAMILY}", "", "PLOVER's modes (how an event was done) for each type;"]
    lines += ["a type not listed has no modes.", ""]
    lines += ["| Type | Mode | Meaning |", "|---|---|---|"]
    for event_type, _meaning in closed["plover_type"]:
        for mode, meaning in closed.get(f"{MODE_FAMILY}.{event_type}", []):
            lines.append(f"| {event_type} | `{mode}` | {_cell(meaning)} |")
    return [*lines, ""]


def render_markdown() -> str:
    """The whole of ``docs/data-dictionary.md``."""
    lines = [
        "# Data dictionary",
        "",
        f"<!-- Generated from src/dateline/knowledge/data/{TABLE_FILE} and the vocabularies'",
        f"tables by `{REGENERATE}`; do not edit by hand. -->",
        "",
        "Every column of every export and store table and every field of the JSON contract,",
        "with its type, allowed values and meaning. Offsets are character offsets into the",
        "article text; ids written `article:local` join the store's tables.",
        "",
    ]
    by_group: dict[str, list[str]] = {}
    for table in tables():
        by_group.setdefault(table.split(".", 1)[0], []).append(table)
    lines += ["## Contents", ""]
    for group, names in by_group.items():
        links = ", ".join(f"[{name}](#{_anchor(name)})" for name in names)
        lines.append(f"- {GROUPS.get(group, group)}: {links}")
    lines.append("- [Vocabularies](#vocabularies)")
    lines.append("")
    for group, names in by_group.items():
        lines += [f"## {GROUPS.get(group, group)}", ""]
        for table in names:
            lines += _render_table(table)
    lines += ["## Vocabularies", ""]
    closed = _vocabularies()
    for name, values in closed.items():
        if name.startswith(MODE_FAMILY + "."):
            continue
        lines += _render_vocabulary(name, values)
        if name == "plover_type":
            lines += _render_modes()
    for name, text in open_vocabularies().items():
        lines += [f"### {name}", "", text, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def main() -> None:
    sys.stdout.write(render_markdown())


if __name__ == "__main__":
    main()
