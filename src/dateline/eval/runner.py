"""Run one scoring task on the tune part, the check part or all of its gold data.

This is the entry point for ``dateline eval`` and the quality gate: it picks the items of the
part (with the fixed rule of :mod:`dateline.eval.splits`), runs the task's ``evaluate`` and,
for the check part, keeps aggregate numbers only. The check part is never read case by case,
so its report has no per-article or per-label rows and no notes listing cases: a ``gold``
report keeps one row per corpus (the folder the reports sit in) and the TOTAL row, the
sentence tasks keep the TOTAL row, and asking for ``details`` is an error.

Reports (``gold``) are selected here by folder name; sentence tasks (``plover-gsr``, ``plv``)
select their rows by id themselves, through their ``split`` option.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import Code, DatelineError
from . import TASKS
from .report import EvalReport
from .splits import SPLITS, select_reports

#: tasks whose gold data is split, and how: by report folder, by sentence id, or by document
#: (TimeBank tune, AQUAINT check)
SPLIT_BY: dict[str, str] = {
    "gold": "report",
    "plover-gsr": "sentence",
    "plv": "sentence",
    "time": "document",
}


class SplitError(DatelineError):
    """A split option the task cannot honour (an unknown part, details on the check part)."""

    def __init__(self, message: str) -> None:
        super().__init__(Code.BAD_SETTING, message)


def check_options(task: str, split: str, details: bool = False) -> None:
    """Refuse an unknown task or split, a split on a task without one, and details on check."""
    if task not in TASKS:
        raise SplitError(f"unknown task {task!r}; choose one of {', '.join(TASKS)}")
    if split not in SPLITS:
        raise SplitError(f"unknown split {split!r}; choose one of {', '.join(SPLITS)}")
    if split != "all" and task not in SPLIT_BY:
        raise SplitError(
            f"task {task!r} has no tune/check parts; --split works for {', '.join(SPLIT_BY)}"
        )
    if split == "check" and details:
        raise SplitError(
            "the check part is scored in aggregate only and never read case by case; "
            "drop --details, or use --split tune to list cases"
        )


def evaluate(
    task: str,
    paths: Sequence[Path],
    pipeline: Any = None,
    split: str = "all",
    **options: Any,
) -> EvalReport:
    """Score ``task`` (a key of :data:`dateline.eval.TASKS`) on the ``split`` part of ``paths``.

    ``options`` go to the task's ``evaluate`` unchanged (``limit``, ``details``, ...).
    """
    check_options(task, split, bool(options.get("details")))
    module = importlib.import_module(TASKS[task])
    items = list(paths)
    if task == "gold":
        from .gold import report_folders

        items = report_folders(items)
    if SPLIT_BY.get(task) == "report" and split != "all":
        items = select_reports(items, split)
        if not items:
            raise SplitError(f"none of the {len(paths)} report(s) given is in the {split} part")
    elif SPLIT_BY.get(task) in ("sentence", "document") and split != "all":
        options["split"] = split
    report: EvalReport = module.evaluate(items, pipeline, **options)
    if split == "check":
        corpus = {_report_name(p): _corpus_name(p) for p in items} if task == "gold" else {}
        report = aggregate_only(report, corpus, getattr(module, "metrics", None))
    if split != "all":
        report.notes.append(f"split: {split} part only (dateline.eval.splits).")
    return report


def _report_name(path: Path) -> str:
    folder = Path(path)
    return folder.parent.name if folder.suffix == ".json" else folder.name


def _corpus_name(path: Path) -> str:
    folder = Path(path)
    if folder.suffix == ".json":
        folder = folder.parent
    return folder.resolve().parent.name


def aggregate_only(
    report: EvalReport, corpus_of: dict[str, str], metrics: Any = None
) -> EvalReport:
    """The report with its item rows folded into one row per corpus (when ``corpus_of`` names
    each row's corpus and ``metrics`` turns summed ``counts`` into a row), else none; the TOTAL
    row is kept and the notes, which may name cases, are dropped."""
    rows: list[dict[str, Any]] = []
    if corpus_of and metrics is not None:
        grouped: dict[str, Counter[str]] = {}
        for row in report.rows:
            name = corpus_of.get(str(row.get("item")), "other")
            grouped.setdefault(name, Counter()).update(row.get("counts") or {})
        rows = [{"item": name, **metrics(counts)} for name, counts in sorted(grouped.items())]
    return EvalReport(
        task=report.task,
        columns=report.columns,
        rows=rows,
        total=report.total,
        notes=["check part: aggregate numbers only; its cases are never listed."],
    )
