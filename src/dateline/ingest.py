"""Ingest: read articles, run the pipeline, store one record per article.

>>> from dateline.store import open_store
>>> summary = ingest(["news/"], open_store("dateline.duckdb"))   # doctest: +SKIP

Articles already in the store are skipped *before* the NLP runs, so an interrupted ingest
resumes where it stopped. Extraction runs on an engine (:mod:`dateline.engines`: this process,
N local processes, or Dask); this process alone writes, many records to a transaction and each
article whole (:meth:`dateline.store.base.Store.add_records`, whose insert also settles a race
with another ingest on a shared PostgreSQL). Inputs that give no article are stored in
``skipped`` with their code and reason, and the batch goes on. An article the pipeline cannot
finish (a stage raised: E060; too long for spaCy: E011) is stored there too, under its own
origin, by :meth:`dateline.pipeline.Pipeline.pipe`'s ``on_skip``.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .engines.outcome import Outcome, SkipOutcome
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
    commit_every: int = 64,
    engine: str = "local",
    scheduler: str | None = None,
    staging: str | Path | None = None,
) -> IngestSummary:
    """Read ``sources`` (files, folders, archives), extract each new article and store it.

    ``pipeline`` defaults to :meth:`dateline.pipeline.Pipeline.load` (loaded only when some
    article needs it; with ``workers > 1`` or Dask, once in each worker, and a pipeline given
    here must pickle). ``engine`` is ``local`` (``workers`` processes on this machine) or
    ``dask`` (a Dask cluster at ``scheduler``, else a ``LocalCluster`` of ``workers``; see
    :mod:`dateline.engines.dask` for ``staging``). Records are written ``commit_every`` to a
    transaction, each article whole: a killed run loses at most the open transaction, and a
    rerun extracts those articles again."""
    from .readers import Skipped, iter_articles

    if engine not in ENGINES:
        from .errors import DatelineError

        raise DatelineError(
            Code.BAD_SETTING, f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}"
        )
    summary = IngestSummary()
    bar = Progress(progress)
    started = time.monotonic()
    seen: set[str] = set()
    waiting: list[tuple[dict[str, Any], str | None]] = []

    def skip(origin: str, code: str, reason: str) -> None:
        store.add_skipped(origin, code, reason)
        summary.skipped.append((origin, code, reason))
        log.info("skipped %s: [%s] %s", origin, code, reason)

    def write_waiting() -> None:
        stored = store.add_records(waiting)
        summary.ingested += len(stored)
        summary.duplicates += len(waiting) - len(stored)
        waiting.clear()
        bar.update(summary)

    def new_articles() -> Iterator[Article]:
        items = iter_articles([Path(s) for s in sources])
        # read a batch ahead and ask the store about all of it at once: one query per batch,
        # not one per article
        while chunk := list(islice(items, max(1, batch_size))):
            stored = store.stored_among([i.id for i in chunk if not isinstance(i, Skipped)])
            for item in chunk:
                if isinstance(item, Skipped):
                    code = item.code.value if isinstance(item.code, Code) else str(item.code)
                    skip(item.origin, code, item.reason)
                elif item.id in seen or item.id in stored:
                    summary.duplicates += 1
                else:
                    seen.add(item.id)
                    yield item
                bar.update(summary)

    articles = new_articles()
    first = next(articles, None)
    if first is not None:
        outcomes = _extract(
            engine, chain([first], articles), pipeline, workers, batch_size, scheduler, staging
        )
        for outcome in outcomes:
            if isinstance(outcome, SkipOutcome):
                skip(outcome.origin, outcome.code, outcome.reason)
                continue
            waiting.append((outcome.record, outcome.origin))
            if len(waiting) >= max(1, commit_every):
                write_waiting()
        if waiting:
            write_waiting()
    summary.seconds = time.monotonic() - started
    bar.close(summary)
    return summary


#: the engines ``ingest`` runs extraction on
ENGINES = ("local", "dask")


def _extract(
    engine: str,
    articles: Iterable[Article],
    pipeline: Pipeline | None,
    workers: int,
    batch_size: int,
    scheduler: str | None,
    staging: str | Path | None,
) -> Iterator[Outcome]:
    if engine == "dask":
        try:
            from .engines.dask import extract_dask
        except ImportError as error:
            from .errors import DatelineError

            raise DatelineError(
                Code.BAD_SETTING,
                f"--engine dask needs Dask ({error}): pip install 'dateline[dask]'",
            ) from None

        return extract_dask(articles, pipeline, workers, batch_size, scheduler, staging)
    from .engines.local import extract_local

    return extract_local(articles, pipeline, workers, batch_size)
