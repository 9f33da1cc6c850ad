"""The measurements of ``bench/run.py``, each run in a process of its own.

    python bench/steps.py STEP MANIFEST.json     # prints one JSON object per line

A process per step keeps its peak memory its own (``ru_maxrss``) and its model load counted
where it belongs. MANIFEST lists the article files and the settings (see ``run.py``).
Timings are never asserted in tests; they live here.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _emit(**values: Any) -> None:
    print(json.dumps(values), flush=True)


def _articles(manifest: dict[str, Any]) -> list[Any]:
    from dateline.readers import Skipped, iter_articles

    return [a for a in iter_articles(manifest["files"]) if not isinstance(a, Skipped)]


def _timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


#: a text written for the warm-up: it reaches every stage, so that what a stage loads on first
#: use (the learned sentence model, indexes of the tables) counts as start-up, not as the
#: first article's time
WARM_UP_TEXT = (
    "Officials of Norway and Chile met in Oslo on Monday to discuss grain exports. "
    '"The talks were useful," the Norwegian minister said. Two drones struck a depot overnight.'
)


def _loaded_and_warm() -> Any:
    from dateline.document import Article
    from dateline.pipeline import Pipeline

    pipeline = Pipeline.load()
    pipeline(Article(text=WARM_UP_TEXT, origin="warm-up"))
    return pipeline


def _cpu_and_wall(action: Callable[[], Any]) -> tuple[float, float, Any]:
    """CPU seconds of this process (all its threads: DuckDB's too) and wall seconds."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = action()
    return time.process_time() - cpu, time.perf_counter() - wall, result


def step_single(manifest: dict[str, Any]) -> None:
    """One process: load, spaCy alone, extract and ingest (DuckDB), and the store's writes.

    Extract and ingest both start from the files (as ``dateline extract`` and ``dateline
    ingest`` do). After one untimed extraction (the first pass over a corpus costs some 10-40%
    more CPU than later ones: the heap grows to its working size), they run interleaved,
    ingest - extract - extract - ingest, each ingest into a new store: on a machine shared
    with other work, load that comes and goes falls on both alike. Each reports CPU seconds of
    this process (the fair comparison on a shared machine) and wall seconds, the mean of its
    two runs."""
    from dateline.engines.local import extract_batch
    from dateline.ingest import ingest
    from dateline.store import open_store

    articles = _articles(manifest)
    texts = [a.text for a in articles]
    load_s, pipeline = _timed(_loaded_and_warm)
    spacy_s, _ = _timed(lambda: sum(1 for _ in pipeline.nlp.pipe(texts, batch_size=32)))
    extract_batch(pipeline, _articles(manifest), 32)  # the untimed first pass
    times = {"extract": [0.0, 0.0], "ingest": [0.0, 0.0]}
    outcomes: list[Any] = []
    with tempfile.TemporaryDirectory() as folder:
        for run, what in enumerate(("ingest", "extract", "extract", "ingest")):
            if what == "extract":
                cpu, wall, outcomes = _cpu_and_wall(
                    lambda: extract_batch(pipeline, _articles(manifest), 32)
                )
            else:
                with open_store(os.path.join(folder, f"ingest-{run}.duckdb")) as store:
                    cpu, wall, summary = _cpu_and_wall(
                        lambda: ingest(manifest["files"], store, pipeline=pipeline, progress=False)
                    )
            times[what][0] += cpu / 2
            times[what][1] += wall / 2
        records = [(o.record, o.origin) for o in outcomes if hasattr(o, "record")]
        writes = _writes(records, folder)
    _emit(
        step="single",
        articles=len(articles),
        stored=summary.ingested,
        load_s=load_s,
        spacy_s=spacy_s,
        extract_s=times["extract"][1],
        ingest_s=times["ingest"][1],
        extract_cpu_s=times["extract"][0],
        ingest_cpu_s=times["ingest"][0],
        writes=writes,
        peak_mb=_peak_mb(),
    )


def _writes(records: list[tuple[dict[str, Any], str | None]], folder: str) -> dict[str, float]:
    """Seconds to store ``records``: in bulk transactions of 64, and row by row
    (``executemany``, what the store did before), on DuckDB and, when a test server is set,
    PostgreSQL."""
    from dateline.store import Store, open_store

    targets = {"duckdb": os.path.join(folder, "w-{}.duckdb")}
    server = os.environ.get("DATELINE_TEST_POSTGRES")
    seconds: dict[str, float] = {}
    for engine, pattern in targets.items():
        for how in ("bulk", "rows"):
            with open_store(pattern.format(how)) as store:
                if how == "rows":  # the base class's executemany, one statement per row
                    store._insert_rows = Store._insert_rows.__get__(store)  # type: ignore[method-assign]
                started = time.perf_counter()
                for start in range(0, len(records), 64):
                    store.add_records(records[start : start + 64])
                seconds[f"{engine}_{how}"] = time.perf_counter() - started
    if server:
        import uuid

        import psycopg

        schema = f"bench_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(server, autocommit=True) as con:
            con.execute(f"CREATE SCHEMA {schema}")
        try:
            sep = "&" if "?" in server else "?"
            with open_store(f"{server}{sep}options=-csearch_path%3D{schema}") as store:
                started = time.perf_counter()
                for start in range(0, len(records), 64):
                    store.add_records(records[start : start + 64])
                seconds["postgres_bulk"] = time.perf_counter() - started
        finally:
            with psycopg.connect(server, autocommit=True) as con:
                con.execute(f"DROP SCHEMA {schema} CASCADE")
    return seconds


def step_spacy2(manifest: dict[str, Any]) -> None:
    """spaCy alone with two processes (``nlp.pipe(n_process=2)``), forks included."""
    from dateline.nlp import load_nlp
    from dateline.settings import DEFAULTS

    texts = [a.text for a in _articles(manifest)]
    nlp = load_nlp(DEFAULTS["model"])
    spacy_s, _ = _timed(lambda: sum(1 for _ in nlp.pipe(texts, batch_size=8, n_process=2)))
    _emit(
        step="spacy2",
        spacy_s=spacy_s,
        peak_mb=_peak_mb(),
        children_peak_mb=_peak_mb(resource.RUSAGE_CHILDREN),
    )


def step_extract2(manifest: dict[str, Any]) -> None:
    """Extraction on two warm worker processes (the local engine's own worker functions)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from dateline.engines import local

    articles = _articles(manifest)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(2, context, initializer=local._start_worker, initargs=(None,)) as pool:
        warm_s, _ = _timed(
            lambda: [
                f.result()
                for f in [pool.submit(local._extract_in_worker, articles[:1], 1) for _ in "ab"]
            ]
        )
        size = max(1, len(articles) // 8)
        chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
        extract_s, _ = _timed(
            lambda: [
                f.result() for f in [pool.submit(local._extract_in_worker, c, 8) for c in chunks]
            ]
        )
    _emit(
        step="extract2",
        warm_s=warm_s,
        extract_s=extract_s,
        peak_mb=_peak_mb(),
        children_peak_mb=_peak_mb(resource.RUSAGE_CHILDREN),
    )


def step_ingest(manifest: dict[str, Any], engine: str, workers: int) -> None:
    """A whole ``ingest`` as a user runs it: wall time from the start (model loads included),
    and the steady rate, from the first write to the last (one write per batch)."""
    from dateline.ingest import ingest
    from dateline.store import open_store

    batch = max(1, min(32, len(manifest["files"]) // (2 * workers)))
    writes: list[tuple[float, int]] = []
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        with open_store(os.path.join(folder, "i.duckdb")) as store:
            add_records = store.add_records

            def timed(items: Any) -> list[str]:
                stored = add_records(items)
                writes.append((time.perf_counter(), len(stored)))
                return stored

            store.add_records = timed  # type: ignore[method-assign]
            summary = ingest(
                manifest["files"],
                store,
                engine=engine,
                workers=workers,
                batch_size=batch,
                commit_every=batch,
                progress=False,
            )
        wall_s = time.perf_counter() - started
    steady = None
    if len(writes) >= 2:
        steady = sum(n for _, n in writes[1:]) / (writes[-1][0] - writes[0][0])
    _emit(
        step=f"{engine}{workers}",
        stored=summary.ingested,
        wall_s=wall_s,
        steady_rate=steady,
        peak_mb=_peak_mb(),
        children_peak_mb=_peak_mb(resource.RUSAGE_CHILDREN),
    )


def _cpu_s() -> float:
    """CPU seconds of this process and of its children that ended (a long text's parsing
    processes)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def step_length(manifest: dict[str, Any]) -> None:
    """Seconds per article against its length: one article made of the corpus's paragraphs,
    cut at each size; spaCy alone beside it (in the parts the pipeline parses, one after the
    other, in this process). The pipeline's wall time and its CPU time (its parsing processes'
    included), with the load average of the machine. One line per size, smallest first, so
    the caller keeps what finished when it stops this process."""
    from dateline.document import Article
    from dateline.pipeline import parse_processes_for, split_text

    pipeline = _loaded_and_warm()
    paragraphs = [
        part.strip() for a in _articles(manifest) for part in a.text.split("\n") if part.strip()
    ]
    body = "\n\n".join(paragraphs)
    for size in manifest["lengths"]:
        text = (body * (size // max(1, len(body)) + 1))[:size]
        text = text[: text.rfind(" ")] if " " in text else text
        parts = split_text(text, pipeline._part_chars())
        spacy_s, _ = _timed(lambda parts=parts: [pipeline.nlp(part) for part in parts])
        article = Article(text=text, origin=f"length-{size}")
        # what the pipeline will choose, by the load just before it runs
        processes = parse_processes_for(pipeline.parse_processes, len(parts))
        cpu_before = _cpu_s()
        dateline_s, _ = _timed(lambda article=article: pipeline(article))
        _emit(
            step="length",
            chars=len(text),
            spacy_s=spacy_s,
            dateline_s=dateline_s,
            dateline_cpu_s=_cpu_s() - cpu_before,
            processes=processes,
            load=os.getloadavg()[0],
            peak_mb=_peak_mb(),
        )


STEPS: dict[str, Callable[[dict[str, Any]], None]] = {
    "single": step_single,
    "spacy2": step_spacy2,
    "extract2": step_extract2,
    "local1": lambda m: step_ingest(m, "local", 1),
    "local2": lambda m: step_ingest(m, "local", 2),
    "dask1": lambda m: step_ingest(m, "dask", 1),
    "dask2": lambda m: step_ingest(m, "dask", 2),
    "length": step_length,
}


if __name__ == "__main__":
    name, manifest_path = sys.argv[1], Path(sys.argv[2])
    STEPS[name](json.loads(manifest_path.read_text("utf-8")))
