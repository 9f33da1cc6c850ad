"""Time: every time expression of the article, with its TIMEX3 value against the publication date.

Reads ``doc`` (spaCy's DATE/TIME entities, as hints) and ``article.published``; writes
``dates``. The grammar of :mod:`dateline.timex` finds and normalises the expressions; spaCy's
DATE and TIME entities that the grammar missed are added when they contain a time word (a
month, a weekday, a unit of time, a year ...), normalised with :func:`dateline.timex.normalise`
(their value may stay None); entities that are not times at all ("Patriot", "1,000", an age)
are dropped. ``document.notes["time"]`` maps each ``(start, end)`` span to its
:class:`~dateline.timex.Timex`, whose ``overnight`` flag and ``days`` tell a later stage that
an event "overnight" may be dated to either of two days.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..document import Document, TimeExpression
from ..errors import InvariantError
from ..spancover import SpanCover
from ..timex import Timex, detect_tense, find_timexes, normalise

if TYPE_CHECKING:
    from ..knowledge import Knowledge

#: a spaCy DATE/TIME entity is kept only when it holds one of these words or a year
_TIME_WORD = re.compile(
    r"\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|(?:mon|tues|wednes"
    r"|thurs|fri|satur|sun)days?|today|tonight|yesterday|tomorrow|morning|afternoon|evening"
    r"|night|overnight|noon|midnight|dawn|dusk|weekends?|seconds?|minutes?|hours?|days?|weeks?"
    r"|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies)|spring|summer|autumn|fall"
    r"|winter|season|ago|now|recent(?:ly)?|currently|christmas|easter|ramadan|eid|holiday"
    r"|(?:1[0-9]|20)\d\d|'\d\ds?|\d{1,2}:\d\d|[ap]\.?m\.?)\b",
    re.IGNORECASE,
)
_AGE = re.compile(r"\b(?:\d+|[a-z]+)[\s-]+(?:years?|months?)[\s-]+old\b|\baged\b", re.IGNORECASE)


class TimeStage:
    """Find, normalise and record the article's time expressions."""

    name = "time"
    requires: tuple[str, ...] = ("doc",)
    assigns: tuple[str, ...] = ("dates",)

    def __init__(self, use_entities: bool = True) -> None:
        #: add spaCy DATE/TIME entities the grammar missed
        self.use_entities = use_entities

    def initialize(self, knowledge: Knowledge | None = None) -> None:
        """Nothing to load: the grammar compiles on first use and the holiday table is cached."""

    def __call__(self, document: Document) -> Document:
        text = document.text
        anchor = document.article.published
        timexes = find_timexes(text, anchor)
        if self.use_entities and document.doc is not None:
            timexes.extend(self._entities_missed(document, timexes))
        timexes.sort(key=lambda t: (t.start, t.end))
        timexes = _reanchor_quoted(text, timexes, anchor)
        document.dates = [
            TimeExpression(text=t.text, value=t.value, type=t.type, span=(t.start, t.end))
            for t in timexes
        ]
        document.notes["time"] = {(t.start, t.end): t for t in timexes}
        return document

    def _entities_missed(self, document: Document, found: list[Timex]) -> list[Timex]:
        if document.doc is None:
            raise InvariantError("the time stage looked for spaCy entities in an unparsed document")
        text = document.text
        anchor = document.article.published
        extra: list[Timex] = []
        cover = SpanCover((t.start, t.end) for t in found)
        for ent in document.doc.ents:
            if ent.label_ not in ("DATE", "TIME"):
                continue
            start, end = ent.start_char, ent.end_char
            if cover.overlaps((start, end)):
                continue
            words = ent.text
            if not _TIME_WORD.search(words) or _AGE.search(words):
                continue  # "Patriot", "1,000", "the 30-year-old": not a time
            tense = detect_tense(text, start, end)
            value, type_ = normalise(words, anchor, tense)
            if type_ is None:
                type_ = "TIME" if ent.label_ == "TIME" else "DATE"
            extra.append(Timex(start, end, words, value, type_, overnight=_is_night(value, words)))
        return extra


#: words whose day depends on when they were said, not on when the report was published
DEICTIC = re.compile(
    r"\b(today|tonight|this (morning|afternoon|evening)|yesterday|tomorrow)\b", re.I
)
QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")


def _reanchor_quoted(text: str, timexes: list[Timex], anchor: dt.date | None) -> list[Timex]:
    """ "today" inside someone's quoted words is the day they spoke: when the paragraph names
    that day outside the quotation marks ("..., the envoy told reporters on Tuesday evening"),
    the quoted deictic expressions are resolved against it instead of the publication date."""
    if anchor is None:
        return timexes
    quotes = [m.span() for m in QUOTED.finditer(text)]

    def quoted(t: Timex) -> tuple[int, int] | None:
        return next((q for q in quotes if q[0] <= t.start and t.end <= q[1]), None)

    out = []
    for timex in timexes:
        span = quoted(timex)
        if span is None or not DEICTIC.search(timex.text):
            out.append(timex)
            continue
        start = text.rfind("\n\n", 0, span[0]) + 1
        end = text.find("\n\n", span[1])
        end = len(text) if end < 0 else end
        spoken = [
            t
            for t in timexes
            if start <= t.start < end
            and quoted(t) is None
            and t.type in ("DATE", "TIME")
            and t.value
            and re.match(r"^\d{4}-\d{2}-\d{2}", t.value)
        ]
        if not spoken:
            out.append(timex)
            continue
        day = dt.date.fromisoformat(spoken[0].value[:10])  # type: ignore[index]
        value, type_ = normalise(timex.text, day)
        out.append(replace(timex, value=value or timex.value, type=type_ or timex.type))
    return out


def _is_night(value: str | None, words: str) -> bool:
    return bool(value and value.endswith("TNI")) or "overnight" in words.lower()
