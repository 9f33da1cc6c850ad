"""Fault injection: whatever one article does, it alone is skipped, with a code, and every other
article is extracted, stored or scored exactly once.

Most tests run the real :class:`~dateline.pipeline.Pipeline` on a blank spaCy language (no
model to load) with test-only stages; one runs the full pipeline with a stage added."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dateline.document import Article, Document
from dateline.errors import ArticleError, Code, NotInitializedError
from dateline.ingest import ingest
from dateline.pipeline import Pipeline
from dateline.readers import Skipped
from dateline.stages import BaseStage
from dateline.store import open_store
from helpers_store import write_articles
from test_store import db, postgres_db  # noqa: F401 - the parametrised store fixture

#: the words that make the test-only stage (or the test-only spaCy component) raise
BREAK = "round 3 "
CRASH = "round 5 "


class Breaker(BaseStage):
    """Raises on any article whose text contains ``BREAK``; counts the others."""

    name = "breaker"

    def set_up(self, knowledge: Any) -> None:
        self.seen: list[str] = []

    def process(self, document: Document) -> Document:
        if BREAK in document.text:
            raise KeyError("a test-only failure")
        self.seen.append(document.article.id)
        return document


def blank_pipeline(max_length: int | None = None, crash_in_spacy: bool = False) -> Pipeline:
    import spacy
    from spacy.language import Language

    nlp = spacy.blank("en")
    if max_length is not None:
        nlp.max_length = max_length
    if crash_in_spacy:
        if "test_crasher" not in Language.factories:

            @Language.component("test_crasher")
            def crasher(doc: Any) -> Any:
                if CRASH in doc.text:
                    raise ValueError("a test-only spaCy failure")
                return doc

        nlp.add_pipe("test_crasher")
    return Pipeline(nlp, None, [Breaker()])  # type: ignore[arg-type]


def articles(count: int) -> list[Article]:
    return [
        Article(
            text=f"Officials met in Paris for round {n} of talks on grain exports.",
            url=f"https://testwire.example/talks/{n}",
            origin=f"article-{n}",
        )
        for n in range(count)
    ]


def run_pipe(pipeline: Pipeline, inputs: list[Article]) -> tuple[list[str], list[Skipped]]:
    skipped: list[Skipped] = []
    done = [
        d.article.origin or "" for d in pipeline.pipe(inputs, batch_size=2, on_skip=skipped.append)
    ]
    return done, skipped


def test_a_stage_that_raises_skips_that_article_alone() -> None:
    done, skipped = run_pipe(blank_pipeline(), articles(7))
    assert done == [f"article-{n}" for n in (0, 1, 2, 4, 5, 6)]
    ((skip),) = skipped
    assert (skip.origin, skip.code) == ("article-3", Code.PIPELINE_FAILED)
    assert "breaker" in skip.reason and "KeyError" in skip.reason and "report" in skip.reason


def test_a_failure_inside_spacy_is_filed_under_its_own_article() -> None:
    done, skipped = run_pipe(blank_pipeline(crash_in_spacy=True), articles(8))
    assert done == [f"article-{n}" for n in (0, 1, 2, 4, 6, 7)]
    assert sorted((s.origin, s.code) for s in skipped) == [
        ("article-3", Code.PIPELINE_FAILED),
        ("article-5", Code.PIPELINE_FAILED),
    ]
    assert "ValueError" in next(s.reason for s in skipped if s.origin == "article-5")


def test_an_over_long_text_is_refused_before_it_reaches_a_batch() -> None:
    inputs = articles(5)
    inputs[1] = Article(text="Talks went on. " * 120, origin="long")
    done, skipped = run_pipe(blank_pipeline(max_length=300), inputs)
    assert done == ["article-0", "article-2", "article-4"]
    assert [(s.origin, s.code) for s in skipped] == [
        ("long", Code.TOO_LONG),
        ("article-3", Code.PIPELINE_FAILED),
    ]
    assert "1,800" in skipped[0].reason and "1,500" in skipped[0].reason


def test_a_text_past_max_length_is_parsed_in_parts_with_its_offsets() -> None:
    text = "\n\n".join(f"Paragraph {n} says the talks went on. " * 3 for n in range(12))
    inputs = [*articles(3)[:2], Article(text=text, origin="long")]
    done, skipped = run_pipe(blank_pipeline(max_length=300), inputs)
    assert done == ["article-0", "article-1", "long"] and not skipped
    document = blank_pipeline(max_length=300)(inputs[2])
    assert document.doc is not None and document.doc.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in document.doc)


def test_a_long_text_within_max_length_is_parsed_one_part_at_a_time(monkeypatch) -> None:
    """spaCy's parser holds working memory for all it parses at once: a long text goes
    through it in parts of at most PART_CHARS, one after the other."""
    import dateline.pipeline as pipeline_module

    monkeypatch.setattr(pipeline_module, "PART_CHARS", 200)
    text = "\n\n".join(f"Paragraph {n} says the talks went on. " * 2 for n in range(10))
    pipeline = blank_pipeline()
    parsed: list[int] = []
    nlp = pipeline.nlp

    class Counting:
        max_length = nlp.max_length

        def __call__(self, part: str) -> Any:
            parsed.append(len(part))
            return nlp(part)

    pipeline.nlp = Counting()  # type: ignore[assignment]
    pipeline.parse_processes = 1  # the count is kept in this process
    document = pipeline(Article(text=text, origin="long"))
    assert document.doc is not None and document.doc.text == text
    assert len(parsed) > 1 and max(parsed) <= 200


def test_a_long_texts_parts_parsed_by_two_processes_give_the_same_parse(monkeypatch) -> None:
    import spacy

    import dateline.pipeline as pipeline_module

    monkeypatch.setattr(pipeline_module, "PART_CHARS", 200)
    monkeypatch.setattr(pipeline_module, "usable_cores", lambda: 2)
    monkeypatch.setattr(pipeline_module, "load_average", lambda: 0.5)
    text = "\n\n".join(f"Paragraph {n} says the talks went on. " * 2 for n in range(10))
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    one, two = (Pipeline(nlp, None, [], parse_processes=n) for n in (1, 2))  # type: ignore[arg-type]
    serial = one(Article(text=text, origin="long")).doc
    parallel = two(Article(text=text, origin="long")).doc
    assert serial is not None and parallel is not None and parallel.text == text
    assert [(t.idx, t.is_sent_start) for t in parallel] == [
        (t.idx, t.is_sent_start) for t in serial
    ]


def test_a_failure_in_a_parsing_process_skips_that_article_alone(monkeypatch) -> None:
    import dateline.pipeline as pipeline_module

    monkeypatch.setattr(pipeline_module, "usable_cores", lambda: 2)
    monkeypatch.setattr(pipeline_module, "load_average", lambda: 0.5)
    text = "\n\n".join(f"Paragraph {n} says the talks went on. " * 3 for n in range(12))
    inputs = [*articles(3)[:2], Article(text=text + "\n\n" + CRASH, origin="long")]
    done, skipped = run_pipe(blank_pipeline(max_length=300, crash_in_spacy=True), inputs)
    assert done == ["article-0", "article-1"]
    assert [(s.origin, s.code) for s in skipped] == [("long", Code.PIPELINE_FAILED)]


def test_parts_are_parsed_in_one_process_where_more_would_not_help(monkeypatch) -> None:
    import dateline.pipeline as pipeline_module

    monkeypatch.setattr(pipeline_module, "usable_cores", lambda: 2)
    monkeypatch.setattr(pipeline_module, "load_average", lambda: 0.5)
    assert pipeline_module.parse_processes_for(2, 5) == 2
    assert pipeline_module.parse_processes_for(4, 5) == 2  # no more than the cores
    assert pipeline_module.parse_processes_for(2, 1) == 1  # one part
    assert pipeline_module.parse_processes_for(1, 5) == 1  # turned off
    monkeypatch.setattr(pipeline_module, "load_average", lambda: 1.8)
    assert pipeline_module.parse_processes_for(2, 5) == 1  # no core left idle
    monkeypatch.setattr(pipeline_module, "load_average", lambda: 1.2)
    assert pipeline_module.parse_processes_for(2, 5) == 2  # this one and one idle
    # inside a worker of a pool (--workers, Dask) its siblings already use the cores
    monkeypatch.setattr(pipeline_module.multiprocessing, "parent_process", lambda: object())
    assert pipeline_module.parse_processes_for(2, 5) == 1
    monkeypatch.setattr(pipeline_module, "usable_cores", lambda: 1)
    assert pipeline_module.parse_processes_for(2, 5) == 1


def test_calling_the_pipeline_raises_a_coded_error() -> None:
    pipeline = blank_pipeline(max_length=300)
    with pytest.raises(ArticleError) as failed:
        pipeline(articles(4)[3])
    assert failed.value.code == Code.PIPELINE_FAILED and failed.value.origin == "article-3"
    with pytest.raises(ArticleError) as refused:
        pipeline(Article(text="x " * 800, origin="long"))
    assert refused.value.code == Code.TOO_LONG
    assert pipeline(articles(1)[0]).article.origin == "article-0"


def test_an_error_of_the_callers_own_still_ends_the_batch() -> None:
    def broken_source() -> Iterator[Article]:
        yield from articles(2)
        raise OSError("the disk went away")

    with pytest.raises(OSError, match="disk"):
        list(blank_pipeline().pipe(broken_source(), batch_size=2))


def test_a_stage_refuses_to_run_before_initialize() -> None:
    import spacy

    stage = Breaker()
    document = Document(article=articles(1)[0], doc=spacy.blank("en")("Talks."))
    with pytest.raises(NotInitializedError) as failed:
        stage(document)
    assert failed.value.code == Code.NOT_INITIALIZED and "initialize" in failed.value.message


def test_a_stage_passes_an_empty_or_unparsed_document_through() -> None:
    stage = Breaker()
    stage.initialize(None)
    unparsed = Document(article=Article(text=f"{BREAK} unparsed"))
    assert stage(unparsed) is unparsed
    import spacy

    empty = Document(article=Article(text="  "), doc=spacy.blank("en")("  "))
    assert stage(empty) is empty and stage.seen == []


def test_ingest_stores_every_other_article_once(db: str, tmp_path: Path) -> None:  # noqa: F811
    write_articles(tmp_path / "in", 7)
    (tmp_path / "in" / "long.txt").write_text("Talks went on. " * 120, encoding="utf-8")
    pipeline = blank_pipeline(max_length=300, crash_in_spacy=True)
    with open_store(db) as store:
        summary = ingest([tmp_path / "in"], store, pipeline=pipeline, batch_size=2, progress=False)
        assert summary.ingested == 5
        codes = sorted((Path(origin).name, code) for origin, code, _ in summary.skipped)
        assert codes == [
            ("article-003.txt", "E060"),
            ("article-005.txt", "E060"),
            ("long.txt", "E011"),
        ]
        stored = sorted((Path(r["origin"]).name, r["code"]) for r in store.skipped())
        assert stored == codes
        assert store.counts()["articles"] == 5
        again = ingest([tmp_path / "in"], store, pipeline=pipeline, batch_size=2, progress=False)
        assert (again.ingested, again.duplicates, len(again.skipped)) == (0, 5, 3)
        assert store.counts()["articles"] == 5


def test_extract_out_writes_every_other_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dateline.cli import app

    paths = write_articles(tmp_path / "in", 5)
    pipeline = blank_pipeline()
    monkeypatch.setattr(Pipeline, "load", classmethod(lambda cls, *a, **k: pipeline))
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["extract", *map(str, paths), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [f"article-00{n}.json" for n in (0, 1, 2, 4)]
    assert "skipped" in result.output and "article-003.txt: [E060]" in result.output
    assert "wrote 4 file(s)" in result.output and "skipped 1" in result.output
    record = json.loads((out / "article-004.json").read_text(encoding="utf-8"))
    assert "round 4 " in record["article"]["text"]


def test_extract_of_one_failing_article_is_a_coded_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dateline.cli import app

    paths = write_articles(tmp_path / "in", 4)
    pipeline = blank_pipeline()
    monkeypatch.setattr(Pipeline, "load", classmethod(lambda cls, *a, **k: pipeline))
    result = CliRunner().invoke(app, ["extract", str(paths[3])])
    assert result.exit_code == 2
    assert "[E060]" in result.output and "Traceback" not in result.output


def test_gold_eval_lists_a_failing_article_and_scores_the_others(fixtures_dir: Path) -> None:
    from dateline.eval.gold import evaluate

    gold_root = fixtures_dir / "eval" / "gold"
    folders = sorted(p for p in gold_root.iterdir() if (p / "gold.json").is_file())
    assert len(folders) >= 2
    failing = folders[0].name

    class HalfBrokenPipeline:
        def extract_file(self, path: Path) -> dict[str, Any]:
            if Path(path).parent.name == failing:
                raise ArticleError(Code.PIPELINE_FAILED, "a test-only failure", str(path))
            return json.loads((Path(path).parent / "system.json").read_text(encoding="utf-8"))

    report = evaluate(folders, pipeline=HalfBrokenPipeline())
    assert [r["item"] for r in report.rows] == [p.name for p in folders[1:]]
    assert any(note.startswith(f"{failing}: skipped") and "[E060]" in note for note in report.notes)


@pytest.mark.slow
def test_the_full_pipeline_with_a_breaking_stage(pipeline: Pipeline) -> None:
    breaking = Pipeline(pipeline.nlp, pipeline.knowledge, [*pipeline.stages, Breaker()])
    done, skipped = run_pipe(breaking, articles(5))
    assert done == ["article-0", "article-1", "article-2", "article-4"]
    assert [(s.origin, s.code) for s in skipped] == [("article-3", Code.PIPELINE_FAILED)]
