"""Calibrate event confidence on the development reports and write
``src/dateline/knowledge/data/calibration.tsv``.

    python scripts/calibrate.py ../shared/eval/seed ../shared/eval/reports/* ../shared/eval/reports-2023-26/*

Only the tune part of the reports is read (``dateline.eval.splits``): the check part stays
unseen, so that the precision measured there says whether the calibration holds.

Every event the stage finds (with no confidence floor) is labelled right when the gold
scorer pairs it with a required gold event (or it is a second report of one already
paired), wrong when it matches no gold event at all; events paired with optional gold
events (background, trends, plans) are left out, as the scorer leaves them out. Raw scores are grouped in bins, made monotone by pooling
adjacent violators, and written as (upper bound of the raw score, share right). The event
stage maps its raw score through this table, so a 0.8 means right about 8 times in 10 on
this data. Rerun after changing triggers or rules.
"""

from __future__ import annotations

import sys
from pathlib import Path

BINS = [0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 1.0]


def main(argv: list[str]) -> None:
    from dateline.eval.gold import load_gold, score_article
    from dateline.eval.splits import split_of_report
    from dateline.pipeline import Pipeline
    from dateline.readers import read_article
    from dateline.stages import default_stages
    from dateline.stages.events import EventStage

    stages = [
        EventStage(min_confidence=0.0, calibrate=False) if s.name == "events" else s
        for s in default_stages()
    ]
    pipeline = Pipeline.load(stages=stages)
    labelled: list[tuple[float, int]] = []
    folders = [Path(arg) for arg in argv if split_of_report(Path(arg).name) == "tune"]
    print(f"{len(folders)} tune reports of {len(argv)} given", file=sys.stderr)
    for folder in folders:
        gold = load_gold(folder / "gold.json")
        record = pipeline.extract(read_article(folder / gold["article"]["file"]))
        score = score_article(record, gold)
        right = {p.system["id"] for p in score.matched_required} | {
            e["id"] for e in score.duplicate_events
        }
        wrong = {e["id"] for e in score.false_events}
        for event in record["events"]:
            if event["id"] in right or event["id"] in wrong:
                labelled.append((event["confidence"], int(event["id"] in right)))
    rows = []
    lower = 0.0
    for upper in BINS:
        inside = [y for x, y in labelled if lower <= x < upper or (upper == 1.0 and x == 1.0)]
        rows.append([upper, sum(inside), len(inside)])
        lower = upper
    # Pool adjacent violators so that a higher raw score never means a lower probability.
    blocks = [[r[0], r[1], r[2]] for r in rows if r[2]]
    merged: list[list[float]] = []
    for block in blocks:
        merged.append(block)
        while len(merged) > 1 and merged[-2][1] / merged[-2][2] > merged[-1][1] / merged[-1][2]:
            last = merged.pop()
            merged[-1] = [last[0], merged[-1][1] + last[1], merged[-1][2] + last[2]]
    out = Path(__file__).resolve().parents[1] / "src/dateline/knowledge/data/calibration.tsv"
    lines = [
        "# Event confidence calibration: raw score (up to and including `upper`) -> share of",
        "# events right on the development reports. Written by scripts/calibrate.py from",
        f"# {len(labelled)} events of {len(folders)} tune reports; rerun it after changing the",
        "# event rules.",
        "upper\tprobability\tevents",
    ]
    for upper, right_n, total in merged:
        lines.append(f"{upper}\t{right_n / total:.3f}\t{int(total)}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1:])
