"""Exports of stored events: CSV, Parquet, JSON lines, and a GDELT 2.0-style event table.

Every row carries the evidence sentence and the source URL, so each can be traced back.

>>> export(store, "csv", "events.csv")                               # doctest: +SKIP
>>> export(store, "gdelt", "events.tsv", Filters(country="UKR"))     # doctest: +SKIP

``csv`` and ``parquet`` have one flat row per event (:data:`FLAT_COLUMNS`; lists joined with
``;``, quantities as JSON). ``jsonl`` has one nested object per event, as
:meth:`dateline.store.base.Store.events` returns it.

``gdelt`` writes the 61 columns of a GDELT 2.0 event file, in GDELT's order, tab-separated, with
a header line, and then three of dateline's own: ``DatelineEventID``, ``PloverType`` and
``Evidence``. Filled columns:

- ``GlobalEventID``: a stable 60-bit integer hashed from dateline's event id.
- ``Day`` (YYYYMMDD), ``MonthYear``, ``Year``, ``FractionDate``: the event's day (else the
  publication day).
- ``Actor1*``: the first actor; ``Actor2*``: the first recipient, or for a reciprocal event
  with no recipient the second actor. ``ActorNCode`` is country + sector (``RUSMIL``);
  ``ActorNName`` the canonical name in capitals; ``ActorNCountryCode`` ISO 3166-1 alpha-3 (or
  ``IGO``); ``ActorNType1Code`` the sector (GOV, MIL, REB, ...).
- ``IsRootEvent``: 1 when the evidence sentence starts in the first 400 characters (the lead).
- ``EventCode``, ``EventBaseCode``, ``EventRootCode``: the event's CAMEO code and its 3- and
  2-digit prefixes. ``QuadClass`` and ``GoldsteinScale``: by CAMEO root, from
  ``knowledge/data/cameo_roots.tsv`` (Goldstein of the root code, not of the full code).
- ``NumMentions``: mentions of the event in its article; ``NumSources`` and ``NumArticles``:
  sites and articles of its fused cluster (1 before ``dateline fuse``).
- ``ActionGeo_FullName``, ``ActionGeo_CountryCode`` (ISO alpha-3, where GDELT has FIPS 10-4),
  ``ActionGeo_Lat``, ``ActionGeo_Long``, ``ActionGeo_FeatureID`` (GeoNames id).
- ``DATEADDED``: the export time (YYYYMMDDHHMMSS, UTC); ``SOURCEURL``: the article URL.

Left empty: known-group, ethnic and religion codes, Type2/Type3, AvgTone, the actor
geographies, the ADM1/ADM2 codes and ActionGeo_Type.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Code, DatelineError

if TYPE_CHECKING:
    from .store.base import Filters, Store

FORMATS = ("csv", "parquet", "jsonl", "gdelt")

FLAT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "article_id",
    "day",
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
_FLOAT_COLUMNS = frozenset({"confidence", "place_lat", "place_lon"})

GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(
        f"Actor{n}{part}"
        for n in (1, 2)
        for part in (
            "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
            "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
        )
    ),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(
        f"{who}Geo_{part}"
        for who in ("Actor1", "Actor2", "Action")
        for part in (
            "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
            "FeatureID",
        )
    ),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
DATELINE_GDELT_COLUMNS: tuple[str, ...] = ("DatelineEventID", "PloverType", "Evidence")


@lru_cache(maxsize=1)
def cameo_roots() -> dict[str, tuple[float, int]]:
    """CAMEO root (two digits) -> (Goldstein score, QuadClass), from ``cameo_roots.tsv``."""
    path = resources.files("dateline").joinpath("knowledge/data/cameo_roots.tsv")
    table: dict[str, tuple[float, int]] = {}
    lines = [line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")]
    for line in lines[1:]:
        if line.strip():
            root, _name, goldstein, quad = line.split("\t")
            table[root] = (float(goldstein), int(quad))
    return table


def _names(parts: list[dict[str, Any]], key: str) -> str:
    return ";".join(str(p.get(key) or "") for p in parts)


def flat_row(event: dict[str, Any]) -> dict[str, Any]:
    """One event as a flat row of :data:`FLAT_COLUMNS`."""
    quantities = [
        {k: q.get(k) for k in ("value", "qualifier", "unit", "kind", "text")}
        for q in event.get("quantities") or []
    ]
    return {
        "event_id": event["id"],
        "article_id": event.get("article_id"),
        "day": event.get("day"),
        "type": event.get("type"),
        "mode": ";".join(event.get("mode") or []),
        "context": ";".join(event.get("context") or []),
        "cameo": event.get("cameo"),
        "modality": event.get("modality"),
        "confidence": event.get("confidence"),
        "actors": _names(event.get("actors") or [], "name"),
        "actor_countries": _names(event.get("actors") or [], "country"),
        "actor_sectors": _names(event.get("actors") or [], "sector"),
        "recipients": _names(event.get("recipients") or [], "name"),
        "recipient_countries": _names(event.get("recipients") or [], "country"),
        "recipient_sectors": _names(event.get("recipients") or [], "sector"),
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


def _gdelt_actor(prefix: str, actor: dict[str, Any] | None) -> dict[str, Any]:
    if actor is None:
        return {}
    country = actor.get("country") or ""
    sector = actor.get("sector") or ""
    return {
        f"{prefix}Code": f"{country}{sector}",
        f"{prefix}Name": str(actor.get("name") or "").upper(),
        f"{prefix}CountryCode": country,
        f"{prefix}Type1Code": sector,
    }


def gdelt_row(event: dict[str, Any], added: str) -> dict[str, Any]:
    """One event as a row of :data:`GDELT_COLUMNS` plus :data:`DATELINE_GDELT_COLUMNS`."""
    day_text = event.get("day") or event.get("published")
    row: dict[str, Any] = {
        "GlobalEventID": int(hashlib.sha1(str(event["id"]).encode()).hexdigest()[:15], 16),
        "DatelineEventID": event["id"],
        "PloverType": event.get("type"),
        "Evidence": " ".join(str(event.get("evidence") or "").split()),
        "SOURCEURL": event.get("url") or "",
        "DATEADDED": added,
    }
    if day_text:
        day = dt.date.fromisoformat(str(day_text)[:10])
        row.update(
            Day=day.strftime("%Y%m%d"),
            MonthYear=day.strftime("%Y%m"),
            Year=day.year,
            FractionDate=f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}",
        )
    actors = event.get("actors") or []
    recipients = event.get("recipients") or []
    second = recipients[0] if recipients else (actors[1] if len(actors) > 1 else None)
    row.update(_gdelt_actor("Actor1", actors[0] if actors else None))
    row.update(_gdelt_actor("Actor2", second))
    cameo = event.get("cameo")
    if cameo:
        row.update(EventCode=cameo, EventBaseCode=cameo[:3], EventRootCode=cameo[:2])
        if cameo[:2] in cameo_roots():
            goldstein, quad = cameo_roots()[cameo[:2]]
            row.update(GoldsteinScale=goldstein, QuadClass=quad)
    start = event.get("sentence_start")
    row["IsRootEvent"] = 1 if start is not None and start < 400 else 0
    row["NumMentions"] = 1 + len(event.get("more_evidence") or [])
    row["NumSources"] = event.get("cluster_sites") or 1
    row["NumArticles"] = event.get("cluster_articles") or 1
    if event.get("place_name"):
        row.update(
            ActionGeo_FullName=event.get("place_name"),
            ActionGeo_CountryCode=event.get("place_country") or "",
            ActionGeo_Lat=event.get("place_lat"),
            ActionGeo_Long=event.get("place_lon"),
            ActionGeo_FeatureID=event.get("place_geonames_id"),
        )
    return row


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return str(value).replace("\t", " ").replace("\n", " ")


def _write_csv(rows: list[dict[str, Any]], out: Path) -> None:
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(FLAT_COLUMNS))
        writer.writeheader()
        writer.writerows(flat_row(e) for e in rows)


def _write_parquet(rows: list[dict[str, Any]], out: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [(c, pa.float64() if c in _FLOAT_COLUMNS else pa.string()) for c in FLAT_COLUMNS]
    )
    flat = [flat_row(e) for e in rows]
    columns = {
        c: [r[c] if c in _FLOAT_COLUMNS or r[c] is None else str(r[c]) for r in flat]
        for c in FLAT_COLUMNS
    }
    pq.write_table(pa.table(columns, schema=schema), out)


def _write_jsonl(rows: list[dict[str, Any]], out: Path) -> None:
    with out.open("w", encoding="utf-8") as handle:
        for event in rows:
            handle.write(json.dumps(event, ensure_ascii=False) + "\n")


def _write_gdelt(rows: list[dict[str, Any]], out: Path) -> None:
    added = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S")
    header = [*GDELT_COLUMNS, *DATELINE_GDELT_COLUMNS]
    buffer = io.StringIO()
    buffer.write("\t".join(header) + "\n")
    for event in rows:
        row = gdelt_row(event, added)
        buffer.write("\t".join(_cell(row.get(c)) for c in header) + "\n")
    out.write_text(buffer.getvalue(), encoding="utf-8")


_WRITERS: dict[str, Callable[[list[dict[str, Any]], Path], None]] = {
    "csv": _write_csv,
    "parquet": _write_parquet,
    "jsonl": _write_jsonl,
    "gdelt": _write_gdelt,
}


def export(
    store: Store,
    format: str,
    out: str | Path,
    filters: Filters | dict[str, Any] | None = None,
) -> int:
    """Write the events ``filters`` keeps to ``out`` in ``format``; return how many."""
    writer = _WRITERS.get(format)
    if writer is None:
        raise DatelineError(
            Code.BAD_SETTING, f"unknown export format {format!r}; use one of {', '.join(FORMATS)}"
        )
    path = Path(out)
    if not path.parent.is_dir():
        raise DatelineError(
            Code.BAD_SETTING, f"cannot write {path}: the folder {path.parent} does not exist"
        )
    rows = store.events(filters)
    writer(rows, path)
    return len(rows)
