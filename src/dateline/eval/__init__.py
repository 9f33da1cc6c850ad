"""Scorers: the seed-style gold files (GUIDELINES.md) and the public gold sets in ../shared/eval.

Each task module exposes ``evaluate(paths, pipeline, **options) -> EvalReport``; the CLI's
``dateline eval --task NAME`` looks the module up in :data:`TASKS` and prints the report.
"""

from __future__ import annotations

TASKS: dict[str, str] = {
    "gold": "dateline.eval.gold",  # ../shared/eval/seed, reports/* (GUIDELINES.md)
    "time": "dateline.eval.time",  # tbaq-cleaned (TimeBank + AQUAINT .tml)
    "places": "dateline.eval.places",  # lgl, tr-news, geovirus
    "quotes": "dateline.eval.polnear",  # PolNeAR brat standoff
    "plover-gsr": "dateline.eval.plover_gsr",  # PLOVER_GSR_dev.json
    "fusion": "dateline.eval.fusion",  # ECB+ cross-document event coreference
}

#: tasks whose ``evaluate`` takes ``split=`` (tune, check or all; see :mod:`.splits`)
SPLIT_TASKS: tuple[str, ...] = ("time",)
