"""Exports of stored events: CSV, Parquet, JSON lines, and GDELT 2.0 event files.

Every row carries its evidence sentence and source URL, so each can be traced back, and its
``modality``, ``confidence`` and ``reported_by``, so uncertain events never pass for facts.

>>> export(store, "csv", "events.csv")                               # doctest: +SKIP
>>> export(store, "gdelt", "events.tsv", Filters(country="UKR"))     # doctest: +SKIP

- ``csv`` and ``parquet``: one flat row per event (:data:`FLAT_COLUMNS`, :mod:`.flat`).
- ``jsonl``: one nested object per event, as :meth:`dateline.store.base.Store.events` gives it.
- ``gdelt``: exactly what a script written for GDELT 2.0 event files reads (:mod:`.gdelt`),
  plus a sidecar file with dateline's own fields keyed by ``GLOBALEVENTID``.

Files are written to a temporary name beside the target and renamed when complete, so a
full disk or a killed run never leaves a truncated file under the target's name.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Code, DatelineError
from .flat import FLAT_COLUMNS, flat_row, write_csv, write_jsonl, write_parquet
from .gdelt import DATELINE_GDELT_COLUMNS, GDELT_COLUMNS, cameo_roots, gdelt_row, write_gdelt
from .views import DYAD_COLUMNS, GEOJSON_PROPERTIES, dyad_rows, write_dyads, write_geojson

if TYPE_CHECKING:
    from ..store.base import Filters, Store

__all__ = [
    "DATELINE_GDELT_COLUMNS",
    "DYAD_COLUMNS",
    "FLAT_COLUMNS",
    "FORMATS",
    "GDELT_COLUMNS",
    "GEOJSON_PROPERTIES",
    "cameo_roots",
    "dyad_rows",
    "export",
    "flat_row",
    "gdelt_row",
    "sidecar_path",
]

FORMATS = ("csv", "parquet", "jsonl", "gdelt", "dyads", "geojson")

#: format -> writer(rows, path) -> extra files written beside ``path``
_WRITERS: dict[str, Callable[[list[dict[str, Any]], Path], list[Path]]] = {
    "csv": write_csv,
    "parquet": write_parquet,
    "jsonl": write_jsonl,
    "gdelt": write_gdelt,
    "dyads": write_dyads,
    "geojson": write_geojson,
}


def sidecar_path(out: str | Path) -> Path:
    """Where ``--format gdelt`` writes dateline's own fields for the events of ``out``."""
    out = Path(out)
    return out.with_name(out.name + ".dateline.tsv")


def _check_target(path: Path) -> None:
    if path.is_dir():
        raise DatelineError(
            Code.BAD_SETTING, f"cannot write {path}: it is a folder; give a file name"
        )
    if not path.parent.is_dir():
        raise DatelineError(
            Code.BAD_SETTING, f"cannot write {path}: the folder {path.parent} does not exist"
        )


def export(
    store: Store,
    format: str,
    out: str | Path,
    filters: Filters | dict[str, Any] | None = None,
) -> int:
    """Write the events ``filters`` keeps to ``out`` in ``format``; return how many."""
    writer = _WRITERS.get(format)
    if writer is None:
        raise DatelineError(
            Code.BAD_SETTING, f"unknown export format {format!r}; use one of {', '.join(FORMATS)}"
        )
    path = Path(out)
    _check_target(path)
    rows = store.events(filters)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    partial = Path(temporary)
    written: list[Path] = [partial]
    try:
        written.extend(writer(rows, partial))
        for extra in written[1:]:
            # a sidecar is named after the temporary file: give it the target's name
            extra.replace(sidecar_path(path))
        partial.replace(path)
    except OSError as error:
        for leftover in [*written, sidecar_path(partial)]:
            leftover.unlink(missing_ok=True)
        raise DatelineError(
            Code.BAD_SETTING, f"cannot write {path}: {error.strerror or error}"
        ) from error
    return len(rows)
