"""Ingest: read articles, run the pipeline, store one record per article.

>>> from dateline.store import open_store
>>> summary = ingest(["news/"], open_store("dateline.duckdb"))   # doctest: +SKIP

Articles already in the store are skipped *before* the NLP runs, so an interrupted ingest
resumes where it stopped. Each record is written in its own transaction by this one process
(the single writer); inputs that give no article are stored in ``skipped`` with their code and
reason, and the batch goes on. An article the pipeline cannot finish (a stage raised: E060;
too long for spaCy: E011) is stored there too, under its own origin, by
:meth:`dateline.pipeline.Pipeline.pipe`'s ``on_skip``: one straight loop, no restarts.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .errors import Code

if TYPE_CHECKING:
    from .document import Article
    from .pipeline import Pipeline
    from .store.base import Store

log = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    ingested: int = 0
    duplicates: int = 0
    #: (origin, code, reason) for every input that gave no stored article
    skipped: list[tuple[str, str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def __str__(self) -> str:
        rate = self.ingested / self.seconds if self.seconds else 0.0
        return (
            f"{self.ingested} article(s) stored, {self.duplicates} already there, "
            f"{len(self.skipped)} skipped ({rate:.1f} articles/s)"
        )


class Progress:
    """A one-line counter with articles/s on stderr, redrawn at most twice a second."""

    def __init__(self, enabled: bool, stream: TextIO | None = None) -> None:
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.start = time.monotonic()
        self._last = self.start
        self._tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def update(self, summary: IngestSummary, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        # a terminal gets a live line; a log file gets a line every 10 s
        if not force and now - self._last < (0.5 if self._tty else 10.0):
            return
        self._last = now
        elapsed = max(now - self.start, 1e-9)
        line = (
            f"ingest: {summary.ingested} stored, {summary.duplicates} duplicate(s), "
            f"{len(summary.skipped)} skipped, {summary.ingested / elapsed:.1f} articles/s"
        )
        if self._tty:
            self.stream.write("\r" + line + "\x1b[K")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self, summary: IngestSummary) -> None:
        if self.enabled:
            self.update(summary, force=True)
            if self._tty:
                self.stream.write("\n")
            self.stream.flush()


def ingest(
    sources: Iterable[str | Path],
    store: Store,
    pipeline: Pipeline | None = None,
    workers: int = 1,
    batch_size: int = 32,
    progress: bool = True,
) -> IngestSummary:
    """Read ``sources`` (files, folders, archives), extract each new article and store it.

    ``pipeline`` defaults to :meth:`dateline.pipeline.Pipeline.load` (loaded only when some
    article needs it); ``workers`` is ``n_process`` for spaCy's ``nlp.pipe``."""
    from .readers import Skipped, iter_articles
    from .records import document_to_record

    summary = IngestSummary()
    bar = Progress(progress)
    started = time.monotonic()
    seen: set[str] = set()

    def skip(item: Skipped) -> None:
        code = item.code.value if isinstance(item.code, Code) else str(item.code)
        store.add_skipped(item.origin, code, item.reason)
        summary.skipped.append((item.origin, code, item.reason))
        log.info("skipped %s: [%s] %s", item.origin, code, item.reason)

    def new_articles() -> Iterator[Article]:
        for item in iter_articles([Path(s) for s in sources]):
            if isinstance(item, Skipped):
                skip(item)
            elif item.id in seen or store.has_article(item.id):
                summary.duplicates += 1
            else:
                seen.add(item.id)
                yield item
            bar.update(summary)

    articles = new_articles()
    first = next(articles, None)
    if first is not None:
        if pipeline is None:
            from .pipeline import Pipeline

            pipeline = Pipeline.load()
        documents = pipeline.pipe(
            chain([first], articles), batch_size=batch_size, n_process=workers, on_skip=skip
        )
        for document in documents:
            record = document_to_record(document)
            if store.add_record(record, origin=document.article.origin):
                summary.ingested += 1
            else:
                summary.duplicates += 1
            bar.update(summary)
    summary.seconds = time.monotonic() - started
    bar.close(summary)
    return summary
