"""A store for the API and browser tests: the fusion articles, a few talks, and one article whose
text holds markup that must be shown, never run. Every text here is written for these tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dateline.fusion import fuse
from dateline.store import open_store
from helpers_store import actor, event, fusion_records, record, small_record, span

#: what the hostile article tries to run; the browser test checks none of it ran
HOSTILE_MARKERS = ("<script>", "onerror=")


def hostile_record() -> dict[str, Any]:
    raw = (
        "Site: Test Wire\nTitle: <script>window.__pwned = 'title'</script>Border talks\n"
        "URL: https://testwire.example/hostile\nPublished: 2025-05-03\n\n"
        "Officials of Chile met officials of Peru in Lima on Friday. "
        "<script>window.__pwned = 'text'</script> A banner read "
        '<img src="x" onerror="window.__pwned = \'img\'"> at the gate.'
    )
    _, text = raw.split("\n\n", 1)
    return record(
        raw,
        [
            actor(text, "a1", "Chile", "CHL", "GOV", "state", "Chile"),
            actor(text, "a2", "Peru", "PER", "GOV", "state", "Peru"),
        ],
        [
            event(
                text,
                "e1",
                "CONSULT",
                "met",
                actor=["a1"],
                recipient=["a2"],
                day="2025-05-02",
                day_text="Friday",
                place=("Lima", "PER", -12.0432, -77.0282),
                cameo="040",
            )
        ],
        [
            {
                "id": "q1",
                "kind": "indirect",
                "text": '<img src="x" onerror="window.__pwned = \'img\'">',
                "span": span(text, '<img src="x" onerror="window.__pwned = \'img\'">'),
                "speaker": None,
                "speaker_text": "A banner",
                "cue": span(text, "read"),
            }
        ],
    )


def api_records() -> list[dict[str, Any]]:
    return [*fusion_records(), *(small_record(n) for n in range(3)), hostile_record()]


def build_store(db: str | Path) -> str:
    """Fill the store at ``db`` with :func:`api_records` and fuse it; return ``db``."""
    with open_store(str(db)) as store:
        for item in api_records():
            store.add_record(item)
        fuse(store)
    return str(db)
