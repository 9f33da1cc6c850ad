"""Score event types and their source and target on PLV-style sentence files.

A PLV file is a UTF-8 CSV with the header ``id,text,label,source,target``: each row is one news
sentence labelled with one PLOVER root type and the words that name its source (who acts)
and its target (who is acted on). ``YIELD`` stands for PLOVER's CONCEDE or RETREAT.

Each sentence is coded alone, as a one-sentence article, with every event candidate kept
(:func:`dateline.eval.plover_gsr.sentence_pipeline`). Per sentence:

- ``type``: some system event has the label's type;
- ``top_type``: the system's most confident event has the label's type (one guess per
  sentence, as the GSR task scores it: ``type`` alone rewards coding many types);
- ``types``: the mean number of distinct event types per sentence (1.0 for a single guess);
- ``type+source``: some event of that type has an actor that *covers* the source words;
- ``type+source+target``: some event of that type has an actor covering the source words and
  a recipient covering the target words;
- ``no_event``: the system found no event at all (lower is better).

An actor covers gold words when its name, or the text of one of its mentions in the
sentence, shares a content word with them (:func:`content_words`: case, accents and
punctuation ignored, English stop words left out, acronyms such as "U.S." or "UN" kept).
One shared content word is deliberately lenient: "Iranian Foreign Minister Mohammad Javad
Zarif" is covered by an actor mentioned as "Zarif" or as "Iranian Foreign Minister".

Rows are per gold label (per-label recall), with a TOTAL row over all sentences.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import Code, DatelineError
from .gold import _mention_texts
from .matching import strip_accents
from .plover_gsr import extract_all, failure_note, sentence_pipeline, top_event
from .report import EvalReport, ratio
from .splits import check_split, in_split, split_of_sentence

COLUMNS = ["n", "type", "top_type", "types", "type+source", "type+source+target", "no_event"]
HEADER = ["id", "text", "label", "source", "target"]
DEFAULT_FILE = "plv-train.csv"
#: gold labels that stand for more than one PLOVER type
LABEL_TYPES: dict[str, frozenset[str]] = {"YIELD": frozenset({"CONCEDE", "RETREAT"})}

_INITIALS = re.compile(r"\b([A-Z])\.(?=[A-Z]\.|\s|$|[,;:)'’])")
_WORD = re.compile(r"[^\W_]+")


class PlvError(DatelineError):
    """The PLV file is missing or not in the expected shape."""

    def __init__(self, message: str) -> None:
        super().__init__(Code.BAD_GOLD, message)


def load_plv(path: Path) -> list[dict[str, str]]:
    """The rows of a PLV CSV file (or of ``plv-train.csv`` in a folder)."""
    path = Path(path)
    if path.is_dir():
        path = path / DEFAULT_FILE
    if not path.is_file():
        raise PlvError(f"no PLV file at {path}; give a CSV with columns {','.join(HEADER)}")
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None or not set(HEADER) <= set(reader.fieldnames):
                raise PlvError(
                    f"{path}: the header is {reader.fieldnames}; expected {','.join(HEADER)}"
                )
            rows = [dict(row) for row in reader]
    except UnicodeDecodeError as error:
        raise PlvError(f"{path} is not valid UTF-8 ({error})") from error
    seen: set[str] = set()
    for i, row in enumerate(rows, start=2):
        if not (row.get("id") or "").strip() or not (row.get("text") or "").strip():
            raise PlvError(f"{path}: line {i} has no id or no text")
        if not (row.get("label") or "").strip():
            raise PlvError(f"{path}: line {i} ({row['id']}) has no label")
        if row["id"] in seen:
            raise PlvError(f"{path}: id {row['id']!r} is used twice; ids must differ")
        seen.add(row["id"])
    return rows


def label_types(label: str) -> frozenset[str]:
    """The PLOVER types a gold label accepts (YIELD: CONCEDE or RETREAT)."""
    label = label.strip().upper()
    return LABEL_TYPES.get(label, frozenset({label}))


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def content_words(text: str) -> set[str]:
    """Lower-cased content words: stop words and one-letter words dropped, acronyms kept
    ("U.S." and "US" both give ``us``)."""
    text = _INITIALS.sub(r"\1", strip_accents(text))
    out = set()
    for word in _WORD.findall(text):
        acronym = len(word) >= 2 and word.isupper()
        lower = word.lower()
        if acronym or (len(lower) > 1 and lower not in _stop_words()):
            out.add(lower)
    return out


def covers(ids: Iterable[str] | None, words: str, record: Mapping[str, Any]) -> bool:
    """Whether one of the record actors named by ``ids`` shares a content word with ``words``."""
    wanted = content_words(words)
    if not wanted:
        return False
    text = (record.get("article") or {}).get("text") or ""
    index = {a.get("id"): a for a in record.get("actors") or [] if isinstance(a, dict)}
    for actor_id in ids or []:
        actor = index.get(actor_id)
        if actor is None:
            continue
        texts = [actor.get("name") or "", *_mention_texts(actor, text)]
        if any(content_words(t) & wanted for t in texts):
            return True
    return False


def score_row(gold: Mapping[str, str], record: Mapping[str, Any]) -> Counter[str]:
    """Counts for one sentence: see the module docstring."""
    accepted = label_types(gold["label"])
    events = [e for e in record.get("events") or [] if isinstance(e, dict)]
    typed = [e for e in events if e.get("type") in accepted]
    best = top_event(record)
    with_source = [e for e in typed if covers(e.get("actor"), gold.get("source") or "", record)]
    with_target = [
        e for e in with_source if covers(e.get("recipient"), gold.get("target") or "", record)
    ]
    return Counter(
        {
            "n": 1,
            "type_ok": int(bool(typed)),
            "top_type_ok": int(best is not None and best.get("type") in accepted),
            "type_count": len({e.get("type") for e in events}),
            "source_ok": int(bool(with_source)),
            "target_ok": int(bool(with_target)),
            "no_event": int(not events),
            "failed": int(bool(record.get("failed"))),
        }
    )


def metrics(counts: Mapping[str, int]) -> dict[str, Any]:
    """Every column of the report from summed :func:`score_row` counts."""
    n = counts.get("n", 0)
    return {
        "n": n,
        "type": ratio(counts.get("type_ok", 0), n),
        "top_type": ratio(counts.get("top_type_ok", 0), n),
        "types": ratio(counts.get("type_count", 0), n),
        "type+source": ratio(counts.get("source_ok", 0), n),
        "type+source+target": ratio(counts.get("target_ok", 0), n),
        "no_event": ratio(counts.get("no_event", 0), n),
        "counts": dict(sorted(counts.items())),
    }


def evaluate(
    paths: list[Path], pipeline: Any = None, limit: int | None = None, **options: Any
) -> EvalReport:
    """Code every PLV sentence and score type, source and target (see the module docstring).

    ``paths`` are PLV CSV files (or folders holding ``plv-train.csv``). ``pipeline`` is
    anything with ``extract(article) -> record`` (and, optionally, ``pipe(articles)``); by
    default :func:`~dateline.eval.plover_gsr.sentence_pipeline`. Options: ``split`` (tune,
    check or all, the default) keeps the rows of that part; ``limit`` the first N of them;
    ``details`` lists every sentence whose label is not among the system types. Use
    :func:`dateline.eval.runner.evaluate` for the check part: it keeps aggregate numbers only.
    """
    from ..document import Article

    split = check_split(str(options.get("split", "all")))
    gold_rows: list[dict[str, str]] = []
    for path in paths:
        gold_rows.extend(load_plv(Path(path)))
    gold_rows = [g for g in gold_rows if in_split(split_of_sentence(g["id"]), split)]
    if limit is not None:
        gold_rows = gold_rows[: max(0, limit)]
    if pipeline is None:
        pipeline = sentence_pipeline()
    articles = [Article(text=g["text"], origin=g["id"]) for g in gold_rows]
    records = extract_all(pipeline, articles)

    details = bool(options.get("details", False))
    wrong: list[str] = []
    per_label: dict[str, Counter[str]] = {}
    totals: Counter[str] = Counter()
    for gold, record in zip(gold_rows, records, strict=True):
        counts = score_row(gold, record)
        per_label.setdefault(gold["label"].strip().upper(), Counter()).update(counts)
        totals.update(counts)
        if details and not counts["type_ok"]:
            types = sorted({str(e.get("type")) for e in record.get("events") or []})
            wrong.append(
                f"  {gold['id']}: gold {gold['label']}, system {', '.join(types) or '(none)'}: "
                f"{gold['text']}"
            )

    report = EvalReport(task="plv", columns=list(COLUMNS))
    for label in sorted(per_label):
        report.rows.append({"item": label, **metrics(per_label[label])})
    report.total = metrics(totals)
    report.notes.append(
        "rows: per-label recall. type: the label is among the system's event types; "
        "top_type: the most confident event has it; types: distinct types per sentence; "
        "+source/+target: such an event's actor/recipient shares a content word with the "
        "gold words; no_event: share of sentences with no event at all."
    )
    failed = failure_note(records)
    if failed:
        report.notes.append(failed)
    if wrong:
        report.notes.append("sentences whose label is not among the system's event types:")
        report.notes.extend(wrong)
    return report
