"""The PLV sentence scorer, with a fake pipeline on invented sentences
(tests/fixtures/eval/plv_sample.csv); scores computed by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dateline.document import Article
from dateline.eval import TASKS
from dateline.eval.plv import (
    PlvError,
    content_words,
    covers,
    evaluate,
    label_types,
    load_plv,
)


def _actor(actor_id: str, name: str, mentions: list[list[int]]) -> dict[str, Any]:
    return {"id": actor_id, "name": name, "country": None, "mentions": mentions}


def _event(type_: str, actor: list[str], recipient: list[str]) -> dict[str, Any]:
    return {"id": f"e-{type_}", "type": type_, "actor": actor, "recipient": recipient}


def _span(text: str, words: str) -> list[int]:
    start = text.index(words)
    return [start, start + len(words)]


def _answers(rows: list[dict[str, str]]) -> dict[str, dict[str, Any]]:
    """The fake system's answer to each sentence of the sample, keyed by its id."""
    text = {row["id"]: row["text"] for row in rows}
    return {
        # check part: all three right
        "fx-1": {
            "actors": [
                _actor("eu", "European Union", [_span(text["fx-1"], "European Union")]),
                _actor("ex", "executives", [_span(text["fx-1"], "bank executives")]),
            ],
            "events": [_event("SANCTION", ["eu"], ["ex"])],
        },
        # check part: a wrong type only
        "fx-2": {
            "actors": [_actor("ru", "Ruritania", [[0, 9]])],
            "events": [_event("ACCUSE", ["ru"], [])],
        },
        # tune part: type, source (by mention) and target (by name) right
        "fx-3": {
            "actors": [
                _actor("no", "Norway", [[0, 6]]),
                _actor("co", "Colombia", []),
            ],
            "events": [_event("CONSULT", ["no"], []), _event("AGREE", ["no"], ["co"])],
        },
        # YIELD accepts RETREAT; the source is right through the mention, no recipient
        "fx-4": {
            "actors": [_actor("rt", "Ruritania", [_span(text["fx-4"], "Ruritanian army")])],
            "events": [_event("RETREAT", ["rt"], [])],
        },
        # the right type with actor and recipient swapped: the acronym U.S. is no source
        "fx-5": {
            "actors": [
                _actor("us", "United States", [_span(text["fx-5"], "U.S.")]),
                _actor("cl", "Chile", [_span(text["fx-5"], "Chilean officials")]),
            ],
            "events": [_event("ACCUSE", ["us"], ["cl"])],
        },
        # no event at all
        "fx-6": {"actors": [], "events": []},
    }


class FakePipeline:
    """Anything with ``extract(article) -> record`` will do."""

    def __init__(self, answers: dict[str, dict[str, Any]]) -> None:
        self.answers = answers
        self.articles: list[Article] = []

    def extract(self, article: Article) -> dict[str, Any]:
        self.articles.append(article)
        return {"article": {"text": article.text}, **self.answers[str(article.origin)]}


@pytest.fixture
def sample(fixtures_dir: Path) -> Path:
    return fixtures_dir / "eval" / "plv_sample.csv"


@pytest.fixture
def fake(sample: Path) -> FakePipeline:
    return FakePipeline(_answers(load_plv(sample)))


def test_the_task_is_registered() -> None:
    assert TASKS["plv"] == "dateline.eval.plv"


def test_scores_by_hand(sample: Path, fake: FakePipeline) -> None:
    report = evaluate([sample], pipeline=fake)
    assert len(fake.articles) == 6
    total = report.total
    assert total["n"] == 6
    assert total["type"] == pytest.approx(4 / 6)
    # fx-3's first (most confident on a tie) event is CONSULT, not its AGREE label
    assert total["top_type"] == pytest.approx(3 / 6)
    assert total["types"] == pytest.approx(6 / 6)  # two types on fx-3, none on fx-6
    assert total["type+source"] == pytest.approx(3 / 6)
    assert total["type+source+target"] == pytest.approx(2 / 6)
    assert total["no_event"] == pytest.approx(1 / 6)
    rows = {row["item"]: row for row in report.rows}
    assert sorted(rows) == ["ACCUSE", "AGREE", "PROTEST", "SANCTION", "THREATEN", "YIELD"]
    assert (rows["YIELD"]["type"], rows["YIELD"]["type+source"]) == (1.0, 1.0)
    assert rows["YIELD"]["type+source+target"] == 0.0
    assert (rows["ACCUSE"]["type"], rows["ACCUSE"]["type+source"]) == (1.0, 0.0)
    assert (rows["THREATEN"]["type"], rows["PROTEST"]["no_event"]) == (0.0, 1.0)


