"""The quality gate: every scored metric on ../shared/eval stays at or above its floor.

The floors are data, in ``tests/quality_floors.tsv`` (one row per run, item and metric, with
the command that gives the same number). Each run named there is evaluated once per session
through the library (:func:`dateline.eval.runner.evaluate`, with the options its command
uses, ``--split`` included). Floors sit a little below the measured scores and may only go up:

- ``tests/quality_baseline.tsv`` holds, for every floor, the score measured when it was set
  and the hash of the run's input files (as trafilatura's eval gate keeps its baseline). A
  floor above that score, or more than :data:`SLACK` under it, fails; so does a run whose
  inputs no longer hash the same (re-measure with ``python tests/test_quality_gate.py``).
- A floor lower than in the previous version of the file (the last commit that changed it,
  or the one before when the file is unchanged since: in CI the commit under test is HEAD)
  fails unless its ``lowered`` column gives the reason. Raise a floor when a stage improves;
  lower one only with that visible reason.

Timing is not asserted here: speed belongs to ``make bench``.
"""

from __future__ import annotations

import csv
import hashlib
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

FLOORS = Path(__file__).resolve().parent / "quality_floors.tsv"
BASELINE = FLOORS.with_name("quality_baseline.tsv")
REPO = FLOORS.parents[1]
COLUMNS = ["run", "item", "metric", "floor", "lowered", "command"]
BASELINE_COLUMNS = ["run", "corpus", "item", "metric", "score"]
#: how far under the measured score a floor may sit without a ``lowered`` reason
SLACK = 0.05


@dataclass(frozen=True)
class Run:
    """One evaluation: a task of ``dateline.eval.TASKS``, its inputs under ../shared and the
    options passed to its ``evaluate``."""

    task: str
    paths: tuple[str, ...]
    options: dict[str, Any] = field(default_factory=dict)
    #: inputs (relative to ../shared) left out of ``paths``; see each use for why
    exclude: tuple[str, ...] = ()

    def inputs(self, shared: Path) -> list[Path]:
        """The input paths under ``shared``, or [] when one pattern matches nothing."""
        found: list[Path] = []
        for pattern in self.paths:
            matched = sorted(shared.glob(pattern))
            if not matched:
                return []
            found.extend(p for p in matched if p.relative_to(shared).as_posix() not in self.exclude)
        return found


PLACES = ("eval/lgl", "eval/tr-news", "eval/geovirus")
REPORTS = ("eval/seed", "eval/reports/*", "eval/reports-2023-26/*")
PLV = ("eval/plv/plv-train.csv",)
GSR = ("reference/plover/PLOVER_GSR_dev.json",)

#: the runs the floors name; keep in step with the command column of quality_floors.tsv
RUNS: dict[str, Run] = {
    "gold": Run("gold", ("eval/seed", "eval/reports/*")),
    "time": Run("time", ("eval/tbaq-cleaned",)),
    # the check half (AQUAINT), which the time rules are not tuned on (dateline.eval.splits)
    "time-check": Run("time", ("eval/tbaq-cleaned",), {"split": "check"}),
    # The geocoder on the gold toponyms of every article (fast), and detection plus
    # geocoding on the first 60 articles of each corpus (the full run takes minutes).
    "places-gold-spans": Run("places", PLACES, {"gold_spans": True}),
    "places": Run("places", PLACES, {"limit": 60}),
    "quotes": Run("quotes", ("eval/polnear/data/dev",)),
    "quotes-speech": Run("quotes", ("eval/polnear/data/dev",), {"cues": "speech"}),
    "plover-gsr": Run("plover-gsr", GSR),
    "plover-gsr-tune": Run("plover-gsr", GSR, {"split": "tune"}),
    "plover-gsr-check": Run("plover-gsr", GSR, {"split": "check"}),
    "fusion": Run("fusion", ("eval/ecbplus",)),
    # The development reports, tune and check parts (dateline.eval.splits).
    "reports-tune": Run("gold", REPORTS, {"split": "tune"}),
    "reports-check": Run("gold", REPORTS, {"split": "check"}),
    "plv-tune": Run("plv", PLV, {"split": "tune"}),
    "plv-check": Run("plv", PLV, {"split": "check"}),
}


