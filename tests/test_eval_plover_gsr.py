"""The PLOVER gold-standard-records scorer, with a fake pipeline on a hand-made GSR sample."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from dateline.document import Actor, Article, Document, Event
from dateline.eval.gold import PLOVER_TYPES
from dateline.eval.plover_gsr import (
    GsrError,
    evaluate,
    gold_countries,
    load_gsr,
    map_category,
    map_country,
    old_categories,
    top_event,
)


def _actor(actor_id: str, country: str | None) -> dict[str, Any]:
    return {"id": actor_id, "name": actor_id, "country": country, "sector": "GOV", "mentions": []}


def _event(type_: str, confidence: float, actor: list[str], recipient: list[str]) -> dict:
    return {
        "id": f"{type_}-{confidence}",
        "type": type_,
        "actor": actor,
        "recipient": recipient,
        "confidence": confidence,
    }


# System answers keyed by sentence (see tests/fixtures/eval/plover_gsr_sample.json):
# AGREE: top event AGREE JPN -> ITA (right type, actor, recipient);
# DEMAND (= REQUEST): top event ACCUSE USA -> CHN, a weaker REQUEST also found;
# FIGHT (= ASSAULT), source NGO and a stray string target: no event at all;
# DISAPPROVE (= ACCUSE): ACCUSE with actor and recipient swapped.
ANSWERS: dict[str, dict[str, Any]] = {
    "Japan agreed on Monday to ship spare turbines to Italy.": {
        "actors": [_actor("jp", "JPN"), _actor("it", "ITA")],
        "events": [_event("CONSULT", 0.5, ["jp"], ["it"]), _event("AGREE", 0.9, ["jp"], ["it"])],
    },
    "Washington urged Beijing to release the detained fishermen.": {
        "actors": [_actor("us", "USA"), _actor("cn", "CHN")],
        "events": [_event("ACCUSE", 0.4, ["us"], ["cn"]), _event("REQUEST", 0.3, ["us"], ["cn"])],
    },
    "Guards of a relief group clashed with looters near the warehouse.": {
        "actors": [],
        "events": [],
    },
    "France criticised Germany over the new tariff on cheese.": {
        "actors": [_actor("fr", "FRA"), _actor("de", "DEU")],
        "events": [_event("ACCUSE", 0.7, ["de"], ["fr"])],
    },
}


class FakePipeline:
    """Anything with ``extract(article) -> record`` will do."""

    def __init__(self) -> None:
        self.articles: list[Article] = []

    def extract(self, article: Article) -> dict[str, Any]:
        self.articles.append(article)
        return {"article": {"text": article.text}, **ANSWERS[article.text]}


@pytest.fixture
def sample(fixtures_dir: Path) -> Path:
    return fixtures_dir / "eval" / "plover_gsr_sample.json"


def test_scores_by_hand(sample: Path) -> None:
    fake = FakePipeline()
    report = evaluate([sample], pipeline=fake)
    assert len(fake.articles) == 4  # the DOCUMENT record is skipped
    assert {a.published for a in fake.articles} == {dt.date(2000, 1, 1)}
    rows = {r["item"]: r for r in report.rows}
    assert sorted(rows) == ["ACCUSE", "AGREE", "ASSAULT", "REQUEST"]
    assert (rows["AGREE"]["type"], rows["AGREE"]["actor"], rows["AGREE"]["recipient"]) == (
        1.0,
        1.0,
        1.0,
    )
    assert (rows["REQUEST"]["type"], rows["REQUEST"]["type_any"]) == (0.0, 1.0)
    assert (rows["ASSAULT"]["coverage"], rows["ASSAULT"]["type"]) == (0.0, 0.0)
    assert rows["ASSAULT"]["actor"] is None and rows["ASSAULT"]["recipient"] is None
    assert (rows["ACCUSE"]["type"], rows["ACCUSE"]["actor"], rows["ACCUSE"]["recipient"]) == (
        1.0,
        0.0,
        0.0,
    )
    total = report.total
    assert total["n"] == 4
    assert total["coverage"] == pytest.approx(3 / 4)
    assert total["type"] == pytest.approx(2 / 4)
    assert total["type_any"] == pytest.approx(3 / 4)
    assert total["actor"] == pytest.approx(2 / 3)  # the NGO source names no country
    assert total["recipient"] == pytest.approx(2 / 3)  # the FIGHT target is a stray string
    notes = "\n".join(report.notes)
    assert "REQUEST -> ACCUSE: 1" in notes and "ASSAULT -> (none): 1" in notes
    assert "coverage (any event) 0.750" in notes


def test_limit_keeps_the_first_records(sample: Path) -> None:
    fake = FakePipeline()
    report = evaluate([sample.parent / sample.name], pipeline=fake, limit=2)
    assert report.total["n"] == 2
    assert [r["item"] for r in report.rows] == ["AGREE", "REQUEST"]


def test_pipe_is_used_when_the_pipeline_has_it(sample: Path) -> None:
    class PipingPipeline:
        def pipe(self, articles: list[Article]) -> list[Document]:
            documents = []
            for article in articles:
                document = Document(article=article)
                document.actors = [Actor("fr", "France", "FRA", "GOV", "state")]
                document.events = [
                    Event(
                        id="e1",
                        type="ACCUSE",
                        mode=[],
                        context=[],
                        cameo=None,
                        actor=["fr"],
                        recipient=[],
                        date=None,
                        place=None,
                        quantities=[],
                        modality="asserted",
                        reported_by=None,
                        sentence=(0, 1),
                        trigger=(0, 1),
                        confidence=0.5,
                    )
                ]
                documents.append(document)
            return documents

    report = evaluate([sample], pipeline=PipingPipeline())
    assert report.total["coverage"] == 1.0
    assert report.total["type"] == pytest.approx(1 / 4)


def test_empty_records_score_zero(sample: Path) -> None:
    class Empty:
        def extract(self, article: Article) -> dict[str, Any]:
            return {"article": {"text": article.text}, "actors": [], "events": []}

    total = evaluate([sample], pipeline=Empty()).total
    assert (total["coverage"], total["type"], total["actor"], total["recipient"]) == (0, 0, 0, 0)


def test_category_and_country_tables() -> None:
    table = old_categories()
    for category in PLOVER_TYPES:
        assert map_category(category) == category
    assert map_category("DEMAND") == "REQUEST"
    assert map_category("FIGHT") == "ASSAULT"
    assert table["DISAPPROVE"] == ("ACCUSE", "disapprove")
    assert table["INVESTIGATE"] == ("ACCUSE", "investigate")
    assert map_category("DOCUMENT") == ""
    assert set(table.values()) >= {(t, "") for t in PLOVER_TYPES}
    assert map_country("JAP") == "JPN" and map_country("ITL") == "ITA"
    assert map_country("USA") == "USA" and map_country("IGO") == "IGO"
    assert map_country("NGO") is None and map_country("") is None
    assert gold_countries([{"code": "JAP"}, {"code": "NGO"}, "junk"]) == {"JPN"}
    assert gold_countries("diplomatic") == set()


def test_top_event_takes_the_highest_confidence() -> None:
    record = {
        "events": [
            _event("AGREE", 0.2, [], []),
            _event("AID", 0.8, [], []),
            _event("SUPPORT", 0.8, [], []),
        ]
    }
    top = top_event(record)
    assert top is not None and top["type"] == "AID"
    assert top_event({"events": []}) is None and top_event({}) is None


def test_load_gsr_errors(tmp_path: Path) -> None:
    with pytest.raises(GsrError, match="no PLOVER GSR file"):
        load_gsr(tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text('{"event": "AGREE"}', encoding="utf-8")
    with pytest.raises(GsrError, match="expected a JSON list"):
        load_gsr(bad)


def test_shared_gsr_loads(shared_dir: Path) -> None:
    records = load_gsr(shared_dir / "reference" / "plover")
    assert len(records) > 100
    assert {map_category(r["event"]) for r in records} <= set(PLOVER_TYPES)


@pytest.mark.slow
def test_evaluate_with_the_pipeline(shared_dir: Path, pipeline: Any) -> None:
    report = evaluate([shared_dir / "reference" / "plover"], pipeline=pipeline, limit=10)
    assert report.total["n"] == 10
    assert 0.0 <= report.total["coverage"] <= 1.0


def test_details_list_the_wrong_sentences(sample: Path) -> None:
    report = evaluate([sample], pipeline=FakePipeline(), details=True)
    notes = "\n".join(report.notes)
    assert "TEST-GSR-DEMAND-0001: gold REQUEST, system ACCUSE: Washington urged" in notes
