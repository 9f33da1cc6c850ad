"""Load test of `dateline serve`: a bounded number of concurrent requests on loopback.

    make bench-serve
    # = PYTHONPATH=src .venv/bin/python bench/serve_bench.py --articles 500 --requests 400

Fills a DuckDB file with synthetic articles (each with two actors, an event and a quote; no
NLP), starts `dateline serve` on it in a second process on 127.0.0.1, then sends
``--requests`` GET requests over ``--concurrency`` threads to a mix of API routes and the
page, and prints the latency (median, 95th percentile, slowest) per route. Timings are
reported, never asserted; the run fails only if a request errs.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

COUNTRIES = ["FRA", "KEN", "UKR", "RUS", "PER", "CHL", "IND", "BRA"]
TYPES = ["CONSULT", "ASSAULT", "ACCUSE", "AGREE", "PROTEST", "AID"]


def synthetic_record(n: int) -> dict[str, Any]:
    first, second = COUNTRIES[n % 8], COUNTRIES[(n * 3 + 1) % 8]
    text = (
        f"Officials of {first} met officials of {second} on Monday for round {n} of talks. "
        f'"We made progress," said envoy {n}.'
    )
    trigger = text.index("met")
    quote = text.index('"We')
    return {
        "schema_version": 1,
        "article": {
            "id": f"bench{n:08d}",
            "url": f"https://bench.example/{n}",
            "site": f"Wire {n % 7}",
            "title": f"Round {n}",
            "published": f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}",
            "text": text,
        },
        "actors": [
            {"id": "a1", "name": first, "country": first, "kind": "state", "mentions": [[13, 16]]},
            {"id": "a2", "name": second, "country": second, "kind": "state", "mentions": []},
        ],
        "events": [
            {
                "id": "e1",
                "type": TYPES[n % len(TYPES)],
                "mode": [],
                "actor": ["a1"],
                "recipient": ["a2"],
                "date": {"value": f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}", "span": None},
                "place": None,
                "quantities": [],
                "modality": "asserted",
                "evidence": {
                    "sentence": [0, text.index(".") + 1],
                    "trigger": [trigger, trigger + 3],
                },
                "confidence": 0.5 + (n % 50) / 100,
            }
        ],
        "quotes": [
            {
                "id": "q1",
                "kind": "direct",
                "text": "We made progress,",
                "span": [quote + 1, quote + 18],
                "speaker_text": f"envoy {n}",
            }
        ],
        "dates": [],
        "places": [],
    }


def fill(db: str, articles: int) -> None:
    from dateline.store import open_store

    with open_store(db) as store:
        if store.counts()["articles"] >= articles:
            return
        with store.transaction():  # one transaction: the per-article commits are the slow part
            for n in range(articles):
                store.add_record(synthetic_record(n))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(url: str, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server stopped (exit {server.returncode})")
        try:
            with urllib.request.urlopen(url + "/api/stats", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    sys.exit("the server did not answer within a minute")


def paths(articles: int) -> list[tuple[str, str]]:
    """(route, path) pairs in the mix each worker cycles through."""
    mix = [
        ("events", "/api/events?limit=50"),
        ("events filtered", "/api/events?type=ASSAULT&actor=fra&limit=50"),
        ("events page 5", "/api/events?limit=50&offset=200&sort=confidence&order=desc"),
        ("event", "/api/events/bench00000007:e1"),
        ("article", "/api/articles/bench00000011"),
        ("quotes", "/api/quotes?speaker=envoy&limit=50"),
        ("actors", "/api/actors?limit=50"),
        ("network", "/api/network?limit=100"),
        ("stats", "/api/stats"),
        ("page", "/"),
    ]
    return mix if articles > 11 else mix[:3]


def timed_get(url: str) -> tuple[float, int]:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return time.perf_counter() - start, status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--db", help="DuckDB file to use (kept); default: a temporary one")
    options = parser.parse_args()

    folder = tempfile.TemporaryDirectory(prefix="dateline-serve-bench-")
    db = options.db or os.path.join(folder.name, "bench.duckdb")
    started = time.perf_counter()
    fill(db, options.articles)
    print(f"store: {options.articles} articles in {db} ({time.perf_counter() - started:.1f} s)")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    server = subprocess.Popen(
        [sys.executable, "-m", "dateline.cli", "serve", "--db", db, "--port", str(port)],
        env=env,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(base, server)
        mix = paths(options.articles)
        jobs = [mix[i % len(mix)] for i in range(options.requests)]
        started = time.perf_counter()
        with ThreadPoolExecutor(options.concurrency) as pool:
            results = list(pool.map(lambda job: (job[0], *timed_get(base + job[1])), jobs))
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
        folder.cleanup()

    errors = [(route, status) for route, _, status in results if status >= 400]
    print(
        f"{len(results)} requests, {options.concurrency} at a time, in {wall:.1f} s "
        f"({len(results) / wall:.0f} requests/s); {len(errors)} error(s)"
    )
    print(f"{'route':<18} {'n':>5} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}")
    for route, _ in mix:
        times = sorted(t * 1000 for r, t, _ in results if r == route)
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(
            f"{route:<18} {len(times):>5} {statistics.median(times):>10.1f} {p95:>8.1f} "
            f"{times[-1]:>8.1f}"
        )
    if errors:
        sys.exit(f"requests failed: {errors[:10]}")


if __name__ == "__main__":
    main()
