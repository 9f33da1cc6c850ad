"""The command line on inputs a careless user or a flaky machine gives it: bad bytes on
standard input, pipes, unreadable folders, broken links, colliding output names, links and
full disks in the output folder, unknown option values. Every case ends in a coded message
or a coded skip line, never a traceback, and the other articles go on.

Every text here was written for this test."""

from __future__ import annotations

import codecs
import errno
import io
import json
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from dateline.cli import app
from dateline.cli.outputs import RunNames, output_name, unique_names, write_atomically
from dateline.cli.render import printable
from dateline.errors import Code
from dateline.readers import Skipped, iter_articles

ENV = {"COLUMNS": "200", "TERMINAL_WIDTH": "200", "FORCE_COLOR": None, "NO_COLOR": "1"}

ENGLISH = (
    "The city council of a small river town voted on Monday to repair the old bridge before "
    "the winter, and the mayor said that the work would start in the spring if the money "
    "arrived in time from the regional government."
)
FRENCH = (
    "Le conseil municipal d'une petite ville a voté lundi la réparation du vieux pont avant "
    "l'hiver, et le maire a déclaré que les travaux commenceraient au printemps si l'argent "
    "de la région arrivait à temps."
)


def invoke(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=stdin, env=ENV)


def assert_error(result: Result, message: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr == f"Error: {message}\n"


@pytest.fixture
def stdin_bytes(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    def feed(data: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))

    yield feed


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fail instead of hanging: a read that blocks ends the test after 20 s."""

    def expire(*_: object) -> None:
        raise TimeoutError("the read hung")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


# -- standard input goes through the readers' checks ----------------------------------------


def test_stdin_in_a_legacy_encoding_is_decoded(stdin_bytes: Any) -> None:
    stdin_bytes(ENGLISH.replace("city", "café city").encode("latin-1"))
    [article] = list(iter_articles(["-"]))
    assert not isinstance(article, Skipped)
    assert "café city" in article.text


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (codecs.BOM_UTF16_LE + ENGLISH.encode("utf-16-le")[:-1], Code.UNDECODABLE),
        (bytes(range(128, 256)) * 4, Code.UNDECODABLE),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), Code.BINARY),
        (b"", Code.EMPTY),
        (FRENCH.encode("utf-8"), Code.NOT_ENGLISH),
    ],
)
def test_bad_stdin_is_a_coded_skip(stdin_bytes: Any, data: bytes, code: Code) -> None:
    stdin_bytes(data)
    [item] = list(iter_articles(["-"]))
    assert isinstance(item, Skipped)
    assert (item.origin, item.code) == ("<stdin>", code)


def test_stdin_is_read_only_up_to_the_limit(stdin_bytes: Any) -> None:
    stdin_bytes(ENGLISH.encode("utf-8") * 100)
    [item] = list(iter_articles(["-"], max_bytes=1000))
    assert isinstance(item, Skipped) and item.code is Code.TOO_LARGE


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            codecs.BOM_UTF16_LE + b"T\x00a\x00\x00",
            "[E004] <stdin> starts with a UTF-16 byte-order mark but is not valid UTF-16 (bad "
            "bytes at offset 6); re-save it as UTF-8",
        ),
        (
            FRENCH.encode("utf-8"),
            "[E014] <stdin> does not look like English (5% of its first 38 words are common "
            "English words; English text has 25% or more); dateline reads English articles only",
        ),
    ],
)
def test_extract_from_bad_stdin_fails_before_the_model_loads(data: bytes, message: str) -> None:
    assert_error(invoke("extract", "-", stdin=data), message)


# -- files that are not plain readable files ------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_without_extension_does_not_hang(tmp_path: Path, deadline: None) -> None:
    pipe = tmp_path / "incoming"
    os.mkfifo(pipe)
    [item] = list(iter_articles([pipe]))
    assert isinstance(item, Skipped) and item.code is Code.NOT_A_FILE
    assert "dateline extract - <" in item.reason


def test_a_broken_link_in_a_folder_is_a_skip_line(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    items = list(iter_articles([tmp_path]))
    assert [type(item).__name__ for item in items] == ["Skipped", "Article"]
    skipped = items[0]
    assert isinstance(skipped, Skipped) and skipped.code is Code.NOT_FOUND
    assert "symbolic link" in skipped.reason


def test_an_unreadable_folder_is_a_skip_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(ENGLISH, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:  # chmod does not stop root, so refuse here
        if Path(path) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(iter_articles([tmp_path]))
    assert [type(item).__name__ for item in items] == ["Article", "Skipped"]
    assert isinstance(items[1], Skipped)
    assert (items[1].origin, items[1].code) == (str(locked), Code.UNREADABLE)


def test_an_unreadable_file_is_not_called_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(ENGLISH, encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    [item] = list(iter_articles([path]))
    assert isinstance(item, Skipped) and item.code is Code.UNREADABLE
    assert "does not exist" not in item.reason and "Permission denied" in item.reason


# -- output names, atomic writes, links ------------------------------------------------------


def test_inputs_with_one_stem_get_distinct_stable_names(tmp_path: Path) -> None:
    paths = [tmp_path / "a.txt", tmp_path / "a.html", tmp_path / "a.atom", tmp_path / "b.txt"]
    names = unique_names(paths)
    assert names == {
        paths[0]: "a.txt",
        paths[1]: "a.html",
        paths[2]: "a.atom",
        paths[3]: "b",
    }
    assert unique_names(reversed(paths)) == names  # the same names in any order


def test_article_txt_in_folders_of_one_name_get_a_path_hash(tmp_path: Path) -> None:
    first, second = tmp_path / "x" / "k" / "article.txt", tmp_path / "y" / "k" / "article.txt"
    names = unique_names([first, second])
    assert names[first] != names[second]
    assert all(name.startswith("k.txt-") for name in names.values())
    assert output_name(first) == "k"


def test_one_id_twice_gets_numbered_names() -> None:
    taken = RunNames()
    assert [taken.claim(n) for n in ("feed-ab", "feed-ab", "FEED-AB", "feed-cd")] == [
        "feed-ab",
        "feed-ab-2",
        "FEED-AB-3",  # a name only the case tells apart is taken too
        "feed-cd",
    ]


def test_a_link_in_the_output_folder_is_replaced_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.json").symlink_to(outside)
    write_atomically(out, "a.json", "{}\n")
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert not (out / "a.json").is_symlink()
    assert (out / "a.json").read_text(encoding="utf-8") == "{}\n"


def test_a_failed_write_leaves_neither_a_truncated_file_nor_a_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.json").write_text('{"old": true}\n', encoding="utf-8")

    def full_disk(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError):
        write_atomically(tmp_path, "a.json", '{"new": true}\n')
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8")) == {"old": True}


# -- terminal output -------------------------------------------------------------------------


def test_control_characters_are_not_printed_raw() -> None:
    shown = printable("Title\x1b[2J\x07 with\nbreak\u202eevil\x9b")
    assert shown == "Title\\x1b[2J\\x07 with break\\u202eevil\\x9b"
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in shown)


# -- option values --------------------------------------------------------------------------


def test_eval_refuses_a_negative_limit(tmp_path: Path) -> None:
    assert_error(
        invoke("eval", "--limit", "-3", str(tmp_path)),
        "[E051] --limit -3 is out of range; give a number of rows from 1 to 1,000,000,000, "
        "or 0 for all",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--modality", "certain"],
            "[E051] --modality 'certain' is unknown; use one of asserted, negated, intended, "
            "hypothetical, generic or all",
        ),
        (
            ["--min-confidence", "1.5"],
            "[E051] --min-confidence 1.5 is out of range; give a number from 0 to 1",
        ),
        (
            ["--country", "Frnace"],
            "[E051] --country 'Frnace' is not an ISO 3166-1 alpha-3 country code; did you "
            "mean FRA (France)?",
        ),
    ],
)
def test_export_refuses_unknown_values(args: list[str], message: str, tmp_path: Path) -> None:
    out = tmp_path / "e.csv"
    assert_error(invoke("export", "--format", "csv", "--out", str(out), *args), message)
    assert not out.exists()


# -- a store with events of several modalities -----------------------------------------------


@pytest.fixture
def db(tmp_path: Path) -> str:
    from dateline.store import open_store
    from helpers_store import fusion_records, small_record

    records = [*fusion_records(), small_record(1)]
    uncertain = records[-1]["events"][0]
    uncertain["modality"], uncertain["confidence"] = "intended", 0.3
    path = str(tmp_path / "store.duckdb")
    store = open_store(path)
    try:
        for record in records:
            store.add_record(record)
    finally:
        store.close()
    return path


def test_export_keeps_asserted_events_unless_told(db: str, tmp_path: Path) -> None:
    out = tmp_path / "e.jsonl"
    result = invoke("export", "--db", db, "--format", "jsonl", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote 4 event(s) to {out} (modality asserted)\n"
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {row["modality"] for row in rows} == {"asserted"}

    result = invoke(
        "export", "--db", db, "--format", "jsonl", "--out", str(out), "--modality", "all"
    )
    assert result.stdout == f"wrote 5 event(s) to {out} (every modality)\n"
    result = invoke(
        "export", "--db", db, "--format", "csv", "--out", str(out), "--modality", "intended"
    )
    assert result.stdout == f"wrote 1 event(s) to {out} (modality intended)\n"
    result = invoke(
        "export",
        "--db",
        db,
        "--format",
        "csv",
        "--out",
        str(out),
        "--modality",
        "all",
        "--min-confidence",
        "0.5",
        "--type",
        "consult",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote 0 event(s) to {out} (every modality)\n"


def test_events_say_when_the_limit_cuts(db: str) -> None:
    result = invoke("events", "--db", db, "--limit", "2", "--format", "json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 2
    assert result.stderr == "showing 2 of 5 events; --limit 0 shows all\n"

    result = invoke("events", "--db", db, "--format", "json")  # files are complete by default
    assert len(json.loads(result.stdout)) == 5
    assert result.stderr == ""

    result = invoke("actors", "--db", db, "--limit", "1")
    assert result.stderr.startswith("showing 1 of ")


def test_the_events_table_shows_modality_confidence_and_reporter(db: str) -> None:
    result = invoke("events", "--db", db)
    assert result.exit_code == 0, result.output
    header = result.stdout.splitlines()[0].split()
    assert {"modality", "conf", "reported", "by"} <= set(header)
    assert "intended" in result.stdout and "0.30" in result.stdout


# -- extract --out end to end ----------------------------------------------------------------


def _feed(items: list[tuple[str, str]]) -> str:
    entries = "".join(
        f"<item><title>{title}</title><link>{url}</link><description>{ENGLISH} {title}."
        "</description><pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate></item>"
        for title, url in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{entries}</channel></rss>'


@pytest.mark.slow
def test_extract_out_writes_every_article_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (inputs / "a.html").write_text(
        f"<html><head><title>Bridge</title></head><body><article><p>{ENGLISH}</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    same = "https://news.example.org/2024/03/04/bridge"
    (inputs / "a.rss").write_text(_feed([("One", same), ("Two", same)]), encoding="utf-8")
    (inputs / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (inputs / "fails.txt").write_text(ENGLISH.replace("bridge", "old ferry"), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me", encoding="utf-8")
    (out / "a.txt.json").symlink_to(outside)

    real_replace = os.replace

    def replace(source: Any, target: Any) -> None:
        if Path(target).name == "fails.json":
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    result = invoke("extract", str(inputs), "--out", str(out))
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == 4, written
    assert (written[0], written[3]) == ("a.html.json", "a.txt.json")
    assert written[2].startswith("a.rss-")  # a.rss-<article id>.json
    assert written[1] == written[2].removesuffix(".json") + "-2.json"  # the same URL again
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert not (out / "a.txt.json").is_symlink()
    errors = result.stderr
    assert f"skipped {inputs / 'fr.txt'}: [E014]" in errors
    assert f"skipped {inputs / 'fails.txt'}: [E064]" in errors
    assert errors.endswith(f"wrote 4 file(s) to {out}, skipped 2\n")
