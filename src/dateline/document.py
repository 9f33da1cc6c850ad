"""The records that flow through the pipeline.

One :class:`Document` is made per article. The readers fill in its :class:`Article`; the nlp
step attaches the spaCy ``doc``; each stage then appends its own records (actors, mentions,
dates, places, quotes, events) and nothing else. :mod:`dateline.records` turns a finished
document into the JSON contract of ``DESIGN.md``.

Every span is a pair of character offsets ``(start, end)`` into ``article.text``. A
:class:`Cluster` is the one record above the article: the same event as several articles
reported it (made by :mod:`dateline.fusion`, kept by :mod:`dateline.store`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # spaCy is imported lazily; see dateline.nlp
    from spacy.tokens import Doc

Span = tuple[int, int]


def normalise_text(text: str) -> str:
    """Collapse whitespace so that the same story read from two formats hashes alike."""
    return re.sub(r"\s+", " ", text).strip().lower()


def make_article_id(url: str | None, text: str) -> str:
    """A stable id: the hash of the URL when there is one, else of the normalised text."""
    key = url.strip() if url and url.strip() else normalise_text(text)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Article:
    """One news article as a reader found it."""

    text: str
    url: str | None = None
    site: str | None = None
    title: str | None = None
    published: dt.date | None = None
    #: where ``published`` came from: header, html, feed, jsonl, warc, url, or None
    published_source: str | None = None
    #: where the article was read from (a path, ``path:line`` or ``path#record``)
    origin: str | None = None
    id: str = ""

    def __post_init__(self) -> None:
        self.published = _as_date(self.published)
        if not self.id:
            self.id = make_article_id(self.url, self.text)


def _as_date(value: Any) -> dt.date | None:
    """``published`` as a date: a ``datetime`` loses its time, an ISO string
    (``2025-03-10``, or a timestamp that starts with one) is read; anything else is an error
    that says what to pass, raised where the article is made rather than in a stage later."""
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    from .errors import Code, DatelineError

    raise DatelineError(
        Code.BAD_SETTING,
        f"Article(published={value!r}): give a datetime.date or an ISO date such as 2025-03-10",
    )


@dataclass(slots=True)
class Actor:
    """A canonical participant: a person, a state, an organisation or a group."""

    id: str
    name: str
    country: str | None
    sector: str | None
    kind: str  # person | state | organisation | group
    role: str | None = None  # the role that gave country and sector ("head of state", ...)
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Mention:
    """One stretch of text that refers to an actor (a name, a title, a pronoun, a metonym)."""

    span: Span
    text: str
    actor_id: str
    #: name | description | pronoun | metonym | demonym
    how: str = "name"


@dataclass(slots=True)
class TimeExpression:
    text: str
    value: str | None
    type: str  # DATE | TIME | DURATION | SET
    span: Span


@dataclass(slots=True)
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    span: Span


@dataclass(slots=True)
class Quote:
    id: str
    kind: str  # direct | partial | indirect
    text: str
    span: Span
    speaker: str | None  # actor id
    speaker_text: str | None
    cue: Span | None
    speaker_span: Span | None = None
    reported_by: str | None = None  # actor id of a medium that relays the quote


@dataclass(slots=True)
class Quantity:
    value: float
    qualifier: str | None
    unit: str | None
    span: Span
    kind: str | None = None  # killed | injured | captured | None


#: where an event's date came from (``EventDate.date_source``)
DATE_SOURCES = ("text", "context", "publication")


@dataclass(slots=True)
class EventDate:
    """An event's date. ``value`` is None for a vague period ("in recent days"), whose words
    ``span`` keeps; ``date_source`` says where the date came from: ``text`` (a date in the
    event's own clause), ``context`` (a date the parse ties to it, or the previous sentence on
    the same topic) or ``publication`` (a same-day reaction given the publication day)."""

    value: str | None
    granularity: str
    span: Span | None
    date_source: str = "text"
    #: an overnight event: both calendar days the night touches (the value is the first)
    days: tuple[str, ...] = ()


@dataclass(slots=True)
class Event:
    id: str
    type: str
    mode: list[str]
    context: list[str]
    cameo: str | None
    actor: list[str]
    recipient: list[str]
    date: EventDate | None
    place: Place | None
    quantities: list[Quantity]
    modality: str  # asserted | negated | intended | hypothetical | generic
    reported_by: str | None
    sentence: Span
    trigger: Span
    confidence: float
    #: further spans where the same event is mentioned again in the article
    more_evidence: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    """An article and everything the stages found in it."""

    article: Article
    doc: Doc | None = None
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[TimeExpression] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    #: scratch space a stage may leave for a later one, keyed by stage name
    notes: dict[str, Any] = field(default_factory=dict)
    _mention_index: MentionIndex | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.article.text

    def actor(self, actor_id: str | None) -> Actor | None:
        if actor_id is None:
            return None
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        return None

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The mention that best covers the characters ``start:end`` (largest overlap; of
        equal overlaps, the one listed first)."""
        index = self._mention_index
        if index is None or index.mentions is not self.mentions:
            # built once per mentions list: stages ask per token, so a scan of every
            # mention per question would make long articles quadratic
            index = self._mention_index = MentionIndex(self.mentions)
        return index.best(start, end)


class MentionIndex:
    """Mentions sorted by start, to find those overlapping a stretch with two bisections."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        ordered = sorted(range(len(mentions)), key=lambda i: mentions[i].span[0])
        self.starts = [mentions[i].span[0] for i in ordered]
        self.order = ordered
        #: no mention is longer, so none starting further back than this can reach ``start``
        self.longest = max((m.span[1] - m.span[0] for m in mentions), default=0)

    def best(self, start: int, end: int) -> Mention | None:
        best: tuple[int, int] | None = None  # (overlap, -position)
        first = bisect.bisect_right(self.starts, start - self.longest)
        last = bisect.bisect_left(self.starts, end)
        for at in range(first, last):
            position = self.order[at]
            span = self.mentions[position].span
            overlap = min(end, span[1]) - max(start, span[0])
            if overlap > 0 and (best is None or (overlap, -position) > best):
                best = (overlap, -position)
        return None if best is None else self.mentions[-best[1]]


@dataclass
class Cluster:
    """One real-world event as several articles reported it."""

    id: str
    type: str | None
    event_ids: list[str]
    event_articles: list[str]  # the article of each event, parallel to event_ids
    article_ids: list[str]
    sites: list[str]
    sources: list[dict[str, Any]]
    first_report: str | None
    last_report: str | None
    first_day: str | None
    last_day: str | None
    place_name: str | None
    place_country: str | None
    actor_countries: list[str] = field(default_factory=list)
    recipient_countries: list[str] = field(default_factory=list)
    #: every figure reported, with its source and who the article says reported it
    quantities: list[dict[str, Any]] = field(default_factory=list)
    #: figures of one kind (killed, injured, ...) on which sources differ, side by side
    conflicts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}
