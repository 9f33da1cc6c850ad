"""Speed and memory of dateline against spaCy alone, measured in one run on the same texts.

    make bench                     # the shipped examples, repeated to ~200 articles
    python bench/run.py DIR...     # your own articles (any reader format)

Prints articles/s for spaCy alone (nlp.pipe) and for the whole dateline pipeline, their
ratio, and peak memory. Timings are never asserted in tests; they live here.
"""

from __future__ import annotations

import resource
import sys
import time


def main(argv: list[str]) -> None:
    from dateline.demo import examples_dir
    from dateline.pipeline import Pipeline
    from dateline.readers import Skipped, iter_articles

    sources = argv or [str(examples_dir())]
    articles = [a for a in iter_articles(sources) if not isinstance(a, Skipped)]
    if not articles:
        sys.exit("no readable articles in " + " ".join(sources))
    repeat = max(1, 200 // len(articles)) if not argv else 1
    texts = [a.text for a in articles] * repeat

    t0 = time.perf_counter()
    pipeline = Pipeline.load()
    load_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    for _ in pipeline.nlp.pipe(texts, batch_size=32):
        pass
    spacy_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_events = 0
    for document in pipeline.pipe(articles * repeat, batch_size=32):
        n_events += len(document.events)
    dateline_s = time.perf_counter() - t0

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(texts)
    chars = sum(len(t) for t in texts)
    print(f"articles: {n} ({chars / n:.0f} chars on average), events found: {n_events}")
    print(f"load (model + tables): {load_s:.2f} s")
    print(f"spaCy alone:    {n / spacy_s:8.1f} articles/s")
    print(f"dateline:       {n / dateline_s:8.1f} articles/s")
    print(f"ratio dateline/spaCy time: {dateline_s / spacy_s:.2f}x")
    print(f"peak memory: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
