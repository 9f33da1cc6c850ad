"""Whether an offset or a span meets any of many spans, by bisection.

Stages asked ``any(s <= offset < e for s, e in spans)`` once per word or per candidate, which
grows with the square of an article's length; a cover answers each question in log time
(quotes and their marks, places an actor holds, ...)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from .document import Span


class SpanCover:
    """Many spans (quotes, their marks), asked about by bisection instead of one by one:
    whether an offset lies in any of them, which of them overlap a stretch, and whether one
    starts inside a stretch."""

    def __init__(self, spans: Iterable[Span]) -> None:
        spans = list(spans)
        self.order = sorted(range(len(spans)), key=lambda i: spans[i])
        self.spans = [spans[i] for i in self.order]
        self.starts = [s for s, _ in self.spans]
        self.reach: list[int] = []
        furthest = -1
        for _, end in self.spans:
            furthest = max(furthest, end)
            self.reach.append(furthest)

    def __contains__(self, offset: int) -> bool:
        index = bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.reach[index]

    def overlapping(self, span: Span) -> list[int]:
        """The indices (in the order the spans were given) of the spans that share characters
        with ``span``, in that order."""
        found = []
        index = bisect_left(self.starts, span[1]) - 1
        while index >= 0 and self.reach[index] > span[0]:
            if self.spans[index][1] > span[0]:
                found.append(self.order[index])
            index -= 1
        return sorted(found)

    def starting_in(self, start: int, end: int) -> list[int]:
        """The indices (in the order the spans were given) of the spans that start at or after
        ``start`` and before ``end``, in that order."""
        return sorted(self.order[bisect_left(self.starts, start) : bisect_left(self.starts, end)])

    def starts_within(self, start: int, end: int) -> bool:
        """Whether any span starts at or after ``start`` and before ``end``."""
        return bisect_left(self.starts, start) < bisect_left(self.starts, end)

    def overlaps(self, span: Span) -> bool:
        """Some span shares a character with ``span``."""
        index = bisect_left(self.starts, span[1]) - 1
        return index >= 0 and self.reach[index] > span[0]
