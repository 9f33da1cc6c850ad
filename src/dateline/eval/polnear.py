"""Score quotes against PolNeAR (Newell, Margolin and Ruths, LREC 2018), dev split only.

PolNeAR is brat standoff: ``T`` lines are Source / Cue / Content spans (a span may have
several fragments, ``a b;c d``), ``E`` lines tie them into one attribution. One annotator
file per article is read: the first by name. Each gold attribution with a Content span is
one gold quote.

A predicted quote (or the quotes sharing one cue, for a quote split by its attribution)
matches a gold Content:

* strictly, when the spans are equal once quotation marks, edge punctuation, spaces and a
  leading "that" are trimmed from both (PolNeAR keeps the marks and the "that", dateline
  does not);
* leniently, when the two cover at least half of each other's word tokens.

Rows split direct quotes (gold: the content sits between quotation marks; predicted:
direct or partial) from indirect ones. On matched quotes the speaker is right when the
predicted speaker's words, or any mention of the predicted speaker actor, overlap the gold
Source (Source-less attributions are left out), and the cue is right when it overlaps the
gold Cue. A predicted quote lying inside another predicted quote (a partial quote within an
indirect one) that matches nothing is not counted: PolNeAR annotates the outer one.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document import Article, Document, Quote, Span
from ..errors import GoldError, InvariantError
from ..stages.quotes.cues import CueLexicon
from .report import EvalReport, prf, ratio

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")
_MARKS = "“”‘’«»„\"'`"
_TRIM = _MARKS + " \t\n,.;:!?—–-()"
ROWS = ("direct", "indirect", "all")
COLUMNS = [
    "gold",
    "pred",
    "strict_p",
    "strict_r",
    "strict_f1",
    "p",
    "r",
    "f1",
    "speaker_acc",
    "cue_acc",
]


@dataclass(slots=True)
class GoldAttribution:
    content: list[Span]
    source: list[Span] = field(default_factory=list)
    cue: list[Span] = field(default_factory=list)
    direct: bool = False


@dataclass(slots=True)
class GoldArticle:
    name: str
    text: str
    attributions: list[GoldAttribution]
    published: dt.date | None = None


# -- reading the gold --------------------------------------------------------------------


def _split_dir(path: Path) -> Path:
    """The folder holding ``text/`` and ``attributions/``: given as is, or dev under a root."""
    for candidate in (path, path / "dev", path / "data" / "dev", path / "polnear" / "data" / "dev"):
        if (candidate / "text").is_dir() and (candidate / "attributions").is_dir():
            if candidate.name == "test" or "test" in candidate.parts[-1:]:
                raise GoldError(
                    f"{candidate} is PolNeAR's test split, which dateline never reads; "
                    "evaluate on the dev split (…/polnear/data/dev)"
                )
            return candidate
    raise GoldError(
        f"{path} holds no PolNeAR split (a folder with text/ and attributions/); "
        "pass …/shared/eval/polnear or …/polnear/data/dev"
    )


def parse_ann(ann: str, text: str) -> list[GoldAttribution]:
    """The attributions of one brat .ann file."""
    spans: dict[str, tuple[str, list[Span]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                raise GoldError(f"bad brat line {line!r}: expected 'T<n>\\tType start end'")
            label, _, offsets = parts[1].partition(" ")
            fragments = []
            for piece in offsets.split(";"):
                start, end = piece.split()
                fragments.append((int(start), int(end)))
            spans[parts[0]] = (label, fragments)
        elif line.startswith("E"):
            parts = line.split("\t")
            roles = dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg)
            events.append(roles)
    attributions = []
    for roles in events:
        content_id = roles.get("Content")
        if content_id is None or content_id not in spans:
            continue
        content = spans[content_id][1]
        source = spans[roles["Source"]][1] if roles.get("Source") in spans else []
        cue = spans[roles["Cue"]][1] if roles.get("Cue") in spans else []
        attributions.append(GoldAttribution(content, source, cue, _is_direct(text, content)))
    return attributions


def _is_direct(text: str, content: list[Span]) -> bool:
    start, end = content[0][0], content[-1][1]
    words = text[start:end].strip(" ,.;:—–-")
    before = text[max(0, start - 2) : start].strip()
    return bool(words) and (words[0] in _MARKS or (bool(before) and before[-1] in _MARKS))


def _published(split: Path) -> dict[str, dt.date]:
    table = split.parent / "metadata.tsv"
    dates: dict[str, dt.date] = {}
    if not table.is_file():
        return dates
    with table.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            try:
                dates[row["filename"]] = dt.date.fromisoformat(row["publication_date"])
            except (KeyError, ValueError):
                continue
    return dates


def read_gold(path: Path, limit: int | None = None) -> list[GoldArticle]:
    split = _split_dir(path)
    dates = _published(split)
    articles = []
    for text_path in sorted((split / "text").glob("*.txt")):
        files = sorted((split / "attributions").glob(f"{text_path.stem}_*.ann"))
        if not files:
            continue
        text = text_path.read_text(encoding="utf-8")
        gold = parse_ann(files[0].read_text(encoding="utf-8"), text)
        articles.append(GoldArticle(text_path.stem, text, gold, dates.get(text_path.stem)))
        if limit is not None and len(articles) >= limit:
            break
    return articles


# -- matching ----------------------------------------------------------------------------


def _tokens(text: str, spans: Iterable[Span]) -> set[int]:
    return {m.start() for s, e in spans for m in _WORD.finditer(text, s, e)}


def _normalise(text: str, span: Span) -> Span:
    start, end = span
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    if text[start : start + 5].lower() == "that ":
        start += 5
    return start, end


def _is_pred_direct(quote: Quote) -> bool:
    return quote.kind in ("direct", "partial")


@dataclass
class _Tally:
    gold: int = 0
    pred: int = 0
    strict_tp_pred: int = 0
    strict_tp_gold: int = 0
    tp_pred: int = 0
    tp_gold: int = 0
    speaker_ok: int = 0
    speaker_n: int = 0
    cue_ok: int = 0
    cue_n: int = 0

    def row(self) -> dict[str, Any]:
        sp, _, _ = prf(self.strict_tp_pred, self.pred, self.gold)
        _, sr, _ = prf(self.strict_tp_gold, self.pred, self.gold)
        p, _, _ = prf(self.tp_pred, self.pred, self.gold)
        _, r, _ = prf(self.tp_gold, self.pred, self.gold)
        return {
            "gold": self.gold,
            "pred": self.pred,
            "strict_p": sp,
            "strict_r": sr,
            "strict_f1": 2 * sp * sr / (sp + sr) if sp + sr else 0.0,
            "p": p,
            "r": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "speaker_acc": ratio(self.speaker_ok, self.speaker_n),
            "cue_acc": ratio(self.cue_ok, self.cue_n),
        }


def _speaker_right(document: Document, group: list[Quote], source: list[Span]) -> bool:
    def touches(span: Span | None) -> bool:
        return span is not None and any(span[0] < e and s < span[1] for s, e in source)

    for quote in group:
        if touches(quote.speaker_span):
            return True
        if quote.speaker is not None:
            spans = [m.span for m in document.mentions if m.actor_id == quote.speaker]
            actor = document.actor(quote.speaker)
            if actor is not None:
                spans.extend(actor.mentions)
            if any(touches(s) for s in spans):
                return True
            gold_mention = document.mention_at(source[0][0], source[-1][1])
            if gold_mention is not None and gold_mention.actor_id == quote.speaker:
                return True
    return False


def is_speech_cue(document: Document, cue: list[Span], lexicon: CueLexicon) -> bool:
    """Whether a gold cue holds a speech verb or noun of dateline's lexicon ("said Friday",
    "according to"), judged by the lemmas of the parsed text."""
    if document.doc is None or not cue:
        return False
    for start, end in cue:
        words = document.doc.char_span(start, end, alignment_mode="expand")
        for token in words if words is not None else []:
            lemma = token.lemma_.lower()
            if token.lower_ == "according" or "speech" in (
                lexicon.verbs.get(lemma),
                lexicon.nouns.get(lemma),
            ):
                return True
    return False


def score_article(
    document: Document,
    gold: list[GoldAttribution],
    tallies: dict[str, _Tally],
    counted: list[bool] | None = None,
) -> None:
    """Add one article to the tallies. ``counted[i]`` False leaves gold ``i`` out: it is not
    a gold quote, and a quote matching it is neither right nor wrong."""
    text = document.text
    if counted is None:
        counted = [True] * len(gold)
    neutral: set[str] = set()
    quotes = list(document.quotes)
    pred_tokens = {q.id: _tokens(text, [q.span]) for q in quotes}
    nested = {
        q.id
        for q in quotes
        if any(
            o is not q and o.span[0] <= q.span[0] and q.span[1] <= o.span[1] and o.span != q.span
            for o in quotes
        )
    }
    used: set[str] = set()
    strict_used: set[str] = set()
    matched_pred: set[str] = set()

    for attribution, count in zip(gold, counted, strict=True):
        row = "direct" if attribution.direct else "indirect"
        g_tokens = _tokens(text, attribution.content)
        g_norm = {_normalise(text, s) for s in attribution.content}
        if not count:
            for quote in quotes:
                shared = len(pred_tokens[quote.id] & g_tokens)
                if shared and shared >= 0.5 * len(pred_tokens[quote.id]):
                    neutral.add(quote.id)
            continue
        for name in (row, "all"):
            tallies[name].gold += 1
        # strict: every fragment equals a predicted quote
        strict = [
            q for q in quotes if q.id not in strict_used and _normalise(text, q.span) in g_norm
        ]
        if strict and {_normalise(text, q.span) for q in strict} >= g_norm:
            strict_used.update(q.id for q in strict)
            for name in (row, "all"):
                tallies[name].strict_tp_gold += 1
        # lenient: the best single quote, or quotes sharing one cue, by token overlap
        best: list[Quote] = []
        best_score = 0.0
        for quote in quotes:
            if quote.id in used or not (pred_tokens[quote.id] & g_tokens):
                continue
            group = [quote]
            if quote.cue is not None:
                group += [
                    o
                    for o in quotes
                    if o is not quote
                    and o.id not in used
                    and o.cue == quote.cue
                    and pred_tokens[o.id] & g_tokens
                ]
            p_tokens = set().union(*(pred_tokens[o.id] for o in group))
            shared = len(p_tokens & g_tokens)
            if shared >= 0.5 * len(g_tokens) and shared >= 0.5 * len(p_tokens):
                score = shared / len(p_tokens | g_tokens)
                if score > best_score:
                    best, best_score = group, score
        if not best:
            continue
        used.update(q.id for q in best)
        matched_pred.update(q.id for q in best)
        for name in (row, "all"):
            tally = tallies[name]
            tally.tp_gold += 1
            if attribution.source:
                tally.speaker_n += 1
                tally.speaker_ok += _speaker_right(document, best, attribution.source)
            if attribution.cue:
                tally.cue_n += 1
                tally.cue_ok += any(
                    q.cue is not None
                    and any(q.cue[0] < e and s < q.cue[1] for s, e in attribution.cue)
                    for q in best
                )
    for quote in quotes:
        if quote.id not in matched_pred and (quote.id in nested or quote.id in neutral):
            continue
        row = "direct" if _is_pred_direct(quote) else "indirect"
        for name in (row, "all"):
            tallies[name].pred += 1
            tallies[name].tp_pred += quote.id in matched_pred
            tallies[name].strict_tp_pred += quote.id in strict_used


# -- running -----------------------------------------------------------------------------


DEFINITIONS = ("polnear", "dateline")


def quote_stage(definition: str = "polnear") -> Any:
    """The quote stage for a definition of attribution: "polnear" (speech, beliefs, findings,
    stances and intentions, as PolNeAR annotates them) or "dateline" (speech only, the
    pipeline's default)."""
    from ..stages.quotes import POLNEAR, QuoteStage

    if definition not in DEFINITIONS:
        raise GoldError(f"definition={definition!r}: use one of {', '.join(DEFINITIONS)}")
    return QuoteStage(**POLNEAR) if definition == "polnear" else QuoteStage()


def polnear_pipeline(definition: str = "polnear") -> Any:
    """The full pipeline (``Pipeline.load()``) with the quote stage of ``definition``."""
    from ..pipeline import Pipeline
    from ..stages import default_stages

    stage = quote_stage(definition)
    stages = [stage if s.name == stage.name else s for s in default_stages()]
    return Pipeline.load(stages=stages)


class QuotesOnlyPipeline:
    """spaCy and the quote stage alone (no actors, so speakers are judged by their words):
    for working on quotes while other stages change. ``definition`` as in :func:`quote_stage`."""

    def __init__(self, definition: str = "polnear") -> None:
        from ..nlp import load_nlp

        self.nlp = load_nlp()
        self.stage = quote_stage(definition)
        self.stage.initialize(None)

    def __call__(self, article: Article) -> Document:
        return self.stage(Document(article=article, doc=self.nlp(article.text)))

    def pipe(self, articles: Iterable[Article]) -> Iterator[Document]:
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True):
            yield self.stage(Document(article=article, doc=doc))


