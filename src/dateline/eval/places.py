"""Score toponym detection and geocoding on LGL, TR-News and GeoVirus (../shared/eval).

Files: ``lgl/lgl.xml`` and ``tr-news/TR-News.xml`` (``<article><text>`` with ``<toponyms>``
of ``<toponym><start><end><phrase><gaztag geonameid><lat><lon>``) and
``geovirus/GeoVirus.xml`` (``<article><text>`` with ``<locations>`` of
``<location><name><start><end><lat><lon>``). A path may be a file or a folder holding one.

Detection: span precision, recall and F1, strict (same offsets) and overlap (one-to-one, any
shared character). Geocoding on overlap-matched toponyms that have gold coordinates:
accuracy within 161 km, mean and median error in km, AUC of the log error curve (Gritta et
al. 2018; 0 is perfect) and GeoNames-id agreement where gold and system both have ids.
``gold_spans=True`` geocodes the gold toponyms instead of detected ones: the geocoder alone.

    PYTHONPATH=src python -m dateline.eval.places ../shared/eval/{lgl,tr-news,geovirus}
"""

from __future__ import annotations

import math
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..document import Article, Document, Place, Span
from ..errors import GoldError
from ..knowledge.gazetteer import distance_km
from .report import EvalReport, prf

if TYPE_CHECKING:
    from ..pipeline import Pipeline

ACCURACY_KM = 161.0
#: the largest possible error on Earth, for the AUC scale
MAX_ERROR_KM = 20039.0
COLUMNS = [
    "articles", "gold", "pred", "p", "r", "f1", "overlap_p", "overlap_r", "overlap_f1",
    "geocoded", "acc@161", "mean_km", "median_km", "auc", "id_n", "id_agree",
]  # fmt: skip


@dataclass(slots=True)
class GoldToponym:
    span: Span
    name: str
    lat: float | None
    lon: float | None
    geonames_id: int | None


@dataclass(slots=True)
class GoldArticle:
    text: str
    toponyms: list[GoldToponym]
    title: str | None = None


@dataclass(slots=True)
class _Tally:
    articles: int = 0
    gold: int = 0
    pred: int = 0
    strict: int = 0
    overlap: int = 0
    errors: list[float] = field(default_factory=list)
    id_n: int = 0
    id_agree: int = 0

    def add(self, other: _Tally) -> None:
        self.articles += other.articles
        self.gold += other.gold
        self.pred += other.pred
        self.strict += other.strict
        self.overlap += other.overlap
        self.errors.extend(other.errors)
        self.id_n += other.id_n
        self.id_agree += other.id_agree

    def row(self) -> dict[str, Any]:
        p, r, f = prf(self.strict, self.pred, self.gold)
        op, orr, of = prf(self.overlap, self.pred, self.gold)
        errors = self.errors
        n = len(errors)
        return {
            "articles": self.articles, "gold": self.gold, "pred": self.pred,
            "p": p, "r": r, "f1": f, "overlap_p": op, "overlap_r": orr, "overlap_f1": of,
            "geocoded": n,
            "acc@161": sum(e <= ACCURACY_KM for e in errors) / n if n else None,
            "mean_km": statistics.fmean(errors) if n else None,
            "median_km": statistics.median(errors) if n else None,
            "auc": statistics.fmean(math.log1p(e) / math.log1p(MAX_ERROR_KM) for e in errors)
            if n else None,
            "id_n": self.id_n,
            "id_agree": self.id_agree / self.id_n if self.id_n else None,
        }  # fmt: skip


# -- reading -----------------------------------------------------------------------------------


def _float(node: ET.Element | None, tag: str) -> float | None:
    text = node.findtext(tag) if node is not None else None
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def _align(text: str, name: str, start: int, end: int) -> Span:
    """The gold offsets, moved by at most 3 characters where they miss the name (GeoVirus and
    some TR-News articles count from 1)."""
    if text[start:end] == name or not name:
        return start, end
    for shift in (-1, 1, -2, 2, -3, 3):
        if text[start + shift : end + shift] == name:
            return start + shift, end + shift
    return start, end


