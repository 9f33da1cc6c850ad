"""Fusion: three reports of one shelling become one cluster, both death tolls kept."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import functools
from pathlib import Path

import pytest

from dateline.eval.fusion import b_cubed, ceaf_e, muc, score_clusters
from dateline.fusion import (
    EventFeatures,
    cluster_events,
    cluster_features,
    compatible,
    features_from_event,
    fuse,
    similarity,
    stem,
    trigger_lemma,
)
from dateline.store import Store
from helpers_store import FUSION_DIR, fusion_records, small_record
from test_store import db, postgres_db, store  # noqa: F401 - the parametrised store fixture


@functools.cache
def _stored_events() -> tuple[dict, ...]:
    """The fixture records' events as the store gives them (an in-memory DuckDB)."""
    from dateline.store import open_store

    with open_store(":memory:") as opened:
        for record in fusion_records():
            opened.add_record(record)
        return tuple(opened.events())


def _events() -> list[dict]:
    return copy.deepcopy(list(_stored_events()))


def _check_shelling_cluster(cluster) -> None:  # type: ignore[no-untyped-def]
    assert cluster.type == "ASSAULT"
    assert len(cluster.article_ids) == 3
    assert set(cluster.sites) == {"Kyiv Ledger", "Eastern Wire", "Danube Times"}
    assert {s["url"] for s in cluster.sources} == {
        "https://kyivledger.example/2025/03/14/kupiansk-shelling",
        "https://easternwire.example/news/2025-03-15/kupiansk-bus-station",
        "https://danubetimes.example/world/ukraine-kupiansk-strike",
    }
    assert all(s["evidence"] for s in cluster.sources)
    assert (cluster.first_report, cluster.last_report) == ("2025-03-14", "2025-03-15")
    assert (cluster.first_day, cluster.last_day) == ("2025-03-14", "2025-03-14")
    assert cluster.place_name == "Kupiansk"
    killed = cluster.conflicts["killed"]
    assert sorted((q["value"], q["qualifier"]) for q in killed) == [
        (12, "at least"),
        (15, None),
        (15, None),
    ]
    by_value = {q["value"]: q for q in killed}
    assert by_value[12]["site"] == "Kyiv Ledger"
    assert by_value[12]["reported_by"] == "Oleh Syniehubov"
    assert {q["reported_by"] for q in killed if q["value"] == 15} == {
        "State Emergency Service of Ukraine",
        "Ministry of Foreign Affairs of Ukraine",
    }


def test_three_reports_one_cluster_both_figures_kept() -> None:
    clusters = cluster_events(_events())
    assert [len(c.event_ids) for c in clusters] == [3, 1]
    _check_shelling_cluster(clusters[0])
    assert clusters[1].type == "ACCUSE"


def test_fuse_writes_clusters(store: Store) -> None:  # noqa: F811
    for record in [*fusion_records(), small_record(1)]:
        store.add_record(record)
    clusters = fuse(store)
    assert len(clusters) == 1
    _check_shelling_cluster(clusters[0])
    (stored,) = store.clusters()
    assert (stored["n_events"], stored["n_articles"], stored["n_sites"]) == (3, 3, 3)
    assert len(stored["conflicts"]["killed"]) == 3
    assert store.counts()["cluster_members"] == 3
    assault = store.events({"type": "ASSAULT"})
    assert {e["cluster_id"] for e in assault} == {stored["id"]}
    assert {e["cluster_articles"] for e in assault} == {3}
    fuse(store)  # again: replaced, not doubled
    assert store.counts()["clusters"] == 1 and store.counts()["cluster_members"] == 3


def _features(**changes: object) -> tuple[EventFeatures, EventFeatures]:
    events = [e for e in _events() if e["type"] == "ASSAULT"]
    a, b = features_from_event(events[0]), features_from_event(events[1])
    return a, dataclasses.replace(b, **changes)  # type: ignore[arg-type]


def test_what_keeps_events_apart() -> None:
    a, b = _features()
    assert compatible(a, b, 3)
    assert not compatible(*_features(type="PROTEST"), 3)
    assert not compatible(*_features(day=dt.date(2025, 3, 20)), 3)
    assert not compatible(*_features(actors=frozenset({"USA"})), 3)
    assert not compatible(*_features(recipients=frozenset({"POL"})), 3)
    assert not compatible(*_features(modality="negated"), 3)
    # Kharkiv is ~110 km from Kupiansk: a different place, though in the same country
    assert not compatible(*_features(lat=49.9935, lon=36.2304), 3)
    assert compatible(*_features(lat=None, lon=None), 3)  # no coordinates: the country decides
    assert not compatible(*_features(lat=None, lon=None, place_country="RUS"), 3)
    assert not compatible(*_features(group=a.group), 3)  # two events of one article
    assert compatible(*_features(group=a.group), 3, same_group=True)


def test_a_different_verb_for_the_same_event_still_joins() -> None:
    a, b = _features(lemma="strike")
    assert similarity(a, b, 3) >= 0.6
    assert cluster_features([a, b]) == [[0, 1]]


def test_lemmas() -> None:
    assert {stem(w) for w in ("shelled", "shelling", "shells", "shell")} == {"shell"}
    assert stem("stopped") == "stop"
    assert stem("killed") == "kill"
    assert trigger_lemma("the attacks") == "attack"


def test_scores_on_a_textbook_example() -> None:
    # key {1..5} {6,7} {8,9,A,B,C}; response {1..5} {6..C}
    key = [frozenset("12345"), frozenset("67"), frozenset("89ABC")]
    response = [frozenset("12345"), frozenset("6789ABC")]
    assert muc(key, response)[:2] == pytest.approx((0.9, 1.0))
    assert b_cubed(key, response)[:2] == pytest.approx((64 / 7 / 12, 1.0))
    assert ceaf_e(key, response)[:2] == pytest.approx((11 / 12, 11 / 18))
    perfect = score_clusters(key, key)
    assert perfect["conll"] == pytest.approx(1.0)


def test_ecbplus_dev_topic(shared_dir: Path) -> None:
    from dateline.eval.fusion import evaluate

    report = evaluate([shared_dir / "eval" / "ecbplus"], topics=[2])
    (row,) = report.rows
    assert row["item"] == "topic 2" and row["mentions"] > 100
    for column in ("lemma_conll", "muc", "b3", "ceafe", "conll"):
        assert 0.0 < report.total[column] <= 1.0
    assert any("same-lemma baseline" in note for note in report.notes)
    with pytest.raises(Exception, match="test split"):
        evaluate([shared_dir / "eval" / "ecbplus"], topics=[36])


@pytest.mark.slow
def test_real_pipeline_fuses_the_three_fixture_articles(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    from dateline.ingest import ingest
    from dateline.store import open_store

    with open_store(str(tmp_path / "real.duckdb")) as opened:
        summary = ingest([FUSION_DIR], opened, pipeline=pipeline, progress=False)
        assert summary.ingested == 3
        clusters = [c for c in fuse(opened) if c.type == "ASSAULT"]
        assert clusters, "no ASSAULT cluster"
        best = max(clusters, key=lambda c: len(c.article_ids))
        assert len(best.article_ids) == 3
        values = {q["value"] for q in best.quantities if q["kind"] == "killed"}
        assert {12, 15} <= values
