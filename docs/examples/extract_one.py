"""Extract one article given as a string, and print what dateline found in it.

Run it with ``python docs/examples/extract_one.py`` (the spaCy model loads once, in about
ten seconds). The article is invented for this example.
"""

from __future__ import annotations

from dateline import Pipeline
from dateline.readers import parse_text
from dateline.records import validate_record

TEXT = """\
Site: Example Wire
Title: Ministers meet in Vienna over grain exports
URL: https://news.example.org/world/2024/06/14/grain-talks
Published: 2024-06-14

The foreign ministers of Austria and Hungary met in Vienna on Thursday to discuss grain
exports along the Danube.

"We want the river open to every ship," the Austrian foreign minister told reporters after
the talks, adding that a second meeting would follow next month.
"""


def main() -> None:
    article = parse_text(TEXT, origin="example")  # the header lines become metadata
    pipeline = Pipeline.load()  # spaCy and the knowledge tables, loaded once
    record = pipeline.extract(article)  # the JSON contract (a dict)
    validate_record(record)

    text = record["article"]["text"]
    print(record["article"]["title"], "|", record["article"]["published"])
    for actor in record["actors"]:
        print(f"actor  {actor['name']} ({actor['country']}, {actor['sector']})")
    for event in record["events"]:
        start, end = event["evidence"]["trigger"]
        print(f"event  {event['type']} [{text[start:end]}] {event['modality']}")
    for quote in record["quotes"]:
        print(f"quote  {quote['kind']}: {quote['text'][:60]}")
    for date in record["dates"]:
        print(f"date   {date['text']!r} -> {date['value']}")
    for place in record["places"]:
        print(f"place  {place['name']} ({place['country']})")

    assert record["article"]["published"] == "2024-06-14"
    assert any(d["value"] == "2024-06-13" for d in record["dates"])  # "on Thursday"


if __name__ == "__main__":
    main()