def read_corpus(path: Path) -> list[GoldArticle]:
    """Articles with gold toponyms from an LGL/TR-News or GeoVirus XML file."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise GoldError(
            f"{path} is not well-formed XML ({exc}); expected lgl/TR-News/GeoVirus"
        ) from exc
    articles = []
    for node in root.iter("article"):
        text = node.findtext("text") or ""
        toponyms = []
        for top in [*node.iter("toponym"), *node.iter("location")]:
            start, end = top.findtext("start"), top.findtext("end")
            if start is None or end is None:
                continue
            gaz = top.find("gaztag")
            coords = gaz if gaz is not None else top
            gid = gaz.get("geonameid") if gaz is not None else None
            name = top.findtext("phrase") or top.findtext("name") or ""
            toponyms.append(
                GoldToponym(
                    _align(text, name, int(start), int(end)),
                    name,
                    _float(coords, "lat"),
                    _float(coords, "lon"),
                    int(gid) if gid and gid.isdigit() else None,
                )  # fmt: skip
            )
        articles.append(GoldArticle(text, toponyms, (node.findtext("title") or "").strip()))
    if not articles:
        raise GoldError(f"{path} holds no <article> elements; expected lgl/TR-News/GeoVirus XML")
    return articles


def corpus_files(paths: Iterable[str | Path]) -> list[tuple[str, Path]]:
    """(corpus name, XML file) for each path: a file, or a folder with one XML file."""
    found = []
    for raw in paths:
        path = Path(raw)
        files = sorted(path.glob("*.xml")) if path.is_dir() else [path]
        if not files or not all(f.is_file() for f in files):
            raise GoldError(f"no XML corpus at {path}; pass lgl/, tr-news/ or geovirus/")
        for file in files:
            found.append((path.name if path.is_dir() else file.stem, file))
    return found


# -- scoring -----------------------------------------------------------------------------------


def score_article(gold: GoldArticle, places: Sequence[Place]) -> _Tally:
    tally = _Tally(articles=1, gold=len(gold.toponyms), pred=len(places))
    gold_spans = {t.span for t in gold.toponyms}
    tally.strict = len(gold_spans & {p.span for p in places})
    used: set[int] = set()
    for top in gold.toponyms:
        match = None
        for i, place in enumerate(places):
            overlaps = place.span[0] < top.span[1] and top.span[0] < place.span[1]
            if i not in used and overlaps and (match is None or place.span == top.span):
                match = i
        if match is None:
            continue
        used.add(match)
        tally.overlap += 1
        place = places[match]
        if top.lat is None or top.lon is None:
            continue
        if place.lat is None or place.lon is None:
            tally.errors.append(MAX_ERROR_KM)
        else:
            tally.errors.append(distance_km(top.lat, top.lon, place.lat, place.lon))
        if top.geonames_id is not None:
            tally.id_n += 1
            tally.id_agree += place.geonames_id == top.geonames_id
    return tally


def evaluate(
    paths: Iterable[str | Path], pipeline: Pipeline | None = None, **options: Any
) -> EvalReport:
    """Score each corpus; one row per corpus plus the total. Options: ``limit`` (articles per
    corpus), ``gold_spans`` (geocode gold toponyms only), ``batch_size``."""
    from ..stages.places import PlaceStage, geocode_spans

    limit = options.get("limit")
    gold_spans = bool(options.get("gold_spans", False))
    batch_size = int(options.get("batch_size", 32))
    stage = PlaceStage()
    stage.initialize(pipeline.knowledge if pipeline is not None else None)
    report = EvalReport(task="places" + (" (gold toponyms)" if gold_spans else ""), columns=COLUMNS)
    total = _Tally()
    started = time.monotonic()
    for corpus, path in corpus_files(paths):
        articles = read_corpus(path)[: int(limit) if limit else None]
        tally = _Tally()
        if gold_spans:
            for gold in articles:
                document = Document(article=Article(text=gold.text))
                places = geocode_spans(document, [t.span for t in gold.toponyms], stage)
                tally.add(score_article(gold, places))
        else:
            for gold, document in zip(
                articles, _run(articles, pipeline, stage, batch_size), strict=True
            ):
                tally.add(score_article(gold, document.places))
        report.rows.append({"item": corpus, **tally.row()})
        total.add(tally)
    report.total = total.row()
    report.notes.append(
        f"{'gold toponyms' if gold_spans else 'detected toponyms'}; geocoding on overlap-matched "
        f"toponyms; {time.monotonic() - started:.0f}s"
    )
    return report


def _run(
    articles: list[GoldArticle], pipeline: Pipeline | None, stage: Any, batch_size: int
) -> Iterable[Document]:
    items = [Article(text=a.text, title=a.title or None) for a in articles]
    if pipeline is not None:
        yield from pipeline.pipe(items, batch_size=batch_size)
        return
    from ..nlp import load_nlp

    nlp = load_nlp()
    for doc, article in nlp.pipe(
        ((a.text, a) for a in items), as_tuples=True, batch_size=batch_size
    ):
        yield stage(Document(article=article, doc=doc))


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--gold-spans", action="store_true", help="geocode gold toponyms only")
    parser.add_argument("--limit", type=int, default=None, help="articles per corpus")
    parser.add_argument("--pipeline", action="store_true", help="run the full pipeline")
    args = parser.parse_args(argv)
    pipeline = None
    if args.pipeline:
        from ..pipeline import Pipeline

        pipeline = Pipeline.load()
    report = evaluate(args.paths, pipeline, limit=args.limit, gold_spans=args.gold_spans)
    print(report.to_table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
