"""Finding time expressions: run every rule, keep the longest of overlapping matches, resolve
them left to right so that each relative expression counts from the last date named."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left

from .grammar import CompiledRule, compiled_rules
from .records import Context, Ref, Timex


def find_timexes(text: str, anchor: dt.date | None, tense: str | None = None) -> list[Timex]:
    """Every time expression in ``text``, normalised against ``anchor``, sorted by offset.

    ``tense`` ("past" or "future") forces how bare weekdays and dates resolve; by default a
    cue in the surrounding clause decides, else the past (news reports what happened)."""
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    probe = Context(text, anchor, tense, find_timexes)
    candidates: list[tuple[int, int, int, CompiledRule, re.Match[str]]] = []
    for index, rule in enumerate(compiled_rules()):
        for m in rule.pattern.finditer(text):
            if m.end() <= m.start():
                continue
            probe.start, probe.end = m.start(), m.end()
            if rule.handler(m, probe) is None:
                continue
            candidates.append((m.start(), m.end(), index, rule, m))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    chosen: list[tuple[int, int, int, CompiledRule, re.Match[str]]] = []
    # the chosen stretches never overlap, so sorted by start their ends are sorted too, and
    # only the last one starting before a candidate's end can reach into it (asking every
    # chosen one per candidate grew with the square of the length)
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    for cand in candidates:
        before = bisect_left(taken_starts, cand[1])
        if before > 0 and taken_ends[before - 1] > cand[0]:
            continue
        chosen.append(cand)
        taken_starts.insert(before, cand[0])
        taken_ends.insert(before, cand[1])
    chosen.sort(key=lambda c: c[0])
    context = Context(text, anchor, tense, find_timexes)
    found: list[Timex] = []
    for start, end, _index, rule, m in chosen:
        context.start, context.end = start, end
        result = rule.handler(m, context)
        if result is None or result.drop:
            continue
        if result.ref is not None and result.moves_ref:
            context.ref = Ref(result.ref[0], result.ref[1], end)
        overnight = result.overnight or (result.value or "").endswith("TNI")
        found.append(Timex(start, end, text[start:end], result.value, result.type, overnight))
    return found


def normalise(
    expression: str, anchor: dt.date | None, tense: str | None = None
) -> tuple[str | None, str | None]:
    """The TIMEX3 value and type of one expression ("last Friday", "three days"); (None, None)
    when the grammar finds no time expression in it. When it finds several, the longest.
    A bare month or season ("March", "summer") is read as if after "in"."""
    found = find_timexes(expression, anchor, tense)
    if not found:
        found = find_timexes("in " + expression, anchor, tense)
    if not found:
        return None, None
    best = max(found, key=lambda t: t.end - t.start)
    return best.value, best.type
