"""What every storage backend offers, and the queries they share.

>>> store = open_store("dateline.duckdb")            # doctest: +SKIP (dateline.store)
>>> store.add_record(record)                         # doctest: +SKIP
True
>>> store.events(Filters(country="UKR", type="ASSAULT"))  # doctest: +SKIP

A backend (:mod:`dateline.store.duckdb`, :mod:`dateline.store.postgres`) supplies a connection,
transactions and the parameter style; the schema, the statements (:mod:`dateline.store.sql`)
and the shape of what the queries return are the same for every engine.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from ..errors import Code, DatelineError
from . import sql
from .rows import RecordRows, Row, global_id, record_rows

if TYPE_CHECKING:
    from ..document import Cluster

log = logging.getLogger(__name__)

_CHUNK = 500  # ids per IN (...) list
#: up to this many rows, a query's page is looked up by key (an index scan per table); more
#: are joined whole (a scan of each table, cheaper than thousands of lookups)
_LOOKUP_MAX = 1000


@dataclass
class Filters:
    """What a query keeps. Text filters match case-insensitively anywhere in the field;
    ``country``/``sector`` are exact codes; ``since``/``until`` are inclusive days."""

    actor: str | None = None
    country: str | None = None
    type: str | None = None
    mode: str | None = None
    since: dt.date | str | None = None
    until: dt.date | str | None = None
    place: str | None = None
    text: str | None = None
    speaker: str | None = None
    sector: str | None = None
    article: str | None = None
    #: an event's modality (asserted, negated, intended, hypothetical, generic)
    modality: str | None = None
    #: events whose confidence is at least this (0 to 1)
    min_confidence: float | None = None
    limit: int | None = None

    @classmethod
    def of(cls, value: Filters | dict[str, Any] | None) -> Filters:
        if value is None:
            return cls()
        if isinstance(value, Filters):
            return value
        known = {f.name for f in fields(cls)}
        unknown = set(value) - known
        if unknown:
            raise DatelineError(
                Code.BAD_SETTING,
                f"unknown filter(s) {sorted(unknown)}; known filters: {sorted(known)}",
            )
        return cls(**value)


def _like(value: str) -> str:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _day(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DatelineError(
            Code.BAD_SETTING, f"{value!r} is not a day; write it as YYYY-MM-DD"
        ) from None


def _among(code: str) -> str:
    """A LIKE pattern for ``code`` as one of the ACTOR_SEP-separated codes of a column."""
    escaped = code.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{sql.ACTOR_SEP}{escaped}{sql.ACTOR_SEP}%"


def _filter_params(name: str, value: Any, fragment: str = "") -> list[Any]:
    """The parameters for the filter fragment ``name`` in :mod:`dateline.store.sql`."""
    if "actor_countries" in fragment:  # the event's copies of its actors' countries
        code = str(value).upper()
        return [_like(value) if name == "actor" else code, _among(code)]
    if name in ("since", "until"):
        return [_day(value)]
    if name == "type":
        return [str(value).upper()]
    if name in ("country", "sector"):
        return [str(value).upper()]
    if name == "mode":
        return [_like(f'"{value}"')]
    if name == "actor":
        return [_like(value), str(value).upper()]
    if name == "speaker":
        return [_like(value), _like(value)]
    if name == "article":
        return [value]
    if name == "modality":
        return [str(value).lower()]
    if name == "min_confidence":
        return [float(value)]
    return [_like(value)]


def _where(filters: Filters, fragments: dict[str, str]) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    for name, fragment in fragments.items():
        value = getattr(filters, name)
        if value is None or value == "":
            continue
        if sql.ACTOR_SEP in str(value) and name in sql.EVENT_FILTERS_BY_LINK:
            fragment = sql.EVENT_FILTERS_BY_LINK[name]
        values = _filter_params(name, value, fragment)
        if not any("\\" in v for v in values if isinstance(v, str)):
            # nothing to escape: without ESCAPE, DuckDB turns LIKE '%...%' into a substring
            # search ten times faster (PostgreSQL escapes with \ anyway, so the same rows)
            fragment = fragment.replace(sql.LIKE, sql.LIKE_PLAIN)
        clauses.append(fragment)
        if len(values) == 1:
            values = values * fragment.count("?")  # the same value in each place
        params.extend(values)
    for name in (
        "speaker",
        "sector",
        "actor",
        "text",
        "place",
        "mode",
        "type",
        "since",
        "until",
        "modality",
        "min_confidence",
    ):
        if getattr(filters, name) not in (None, "") and name not in fragments:
            raise DatelineError(
                Code.BAD_SETTING, f"this query has no {name!r} filter; use one of {list(fragments)}"
            )
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _limit(filters: Filters, params: list[Any]) -> str:
    if filters.limit is None:
        return ""
    params.append(int(filters.limit))
    return " LIMIT ?"


def columns_of(statement: str) -> list[str]:
    """The column list of an ``INSERT INTO table (a, b, ...) VALUES`` statement: the order
    :func:`dateline.store.rows.record_rows` builds its rows in."""
    inside = statement.split("(", 1)[1].split(")", 1)[0]
    return [name.strip() for name in inside.split(",")]


def _positions(statement: str, names: Sequence[str]) -> list[int]:
    columns = columns_of(statement)
    return [columns.index(name) for name in names]


def _first_of_each(rows: list[Row], key: Sequence[int]) -> list[Row]:
    """The rows with the first of each key: what ``ON CONFLICT DO NOTHING`` keeps."""
    seen: set[tuple[Any, ...]] = set()
    kept: list[Row] = []
    for row in rows:
        value = tuple(row[i] for i in key)
        if value not in seen:
            seen.add(value)
            kept.append(row)
    return kept


#: what an event or quote row shows of its article
_ARTICLE_COLUMNS = ("url", "site", "title", "published")


def _no_later(keys: Sequence[tuple[str, bool]], bound: Sequence[Any]) -> tuple[str, list[Any]]:
    """A condition (and its parameters) true of the rows whose ``keys`` ((column, descending),
    NULLs last) sort before or level with ``bound``, compared key by key."""
    (column, descending), *rest = keys
    value, *rest_bound = bound
    after = "<" if not descending else ">"
    inner, inner_values = _no_later(rest, rest_bound) if rest else ("", [])
    if value is None:  # every row with a value sorts before the NULLs
        if not rest:
            return "TRUE", []
        return f"({column} IS NOT NULL OR {inner})", inner_values
    if not rest:
        return f"{column} {after}= ?", [value]
    # the first comparison alone (without the OR) lets the engine skip row groups by it
    return (
        f"{column} {after}= ? AND ({column} {after} ? OR ({column} = ? AND {inner}))",
        [value, value, value, *inner_values],
    )


def _totals_answer(filters: Filters) -> bool:
    """Whether ``actor_totals`` answers an actors query: not when it keeps articles by day,
    or asks for a filter only the grouping knows (whose error that path raises)."""
    asked = {f.name for f in fields(filters) if getattr(filters, f.name) not in (None, "")}
    return not (asked - {"limit"} - set(sql.ACTOR_TOTALS_FILTERS))


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """Dates as ISO strings, so rows go straight to JSON and CSV."""
    return {
        k: (v.isoformat() if isinstance(v, dt.date | dt.datetime) else v) for k, v in row.items()
    }


class Store(ABC):
    """A database of records. One process writes at a time; each article in one transaction."""

    #: the engine's name, "duckdb" or "postgres"
    engine: str = ""
    #: whether a page's rows are first bounded by the sort keys of its last row (_bounded)
    bound_pages: bool = False

    def __init__(self, db: str) -> None:
        self.db = db
        self._depth = 0

    # --- what a backend supplies --------------------------------------------------------

    @abstractmethod
    def _begin(self) -> None: ...

    @abstractmethod
    def _commit(self) -> None: ...

    @abstractmethod
    def _rollback(self) -> None: ...

    @abstractmethod
    def _execute(self, statement: str, params: Sequence[Any] = ()) -> None: ...

    @abstractmethod
    def _executemany(self, statement: str, rows: Sequence[Sequence[Any]]) -> None: ...

    @abstractmethod
    def _query(self, statement: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]: ...

    @abstractmethod
    def close(self) -> None: ...

    def _lock_migrations(self) -> None:
        """Keep two processes from migrating at once (PostgreSQL takes an advisory lock;
        DuckDB needs nothing, as it lets one process open a file for writing)."""
        return None

    # --- transactions and schema ---------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Everything inside is written together or not at all. Nested calls join the outer
        transaction."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self._begin()
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            self._rollback()
            raise
        self._depth = 0
        self._commit()

    def migrate(self) -> list[int]:
        """Apply the migrations this database lacks, in order, in one transaction that first
        takes the migration lock (so a second process waits, then finds them applied, and
        nothing, not even ``schema_version``, is created outside the lock); return their
        numbers."""
        applied: list[int] = []
        with self.transaction():
            self._lock_migrations()
            self._execute(sql.SCHEMA_VERSION_TABLE)
            done = {row["version"] for row in self._query(sql.SELECT_VERSIONS)}
            for migration in sql.MIGRATIONS:
                if migration.version in done:
                    continue
                only_here = migration.postgres_only if self.engine == "postgres" else ()
                for statement in (*migration.statements, *only_here):
                    self._execute(statement)
                self._execute(
                    sql.INSERT_VERSION,
                    (
                        migration.version,
                        migration.name,
                        dt.datetime.now(dt.UTC).replace(tzinfo=None),
                    ),
                )
                applied.append(migration.version)
        if applied:
            log.info("applied migrations %s to %s", applied, self.db)
        return applied

    def schema_version(self) -> int:
        rows = self._query(sql.SELECT_VERSIONS)
        return max((row["version"] for row in rows), default=0)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writes ---------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        return bool(self._query(sql.HAS_ARTICLE, (article_id,)))

    def article_ids(self) -> set[str]:
        return {row["id"] for row in self._query(sql.ARTICLE_IDS)}

    def stored_among(self, article_ids: Sequence[str]) -> set[str]:
        """Which of ``article_ids`` are stored: one query per few hundred ids, where
        :meth:`has_article` asks once per article."""
        ids = list(article_ids)
        there: set[str] = set()
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            there.update(
                row["id"] for row in self._query(sql.STORED_AMONG.format(marks=marks), chunk)
            )
        return there

    def add_record(self, record: dict[str, Any], origin: str | None = None) -> bool:
        """Store one record whole, in its own transaction. False if its article is already
        stored (nothing is written then)."""
        return bool(self.add_records([(record, origin)]))

    def add_records(self, items: Iterable[tuple[dict[str, Any], str | None]]) -> list[str]:
        """Store many ``(record, origin)`` pairs in one transaction, each article whole; return
        the ids of the articles stored now, in input order (an article already stored, or
        twice in ``items``, is written once).

        The insert of the articles decides which are new (:meth:`_insert_articles`), so two
        processes adding the same article at once store it once and neither fails; the other
        tables are then filled in bulk (:meth:`_insert_rows`) for those articles alone."""
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        batch: dict[str, RecordRows] = {}
        for record, origin in items:
            rows = record_rows(record, origin, now)
            batch.setdefault(rows.article[0], rows)
        if not batch:
            return []
        with self.transaction():
            new = self._insert_articles([rows.article for rows in batch.values()])
            kept = [rows for article_id, rows in batch.items() if article_id in new]
            written: dict[str, list[Row]] = {}
            for table, statement in sql.RECORD_TABLES:
                rows_of_table = [row for rows in kept for row in getattr(rows, table)]
                key = sql.FIRST_ROW_WINS.get(table)
                if key is not None:
                    rows_of_table = _first_of_each(rows_of_table, _positions(statement, key))
                if rows_of_table:
                    self._insert_rows(table, columns_of(statement), rows_of_table)
                written[table] = rows_of_table
            self._add_actor_totals(kept, written["actors"], written["event_actors"])
        return [article_id for article_id in batch if article_id in new]

    def _add_actor_totals(
        self, kept: list[RecordRows], actors: list[Row], links: list[Row]
    ) -> None:
        """Add the new articles' share to ``actor_totals`` (migration 5), inside the caller's
        transaction: one staged row per actor row, with its article's day and URL and the
        number of links to it, grouped and added by one statement. The links to an actor row
        are all written with it (its id starts with its article's), so counting them here
        gives what a count over the whole of ``event_actors`` would."""
        if not actors:
            return
        article_at = {rows.article[0]: rows.article for rows in kept}
        actor_columns = columns_of(sql.INSERT_ACTOR)
        id_, article_, name, country, sector, kind = (
            actor_columns.index(c)
            for c in ("id", "article_id", "name", "country", "sector", "kind")
        )
        article_columns = columns_of(sql.INSERT_ARTICLE)
        published, url = article_columns.index("published"), article_columns.index("url")
        linked = Counter(
            link[columns_of(sql.INSERT_EVENT_ACTOR).index("actor_id")] for link in links
        )
        staged = [
            (
                row[name],
                row[country],
                row[sector],
                row[kind],
                row[article_],
                article_at[row[article_]][published],
                article_at[row[article_]][url],
                linked.get(row[id_], 0),
            )
            for row in actors
        ]
        self._execute(sql.STAGE_ACTOR_TOTALS)
        self._execute(sql.CLEAR_ACTOR_TOTALS_STAGE)
        self._insert_rows(
            "dateline_actor_delta", columns_of(sql.STAGE_ACTOR_TOTALS_COLUMNS), staged
        )
        self._execute(sql.UPSERT_ACTOR_TOTALS)
        self._execute(sql.CLEAR_ACTOR_TOTALS_STAGE)

    def _insert_articles(self, rows: Sequence[Sequence[Any]]) -> set[str]:
        """Insert the article rows that are not stored yet; return their ids. This default
        looks first, then inserts: right for an engine with one writer (DuckDB). A back-end
        shared by writers lets the insert itself decide (PostgreSQL: ``ON CONFLICT``)."""
        there = self.stored_among([str(row[0]) for row in rows])
        new_rows = [row for row in rows if row[0] not in there]
        if new_rows:
            self._insert_rows("articles", columns_of(sql.INSERT_ARTICLE), new_rows)
        return {str(row[0]) for row in new_rows}

    def _insert_rows(
        self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
    ) -> None:
        """Append ``rows`` (values in ``columns`` order) to ``table``, inside the caller's
        transaction. Back-ends override this with their bulk path (Arrow, COPY)."""
        marks = ", ".join("?" * len(columns))
        self._executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def add_skipped(self, origin: str, code: str | Code, reason: str) -> None:
        """Remember an input that gave no article, and why (one row per origin and code)."""
        code_text = code.value if isinstance(code, Code) else str(code)
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        with self.transaction():
            self._execute(sql.UPSERT_SKIPPED, (origin, code_text, reason, now))

    def replace_clusters(self, clusters: Iterable[Cluster]) -> int:
        """Swap the stored clusters for ``clusters`` in one transaction; return how many."""
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        cluster_rows: list[tuple[Any, ...]] = []
        member_rows: list[tuple[Any, ...]] = []
        for cluster in clusters:
            cluster_rows.append(
                (
                    cluster.id,
                    cluster.type,
                    cluster.first_report,
                    cluster.last_report,
                    cluster.first_day,
                    cluster.last_day,
                    cluster.place_name,
                    cluster.place_country,
                    len(cluster.event_ids),
                    len(cluster.article_ids),
                    len(cluster.sites),
                    json.dumps(cluster.sources, ensure_ascii=False),
                    json.dumps(cluster.quantities, ensure_ascii=False),
                    json.dumps(cluster.conflicts, ensure_ascii=False),
                    now,
                )
            )
            member_rows.extend(
                (cluster.id, event_id, article_id)
                for event_id, article_id in zip(
                    cluster.event_ids, cluster.event_articles, strict=True
                )
            )
        with self.transaction():
            self._execute(sql.DELETE_CLUSTER_MEMBERS)
            self._execute(sql.DELETE_CLUSTERS)
            if cluster_rows:
                self._executemany(sql.INSERT_CLUSTER, cluster_rows)
                self._executemany(sql.INSERT_CLUSTER_MEMBER, member_rows)
        return len(cluster_rows)

    # --- reads ----------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        return {
            table: int(self._query(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"])
            for table in sql.COUNT_TABLES
        }

    def skipped(self) -> list[dict[str, Any]]:
        return [_plain(row) for row in self._query(sql.SELECT_SKIPPED)]

    def record(self, article_id: str) -> dict[str, Any] | None:
        """The stored record of one article, as it was added."""
        rows = self._query(sql.SELECT_RECORD, (article_id,))
        if not rows or rows[0]["record_json"] is None:
            return None
        record: dict[str, Any] = json.loads(rows[0]["record_json"])
        record["article"]["text"] = rows[0]["text"]
        return record

    def events(self, filters: Filters | dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Events with their actors, recipients, quantities, evidence sentence and source.

        Each row: id, article_id, type, mode, context, cameo, date_value, date_granularity,
        date_source, day, place_*,
        modality, confidence, evidence, trigger, reported_by (name), url, site, title,
        published, actors/recipients ([{id, name, country, sector, kind}]), quantities,
        cluster_id (after ``fuse``)."""
        chosen = Filters.of(filters)
        where, params = _where(chosen, sql.EVENT_FILTERS)
        if chosen.limit is not None:
            where, params = self._bounded(
                sql.EVENT_IDS, where, params, sql.EVENTS_ORDER_KEYS, chosen.limit
            )
        picked = sql.EVENT_IDS + where + sql.EVENTS_ORDER + _limit(chosen, params)
        return self._picked_events(picked, params, sql.EVENTS_ORDER)

    def count(self, what: str, filters: Filters | dict[str, Any] | None = None) -> int:
        """How many rows ``events``, ``quotes`` or ``actors`` would give without a limit."""
        chosen = Filters.of(filters)
        queries = {
            "events": (sql.EVENT_IDS, sql.EVENT_FILTERS, ""),
            "quotes": (sql.QUOTE_IDS, sql.QUOTE_FILTERS, ""),
            "actors": (sql.SELECT_ACTORS, sql.ACTOR_FILTERS, sql.ACTORS_GROUP_ONLY),
        }
        if what not in queries:
            raise DatelineError(Code.BAD_SETTING, f"cannot count {what!r}; use {list(queries)}")
        if what == "actors" and _totals_answer(chosen):
            queries[what] = (sql.SELECT_ACTOR_TOTALS, sql.ACTOR_TOTALS_FILTERS, "")
        select, fragments, group = queries[what]
        where, params = _where(chosen, fragments)
        rows = self._query(f"SELECT COUNT(*) AS n FROM ({select}{where}{group}) counted", params)
        return int(rows[0]["n"])

    def quotes(self, filters: Filters | dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Quotes with their speaker, article URL and publication day."""
        chosen = Filters.of(filters)
        where, params = _where(chosen, sql.QUOTE_FILTERS)
        if chosen.limit is not None:
            where, params = self._bounded(
                sql.QUOTE_IDS, where, params, sql.QUOTES_ORDER_KEYS, chosen.limit
            )
        picked = sql.QUOTE_IDS + where + sql.QUOTES_ORDER + _limit(chosen, params)
        ids = [row["id"] for row in self._query(picked, params)]
        if len(ids) > _LOOKUP_MAX:
            statement = sql.SELECT_PICKED_QUOTES.format(picked=picked) + sql.QUOTES_ORDER
            return [_plain(row) for row in self._query(statement, params)]
        by_id = {row["id"]: row for row in self._lookup(sql.QUOTES_BY_ID, ids)}
        articles = self._articles_of(row["article_id"] for row in by_id.values())
        rows = []
        for quote_id in ids:
            row = by_id[quote_id]
            article = articles.get(row["article_id"])
            if article is not None:  # what the inner join to articles keeps
                rows.append(_plain({**row, **{k: article[k] for k in _ARTICLE_COLUMNS}}))
        return rows

    def _lookup(self, statement: str, keys: Iterable[Any]) -> list[dict[str, Any]]:
        """The rows of ``statement`` (with ``IN ({marks})``) for ``keys``, a chunk at a time."""
        unique = list(dict.fromkeys(key for key in keys if key is not None))
        found: list[dict[str, Any]] = []
        for start in range(0, len(unique), _CHUNK):
            chunk = unique[start : start + _CHUNK]
            found.extend(self._query(statement.format(marks=", ".join("?" * len(chunk))), chunk))
        return found

    def _articles_of(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        return {row["id"]: row for row in self._lookup(sql.ARTICLES_BY_ID, ids)}

    def actors(self, filters: Filters | dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Canonical actors across articles: how many articles and events name each."""
        chosen = Filters.of(filters)
        if _totals_answer(chosen):
            where, params = _where(chosen, sql.ACTOR_TOTALS_FILTERS)
            statement = (
                sql.SELECT_ACTOR_TOTALS + where + sql.ACTOR_TOTALS_ORDER + _limit(chosen, params)
            )
        else:  # the days of the articles that name each actor: grouped from the actor rows
            where, params = _where(chosen, sql.ACTOR_FILTERS)
            statement = sql.SELECT_ACTORS + where + sql.ACTORS_GROUP + _limit(chosen, params)
        rows = [_plain(row) for row in self._query(statement, params)]
        for row in rows:
            row["articles"] = int(row["articles"])
            row["events"] = int(row["events"] or 0)
        return rows

    def clusters(self) -> list[dict[str, Any]]:
        rows = [_plain(row) for row in self._query(sql.SELECT_CLUSTERS)]
        for row in rows:
            for key in ("sources", "quantities", "conflicts"):
                row[key] = json.loads(row[key])
        return rows

    # --- pages, single items and summaries (what the web API asks) ------------------------

    def events_page(
        self,
        filters: Filters | dict[str, Any] | None = None,
        *,
        modality: str | None = None,
        min_confidence: float | None = None,
        sort: str = "day",
        descending: bool = False,
        offset: int = 0,
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of :meth:`events` and the number of events that match in all.

        ``filters.limit`` is the page size (``None``: every row from ``offset``); ``sort`` is
        one of ``day``, ``published``, ``confidence``, ``type`` (ties broken by id)."""
        chosen = Filters.of(filters)
        if sort not in sql.EVENT_SORTS:
            raise DatelineError(
                Code.BAD_SETTING,
                f"cannot sort events by {sort!r}; use one of {list(sql.EVENT_SORTS)}",
            )
        if offset < 0 or (chosen.limit is not None and chosen.limit < 0):
            raise DatelineError(Code.BAD_SETTING, "offset and limit must be 0 or more")
        where, params = _where(chosen, sql.EVENT_FILTERS)
        extra: list[str] = []
        if modality:
            extra.append(sql.EVENT_MODALITY)
            params.append(modality)
        if min_confidence is not None:
            extra.append(sql.EVENT_MIN_CONFIDENCE)
            params.append(float(min_confidence))
        if extra:
            where += (" AND " if where else " WHERE ") + " AND ".join(extra)
        total = int(self._query(sql.COUNT_EVENTS + where, params)[0]["n"])
        direction = "DESC" if descending else "ASC"
        order = f" ORDER BY {sql.EVENT_SORTS[sort]} {direction} NULLS LAST, e.id"
        if chosen.limit is not None:
            keys = ((sql.EVENT_SORTS[sort], descending),)
            where, params = self._bounded(sql.EVENT_IDS, where, params, keys, offset + chosen.limit)
        page_params = [*params, chosen.limit if chosen.limit is not None else total, offset]
        picked = sql.EVENT_IDS + where + order + sql.PAGE
        return self._picked_events(picked, page_params, order), total

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event as :meth:`events` gives it, with its spans; ``None`` if there is none."""
        rows = self._events_by_id([event_id])
        return rows[0] if rows else None

    def _bounded(
        self,
        select: str,
        where: str,
        params: list[Any],
        keys: Sequence[tuple[str, bool]],
        end: int,
    ) -> tuple[str, list[Any]]:
        """``where`` narrowed to the rows that sort no later, on the leading sort ``keys``
        ((column, descending), NULLs last), than the ``end``-th row it keeps: the same first
        ``end`` rows in the same order, for an engine that finds them faster so
        (:attr:`bound_pages`). DuckDB sorts a million rows' keys for a top-N and reads each
        row's text id as it goes; the ``end``-th row's day is found from the day columns alone
        (a third of the time), and the rows up to it, a few hundred, are then sorted whole."""
        if not self.bound_pages or end <= 0:
            return where, params
        columns = ", ".join(f"{column} AS k{i}" for i, (column, _) in enumerate(keys))
        order = ", ".join(
            f"{column} {'DESC' if descending else 'ASC'} NULLS LAST" for column, descending in keys
        )
        source = select.split(" FROM ", 1)[1]
        found = self._query(
            f"SELECT {columns} FROM {source}{where} ORDER BY {order} LIMIT 1 OFFSET ?",
            [*params, end - 1],
        )
        if not found:  # fewer rows than the page's end: all of them
            return where, params
        bound = [found[0][f"k{i}"] for i in range(len(keys))]
        clause, values = _no_later(keys, bound)
        return (where + (" AND " if where else " WHERE ") + clause), [*params, *values]

    def _picked_events(self, picked: str, params: list[Any], order: str) -> list[dict[str, Any]]:
        """The events whose ids ``picked`` (a query on ``events e`` alone) gives, in its order."""
        ids = [row["id"] for row in self._query(picked, params)]
        if len(ids) <= _LOOKUP_MAX:
            return self._events_by_id(ids)
        found = self._query(sql.SELECT_PICKED_EVENTS.format(picked=picked) + order, params)
        return self._event_parts(found, (picked, params))

    def _events_by_id(self, ids: list[str]) -> list[dict[str, Any]]:
        """The events ``ids``, in that order, looked up by key in each table: the rows
        ``SELECT_EVENTS`` gives for them (one per cluster an event is in)."""
        by_id = {row["id"]: row for row in self._lookup(sql.EVENTS_BY_ID, ids)}
        found = [by_id[event_id] for event_id in ids if event_id in by_id]
        articles = self._articles_of(row["article_id"] for row in found)
        reporters = {
            row["id"]: row
            for row in self._lookup(sql.REPORTERS_BY_ID, (r["reported_by_id"] for r in found))
        }
        members: dict[str, list[str | None]] = {}
        for row in self._lookup(sql.MEMBERS_BY_EVENT, ids):
            members.setdefault(row["event_id"], []).append(row["cluster_id"])
        sizes: dict[str | None, list[dict[str, Any]]] = {}
        clusters = (c for cs in members.values() for c in cs)
        for row in self._lookup(sql.CLUSTER_SIZES_BY_ID, clusters):
            sizes.setdefault(row["id"], []).append(row)
        rows: list[dict[str, Any]] = []
        for event in found:
            article = articles.get(event["article_id"])
            if article is None:  # what the inner join to articles drops
                continue
            reporter = reporters.get(event["reported_by_id"]) or {}
            row = {
                **event,
                "reported_by": reporter.get("name"),
                "reported_by_country": reporter.get("country"),
                **{k: article[k] for k in _ARTICLE_COLUMNS},
            }
            for cluster_id in members.get(event["id"]) or [None]:
                for size in sizes.get(cluster_id, [{}]) if cluster_id else [{}]:
                    rows.append(
                        {
                            **row,
                            "cluster_id": cluster_id,
                            "cluster_articles": size.get("n_articles"),
                            "cluster_sites": size.get("n_sites"),
                        }
                    )
        return self._event_parts(rows)

    def _event_parts(
        self, found: list[dict[str, Any]], picked: tuple[str, list[Any]] | None = None
    ) -> list[dict[str, Any]]:
        """Event rows with their JSON columns decoded and their actors, recipients and
        quantities attached (the same shape :meth:`events` returns). With ``picked`` (the
        query that chose them and its parameters), the parts are joined to that query rather
        than looked up by id."""
        rows = [_plain(row) for row in found]
        by_id: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            row["mode"] = json.loads(row["mode"] or "[]")
            row["context"] = json.loads(row["context"] or "[]")
            row["more_evidence"] = json.loads(row["more_evidence"] or "[]")
            row["actors"], row["recipients"], row["quantities"] = [], [], []
            by_id.setdefault(row["id"], []).append(row)
        if picked is None:
            actors = self._lookup(sql.SELECT_EVENT_ACTORS.format(events="{marks}"), by_id)
            quantities = self._lookup(sql.SELECT_QUANTITIES.format(events="{marks}"), by_id)
        else:
            query, params = picked
            actors = self._query(sql.SELECT_EVENT_ACTORS.format(events=query), params)
            quantities = self._query(sql.SELECT_QUANTITIES.format(events=query), params)
        for part in actors:
            key = "actors" if part["role"] == "actor" else "recipients"
            for row in by_id.get(part["event_id"], ()):
                row[key].append({k: part[k] for k in ("id", "name", "country", "sector", "kind")})
        for part in quantities:
            for row in by_id.get(part["event_id"], ()):
                row["quantities"].append(
                    {
                        "value": part["value"],
                        "qualifier": part["qualifier"],
                        "unit": part["unit"],
                        "kind": part["kind"],
                        "text": part["text"],
                        "span": [part["start_char"], part["end_char"]],
                    }
                )
        return rows

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article: its metadata and text, and every actor, event, quote, date and place
        found in it with their character spans. Ids are the stored (article-prefixed) ids, so
        they match :meth:`events` and :meth:`quotes`. ``None`` if there is no such article."""
        rows = self._query(sql.SELECT_ARTICLE, (article_id,))
        record = self.record(article_id)
        if not rows or record is None:
            return None

        def gid(local: Any) -> Any:
            return global_id(article_id, local) if isinstance(local, str) else local

        for actor in record.get("actors", []):
            actor["id"] = gid(actor["id"])
        for event in record.get("events", []):
            event["id"] = gid(event["id"])
            event["actor"] = [gid(a) for a in event.get("actor") or []]
            event["recipient"] = [gid(a) for a in event.get("recipient") or []]
            event["reported_by"] = gid(event.get("reported_by"))
        for quote in record.get("quotes", []):
            quote["id"] = gid(quote["id"])
            quote["speaker"] = gid(quote.get("speaker"))
            quote["reported_by"] = gid(quote.get("reported_by"))
        article = _plain(rows[0])
        article["text"] = record["article"]["text"]
        return {
            "article": article,
            "actors": record.get("actors", []),
            "events": record.get("events", []),
            "quotes": record.get("quotes", []),
            "dates": record.get("dates", []),
            "places": record.get("places", []),
        }

    def stats(self) -> dict[str, Any]:
        """What the store holds: row counts, events by type, modality and place country,
        articles by site, and the first and last event day."""
        days = _plain(self._query(sql.STATS_DAYS)[0])

        def tally(statement: str, key: str) -> dict[str, int]:
            return {str(row[key]): int(row["n"]) for row in self._query(statement)}

        return {
            "counts": self.counts(),
            "event_types": tally(sql.STATS_TYPES, "type"),
            "modalities": tally(sql.STATS_MODALITIES, "modality"),
            "place_countries": tally(sql.STATS_COUNTRIES, "country"),
            "sites": tally(sql.STATS_SITES, "site"),
            "first_day": days["first_day"],
            "last_day": days["last_day"],
        }

    def actor_links(self, filters: Filters | dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Who acts on whom: one row per actor name, recipient name and event type, with the
        number of events (the same filters as :meth:`events`)."""
        chosen = Filters.of(filters)
        where, params = _where(chosen, sql.EVENT_FILTERS)
        statement = sql.SELECT_ACTOR_LINKS + where + sql.ACTOR_LINKS_GROUP + _limit(chosen, params)
        rows = self._query(statement, params)
        for row in rows:
            row["events"] = int(row["events"])
        return rows


def open_store(db: str | None = None) -> Store:
    """Open (and create or migrate) the store at ``db``: a DuckDB file path, or a
    ``postgresql://`` URL. ``None`` means the ``db`` setting (``dateline.duckdb``)."""
    from ..settings import DEFAULTS

    target = str(db) if db else str(DEFAULTS["db"])
    store: Store
    if target.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        store = PostgresStore(target)
    elif "://" in target:
        raise DatelineError(
            Code.BAD_DATABASE,
            f"--db {target!r}: only DuckDB files and postgresql:// URLs are supported",
        )
    else:
        from .duckdb import DuckDBStore

        store = DuckDBStore(target)
    try:
        store.migrate()
    except DatelineError:
        store.close()
        raise
    return store
