"""Bulk writes: many articles to a transaction, each whole, idempotent; two writers at once on
PostgreSQL store every article once and neither fails; migrations run under their lock."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from dateline.store import Store, open_store
from helpers_store import fusion_records, small_record
from test_store import db, postgres_db, store  # noqa: F401 - the parametrised store fixture


def test_add_records_stores_a_batch_once(store: Store) -> None:  # noqa: F811
    records = [small_record(n) for n in range(5)]
    stored = store.add_records([(r, f"in/{n}.txt") for n, r in enumerate(records)])
    assert stored == [r["article"]["id"] for r in records]
    counts = store.counts()
    assert counts["articles"] == 5 and counts["events"] == 5 and counts["actors"] == 10
    assert store.add_records([(r, None) for r in records]) == []
    assert store.counts() == counts


def test_a_batch_stores_only_the_articles_not_there_yet(store: Store) -> None:  # noqa: F811
    store.add_record(small_record(1))
    batch = [(small_record(n), None) for n in (0, 1, 2, 1)]
    stored = store.add_records(batch)
    assert stored == [small_record(0)["article"]["id"], small_record(2)["article"]["id"]]
    assert store.counts()["articles"] == 3 and store.counts()["actors"] == 6


def test_bulk_and_one_by_one_store_the_same_rows(store: Store, tmp_path: Path) -> None:  # noqa: F811
    records = fusion_records() + [small_record(7)]
    records[0]["actors"][0]["mentions"].append(records[0]["actors"][0]["mentions"][0])
    records[0]["events"][0]["actor"].append(records[0]["events"][0]["actor"][0])
    store.add_records([(r, None) for r in records])
    with open_store(str(tmp_path / "single.duckdb")) as single:
        for record in records:
            single.add_records([(record, None)])
        assert store.counts() == single.counts()
        key = lambda e: e["id"]  # noqa: E731
        assert sorted(store.events(), key=key) == sorted(single.events(), key=key)
        assert store.record(records[1]["article"]["id"]) == single.record(
            records[1]["article"]["id"]
        )


def test_a_broken_record_stores_none_of_its_batch(store: Store) -> None:  # noqa: F811
    broken = small_record(3)
    broken["actors"].append(dict(broken["actors"][0]))  # the same actor id twice: a key clash
    with pytest.raises(Exception):  # noqa: B017 - the engine's own integrity error
        store.add_records([(small_record(2), None), (broken, None)])
    assert store.counts()["articles"] == 0 and store.counts()["actors"] == 0
    assert store.add_records([(small_record(2), None)])  # the store works after the rollback


def _add_all(
    target: str, n: int, rounds: int, barrier: multiprocessing.synchronize.Barrier, reverse: bool
) -> int:
    """In a process of its own: wait for the other writer, then add the same records."""
    with open_store(target) as opened:
        barrier.wait()
        stored = 0
        for round_ in range(rounds):
            batch = [(small_record(k), None) for k in range(round_ * n, (round_ + 1) * n)]
            # the two writers send the batch in opposite orders, then again: the insert decides
            stored += len(opened.add_records(batch[::-1] if reverse else batch))
            stored += len(opened.add_records(batch))
        return stored


@pytest.mark.postgres
def test_two_concurrent_ingests_on_postgres_store_each_article_once(postgres_db: str) -> None:  # noqa: F811
    context = multiprocessing.get_context("spawn")
    barrier = context.Manager().Barrier(2)
    with context.Pool(2) as pool:
        results = [
            pool.apply_async(_add_all, (postgres_db, 10, 5, barrier, reverse))
            for reverse in (False, True)
        ]
        stored = [result.get(timeout=120) for result in results]
    assert sum(stored) == 50  # every article stored by exactly one of the two
    with open_store(postgres_db) as opened:
        counts = opened.counts()
    assert counts["articles"] == 50 and counts["actors"] == 100 and counts["events"] == 50


def _open_and_close(target: str, barrier: multiprocessing.synchronize.Barrier) -> int:
    barrier.wait()
    with open_store(target) as opened:
        return opened.schema_version()


@pytest.mark.postgres
def test_two_processes_migrate_a_new_postgres_schema_at_once(postgres_db: str) -> None:  # noqa: F811
    context = multiprocessing.get_context("spawn")
    for _ in range(3):
        barrier = context.Manager().Barrier(4)
        with context.Pool(4) as pool:
            results = [pool.apply_async(_open_and_close, (postgres_db, barrier)) for _ in range(4)]
            versions = {result.get(timeout=120) for result in results}
        assert len(versions) == 1
        import psycopg

        with psycopg.connect(postgres_db, autocommit=True) as con:  # a fresh schema again
            con.execute("DROP TABLE IF EXISTS schema_version, articles, actors CASCADE")
