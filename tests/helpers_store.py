"""Hand-made records for the store, ingest, fusion and export tests (no spaCy needed).

Spans are found with ``str.find`` in texts written for these tests, so a record is what the
pipeline would produce for the article if every stage were right.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dateline.document import make_article_id

FUSION_DIR = Path(__file__).resolve().parent / "fixtures" / "fusion"


def split_header(raw: str) -> tuple[dict[str, str], str]:
    head, _, body = raw.partition("\n\n")
    meta = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    return meta, body.strip()


def span(text: str, needle: str, after: int = 0) -> list[int]:
    start = text.find(needle, after)
    assert start >= 0, f"{needle!r} not in text"
    return [start, start + len(needle)]


def sentence(text: str, inside: list[int]) -> list[int]:
    start = max(text.rfind(". ", 0, inside[0]) + 2, text.rfind("\n", 0, inside[0]) + 1, 0)
    if text.rfind(". ", 0, inside[0]) < 0 and text.rfind("\n", 0, inside[0]) < 0:
        start = 0
    end = text.find(".", inside[1])
    return [start, len(text) if end < 0 else end + 1]


def actor(
    text: str,
    local: str,
    name: str,
    country: str | None,
    sector: str | None,
    kind: str,
    *mentions: str,
) -> dict[str, Any]:
    return {
        "id": local,
        "name": name,
        "country": country,
        "sector": sector,
        "kind": kind,
        "role": None,
        "mentions": [span(text, m) for m in mentions],
    }


def event(
    text: str,
    local: str,
    type_: str,
    trigger: str,
    *,
    actor: list[str],
    recipient: list[str],
    day: str | None,
    day_text: str | None = None,
    place: tuple[str, str, float, float] | None = None,
    quantities: list[tuple[str, float, str | None, str | None]] = (),  # type: ignore[assignment]
    reported_by: str | None = None,
    cameo: str | None = "190",
    mode: list[str] | None = None,
) -> dict[str, Any]:
    trigger_span = span(text, trigger)
    return {
        "id": local,
        "type": type_,
        "mode": mode or [],
        "context": [],
        "cameo": cameo,
        "actor": actor,
        "recipient": recipient,
        "date": None
        if day is None
        else {
            "value": day,
            "granularity": "day",
            "span": span(text, day_text) if day_text else None,
            "date_source": "text" if day_text else "publication",
            "days": [],
        },
        "place": None
        if place is None
        else {
            "name": place[0],
            "country": place[1],
            "lat": place[2],
            "lon": place[3],
            "geonames_id": None,
            "span": span(text, place[0]),
        },
        "quantities": [
            {
                "value": value,
                "qualifier": qualifier,
                "unit": "people",
                "kind": kind,
                "span": span(text, words),
            }
            for words, value, qualifier, kind in quantities
        ],
        "modality": "asserted",
        "reported_by": reported_by,
        "evidence": {"sentence": sentence(text, trigger_span), "trigger": trigger_span},
        "confidence": 0.8,
    }


def record(
    raw: str,
    actors: list[dict[str, Any]],
    events: list[dict[str, Any]],
    quotes: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    meta, text = split_header(raw)
    return {
        "schema_version": 1,
        "article": {
            "id": make_article_id(meta.get("url"), text),
            "url": meta.get("url"),
            "site": meta.get("site"),
            "title": meta.get("title"),
            "published": meta.get("published"),
            "published_source": "header",
            "text": text,
        },
        "actors": actors,
        "events": events,
        "quotes": quotes or [],
        "dates": [],
        "places": [],
    }


KUPIANSK = ("Kupiansk", "UKR", 49.7106, 37.6156)


def fusion_records() -> list[dict[str, Any]]:
    """The three fixture articles about one shelling, with two casualty figures (12 and 15)."""
    raw = (FUSION_DIR / "kyiv-ledger.txt").read_text("utf-8")
    _, text = split_header(raw)
    kyiv = record(
        raw,
        [
            actor(text, "a1", "Russia", "RUS", "MIL", "group", "Russian forces"),
            actor(text, "a2", "Ukraine", "UKR", None, "state", "Ukraine"),
            actor(text, "a3", "Oleh Syniehubov", "UKR", "GOV", "person", "Oleh Syniehubov"),
        ],
        [
            event(
                text,
                "e1",
                "ASSAULT",
                "shelled",
                actor=["a1"],
                recipient=["a2"],
                day="2025-03-14",
                day_text="Friday",
                place=KUPIANSK,
                quantities=[("at least 12 people", 12, "at least", "killed")],
                reported_by="a3",
            ),
        ],
        [
            {
                "id": "q1",
                "kind": "direct",
                "text": "This was a deliberate strike on people waiting for a bus,",
                "span": span(text, "This was a deliberate strike on people waiting for a bus,"),
                "speaker": "a3",
                "speaker_text": "Syniehubov",
                "cue": span(text, "wrote"),
            }
        ],
    )
    raw = (FUSION_DIR / "eastern-wire.txt").read_text("utf-8")
    _, text = split_header(raw)
    wire = record(
        raw,
        [
            actor(text, "a1", "Russia", "RUS", "MIL", "group", "Russian artillery"),
            actor(text, "a2", "Ukraine", "UKR", None, "state", "Kupiansk"),
            actor(
                text,
                "a3",
                "State Emergency Service of Ukraine",
                "UKR",
                "GOV",
                "organisation",
                "Ukraine's emergency service",
            ),
        ],
        [
            event(
                text,
                "e1",
                "ASSAULT",
                "shelled",
                actor=["a1"],
                recipient=["a2"],
                day="2025-03-14",
                day_text="Friday",
                place=KUPIANSK,
                quantities=[("15 people", 15, None, "killed")],
                reported_by="a3",
            ),
        ],
    )
    raw = (FUSION_DIR / "danube-times.txt").read_text("utf-8")
    _, text = split_header(raw)
    danube = record(
        raw,
        [
            actor(
                text,
                "a1",
                "Ministry of Foreign Affairs of Ukraine",
                "UKR",
                "GOV",
                "organisation",
                "Ukraine's foreign ministry",
            ),
            actor(text, "a2", "Russia", "RUS", "GOV", "state", "Russia"),
            actor(text, "a3", "Russia", "RUS", "MIL", "group", "Russian troops"),
            actor(text, "a4", "Ukraine", "UKR", None, "state", "Kupiansk"),
        ],
        [
            event(
                text,
                "e1",
                "ACCUSE",
                "accused",
                actor=["a1"],
                recipient=["a2"],
                day="2025-03-15",
                day_text="Saturday",
                cameo="112",
            ),
            event(
                text,
                "e2",
                "ASSAULT",
                "shelled",
                actor=["a3"],
                recipient=["a4"],
                day="2025-03-14",
                day_text="Friday",
                place=KUPIANSK,
                quantities=[("15 civilians", 15, None, "killed")],
                reported_by="a1",
            ),
        ],
    )
    return [kyiv, wire, danube]


def small_record(n: int) -> dict[str, Any]:
    """A short made-up article about talks, numbered so that each has its own id."""
    raw = (
        f"Site: Test Wire\nTitle: Talks {n}\nURL: https://testwire.example/{n}\n"
        "Published: 2025-05-02\n\n"
        f"The foreign minister of France met the foreign minister of Kenya in Paris on "
        f"Thursday for talks number {n}."
    )
    _, text = split_header(raw)
    return record(
        raw,
        [
            actor(text, "a1", "France", "FRA", "GOV", "state", "France"),
            actor(text, "a2", "Kenya", "KEN", "GOV", "state", "Kenya"),
        ],
        [
            event(
                text,
                "e1",
                "CONSULT",
                "met",
                actor=["a1", "a2"],
                recipient=[],
                day="2025-05-01",
                day_text="Thursday",
                place=("Paris", "FRA", 48.8534, 2.3488),
                cameo="040",
                mode=["visit"],
            ),
        ],
    )


class FakePipeline:
    """Stands in for :class:`dateline.pipeline.Pipeline` where the NLP is not under test: one
    actor and one event per article, from the first sentence. ``delay`` slows it down,
    ``progress`` names a file that gets one line per document, and an article whose text
    contains ``fail_on`` is handed to ``on_skip`` as a stage failure (as the real one does)."""

    def __init__(
        self, delay: float = 0.0, progress: str | None = None, fail_on: str | None = None
    ) -> None:
        self.delay = delay
        self.progress = progress
        self.fail_on = fail_on

    def pipe(
        self, articles: Any, batch_size: int = 32, n_process: int = 1, on_skip: Any = None
    ) -> Any:
        import time

        from dateline.document import Actor, Document, Event
        from dateline.errors import stage_failed
        from dateline.readers import Skipped

        for article in articles:
            if self.fail_on and self.fail_on in article.text:
                failure = RuntimeError("the fake pipeline was told to fail here")
                error = stage_failed("fake", failure, article.origin or article.id)
                on_skip(Skipped(origin=error.origin, code=error.code, reason=error.message))
                continue
            if self.delay:
                time.sleep(self.delay)
            text = article.text
            end = text.find(".") + 1 or len(text)
            first = text.split(" ", 1)[0]
            document = Document(article=article)
            document.actors.append(
                Actor(
                    id="a1",
                    name="France",
                    country="FRA",
                    sector="GOV",
                    kind="state",
                    mentions=[(0, len(first))],
                )
            )
            document.events.append(
                Event(
                    id="e1",
                    type="CONSULT",
                    mode=[],
                    context=[],
                    cameo="040",
                    actor=["a1"],
                    recipient=[],
                    date=None,
                    place=None,
                    quantities=[],
                    modality="asserted",
                    reported_by=None,
                    sentence=(0, end),
                    trigger=(0, len(first)),
                    confidence=0.5,
                )
            )
            if self.progress:
                with open(self.progress, "a", encoding="utf-8") as handle:
                    handle.write(article.id + "\n")
            yield document


def write_articles(folder: Path, count: int) -> list[Path]:
    """``count`` short made-up articles with a header, each with its own URL."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"article-{n:03d}.txt"
        path.write_text(
            f"Site: Test Wire\nTitle: Talks {n}\nURL: https://testwire.example/talks/{n}\n"
            f"Published: 2025-05-0{1 + n % 9}\n\n"
            f"Officials met in Paris on Thursday for round {n} of talks on grain exports. "
            "They agreed to meet again next month.\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths
