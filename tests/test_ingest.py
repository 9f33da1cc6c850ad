"""Ingest: idempotent, resumable after kill -9, and a bad file never stops a batch."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from dateline.ingest import IngestSummary, ingest
from dateline.store import open_store
from helpers_store import FakePipeline, write_articles
from test_store import db, postgres_db  # noqa: F401 - the parametrised store fixture

TESTS = Path(__file__).resolve().parent
SRC = TESTS.parent / "src"


def test_ingest_twice_gives_the_same_counts(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 5)
    with open_store(str(tmp_path / "a.duckdb")) as store:
        first = ingest([tmp_path / "in"], store, pipeline=FakePipeline(), progress=False)
        counts = store.counts()
        second = ingest([tmp_path / "in"], store, pipeline=FakePipeline(), progress=False)
        assert (first.ingested, first.duplicates) == (5, 0)
        assert (second.ingested, second.duplicates) == (0, 5)
        assert store.counts() == counts
        assert counts["articles"] == 5 and counts["events"] == 5


def test_the_same_article_twice_in_one_run_is_stored_once(tmp_path: Path) -> None:
    (path,) = write_articles(tmp_path / "in", 1)
    (tmp_path / "in" / "copy.txt").write_bytes(path.read_bytes())
    with open_store(str(tmp_path / "a.duckdb")) as store:
        summary = ingest([tmp_path / "in"], store, pipeline=FakePipeline(), progress=False)
    assert (summary.ingested, summary.duplicates) == (1, 1)


def test_broken_files_are_listed_and_the_good_ones_stored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_articles(folder, 3)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 not text \x00\xff")
    (folder / "undecodable.txt").write_bytes(bytes(range(128, 256)) * 4)  # no encoding fits
    (folder / "french.txt").write_bytes(
        (
            "Le ministre a dit lundi que les négociations avec les syndicats reprendraient "
            "la semaine prochaine, après une longue grève des cheminots dans tout le pays."
        ).encode("latin-1")  # a legacy encoding is read; the language is what is refused
    )
    with open_store(str(tmp_path / "a.duckdb")) as store:
        summary = ingest([folder], store, pipeline=FakePipeline(), progress=False)
        assert summary.ingested == 3
        codes = {Path(origin).name: code for origin, code, _ in summary.skipped}
        assert codes == {
            "empty.txt": "E002",
            "binary.txt": "E003",
            "undecodable.txt": "E004",
            "french.txt": "E014",
        }
        stored = {Path(r["origin"]).name: r for r in store.skipped()}
        assert {name: r["code"] for name, r in stored.items()} == codes
        assert all(r["reason"] for r in stored.values())
        assert store.counts()["articles"] == 3


def test_an_article_that_breaks_the_pipeline_is_skipped(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 6)
    with open_store(str(tmp_path / "a.duckdb")) as store:
        summary = ingest(
            [tmp_path / "in"],
            store,
            pipeline=FakePipeline(fail_on="round 3 "),
            batch_size=2,
            progress=False,
        )
        assert summary.ingested == 5
        ((origin, code, reason),) = summary.skipped
        assert origin.endswith("article-003.txt") and code == "E060" and "RuntimeError" in reason
        assert store.counts()["articles"] == 5


def test_nothing_new_means_no_pipeline(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    with open_store(str(tmp_path / "a.duckdb")) as store:
        # pipeline=None would load spaCy; with no article to process it must not
        summary = ingest([tmp_path / "in"], store, pipeline=None, progress=False)
    assert isinstance(summary, IngestSummary)
    assert summary.ingested == 0 and len(summary.skipped) == 1


def test_progress_goes_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_articles(tmp_path / "in", 2)
    with open_store(str(tmp_path / "a.duckdb")) as store:
        ingest([tmp_path / "in"], store, pipeline=FakePipeline(), progress=True)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "2 stored" in captured.err and "articles/s" in captured.err


def test_cli_ingest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline.cli.store import register
    from dateline.pipeline import Pipeline

    monkeypatch.setattr(Pipeline, "load", classmethod(lambda cls, *a, **k: FakePipeline()))
    write_articles(tmp_path / "in", 3)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """dateline (test)"""

    register(app)
    cli_db = str(tmp_path / "cli.duckdb")
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "in"), "--db", cli_db, "--quiet"])
    assert result.exit_code == 0, result.output
    assert "3 article(s) stored, 0 already there, 1 skipped" in result.output
    assert "[E002]" in result.output


_DRIVER = """
import sys
from helpers_store import FakePipeline
from dateline.pipeline import Pipeline

