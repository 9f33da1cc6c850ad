"""The command line: a thin adapter over the library. Each command parses options, calls one
library function and prints; errors from the library become a message and exit status 2."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..errors import Code, DatelineError

if TYPE_CHECKING:
    from ..document import Article

app = typer.Typer(
    name="dateline",
    help="Turn news articles into sourced event data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(message: str) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(2)


def output_name(path: Path) -> str:
    """``DIR/<name>.json``: the parent folder's name for ``article.txt``, else the stem."""
    if path.name == "article.txt" and path.parent.name:
        return path.resolve().parent.name
    return path.stem


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="Article files, or - for standard input.")],
    out: Annotated[
        Path | None, typer.Option("--out", help="Write DIR/<name>.json for each input.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="json or table.")] = "json",
) -> None:
    """Extract actors, events, quotes, dates and places from articles."""
    from ..pipeline import Pipeline
    from ..readers import Skipped, iter_articles, parse_text, read_article
    from ..records import document_to_record
    from .render import render_table

    if fmt not in ("json", "table"):
        fail(f"unknown --format {fmt!r}; use json or table")
    if len(files) > 1 and out is None:
        fail("several inputs need --out DIR (one JSON file is written per input)")
    for name in files:  # before the model loads, so a typo fails at once
        if name != "-" and not Path(name).exists():
            fail(f"[{Code.NOT_FOUND.value}] {name} does not exist; check the path")
    try:
        pipeline = Pipeline.load()
        if out is None:
            source = files[0]
            article = (
                parse_text(sys.stdin.read(), origin="<stdin>")
                if source == "-"
                else read_article(Path(source))
            )
            record = document_to_record(pipeline(article))
            typer.echo(render_table(record) if fmt == "table" else _dumps(record))
            return
        out.mkdir(parents=True, exist_ok=True)
        skipped = written = 0

        def report(item: Skipped) -> None:
            nonlocal skipped
            skipped += 1
            typer.echo(f"skipped {item.origin}: [{item.code.value}] {item.reason}", err=True)

        names: dict[int, str] = {}  # id(article) -> the output name it was given

        def articles() -> Iterator[Article]:
            for path_text in files:
                path = Path(path_text)
                items = list(iter_articles([path]))
                for item in items:
                    if isinstance(item, Skipped):
                        report(item)
                        continue
                    name = output_name(path)
                    names[id(item)] = f"{name}-{item.id}" if len(items) > 1 else name
                    yield item

        for document in pipeline.pipe(articles(), on_skip=report):
            name = names.pop(id(document.article))
            record = document_to_record(document)
            (out / f"{name}.json").write_text(_dumps(record) + "\n", encoding="utf-8")
            written += 1
        typer.echo(f"wrote {written} file(s) to {out}, skipped {skipped}", err=True)
    except DatelineError as error:
        fail(str(error))


@app.command("eval")
def evaluate(
    paths: Annotated[list[Path], typer.Argument(help="Gold folders or files.")],
    task: Annotated[
        str,
        typer.Option("--task", help="gold, time, places, quotes, plover-gsr, plv or fusion."),
    ] = "gold",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for machines.")] = False,
    limit: Annotated[int | None, typer.Option(help="Score only the first N items.")] = None,
    details: Annotated[bool, typer.Option(help="List misses and false alarms.")] = False,
    split: Annotated[
        str,
        typer.Option(
            help="tune, check (aggregate numbers only) or all; gold, plover-gsr, plv, time."
        ),
    ] = "all",
) -> None:
    """Score the pipeline against gold annotations (see ../shared/eval/GUIDELINES.md)."""
    from ..eval import TASKS, runner

    if task not in TASKS:
        fail(f"unknown --task {task!r}; choose one of {', '.join(TASKS)}")
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        fail(f"no such path(s): {', '.join(missing)}")
    options: dict[str, Any] = {"limit": limit}
    if details:
        options["details"] = True
    try:
        report = runner.evaluate(task, list(paths), None, split=split, **options)
    except DatelineError as error:
        fail(str(error))
    typer.echo(_dumps(report.to_dict()) if as_json else report.to_table())


@app.command()
def demo(
    db: Annotated[str, typer.Option(help="Database for the demo.")] = "dateline-demo.duckdb",
) -> None:
    """Ingest the example articles shipped with dateline and show what came out."""
    from ..demo import run_demo

    try:
        typer.echo(run_demo(db))
    except DatelineError as error:
        fail(str(error))


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def _register_optional() -> None:
    try:
        store_cli = importlib.import_module("dateline.cli.store")
    except ModuleNotFoundError:
        return
    store_cli.register(app)


_register_optional()
importlib.import_module("dateline.cli.serve").register(app)


def main() -> None:
    app()