@dataclass(frozen=True)
class Floor:
    run: str
    item: str
    metric: str
    floor: float
    command: str
    #: why the floor was lowered ("" when it never was); see the module docstring
    lowered: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.run, self.item, self.metric)


def _rows(text: str, columns: list[str], name: str) -> list[dict[str, str]]:
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    if rows and list(rows[0]) != columns:
        raise ValueError(f"{name} columns are {list(rows[0])}; expected {columns}")
    return rows


def parse_floors(text: str) -> list[Floor]:
    """Rows of the floors file; ``#`` lines are comments. A file from before the ``lowered``
    column (an older commit) reads with no reasons."""
    legacy = [c for c in COLUMNS if c != "lowered"]
    header = next((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), "")
    columns = legacy if header.split("\t") == legacy else COLUMNS
    rows = _rows(text, columns, "quality_floors.tsv")
    return [
        Floor(
            r["run"],
            r["item"],
            r["metric"],
            float(r["floor"]),
            r["command"],
            "" if r.get("lowered", "-") == "-" else r["lowered"],
        )
        for r in rows
    ]


def parse_baseline(text: str) -> dict[tuple[str, str, str], tuple[str, float]]:
    """(run, item, metric) -> (corpus hash, measured score) from the baseline file."""
    rows = _rows(text, BASELINE_COLUMNS, "quality_baseline.tsv")
    return {(r["run"], r["item"], r["metric"]): (r["corpus"], float(r["score"])) for r in rows}


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, check=False, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def previous_floors() -> list[Floor] | None:
    """The floors before the latest change to the file: the last commit that changed it when
    the working file differs from that commit, else the commit that changed it before. None
    outside git or without that history (a shallow clone)."""
    name = FLOORS.relative_to(REPO).as_posix()
    log = _git("log", "-n", "2", "--format=%H", "--", name)
    commits = log.split() if log else []
    if not commits:
        return None
    latest = _git("show", f"{commits[0]}:{name}")
    if latest is not None and latest != FLOORS.read_text(encoding="utf-8"):
        return parse_floors(latest)
    if len(commits) < 2:
        return None
    before = _git("show", f"{commits[1]}:{name}")
    return parse_floors(before) if before is not None else None


def lowered(old: list[Floor], new: list[Floor]) -> list[str]:
    """What ``new`` lowers or drops relative to ``old`` without a ``lowered`` reason."""
    current = {f.key: f for f in new}
    problems = []
    for floor in old:
        name = "/".join(floor.key)
        if floor.key not in current:
            problems.append(f"{name}: floor {floor.floor} was removed")
        elif current[floor.key].floor < floor.floor and not current[floor.key].lowered:
            problems.append(
                f"{name}: floor lowered from {floor.floor} to {current[floor.key].floor} "
                "with no reason in its lowered column"
            )
    return problems


def off_baseline(
    floors: list[Floor], baseline: dict[tuple[str, str, str], tuple[str, float]]
) -> list[str]:
    """Floors with no measured score, above it, or more than SLACK under it with no reason."""
    problems = []
    for floor in floors:
        name = "/".join(floor.key)
        if floor.key not in baseline:
            problems.append(f"{name}: no measured score in quality_baseline.tsv")
            continue
        score = baseline[floor.key][1]
        if floor.floor > score:
            problems.append(f"{name}: floor {floor.floor} is above the measured {score:.4f}")
        elif floor.floor < score - SLACK and not floor.lowered:
            problems.append(
                f"{name}: floor {floor.floor} sits more than {SLACK} under the measured "
                f"{score:.4f} with no reason in its lowered column"
            )
    stale = set(baseline) - {f.key for f in floors}
    problems.extend(f"{'/'.join(k)}: a baseline row with no floor" for k in sorted(stale))
    return problems