delay, progress = float(sys.argv[1]), sys.argv[2]
Pipeline.load = classmethod(lambda cls, *a, **k: FakePipeline(delay=delay, progress=progress))
from dateline.cli import app
app(sys.argv[3:], prog_name="dateline")
"""


def _run_cli(args: list[str], delay: float, progress: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), str(TESTS), env.get("PYTHONPATH", "")])
    return subprocess.Popen(
        [sys.executable, "-c", _DRIVER, str(delay), str(progress), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_kill_9_during_ingest_then_rerun_equals_a_clean_run(db: str, tmp_path: Path) -> None:  # noqa: F811
    folder = tmp_path / "in"
    write_articles(folder, 30)
    progress = tmp_path / "progress.txt"
    crashed_db = db

    process = _run_cli(
        ["ingest", str(folder), "--db", crashed_db, "--batch-size", "4", "--commit-every", "4"],
        0.15,
        progress,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if progress.exists() and len(progress.read_text().splitlines()) >= 8:
            break
        if process.poll() is not None:
            pytest.fail(f"ingest ended early: {process.communicate()[1].decode()[-2000:]}")
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL

    with open_store(crashed_db) as store:
        partial = store.article_ids()
    assert 0 < len(partial) < 30  # it really stopped half-way

    rerun = _run_cli(["ingest", str(folder), "--db", crashed_db, "--quiet"], 0.0, tmp_path / "p2")
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err.decode()
    assert f"{30 - len(partial)} article(s) stored, {len(partial)} already there" in out.decode()

    clean_db = str(tmp_path / "clean.duckdb")
    clean = _run_cli(["ingest", str(folder), "--db", clean_db, "--quiet"], 0.0, tmp_path / "p3")
    assert clean.wait(timeout=120) == 0

    with open_store(crashed_db) as crashed, open_store(clean_db) as fresh:
        assert crashed.article_ids() == fresh.article_ids()
        assert len(crashed.article_ids()) == 30
        assert crashed.counts() == fresh.counts()
        key = lambda e: e["id"]  # noqa: E731
        strip = lambda e: {k: v for k, v in e.items()}  # noqa: E731
        assert sorted(map(strip, crashed.events()), key=key) == sorted(
            map(strip, fresh.events()), key=key
        )


@pytest.mark.postgres
def test_two_ingests_of_one_folder_at_once_on_postgres(postgres_db: str, tmp_path: Path) -> None:  # noqa: F811
    folder = tmp_path / "in"
    write_articles(folder, 24)
    open_store(postgres_db).close()  # the schema first, so both start extracting at once
    args = ["ingest", str(folder), "--db", postgres_db, "--quiet", "--batch-size", "2"]
    first = _run_cli([*args, "--commit-every", "3"], 0.02, tmp_path / "p1")
    second = _run_cli([*args, "--commit-every", "5"], 0.02, tmp_path / "p2")
    outputs = [process.communicate(timeout=120) for process in (first, second)]
    for process, (_, err) in zip((first, second), outputs, strict=True):
        assert process.returncode == 0, err.decode()[-2000:]
    stored = []
    for out, _ in outputs:
        line = out.decode().strip().splitlines()[-1]
        stored.append(int(line.split(" article(s) stored")[0]))
    assert sum(stored) == 24  # each article stored by one of the two, none twice
    clean = str(tmp_path / "clean.duckdb")
    assert (
        _run_cli(["ingest", str(folder), "--db", clean, "--quiet"], 0.0, tmp_path / "p3").wait(
            timeout=120
        )
        == 0
    )
    with open_store(postgres_db) as shared, open_store(clean) as fresh:
        assert shared.counts() == fresh.counts()
        assert shared.counts()["articles"] == 24


def _records(target: str) -> dict[str, object]:
    with open_store(target) as opened:
        return {article_id: opened.record(article_id) for article_id in opened.article_ids()}


def test_two_workers_store_the_records_of_one(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 9)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    summaries = {}
    for workers in (1, 2):
        with open_store(str(tmp_path / f"w{workers}.duckdb")) as store:
            summaries[workers] = ingest(
                [tmp_path / "in"],
                store,
                pipeline=FakePipeline(fail_on="round 4 "),
                workers=workers,
                batch_size=2,
                commit_every=3,
                progress=False,
            )
    one, two = summaries[1], summaries[2]
    assert (one.ingested, one.duplicates) == (two.ingested, two.duplicates) == (8, 0)
    assert sorted(one.skipped) == sorted(two.skipped) and len(one.skipped) == 2
    assert _records(str(tmp_path / "w1.duckdb")) == _records(str(tmp_path / "w2.duckdb"))
