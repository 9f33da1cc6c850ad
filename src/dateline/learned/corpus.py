"""Training data for the learned event components, tune part only (see
:mod:`dateline.eval.splits`): PLV rows, PLOVER GSR dev records, the tune reports and the
sentences we wrote ourselves in ``training/*.tsv``.

Every loader returns plain :class:`LabelledSentence` records; :func:`run_pipeline` turns
articles into Documents and survives an article that crashes the pipeline.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..document import Article, Document
from ..eval.splits import in_split, split_of_report, split_of_sentence

#: the label of a sentence that reports no event
log = logging.getLogger(__name__)

NONE = "NONE"
#: PLV's YIELD (and the merged class of the model): CONCEDE or RETREAT
YIELD = "YIELD"


@dataclass(slots=True)
class LabelledSentence:
    """One training sentence: its text, its label and where it came from."""

    id: str
    text: str
    label: str  # a PLOVER type, YIELD or NONE
    group: str  # cross-validation group: the article, or the sentence itself
    source: str = ""  # source words, where the data gives them
    target: str = ""
    origin: str = ""  # plv | gsr | report | own


def model_label(plover_type: str) -> str:
    """The class the sentence model learns: CONCEDE and RETREAT merge into YIELD."""
    return YIELD if plover_type in {"CONCEDE", "RETREAT", YIELD} else plover_type


def read_plv(path: Path, split: str = "tune") -> list[LabelledSentence]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        LabelledSentence(
            r["id"], r["text"], model_label(r["label"]), r["id"], r["source"], r["target"], "plv"
        )
        for r in rows
        if in_split(split_of_sentence(r["id"]), split)
    ]


def read_gsr(path: Path, split: str = "tune") -> list[LabelledSentence]:
    from ..eval.plover_gsr import map_category

    out = []
    for record in json.loads(path.read_text(encoding="utf-8")):
        if record.get("event") == "DOCUMENT" or not record.get("text"):
            continue
        if not in_split(split_of_sentence(record["id"]), split):
            continue
        label = model_label(map_category(record["event"]))
        out.append(
            LabelledSentence(record["id"], record["text"], label, record["id"], origin="gsr")
        )
    return out


def read_own(folder: Path) -> list[LabelledSentence]:
    """Our own sentences: every ``*.tsv`` in ``folder`` with columns id, text, label (a
    PLOVER type or NONE), source, target, modality; lines starting with # are comments."""
    out: list[LabelledSentence] = []
    for path in sorted(folder.glob("*.tsv")):
        out += read_own_file(path, len(out))
    return out


def read_own_file(path: Path, first: int = 0) -> list[LabelledSentence]:
    """The sentences of one of our files (see :func:`read_own`); a row without an id is
    numbered from ``first``."""
    out: list[LabelledSentence] = []
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        text, label = (row.get("text") or "").strip(), (row.get("label") or "").strip()
        if not text or not label:
            continue
        item = f"{path.stem}:{row.get('id') or first + len(out)}"
        out.append(
            LabelledSentence(
                item,
                text,
                model_label(label.upper()),
                item,
                row.get("source") or "",
                row.get("target") or "",
                "own",
            )
        )
    return out


def report_folders(eval_root: Path, split: str = "tune") -> list[Path]:
    """The seed and every report folder under ``reports*/`` that falls in ``split``."""
    folders = [eval_root / "seed", *sorted(eval_root.glob("reports*/*"))]
    return [
        f
        for f in folders
        if (f / "gold.json").is_file() and in_split(split_of_report(f.name), split)
    ]


def read_report(folder: Path) -> tuple[Article, dict[str, Any]]:
    from ..eval.gold import load_gold
    from ..readers import read_article

    gold = load_gold(folder / "gold.json")
    return read_article(folder / (gold["article"].get("file") or "article.txt")), gold


def evidence_offset(text: str, evidence: str) -> int | None:
    """Where a gold event's evidence text starts in the article (whitespace-insensitive),
    or None when it cannot be found."""
    evidence = " ".join(evidence.split())
    if not evidence:
        return None
    found = text.find(evidence)
    if found >= 0:
        return found
    flat: list[str] = []
    index: list[int] = []
    for i, char in enumerate(text):
        if char.isspace() and flat and flat[-1] == " ":
            continue
        flat.append(" " if char.isspace() else char)
        index.append(i)
    found = "".join(flat).find(evidence[: min(len(evidence), 60)])
    return index[found] if found >= 0 else None


def report_sentences(
    document: Document, gold: dict[str, Any], group: str
) -> Iterator[tuple[LabelledSentence, tuple[int, int]]]:
    """Each sentence of a parsed report with its label(s): one example per distinct gold
    type whose evidence starts in it, or one NONE example when no gold event does."""
    assert document.doc is not None
    starts = []
    for event in gold["events"]:
        offset = evidence_offset(document.text, str(event.get("evidence") or ""))
        if offset is not None:
            starts.append((offset, model_label(event["type"])))
    for sent in document.doc.sents:
        text = sent.text.strip()
        if len(text.split()) < 4:
            continue
        labels = sorted(
            {label for offset, label in starts if sent.start_char <= offset < sent.end_char}
        )
        span = (sent.start_char, sent.end_char)
        for label in labels or [NONE]:
            yield LabelledSentence(f"{group}@{span[0]}", text, label, group, origin="report"), span


def run_pipeline(pipeline: Any, articles: Iterable[Article]) -> list[Document | None]:
    """One Document per article, None where the pipeline raised (logged with its cause: a
    crash is scored as an empty record, as the per-article evaluation does)."""
    out: list[Document | None] = []
    for article in articles:
        try:
            out.append(pipeline(article))
        except Exception as error:  # noqa: BLE001 - one bad article must not stop a run
            log.warning("pipeline failed on %s: %r", article.origin or article.id, error)
            out.append(None)
    return out


def read_plv_rows(path: Path, split: str) -> list[dict[str, str]]:
    """The raw PLV rows (id, text, label, source, target) of ``split``."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [r for r in csv.DictReader(handle) if in_split(split_of_sentence(r["id"]), split)]
