"""The Dask engine gives exactly the records of the local engine (a LocalCluster of two)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dateline.ingest import ingest
from dateline.store import open_store

# four short articles written for this test
ARTICLES = {
    "talks.txt": (
        "Site: Test Wire\nURL: https://testwire.example/engines/talks\nPublished: 2025-05-02\n\n"
        "The foreign minister of France met the foreign minister of Kenya in Paris on "
        'Thursday to discuss grain exports. "We agreed to meet again next month," the '
        "French minister told reporters."
    ),
    "strike.txt": (
        "Site: Test Wire\nURL: https://testwire.example/engines/strike\nPublished: 2025-06-11\n\n"
        "Russian forces shelled the city of Kharkiv on Tuesday, killing at least four people, "
        "Ukrainian officials said."
    ),
    "protest.txt": (
        "Site: Test Wire\nURL: https://testwire.example/engines/protest\nPublished: 2025-03-20\n\n"
        "Thousands of students protested in Belgrade on Wednesday against the government of "
        "Serbia, and police arrested twelve demonstrators."
    ),
    "aid.txt": (
        "Site: Test Wire\nURL: https://testwire.example/engines/aid\nPublished: 2025-01-08\n\n"
        "Japan pledged 20 million dollars in humanitarian aid to Sudan on Monday, the Japanese "
        "embassy in Khartoum said in a statement."
    ),
}


def _records(db: str) -> dict[str, Any]:
    with open_store(db) as opened:
        return {article_id: opened.record(article_id) for article_id in opened.article_ids()}


@pytest.mark.slow
def test_dask_on_a_local_cluster_gives_the_records_of_the_local_engine(
    tmp_path: Path, pipeline: Any
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    local_db, dask_db = str(tmp_path / "local.duckdb"), str(tmp_path / "dask.duckdb")
    with open_store(local_db) as store:
        local = ingest([folder], store, pipeline=pipeline, progress=False)
    with open_store(dask_db) as store:
        # no pipeline given: each Dask worker loads the default one, once
        distributed = ingest(
            [folder], store, engine="dask", workers=2, batch_size=2, progress=False
        )
        again = ingest([folder], store, engine="dask", workers=2, progress=False)
    assert (local.ingested, len(local.skipped)) == (distributed.ingested, 1) == (4, 1)
    assert local.skipped == distributed.skipped
    assert (again.ingested, again.duplicates) == (0, 4)  # nothing extracted twice
    local_records, dask_records = _records(local_db), _records(dask_db)
    assert local_records == dask_records
    assert sum(len(r["events"]) for r in local_records.values()) > 0