def corpus_hash(paths: Iterable[Path], root: Path) -> str:
    """sha256 (first 16 hex digits) over the relative names and bytes of every input file."""
    digest = hashlib.sha256()
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path])
    for file in files:
        digest.update(file.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


# -- the gate -------------------------------------------------------------------------------


def test_floors_file_names_known_runs() -> None:
    floors = parse_floors(FLOORS.read_text(encoding="utf-8"))
    assert floors
    assert {f.run for f in floors} == set(RUNS)
    assert len({f.key for f in floors}) == len(floors), "a run/item/metric is listed twice"
    assert all(0.0 < f.floor <= 1.0 for f in floors)


def test_floors_only_go_up() -> None:
    old = previous_floors()
    if old is None:
        pytest.skip("no earlier quality_floors.tsv in git to compare with (shallow or no git)")
    problems = lowered(old, parse_floors(FLOORS.read_text(encoding="utf-8")))
    assert not problems, (
        "quality floors may only go up; against the previous version of the file:\n  "
        + "\n  ".join(problems)
        + "\nFix the regression instead, or give the reason in the floor's lowered column."
    )


def test_floors_sit_just_under_the_baseline() -> None:
    floors = parse_floors(FLOORS.read_text(encoding="utf-8"))
    problems = off_baseline(floors, parse_baseline(BASELINE.read_text(encoding="utf-8")))
    assert not problems, "\n  ".join(["floors and quality_baseline.tsv disagree:", *problems])


def test_lowered_names_unexplained_lowered_and_removed_floors() -> None:
    old = [Floor("time", "TOTAL", "value_acc", 0.8, ""), Floor("gold", "seed", "ev_F1", 0.9, "")]
    new = [Floor("time", "TOTAL", "value_acc", 0.79, "")]
    assert lowered(old, new) == [
        "time/TOTAL/value_acc: floor lowered from 0.8 to 0.79 with no reason in its lowered column",
        "gold/seed/ev_F1: floor 0.9 was removed",
    ]
    assert lowered(old, [*old, Floor("fusion", "TOTAL", "conll", 0.5, "")]) == []
    reason = Floor("time", "TOTAL", "value_acc", 0.79, "", lowered="gold set corrected")
    assert lowered(old[:1], [reason]) == []


def test_off_baseline_names_floors_too_high_or_silently_low() -> None:
    floors = [
        Floor("a", "TOTAL", "f1", 0.70, ""),
        Floor("b", "TOTAL", "f1", 0.60, ""),
        Floor("c", "TOTAL", "f1", 0.60, "", lowered="a harder gold set"),
        Floor("d", "TOTAL", "f1", 0.50, ""),
    ]
    baseline = {
        ("a", "TOTAL", "f1"): ("h", 0.72),
        ("b", "TOTAL", "f1"): ("h", 0.72),
        ("c", "TOTAL", "f1"): ("h", 0.72),
        ("d", "TOTAL", "f1"): ("h", 0.40),
        ("e", "TOTAL", "f1"): ("h", 0.40),
    }
    assert off_baseline(floors, baseline) == [
        "b/TOTAL/f1: floor 0.6 sits more than 0.05 under the measured 0.7200 with no reason "
        "in its lowered column",
        "d/TOTAL/f1: floor 0.5 is above the measured 0.4000",
        "e/TOTAL/f1: a baseline row with no floor",
    ]


def test_an_older_floors_file_reads_without_reasons() -> None:
    text = "run\titem\tmetric\tfloor\tcommand\ntime\tTOTAL\tvalue_acc\t0.82\tdateline eval\n"
    assert parse_floors(text) == [Floor("time", "TOTAL", "value_acc", 0.82, "dateline eval")]


class Reports:
    """Each run evaluated once, on first use."""

    def __init__(self, shared: Path) -> None:
        self.shared = shared
        self.reports: dict[str, Any] = {}

    def __call__(self, name: str) -> Any:
        if name not in self.reports:
            from dateline.eval import runner

            run = RUNS[name]
            paths = run.inputs(self.shared)
            if not paths:
                pytest.skip(f"an input of {name} is not present under {self.shared}")
            # No pipeline: each scorer builds its default, exactly as the command does.
            self.reports[name] = runner.evaluate(run.task, paths, None, **run.options)
        return self.reports[name]


@pytest.fixture(scope="module")
def reports(shared_dir: Path) -> Reports:
    return Reports(shared_dir)


def _floor_id(floor: Floor) -> str:
    return "/".join(floor.key)


_ALL_FLOORS = parse_floors(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else []


@pytest.mark.slow
@pytest.mark.parametrize("floor", _ALL_FLOORS, ids=_floor_id)
def test_metric_meets_its_floor(floor: Floor, reports: Callable[[str], Any]) -> None:
    report = reports(floor.run)
    if floor.item == "TOTAL":
        row = report.total
    else:
        rows = {row["item"]: row for row in report.rows}
        assert floor.item in rows, f"{floor.run} has no row {floor.item!r}: {sorted(rows)}"
        row = rows[floor.item]
    value = row.get(floor.metric)
    assert isinstance(value, float | int), f"{_floor_id(floor)} is {value!r}"
    assert value >= floor.floor, (
        f"{_floor_id(floor)} = {value:.4f} is below its floor {floor.floor} "
        f"(reproduce with: {floor.command})"
    )


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(RUNS))
def test_inputs_are_those_the_baseline_was_measured_on(name: str, shared_dir: Path) -> None:
    baseline = parse_baseline(BASELINE.read_text(encoding="utf-8"))
    hashes = {corpus for (run, _, _), (corpus, _) in baseline.items() if run == name}
    paths = RUNS[name].inputs(shared_dir)
    if not paths:
        pytest.skip(f"an input of {name} is not present under {shared_dir}")
    assert hashes == {corpus_hash(paths, shared_dir)}, (
        f"the inputs of {name} changed since its floors were set: its scores are not "
        "comparable; re-measure with `python tests/test_quality_gate.py " + name + "`, "
        "then review every floor of that run"
    )


# -- re-measuring -----------------------------------------------------------------------------


def measure(shared: Path, names: Iterable[str]) -> list[dict[str, str]]:
    """Baseline rows (see BASELINE_COLUMNS) for every floor of the named runs, measured now."""
    floors = parse_floors(FLOORS.read_text(encoding="utf-8"))
    reports = Reports(shared)
    rows = []
    for name in names:
        corpus = corpus_hash(RUNS[name].inputs(shared), shared)
        report = reports(name)
        by_item = {row["item"]: row for row in report.rows}
        for floor in (f for f in floors if f.run == name):
            row = report.total if floor.item == "TOTAL" else by_item.get(floor.item, {})
            value = row.get(floor.metric)
            score = f"{value:.4f}" if isinstance(value, float | int) else "nan"
            rows.append(
                {"run": name, "corpus": corpus, "item": floor.item, "metric": floor.metric}
                | {"score": score}
            )
            print(f"{name}\t{floor.item}\t{floor.metric}\t{score}\tfloor {floor.floor}")
    return rows


def write_baseline(rows: list[dict[str, str]]) -> None:
    """Replace the baseline rows of the runs in ``rows``, keeping those of other runs."""
    measured = {row["run"] for row in rows}
    text = BASELINE.read_text(encoding="utf-8") if BASELINE.exists() else ""
    header = [ln for ln in text.splitlines() if ln.startswith("#")]
    kept = [r for r in _rows(text, BASELINE_COLUMNS, BASELINE.name) if r["run"] not in measured]
    lines = [*header, "\t".join(BASELINE_COLUMNS)]
    for row in sorted([*kept, *rows], key=lambda r: (r["run"], r["item"], r["metric"])):
        lines.append("\t".join(row[c] for c in BASELINE_COLUMNS))
    BASELINE.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    # python tests/test_quality_gate.py [RUN ...]: measure the runs (default: all) with
    # ../shared (or $DATELINE_SHARED) and rewrite their rows of quality_baseline.tsv.
    from conftest import _shared

    write_baseline(measure(_shared(), sys.argv[1:] or sorted(RUNS)))
