"""How fast the store answers the queries the CLI runs, on a large synthetic database.

    make bench-store                                   # DuckDB, 1,000,000 events
    python bench/store_bench.py --events 200000 --db /tmp/x.duckdb --keep
    DATELINE_TEST_POSTGRES=postgresql://... python bench/store_bench.py   # PostgreSQL too

The rows are made inside the database by one ``INSERT ... SELECT`` per table over
``generate_series`` (the same SQL on DuckDB and PostgreSQL), from fixed lists of ~50 countries,
the 16 PLOVER types, places, names and sentence parts, picked by a hash of the row number with
a skew (a few countries, types and actors are common, most are rare), over five years. Per
article: 5 events, 8 actors, 1.5 actor links per event, 3 quotes, 0.3 figures per event; a
third of the events are in clusters of three. Article texts are short (the queries never read
them), so the file is smaller than a real one of the same size.

Each query is the library call the CLI makes (``Store.events/quotes/actors(Filters)``), timed
5 times; the table shows the median, the slowest run and the rows returned. "count" rows time
``Store.count`` (what the CLI runs when ``--limit`` cut the rows), "API" rows
``Store.events_page`` (a page of 50 and the total, what ``GET /api/events`` runs). Timings are never asserted in tests; they live here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sections import STORE_HEADING, replace_section

from dateline.store import Filters, Store, open_store
from dateline.store import sql as store_sql

COUNTRIES = [
    "UKR",
    "RUS",
    "ISR",
    "PSE",
    "USA",
    "SDN",
    "SYR",
    "YEM",
    "IRN",
    "LBN",
    "GBR",
    "FRA",
    "DEU",
    "CHN",
    "TUR",
    "IRQ",
    "AFG",
    "PAK",
    "IND",
    "MMR",
    "ETH",
    "SOM",
    "COD",
    "NGA",
    "MLI",
    "BFA",
    "NER",
    "LBY",
    "EGY",
    "SAU",
    "ARE",
    "QAT",
    "JOR",
    "POL",
    "BLR",
    "MDA",
    "GEO",
    "ARM",
    "AZE",
    "KAZ",
    "PRK",
    "KOR",
    "JPN",
    "TWN",
    "PHL",
    "VEN",
    "COL",
    "MEX",
    "BRA",
    "HTI",
]
TYPES = [
    "ASSAULT",
    "ACCUSE",
    "SUPPORT",
    "CONSULT",
    "REQUEST",
    "THREATEN",
    "AGREE",
    "REJECT",
    "AID",
    "COERCE",
    "SANCTION",
    "MOBILIZE",
    "PROTEST",
    "COOPERATE",
    "RETREAT",
    "CONCEDE",
]
MODES = ("air", "artillery", "drone", "ground", "visit", "phone", "statement", "missile")
SECTORS = ("GOV", "MIL", "REB", "OPP", "MED", "CVL", "IGO", "BUS")
KINDS = ("person", "org", "country", "group")
PLACES = [
    "Kharkiv",
    "Kyiv",
    "Odesa",
    "Zaporizhzhia",
    "Kupiansk",
    "Pokrovsk",
    "Belgorod",
    "Kursk",
    "Gaza",
    "City",
    "Rafah",
    "Khan",
    "Younis",
    "Jenin",
    "Beirut",
    "Tyre",
    "Aleppo",
    "Idlib",
    "Khartoum",
    "El",
    "Fasher",
    "Sanaa",
    "Hodeidah",
    "Mogadishu",
    "Goma",
    "Bamako",
    "Tripoli",
    "Kabul",
    "Mandalay",
    "Port-au-Prince",
    "Caracas",
    "Baghdad",
    "Mosul",
    "Tehran",
    "Damascus",
]
FIRST = [
    "Anna",
    "Boris",
    "Carlos",
    "Dmitri",
    "Elena",
    "Farid",
    "Grace",
    "Hassan",
    "Ivan",
    "Julia",
    "Khalid",
    "Lena",
    "Mohammed",
    "Nadia",
    "Oleg",
    "Pavel",
    "Rania",
    "Sergei",
    "Tamar",
    "Umar",
    "Viktor",
    "Wang",
    "Yusuf",
    "Zara",
    "Ahmed",
    "Maria",
    "Olena",
    "Yulia",
    "Omar",
    "Li",
]
LAST = [
    "Petrov",
    "Kovalenko",
    "Haddad",
    "Nasser",
    "Smith",
    "Garcia",
    "Ivanova",
    "Shevchenko",
    "Rahman",
    "Cohen",
    "Levi",
    "Ali",
    "Hussein",
    "Mahmoud",
    "Novak",
    "Schmidt",
    "Dubois",
    "Rossi",
    "Tanaka",
    "Kim",
    "Chen",
    "Okafor",
    "Diallo",
    "Mensah",
    "Silva",
    "Lopez",
    "Ortega",
    "Yilmaz",
    "Karimi",
    "Volkov",
]
ORGS = [
    "Ministry of Defence",
    "armed forces",
    "police",
    "the army",
    "air force",
    "navy",
    "the government",
    "the presidency",
    "the parliament",
    "rebels",
    "militia",
    "the opposition",
    "Red Cross",
    "United Nations",
    "health ministry",
    "state media",
    "border guard",
    "the governor",
]
VERBS = [
    "struck positions near",
    "shelled",
    "launched drones at",
    "met officials in",
    "called for talks over",
    "accused the enemy of attacking",
    "denied any role in",
    "sent aid to",
    "announced sanctions over",
    "withdrew troops from",
    "threatened to retaliate against",
    "agreed to a ceasefire in",
    "arrested protesters in",
    "deployed reinforcements to",
    "rejected the proposal on",
]
TAILS = [
    "officials said on Tuesday",
    "according to a statement",
    "killing at least 12 people",
    "wounding several civilians",
    "the ministry said",
    "local authorities reported",
    "witnesses told reporters",
    "in an overnight attack",
    "after weeks of fighting",
    "the spokesman told a news conference",
]


def _array(values: tuple[str, ...] | list[str]) -> str:
    return "(ARRAY[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "])"


def _u(expr: str, salt: int) -> str:
    """A pseudo-random number in [0, 1) from the integer ``expr`` (portable SQL)."""
    return f"mod(({expr}) * 2654435761 + {salt * 40503 + 17}, 1000003) / 1000003.0"


def _pick(values: tuple[str, ...] | list[str], expr: str, salt: int, skew: float = 1.0) -> str:
    """One of ``values``; ``skew`` > 1 favours the first ones."""
    index = f"1 + CAST(floor(power({_u(expr, salt)}, {skew}) * {len(values)}) AS INTEGER)"
    return f"{_array(values)}[{index}]"


def _int(expr: str, salt: int, n: int, skew: float = 1.0) -> str:
    return f"CAST(floor(power({_u(expr, salt)}, {skew}) * {n}) AS INTEGER)"


def generate_sql(n_events: int) -> list[tuple[str, str]]:
    """(table, statement) pairs that fill every queried table for ``n_events`` events."""
    n_articles = max(1, n_events // 5)
    art = "'art' || lpad(CAST(j AS TEXT), 8, '0')"
    articles = f"""INSERT INTO articles (id, url, site, title, published, published_source,
        text, origin, record_version, record_json, ingested_at)
        SELECT {art}, 'https://' || {_pick(SITES, "j", 1, 2.0)} || '/news/' || CAST(j AS TEXT),
            {_pick(SITES, "j", 1, 2.0)}, 'Report ' || CAST(j AS TEXT),
            DATE '2020-01-01' + {_int("j", 2, 1826)}, 'meta',
            'Synthetic article text ' || CAST(j AS TEXT), 'bench', 1, NULL,
            TIMESTAMP '2025-01-01 00:00:00'
        FROM generate_series(0, {n_articles - 1}) AS t(j)"""
    # actor k of article j; person names come from FIRST x LAST, others from ORGS
    name = f"""CASE WHEN k < 4 THEN {_pick(FIRST, "j * 8 + k", 3, 2.5)} || ' '
            || {_pick(LAST, "j * 8 + k", 4, 2.5)}
        ELSE {_pick(ORGS, "j * 8 + k", 5, 1.5)} END"""
    actors = f"""INSERT INTO actors (id, article_id, local_id, name, country, sector, kind, role)
        SELECT {art} || ':a' || CAST(k AS TEXT), {art}, 'a' || CAST(k AS TEXT), {name},
            {_pick(COUNTRIES, "j * 8 + k", 6, 3.0)}, {_pick(SECTORS, "j * 8 + k", 7, 1.5)},
            CASE WHEN k < 4 THEN 'person' ELSE {_pick(KINDS, "j * 8 + k", 8)} END, NULL
        FROM generate_series(0, {n_articles - 1}) AS t(j),
             generate_series(0, 7) AS s(k)"""
    # event i belongs to article i / 5
    j = "CAST(floor(i / 5.0) AS BIGINT)"
    evart = f"'art' || lpad(CAST({j} AS TEXT), 8, '0')"
    evid = f"{evart} || ':e' || CAST(mod(i, 5) AS TEXT)"
    place = _pick(PLACES, "i", 12, 2.0)
    evidence = f"""{_pick(FIRST, "i", 13, 2.5)} || ' ' || {_pick(LAST, "i", 14, 2.5)}
        || ' said forces ' || {_pick(VERBS, "i", 15)} || ' ' || {place} || ', '
        || {_pick(TAILS, "i", 16)} || '.'"""
    events = f"""INSERT INTO events (id, article_id, local_id, type, mode, context, cameo,
        date_value, date_granularity, date_start, date_end, event_day, place_name,
        place_country, place_lat, place_lon, place_geonames_id, place_start, place_end,
        modality, reported_by, confidence, sentence_start, sentence_end, trigger_start,
        trigger_end, evidence, trigger_text, more_evidence)
        SELECT {evid}, {evart}, 'e' || CAST(mod(i, 5) AS TEXT), {_pick(TYPES, "i", 9, 2.0)},
            '["' || {_pick(MODES, "i", 10)} || '"]', '[]', NULL, NULL, NULL, NULL, NULL,
            a.published - {_int("i", 11, 4)},
            CASE WHEN mod(i, 4) = 3 THEN NULL ELSE {place} END,
            CASE WHEN mod(i, 4) = 3 THEN NULL ELSE {_pick(COUNTRIES, "i", 17, 3.0)} END,
            48.5, 35.0, NULL, 10, 20, 'asserted',
            CASE WHEN mod(i, 3) = 0 THEN {evart} || ':a' || CAST(4 + mod(i, 4) AS TEXT) END,
            0.8, 0, 120, 30, 40, {evidence}, 'struck', '[]'
        FROM generate_series(0, {n_events - 1}) AS t(i)
        JOIN articles a ON a.id = {evart}"""
    event_actors = f"""INSERT INTO event_actors (event_id, actor_id, role, pos)
        SELECT {evid}, {evart} || ':a' || CAST({_int("i", 18, 8)} AS TEXT), 'actor', 0
        FROM generate_series(0, {n_events - 1}) AS t(i)
        UNION ALL
        SELECT {evid}, {evart} || ':a' || CAST(mod({_int("i", 18, 8)} + 1 + mod(i, 7), 8) AS TEXT),
            'recipient', 0
        FROM generate_series(0, {n_events - 1}) AS t(i) WHERE mod(i, 2) = 0"""
    quantities = f"""INSERT INTO quantities (event_id, pos, value, qualifier, unit, kind,
        start_char, end_char, text)
        SELECT {evid}, 0, {_int("i", 19, 50)}, 'at least', 'person', 'killed', 50, 60,
            'at least 12'
        FROM generate_series(0, {n_events - 1}) AS t(i) WHERE mod(i, 10) < 3"""
    quotes = f"""INSERT INTO quotes (id, article_id, local_id, kind, text, start_char, end_char,
        speaker, speaker_text, speaker_start, speaker_end, cue_start, cue_end, reported_by)
        SELECT {art} || ':q' || CAST(k AS TEXT), {art}, 'q' || CAST(k AS TEXT),
            CASE WHEN k = 2 THEN 'indirect' ELSE 'direct' END,
            'We will ' || {_pick(VERBS, "j * 3 + k", 20)} || ' ' || {_pick(PLACES, "j * 3 + k", 21)}
                || ' if ' || {_pick(TAILS, "j * 3 + k", 22)},
            100 * k, 100 * k + 80,
            CASE WHEN k = 2 THEN NULL ELSE {art} || ':a' || CAST({_int("j * 3 + k", 23, 8)}
                AS TEXT) END,
            'the spokesman', 100 * k + 85, 100 * k + 98, 100 * k + 81, 100 * k + 84, NULL
        FROM generate_series(0, {n_articles - 1}) AS t(j),
             generate_series(0, 2) AS s(k)"""
    # a third of the events, in clusters of three
    clusters = f"""INSERT INTO clusters (id, type, first_report, last_report, first_day,
        last_day, place_name, place_country, n_events, n_articles, n_sites, sources,
        quantities, conflicts, created_at)
        SELECT 'c' || CAST(c AS TEXT), 'ASSAULT', NULL, NULL, NULL, NULL, NULL, NULL, 3, 3, 2,
            '[]', '[]', '[]', TIMESTAMP '2025-01-01 00:00:00'
        FROM generate_series(0, {max(0, n_events // 9 - 1)}) AS t(c)"""
    members = f"""INSERT INTO cluster_members (cluster_id, event_id, article_id)
        SELECT 'c' || CAST(floor(i / 9.0) AS BIGINT), {evid}, {evart}
        FROM generate_series(0, {n_events - 1}) AS t(i)
        WHERE mod(i, 3) = 0 AND i < {n_events // 9 * 9}"""
    return [
        ("articles", articles),
        ("actors", actors),
        ("events", events),
        ("event_actors", event_actors),
        ("quantities", quantities),
        ("quotes", quotes),
        ("clusters", clusters),
        ("cluster_members", members),
    ]


SITES = ("reuters.com", "apnews.com", "bbc.co.uk", "aljazeera.com", "kyivindependent.com")


def fill(store: Store, n_events: int) -> float:
    """Fill an empty, migrated store; return the seconds it took."""
    t0 = time.perf_counter()
    for table, statement in generate_sql(n_events):
        t1 = time.perf_counter()
        with store.transaction():
            store._execute(statement)
        print(f"  {table:<16} {time.perf_counter() - t1:6.1f} s", file=sys.stderr)
    # the columns each row copies from another table, which the store writes with the row
    t1 = time.perf_counter()
    with store.transaction():
        for statement in store_sql.FILL_COPIES:
            store._execute(statement)
    print(f"  {'copies':<16} {time.perf_counter() - t1:6.1f} s", file=sys.stderr)
    # the totals per actor, which the store adds to with each article
    t1 = time.perf_counter()
    with store.transaction():
        for statement in store_sql.FILL_ACTOR_TOTALS:
            store._execute(statement)
    print(f"  {'actor_totals':<16} {time.perf_counter() - t1:6.1f} s", file=sys.stderr)
    if store.engine == "postgres":
        # what autovacuum leaves after a large ingest (statistics, and pages marked
        # all-visible, which index-only scans need)
        store._execute("VACUUM ANALYZE")
    return time.perf_counter() - t0


# --- the queries ----------------------------------------------------------------------------

Query = tuple[str, Callable[[Store], int]]


def _events(**filters: Any) -> Callable[[Store], int]:
    return lambda store: len(store.events(Filters(**filters)))


def _quotes(**filters: Any) -> Callable[[Store], int]:
    return lambda store: len(store.quotes(Filters(**filters)))


def _actors(**filters: Any) -> Callable[[Store], int]:
    return lambda store: len(store.actors(Filters(**filters)))


def _count(what: str, **filters: Any) -> Callable[[Store], int]:
    """``Store.count``: what the CLI runs when ``--limit`` cut the rows."""
    return lambda store: store.count(what, Filters(**filters))


def _page(**filters: Any) -> Callable[[Store], int]:
    """``Store.events_page``: ``GET /api/events`` (a page of 50 and the total)."""
    return lambda store: len(store.events_page(Filters(limit=50, **filters))[0])


MONTH = {"since": "2023-03-01", "until": "2023-03-31"}

QUERIES: list[Query] = [
    ("events (no filter)", _events(limit=100)),
    ("events country=UKR (common)", _events(country="UKR", limit=100)),
    ("events country=HTI (rare)", _events(country="HTI", limit=100)),
    ("events type=ASSAULT + 1 month", _events(type="ASSAULT", **MONTH, limit=100)),
    ("events type=CONCEDE + 1 month", _events(type="CONCEDE", **MONTH, limit=100)),
    ("events actor='petrov'", _events(actor="petrov", limit=100)),
    ("events actor='volkov' (rare)", _events(actor="volkov", limit=100)),
    ("events actor=RUS (code)", _events(actor="RUS", limit=100)),
    ("events text='drones'", _events(text="drones", limit=100)),
    ("events text='no such words'", _events(text="no such words", limit=100)),
    ("events place='kharkiv'", _events(place="kharkiv", limit=100)),
    ("events mode=phone + 1 month", _events(mode="phone", **MONTH, limit=100)),
    ("events 1 month, all rows", _events(**MONTH)),
    ("events ASSAULT+UKR+1 month, all", _events(type="ASSAULT", country="UKR", **MONTH)),
    ("count events (all)", _count("events")),
    ("count events country=UKR", _count("events", country="UKR")),
    ("count events actor='petrov'", _count("events", actor="petrov")),
    ("count events text='drones'", _count("events", text="drones")),
    ("API events page country=UKR", _page(country="UKR")),
    ("API events page type=ASSAULT+1 month", _page(type="ASSAULT", **MONTH)),
    ("quotes (no filter)", _quotes(limit=100)),
    ("quotes speaker='nasser'", _quotes(speaker="nasser", limit=100)),
    ("quotes text='ceasefire'", _quotes(text="ceasefire", limit=100)),
    ("quotes 1 month", _quotes(**MONTH, limit=100)),
    ("count quotes speaker='nasser'", _count("quotes", speaker="nasser")),
    ("actors (no filter)", _actors(limit=100)),
    ("actors country=UKR", _actors(country="UKR", limit=100)),
    ("actors sector=MED", _actors(sector="MED", limit=100)),
]


def time_queries(store: Store, runs: int, only: str | None) -> list[Result]:
    results = []
    for name, query in QUERIES:
        if only and only not in name:
            continue
        times = []
        n = 0
        for _ in range(runs):
            t0 = time.perf_counter()
            n = query(store)
            times.append(time.perf_counter() - t0)
        results.append((name, statistics.median(times), max(times), n))
        print(f"  {name:<36} {statistics.median(times):7.3f} s", file=sys.stderr)
    return results


Result = tuple[str, float, float, int]
#: the issue's goal for the main queries, on DuckDB
GOAL_S = 0.2
#: queries that return every matching row: timed, but not held to the goal (the time goes
#: into building thousands of rows, not into finding them)
ALL_ROWS = ", all"
#: why a query class misses the goal, for the notes under the table (first match wins)
WHY = (
    (
        "count events country=",
        "half the events match (the place's country or an actor's, one OR that no single index "
        "serves), and every matching row is counted",
    ),
    (
        "API events page country=",
        "the page comes with the number of all matching events, half the store (see the count "
        "above), then the page is bounded and looked up as for the other pages",
    ),
    (
        "actors",
        "read from the table of totals per actor that each ingest adds to (migration 5): a "
        "top-N over its rows (with since/until, grouped from every actor row instead)",
    ),
    (
        "actor=",
        "a name fragment is matched anywhere in each event's copy of its actors' names "
        "(`LIKE '%...%'` over every row: no b-tree serves a match inside a string; on "
        "PostgreSQL a trigram index does, migration 6), then the page is bounded and looked up "
        "as for the other pages",
    ),
    (
        "text=",
        "a substring of the evidence sentence or the quote (`LIKE '%...%'`) reads every "
        "sentence (PostgreSQL: a trigram index, migration 6), then the page is bounded and "
        "looked up as for the other pages",
    ),
    (
        "speaker=",
        "a substring of the speaker's name or words, matched in every quote (PostgreSQL: "
        "trigram indexes, migration 6)",
    ),
    (
        "",
        "the page is bounded by the sort keys of its last row (a top-N over the matching rows' "
        "day columns, twice for a filter), then its rows are looked up by key in up to 7 "
        "tables: DuckDB's index lookups cost about 0.1-0.3 ms a row on a busy core, some 400 "
        "rows for a page of 100 events",
    ),
)


def markdown_table(results: list[Result]) -> list[str]:
    lines = [
        f"| query | median ms | slowest ms | rows | ≤ {GOAL_S * 1000:.0f} ms |",
        "|---|---:|---:|---:|---|",
    ]
    for name, median, slowest, n in results:
        goal = "—" if ALL_ROWS in name else ("yes" if median <= GOAL_S else "no")
        lines.append(f"| {name} | {median * 1000:.0f} | {slowest * 1000:.0f} | {n:,} | {goal} |")
    return lines


def misses(results: list[Result]) -> list[str]:
    """One line per query over the goal: by how much, and why."""
    lines = []
    for name, median, _slowest, _n in results:
        if ALL_ROWS in name or median <= GOAL_S:
            continue
        why = next((text for key, text in WHY if key in name), "")
        lines.append(
            f"- **{name}**: {median * 1000:.0f} ms, over by {(median - GOAL_S) * 1000:.0f} ms"
            + (f": {why}." if why else ".")
        )
    return lines


def print_table(title: str, results: list[Result]) -> None:
    print(f"\n{title}")
    print(f"| {'query':<36} | median s | slowest s |    rows |")
    print(f"|{'-' * 38}|---------:|----------:|--------:|")
    for name, median, slowest, n in results:
        flag = f"  <- over {GOAL_S} s" if median > GOAL_S and ALL_ROWS not in name else ""
        print(f"| {name:<36} | {median:8.3f} | {slowest:9.3f} | {n:>7} |{flag}")


def _counts_line(store: Store) -> str:
    counts = store.counts()
    keys = ("articles", "actors", "events", "event_actors", "quotes", "cluster_members")
    return ", ".join(f"{k} {counts[k]:,}" for k in keys)


class Run:
    """What one engine's run gives for the report: a title, notes and the timings."""

    def __init__(self, engine: str) -> None:
        self.engine = engine
        self.notes: list[str] = []
        self.events = 0
        self.results: list[Result] = []

    def note(self, line: str) -> None:
        print(line)
        self.notes.append(line)


def bench_duckdb(args: argparse.Namespace) -> Run:
    run = Run("DuckDB")
    path = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "store_bench.duckdb"
    fresh = not path.exists()
    t0 = time.perf_counter()
    store = open_store(str(path))
    if not fresh:
        run.note(
            f"DuckDB open (and migrate, if the file is older): {time.perf_counter() - t0:.1f} s"
        )
    try:
        if fresh:
            print(f"filling {path} with {args.events:,} events", file=sys.stderr)
            load_s = fill(store, args.events)
            store._execute("CHECKPOINT")
            run.note(f"DuckDB load: {load_s:.1f} s")
        else:
            print(f"reusing {path}", file=sys.stderr)
        run.note(f"DuckDB rows: {_counts_line(store)}")
        run.events = store.counts()["events"]
        run.results = time_queries(store, args.runs, args.only)
    finally:
        store.close()
    size = path.stat().st_size + sum(p.stat().st_size for p in path.parent.glob(path.name + ".*"))
    run.note(f"DuckDB file: {size / 2**20:.0f} MiB")
    print_table(f"DuckDB, {run.events:,} events (median of {args.runs})", run.results)
    if not args.keep:
        for leftover in [path, *path.parent.glob(path.name + ".*")]:
            leftover.unlink(missing_ok=True)
    return run


def bench_postgres(args: argparse.Namespace, server: str) -> Run:
    import psycopg

    run = Run("PostgreSQL")
    n_events = args.pg_events or args.events
    schema = args.pg_schema or f"bench_{uuid.uuid4().hex[:10]}"
    if not args.pg_schema:
        with psycopg.connect(server, autocommit=True) as con:
            con.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in server else "?"
    url = f"{server}{sep}options=-csearch_path%3D{schema}"
    try:
        t0 = time.perf_counter()
        store = open_store(url)
        try:
            if args.pg_schema:
                run.note(f"PostgreSQL open (and migrate): {time.perf_counter() - t0:.1f} s")
            else:
                print(f"filling schema {schema} with {n_events:,} events", file=sys.stderr)
                load_s = fill(store, n_events)
                run.note(f"PostgreSQL load: {load_s:.1f} s")
            run.note(f"PostgreSQL rows: {_counts_line(store)}")
            run.events = store.counts()["events"]
            size = store._query(
                "SELECT SUM(pg_total_relation_size(c.oid)) AS n FROM pg_class c "
                "JOIN pg_namespace s ON s.oid = c.relnamespace "
                "WHERE s.nspname = current_schema() AND c.relkind = 'r'"
            )[0]["n"]
            run.note(f"PostgreSQL size (tables and their indexes): {int(size) / 2**20:.0f} MiB")
            run.results = time_queries(store, args.runs, args.only)
        finally:
            store.close()
        print_table(f"PostgreSQL, {run.events:,} events (median of {args.runs})", run.results)
    finally:
        if args.keep or args.pg_schema:
            print(f"kept schema {schema} (drop it with DROP SCHEMA {schema} CASCADE)")
        else:
            with psycopg.connect(server, autocommit=True) as con:
                con.execute(f"DROP SCHEMA {schema} CASCADE")
    return run


def report(runs: list[Run], n_runs: int) -> str:
    """The section of BENCHMARKS.md this benchmark owns."""
    lines = [
        STORE_HEADING,
        "",
        f"Written by `make bench-store` (`bench/store_bench.py`) on {dt.date.today().isoformat()}: "
        f"{os.cpu_count()} cores ({platform.processor() or platform.machine()}), shared with "
        "other work while it ran. Synthetic rows (see `bench/README.md`); each query is the "
        f"library call the CLI or the API makes, `limit=100` unless it says all, run {n_runs} "
        "times. The goal of issue #17: the main queries ≤ 200 ms on 1,000,000 events on DuckDB.",
    ]
    for run in runs:
        lines += ["", f"### {run.engine}, {run.events:,} events", ""]
        lines += [f"- {note.split(': ', 1)[0]}: {note.split(': ', 1)[1]}" for note in run.notes]
        lines += ["", *markdown_table(run.results)]
        missed = misses(run.results)
        held = [r for r in run.results if ALL_ROWS not in r[0]]
        lines += [
            "",
            f"{len(held) - len(missed)} of {len(held)} main queries within "
            f"{GOAL_S * 1000:.0f} ms" + (":" if not missed else "; over it:"),
        ]
        if missed:
            lines += ["", *missed]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="events to generate")
    parser.add_argument("--db", help="DuckDB file (reused if it exists; default: a temp file)")
    parser.add_argument("--keep", action="store_true", help="keep the DuckDB file / PG schema")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per query")
    parser.add_argument("--only", help="time only the queries whose name holds this text")
    parser.add_argument("--pg-events", type=int, help="events for PostgreSQL (default: --events)")
    parser.add_argument("--pg-schema", help="reuse this filled PostgreSQL schema (kept)")
    parser.add_argument("--no-duckdb", action="store_true", help="PostgreSQL only")
    parser.add_argument("--write", help="write the tables into this file's store section")
    args = parser.parse_args(argv)
    runs = []
    if not args.no_duckdb:
        runs.append(bench_duckdb(args))
    server = os.environ.get("DATELINE_TEST_POSTGRES")
    if server:
        runs.append(bench_postgres(args, server))
    else:
        print("\n(PostgreSQL skipped: set DATELINE_TEST_POSTGRES, see .ci/postgres.sh)")
    if args.write:
        out = Path(args.write)
        text = out.read_text("utf-8") if out.exists() else "# Benchmarks\n"
        out.write_text(replace_section(text, STORE_HEADING, report(runs, args.runs)), "utf-8")
        print(f"wrote the store section of {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
