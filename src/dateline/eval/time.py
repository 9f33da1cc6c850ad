"""Score time expressions on TimeML ``.tml`` files (TimeBank 1.2 + AQUAINT, TBAQ-cleaned).

For each file the plain text of ``<TEXT>`` is rebuilt with the character offsets of its
``<TIMEX3>`` tags; the document creation time (the TIMEX3 whose ``functionInDocument`` is
``CREATION_TIME``) is the anchor and is not scored. The grammar of :mod:`dateline.timex` (or,
with ``pipeline=``, the full :class:`~dateline.stages.time.TimeStage` with spaCy) finds and
normalises the expressions, and the report gives, per corpus (the folder a file sits in:
TimeBank, AQUAINT) and in total:

- detection P/R/F1, strict (same span) and relaxed (any overlap, matched one to one);
- type and value accuracy over the relaxed matches (the TempEval-3 attribute scores), and the
  value F1 (relaxed matches with the right value, over all gold and all predicted).

``split=`` (tune, check or all) picks files by :func:`~dateline.eval.splits.split_of_timebank`:
TimeBank is the tune half, AQUAINT the check half. The check half is scored in aggregate only:
error records (``errors=``) are never collected for its files.

    PYTHONPATH=src .venv/bin/python -c "from pathlib import Path; \\
        from dateline.eval.time import evaluate; \\
        print(evaluate([Path('../shared/eval/tbaq-cleaned')]).to_table())"
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import GoldError
from .report import EvalReport, prf, ratio
from .splits import check_split, in_split, split_of_timebank

if TYPE_CHECKING:
    from ..pipeline import Pipeline

COLUMNS = [
    "docs", "gold", "pred", "strict_p", "strict_r", "strict_f1", "relaxed_p", "relaxed_r",
    "relaxed_f1", "type_acc", "value_acc", "value_f1",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(slots=True)
class TmlDocument:
    path: Path
    corpus: str
    text: str
    anchor: dt.date | None
    timexes: list[GoldTimex] = field(default_factory=list)


def tml_files(paths: Iterable[Path]) -> list[Path]:
    """The ``.tml`` files named, or found under the folders named, sorted."""
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files.extend(sorted(path.rglob("*.tml")))
        elif path.is_file():
            files.append(path)
        else:
            raise GoldError(f"{path} does not exist; pass .tml files or folders that hold them")
    return files


def read_tml(path: Path) -> TmlDocument:
    """Parse one TimeML file: the text of ``<TEXT>``, its TIMEX3s with offsets, and the DCT."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise GoldError(
            f"{path} is not well-formed XML ({exc}); is it a TimeML .tml file?"
        ) from exc
    anchor = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            anchor = _date(timex.get("value", ""))
            break
    text_el = root.find("TEXT")
    if text_el is None:
        raise GoldError(f"{path} has no <TEXT> element; TimeML files keep the article there")
    parts: list[str] = []
    gold: list[GoldTimex] = []
    _walk(text_el, parts, gold, [0])
    corpus = path.parent.name
    return TmlDocument(path, corpus, "".join(parts), anchor, gold)


def _walk(element: ET.Element, parts: list[str], gold: list[GoldTimex], pos: list[int]) -> None:
    def add(text: str | None) -> None:
        if text:
            parts.append(text)
            pos[0] += len(text)

    start = pos[0]
    add(element.text)
    for child in element:
        _walk(child, parts, gold, pos)
        add(child.tail)
    if element.tag == "TIMEX3" and element.get("functionInDocument") != "CREATION_TIME":
        text = "".join(element.itertext())
        gold.append(
            GoldTimex(start, pos[0], text, element.get("type", ""), element.get("value", ""))
        )


def _date(value: str) -> dt.date | None:
    m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", value)
    if not m:
        return None
    return dt.date(int(m[1]), int(m[2]), int(m[3]))


@dataclass(frozen=True, slots=True)
class _Pred:
    start: int
    end: int
    text: str
    type: str
    value: str | None


def _predict(document: TmlDocument, pipeline: Pipeline | None, **options: Any) -> list[_Pred]:
    if pipeline is None:
        from ..timex import find_timexes

        return [
            _Pred(t.start, t.end, t.text, t.type, t.value)
            for t in find_timexes(document.text, document.anchor, options.get("tense"))
        ]
    from ..document import Article, Document
    from ..stages.time import TimeStage

    article = Article(text=document.text, published=document.anchor, origin=str(document.path))
    doc = Document(article=article, doc=pipeline.nlp(document.text))
    stage = next((s for s in pipeline.stages if isinstance(s, TimeStage)), None)
    if stage is None:
        stage = TimeStage()
        stage.initialize(pipeline.knowledge)
    doc = stage(doc)
    return [_Pred(d.span[0], d.span[1], d.text, d.type, d.value) for d in doc.dates]


def _same_value(gold: str, pred: str | None) -> bool:
    if pred is None:
        return False

    def canon(value: str) -> str:
        value = value.upper().strip()
        value = re.sub(r"-W0?(\d)(?!\d)", r"-W0\1", value)  # 2000-W7 == 2000-W07
        return re.sub(r"T(\d\d):00$", r"T\1", value) if re.search(r"T\d\d:00$", value) else value

    return canon(gold) == canon(pred)