def test_split_keeps_the_rows_of_its_part(sample: Path, fake: FakePipeline) -> None:
    tune = evaluate([sample], pipeline=fake, split="tune").total
    check = evaluate([sample], pipeline=fake, split="check").total
    assert (tune["n"], check["n"]) == (4, 2)
    assert (tune["type"], tune["type+source"], tune["type+source+target"]) == (0.75, 0.5, 0.25)
    assert (check["type"], check["type+source"], check["type+source+target"]) == (0.5, 0.5, 0.5)
    assert (tune["no_event"], check["no_event"]) == (0.25, 0.0)
    with pytest.raises(ValueError, match="unknown split"):
        evaluate([sample], pipeline=fake, split="train")


def test_details_list_sentences_with_a_missed_type(sample: Path, fake: FakePipeline) -> None:
    notes = "\n".join(evaluate([sample], pipeline=fake, details=True).notes)
    assert "fx-2: gold THREATEN, system ACCUSE" in notes
    assert "fx-6: gold PROTEST, system (none)" in notes
    assert "fx-3" not in notes


def test_content_words_and_cover() -> None:
    assert content_words("the U.S. embassy") == {"us", "embassy"}
    assert content_words("US officials") == {"us", "officials"}
    assert content_words("they were there with him") == set()
    assert content_words("Iranian Foreign Minister") == {"iranian", "foreign", "minister"}
    text = "Peru thanked Ecuador."
    record = {
        "article": {"text": text},
        "actors": [_actor("pe", "Republic of Peru", [[0, 4]])],
    }
    assert covers(["pe"], "Peru", record)
    assert covers(["pe"], "the republic", record)  # through the name
    assert not covers(["pe"], "Ecuador", record)
    assert not covers(["nobody"], "Peru", record)
    assert not covers(["pe"], "the", record)  # no content word to cover


def test_yield_stands_for_concede_or_retreat() -> None:
    assert label_types("YIELD") == {"CONCEDE", "RETREAT"}
    assert label_types("accuse") == {"ACCUSE"}


def test_load_plv_errors(tmp_path: Path) -> None:
    with pytest.raises(PlvError, match="no PLV file"):
        load_plv(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("id,sentence\n1,Hello.\n", encoding="utf-8")
    with pytest.raises(PlvError, match="expected id,text,label,source,target"):
        load_plv(bad)
    twice = tmp_path / "twice.csv"
    twice.write_text(
        "id,text,label,source,target\na,One.,AGREE,x,y\na,Two.,AGREE,x,y\n", encoding="utf-8"
    )
    with pytest.raises(PlvError, match="used twice"):
        load_plv(twice)


@pytest.mark.slow
def test_the_real_pipeline_scores_the_sample(sample: Path) -> None:
    report = evaluate([sample])
    assert report.total["n"] == 6
    for column in ("type", "type+source", "type+source+target", "no_event"):
        assert 0.0 <= report.total[column] <= 1.0
    assert report.total["type+source"] <= report.total["type"]


def test_a_failing_sentence_scores_as_no_event(sample: Path, fake: FakePipeline) -> None:
    class Failing(FakePipeline):
        def extract(self, article: Article) -> dict[str, Any]:
            if article.origin == "fx-3":
                raise KeyError("XYZ")
            return super().extract(article)

    report = evaluate([sample], pipeline=Failing(fake.answers))
    assert report.total["n"] == 6
    assert report.total["type"] == pytest.approx(3 / 6)
    assert report.total["counts"]["failed"] == 1
    assert "the pipeline failed on 1 sentence(s), scored as no event: KeyError: 'XYZ' (1)" in (
        report.notes
    )
