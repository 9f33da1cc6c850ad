"""The fast queries of migration 4 (copies of actor names, countries and publication days on the
rows that are filtered and sorted, page lookups by key) give exactly the rows of the joins they
replaced, and the migration fills those copies in a store written before it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dateline.store import Filters, Store, open_store, sql
from dateline.store import base as store_base
from dateline.store.base import _plain, _where, columns_of
from dateline.store.rows import record_rows
from helpers_store import actor, event, record, split_header
from test_store import db, postgres_db  # noqa: F401 - the parametrised store fixture

# --- the queries as they were before migration 4 (joins to actors and articles) -------------

_LIKE = sql.LIKE
OLD_EVENT_FILTERS = {
    **sql.EVENT_FILTERS,
    "actor": """EXISTS (SELECT 1 FROM event_actors ea JOIN actors ac ON ac.id = ea.actor_id
        WHERE ea.event_id = e.id AND (LOWER(ac.name)"""
    + _LIKE
    + " OR ac.country = ?))",
    "country": """(e.place_country = ? OR EXISTS (SELECT 1 FROM event_actors ea
        JOIN actors ac ON ac.id = ea.actor_id WHERE ea.event_id = e.id AND ac.country = ?))""",
}
OLD_EVENTS_ORDER = " ORDER BY e.event_day NULLS LAST, a.published NULLS LAST, e.id"
OLD_EVENT_ACTORS = """SELECT ea.event_id, ea.role, ea.pos, ac.id, ac.name, ac.country,
    ac.sector, ac.kind FROM event_actors ea JOIN actors ac ON ac.id = ea.actor_id
    ORDER BY ea.event_id, ea.role, ea.pos"""
OLD_QUANTITIES = """SELECT event_id, pos, value, qualifier, unit, kind, start_char, end_char,
    text FROM quantities ORDER BY event_id, pos"""
OLD_SELECT_QUOTES = """SELECT q.id, q.article_id, q.local_id, q.kind, q.text, q.start_char,
    q.end_char, q.speaker AS speaker_id, sp.name AS speaker, sp.country AS speaker_country,
    sp.sector AS speaker_sector, q.speaker_text, q.reported_by,
    a.url, a.site, a.title, a.published
    FROM quotes q
    JOIN articles a ON a.id = q.article_id
    LEFT JOIN actors sp ON sp.id = q.speaker"""
OLD_QUOTE_FILTERS = {
    **sql.QUOTE_FILTERS,
    "speaker": "(LOWER(sp.name)" + _LIKE + " OR LOWER(q.speaker_text)" + _LIKE + ")",
    "since": "a.published >= ?",
    "until": "a.published <= ?",
    "country": "sp.country = ?",
}
OLD_QUOTES_ORDER = " ORDER BY a.published NULLS LAST, q.article_id, q.start_char"


def old_where(filters: Filters, fragments: dict[str, str]) -> tuple[str, list[Any]]:
    """The WHERE as it was: every LIKE with its ESCAPE clause."""
    where, params = _where(filters, fragments)
    return re.sub(r" LIKE \?(?! ESCAPE)", sql.LIKE, where), params


def old_events(store: Store, filters: Filters, order: str = OLD_EVENTS_ORDER) -> list[Any]:
    where, params = old_where(filters, OLD_EVENT_FILTERS)
    statement = sql.SELECT_EVENTS + where + order
    if filters.limit is not None:
        statement += " LIMIT ?"
        params.append(filters.limit)
    rows = [_plain(row) for row in store._query(statement, params)]
    actors: dict[str, list[dict[str, Any]]] = {}
    for part in store._query(OLD_EVENT_ACTORS):
        actors.setdefault(part["event_id"], []).append(part)
    quantities: dict[str, list[dict[str, Any]]] = {}
    for part in store._query(OLD_QUANTITIES):
        quantities.setdefault(part["event_id"], []).append(part)
    for row in rows:
        for key in ("mode", "context", "more_evidence"):
            row[key] = json.loads(row[key] or "[]")
        links = actors.get(row["id"], [])
        for key, role in (("actors", "actor"), ("recipients", "recipient")):
            row[key] = [
                {k: p[k] for k in ("id", "name", "country", "sector", "kind")}
                for p in links
                if p["role"] == role
            ]
        row["quantities"] = [
            {
                "value": p["value"],
                "qualifier": p["qualifier"],
                "unit": p["unit"],
                "kind": p["kind"],
                "text": p["text"],
                "span": [p["start_char"], p["end_char"]],
            }
            for p in quantities.get(row["id"], [])
        ]
    return rows


def old_quotes(store: Store, filters: Filters) -> list[Any]:
    where, params = old_where(filters, OLD_QUOTE_FILTERS)
    statement = OLD_SELECT_QUOTES + where + OLD_QUOTES_ORDER
    if filters.limit is not None:
        statement += " LIMIT ?"
        params.append(filters.limit)
    return [_plain(row) for row in store._query(statement, params)]


# --- a small store of made-up articles ---------------------------------------------------------

PEOPLE = [
    ("Mara Lindqvist", "SWE", "GOV"),
    ("Tomas Berg", "NOR", "MIL"),
    ("Ines Duarte", "PRT", None),
    ("Kofi Mensah", "GHA", "GOV"),
    ("Lina 50% Okoro", None, "MED"),
    ("Ömer Çelik", "TUR", "GOV"),
]
TYPES = ["CONSULT", "ASSAULT", "AID", "PROTEST"]


def varied_record(n: int) -> dict[str, Any]:
    """Article ``n``: two people (named from PEOPLE), one to three events of their own sentences,
    two quotes (one with no known speaker); some share days, some have no day or place."""
    first, second = PEOPLE[n % len(PEOPLE)], PEOPLE[(n + 2) % len(PEOPLE)]
    published = None if n % 7 == 6 else f"2024-0{1 + n % 3}-1{n % 9}"
    sentences = [
        f"{first[0]} met {second[0]} in Harbourtown about plan {n}.",
        f"{second[0]} said {n} volunteers brought supplies to Millbrook.",
        f"Crowds gathered against {first[0]} in round {n}.",
    ]
    raw = (
        f"Site: Wire {n % 3}\nTitle: Item {n}\nURL: https://wire.example/{n}\n"
        + (f"Published: {published}\n" if published else "")
        + "\n"
        + " ".join(sentences)
        + f' "We will keep going," {first[0]} said. "Nobody asked us," a neighbour said.'
    )
    _, text = split_header(raw)
    actors = [
        actor(text, "a1", first[0], first[1], first[2], "person", first[0]),
        actor(text, "a2", second[0], second[1], second[2], "person", second[0]),
    ]
    events = [
        event(
            text,
            "e1",
            TYPES[n % 4],
            "met",
            actor=["a1"],
            recipient=["a2"],
            day=None if n % 5 == 4 else f"2024-02-{10 + n % 4}",
            place=("Harbourtown", "DNK", 55.0, 10.0) if n % 2 else None,
            mode=["visit"] if n % 3 else ["phone"],
        )
    ]
    if n % 3 != 2:
        events.append(
            event(
                text,
                "e2",
                "AID",
                "brought",
                actor=["a2", "a9"],  # a9: a link to no actor, which the joins drop
                recipient=[],
                day=f"2024-02-{10 + n % 2}",
                place=("Millbrook", "GHA", 6.0, -1.0),
                quantities=[(f"{n} volunteers", float(n), None, "people")],
                reported_by="a1",
            )
        )
    if n % 4 == 0:
        events.append(
            event(text, "e3", "PROTEST", "gathered", actor=[], recipient=["a1"], day=None)
        )
    quotes = [
        {
            "id": "q1",
            "kind": "direct",
            "text": "We will keep going",
            "span": [text.find("We will"), text.find("We will") + 18],
            "speaker": "a1",
            "speaker_text": first[0],
            "speaker_span": None,
            "cue": None,
            "reported_by": None,
        },
        {
            "id": "q2",
            "kind": "direct",
            "text": "Nobody asked us",
            "span": [text.find("Nobody"), text.find("Nobody") + 15],
            "speaker": None,
            "speaker_text": "a neighbour",
            "speaker_span": None,
            "cue": None,
            "reported_by": None,
        },
    ]
    return record(raw, actors, events, quotes)


RECORDS = [varied_record(n) for n in range(14)]

EVENT_QUERIES: list[dict[str, Any]] = [
    {},
    {"limit": 5},
    {"country": "GHA"},
    {"country": "swe", "limit": 3},
    {"country": "DNK"},
    {"actor": "berg"},
    {"actor": "NOR"},
    {"actor": "50%"},
    {"type": "aid", "since": "2024-02-11", "until": "2024-02-12"},
    {"mode": "phone"},
    {"place": "mill", "limit": 2},
    {"text": "volunteers"},
    {"actor": "mensah", "country": "PRT"},
    {"actor": "lindqvist\x1ftomas"},  # the separator of the copies: matched link by link
    {"country": "SWE\x1fNOR"},
    {"actor": "a_"},
    {"actor": "ÖMER"},
]
QUOTE_QUERIES: list[dict[str, Any]] = [
    {},
    {"limit": 4},
    {"speaker": "neighbour"},
    {"speaker": "duarte"},
    {"country": "GHA"},
    {"since": "2024-02-01", "until": "2024-03-31"},
    {"text": "keep", "limit": 2},
]


def write_old_store(path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store at schema version 3 holding RECORDS, written as the code before migration 4 did
    (the rows without the columns it adds, which come last in each insert)."""
    monkeypatch.setattr(sql, "MIGRATIONS", sql.MIGRATIONS[:3])
    old = open_store(path)
    try:
        assert old.schema_version() == 3
        added = {"events": 3, "event_actors": 4, "quotes": 4}
        with old.transaction():
            old._insert_rows(
                "articles",
                columns_of(sql.INSERT_ARTICLE),
                [record_rows(r).article for r in RECORDS],
            )
            for table, statement in sql.RECORD_TABLES:
                columns = columns_of(statement)
                keep = len(columns) - added.get(table, 0)
                rows = [row[:keep] for r in RECORDS for row in getattr(record_rows(r), table)]
                if rows:
                    old._insert_rows(table, columns[:keep], rows)
    finally:
        old.close()
    monkeypatch.undo()


@pytest.fixture(params=[True, False], ids=["lookups", "joins"])
def small_pages(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Run each query both ways: pages looked up by key, and (when no page is small enough)
    joined whole."""
    if not request.param:
        monkeypatch.setattr(store_base, "_LOOKUP_MAX", 0)
    return bool(request.param)


@pytest.fixture(params=[True, False], ids=["bounded", "unbounded"])
def filled(db: str, request: pytest.FixtureRequest) -> Iterator[Store]:  # noqa: F811
    """The store of RECORDS, with pages bounded by their last row's sort keys first (what
    DuckDB does) or not (PostgreSQL), whichever the engine."""
    store = open_store(db)
    store.bound_pages = bool(request.param)
    store.add_records((r, None) for r in RECORDS)
    yield store
    store.close()


@pytest.mark.parametrize(
    ("kind", "query"),
    [("events", q) for q in EVENT_QUERIES] + [("quotes", q) for q in QUOTE_QUERIES],
    ids=str,
)
def test_rows_and_counts_are_those_of_the_old_joins(
    filled: Store, small_pages: bool, kind: str, query: dict
) -> None:
    new, old = (filled.events, old_events) if kind == "events" else (filled.quotes, old_quotes)
    filters = Filters(**query)
    assert new(filters) == old(filled, filters)
    every = Filters(**{**query, "limit": None})
    assert filled.count(kind, every) == len(old(filled, every))


@pytest.mark.parametrize("sort", ["day", "published", "confidence", "type"])
def test_event_pages_are_those_of_the_old_joins(
    filled: Store, small_pages: bool, sort: str
) -> None:
    column = {"published": "a.published"}.get(sort, sql.EVENT_SORTS[sort])
    order = f" ORDER BY {column} DESC NULLS LAST, e.id"
    everything = old_events(filled, Filters(), order)
    page, total = filled.events_page(Filters(limit=4), sort=sort, descending=True, offset=3)
    assert total == len(everything)
    assert page == everything[3:7]
    one = everything[5]
    assert filled.event(one["id"]) == one


def test_every_page_end_is_that_of_the_old_joins(filled: Store) -> None:
    """Pages that end on ties, on NULL days and beyond the last row: the rows of the joins."""
    filled.add_records((varied_record(n), None) for n in (20, 34))  # no day, no publication
    everything = old_events(filled, Filters())
    quotes = old_quotes(filled, Filters())
    assert any(row["day"] is None for row in everything)
    for limit in range(len(everything) + 2):
        assert filled.events(Filters(limit=limit)) == everything[:limit]
        assert filled.events(Filters(limit=limit, country="GHA")) == old_events(
            filled, Filters(limit=limit, country="GHA")
        )
    for limit in range(len(quotes) + 2):
        assert filled.quotes(Filters(limit=limit)) == quotes[:limit]
    for sort in sql.EVENT_SORTS:
        for descending in (False, True):
            column = {"published": "a.published"}.get(sort, sql.EVENT_SORTS[sort])
            direction = "DESC" if descending else "ASC"
            ordered = old_events(
                filled, Filters(), f" ORDER BY {column} {direction} NULLS LAST, e.id"
            )
            for offset in (0, 1, 7, len(ordered) - 2):
                for limit in (1, 3, 10):
                    page, _ = filled.events_page(
                        Filters(limit=limit), sort=sort, descending=descending, offset=offset
                    )
                    assert page == ordered[offset : offset + limit], (sort, descending, offset)


def test_migration_4_fills_the_copies_of_an_old_store(
    db: str,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_old_store(db, monkeypatch)
    store = open_store(db)  # migrates
    try:
        assert store.schema_version() == sql.MIGRATIONS[-1].version >= 4
        fresh = open_store(str(tmp_path / "fresh.duckdb"))
        fresh.add_records((r, None) for r in RECORDS)
        try:
            for table in ("events", "event_actors", "quotes"):
                order = {"events": "id", "event_actors": "event_id, role, pos", "quotes": "id"}
                statement = f"SELECT * FROM {table} ORDER BY {order[table]}"
                assert [_plain(r) for r in store._query(statement)] == [
                    _plain(r) for r in fresh._query(statement)
                ]
            for query in EVENT_QUERIES:
                assert store.events(Filters(**query)) == fresh.events(Filters(**query))
            for query in QUOTE_QUERIES:
                assert store.quotes(Filters(**query)) == fresh.quotes(Filters(**query))
        finally:
            fresh.close()
    finally:
        store.close()


# --- actor totals (migration 5) ----------------------------------------------------------------

ACTOR_QUERIES: list[dict[str, Any]] = [
    {},
    {"limit": 3},
    {"country": "GHA"},
    {"sector": "GOV"},
    {"actor": "berg"},
    {"actor": "NOR"},
    {"actor": "50%"},
    {"actor": "ömer", "sector": "GOV"},
    {"since": "2024-02-01"},  # needs each article's day: grouped from the actor rows
]


def grouped_actors(store: Store, filters: Filters) -> list[dict[str, Any]]:
    """Store.actors as it was before migration 5: every actor row grouped."""
    where, params = _where(filters, sql.ACTOR_FILTERS)
    statement = sql.SELECT_ACTORS + where + sql.ACTORS_GROUP
    if filters.limit is not None:
        statement += " LIMIT ?"
        params.append(filters.limit)
    rows = [_plain(row) for row in store._query(statement, params)]
    for row in rows:
        row["articles"], row["events"] = int(row["articles"]), int(row["events"] or 0)
    return rows


def totals(store: Store) -> list[dict[str, Any]]:
    return [_plain(r) for r in store._query("SELECT * FROM actor_totals ORDER BY actor_key")]


@pytest.mark.parametrize("query", ACTOR_QUERIES, ids=str)
def test_actors_are_those_of_the_grouping(filled: Store, query: dict) -> None:
    filters = Filters(**query)
    assert filled.actors(filters) == grouped_actors(filled, filters)
    unlimited = Filters(**{**query, "limit": None})
    assert filled.count("actors", unlimited) == len(grouped_actors(filled, unlimited))


def test_actor_totals_add_up_over_batches(db: str) -> None:  # noqa: F811
    """Articles added one at a time, in batches, and again (then nothing is added) give the
    totals of the grouping over everything."""
    store = open_store(db)
    try:
        store.add_records((r, None) for r in RECORDS[:5])
        for r in RECORDS[3:9]:
            store.add_record(r)
        store.add_records((r, None) for r in [*RECORDS[8:], RECORDS[0]])
        assert store.actors() == grouped_actors(store, Filters())
        assert sum(row["articles"] for row in store.actors()) == 2 * len(RECORDS)
    finally:
        store.close()


def test_actor_totals_roll_back_with_their_article(db: str) -> None:  # noqa: F811
    store = open_store(db)
    try:
        store.add_records((r, None) for r in RECORDS[:4])
        before = totals(store)
        with pytest.raises(RuntimeError), store.transaction():
            store.add_records((r, None) for r in RECORDS[4:8])
            raise RuntimeError("the batch fails after its rows were written")
        assert totals(store) == before
        assert store.actors() == grouped_actors(store, Filters())
    finally:
        store.close()


def test_migration_5_fills_the_totals_of_an_old_store(
    db: str,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_old_store(db, monkeypatch)
    store = open_store(db)  # migrates
    fresh = open_store(str(tmp_path / "fresh.duckdb"))
    try:
        fresh.add_records((r, None) for r in RECORDS)
        assert totals(store) == totals(fresh)
        for query in ACTOR_QUERIES:
            assert store.actors(Filters(**query)) == fresh.actors(Filters(**query))
    finally:
        fresh.close()
        store.close()


def test_postgres_has_trigram_indexes_where_pg_trgm_is_there(filled: Store) -> None:
    """Migration 6: on PostgreSQL with pg_trgm available, each substring filter's column has
    a trigram index (the filter tests above then run with them); DuckDB has none."""
    if filled.engine != "postgres":
        assert filled.schema_version() >= 6
        return
    if not filled._query("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'"):
        pytest.skip("this server has no pg_trgm")
    found = {
        row["indexname"]
        for row in filled._query(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
        )
    }
    assert {name for name, _, _ in sql.TRIGRAM_COLUMNS} <= found


def test_postgres_indexes_the_country_filters_columns(filled: Store) -> None:
    """Migration 7: on PostgreSQL one b-tree holds both columns the country filter reads, so a
    count of a common country is an index-only scan; DuckDB gets no index for it."""
    if filled.engine != "postgres":
        assert filled.schema_version() >= 7
        return
    found = {
        row["indexname"]
        for row in filled._query(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
        )
    }
    assert "events_countries" in found
    assert filled.count("events", Filters(country="UKR")) == len(
        filled.events(Filters(country="UKR"))
    )
