"""The store: one schema and one behaviour on DuckDB and PostgreSQL; the query commands."""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from dateline.errors import Code, DatelineError
from dateline.store import Filters, Store, open_store
from dateline.store.sql import MIGRATIONS
from helpers_store import fusion_records, small_record

POSTGRES = os.environ.get("DATELINE_TEST_POSTGRES")


def _postgres_url(schema: str) -> str:
    assert POSTGRES
    sep = "&" if "?" in POSTGRES else "?"
    return f"{POSTGRES}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture
def postgres_db() -> Iterator[str]:
    """A fresh schema on the test server, dropped afterwards."""
    if not POSTGRES:
        pytest.skip("DATELINE_TEST_POSTGRES is not set (run .ci/postgres.sh)")
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {schema}")
    yield _postgres_url(schema)
    with psycopg.connect(POSTGRES, autocommit=True) as con:
        con.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "duckdb":
        return str(tmp_path / "test.duckdb")
    return request.getfixturevalue("postgres_db")


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    opened = open_store(db)
    yield opened
    opened.close()


def test_add_record_is_idempotent(store: Store) -> None:
    records = fusion_records()
    assert [store.add_record(r) for r in records] == [True, True, True]
    counts = store.counts()
    assert [store.add_record(r) for r in records] == [False, False, False]
    assert store.counts() == counts
    assert counts["articles"] == 3
    assert counts["events"] == 4
    assert counts["quantities"] == 3
    assert all(store.has_article(r["article"]["id"]) for r in records)
    assert not store.has_article("no-such-article")


def test_row_ids_are_prefixed_with_the_article(store: Store) -> None:
    # both records use local ids a1, e1: stored side by side, not colliding
    store.add_record(small_record(1))
    store.add_record(small_record(2))
    events = store.events()
    assert len(events) == 2
    assert len({e["id"] for e in events}) == 2
    assert all(e["id"].startswith(e["article_id"] + ":") for e in events)
    assert all(a["id"].startswith(e["article_id"] + ":") for e in events for a in e["actors"])


def test_an_article_is_written_whole_or_not_at_all(store: Store) -> None:
    broken = small_record(3)
    broken["actors"].append(dict(broken["actors"][0]))  # the same actor id twice: a key clash
    with pytest.raises(Exception):  # noqa: B017 - the engine's own integrity error
        store.add_record(broken)
    assert not store.has_article(broken["article"]["id"])
    assert store.counts()["actors"] == 0
    assert store.add_record(small_record(4))  # the store still works after the rollback


def test_record_round_trips(store: Store) -> None:
    record = fusion_records()[0]
    store.add_record(record)
    assert store.record(record["article"]["id"]) == record


def test_migrations_are_applied_once(db: str) -> None:
    first = open_store(db)
    assert first.schema_version() == MIGRATIONS[-1].version
    first.close()
    again = open_store(db)
    assert again.migrate() == []
    assert again.schema_version() == MIGRATIONS[-1].version
    again.close()


def test_skipped_inputs_are_kept_once_per_origin_and_code(store: Store) -> None:
    store.add_skipped("a.txt", Code.EMPTY, "a.txt is empty")
    store.add_skipped("a.txt", Code.EMPTY, "a.txt is empty")
    store.add_skipped("b.txt", "E004", "not UTF-8")
    rows = store.skipped()
    assert [(r["origin"], r["code"]) for r in rows] == [("a.txt", "E002"), ("b.txt", "E004")]
    assert all(r["reason"] and r["seen_at"] for r in rows)


def test_event_filters(store: Store) -> None:
    for record in [*fusion_records(), small_record(1)]:
        store.add_record(record)
    assert len(store.events()) == 5
    assert len(store.events({"type": "assault"})) == 3
    assert len(store.events(Filters(country="UKR"))) == 4
    assert len(store.events({"country": "KEN"})) == 1
    assert len(store.events({"actor": "russia"})) == 4
    assert len(store.events({"actor": "RUS", "type": "ACCUSE"})) == 1
    assert len(store.events({"mode": "visit"})) == 1
    assert len(store.events({"place": "kupian"})) == 3
    assert len(store.events({"text": "bus station"})) == 3  # two events share a sentence
    assert len(store.events({"since": "2025-03-15"})) == 2
    assert len(store.events({"since": "2025-03-14", "until": "2025-03-14"})) == 3
    assert len(store.events({"limit": 2})) == 2
    assert store.events({"text": "100%_sure"}) == []  # LIKE wildcards are taken literally
    with pytest.raises(DatelineError) as caught:
        store.events({"since": "last week"})
    assert caught.value.code is Code.BAD_SETTING
    with pytest.raises(DatelineError):
        store.events({"colour": "red"})


def test_events_say_where_their_date_came_from(store: Store) -> None:
    for record in fusion_records():
        store.add_record(record)
    sources = {(e["day"], e["date_source"]) for e in store.events()}
    assert (dt.date(2025, 3, 14), "text") in sources or ("2025-03-14", "text") in sources


