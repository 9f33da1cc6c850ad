"""One event per real event: a noun trigger inside a verb trigger's object is absorbed by it,
and candidates that tell the same event (same type, sides, date and place) are merged,
keeping every evidence span."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...document import Event, Place
from .attach import STATEMENTS
from .helpers import days_apart, token_span, unique
from .recipients import RECIPROCAL

if TYPE_CHECKING:
    from .context import Candidate, Context


def absorb(candidates: list[Candidate]) -> list[Candidate]:
    """A noun trigger inside a verb trigger's object is the same event ("halted its
    shipment of aid" is one SANCTION, not a SANCTION and an AID); what is demanded,
    threatened or refused is the content of that act, not an event of its own; a
    protest's demand is what the protest is for."""
    by_token = {c.token.i: c for c in candidates}
    drop: set[int] = set()
    for candidate in candidates:
        token = candidate.token
        if candidate.type == "PROTEST":
            for sub in token.head.subtree if token.pos_ != "VERB" else token.subtree:
                inner = by_token.get(sub.i)
                if inner is not None and inner.type == "REQUEST" and sub.i != token.i:
                    drop.add(sub.i)
        if token.pos_ != "VERB":
            continue
        content = (
            candidate.type in ("REQUEST", "THREATEN")
            or (candidate.type == "REJECT" and candidate.trigger.needs == "xcomp")
            or token.lemma_.lower() in ("refuse", "decline")
        )
        for child in token.children:
            deps = ("dobj", "nsubjpass", "attr", "oprd", "prep", "xcomp", "acomp")
            if child.dep_ in deps or (content and child.dep_ in ("ccomp", "advcl")):
                for sub in child.subtree:
                    if sub.i in by_token and sub.i != token.i:
                        inner = by_token[sub.i]
                        same = inner.type == candidate.type
                        if content or inner.token.pos_ != "VERB" or same:
                            drop.add(sub.i)
                            if candidate.type == "THREATEN" and inner.type == "ASSAULT":
                                candidate.mode = unique([*candidate.mode, "violence"])
    return [c for c in candidates if c.token.i not in drop]


def merge(ctx: Context, candidates: list[Candidate]) -> list[Event]:
    """One event per real event, numbered in text order (candidates carry their date,
    place and figures already)."""
    merged: list[Candidate] = []
    # the merged ones by type and modality, which two candidates of one event share: asking
    # every merged event of the article about every candidate grew with the square of the
    # length (their type and modality never change while merging)
    alike: dict[tuple[str, str], list[Candidate]] = {}
    for candidate in candidates:
        kind = (candidate.type, candidate.modality)
        twin = next((m for m in alike.get(kind, ()) if _same_event(ctx, m, candidate)), None)
        if twin is None:
            merged.append(candidate)
            alike.setdefault(kind, []).append(candidate)
            continue
        twin.more.append(token_span(candidate.token))
        twin.actor = unique(twin.actor + candidate.actor)
        twin.recipient = unique(twin.recipient + candidate.recipient)
        twin.date = twin.date or candidate.date
        twin.place = _more_specific(twin.place, candidate.place)
        twin.quantities = twin.quantities or candidate.quantities
        twin.mode = unique(twin.mode + candidate.mode)
        twin.confidence = min(0.99, max(twin.confidence, candidate.confidence) + 0.05)
    events = []
    for number, c in enumerate(merged, start=1):
        sent = c.token.sent
        events.append(
            Event(
                id=f"e{number}",
                type=c.type,
                mode=c.mode,
                context=c.context,
                cameo=c.cameo,
                actor=c.actor,
                recipient=[r for r in c.recipient if c.domestic or r not in c.actor],
                date=c.date,
                place=c.place,
                quantities=c.quantities,
                modality=c.modality,
                reported_by=c.reported_by,
                sentence=(sent.start_char, sent.end_char),
                trigger=token_span(c.token),
                confidence=round(c.confidence, 3),
                more_evidence=c.more,
            )
        )
    return events


def _same_event(ctx: Context, a: Candidate, b: Candidate) -> bool:
    if a.type != b.type or a.modality != b.modality:
        return False
    ca, cb = ctx.countries(a.actor), ctx.countries(b.actor)
    if ca != cb and not (a.type in RECIPROCAL and (ca <= cb or cb <= ca)):
        return False
    ra, rb = ctx.countries(a.recipient), ctx.countries(b.recipient)
    if ra and rb and ra != rb:
        return False
    if (
        a.date
        and b.date
        and a.date.value  # a vague period (no day) does not tell two events apart
        and b.date.value
        and a.date.value != b.date.value
        and (a.type == "ASSAULT" or days_apart(a.date.value, b.date.value) > 1)
    ):
        return False
    if a.place and b.place and not _same_place(a.place, b.place):
        return False
    same_sentence = a.token.sent.start == b.token.sent.start
    if a.type in STATEMENTS or a.type in ("REQUEST", "REJECT"):
        # Two statements are one only when they are the same act told twice: the same
        # speaker, the same word, the same addressee.
        return bool(set(a.actor) & set(b.actor)) and (
            same_sentence or (a.token.lemma_ == b.token.lemma_ and ra == rb)
        )
    if a.type == "ASSAULT" and not same_sentence:
        # A later mention of an attack refers back to it ("the strike", "the bombardment")
        # or names the same place; otherwise it is another attack.
        anaphoric = any(c.lower_ in ("the", "this", "that") for c in b.token.children)
        return anaphoric or bool(a.place and b.place)
    return True


def _is_country(place: Place) -> bool:
    """Whether the place is a whole country (its GeoNames id is the country's)."""
    if place.geonames_id is None or not place.country:
        return False
    from ...knowledge.gazetteer import Gazetteer

    entry = Gazetteer.load().by_id(place.geonames_id)
    return entry is not None and entry.feature == "country"


def _same_place(a: Place, b: Place) -> bool:
    """The same place, or a place and the country it lies in ("Kyiv" and "Ukraine")."""
    if a.name == b.name:
        return True
    if not a.country or a.country != b.country:
        return False
    return _is_country(a) != _is_country(b)


def _more_specific(a: Place | None, b: Place | None) -> Place | None:
    """Of two readings of one event's place, the one inside the other (the city, not its
    country)."""
    if a is None or b is None:
        return a or b
    return b if _is_country(a) and not _is_country(b) else a
