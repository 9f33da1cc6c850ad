"""The quality gate: every scored metric on ../shared/eval stays at or above its floor.

The floors are data, in ``tests/quality_floors.tsv`` (one row per run, item and metric, with
the command that gives the same number). Each run named there is evaluated once per session
through the library (``dateline.eval.<module>.evaluate``), with the options that its command
uses. Floors sit a little below the measured scores and may only go up: a floor lower than
the one in the last commit fails the gate (compare ``git show HEAD:tests/quality_floors.tsv``).
Raise a floor when a stage improves; never lower one to let a change through.
"""

from __future__ import annotations

import csv
import importlib
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

FLOORS = Path(__file__).resolve().parent / "quality_floors.tsv"
REPO = FLOORS.parents[1]
COLUMNS = ["run", "item", "metric", "floor", "command"]


@dataclass(frozen=True)
class Run:
    """One evaluation: a task of ``dateline.eval.TASKS``, its inputs under ../shared and the
    options passed to its ``evaluate``."""

    task: str
    paths: tuple[str, ...]
    options: dict[str, Any] = field(default_factory=dict)


PLACES = ("eval/lgl", "eval/tr-news", "eval/geovirus")

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
    "plover-gsr": Run("plover-gsr", ("reference/plover/PLOVER_GSR_dev.json",)),
    "fusion": Run("fusion", ("eval/ecbplus",)),
}


@dataclass(frozen=True)
class Floor:
    run: str
    item: str
    metric: str
    floor: float
    command: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.run, self.item, self.metric)


def parse_floors(text: str) -> list[Floor]:
    """Rows of the floors file; ``#`` lines are comments."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    if rows and list(rows[0]) != COLUMNS:
        raise ValueError(f"quality_floors.tsv columns are {list(rows[0])}; expected {COLUMNS}")
    return [Floor(r["run"], r["item"], r["metric"], float(r["floor"]), r["command"]) for r in rows]


def committed_floors() -> list[Floor] | None:
    """The floors at git HEAD, or None outside a git checkout or before the file was
    committed."""
    try:
        shown = subprocess.run(
            ["git", "show", "HEAD:tests/quality_floors.tsv"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if shown.returncode != 0:
        return None
    return parse_floors(shown.stdout)


def lowered(old: list[Floor], new: list[Floor]) -> list[str]:
    """What ``new`` lowers or drops relative to ``old``, one line each."""
    current = {f.key: f.floor for f in new}
    problems = []
    for floor in old:
        name = "/".join(floor.key)
        if floor.key not in current:
            problems.append(f"{name}: floor {floor.floor} was removed")
        elif current[floor.key] < floor.floor:
            problems.append(f"{name}: floor lowered from {floor.floor} to {current[floor.key]}")
    return problems


# -- the gate -------------------------------------------------------------------------------


def test_floors_file_names_known_runs() -> None:
    floors = parse_floors(FLOORS.read_text(encoding="utf-8"))
    assert floors
    assert {f.run for f in floors} == set(RUNS)
    assert len({f.key for f in floors}) == len(floors), "a run/item/metric is listed twice"
    assert all(0.0 < f.floor <= 1.0 for f in floors)


def test_floors_only_go_up() -> None:
    old = committed_floors()
    if old is None:
        pytest.skip("no committed quality_floors.tsv to compare with (or git is unavailable)")
    problems = lowered(old, parse_floors(FLOORS.read_text(encoding="utf-8")))
    assert not problems, (
        "quality floors may only go up; these differ from git HEAD:\n  "
        + "\n  ".join(problems)
        + "\nFix the regression instead, or explain in the commit why a floor must move."
    )


def test_lowered_names_lowered_and_removed_floors() -> None:
    old = [Floor("time", "TOTAL", "value_acc", 0.8, ""), Floor("gold", "seed", "ev_F1", 0.9, "")]
    new = [Floor("time", "TOTAL", "value_acc", 0.79, "")]
    assert lowered(old, new) == [
        "time/TOTAL/value_acc: floor lowered from 0.8 to 0.79",
        "gold/seed/ev_F1: floor 0.9 was removed",
    ]
    assert lowered(old, [*old, Floor("fusion", "TOTAL", "conll", 0.5, "")]) == []


class Reports:
    """Each run evaluated once, on first use."""

    def __init__(self, shared: Path) -> None:
        self.shared = shared
        self.reports: dict[str, Any] = {}
        self.seconds: dict[str, float] = {}

    def __call__(self, name: str) -> Any:
        if name not in self.reports:
            from dateline.eval import TASKS

            run = RUNS[name]
            paths: list[Path] = []
            for pattern in run.paths:
                found = sorted(self.shared.glob(pattern))
                if not found:
                    pytest.skip(f"{self.shared / pattern} is not present")
                paths.extend(found)
            module = importlib.import_module(TASKS[run.task])
            started = time.monotonic()
            # No pipeline: each scorer builds its default, exactly as the command does.
            self.reports[name] = module.evaluate(paths, None, **run.options)
            self.seconds[name] = time.monotonic() - started
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
