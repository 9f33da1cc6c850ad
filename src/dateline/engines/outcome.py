"""What an engine gives back for one article: a record to store, or a coded skip."""

from __future__ import annotations

from typing import Any, NamedTuple


class RecordOutcome(NamedTuple):
    record: dict[str, Any]
    origin: str | None


class SkipOutcome(NamedTuple):
    origin: str
    code: str
    reason: str


Outcome = RecordOutcome | SkipOutcome
