"""An event's date and place (and, from quantities.py, its figures): the date and its source
from dating.py; the place in the sentence closest to the trigger in the parse."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .dating import DAY, STATEMENTS, date_of, tree_distance
from .quantities import quantities_of

if TYPE_CHECKING:
    from ...document import Place
    from .context import Candidate, Context

PLACED = {"ASSAULT", "PROTEST", "MOBILIZE", "COERCE", "CONSULT", "RETREAT"}
__all__ = ["DAY", "PLACED", "STATEMENTS", "attach", "date_of", "place_of"]


def attach(ctx: Context, candidate: Candidate) -> None:
    """Give a candidate its date, place and figures."""
    candidate.date = date_of(ctx, candidate)
    candidate.place = place_of(ctx, candidate)
    candidate.quantities = quantities_of(ctx, candidate)


def place_of(ctx: Context, candidate: Candidate) -> Place | None:
    """The place in the sentence closest to the trigger in the parse; a town beats a
    country or region named as well ("shelling in Kharkiv, Ukraine"). An attack takes
    the sentence's place even when the parse does not link it. Only some types are placed."""
    if candidate.type not in PLACED:
        return None
    sent = candidate.token.sent
    options = []
    for place in ctx.places_starting_in(sent.start_char, sent.end_char):
        if _is_adjective(ctx, place.span):
            continue
        distance = tree_distance(candidate, place.span)
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
