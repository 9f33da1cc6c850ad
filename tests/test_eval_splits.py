"""Scoring the tune and the check part (dateline.eval.runner): which items each part gets,
and that the check part shows aggregate numbers only, from the library and the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.document import Article, Document
from dateline.eval import runner
from dateline.eval.splits import split_of_report

EMPTY_GOLD = {"article": {"file": "article.txt"}, "actors": [], "events": [], "quotes": []}
# Report folder names by their part under the fixed rule (checked in the first test).
TUNE = ("alpha", "beta", "gamma")
CHECK = ("zeta", "eta")


def _report(folder: Path, quotes: int) -> None:
    """A gold file with ``quotes`` invented quotes (scored against an empty record)."""
    folder.mkdir(parents=True)
    gold = dict(EMPTY_GOLD)
    gold["quotes"] = [
        {"id": f"q{i}", "kind": "direct", "text": f"Words number {i}.", "speaker": "Someone"}
        for i in range(quotes)
    ]
    (folder / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    (folder / "article.txt").write_text("An invented article.", encoding="utf-8")


@pytest.fixture
def reports(tmp_path: Path) -> list[Path]:
    """Two corpora: one tune and one check report in ``news``, the others in ``wires``."""
    paths = []
    for corpus, names in (("news", ("alpha", "zeta")), ("wires", ("beta", "gamma", "eta"))):
        for i, name in enumerate(names):
            _report(tmp_path / corpus / name, quotes=i + 1)
            paths.append(tmp_path / corpus / name)
    return paths


def _records(paths: list[Path]) -> dict[str, Any]:
    return {
        p.name: {"article": {"text": ""}, "actors": [], "events": [], "quotes": []} for p in paths
    }


def test_the_fixture_names_fall_in_their_parts() -> None:
    assert {split_of_report(n) for n in TUNE} == {"tune"}
    assert {split_of_report(n) for n in CHECK} == {"check"}


def test_tune_lists_its_reports(reports: list[Path]) -> None:
    report = runner.evaluate("gold", reports, split="tune", records=_records(reports))
    assert [r["item"] for r in report.rows] == ["alpha", "beta", "gamma"]
    assert report.total["counts"]["q_gold"] == 1 + 1 + 2
    assert report.notes[-1] == "split: tune part only (dateline.eval.splits)."


def test_check_shows_corpus_totals_only(reports: list[Path]) -> None:
    report = runner.evaluate("gold", reports, split="check", records=_records(reports))
    assert [r["item"] for r in report.rows] == ["news", "wires"]
    assert [r["counts"]["q_gold"] for r in report.rows] == [2, 3]
    assert report.total["counts"]["q_gold"] == 5
    text = report.to_table()
    assert "zeta" not in text and "eta" not in text.replace("meta", "")
    assert "alpha" not in text


def test_all_is_the_default(reports: list[Path]) -> None:
    report = runner.evaluate("gold", reports, records=_records(reports))
    assert len(report.rows) == 5
    assert not any(note.startswith("split:") for note in report.notes)


def test_refusals(reports: list[Path]) -> None:
    with pytest.raises(runner.SplitError, match="never read case by case"):
        runner.evaluate("gold", reports, split="check", details=True)
    with pytest.raises(runner.SplitError, match="unknown split 'train'"):
        runner.evaluate("gold", reports, split="train")
    with pytest.raises(runner.SplitError, match="task 'places' has no tune/check parts"):
        runner.evaluate("places", reports, split="tune")
    with pytest.raises(runner.SplitError, match="none of the 2 report"):
        runner.evaluate("gold", reports[2:4], split="check", records=_records(reports))


class _Piping:
    """A pipeline with ``pipe``: one ASSAULT event per sentence, and a failure on one."""

    def __init__(self, fail_on: str) -> None:
        self.fail_on = fail_on

    def pipe(self, articles: list[Article]) -> Any:
        for article in articles:
            if article.text.startswith(self.fail_on):
                raise RuntimeError("a stage bug")
            yield Document(article=article)


def test_sentence_tasks_split_by_id_and_keep_only_the_total(fixtures_dir: Path) -> None:
    sample = fixtures_dir / "eval" / "plv_sample.csv"
    parts = {
        split: runner.evaluate("plv", [sample], _Piping(fail_on="Norway"), split=split)
        for split in ("tune", "check", "all")
    }
    assert [parts[s].total["n"] for s in ("tune", "check", "all")] == [4, 2, 6]
    assert parts["check"].rows == [] and len(parts["tune"].rows) == 4
    assert parts["all"].total["counts"]["failed"] == 1  # the pipe went on after it
    assert parts["all"].total["no_event"] == 1.0
    assert parts["check"].notes == [
        "check part: aggregate numbers only; its cases are never listed.",
        "split: check part only (dateline.eval.splits).",
    ]
    gsr = fixtures_dir / "eval" / "plover_gsr_sample.json"
    n = {s: runner.evaluate("plover-gsr", [gsr], _Piping("-"), split=s).total["n"] for s in parts}
    assert n == {"tune": 3, "check": 1, "all": 4}


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "80", "NO_COLOR": "1"})


def test_cli_refuses_details_on_the_check_part(tmp_path: Path) -> None:
    result = _invoke("eval", "--split", "check", "--details", str(tmp_path))
    assert result.exit_code == 2
    assert "never read case by case" in result.output
    result = _invoke("eval", "--split", "part", str(tmp_path))
    assert result.exit_code == 2
    assert "unknown split 'part'; choose one of tune, check, all" in result.output
    result = _invoke("eval", "--task", "places", "--split", "tune", str(tmp_path))
    assert result.exit_code == 2
    assert "has no tune/check parts" in result.output