def _match(gold: list[GoldTimex], pred: list[_Pred]) -> Iterator[tuple[GoldTimex, _Pred]]:
    """Pairs of overlapping gold and predicted expressions, one to one, most overlap first."""
    pairs = []
    for g in gold:
        for p in pred:
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                pairs.append((overlap, g, p))
    pairs.sort(key=lambda t: -t[0])
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _overlap, g, p in pairs:
        if id(g) in used_g or id(p) in used_p:
            continue
        used_g.add(id(g))
        used_p.add(id(p))
        yield g, p


@dataclass
class _Counts:
    docs: int = 0
    gold: int = 0
    pred: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, other: _Counts) -> None:
        for name in ("docs", "gold", "pred", "strict", "relaxed", "type_ok", "value_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def row(self) -> dict[str, Any]:
        sp, sr, sf = prf(self.strict, self.pred, self.gold)
        rp, rr, rf = prf(self.relaxed, self.pred, self.gold)
        _vp, _vr, vf = prf(self.value_ok, self.pred, self.gold)
        return {
            "docs": self.docs, "gold": self.gold, "pred": self.pred,
            "strict_p": sp, "strict_r": sr, "strict_f1": sf,
            "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
            "type_acc": ratio(self.type_ok, self.relaxed),
            "value_acc": ratio(self.value_ok, self.relaxed), "value_f1": vf,
        }  # fmt: skip


@dataclass(slots=True)
class Error:
    """One disagreement, for error analysis: kind is missed, spurious, type or value."""

    kind: str
    path: str
    anchor: str
    gold: str | None
    pred: str | None


def score_document(
    document: TmlDocument, pred: list[_Pred], errors: list[Error] | None = None
) -> _Counts:
    counts = _Counts(docs=1, gold=len(document.timexes), pred=len(pred))
    spans = {(p.start, p.end) for p in pred}
    counts.strict = sum(1 for g in document.timexes if (g.start, g.end) in spans)
    matched_g: set[int] = set()
    matched_p: set[int] = set()
    for g, p in _match(document.timexes, pred):
        matched_g.add(id(g))
        matched_p.add(id(p))
        counts.relaxed += 1
        counts.type_ok += g.type == p.type
        ok = _same_value(g.value, p.value)
        counts.value_ok += ok
        if errors is not None and not ok:
            errors.append(Error("value", document.path.name, str(document.anchor),
                                f"{g.text!r} {g.type} {g.value}", f"{p.text!r} {p.type} {p.value}"))  # fmt: skip
    if errors is not None:
        for g in document.timexes:
            if id(g) not in matched_g:
                context = document.text[max(0, g.start - 40) : g.end + 40].replace("\n", " ")
                errors.append(Error("missed", document.path.name, str(document.anchor),
                                    f"{g.text!r} {g.type} {g.value} | {context}", None))  # fmt: skip
        for p in pred:
            if id(p) not in matched_p:
                context = document.text[max(0, p.start - 40) : p.end + 40].replace("\n", " ")
                errors.append(Error("spurious", document.path.name, str(document.anchor), None,
                                    f"{p.text!r} {p.type} {p.value} | {context}"))  # fmt: skip
    return counts


def evaluate(paths: list[Path], pipeline: Pipeline | None = None, **options: Any) -> EvalReport:
    """Score the time grammar (or ``pipeline``'s TimeStage) on TimeML files or folders.

    Options: ``errors`` (a list to receive :class:`Error` records, from tune files only),
    ``split`` (tune, check or all, default all), ``limit`` (score only the first N files),
    ``tense`` (force a tense for every expression, for experiments)."""
    errors: list[Error] | None = options.pop("errors", None)
    split = check_split(options.pop("split", None) or "all")
    limit = options.pop("limit", None)
    options.pop("details", None)  # the error listing is ``errors=``, for the tune half only
    by_corpus: dict[str, _Counts] = defaultdict(_Counts)
    files = tml_files(paths)
    if not files:
        raise GoldError(
            f"no .tml files under {[str(p) for p in paths]}; pass the tbaq-cleaned folder"
        )
    files = [f for f in files if in_split(split_of_timebank(f), split)]
    if limit is not None:
        files = files[: max(0, int(limit))]
    for path in files:
        document = read_tml(path)
        pred = _predict(document, pipeline, **options)
        tune = split_of_timebank(path) == "tune"
        by_corpus[document.corpus].add(score_document(document, pred, errors if tune else None))
    report = EvalReport(task="time", columns=COLUMNS)
    total = _Counts()
    for corpus in sorted(by_corpus):
        report.rows.append({"item": corpus, **by_corpus[corpus].row()})
        total.add(by_corpus[corpus])
    report.total = total.row()
    report.notes.append(
        f"split {split}: TimeBank is tune, AQUAINT is check (aggregate only); "
        "relaxed = overlapping spans matched one to one; type/value accuracy over relaxed "
        "matches; the DCT is the anchor and is not scored"
        + ("; spaCy TimeStage" if pipeline is not None else "; grammar only (dateline.timex)")
    )
    return report
