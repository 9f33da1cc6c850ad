"""Where extraction runs: in this process, in N local processes, or on a Dask cluster.

An engine takes the new articles and gives back, for each, an :data:`Outcome`: its record
(the JSON contract) or the coded reason it was skipped. Engines never write to the store;
:func:`dateline.ingest.ingest` is the one writer, whatever engine extracts.
"""

from __future__ import annotations

from .outcome import Outcome, RecordOutcome, SkipOutcome

__all__ = ["Outcome", "RecordOutcome", "SkipOutcome"]