def evaluate(
    paths: Path | str | Iterable[Path | str],
    pipeline: Any = None,
    limit: int | None = None,
    cues: str = "all",
    definition: str = "polnear",
    **options: Any,
) -> EvalReport:
    """Score the pipeline's quotes on PolNeAR dev. ``paths``: the PolNeAR folder (or its
    ``data/dev``); ``cues``: "all" scores every attribution, "speech" only those whose cue is
    a speech verb or noun (PolNeAR also attributes beliefs, plans and stances, which dateline
    does not take for quotes; quotes matching those are then left out); ``pipeline``: anything
    with ``pipe(articles)`` or ``__call__(article)`` giving Documents (default:
    ``Pipeline.load()`` with the quote stage of ``definition``: "polnear", PolNeAR's own
    notion of attribution, or "dateline", the pipeline's speech-only default); ``limit``:
    the first N articles."""
    options.pop("details", None)  # the CLI's --details: this report has no listing
    if options:
        raise GoldError(f"unknown option(s) {sorted(options)} for the PolNeAR scorer")
    if isinstance(paths, (str, Path)):
        paths = [paths]
    articles: list[GoldArticle] = []
    for path in paths:
        articles.extend(read_gold(Path(path), limit=limit))
    if limit is not None:
        articles = articles[:limit]
    from ..pipeline import documents_of

    if pipeline is None:
        pipeline = polnear_pipeline(definition)
    if cues not in ("all", "speech"):
        raise GoldError(f"cues={cues!r}: use 'all' (every PolNeAR attribution) or 'speech'")
    lexicon = CueLexicon.load()
    tallies = {name: _Tally() for name in ROWS}
    inputs = [Article(text=a.text, published=a.published, origin=a.name) for a in articles]
    skipped: list[str] = []
    documents = documents_of(
        pipeline,
        inputs,
        on_skip=lambda s: skipped.append(f"{s.origin}: [{s.code.value}] {s.reason}"),
    )
    waiting = iter(zip(articles, inputs, strict=True))
    for document in documents:
        # documents come in input order; a skipped article has none and is passed over
        gold = next((g for g, article in waiting if article is document.article), None)
        if gold is None:
            raise InvariantError("the pipeline gave back a document for an article not given")
        counted = None
        if cues == "speech":
            counted = [is_speech_cue(document, a.cue, lexicon) for a in gold.attributions]
        score_article(document, gold.attributions, tallies, counted)
    task = "quotes (PolNeAR dev)" if cues == "all" else "quotes (PolNeAR dev, speech cues)"
    if definition != "polnear":
        task += f", {definition} definition"
    report = EvalReport(task=task, columns=COLUMNS)
    report.rows = [{"item": name, **tallies[name].row()} for name in ROWS[:2]]
    report.total = tallies["all"].row()
    report.notes = [
        f"{len(articles)} articles; lenient = both cover >= half of each other's word tokens",
    ]
    if skipped:
        report.notes.append(f"{len(skipped)} article(s) skipped, not scored:")
        report.notes.extend(f"  {line}" for line in skipped)
    return report
