"""The Dask engine: the same extraction on a Dask cluster (``dateline ingest --engine dask``).

This process stays the reader and the one writer: it reads the inputs, leaves out what the
store already holds, and cuts the new articles into partitions of ``batch_size``. Each Dask
worker loads the pipeline once (:class:`PipelinePlugin`), extracts a partition and writes its
outcomes to a Parquet file under ``staging``; this process reads each file back and hands the
outcomes to the writer in input order, then deletes it. ``staging`` must be a folder that the
workers and this process both see: a temporary folder is right for a ``LocalCluster``, a
shared file system (NFS, a mounted bucket) for a real cluster.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from distributed import Client, LocalCluster, WorkerPlugin, get_worker

from ..errors import Code, DatelineError
from .local import extract_batch, load_pipeline
from .outcome import Outcome, RecordOutcome, SkipOutcome

if TYPE_CHECKING:
    from ..document import Article

#: the name the plugin is registered under on every worker
PLUGIN = "dateline-pipeline"


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline once per worker, when the worker joins (a Dask worker plugin)."""

    name = PLUGIN

    def __init__(self, pipeline: Any = None) -> None:
        self.given = pipeline
        self.pipeline: Any = None

    def setup(self, worker: Any) -> None:
        self.pipeline = load_pipeline(self.given)

    def teardown(self, worker: Any) -> None:
        self.pipeline = None


def extract_partition(articles: list[Article], batch_size: int, path: str) -> str:
    """Run on a worker: extract ``articles`` and write their outcomes to ``path`` (Parquet)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    pipeline = cast(PipelinePlugin, get_worker().plugins[PLUGIN]).pipeline
    rows: dict[str, list[Any]] = {"origin": [], "code": [], "reason": [], "record": []}
    for outcome in extract_batch(pipeline, articles, batch_size):
        if isinstance(outcome, RecordOutcome):
            rows["origin"].append(outcome.origin)
            rows["code"].append(None)
            rows["reason"].append(None)
            rows["record"].append(json.dumps(outcome.record, ensure_ascii=False))
        else:
            rows["origin"].append(outcome.origin)
            rows["code"].append(outcome.code)
            rows["reason"].append(outcome.reason)
            rows["record"].append(None)
    table = pa.table({name: pa.array(values, type=pa.string()) for name, values in rows.items()})
    partial = path + ".part"
    pq.write_table(table, partial)
    Path(partial).replace(path)  # a file that exists is a whole partition
    return path


def read_partition(path: str) -> list[Outcome]:
    import pyarrow.parquet as pq

    outcomes: list[Outcome] = []
    for row in pq.read_table(path).to_pylist():
        if row["record"] is not None:
            outcomes.append(RecordOutcome(json.loads(row["record"]), row["origin"]))
        else:
            outcomes.append(SkipOutcome(row["origin"], row["code"], row["reason"]))
    return outcomes


def extract_dask(
    articles: Iterable[Article],
    pipeline: Any = None,
    workers: int = 1,
    batch_size: int = 32,
    scheduler: str | None = None,
    staging: str | Path | None = None,
) -> Iterator[Outcome]:
    """The outcome of each article, in input order, extracted on a Dask cluster: the one at
    ``scheduler`` (``tcp://host:8786``), else a ``LocalCluster`` of ``workers`` processes."""
    if staging:
        Path(staging).mkdir(parents=True, exist_ok=True)
    # a folder of this run's own, so that runs sharing ``staging`` never mix partitions
    folder = Path(tempfile.mkdtemp(prefix="dateline-dask-", dir=staging))
    cluster = None
    try:
        if scheduler:
            try:
                client = Client(scheduler, timeout=30)
            except OSError as error:
                raise DatelineError(
                    Code.BAD_SETTING,
                    f"--scheduler {scheduler!r}: no Dask scheduler answers there ({error}); "
                    "start one with `dask scheduler` and give its tcp:// address",
                ) from None
        else:
            cluster = LocalCluster(
                n_workers=max(1, workers),
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
            )
            client = Client(cluster)
        try:
            client.register_plugin(PipelinePlugin(pipeline), name=PLUGIN)
            yield from _run(client, articles, batch_size, folder)
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()
        shutil.rmtree(folder, ignore_errors=True)


def _run(
    client: Any, articles: Iterable[Article], batch_size: int, folder: Path
) -> Iterator[Outcome]:
    n_workers = max(1, len(client.scheduler_info().get("workers", {})))
    pending: deque[Any] = deque()
    source = iter(articles)
    number = 0
    while True:
        while len(pending) < 2 * n_workers and (chunk := list(islice(source, batch_size))):
            number += 1
            path = str(folder / f"part-{number:06d}.parquet")
            pending.append(client.submit(extract_partition, chunk, batch_size, path, pure=False))
        if not pending:
            return
        path = pending.popleft().result()
        yield from read_partition(path)
        Path(path).unlink(missing_ok=True)
