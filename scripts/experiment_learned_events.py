"""Score the rule coder with and without the learned refinement (dateline.learned.refine)
applied after the pipeline, on the tune or check part of the development data.

    PYTHONPATH=src python scripts/experiment_learned_events.py --split tune
    PYTHONPATH=src python scripts/experiment_learned_events.py --split check

Reports: event P/R/F1 (the gold scorer's micro TOTAL; per article on tune only). PLV
sentences: the share whose label is among the events' types (type), and whose labelled
source words lie in a mention of such an event's actor (type+source). The check part is
printed in aggregate only, never item by item.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["tune", "check"], required=True)
    parser.add_argument("--eval-root", type=Path, default=REPO.parent / "shared" / "eval")
    parser.add_argument("--skip-plv", action="store_true")
    args = parser.parse_args()
    if not args.eval_root.is_dir():
        print(f"no development data at {args.eval_root}; nothing to score (skipped)")
        return 0
    from dateline.document import Article
    from dateline.eval.gold import EMPTY_RECORD, evaluate
    from dateline.learned import corpus
    from dateline.learned.refine import refine_events
    from dateline.pipeline import Pipeline
    from dateline.records import document_to_record

    pipeline = Pipeline.load()
    folders = corpus.report_folders(args.eval_root, args.split)
    documents = corpus.run_pipeline(pipeline, [corpus.read_report(f)[0] for f in folders])
    for name, refine in (("rules", False), ("rules+learned", True)):
        records: dict[str, Any] = {}
        for folder, document in zip(folders, documents, strict=True):
            if document is None:
                records[folder.name] = EMPTY_RECORD
                continue
            records[folder.name] = document_to_record(
                refine_events(document) if refine else document
            )
        report = evaluate(folders, records=records)
        print(f"\n== reports, {args.split} part ({len(folders)}), {name}")
        if args.split == "tune":
            for row in report.rows:
                print(
                    f"   {row['item']:24s} P={row['ev_P']:.2f} R={row['ev_R']:.2f} F1={row['ev_F1']:.2f}"
                )
        t = report.total
        print(
            f"   TOTAL P={t['ev_P']:.3f} R={t['ev_R']:.3f} F1={t['ev_F1']:.3f} "
            f"req={t['ev_req']} false={t['ev_false']}"
        )
    if args.skip_plv:
        return 0
    rows = corpus.read_plv_rows(args.eval_root / "plv" / "plv-train.csv", args.split)
    plv_docs = corpus.run_pipeline(pipeline, [Article(text=r["text"]) for r in rows])
    for name, refine in (("rules", False), ("rules+learned", True)):
        hits = {"type": 0, "type+source": 0, "no event": 0}
        for row, document in zip(rows, plv_docs, strict=True):
            if document is not None and refine:
                document = refine_events(document)
            type_ok, source_ok, empty = plv_hit(row, document)
            hits["type"] += type_ok
            hits["type+source"] += source_ok
            hits["no event"] += empty
        n = len(rows)
        print(
            f"\n== PLV {args.split} part ({n} sentences), {name}: "
            + ", ".join(f"{k} {v / n:.3f}" for k, v in hits.items())
        )
    return 0


def plv_hit(row: dict[str, str], document: Any) -> tuple[bool, bool, bool]:
    """(label among the event types, and such an event's actor covers the source words,
    no event at all). YIELD accepts CONCEDE or RETREAT."""
    if document is None or not document.events:
        return False, False, True
    accepted = {"CONCEDE", "RETREAT"} if row["label"] == "YIELD" else {row["label"]}
    typed = [e for e in document.events if e.type in accepted]
    if not typed:
        return False, False, False
    source = _words(row["source"])
    for event in typed:
        for mention in document.mentions:
            if mention.actor_id in event.actor and _words(mention.text) & source:
                return True, True, False
    return True, False, False


STOP = {"the", "a", "an", "of", "and", "'s", "s"}


def _words(text: str) -> set[str]:
    from dateline.eval.matching import word_tokens

    return {w for w in word_tokens(text) if w not in STOP}


if __name__ == "__main__":
    sys.exit(main())
