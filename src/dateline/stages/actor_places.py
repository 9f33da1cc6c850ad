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
        sentences = [(s.start_char, s.end_char) for s in document.doc.sents]
        for actor in document.actors:
            if actor.country or not _placeable(actor, document):
                continue
            country = _sentence_country(actor, placed, sentences)
            if country:
                actor.country = country
        return document


def _placeable(actor: Actor, document: Document) -> bool:
    if not actor.mentions:
        return False
    if actor.kind in PLACEABLE_KINDS:
        return True
    if actor.kind != "person":
        return False
    hows = {m.how for m in document.mentions if m.actor_id == actor.id}
    return bool(hows) and hows <= DESCRIPTIVE_HOWS


def _sentence_of(offset: int, sentences: list[tuple[int, int]]) -> tuple[int, int] | None:
    for start, end in sentences:
        if start <= offset < end:
            return (start, end)
    return None


def _sentence_country(
    actor: Actor, places: list[Place], sentences: list[tuple[int, int]]
) -> str | None:
    best: tuple[int, str] | None = None
    for start, end in actor.mentions:
        sentence = _sentence_of(start, sentences)
        if sentence is None:
            continue
        for place in places:
            if sentence[0] <= place.span[0] < sentence[1] and place.country:
                distance = min(abs(place.span[0] - end), abs(start - place.span[1]))
                if best is None or distance < best[0]:
                    best = (distance, place.country)
    return best[1] if best else None
