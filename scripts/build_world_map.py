"""Build src/dateline/web/world-110m.geojson, the country shapes of the web page's map.

Source: Natural Earth's Admin 0 countries at 1:110m (public domain), as redistributed in the
npm package world-atlas 2.0.2 (``countries-110m.json``, TopoJSON, ISC licence). Run once, by
hand, when the source changes:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/build_world_map.py package/countries-110m.json

The TopoJSON arcs are decoded into plain GeoJSON polygons with coordinates rounded to 0.1
degree (enough for a page-wide map, and small: about 150 KB). Each feature carries the
ISO alpha-3 code (``id``, from pycountry; ``null`` where Natural Earth has no ISO number) and
the name. The GeoJSON is the committed data; dateline reads only it, never this script.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pycountry

OUT = Path(__file__).resolve().parents[1] / "src/dateline/web/world-110m.geojson"
SOURCE = (
    "Natural Earth Admin 0 countries 1:110m (public domain), via world-atlas 2.0.2 "
    "countries-110m.json; built by scripts/build_world_map.py"
)


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Each arc as absolute longitude/latitude pairs (TopoJSON stores quantized deltas)."""
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((round(x * scale_x + shift_x, 1), round(y * scale_y + shift_y, 1)))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    kept: list[list[float]] = []
    for lon, lat in points:
        # a ring that crosses the antimeridian jumps 360 degrees: keep it continuous (past
        # +-180, where the map's frame clips it) instead of drawing a line across the world
        if kept and abs(lon - kept[-1][0]) > 180:
            lon += 360 if lon < kept[-1][0] else -360
        if not kept or kept[-1] != [lon, lat]:
            kept.append([round(lon, 1), lat])
    return kept


def alpha3(numeric: str | None) -> str | None:
    if not numeric:
        return None
    country = pycountry.countries.get(numeric=numeric.zfill(3))
    return country.alpha_3 if country else None


def build(source: Path) -> dict[str, Any]:
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        shapes = []
        for polygon in polygons:
            rings = [ring(r, arcs) for r in polygon]
            rings = [r for r in rings if len(r) >= 4]
            if rings:
                shapes.append(rings)
        if not shapes:
            continue
        features.append(
            {
                "type": "Feature",
                "id": alpha3(geometry.get("id")),
                "properties": {"name": geometry["properties"]["name"]},
                "geometry": {"type": "MultiPolygon", "coordinates": shapes},
            }
        )
    return {"type": "FeatureCollection", "source": SOURCE, "features": features}


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: build_world_map.py path/to/countries-110m.json")
    collection = build(Path(sys.argv[1]))
    OUT.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {len(collection['features'])} countries to {OUT}")


if __name__ == "__main__":
    main()
