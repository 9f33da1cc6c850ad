"""The data dictionary covers every export column, store column and contract field, names none
that is gone, agrees with the code's own vocabularies, and docs/data-dictionary.md is its
current rendering."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from dateline import dictionary
from dateline.dictionary import REGENERATE, columns, describe, render_markdown, vocabularies
from dateline.errors import DatelineError
from dateline.knowledge.tsv import numbered_rows
from dateline.records import load_schema

PAGE = Path(__file__).resolve().parents[1] / "docs" / "data-dictionary.md"


def _names(table: str) -> list[str]:
    return [column.name for column in columns(table)]


def test_flat_and_gdelt_columns_in_order() -> None:
    from dateline.export import FLAT_COLUMNS, GDELT_COLUMNS
    from dateline.export.gdelt import SIDECAR_COLUMNS

    assert _names("export.flat") == list(FLAT_COLUMNS)
    assert _names("export.gdelt") == list(GDELT_COLUMNS)
    assert _names("export.gdelt_sidecar") == list(SIDECAR_COLUMNS)
    from dateline.export import DYAD_COLUMNS, GEOJSON_PROPERTIES

    assert _names("export.dyads") == list(DYAD_COLUMNS)
    assert _names("export.geojson") == list(GEOJSON_PROPERTIES)


def test_flat_types_follow_the_parquet_writer() -> None:
    from dateline.export.flat import DATE_COLUMNS, FLOAT_COLUMNS, LIST_COLUMNS

    types = {column.name: column.type for column in columns("export.flat")}
    assert {n for n, t in types.items() if t == "list of strings"} == set(LIST_COLUMNS)
    assert {n for n, t in types.items() if t == "double"} == set(FLOAT_COLUMNS)
    assert {n for n, t in types.items() if t == "date"} == set(DATE_COLUMNS)


def test_jsonl_fields(tmp_path: Path) -> None:
    from dateline.fusion import fuse
    from dateline.store import open_store
    from helpers_store import fusion_records

    store = open_store(str(tmp_path / "jsonl.duckdb"))
    try:
        for record in fusion_records():
            store.add_record(record)
        fuse(store)
        events = store.events()
    finally:
        store.close()
    full = next(e for e in events if e["actors"] and e["recipients"] and e["quantities"])
    fields = set(full)
    for nested in ("actors", "quantities"):
        fields |= {f"{nested}[].{key}" for key in full[nested][0]}
    assert set(full["recipients"][0]) == set(full["actors"][0])
    assert set(_names("export.jsonl")) == fields


def _store_columns(tmp_path: Path) -> dict[str, list[tuple[str, str]]]:
    import duckdb

    from dateline.store import open_store

    path = tmp_path / "fresh.duckdb"
    open_store(str(path)).close()
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position"
        ).fetchall()
    found: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in rows:
        found.setdefault(f"store.{table}", []).append((column, data_type))
    return found


def test_every_store_column_with_its_type(tmp_path: Path) -> None:
    found = _store_columns(tmp_path)
    described = {t for t in dictionary.tables() if t.startswith("store.")}
    assert described == set(found), "store tables and the dictionary's store.* tables differ"
    for table, expected in found.items():
        assert [(c.name, c.type) for c in columns(table)] == expected, table


def _contract_fields() -> dict[str, list[str]]:
    schema = load_schema()
    top = schema["properties"]
    return {
        "contract.record": list(top),
        "contract.article": list(top["article"]["properties"]),
        "contract.actors[]": list(top["actors"]["items"]["properties"]),
        "contract.events[]": list(top["events"]["items"]["properties"]),
        "contract.quotes[]": list(top["quotes"]["items"]["properties"]),
        "contract.dates[]": list(top["dates"]["items"]["properties"]),
        "contract.places[]": list(schema["$defs"]["place"]["properties"]),
    }


def test_every_contract_field() -> None:
    fields = _contract_fields()
    described = {t for t in dictionary.tables() if t.startswith("contract.")}
    assert described == set(fields)
    for table, expected in fields.items():
        assert _names(table) == expected, table


def test_every_table_is_known_and_described() -> None:
    for table in dictionary.tables():
        assert table.split(".", 1)[0] in dictionary.GROUPS, table
        assert dictionary.table_description(table), f"{table} has no description row"


def test_values_name_a_vocabulary_or_a_range() -> None:
    names = dictionary.vocabulary_names()
    for table in dictionary.tables():
        for column in columns(table):
            values = column.values
            assert not values or values in names or dictionary.is_range(values), (
                f"{table}.{column.name}: {values!r} is neither a vocabulary nor a range"
            )


def test_page_is_current() -> None:
    assert PAGE.read_text(encoding="utf-8") == render_markdown(), (
        f"docs/data-dictionary.md is stale: regenerate it with `{REGENERATE}`"
    )


# --- vocabularies against the code's own enums ---------------------------------------------


def _values(name: str) -> list[str]:
    return [value for value, _ in vocabularies()[name]]


def test_vocabularies_match_the_code() -> None:
    from dateline.errors import Code
    from dateline.eval.gold import MODALITIES, PLOVER_TYPES, QUOTE_KINDS, SECTORS
    from dateline.export.flat import CASUALTY_KINDS
    from dateline.stages.events.tables import load_event_tables

    assert _values("plover_type") == list(PLOVER_TYPES)
    assert set(_values("modality")) == MODALITIES
    assert set(_values("quote_kind")) == QUOTE_KINDS
    assert set(_values("sector")) >= SECTORS
    assert (
        _values("quantity_kind") == list(CASUALTY_KINDS) == list(load_event_tables().casualty_words)
    )
    assert _values("error_code") == [code.value for code in Code]
    roots = [row["root"] for _, row in numbered_rows("cameo_roots.tsv")]
    assert _values("cameo_root") == roots


def test_meanings_file_names_no_value_the_code_lacks() -> None:
    code_values = {name: set(source()) for name, source in dictionary.CODE_VALUES.items()}
    for _, row in numbered_rows(dictionary.VALUES_FILE):
        if row["vocabulary"] in code_values:
            assert row["value"] in code_values[row["vocabulary"]], row


def test_sectors_of_the_knowledge_tables_are_listed() -> None:
    sectors = set(_values("sector"))
    for table in ("roles.tsv", "organisations.tsv", "people.tsv", "seats.tsv"):
        used = {row["sector"] for _, row in numbered_rows(table) if row["sector"]}
        assert used <= sectors, f"{table} uses sectors {used - sectors} the dictionary lacks"


def _modes_the_code_emits() -> set[tuple[str, str]]:
    from dateline.stages.events.tables import load_event_tables

    emitted = set()
    for _, row in numbered_rows("triggers.tsv"):
        emitted |= {(row["type"], mode) for mode in row["mode"].split("|") if mode}
    for _, row in numbered_rows("word_classes.tsv"):
        if row["class"].startswith("mode:"):
            emitted.add(("ASSAULT", row["class"].split(":", 1)[1]))
    for rule in load_event_tables().coding_rules:
        emitted |= {(rule.type, mode) for mode in rule.mode}
    for _, row in numbered_rows("plover_old_categories.tsv"):
        if row["mode"]:
            emitted.add((row["category"], row["mode"]))
    return emitted


def test_every_mode_and_context_the_code_emits_is_plover() -> None:
    vocab = vocabularies()
    for event_type, mode in sorted(_modes_the_code_emits()):
        modes = [value for value, _ in vocab.get(f"plover_mode.{event_type}", [])]
        assert mode in modes, f"{event_type} mode {mode!r} is not one of PLOVER's"
    contexts = set(_values("plover_context"))
    for _, row in numbered_rows("triggers.tsv"):
        for context in filter(None, row["context"].split("|")):
            assert context in contexts, f"context {context!r} is not one of PLOVER's"
    assert {name.split(".", 1)[1] for name in vocab if name.startswith("plover_mode.")} <= set(
        _values("plover_type")
    )


# --- the functions ---------------------------------------------------------------------------


def test_describe_gives_meaning_and_allowed_values() -> None:
    text = describe("export.flat", "modality")
    assert text.startswith("Whether the text says") and "asserted" in text and "generic" in text
    assert "alpha-3" in describe("store.actors", "country")
    assert "0-1" in describe("export.flat", "confidence")
    with pytest.raises(DatelineError):
        describe("export.flat", "no_such_column")
    with pytest.raises(DatelineError):
        columns("store.no_such_table")


def test_command_prints_the_page() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dateline.dictionary"], capture_output=True, text=True, check=True
    )
    assert result.stdout == render_markdown()


def test_import_reads_nothing() -> None:
    code = (
        "import sys, json, dateline.dictionary as d;"
        "print(json.dumps([d._columns.cache_info().currsize, 'duckdb' in sys.modules,"
        " 'dateline.knowledge.tables' in sys.modules]))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    loaded: list[Any] = json.loads(result.stdout)
    assert loaded == [0, False, False]
