"""Whether an offset or a span meets any of many spans, by bisection.

Stages asked ``any(s <= offset < e for s, e in spans)`` once per word or per candidate, which
grows with the square of an article's length; a cover answers each question in log time."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from .document import Span


class SpanCover:
    """Spans sorted by start, with the furthest end reached so far at each."""

    def __init__(self, spans: Iterable[Span]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.reach: list[int] = []
        furthest = -1
        for _, end in ordered:
            furthest = max(furthest, end)
            self.reach.append(furthest)

    def __contains__(self, offset: int) -> bool:
        """``offset`` lies in some span (``start <= offset < end``)."""
        index = bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.reach[index]

    def overlaps(self, span: Span) -> bool:
        """Some span shares a character with ``span`` (``start < span end``, ``end > span
        start``)."""
        index = bisect_left(self.starts, span[1]) - 1
        return index >= 0 and self.reach[index] > span[0]
