"""An event's date and place (and, from quantities.py, its figures): the time expression and
the place in the sentence closest to the trigger in the parse, else the day named earlier in
the paragraph or the day of the report."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...document import EventDate
from .helpers import days_apart, path_to_root
from .quantities import quantities_of

if TYPE_CHECKING:
    from ...document import Place
    from .context import Candidate, Context

# Statements whose date, when the sentence gives none, is the day of the report (a same-day
# reaction, GUIDELINES.md).
STATEMENTS = {"ACCUSE", "SUPPORT", "REQUEST", "THREATEN", "AGREE"}
PLACED = {"ASSAULT", "PROTEST", "MOBILIZE", "COERCE", "CONSULT", "RETREAT"}
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def attach(ctx: Context, candidate: Candidate) -> None:
    """Give a candidate its date, place and figures."""
    candidate.date = date_of(ctx, candidate)
    candidate.place = place_of(ctx, candidate)
    candidate.quantities = quantities_of(ctx, candidate)


def date_of(ctx: Context, candidate: Candidate) -> EventDate | None:
    sent = candidate.token.sent
    options = []
    for expression in ctx.document.dates:
        if not (sent.start_char <= expression.span[0] < sent.end_char):
            continue
        if expression.type not in ("DATE", "TIME") or not expression.value:
            continue
        value = expression.value
        if not DAY.match(value):
            continue
        distance = _tree_distance(candidate, expression.span)
        options.append((distance, expression.span, value[:10]))
    if not options:
        return _context_date(ctx, candidate)
    options.sort()
    _, span, value = options[0]
    return EventDate(value=value, granularity="day", span=span)


def _context_date(ctx: Context, candidate: Candidate) -> EventDate | None:
    """No date in the sentence: the day named earlier in the same paragraph, else the
    report's own day for a statement (a same-day reaction)."""
    sent = candidate.token.sent
    paragraph_start = ctx.text.rfind("\n\n", 0, sent.start_char)
    best = None
    for expression in ctx.document.dates:
        if (
            paragraph_start < expression.span[0] < sent.start_char
            and expression.value
            and (DAY.match(expression.value))
        ):
            best = expression
    published = ctx.document.article.published
    if (
        best is not None
        and best.value
        and (published is None or days_apart(best.value, published.isoformat()) <= 7)
    ):
        return EventDate(value=best.value[:10], granularity="day", span=best.span)
    if candidate.type in STATEMENTS and published is not None:
        return EventDate(value=published.isoformat(), granularity="day", span=None)
    if candidate.type == "ASSAULT" and published is not None:
        # An attack reported without its day: the last day the report named before it
        # if that is within two days of publication, else the day of the report.
        for expression in reversed(ctx.document.dates):
            if expression.span[0] >= sent.start_char or not expression.value:
                continue
            if DAY.match(expression.value) and (
                days_apart(expression.value, published.isoformat()) <= 2
            ):
                return EventDate(expression.value[:10], "day", expression.span)
        return EventDate(value=published.isoformat(), granularity="day", span=None)
    return None


def _tree_distance(candidate: Candidate, span: tuple[int, int]) -> int:
    doc = candidate.token.doc
    target = doc.char_span(span[0], span[1], alignment_mode="expand")
    if target is None:
        return 99
    anchors = [candidate.token, candidate.head_token]
    up = {t.i: d for d, t in enumerate(path_to_root(target.root))}
    best = 99
    for anchor in anchors:
        for depth, node in enumerate(path_to_root(anchor)):
            if node.i in up:
                best = min(best, depth + up[node.i])
                break
    return best


def place_of(ctx: Context, candidate: Candidate) -> Place | None:
    """The place in the sentence closest to the trigger in the parse; a town beats a
    country or region named as well ("shelling in Kharkiv, Ukraine"). An attack takes
    the sentence's place even when the parse does not link it. Only some types are placed."""
    if candidate.type not in PLACED:
        return None
    sent = candidate.token.sent
    options = []
    for place in ctx.document.places:
        if not (sent.start_char <= place.span[0] < sent.end_char):
            continue
        if _is_adjective(ctx, place.span):
            continue
        distance = _tree_distance(candidate, place.span)
        broad = 1 if _is_country(ctx, place) else 0
        if distance <= 4 or candidate.type == "ASSAULT":
            options.append((broad, distance, place.span, place))
    if not options:
        return None
    options.sort(key=lambda o: (o[0], o[1], o[2]))
    return options[0][3]


def _is_adjective(ctx: Context, span: tuple[int, int]) -> bool:
    text = ctx.text[span[0] : span[1]]
    kn = ctx.knowledge
    return kn is not None and kn.country(text) is None and kn.country_of_adjective(text) is not None


def _is_country(ctx: Context, place: Place) -> bool:
    kn = ctx.knowledge
    return kn is not None and kn.country(place.name) is not None
