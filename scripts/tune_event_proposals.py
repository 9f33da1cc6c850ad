"""Choose how the sentence-type model adds events to the rule coder's, on the TUNE part only.

For each setting (the probability a sentence's best type needs, and whether a proposal may
stand beside rule events of other types), score event F1 on the tune reports and PLV type on
the tune sentences; print the table. With ``--check SETTING`` score that one setting on the
check part, in aggregate only. Usage::

    python scripts/tune_event_proposals.py                 # the tune table
    python scripts/tune_event_proposals.py --check 0.8,no  # one setting on the check part
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"
SETTINGS = [(p, b) for p in (0.5, 0.6, 0.7, 0.8, 0.9) for b in (False, True)]


def _docs(pipeline: Any, articles: list[Any]) -> list[Any]:
    out: dict[int, Any] = {}
    for document in pipeline.pipe(articles, on_skip=lambda s: None):
        out[id(document.article)] = document
    return [out.get(id(a)) for a in articles]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", help="one setting PROB,yes|no to score on the check part")
    args = parser.parse_args()
    if not EVAL.is_dir():
        print(f"no development data at {EVAL}; nothing to tune (skipped)")
        return 0
    from dataclasses import replace

    from dateline.document import Article
    from dateline.eval import gold as gold_eval
    from dateline.eval import plv as plv_eval
    from dateline.eval.plover_gsr import sentence_pipeline
    from dateline.eval.splits import split_of_report, split_of_sentence
    from dateline.learned.refine import ShippedModels, Thresholds, propose_events
    from dateline.pipeline import Pipeline
    from dateline.readers import read_article
    from dateline.records import document_to_record

    split = "check" if args.check else "tune"
    settings = SETTINGS
    if args.check:
        prob, beside = args.check.split(",")
        settings = [(float(prob), beside == "yes")]
    folders = sorted(
        f.parent
        for f in [EVAL / "seed" / "gold.json", *EVAL.glob("reports*/*/gold.json")]
        if split_of_report(f.parent.name) == split
    )
    golds = {f.name: gold_eval.load_gold(f / "gold.json") for f in folders}
    articles = [read_article(f / golds[f.name]["article"]["file"]) for f in folders]
    rows = [
        r
        for r in plv_eval.load_plv(EVAL / "plv" / "plv-train.csv")
        if split_of_sentence(r["id"]) == split
    ]
    report_docs = _docs(Pipeline.load(), articles)
    plv_docs = _docs(sentence_pipeline(), [Article(text=r["text"], origin=r["id"]) for r in rows])
    models = ShippedModels()
    report_probs = [models.sentence_probabilities(d) if d else {} for d in report_docs]
    plv_probs = [models.sentence_probabilities(d) if d else {} for d in plv_docs]

    def with_proposals(document: Any, probs: Any, t: Thresholds, countries: bool) -> Any:
        extra = propose_events(document, probs, t)
        if countries:
            known = {a.id for a in document.actors if a.country}
            extra = [e for e in extra if any(i in known for i in e.actor)]
        return replace(document, events=[*document.events, *extra])

    print(f"{split} part: {len(folders)} reports, {len(rows)} PLV sentences")
    base = Thresholds()
    for prob, beside in [(1.01, False), *settings]:
        t = replace(base, propose_above=prob, propose_beside_rules=beside, drop_below=0.0)
        records = {
            f.name: document_to_record(with_proposals(d, p, t, True))
            if d
            else gold_eval.EMPTY_RECORD
            for f, d, p in zip(folders, report_docs, report_probs, strict=True)
        }
        total = gold_eval.evaluate(folders, records=records).total
        counts: Counter[str] = Counter()
        for row, d, p in zip(rows, plv_docs, plv_probs, strict=True):
            record = document_to_record(with_proposals(d, p, t, False)) if d else {"events": []}
            counts.update(plv_eval.score_row(row, record))
        plv = plv_eval.metrics(counts)
        name = "rules only" if prob > 1 else f"p>={prob} beside={'yes' if beside else 'no'}"
        print(
            f"{name:24s} reports P={total['ev_P']:.3f} R={total['ev_R']:.3f} "
            f"F1={total['ev_F1']:.3f} | PLV type={plv['type']:.3f} "
            f"type+source={plv['type+source']:.3f} no_event={plv['no_event']:.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
