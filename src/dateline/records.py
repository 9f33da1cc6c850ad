"""A finished :class:`~dateline.document.Document` as the JSON contract of ``DESIGN.md``.

The contract is written down in ``schema/article.schema.json``; tests validate every record
against it. Extra fields are allowed; the named ones must be there with these names.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from .document import Document, Event, Place

SCHEMA_VERSION = 1


def _place(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "name": place.name,
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
        "geonames_id": place.geonames_id,
        "span": list(place.span),
    }


def _event(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "type": event.type,
        "mode": list(event.mode),
        "context": list(event.context),
        "cameo": event.cameo,
        "actor": list(event.actor),
        "recipient": list(event.recipient),
        "date": None
        if event.date is None
        else {
            "value": event.date.value,
            "granularity": event.date.granularity,
            "span": list(event.date.span) if event.date.span else None,
            "date_source": event.date.date_source,
            "days": list(event.date.days),
        },
        "place": _place(event.place),
        "quantities": [
            {
                "value": q.value,
                "qualifier": q.qualifier,
                "unit": q.unit,
                "kind": q.kind,
                "span": list(q.span),
            }
            for q in event.quantities
        ],
        "modality": event.modality,
        "reported_by": event.reported_by,
        "evidence": {
            "sentence": list(event.sentence),
            "trigger": list(event.trigger),
            "more": [list(s) for s in event.more_evidence],
        },
        "confidence": round(event.confidence, 3),
    }


def document_to_record(document: Document) -> dict[str, Any]:
    article = document.article
    return {
        "schema_version": SCHEMA_VERSION,
        "article": {
            "id": article.id,
            "url": article.url,
            "site": article.site,
            "title": article.title,
            "published": article.published.isoformat() if article.published else None,
            "published_source": article.published_source,
            "text": article.text,
        },
        "actors": [
            {
                "id": a.id,
                "name": a.name,
                "country": a.country,
                "sector": a.sector,
                "kind": a.kind,
                "role": a.role,
                "mentions": [list(s) for s in sorted(a.mentions)],
            }
            for a in document.actors
        ],
        "events": [_event(e) for e in document.events],
        "quotes": [
            {
                "id": q.id,
                "kind": q.kind,
                "text": q.text,
                "span": list(q.span),
                "speaker": q.speaker,
                "speaker_text": q.speaker_text,
                "speaker_span": list(q.speaker_span) if q.speaker_span else None,
                "cue": list(q.cue) if q.cue else None,
                "reported_by": q.reported_by,
            }
            for q in document.quotes
        ],
        "dates": [
            {"text": d.text, "value": d.value, "type": d.type, "span": list(d.span)}
            for d in document.dates
        ],
        "places": [_place(p) for p in document.places],
    }


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    text = resources.files("dateline").joinpath("schema/article.schema.json").read_text("utf-8")
    return json.loads(text)


def validate_record(record: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when ``record`` breaks the contract, and
    ``ValueError`` when a span does not lie inside the article text."""
    import jsonschema

    jsonschema.validate(record, load_schema())
    n = len(record["article"]["text"])
    for start, end in iter_spans(record):
        if not (0 <= start <= end <= n):
            raise ValueError(f"span [{start}, {end}] lies outside the article text (0..{n})")


def iter_spans(record: dict[str, Any]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for actor in record["actors"]:
        spans.extend(tuple(m) for m in actor["mentions"])
    for event in record["events"]:
        spans.append(tuple(event["evidence"]["sentence"]))
        spans.append(tuple(event["evidence"]["trigger"]))
        if event["date"] and event["date"]["span"]:
            spans.append(tuple(event["date"]["span"]))
        if event["place"]:
            spans.append(tuple(event["place"]["span"]))
        spans.extend(tuple(q["span"]) for q in event["quantities"])
    for quote in record["quotes"]:
        spans.append(tuple(quote["span"]))
        if quote["cue"]:
            spans.append(tuple(quote["cue"]))
    spans.extend(tuple(d["span"]) for d in record["dates"])
    spans.extend(tuple(p["span"]) for p in record["places"])
    return spans  # type: ignore[return-value]