def test_events_carry_evidence_source_and_participants(store: Store) -> None:
    store.add_record(fusion_records()[0])
    (event,) = store.events()
    assert event["evidence"].startswith("Russian forces shelled the town of Kupiansk")
    assert event["trigger"] == "shelled"
    assert event["url"] == "https://kyivledger.example/2025/03/14/kupiansk-shelling"
    assert event["site"] == "Kyiv Ledger"
    assert event["day"] == "2025-03-14"
    assert event["reported_by"] == "Oleh Syniehubov"
    assert [a["country"] for a in event["actors"]] == ["RUS"]
    assert [a["country"] for a in event["recipients"]] == ["UKR"]
    assert event["quantities"][0]["value"] == 12
    assert event["quantities"][0]["qualifier"] == "at least"
    assert event["quantities"][0]["text"] == "at least 12 people"
    json.dumps(event)  # plain values only


def test_quotes_and_actors(store: Store) -> None:
    for record in fusion_records():
        store.add_record(record)
    (quote,) = store.quotes({"speaker": "syniehubov"})
    assert quote["speaker"] == "Oleh Syniehubov"
    assert quote["text"].startswith("This was a deliberate strike")
    assert quote["url"].startswith("https://kyivledger.example/")
    assert store.quotes({"text": "deliberate"}) == [quote]
    assert store.quotes({"since": "2025-03-15"}) == []
    russia = store.actors({"country": "RUS", "sector": "MIL"})
    assert russia[0]["name"] == "Russia"
    assert russia[0]["articles"] == 3
    assert russia[0]["events"] == 3
    assert russia[0]["example_url"]
    assert {a["country"] for a in store.actors({"country": "ukr"})} == {"UKR"}


@pytest.mark.postgres
def test_duckdb_and_postgres_return_the_same_events(tmp_path: Path, postgres_db: str) -> None:
    results = []
    for db in (str(tmp_path / "same.duckdb"), postgres_db):
        with open_store(db) as opened:
            for record in [*fusion_records(), small_record(1)]:
                opened.add_record(record)
            results.append(
                (
                    opened.events(),
                    opened.quotes(),
                    opened.actors(),
                    {k: v for k, v in opened.counts().items()},
                )
            )
    assert results[0] == results[1]


def test_open_store_refuses_other_urls(tmp_path: Path) -> None:
    with pytest.raises(DatelineError) as caught:
        open_store("mysql://localhost/x")
    assert caught.value.code is Code.BAD_DATABASE
    with pytest.raises(DatelineError) as caught:
        open_store(str(tmp_path / "missing" / "x.duckdb"))
    assert caught.value.code is Code.BAD_DATABASE


# --- the query commands -----------------------------------------------------------------------


def _app() -> typer.Typer:
    from dateline.cli.store import register

    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """dateline (test)"""

    register(app)
    return app


@pytest.fixture
def filled_db(tmp_path: Path) -> str:
    path = str(tmp_path / "cli.duckdb")
    with open_store(path) as opened:
        for record in [*fusion_records(), small_record(1)]:
            opened.add_record(record)
    return path


def test_cli_events_formats(filled_db: str) -> None:
    runner = CliRunner()
    result = runner.invoke(
        _app(), ["events", "--db", filled_db, "--type", "ASSAULT", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 3
    assert all(r["evidence"] and r["url"] for r in rows)

    result = runner.invoke(
        _app(), ["events", "--db", filled_db, "--country", "KEN", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 2
    assert "https://testwire.example/1" in lines[1]

    result = runner.invoke(
        _app(), ["events", "--db", filled_db, "--since", "2025-03-14", "--until", "2025-03-14"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].split() == [
        "day", "type", "modality", "conf", "who", "where", "figures", "reported", "by",
        "source", "evidence",
    ]  # fmt: skip
    assert "at least 12 killed" in result.output
    assert "Russia (RUS) -> Ukraine (UKR)" in result.output


def test_cli_quotes_actors_and_errors(filled_db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(_app(), ["quotes", "--db", filled_db, "--speaker", "Syniehubov"])
    assert result.exit_code == 0, result.output
    assert "Oleh Syniehubov" in result.output and "Kyiv Ledger" in result.output
    result = runner.invoke(
        _app(), ["actors", "--db", filled_db, "--country", "RUS", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert {a["sector"] for a in json.loads(result.output)} == {"MIL", "GOV"}
    result = runner.invoke(_app(), ["events", "--db", filled_db, "--since", "yesterday"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output
    result = runner.invoke(_app(), ["events", "--db", str(tmp_path / "nowhere" / "x.duckdb")])
    assert result.exit_code == 2
    assert "E041" in result.output  # a reading command does not create a database
    result = runner.invoke(
        _app(), ["ingest", str(tmp_path), "--db", str(tmp_path / "nowhere" / "x.duckdb")]
    )
    assert result.exit_code == 2
    assert "E040" in result.output  # ingest creates one, but not in a missing folder


def test_a_backend_registers_its_url_scheme(monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline.store import registry
    from dateline.store.duckdb import DuckDBStore

    asked: list[str] = []

    def open_in_memory(target: str) -> Store:
        asked.append(target)
        return DuckDBStore(":memory:")

    monkeypatch.setitem(registry.BACKENDS, "memtest", open_in_memory)
    with open_store("memtest://anything") as opened:
        assert isinstance(opened, DuckDBStore) and opened.counts()["articles"] == 0
    assert asked == ["memtest://anything"]


def test_actors_by_name_or_country_code(store: Store) -> None:
    for item in fusion_records():
        store.add_record(item)
    assert {row["name"] for row in store.actors({"actor": "syniehubov"})} == {"Oleh Syniehubov"}
    assert {row["country"] for row in store.actors({"actor": "RUS"})} == {"RUS"}
