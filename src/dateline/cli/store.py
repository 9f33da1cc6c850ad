"""The store's commands: ingest, events, quotes, actors, export, fuse.

Thin adapters: each parses its options, calls one library function and prints the result.
Library errors become ``Error: ...`` on stderr and exit status 2.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..errors import DatelineError
from .checks import (
    checked_confidence,
    checked_country,
    checked_limit,
    checked_modality,
    checked_type,
    existing_database,
)
from .render import printable

if TYPE_CHECKING:
    from ..store.base import Filters, Store

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="DuckDB file or postgresql:// URL.",
        show_default="./dateline.duckdb",
    ),
]
FormatOption = Annotated[str, typer.Option("--format", help="table, json or csv.")]
LimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit",
        help="At most this many rows (0: all).",
        show_default="100 in a table, all in json and csv",
    ),
]
#: rows a table shows when --limit is not given (json and csv give every row)
TABLE_ROWS = 100
ActorOption = Annotated[
    str | None, typer.Option("--actor", help="Actor or recipient: a name or country code.")
]
CountryOption = Annotated[
    str | None,
    typer.Option("--country", help="Country of an actor, recipient or the place (ISO alpha-3)."),
]
TypeOption = Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. ASSAULT.")]
ModeOption = Annotated[str | None, typer.Option("--mode", help="PLOVER mode, e.g. phone.")]
PlaceOption = Annotated[str | None, typer.Option("--place", help="Words of the place name.")]
TextOption = Annotated[str | None, typer.Option("--text", help="Words of the evidence sentence.")]
SinceOption = Annotated[str | None, typer.Option("--since", help="From this day (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Up to this day (YYYY-MM-DD).")]


def _fail(message: str) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(2)


@contextmanager
def _opened(db: str | None, create: bool = False) -> Iterator[Store]:
    """The store at ``db``; a reading command (``create=False``) refuses a DuckDB file that
    does not exist rather than creating an empty one."""
    from ..store import open_store

    try:
        store = open_store(db if create else existing_database(db))
    except DatelineError as error:
        _fail(str(error))
        raise  # unreachable: _fail exits
    try:
        yield store
    except DatelineError as error:
        _fail(str(error))
    finally:
        store.close()


def _short(text: Any, width: int) -> str:
    value = " ".join(printable(text).split())
    return value if len(value) <= width else value[: width - 1] + "…"


def _table(
    rows: list[dict[str, Any]], columns: list[tuple[str, Callable[[dict[str, Any]], Any]]]
) -> str:
    cells = [[name for name, _ in columns]]
    cells.extend([_short(get(row), 60) for _, get in columns] for row in rows)
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _csv(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in row.items()}
        )
    return buffer.getvalue().rstrip("\n")


def _check_format(fmt: str) -> None:
    if fmt not in ("table", "json", "csv"):
        _fail(f"unknown --format {fmt!r}; use table, json or csv")


def _limited(limit: int | None, fmt: str) -> int | None:
    """The row limit: ``--limit`` checked; not given, 100 rows in a table, all in a file."""
    try:
        return checked_limit(limit, TABLE_ROWS if fmt == "table" else None)
    except DatelineError as error:
        _fail(str(error))
        raise  # unreachable: _fail exits


def _checked(check: Callable[[Any], Any], value: Any) -> Any:
    try:
        return check(value)
    except DatelineError as error:
        _fail(str(error))


def _tell_cut(store: Store, what: str, filters: Filters, shown: int) -> None:
    """On stderr, when --limit cut the rows: how many there are in all."""
    if filters.limit is None or shown < filters.limit:
        return
    total = store.count(what, filters)
    if total > shown:
        typer.echo(f"showing {shown} of {total} {what}; --limit 0 shows all", err=True)


def _print(
    rows: list[dict[str, Any]], fmt: str, table: Callable[[list[dict[str, Any]]], str]
) -> None:
    if fmt == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        typer.echo(_csv(rows))
    else:
        typer.echo(table(rows) if rows else "(no rows)")


def _parties(parts: list[dict[str, Any]]) -> str:
    return ", ".join(f"{p['name']} ({p.get('country') or '?'})" for p in parts) or "-"


def _figures(event: dict[str, Any]) -> str:
    return "; ".join(
        f"{q.get('qualifier') + ' ' if q.get('qualifier') else ''}{q['value']:g} {q.get('kind') or q.get('unit') or ''}".strip()
        for q in event.get("quantities") or []
        if q.get("value") is not None
    )


def _events_table(rows: list[dict[str, Any]]) -> str:
    return _table(
        rows,
        [
            ("day", lambda e: e["day"]),
            ("type", lambda e: e["type"]),
            ("modality", lambda e: e["modality"]),
            ("conf", lambda e: "" if e["confidence"] is None else f"{e['confidence']:.2f}"),
            ("who", lambda e: _parties(e["actors"]) + " -> " + _parties(e["recipients"])),
            ("where", lambda e: e["place_name"]),
            ("figures", _figures),
            ("reported by", lambda e: e["reported_by"]),
            ("source", lambda e: e["site"] or e["url"]),
            ("evidence", lambda e: e["evidence"]),
        ],
    )


def _event_filters(
    *,
    actor: str | None,
    country: str | None,
    type: str | None,
    mode: str | None,
    since: str | None,
    until: str | None,
    place: str | None,
    text: str | None,
    modality: str | None = None,
    min_confidence: float | None = None,
    limit: int | None = None,
) -> Filters:
    """The filters of ``events`` and ``export``, each value checked (E051 with the fix)."""
    from ..store.base import Filters

    return Filters(
        actor=actor,
        country=_checked(checked_country, country),
        type=_checked(checked_type, type),
        mode=mode,
        since=since,
        until=until,
        place=place,
        text=text,
        modality=modality,
        min_confidence=_checked(checked_confidence, min_confidence),
        limit=limit,
    )


def _examples(*lines: str) -> str:
    return "Examples:\n" + "\n".join(f"  {line}" for line in lines)


def register(app: typer.Typer) -> None:
    """Add the store's commands to ``app``."""

    @app.command(
        epilog=_examples(
            "dateline ingest articles/ --db news.duckdb",
            "dateline ingest crawl.warc.gz feed.xml --db postgresql://localhost/news",
        )
    )
    def ingest(
        paths: Annotated[list[Path], typer.Argument(help="Files, folders, feeds, JSONL or WARC.")],
        db: DbOption = None,
        workers: Annotated[
            int, typer.Option(help="Extraction processes (local) or LocalCluster workers (dask).")
        ] = 1,
        batch_size: Annotated[int, typer.Option(help="Articles per nlp.pipe batch.")] = 32,
        commit_every: Annotated[
            int, typer.Option(help="Articles per write transaction (each stored whole).")
        ] = 64,
        engine: Annotated[
            str, typer.Option(help="Where extraction runs: local or dask.")
        ] = "local",
        scheduler: Annotated[
            str | None,
            typer.Option(help="Dask scheduler address (tcp://host:8786); none: a LocalCluster."),
        ] = None,
        staging: Annotated[
            Path | None,
            typer.Option(help="Dask: folder for the Parquet partitions, shared with the workers."),
        ] = None,
        quiet: Annotated[bool, typer.Option("--quiet", help="No progress line.")] = False,
    ) -> None:
        """Extract articles and store them; articles already stored are skipped."""
        from ..ingest import ingest as run_ingest

        if workers < 1 or batch_size < 1 or commit_every < 1:
            _fail("--workers, --batch-size and --commit-every must be 1 or more")
        with _opened(db, create=True) as store:
            summary = run_ingest(
                [str(p) for p in paths],
                store,
                workers=workers,
                batch_size=batch_size,
                progress=not quiet,
                commit_every=commit_every,
                engine=engine,
                scheduler=scheduler,
                staging=staging,
            )
            for origin, code, reason in summary.skipped:
                typer.echo(f"skipped {origin}: [{code}] {reason}", err=True)
            typer.echo(str(summary))

    @app.command(
        epilog=_examples(
            "dateline events --db news.duckdb",
            "dateline events --country RUS --type ASSAULT --since 2023-08-01",
            "dateline events --actor Japan --format json --limit 10",
        )
    )
    def events(
        db: DbOption = None,
        actor: ActorOption = None,
        country: CountryOption = None,
        type: TypeOption = None,
        mode: ModeOption = None,
        since: SinceOption = None,
        until: UntilOption = None,
        place: PlaceOption = None,
        text: TextOption = None,
        fmt: FormatOption = "table",
        limit: LimitOption = None,
    ) -> None:
        """List stored events with their evidence and source."""
        _check_format(fmt)
        filters = _event_filters(
            actor=actor,
            country=country,
            type=type,
            mode=mode,
            since=since,
            until=until,
            place=place,
            text=text,
            limit=_limited(limit, fmt),
        )
        with _opened(db) as store:
            rows = store.events(filters)
            _print(rows, fmt, _events_table)
            _tell_cut(store, "events", filters, len(rows))

    @app.command(
        epilog=_examples(
            "dateline quotes --db news.duckdb",
            "dateline quotes --speaker ministry --text attack --format json",
        )
    )
    def quotes(
        db: DbOption = None,
        speaker: Annotated[str | None, typer.Option(help="Words of the speaker's name.")] = None,
        text: Annotated[str | None, typer.Option(help="Words of the quote.")] = None,
        since: SinceOption = None,
        until: UntilOption = None,
        fmt: FormatOption = "table",
        limit: LimitOption = None,
    ) -> None:
        """List stored quotes: who said what, when, and where it was reported."""
        from ..store.base import Filters

        _check_format(fmt)
        filters = Filters(
            speaker=speaker, text=text, since=since, until=until, limit=_limited(limit, fmt)
        )
        with _opened(db) as store:
            rows = store.quotes(filters)
            _print(
                rows,
                fmt,
                lambda rows: _table(
                    rows,
                    [
                        ("published", lambda q: q["published"]),
                        ("speaker", lambda q: q["speaker"] or q["speaker_text"] or "?"),
                        ("kind", lambda q: q["kind"]),
                        ("quote", lambda q: q["text"]),
                        ("source", lambda q: q["site"] or q["url"]),
                    ],
                ),
            )
            _tell_cut(store, "quotes", filters, len(rows))

    @app.command(
        epilog=_examples(
            "dateline actors --db news.duckdb",
            "dateline actors --country UKR --sector GOV --format csv",
        )
    )
    def actors(
        db: DbOption = None,
        country: Annotated[str | None, typer.Option(help="ISO alpha-3 code, or IGO.")] = None,
        sector: Annotated[str | None, typer.Option(help="GOV, MIL, REB, OPP, MED, ...")] = None,
        fmt: FormatOption = "table",
        limit: LimitOption = None,
    ) -> None:
        """List actors across stored articles, most often named first."""
        from ..store.base import Filters

        _check_format(fmt)
        filters = Filters(
            country=_checked(checked_country, country), sector=sector, limit=_limited(limit, fmt)
        )
        with _opened(db) as store:
            rows = store.actors(filters)
            _print(
                rows,
                fmt,
                lambda rows: _table(
                    rows,
                    [
                        ("name", lambda a: a["name"]),
                        ("country", lambda a: a["country"]),
                        ("sector", lambda a: a["sector"]),
                        ("kind", lambda a: a["kind"]),
                        ("articles", lambda a: a["articles"]),
                        ("events", lambda a: a["events"]),
                        ("last seen", lambda a: a["last_seen"]),
                    ],
                ),
            )
            _tell_cut(store, "actors", filters, len(rows))

    @app.command(
        "export",
        epilog=_examples(
            "dateline export --db news.duckdb --format csv --out events.csv",
            "dateline export --format gdelt --out ukraine.tsv --country UKR",
            "dateline export --format parquet --out all.parquet --modality all",
        ),
    )
    def export_command(
        fmt: Annotated[
            str, typer.Option("--format", help="csv, parquet, jsonl, gdelt, dyads or geojson.")
        ],
        out: Annotated[Path, typer.Option("--out", help="File to write.")],
        db: DbOption = None,
        actor: ActorOption = None,
        country: CountryOption = None,
        type: TypeOption = None,
        mode: ModeOption = None,
        since: SinceOption = None,
        until: UntilOption = None,
        place: PlaceOption = None,
        text: TextOption = None,
        modality: Annotated[
            str,
            typer.Option(
                "--modality",
                help="asserted, negated, intended, hypothetical, generic, or all.",
            ),
        ] = "asserted",
        min_confidence: Annotated[
            float | None,
            typer.Option("--min-confidence", help="Only events at least this confident (0-1)."),
        ] = None,
    ) -> None:
        """Write stored events to a file, each row with its evidence and source URL.

        Only asserted events unless --modality says otherwise; filters as for events."""
        from ..export import export

        filters = _event_filters(
            actor=actor,
            country=country,
            type=type,
            mode=mode,
            since=since,
            until=until,
            place=place,
            text=text,
            modality=_checked(checked_modality, modality),
            min_confidence=min_confidence,
        )
        with _opened(db) as store:
            count = export(store, fmt, out, filters)
            kept = "every modality" if filters.modality is None else f"modality {filters.modality}"
            typer.echo(f"wrote {count} event(s) to {out} ({kept})")

    @app.command(epilog=_examples("dateline fuse --db news.duckdb"))
    def fuse(db: DbOption = None) -> None:
        """Merge reports of the same event across articles into clusters."""
        from ..fusion import fuse as run_fuse

        with _opened(db) as store:
            clusters = run_fuse(store)
            events = sum(len(c.event_ids) for c in clusters)
            conflicting = sum(1 for c in clusters if c.conflicts)
            typer.echo(
                f"{len(clusters)} cluster(s) of {events} event(s); "
                f"{conflicting} with figures that differ between sources"
            )
