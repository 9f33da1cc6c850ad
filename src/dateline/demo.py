"""``dateline demo``: the main job on the embedded default, on the example articles shipped
in ``dateline/examples`` (written for this project). It ingests them into a DuckDB file,
fuses events across articles and returns a short report of what was stored."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

#: where `dateline serve` listens by default
SERVE_URL = "http://127.0.0.1:8000"


def examples_dir() -> Path:
    return Path(str(resources.files("dateline").joinpath("examples")))


def run_demo(db: str) -> str:
    from .fusion import fuse
    from .ingest import ingest
    from .pipeline import Pipeline
    from .store import open_store

    sources = sorted(str(p) for p in examples_dir().glob("*.txt"))
    pipeline = Pipeline.load()
    with open_store(db) as store:
        summary = ingest(sources, store, pipeline=pipeline, progress=False)
        fuse(store)
        counts = store.counts()
        events = store.events({"limit": 50})
        quotes = store.quotes({"limit": 10})
    lines = [
        f"Ingested {summary.ingested} article(s), {summary.duplicates} already stored, "
        f"{len(summary.skipped)} skipped, into {db}",
        "Stored: " + ", ".join(f"{n} {table}" for table, n in sorted(counts.items())),
        "",
        "Events (type, actor -> recipient, date, evidence):",
    ]
    for row in events:
        actors = ", ".join(a["name"] for a in row.get("actors") or []) or "?"
        recipients = ", ".join(a["name"] for a in row.get("recipients") or []) or "-"
        evidence = " ".join((row.get("evidence") or "").split())
        lines.append(
            f"  {row['type']:<9} {actors} -> {recipients}  {row.get('day') or '-'}"
            f"  [{row.get('site')}] “{evidence[:80]}”"
        )
    lines.append("")
    lines.append("Quotes (speaker: words):")
    for row in quotes:
        speaker = row.get("speaker") or row.get("speaker_text") or "?"
        lines.append(f"  {speaker}: “{' '.join((row.get('text') or '').split())[:80]}”")
    lines.append("")
    lines.append(
        f"Next: dateline events --db {db}   |   dateline export --db {db} --format csv --out events.csv"
    )
    lines.append("")
    lines.append(f"See it in a browser: run `{_command()} serve --db {db}`, then open {SERVE_URL}")
    return "\n".join(lines)


def _command() -> str:
    """How the user calls dateline: ``dateline`` when it is on the PATH, else the path of the
    script that is running (``.venv/bin/dateline`` after ``make demo``)."""
    import shutil
    import sys

    script = sys.argv[0] if sys.argv and sys.argv[0].endswith("dateline") else ""
    if not script or shutil.which("dateline") == str(Path(script).resolve()):
        return "dateline"
    return os.path.relpath(script) if Path(script).exists() else "dateline"
