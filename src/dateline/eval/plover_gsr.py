"""Score event types and actors on PLOVER's gold-standard records (``PLOVER_GSR_dev.json``).

The file is one JSON list. Each record is one sentence from the CAMEO manual coded in an
early PLOVER draft::

    {"id": "PLOVER-GSR01-AGREE-0005", "date": "2000-01-01", "event": "AGREE",
     "text": "<the sentence>", "eventText": "<trigger words>", "context": "terrorism",
     "mode": "", "source": [{"actorText": "Libya", "code": "LBY", "sector": "GOV"}],
     "target": [{"actorText": "Great Britain", "code": "GBR"}],
     "textInfo": {"markup": "(SRC: Libya) has (EVT: offered ...) to (TAR: Great Britain) ..."},
     "eventLoc": {"name": "..."}, "dead": "3", "injured": "2", "size": "100", ...}

``source`` and ``target`` are lists of actors with a CAMEO-style ``code`` (mostly ISO alpha-3;
``JAP``, ``ITL`` and a few more are mapped with ``knowledge/data/cameo_country_codes.tsv``;
``IGO`` stays ``IGO``; ``NGO`` and group codes name no country and are left out) and a
``sector`` in the old CAMEO agent codes. ``target`` is missing, or a stray string, where the
sentence has none; in reciprocal records (markup ``SRC/TAR``) both sides are in ``source``.
``date`` is the placeholder ``2000-01-01``. One record (``event: DOCUMENT``) documents the file
and is skipped. Old categories are mapped to the current 16 with
``knowledge/data/plover_old_categories.tsv`` (DEMAND -> REQUEST, FIGHT -> ASSAULT,
DISAPPROVE and INVESTIGATE -> ACCUSE).

For each record the pipeline codes the sentence alone; the system event with the highest
confidence (the first one on a tie) is compared with the gold event:

- ``type``: the system type equals the mapped gold type (no event counts as wrong);
  ``type_any``: some system event of the sentence has the gold type.
- ``actor``: the countries of the top event's ``actor`` ids overlap the gold source countries
  (over records whose gold source has a country; no event counts as wrong).
- ``recipient``: likewise for the recipient ids and the gold target countries (over records
  whose gold target has a country).
- ``coverage``: the share of records where the system found any event.

Rows are per gold type, with a TOTAL row over all records; the notes give the commonest type
confusions (``gold -> system``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import Code, DatelineError
from .report import EvalReport, ratio
from .splits import check_split, in_split, split_of_sentence

COLUMNS = ["n", "coverage", "type", "type_any", "actor", "recipient"]
DEFAULT_FILE = "PLOVER_GSR_dev.json"
NO_EVENT = "(none)"


class GsrError(DatelineError):
    """The GSR file is missing or not in the expected shape."""

    def __init__(self, message: str) -> None:
        super().__init__(Code.BAD_GOLD, message)


def _read_table(name: str) -> list[dict[str, str]]:
    text = resources.files("dateline.knowledge").joinpath("data", name).read_text("utf-8")
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            continue
        cells += [""] * (len(header) - len(cells))
        rows.append({h: c.strip() for h, c in zip(header, cells, strict=False)})
    return rows


@lru_cache(maxsize=1)
def old_categories() -> dict[str, tuple[str, str]]:
    """Old GSR category -> (current PLOVER category or "", mode or "")."""
    return {r["old"]: (r["category"], r["mode"]) for r in _read_table("plover_old_categories.tsv")}


@lru_cache(maxsize=1)
def cameo_country_codes() -> dict[str, str]:
    """CAMEO code -> ISO alpha-3 ("" for a code that names no country)."""
    return {r["cameo"]: r["iso3"] for r in _read_table("cameo_country_codes.tsv")}


def map_category(event: str) -> str:
    """The current PLOVER category of an old GSR category ("" for DOCUMENT; unknown as is)."""
    category, _mode = old_categories().get(event, (event, ""))
    return category


def map_country(code: str | None) -> str | None:
    """ISO alpha-3 (or IGO) for a CAMEO-style code; None where the code names no country."""
    if not code:
        return None
    code = code.strip().upper()
    mapped = cameo_country_codes().get(code, code)
    return mapped or None


def gold_countries(actors: Any) -> set[str]:
    """The mapped country codes of a GSR ``source`` or ``target`` field (a list, or junk)."""
    if not isinstance(actors, list):
        return set()
    out: set[str] = set()
    for actor in actors:
        if isinstance(actor, dict):
            country = map_country(actor.get("code"))
            if country:
                out.add(country)
    return out


def load_gsr(path: Path) -> list[dict[str, Any]]:
    """The event records of a GSR file (or of ``PLOVER_GSR_dev.json`` in a folder)."""
    path = Path(path)
    if path.is_dir():
        path = path / DEFAULT_FILE
    if not path.is_file():
        raise GsrError(f"no PLOVER GSR file at {path}; give PLOVER_GSR_dev.json or its folder")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise GsrError(f"{path} is not valid UTF-8 JSON ({error})") from error
    if not isinstance(data, list):
        raise GsrError(f"{path}: expected a JSON list of records, got {type(data).__name__}")
    records = []
    for i, item in enumerate(data):
        if not isinstance(item, dict) or "event" not in item:
            raise GsrError(f"{path}: record {i} is not an object with an 'event' field")
        if not map_category(item["event"]) or not isinstance(item.get("text"), str):
            continue  # DOCUMENT records and records without a sentence
        records.append(item)
    return records


def _published(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def top_event(record: Mapping[str, Any]) -> dict[str, Any] | None:
    """The event with the highest confidence (the first on a tie), or None."""
    best: dict[str, Any] | None = None
    for event in record.get("events") or []:
        if not isinstance(event, dict):
            continue
        if best is None or (event.get("confidence") or 0.0) > (best.get("confidence") or 0.0):
            best = event
    return best


def _system_countries(ids: Iterable[str] | None, record: Mapping[str, Any]) -> set[str]:
    index = {a.get("id"): a for a in record.get("actors") or [] if isinstance(a, dict)}
    return {index[i]["country"] for i in ids or [] if i in index and index[i].get("country")}


def score_record(gold: Mapping[str, Any], record: Mapping[str, Any]) -> dict[str, Any]:
    """Counts for one GSR sentence: see the module docstring."""
    gold_type = map_category(gold["event"])
    event = top_event(record)
    sources = gold_countries(gold.get("source"))
    targets = gold_countries(gold.get("target"))
    types = {e.get("type") for e in record.get("events") or [] if isinstance(e, dict)}
    result: dict[str, Any] = {
        "gold_type": gold_type,
        "system_type": event.get("type") if event else NO_EVENT,
        "n": 1,
        "covered": int(event is not None),
        "type_ok": int(event is not None and event.get("type") == gold_type),
        "type_any_ok": int(gold_type in types),
        "actor_n": int(bool(sources)),
        "actor_ok": 0,
        "recipient_n": int(bool(targets)),
        "recipient_ok": 0,
    }
    if event is not None:
        if sources and _system_countries(event.get("actor"), record) & sources:
            result["actor_ok"] = 1
        if targets and _system_countries(event.get("recipient"), record) & targets:
            result["recipient_ok"] = 1
    return result


def _metrics(c: Mapping[str, int]) -> dict[str, Any]:
    return {
        "n": c.get("n", 0),
        "coverage": ratio(c.get("covered", 0), c.get("n", 0)),
        "type": ratio(c.get("type_ok", 0), c.get("n", 0)),
        "type_any": ratio(c.get("type_any_ok", 0), c.get("n", 0)),
        "actor": ratio(c.get("actor_ok", 0), c.get("actor_n", 0)),
        "recipient": ratio(c.get("recipient_ok", 0), c.get("recipient_n", 0)),
        "counts": dict(sorted(c.items())),
    }


def sentence_pipeline(
    propose_above: float | None = None, propose_without_actor: bool | None = None
) -> Any:
    """The default pipeline for sentence-level typing tasks (GSR, PLV): every event candidate
    counts, even one whose actor has no known country or whose confidence is below the
    article-level floor, and the learned sentence-type model adds its own reading beside the
    rules'. Its threshold and whether a proposal may lack an actor default to the settings
    chosen by cross-validation on the tune sentences
    (:func:`dateline.learned.refine.load_sentence_proposals`)."""
    from ..learned.refine import load_sentence_proposals

    chosen = load_sentence_proposals()
    if propose_above is None:
        propose_above = chosen.propose_above
    if propose_without_actor is None:
        propose_without_actor = chosen.propose_without_actor
    from ..pipeline import Pipeline
    from ..stages import default_stages
    from ..stages.events import EventStage

    stages = [
        EventStage(
            min_confidence=0.0,
            require_actor_country=False,
            propose_above=propose_above,
            propose_beside_rules=True,
            propose_without_actor=propose_without_actor,
        )
        if stage.name == "events"
        else stage
        for stage in default_stages()
    ]
    return Pipeline.load(stages=stages)


def extract_all(pipeline: Any, articles: list[Any]) -> list[dict[str, Any]]:
    """Records for the articles, in order; batched through ``pipeline.pipe`` when the
    pipeline has it.

    An article the pipeline could not finish (a coded skip, see
    :func:`dateline.pipeline.documents_of`) gives an empty record whose ``failed`` field
    names the error: one failing sentence never stops the scoring of the others (it scores
    as no event; :func:`failure_note` counts them for the report).
    """
    from ..errors import DatelineError
    from ..pipeline import documents_of
    from ..records import document_to_record

    if not callable(getattr(pipeline, "pipe", None)) and callable(
        getattr(pipeline, "extract", None)
    ):
        records: list[dict[str, Any]] = []
        for article in articles:
            try:
                records.append(pipeline.extract(article))
            except DatelineError as error:
                records.append(_failed_record(article, f"[{error.code.value}] {error.message}"))
            except Exception as error:  # a stand-in's bug: recorded with its cause, never hidden
                records.append(_failed_record(article, f"{type(error).__name__}: {error}"))
        return records
    failures: dict[str, str] = {}

    def note(skipped: Any) -> None:
        failures[str(skipped.origin)] = f"[{skipped.code.value}] {skipped.reason}"

    by_article: dict[int, dict[str, Any]] = {}
    remaining = list(articles)
    while remaining:
        try:
            for document in documents_of(pipeline, remaining, on_skip=note):
                by_article[id(document.article)] = document_to_record(document)
            remaining = []
        except Exception as error:  # a stand-in pipeline's bug: its article fails, the rest go on
            done = {id(a) for a in remaining if id(a) in by_article}
            done |= {id(a) for a in remaining if str(a.origin) in failures}
            unfinished = [a for a in remaining if id(a) not in done]
            if not unfinished:
                break
            failures[str(unfinished[0].origin)] = f"{type(error).__name__}: {error}"
            remaining = unfinished[1:]
    return [
        by_article.get(id(article))
        or _failed_record(
            article, failures.get(str(article.origin), "the pipeline gave no document")
        )
        for article in articles
    ]


def _failed_record(article: Any, reason: str) -> dict[str, Any]:
    return {"article": {"text": article.text}, "actors": [], "events": [], "failed": reason}


def failure_note(records: Iterable[Mapping[str, Any]]) -> str | None:
    """A note counting the records the pipeline failed on, by error, or None."""
    errors = Counter(str(r["failed"]) for r in records if r.get("failed"))
    if not errors:
        return None
    listed = ", ".join(f"{error} ({n})" for error, n in errors.most_common())
    return (
        f"the pipeline failed on {sum(errors.values())} sentence(s), scored as no event: " + listed
    )


def evaluate(
    paths: list[Path], pipeline: Any = None, limit: int | None = None, **options: Any
) -> EvalReport:
    """Code every GSR sentence with the pipeline and score types and actors.

    ``paths`` are GSR files (or folders holding ``PLOVER_GSR_dev.json``); ``limit`` keeps the
    first records only. ``pipeline`` is anything with ``extract(article) -> record`` (and,
    optionally, ``pipe(articles)`` yielding documents); by default
    :meth:`dateline.pipeline.Pipeline.load`. Options: ``confusions`` (default 10) sets how
    many type confusions the notes list; ``details`` lists every sentence whose top event has
    the wrong type; ``split`` (tune, check or all, the default) keeps the records of that part
    (:func:`dateline.eval.splits.split_of_sentence` on the record id). Use
    :func:`dateline.eval.runner.evaluate` for the check part: it keeps aggregate numbers only.
    """
    from ..document import Article

    gold_records: list[dict[str, Any]] = []
    for path in paths:
        gold_records.extend(load_gsr(Path(path)))
    split = check_split(str(options.get("split", "all")))
    gold_records = [g for g in gold_records if in_split(split_of_sentence(str(g.get("id"))), split)]
    if limit is not None:
        gold_records = gold_records[: max(0, limit)]
    if pipeline is None:
        pipeline = sentence_pipeline()
    articles = [
        Article(text=g["text"], published=_published(g.get("date")), origin=g.get("id"))
        for g in gold_records
    ]
    system_records = extract_all(pipeline, articles)

    details = bool(options.get("details", False))
    wrong: list[str] = []
    per_type: dict[str, Counter[str]] = {}
    totals: Counter[str] = Counter()
    confusions: Counter[tuple[str, str]] = Counter()
    for gold, record in zip(gold_records, system_records, strict=True):
        result = score_record(gold, record)
        counts = Counter({k: v for k, v in result.items() if isinstance(v, int)})
        per_type.setdefault(result["gold_type"], Counter()).update(counts)
        totals.update(counts)
        if not result["type_ok"]:
            confusions[(result["gold_type"], result["system_type"])] += 1
            if details:
                wrong.append(
                    f"  {gold.get('id')}: gold {result['gold_type']}, system "
                    f"{result['system_type']}: {gold['text']}"
                )

    report = EvalReport(task="plover-gsr", columns=list(COLUMNS))
    for gold_type in sorted(per_type):
        report.rows.append({"item": gold_type, **_metrics(per_type[gold_type])})
    report.total = _metrics(totals)
    failed = failure_note(system_records)
    if failed:
        report.notes.append(failed)
    coverage = report.total["coverage"]
    report.notes.append(
        f"{totals['n']} sentences; coverage (any event) "
        + (f"{coverage:.3f}" if coverage is not None else "-")
        + "; type/actor/recipient judged on the highest-confidence event."
    )
    top = int(options.get("confusions", 10))
    if confusions:
        report.notes.append(
            "top confusions (gold -> system): "
            + ", ".join(f"{g} -> {s}: {n}" for (g, s), n in confusions.most_common(top))
        )
    if wrong:
        report.notes.append("sentences with a wrong top event type:")
        report.notes.extend(wrong)
    return report
