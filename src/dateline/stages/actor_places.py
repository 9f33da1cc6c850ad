"""Actor places: the country of an unnamed group that the text locates.

Reads ``doc``, ``actors``, ``mentions`` and ``places``; writes ``actor_countries`` (the
``country`` of actors that had none).

The actor stage resolves names, titles and nationality words, but a group the text describes
without a nationality ("police", "thousands of people", "gunmen", "two students") keeps no
country, and an event between such actors cannot be coded by country. An analyst reads the
country off the place the text puts them in: "police fired tear gas at demonstrators in
Dhaka" is Bangladeshi police and Bangladeshi demonstrators (GUIDELINES.md: protesters,
police, civilians and local groups belong to the country where the text places them).

The country comes from a place named in the same sentence as one of the actor's mentions
(the nearest one). The article's own place (its dateline, or the country most of its places
lie in) is not used: on the tune reports it placed more groups wrongly than rightly.

Only groups and unnamed people are placed this way: a named person, an organisation and a
state keep what the actor stage found, and an actor with no mention in the text stays as it is.
"""

from __future__ import annotations

from bisect import bisect_right

from ..document import Actor, Document, Place
from .base import BaseStage

#: actor kinds whose country may come from the place the text puts them in
PLACEABLE_KINDS = frozenset({"group"})
#: mention kinds that show an unnamed person ("a local official", "the activist")
DESCRIPTIVE_HOWS = frozenset({"description", "pronoun"})


class ActorPlaceStage(BaseStage):
    name = "actor_places"
    requires: tuple[str, ...] = ("doc", "actors", "mentions", "places")
    assigns: tuple[str, ...] = ("actor_countries",)

    def process(self, document: Document) -> Document:
        if document.doc is None or not document.places:
            return document
        placed = [p for p in document.places if p.country and p.country != "IGO"]
        if not placed:
            return document
        starts = [s.start_char for s in document.doc.sents]
        # the places of each sentence, by the sentence's index
        places_in: dict[int, list[Place]] = {}
        for place in placed:
            places_in.setdefault(bisect_right(starts, place.span[0]) - 1, []).append(place)
        hows: dict[str, set[str]] = {}
        for mention in document.mentions:
            hows.setdefault(mention.actor_id, set()).add(mention.how)
        for actor in document.actors:
            if actor.country or not _placeable(actor, hows.get(actor.id, set())):
                continue
            country = _sentence_country(actor, places_in, starts)
            if country:
                actor.country = country
        return document


def _placeable(actor: Actor, hows: set[str]) -> bool:
    """Whether the actor is a group, or a person the text only describes (``hows``: the kinds
    of its mentions)."""
    if not actor.mentions:
        return False
    if actor.kind in PLACEABLE_KINDS:
        return True
    if actor.kind != "person":
        return False
    return bool(hows) and hows <= DESCRIPTIVE_HOWS


def _sentence_country(
    actor: Actor, places_in: dict[int, list[Place]], starts: list[int]
) -> str | None:
    """The country of the place nearest to one of the actor's mentions in that mention's
    sentence (sentences by their start offsets, places by sentence index)."""
    best: tuple[int, str] | None = None
    for start, end in actor.mentions:
        for place in places_in.get(bisect_right(starts, start) - 1, []):
            if place.country:
                distance = min(abs(place.span[0] - end), abs(start - place.span[1]))
                if best is None or distance < best[0]:
                    best = (distance, place.country)
    return best[1] if best else None
