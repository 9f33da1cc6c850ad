"""A record (the JSON contract of ``DESIGN.md``) split into table rows.

Row ids are the record's ids prefixed with the article id (``<article>:<local id>``), so actors,
events and quotes from different articles never collide.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import Code, DatelineError
from .sql import ACTOR_SEP

Row = tuple[Any, ...]

_DAY = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")


def global_id(article_id: str, local_id: str | None) -> str | None:
    """``article:local``; ids that already carry the article prefix are left alone."""
    if local_id is None:
        return None
    if local_id.startswith(f"{article_id}:"):
        return local_id
    return f"{article_id}:{local_id}"


def parse_day(value: str | None) -> dt.date | None:
    """The first day a TIMEX3-like value points at (``2025-07-03``, ``2025-07``, ``2025-W27``)."""
    if not value:
        return None
    match = _DAY.match(value)
    if match:
        year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    match = _WEEK.match(value)
    if match:
        try:
            return dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            return None
    return None


def event_day(event: dict[str, Any], published: dt.date | None) -> dt.date | None:
    """The day an event happened, else the day it was reported."""
    date = event.get("date")
    day = parse_day(date.get("value")) if date else None
    return day or published


def _span(span: Any) -> tuple[int | None, int | None]:
    if not span:
        return None, None
    return int(span[0]), int(span[1])


def _joined_names_and_countries(links: list[Row]) -> tuple[str | None, str | None]:
    """events.actor_names and events.actor_countries: the names and countries of the event's
    links to stored actors (the first link of each role and actor, as the store keeps), each
    between two ACTOR_SEP, in role and position order; None where there are none."""
    seen: set[tuple[Any, Any]] = set()
    names: list[str] = []
    countries: list[str] = []
    for _event, actor_id, role, _pos, name, country, _sector, _kind in sorted(
        links, key=lambda link: (link[2], link[3])
    ):
        if (role, actor_id) in seen:
            continue
        seen.add((role, actor_id))
        if name is not None:
            names.append(name)
            if country is not None:
                countries.append(country)

    def joined(values: list[str]) -> str | None:
        return ACTOR_SEP + ACTOR_SEP.join(values) + ACTOR_SEP if values else None

    return joined(names), joined(countries)


def _cut(text: str, span: Any) -> str | None:
    start, end = _span(span)
    if start is None or end is None:
        return None
    return text[start:end]


@dataclass
class RecordRows:
    article: Row
    actors: list[Row] = field(default_factory=list)
    mentions: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    event_actors: list[Row] = field(default_factory=list)
    quantities: list[Row] = field(default_factory=list)
    quotes: list[Row] = field(default_factory=list)
    places: list[Row] = field(default_factory=list)
    dates: list[Row] = field(default_factory=list)


def record_rows(
    record: dict[str, Any], origin: str | None = None, now: dt.datetime | None = None
) -> RecordRows:
    """Split ``record`` into rows for every table; raise DatelineError if it has no article."""
    try:
        article = record["article"]
        article_id = article["id"]
        text = article["text"]
    except (KeyError, TypeError) as error:
        raise DatelineError(
            Code.BAD_JSON,
            f"a record needs article.id and article.text (missing {error}); "
            "make it with dateline.records.document_to_record",
        ) from None
    published = parse_day(article.get("published"))
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    slim = {k: v for k, v in record.items() if k != "article"}
    slim["article"] = {k: v for k, v in article.items() if k != "text"}
    rows = RecordRows(
        article=(
            article_id,
            article.get("url"),
            article.get("site"),
            article.get("title"),
            published,
            article.get("published_source"),
            text,
            origin or article.get("origin"),
            record.get("schema_version"),
            json.dumps(slim, ensure_ascii=False),
            now,
        )
    )

    def gid(local: str | None) -> str | None:
        return global_id(article_id, local)

    # what event_actors and quotes copy of each actor (what a join to ``actors`` would give)
    copied: dict[str | None, tuple[Any, ...]] = {}
    for actor in record.get("actors", []):
        actor_id = gid(actor["id"])
        copied.setdefault(
            actor_id, (actor["name"], actor.get("country"), actor.get("sector"), actor.get("kind"))
        )
        rows.actors.append(
            (
                actor_id,
                article_id,
                actor["id"],
                actor["name"],
                actor.get("country"),
                actor.get("sector"),
                actor.get("kind"),
                actor.get("role"),
            )
        )
        for start, end in actor.get("mentions", []):
            rows.mentions.append((actor_id, article_id, start, end, text[start:end]))

    for event in record.get("events", []):
        event_id = gid(event["id"])
        links: list[Row] = []
        for role in ("actor", "recipient"):
            for pos, local in enumerate(event.get(role) or []):
                actor_id = gid(local)
                name, country, sector, kind = copied.get(actor_id, (None, None, None, None))
                links.append((event_id, actor_id, role, pos, name, country, sector, kind))
        date = event.get("date") or {}
        place = event.get("place") or {}
        evidence = event.get("evidence") or {}
        date_start, date_end = _span(date.get("span"))
        place_start, place_end = _span(place.get("span"))
        sentence_start, sentence_end = _span(evidence.get("sentence"))
        trigger_start, trigger_end = _span(evidence.get("trigger"))
        rows.events.append(
            (
                event_id,
                article_id,
                event["id"],
                event["type"],
                json.dumps(event.get("mode") or []),
                json.dumps(event.get("context") or []),
                event.get("cameo"),
                date.get("value"),
                date.get("granularity"),
                date_start,
                date_end,
                event_day(event, published),
                place.get("name"),
                place.get("country"),
                place.get("lat"),
                place.get("lon"),
                place.get("geonames_id"),
                place_start,
                place_end,
                event.get("modality"),
                gid(event.get("reported_by")),
                event.get("confidence"),
                sentence_start,
                sentence_end,
                trigger_start,
                trigger_end,
                _cut(text, evidence.get("sentence")),
                _cut(text, evidence.get("trigger")),
                json.dumps(evidence.get("more") or []),
                date.get("date_source"),
                published,
                *_joined_names_and_countries(links),
            )
        )
        rows.event_actors.extend(links)
        for pos, quantity in enumerate(event.get("quantities") or []):
            start, end = _span(quantity.get("span"))
            rows.quantities.append(
                (
                    event_id,
                    pos,
                    quantity.get("value"),
                    quantity.get("qualifier"),
                    quantity.get("unit"),
                    quantity.get("kind"),
                    start,
                    end,
                    _cut(text, quantity.get("span")),
                )
            )

    for quote in record.get("quotes", []):
        start, end = _span(quote.get("span"))
        speaker_start, speaker_end = _span(quote.get("speaker_span"))
        cue_start, cue_end = _span(quote.get("cue"))
        speaker = gid(quote.get("speaker"))
        speaker_name, speaker_country, speaker_sector, _ = copied.get(
            speaker, (None, None, None, None)
        )
        rows.quotes.append(
            (
                gid(quote["id"]),
                article_id,
                quote["id"],
                quote.get("kind"),
                quote.get("text"),
                start,
                end,
                speaker,
                quote.get("speaker_text"),
                speaker_start,
                speaker_end,
                cue_start,
                cue_end,
                gid(quote.get("reported_by")),
                published,
                speaker_name,
                speaker_country,
                speaker_sector,
            )
        )

    for pos, place in enumerate(record.get("places", [])):
        start, end = _span(place.get("span"))
        rows.places.append(
            (
                article_id,
                pos,
                place.get("name"),
                place.get("country"),
                place.get("lat"),
                place.get("lon"),
                place.get("geonames_id"),
                start,
                end,
            )
        )
    for pos, date in enumerate(record.get("dates", [])):
        start, end = _span(date.get("span"))
        rows.dates.append(
            (article_id, pos, date.get("text"), date.get("value"), date.get("type"), start, end)
        )
    return rows
