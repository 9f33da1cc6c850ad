"""The command line as users see it: exact help and error messages, exit status 2 for errors,
output file names, and ``extract --out`` on an article written for this test."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from typer.testing import CliRunner, Result

from dateline.cli import app, output_name

# Rich lays the help out for the terminal; pin its width and drop any colour codes.
ENV = {"COLUMNS": "80", "TERMINAL_WIDTH": "80", "FORCE_COLOR": None, "NO_COLOR": "1"}

COMMANDS = [
    "extract",
    "eval",
    "demo",
    "ingest",
    "events",
    "quotes",
    "actors",
    "export",
    "fuse",
    "serve",
]

# The help as rich lays it out at 80 columns, trailing spaces of each line left out.
HELP = """\

 Usage: dateline [OPTIONS] COMMAND [ARGS]...

 Turn news articles into sourced event data.

╭─ Options ────────────────────────────────────────────────────────────────────╮
│ --version        <bool>  Print the version and exit.                         │
│ --help           <bool>  Show this message and exit.                         │
╰──────────────────────────────────────────────────────────────────────────────╯
╭─ Commands ───────────────────────────────────────────────────────────────────╮
│ extract  Extract actors, events, quotes, dates and places from articles.     │
│ eval     Score the pipeline against gold annotations (see                    │
│          ../shared/eval/GUIDELINES.md).                                      │
│ demo     Ingest the example articles shipped with dateline and show what     │
│          came out.                                                           │
│ ingest   Extract articles and store them; articles already stored are        │
│          skipped.                                                            │
│ events   List stored events with their evidence and source.                  │
│ quotes   List stored quotes: who said what, when, and where it was reported. │
│ actors   List actors across stored articles, most often named first.         │
│ export   Write stored events to a file, each row with its evidence and       │
│          source URL.                                                         │
│ fuse     Merge reports of the same event across articles into clusters.      │
│ serve    Serve the web page and the JSON API (/api, /openapi.json) over a    │
│          store.                                                              │
╰──────────────────────────────────────────────────────────────────────────────╯

 Examples:
   dateline extract article.txt --format table
   dateline ingest articles/ --db news.duckdb
   dateline events --db news.duckdb --country RUS --type ASSAULT
   dateline export --db news.duckdb --format csv --out events.csv

 Every command has --help; docs/usage.md describes them all.


"""

# An article written for this test (no real event); its header gives site, title and URL,
# and the date comes from the URL.
ARTICLE = """\
Site: Example Wire
Title: Finance ministers meet in Lisbon
URL: https://news.example.org/world/2024/mar/12/finance-ministers-lisbon

The finance ministers of Portugal and Spain met in Lisbon on Tuesday to discuss a shared \
plan for rail links between the two countries.

