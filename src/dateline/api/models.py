"""What the API returns, field by field: the data dictionary published at ``/openapi.json``.

The shapes are those of :class:`dateline.store.Store`'s queries; the models only describe them
(and check them on the way out), they compute nothing.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


def d(text: str, default: Any = None) -> Any:
    """A field with its description (the one line the data dictionary shows)."""
    return Field(default=default, description=text)


Span = list[int]


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable code: E0xx (see docs/usage.md, 'Error codes').")
    message: str = Field(description="What happened and how to fix it.")


class Paging(BaseModel):
    """What every page of a list says besides its items and their total."""

    offset: int = Field(description="Position of the first item of this page.")
    limit: int = Field(description="Page size asked for.")
    next_offset: int | None = d("Offset of the next page; null on the last page.")


class ErrorEnvelope(BaseModel):
    error: ErrorDetail = Field(description="Every error, whatever its status, has this shape.")


class ActorRef(BaseModel):
    id: str = Field(description="Actor id, `<article id>:<local id>`.")
    name: str = Field(description="Canonical name of the actor.")
    country: str | None = d("ISO 3166 alpha-3 code of the actor's country, or IGO.")
    sector: str | None = d("CAMEO sector code: GOV, MIL, REB, OPP, MED, ...")
    kind: str | None = d("person, organisation, group or state.")


class Quantity(BaseModel):
    value: float | None = d("The figure as a number.")
    qualifier: str | None = d("'at least', 'about', 'more than', ... or null.")
    unit: str | None = d("What is counted: people, ...")
    kind: str | None = d("killed, injured, arrested, displaced, ... or null.")
    text: str | None = d("The words of the article that give the figure.")
    span: list[int | None] = d("[start, end) character offsets in the article text.", [])


class Event(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str = Field(description="Event id, `<article id>:<local id>`.")
    article_id: str = Field(description="Id of the article that reports the event.")
    local_id: str | None = d("The event's id inside its article's record (e1, e2, ...).")
    type: str = Field(description="PLOVER event type, e.g. ASSAULT, CONSULT, ACCUSE.")
    mode: list[str] = d("PLOVER modes, e.g. ['phone'], ['visit'].", [])
    context: list[str] = d("PLOVER contexts, e.g. ['military'].", [])
    cameo: str | None = d("Nearest CAMEO code.")
    date_value: str | None = d("TIMEX3 value of the event's date (2025-03-14, 2025-W11, ...).")
    date_granularity: str | None = d("day, week, month or year.")
    date_source: str | None = d(
        "Where the date came from: text (the event's clause), context (a date the parse or an"
        " earlier sentence ties to it) or publication (a same-day report); null when undated."
    )
    day: str | None = d("The day the event happened (else the publication day), YYYY-MM-DD.")
    place_name: str | None = d("Where it happened.")
    place_country: str | None = d("ISO alpha-3 code of the place's country.")
    place_lat: float | None = d("Latitude of the place (WGS84).")
    place_lon: float | None = d("Longitude of the place (WGS84).")
    place_geonames_id: int | None = d("GeoNames id of the place.")
    modality: str | None = d("asserted, claimed, denied, hypothetical, ... as the article says it.")
    confidence: float | None = d("How sure the extractor is, 0 to 1 (calibrated).")
    sentence_start: int | None = d("Start offset of the evidence sentence in the article text.")
    sentence_end: int | None = d("End offset of the evidence sentence.")
    trigger_start: int | None = d("Start offset of the trigger word(s).")
    trigger_end: int | None = d("End offset of the trigger word(s).")
    evidence: str | None = d("The sentence that reports the event.")
    trigger: str | None = d("The word(s) that name the event.")
    more_evidence: list[Any] = d("Further [start, end) spans that support the event.", [])
    reported_by_id: str | None = d("Id of the actor the article attributes the report to.")
    reported_by: str | None = d("Name of that actor (the source inside the article).")
    reported_by_country: str | None = d("Country of that actor.")
    url: str | None = d("URL of the article.")
    site: str | None = d("Publisher of the article.")
    title: str | None = d("Headline of the article.")
    published: str | None = d("Publication day of the article, YYYY-MM-DD.")
    cluster_id: str | None = d("Cluster of reports of the same event (after `dateline fuse`).")
    cluster_articles: int | None = d("How many articles report the cluster.")
    cluster_sites: int | None = d("How many publishers report the cluster.")
    actors: list[ActorRef] = d("Who acted.", [])
    recipients: list[ActorRef] = d("Who was acted on.", [])
    quantities: list[Quantity] = d("Figures the article gives for the event.", [])


class EventPage(Paging):
    total: int = Field(description="How many events match the filters, on all pages.")
    items: list[Event] = Field(description="The events of this page.")


class EventDetail(BaseModel):
    event: Event = Field(description="The event.")
    article: ArticleView = Field(description="Its article, with the text and every span.")


class Quote(BaseModel):
    id: str = Field(description="Quote id, `<article id>:<local id>`.")
    article_id: str = Field(description="Id of the article that holds the quote.")
    local_id: str | None = d("The quote's id inside its article's record.")
    kind: str | None = d("direct, indirect or mixed.")
    text: str | None = d("The words quoted.")
    start_char: int | None = d("Start offset of the quote in the article text.")
    end_char: int | None = d("End offset of the quote.")
    speaker_id: str | None = d("Id of the speaker, if resolved to an actor.")
    speaker: str | None = d("Canonical name of the speaker.")
    speaker_country: str | None = d("Country of the speaker.")
    speaker_sector: str | None = d("Sector of the speaker.")
    speaker_text: str | None = d("How the article names the speaker.")
    reported_by: str | None = d("Id of the actor who reports the quote, if not the speaker.")
    url: str | None = d("URL of the article.")
    site: str | None = d("Publisher of the article.")
    title: str | None = d("Headline of the article.")
    published: str | None = d("Publication day, YYYY-MM-DD.")


class QuotePage(Paging):
    total: int = Field(description="How many quotes match, on all pages.")
    items: list[Quote] = Field(description="The quotes of this page.")


class Actor(BaseModel):
    name: str = Field(description="Canonical name.")
    country: str | None = d("ISO alpha-3 code, or IGO.")
    sector: str | None = d("CAMEO sector code.")
    kind: str | None = d("person, organisation, group or state.")
    articles: int = Field(description="How many articles name the actor.")
    events: int = Field(description="How many events the actor takes part in.")
    first_seen: str | None = d("Earliest publication day that names the actor.")
    last_seen: str | None = d("Latest publication day that names the actor.")
    example_url: str | None = d("One article that names the actor.")


class ActorPage(Paging):
    total: int = Field(description="How many actors match, on all pages.")
    items: list[Actor] = Field(description="The actors of this page.")


class ActorLink(BaseModel):
    source: str = Field(description="Name of the acting actor.")
    source_country: str | None = d("Its country.")
    target: str = Field(description="Name of the actor acted on.")
    target_country: str | None = d("Its country.")
    type: str = Field(description="PLOVER event type.")
    events: int = Field(description="How many events link the two with this type.")


class Cluster(BaseModel):
    id: str = Field(description="Cluster id (stable for the same events).")
    type: str | None = d("The most common PLOVER type of its events.")
    first_report: str | None = d("Earliest publication day among its articles.")
    last_report: str | None = d("Latest publication day among its articles.")
    first_day: str | None = d("Earliest event day.")
    last_day: str | None = d("Latest event day.")
    place_name: str | None = d("The most common place name.")
    place_country: str | None = d("The most common place country.")
    n_events: int = Field(description="How many event reports it fuses.")
    n_articles: int = Field(description="How many articles report it.")
    n_sites: int = Field(description="How many publishers report it.")
    sources: list[dict[str, Any]] = Field(
        description="Each report: event_id, article_id, url, site, title, published, "
        "evidence, trigger, reported_by."
    )
    quantities: list[dict[str, Any]] = Field(
        description="Every figure from every source, with the source it came from."
    )
    conflicts: dict[str, list[dict[str, Any]]] = Field(
        description="Figures of one kind (killed, injured, ...) on which sources differ."
    )


class ClusterPage(Paging):
    total: int = Field(description="How many clusters are stored.")
    items: list[Cluster] = Field(description="The clusters of this page.")


class ArticleMeta(BaseModel):
    id: str = Field(description="Article id (a hash of its URL or text).")
    url: str | None = d("URL of the article.")
    site: str | None = d("Publisher.")
    title: str | None = d("Headline.")
    published: str | None = d("Publication day, YYYY-MM-DD.")
    published_source: str | None = d("Where the day came from: header, html, url, ...")
    origin: str | None = d("The file or stream the article was read from.")
    ingested_at: str | None = d("When it was stored (UTC).")
    text: str = Field(description="The article text; every span indexes into it.")


class ArticleView(BaseModel):
    article: ArticleMeta = Field(description="Metadata and text.")
    actors: list[dict[str, Any]] = Field(
        description="Actors: id, name, country, sector, kind, role, mentions ([start, end) spans)."
    )
    events: list[dict[str, Any]] = Field(
        description="Events as in the record: id, type, actor/recipient (actor ids), date "
        "{value, span}, place {name, span}, evidence {sentence, trigger, more}, quantities."
    )
    quotes: list[dict[str, Any]] = Field(
        description="Quotes: id, kind, text, span, speaker (actor id), speaker_text, cue."
    )
    dates: list[dict[str, Any]] = Field(description="Time expressions: text, value, type, span.")
    places: list[dict[str, Any]] = Field(
        description="Places: name, country, lat, lon, geonames_id, span."
    )


class Stats(BaseModel):
    counts: dict[str, int] = Field(description="Rows in each table of the store.")
    event_types: dict[str, int] = Field(description="Events by PLOVER type.")
    modalities: dict[str, int] = Field(description="Events by modality.")
    place_countries: dict[str, int] = Field(description="Events by the country of their place.")
    sites: dict[str, int] = Field(description="Articles by publisher.")
    first_day: str | None = d("Earliest event day.")
    last_day: str | None = d("Latest event day.")


class IngestResult(BaseModel):
    article_id: str = Field(description="Id of the article (stored now or before).")
    stored: bool = Field(description="True if stored by this request, false if already there.")
    events: int = Field(description="How many events the article holds.")


EventDetail.model_rebuild()
