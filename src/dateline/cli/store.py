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

if TYPE_CHECKING:
    from ..store.base import Store

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="DuckDB file or postgresql:// URL [default: ./dateline.duckdb]"),
]
FormatOption = Annotated[str, typer.Option("--format", help="table, json or csv.")]
LimitOption = Annotated[int, typer.Option("--limit", help="At most this many rows (0: all).")]
SinceOption = Annotated[str | None, typer.Option("--since", help="From this day (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Up to this day (YYYY-MM-DD).")]


def _fail(message: str) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(2)


@contextmanager
def _opened(db: str | None) -> Iterator[Store]:
    from ..store import open_store

    try:
        store = open_store(db)
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
    value = " ".join(("" if text is None else str(text)).split())
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


def _print(
    rows: list[dict[str, Any]], fmt: str, table: Callable[[list[dict[str, Any]]], str]
) -> None:
    if fmt == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        typer.echo(_csv(rows))
    elif fmt == "table":
        typer.echo(table(rows) if rows else "(no rows)")
    else:
        _fail(f"unknown --format {fmt!r}; use table, json or csv")


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
            (
                "type",
                lambda e: (
                    e["type"] + ("" if e["modality"] == "asserted" else f" ({e['modality']})")
                ),
            ),
            ("who", lambda e: _parties(e["actors"]) + " -> " + _parties(e["recipients"])),
            ("where", lambda e: e["place_name"]),
            ("figures", _figures),
            ("source", lambda e: e["site"] or e["url"]),
            ("evidence", lambda e: e["evidence"]),
        ],
    )


def register(app: typer.Typer) -> None:
    """Add the store's commands to ``app``."""

    @app.command()
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
        with _opened(db) as store:
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

    @app.command()
    def events(
        db: DbOption = None,
        actor: Annotated[
            str | None, typer.Option(help="Actor or recipient: a name or country code.")
        ] = None,
        country: Annotated[
            str | None,
            typer.Option(help="Country of an actor, recipient or the place (ISO alpha-3)."),
        ] = None,
        type: Annotated[
            str | None, typer.Option("--type", help="PLOVER type, e.g. ASSAULT.")
        ] = None,
        mode: Annotated[str | None, typer.Option(help="PLOVER mode, e.g. phone.")] = None,
        since: SinceOption = None,
        until: UntilOption = None,
        place: Annotated[str | None, typer.Option(help="Words of the place name.")] = None,
        text: Annotated[str | None, typer.Option(help="Words of the evidence sentence.")] = None,
        fmt: FormatOption = "table",
        limit: LimitOption = 100,
    ) -> None:
        """List stored events with their evidence and source."""
        from ..store.base import Filters

        filters = Filters(
            actor=actor,
            country=country,
            type=type,
            mode=mode,
            since=since,
            until=until,
            place=place,
            text=text,
            limit=limit or None,
        )
        with _opened(db) as store:
            _print(store.events(filters), fmt, _events_table)

    @app.command()
    def quotes(
        db: DbOption = None,
        speaker: Annotated[str | None, typer.Option(help="Words of the speaker's name.")] = None,
        text: Annotated[str | None, typer.Option(help="Words of the quote.")] = None,
        since: SinceOption = None,
        until: UntilOption = None,
        fmt: FormatOption = "table",
        limit: LimitOption = 100,
    ) -> None:
        """List stored quotes: who said what, when, and where it was reported."""
        from ..store.base import Filters

        filters = Filters(speaker=speaker, text=text, since=since, until=until, limit=limit or None)
        with _opened(db) as store:
            _print(
                store.quotes(filters),
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

    @app.command()
    def actors(
        db: DbOption = None,
        country: Annotated[str | None, typer.Option(help="ISO alpha-3 code, or IGO.")] = None,
        sector: Annotated[str | None, typer.Option(help="GOV, MIL, REB, OPP, MED, ...")] = None,
        fmt: FormatOption = "table",
        limit: LimitOption = 100,
    ) -> None:
        """List actors across stored articles, most often named first."""
        from ..store.base import Filters

        filters = Filters(country=country, sector=sector, limit=limit or None)
        with _opened(db) as store:
            _print(
                store.actors(filters),
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

    @app.command("export")
    def export_command(
        fmt: Annotated[str, typer.Option("--format", help="csv, parquet, jsonl or gdelt.")],
        out: Annotated[Path, typer.Option("--out", help="File to write.")],
        db: DbOption = None,
    ) -> None:
        """Write all stored events to a file, each row with its evidence and source URL."""
        from ..export import export

        with _opened(db) as store:
            count = export(store, fmt, out)
            typer.echo(f"wrote {count} event(s) to {out}")

    @app.command()
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
