"""Ingest articles into a DuckDB file, fuse events across them, then query the store.

Run it with ``python docs/examples/ingest_and_query.py``. It uses the example articles that
ship with dateline (invented reports) and a database in a temporary folder.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from dateline import Pipeline
from dateline.demo import examples_dir
from dateline.fusion import fuse
from dateline.ingest import ingest
from dateline.readers import parse_text
from dateline.store import open_store
from dateline.store.base import Filters

EXTRA = """\
Title: Port workers end strike
URL: https://news.example.org/business/2024/05/02/port-strike-ends

Dock workers in Rotterdam ended a three-day strike on Wednesday after their union agreed
a new pay deal with port operators.
"""


def main() -> None:
    pipeline = Pipeline.load()
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "news.duckdb")
        with open_store(db) as store:  # created and migrated on first use
            articles = sorted(str(p) for p in examples_dir().glob("*.txt"))
            summary = ingest(articles, store, pipeline=pipeline, progress=False)
            print(summary)

            # Ingest is idempotent: a second run stores nothing new.
            again = ingest(articles, store, pipeline=pipeline, progress=False)
            assert again.ingested == 0 and again.duplicates == summary.ingested

            # A single record can be added directly too.
            store.add_record(pipeline.extract(parse_text(EXTRA)))

            clusters = fuse(store)  # the same event reported by several articles
            print(f"{len(clusters)} cluster(s)")

            print(store.counts())
            for row in store.events(Filters(limit=5)):
                actors = ", ".join(a["name"] for a in row["actors"]) or "?"
                print(f"{row['day']}  {row['type']:<9} {actors}  <- {row['url']}")
            for row in store.quotes(Filters(limit=3)):
                print(f"{row['speaker'] or row['speaker_text']}: {row['text'][:60]}")
            for row in store.actors(Filters(sector="GOV", limit=5)):
                print(f"{row['name']} ({row['country']}): {row['articles']} article(s)")

            assert store.counts()["articles"] == summary.ingested + 1


if __name__ == "__main__":
    main()
