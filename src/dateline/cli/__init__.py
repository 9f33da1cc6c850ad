"""The command line: a thin adapter over the library. Each command parses options, calls one
library function and prints; errors from the library become a message and exit status 2."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..errors import DatelineError
from .checks import checked_limit
from .outputs import output_name

__all__ = ["app", "main", "output_name"]

if TYPE_CHECKING:
    from ..document import Article

app = typer.Typer(
    name="dateline",
    help="Turn news articles into sourced event data.",
    epilog=(
        "Examples:\n"
        "  dateline extract article.txt --format table\n"
        "  dateline ingest articles/ --db news.duckdb\n"
        "  dateline events --db news.duckdb --country RUS --type ASSAULT\n"
        "  dateline export --db news.duckdb --format csv --out events.csv\n\n"
        "Every command has --help; docs/usage.md describes them all."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(message: str) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(2)


def _show_version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"dateline {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Turn news articles into sourced event data."""


EXTRACT_EXAMPLES = (
    "Examples:\n"
    "  dateline extract article.txt\n"
    "  dateline extract --format table article.html\n"
    "  cat article.txt | dateline extract -\n"
    "  dateline extract articles/ feed.xml --out out/"
)


@app.command(epilog=EXTRACT_EXAMPLES)
def extract(
    files: Annotated[list[str], typer.Argument(help="Article files, or - for standard input.")],
    out: Annotated[
        Path | None, typer.Option("--out", help="Write DIR/<name>.json for each input.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="json or table.")] = "json",
) -> None:
    """Extract actors, events, quotes, dates and places from articles."""
    if fmt not in ("json", "table"):
        fail(f"unknown --format {fmt!r}; use json or table")
    if len(files) > 1 and out is None:
        fail("several inputs need --out DIR (one JSON file is written per input)")
    from ..readers.base import missing

    for name in files:  # before the model loads, so a typo fails at once
        path = Path(name)
        if name != "-" and not path.exists() and not _is_glob(name):
            fail(str(missing(path)))
    try:
        if out is None:
            _extract_one(files[0], fmt)
        else:
            _extract_to_folder(files, out)
    except DatelineError as error:
        fail(str(error))


def _is_glob(name: str) -> bool:
    return bool(set(name) & set("*?["))


def _extract_one(source: str, fmt: str) -> None:
    """One article to stdout; it is read (and checked) before the model loads."""
    from ..errors import ReadError
    from ..pipeline import Pipeline
    from ..readers import Skipped, iter_articles, read_article
    from ..records import document_to_record
    from .render import render_table

    if source == "-":
        item = next(iter(iter_articles(["-"])))
        if isinstance(item, Skipped):
            raise ReadError(item.code, item.reason, item.origin)
        article = item
    else:
        article = read_article(Path(source))
    record = document_to_record(Pipeline.load()(article))
    typer.echo(render_table(record) if fmt == "table" else _dumps(record))


def _extract_to_folder(files: list[str], out: Path) -> None:
    """One JSON file per article under ``out``; bad inputs and failed writes are reported
    with their code and the others go on. The count is of files really written."""
    from ..errors import Code
    from ..pipeline import Pipeline
    from ..readers import Skipped, input_files, iter_articles
    from ..records import document_to_record
    from .outputs import RunNames, unique_names, write_atomically
    from .progress import Progress

    if out.exists() and not out.is_dir():
        fail(f"[{Code.BAD_OPTION.value}] --out {out} is a file; give a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        fail(f"[{Code.WRITE_FAILED.value}] cannot create the folder {out}: {error.strerror}")
    skipped = written = 0

    def report(item: Skipped) -> None:
        nonlocal skipped
        skipped += 1
        typer.echo(f"skipped {item.origin}: [{item.code.value}] {item.reason}", err=True)

    sources: list[Path | str | Skipped] = []
    for name in files:
        sources.extend(["-"] if name == "-" else input_files(name))
    paths = [source for source in sources if isinstance(source, Path)]
    names = unique_names(paths)
    taken = RunNames()
    progress = Progress("extract", total=len(sources))
    given: dict[int, str] = {}  # id(article) -> its output name

    def articles() -> Iterator[Article]:
        for source in sources:
            if isinstance(source, Skipped):
                report(source)
                progress.input_done()
                continue
            items = list(iter_articles([source]))
            base = names[source] if isinstance(source, Path) else "stdin"
            several = sum(not isinstance(item, Skipped) for item in items) > 1
            for item in items:
                if isinstance(item, Skipped):
                    report(item)
                    continue
                given[id(item)] = taken.claim(f"{base}-{item.id}" if several else base)
                yield item
            progress.input_done()

    for document in Pipeline.load().pipe(articles(), on_skip=report):
        name = given.pop(id(document.article))
        text = _dumps(document_to_record(document)) + "\n"
        try:
            write_atomically(out, f"{name}.json", text)
        except OSError as error:
            report(
                Skipped(
                    document.article.origin or name,
                    Code.WRITE_FAILED,
                    f"cannot write {out / (name + '.json')}: {error.strerror or error}",
                )
            )
            continue
        written += 1
        progress.article()
    progress.close()
    typer.echo(f"wrote {written} file(s) to {out}, skipped {skipped}", err=True)


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
    try:
        limit = checked_limit(limit)
    except DatelineError as error:
        fail(str(error))
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
