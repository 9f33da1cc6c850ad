"""Flat event rows for CSV and Parquet, and nested ones for JSON lines.

One row per event (:data:`FLAT_COLUMNS`). In CSV, lists are joined with ``;`` and quantities
are JSON; in Parquet, days are dates, lists are lists of strings and figures are numbers.
Casualty figures get numeric columns (``killed``, ``injured``, ``captured``: the largest figure
of that kind the event's text gives). Text cells never hold a line break, and a text cell that
a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``) is prefixed
with ``'`` in CSV (OWASP's advice for CSV injection).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

FLAT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "article_id",
    "day",
    "date_source",
    "type",
    "mode",
    "context",
    "cameo",
    "modality",
    "confidence",
    "actors",
    "actor_countries",
    "actor_sectors",
    "recipients",
    "recipient_countries",
    "recipient_sectors",
    "place_name",
    "place_country",
    "place_lat",
    "place_lon",
    "killed",
    "injured",
    "captured",
    "quantities",
    "reported_by",
    "evidence",
    "trigger",
    "url",
    "site",
    "title",
    "published",
    "cluster_id",
)
LIST_COLUMNS = frozenset(
    {
        "mode",
        "context",
        "actors",
        "actor_countries",
        "actor_sectors",
        "recipients",
        "recipient_countries",
        "recipient_sectors",
    }
)
FLOAT_COLUMNS = frozenset({"confidence", "place_lat", "place_lon", "killed", "injured", "captured"})
DATE_COLUMNS = frozenset({"day", "published"})
CASUALTY_KINDS = ("killed", "injured", "captured")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _names(parts: list[dict[str, Any]], key: str) -> list[str]:
    return [str(p.get(key) or "") for p in parts]


def _casualties(quantities: list[dict[str, Any]], kind: str) -> float | None:
    values = [float(q["value"]) for q in quantities if q.get("kind") == kind and q.get("value")]
    return max(values) if values else None


def _one_line(value: Any) -> Any:
    return " ".join(value.split()) if isinstance(value, str) else value


def flat_row(event: dict[str, Any]) -> dict[str, Any]:
    """One event as a row of :data:`FLAT_COLUMNS`; list columns hold Python lists."""
    quantities = [
        {k: q.get(k) for k in ("value", "qualifier", "unit", "kind", "text")}
        for q in event.get("quantities") or []
    ]
    actors = event.get("actors") or []
    recipients = event.get("recipients") or []
    row: dict[str, Any] = {
        "event_id": event["id"],
        "article_id": event.get("article_id"),
        "day": event.get("day"),
        "date_source": event.get("date_source"),
        "type": event.get("type"),
        "mode": list(event.get("mode") or []),
        "context": list(event.get("context") or []),
        "cameo": event.get("cameo"),
        "modality": event.get("modality"),
        "confidence": event.get("confidence"),
        "actors": _names(actors, "name"),
        "actor_countries": _names(actors, "country"),
        "actor_sectors": _names(actors, "sector"),
        "recipients": _names(recipients, "name"),
        "recipient_countries": _names(recipients, "country"),
        "recipient_sectors": _names(recipients, "sector"),
        "place_name": event.get("place_name"),
        "place_country": event.get("place_country"),
        "place_lat": event.get("place_lat"),
        "place_lon": event.get("place_lon"),
        "quantities": json.dumps(quantities, ensure_ascii=False) if quantities else "",
        "reported_by": event.get("reported_by"),
        "evidence": event.get("evidence"),
        "trigger": event.get("trigger"),
        "url": event.get("url"),
        "site": event.get("site"),
        "title": event.get("title"),
        "published": event.get("published"),
        "cluster_id": event.get("cluster_id"),
    }
    for kind in CASUALTY_KINDS:
        row[kind] = _casualties(quantities, kind)
    return {column: _one_line(row[column]) for column in FLAT_COLUMNS}


def _csv_cell(column: str, value: Any) -> Any:
    if value is None:
        return ""
    if column in LIST_COLUMNS:
        value = ";".join(value)
    if column not in FLOAT_COLUMNS and isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(rows: list[dict[str, Any]], out: Path) -> list[Path]:
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(FLAT_COLUMNS))
        writer.writeheader()
        for event in rows:
            row = flat_row(event)
            writer.writerow({c: _csv_cell(c, row[c]) for c in FLAT_COLUMNS})
    return []


def _day(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def write_parquet(rows: list[dict[str, Any]], out: Path) -> list[Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    def column_type(column: str) -> Any:
        if column in FLOAT_COLUMNS:
            return pa.float64()
        if column in DATE_COLUMNS:
            return pa.date32()
        if column in LIST_COLUMNS:
            return pa.list_(pa.string())
        return pa.string()

    schema = pa.schema([(c, column_type(c)) for c in FLAT_COLUMNS])
    flat = [flat_row(e) for e in rows]
    columns: dict[str, list[Any]] = {}
    for c in FLAT_COLUMNS:
        if c in DATE_COLUMNS:
            columns[c] = [_day(r[c]) for r in flat]
        elif c in FLOAT_COLUMNS or c in LIST_COLUMNS:
            columns[c] = [r[c] for r in flat]
        else:
            columns[c] = [None if r[c] is None else str(r[c]) for r in flat]
    pq.write_table(pa.table(columns, schema=schema), out)
    return []


def write_jsonl(rows: list[dict[str, Any]], out: Path) -> list[Path]:
    with out.open("w", encoding="utf-8") as handle:
        for event in rows:
            handle.write(json.dumps(event, ensure_ascii=False) + "\n")
    return []