"We agreed on the first steps," the Portuguese finance minister told reporters after the \
meeting. Spain's government said on Wednesday that talks would continue next month.
"""

ARTICLE_BLOCK = {
    "id": "084be0815dc252fe",
    "url": "https://news.example.org/world/2024/mar/12/finance-ministers-lisbon",
    "site": "Example Wire",
    "title": "Finance ministers meet in Lisbon",
    "published": "2024-03-12",
    "published_source": "url",
}


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env=ENV)


def lines(output: str) -> list[str]:
    return [line.rstrip() for line in click.unstyle(output).splitlines()]


def assert_error(result: Result, message: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr == f"Error: {message}\n"


# -- help ---------------------------------------------------------------------------------


def test_help_lists_every_command() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    assert lines(result.output) == HELP.splitlines()
    assert click.unstyle(result.output).rstrip(" \n").endswith("describes them all.")


def test_no_arguments_shows_the_help() -> None:
    result = invoke()
    assert result.exit_code == 2  # click: missing command
    # the epilog's padding leaves one blank line where --help leaves two
    assert lines(result.output) == HELP.rstrip("\n").splitlines() + [""]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0, result.output
    assert f"Usage: dateline {command} [OPTIONS]" in click.unstyle(result.output)


# -- errors: a message on stderr and exit status 2 ------------------------------------------


@pytest.mark.slow  # extract loads the pipeline before it reads the file
def test_extract_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    assert_error(
        invoke("extract", str(missing)), f"[E001] {missing} does not exist; check the path"
    )


def test_extract_an_unknown_format() -> None:
    assert_error(
        invoke("extract", "--format", "xml", "article.txt"),
        "unknown --format 'xml'; use json or table",
    )


def test_extract_several_inputs_without_out() -> None:
    assert_error(
        invoke("extract", "one.txt", "two.txt"),
        "several inputs need --out DIR (one JSON file is written per input)",
    )


def test_eval_an_unknown_task(tmp_path: Path) -> None:
    assert_error(
        invoke("eval", "--task", "nope", str(tmp_path)),
        "unknown --task 'nope'; choose one of gold, time, places, quotes, plover-gsr, plv, fusion",
    )


def test_eval_a_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "no-gold"
    assert_error(invoke("eval", str(missing)), f"no such path(s): {missing}")


@pytest.mark.parametrize("command", ["events", "quotes", "actors", "fuse", "export"])
def test_a_reading_command_refuses_a_missing_database(command: str, tmp_path: Path) -> None:
    missing = tmp_path / "typo.duckdb"
    extra = ["--format", "csv", "--out", str(tmp_path / "e.csv")] if command == "export" else []
    assert_error(
        invoke(command, "--db", str(missing), *extra),
        f"[E041] the database {missing} does not exist; check --db (the default is "
        f"./dateline.duckdb), or fill it first with `dateline ingest FILES --db {missing}`",
    )
    assert not missing.exists()


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        (
            "--country",
            "Russia",
            "[E051] --country 'Russia' is not an ISO 3166-1 alpha-3 country code; "
            "did you mean RUS (Russia)?",
        ),
        (
            "--country",
            "RU",
            "[E051] --country 'RU' is not an ISO 3166-1 alpha-3 country code; "
            "did you mean RUS (Russia)?",
        ),
        (
            "--type",
            "ATTACK",
            "[E051] --type 'ATTACK' is not a PLOVER event type; use one of AGREE, CONSULT, "
            "SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, "
            "PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT",
        ),
        (
            "--limit",
            "-1",
            "[E051] --limit -1 is out of range; give a number of rows from 1 to "
            "1,000,000,000, or 0 for all",
        ),
        (
            "--limit",
            "99999999999999999999",
            "[E051] --limit 99999999999999999999 is out of range; give a number of rows from 1 "
            "to 1,000,000,000, or 0 for all",
        ),
    ],
)
def test_events_refuses_unknown_values(
    option: str, value: str, message: str, tmp_path: Path
) -> None:
    # checked before the database is opened: the path need not exist
    assert_error(invoke("events", "--db", str(tmp_path / "x.duckdb"), option, value), message)


def test_version() -> None:
    from dateline import __version__

    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"dateline {__version__}\n"


def test_a_store_command_with_an_unknown_format(tmp_path: Path) -> None:
    result = invoke("events", "--db", str(tmp_path / "empty.duckdb"), "--format", "xml")
    assert_error(result, "unknown --format 'xml'; use table, json or csv")


def test_a_store_command_on_an_empty_database(tmp_path: Path) -> None:
    from dateline.store import open_store

    open_store(str(tmp_path / "empty.duckdb")).close()
    result = invoke("events", "--db", str(tmp_path / "empty.duckdb"))
    assert result.exit_code == 0, result.output
    assert result.stdout == "(no rows)\n"
    result = invoke("quotes", "--db", str(tmp_path / "empty.duckdb"), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []


# -- output file names ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("corpus/kyiv-strike/article.txt", "kyiv-strike"),
        ("corpus/kyiv-strike/notes.txt", "notes"),
        ("corpus/report.html", "report"),
        ("feeds/world.rss.xml", "world.rss"),
        ("article.txt", "article"),
    ],
)
def test_output_name(path: str, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert output_name(Path(path)) == name


def test_output_name_of_article_txt_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "lisbon-talks"
    folder.mkdir()
    monkeypatch.chdir(folder)
    assert output_name(Path("./article.txt")) == "article"  # no folder named: the stem
    assert output_name(Path("../lisbon-talks/article.txt")) == "lisbon-talks"


# -- extract --out --------------------------------------------------------------------------


@pytest.mark.slow
def test_extract_writes_one_json_file_per_input(tmp_path: Path) -> None:
    from dateline.records import validate_record

    folder = tmp_path / "lisbon-talks"
    folder.mkdir()
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "second.txt").write_text(ARTICLE.replace("mar/12", "mar/13"), encoding="utf-8")
    out = tmp_path / "out"

    result = invoke(
        "extract", str(folder / "article.txt"), str(tmp_path / "second.txt"), "--out", str(out)
    )

    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"wrote 2 file(s) to {out}, skipped 0\n"
    assert sorted(p.name for p in out.iterdir()) == ["lisbon-talks.json", "second.json"]
    record = json.loads((out / "lisbon-talks.json").read_text(encoding="utf-8"))
    validate_record(record)
    text = record["article"].pop("text")
    assert record["article"] == ARTICLE_BLOCK
    assert text.startswith("The finance ministers of Portugal and Spain met in Lisbon")
    assert text.endswith("talks would continue next month.")
    # The stages keep improving: check the shape, not every value.
    assert set(record) >= {"actors", "events", "quotes", "dates", "places"}
    assert {"PRT", "ESP"} <= {a["country"] for a in record["actors"]}
    assert any(p["name"] == "Lisbon" and p["country"] == "PRT" for p in record["places"])
    assert any(d["value"] == "2024-03-12" for d in record["dates"])  # "on Tuesday"
    assert all(q["text"] and text[q["span"][0] : q["span"][1]] for q in record["quotes"])
    second = json.loads((out / "second.json").read_text(encoding="utf-8"))
    assert second["article"]["published"] == "2024-03-13"


@pytest.mark.slow
def test_extract_from_standard_input_as_a_table() -> None:
    result = CliRunner().invoke(app, ["extract", "--format", "table", "-"], input=ARTICLE, env=ENV)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "Finance ministers meet in Lisbon",
        "Example Wire | published 2024-03-12 (url)",
    ]
    assert {"EVENTS", "QUOTES", "ACTORS"} <= set(lines)
