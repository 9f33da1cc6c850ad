"""Two views of the events for analysis tools: a dyad table and GeoJSON.

- ``dyads`` (CSV): one row per actor country, recipient country, PLOVER type and day, with
  how many events and articles; the shape researchers aggregate GDELT or ACLED into. An event
  with several actors or recipients counts once per pair; one with no recipient pairs with "".
- ``geojson``: a FeatureCollection with one Point per event that has a place (longitude,
  latitude, as RFC 7946 orders them), its fields as properties, for QGIS and web maps.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from .flat import flat_row

DYAD_COLUMNS: tuple[str, ...] = (
    "actor_country",
    "recipient_country",
    "type",
    "day",
    "events",
    "articles",
)
GEOJSON_PROPERTIES: tuple[str, ...] = (
    "event_id",
    "type",
    "day",
    "modality",
    "confidence",
    "place_name",
    "place_country",
    "actor_countries",
    "recipient_countries",
    "killed",
    "injured",
    "evidence",
    "url",
)


def dyad_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The dyad table of the events ``rows`` (as :meth:`Store.events` gives them)."""
    events: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
    articles: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
    for event in rows:
        actors = {a.get("country") or "" for a in event.get("actors") or []} or {""}
        recipients = {r.get("country") or "" for r in event.get("recipients") or []} or {""}
        for actor in sorted(actors):
            for recipient in sorted(recipients - {actor} or {""}):
                key = (actor, recipient, str(event.get("type") or ""), str(event.get("day") or ""))
                events[key].add(str(event["id"]))
                articles[key].add(str(event.get("article_id") or ""))
    return [
        dict(zip(DYAD_COLUMNS, [*key, len(events[key]), len(articles[key])], strict=True))
        for key in sorted(events)
    ]


def write_dyads(rows: list[dict[str, Any]], out: Path) -> list[Path]:
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(DYAD_COLUMNS))
        writer.writeheader()
        writer.writerows(dyad_rows(rows))
    return []


def write_geojson(rows: list[dict[str, Any]], out: Path) -> list[Path]:
    features = []
    for event in rows:
        if event.get("place_lat") is None or event.get("place_lon") is None:
            continue
        flat = flat_row(event)
        features.append(
            {
                "type": "Feature",
                "id": str(event["id"]),
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(event["place_lon"]), float(event["place_lat"])],
                },
                "properties": {name: flat[name] for name in GEOJSON_PROPERTIES},
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    out.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return []
