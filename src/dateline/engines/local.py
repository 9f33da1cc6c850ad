"""The local engine: the pipeline in this process, or in N worker processes.

With ``workers > 1`` each worker process loads the pipeline once (the one given, pickled, or
:meth:`dateline.pipeline.Pipeline.load`) and extracts whole batches of articles; the results
come back in input order to the caller, the one writer (STYLE point 5). Worker processes are
started with ``spawn``: forking a process that holds an open DuckDB connection and its threads
is not safe.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import TYPE_CHECKING, Any

from ..errors import Code
from .outcome import Outcome, RecordOutcome, SkipOutcome

if TYPE_CHECKING:
    from ..document import Article
    from ..readers import Skipped

#: the pipeline of this worker process, set once by :func:`_start_worker`
_worker_pipeline: Any = None


def load_pipeline(pipeline: Any = None) -> Any:
    """``pipeline`` itself, else the default pipeline, loaded now."""
    if pipeline is not None:
        return pipeline
    from ..pipeline import Pipeline

    return Pipeline.load()


def extract_batch(pipeline: Any, articles: Iterable[Article], batch_size: int) -> list[Outcome]:
    """The outcome of every article, in order: its record, or the coded reason it failed."""
    from ..records import document_to_record

    outcomes: list[Outcome] = []

    def skip(item: Skipped) -> None:
        code = item.code.value if isinstance(item.code, Code) else str(item.code)
        outcomes.append(SkipOutcome(item.origin, code, item.reason))

    for document in pipeline.pipe(articles, batch_size=batch_size, on_skip=skip):
        outcomes.append(RecordOutcome(document_to_record(document), document.article.origin))
    return outcomes


def _start_worker(pipeline: Any) -> None:
    global _worker_pipeline
    _worker_pipeline = load_pipeline(pipeline)


def _extract_in_worker(articles: list[Article], batch_size: int) -> list[Outcome]:
    return extract_batch(_worker_pipeline, articles, batch_size)


def extract_local(
    articles: Iterable[Article],
    pipeline: Any = None,
    workers: int = 1,
    batch_size: int = 32,
) -> Iterator[Outcome]:
    """The outcome of each article, in input order, extracted by ``workers`` processes."""
    if workers <= 1:
        loaded = load_pipeline(pipeline)
        source = iter(articles)
        while chunk := list(islice(source, batch_size)):
            yield from extract_batch(loaded, chunk, batch_size)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(pipeline,)
    ) as pool:
        pending: deque[Future[list[Outcome]]] = deque()
        source = iter(articles)
        while True:
            # keep every worker busy with one batch and one more waiting, no more: memory
            # stays bounded however long the input is
            while len(pending) < 2 * workers and (chunk := list(islice(source, batch_size))):
                pending.append(pool.submit(_extract_in_worker, chunk, batch_size))
            if not pending:
                return
            yield from pending.popleft().result()
