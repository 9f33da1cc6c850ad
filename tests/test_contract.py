"""The JSON contract: the schema file, and real records validated against it."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest

from dateline.document import (
    Actor,
    Article,
    Document,
    Event,
    EventDate,
    Mention,
    Place,
    Quantity,
    Quote,
    TimeExpression,
)
from dateline.records import document_to_record, load_schema, validate_record

TEXT = "Atlantis shelled Lemuria on Monday, killing at least 3 people, its army said."


def hand_made_document() -> Document:
    article = Article(
        text=TEXT,
        url="https://example.org/2024/05/06/x",
        published=dt.date(2024, 5, 6),
        published_source="url",
    )
    doc = Document(article=article)
    doc.actors = [
        Actor("a1", "Atlantis", "GRC", None, "state", mentions=[(0, 8)]),
        Actor("a2", "Lemuria", "ITA", None, "state", mentions=[(17, 24)]),
    ]
    doc.mentions = [Mention((0, 8), "Atlantis", "a1"), Mention((17, 24), "Lemuria", "a2")]
    doc.dates = [TimeExpression("Monday", "2024-05-06", "DATE", (28, 34))]
    doc.places = [Place("Lemuria", "ITA", 41.9, 12.5, 3169070, (17, 24))]
    doc.quotes = [Quote("q1", "indirect", TEXT[:61], (0, 61), "a1", "its army", (71, 75))]
    doc.events = [
        Event(
            "e1",
            "ASSAULT",
            ["heavy-weapons"],
            ["military"],
            "194",
            ["a1"],
            ["a2"],
            EventDate("2024-05-06", "day", (28, 34)),
            doc.places[0],
            [Quantity(3.0, "at least", "people", (44, 61), "killed")],
            "asserted",
            "a1",
            (0, len(TEXT)),
            (9, 16),
            0.8,
        )
    ]
    return doc


def test_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(load_schema())


def test_hand_made_record_validates_and_spans_point_at_text() -> None:
    record = document_to_record(hand_made_document())
    validate_record(record)
    assert TEXT[slice(*record["events"][0]["evidence"]["trigger"])] == "shelled"
    assert TEXT[slice(*record["dates"][0]["span"])] == "Monday"
    assert record["article"]["published"] == "2024-05-06"


def test_a_span_outside_the_text_is_rejected() -> None:
    record = document_to_record(hand_made_document())
    record["dates"][0]["span"] = [0, len(TEXT) + 5]
    with pytest.raises(ValueError, match="outside the article text"):
        validate_record(record)


def test_a_wrong_event_type_is_rejected() -> None:
    record = document_to_record(hand_made_document())
    record["events"][0]["type"] = "MAKE_STATEMENT"
    with pytest.raises(jsonschema.ValidationError):
        validate_record(record)


def test_record_round_trips_through_json() -> None:
    record = document_to_record(hand_made_document())
    assert json.loads(json.dumps(record)) == record


@pytest.mark.slow
def test_pipeline_output_on_shipped_examples_validates(pipeline) -> None:
    from dateline.demo import examples_dir
    from dateline.readers import read_article

    for path in sorted(examples_dir().glob("*.txt")):
        record = pipeline.extract(read_article(path))
        validate_record(record)
        text = record["article"]["text"]
        for actor in record["actors"]:
            for start, end in actor["mentions"]:
                assert text[start:end].strip(), (actor, start, end)
