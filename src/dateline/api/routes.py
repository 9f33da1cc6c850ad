"""The read routes: each parses its parameters, calls one store query and returns its rows.
No SQL and no query logic here (see :class:`dateline.store.Store`)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query

from ..errors import Code, DatelineError
from ..store.base import Filters
from .models import (
    ActorLink,
    ActorPage,
    ArticleView,
    ClusterPage,
    ErrorEnvelope,
    EventDetail,
    EventPage,
    QuotePage,
    Stats,
)
from .state import ServerState, state_of

MAX_PAGE = 500

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorEnvelope, "description": "A filter the store refuses (E050)."},
    422: {"model": ErrorEnvelope, "description": "A parameter of the wrong type (E070)."},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    404: {"model": ErrorEnvelope, "description": "No such item is stored (E071)."},
}

router = APIRouter(prefix="/api", responses=ERRORS)

State = Annotated[ServerState, Depends(state_of)]
Offset = Annotated[int, Query(ge=0, le=10**9, description="Skip this many items.")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="At most this many items.")]
Since = Annotated[dt.date | None, Query(description="From this day on (YYYY-MM-DD).")]
Until = Annotated[dt.date | None, Query(description="Up to this day (YYYY-MM-DD), inclusive.")]
Words = Annotated[str | None, Query(max_length=200)]


def _page(total: int, offset: int, limit: int, items: list[Any]) -> dict[str, Any]:
    after = offset + len(items)
    return {
        "total": total,
        "offset": offset,
        "limit": limit,
        "next_offset": after if after < total else None,
        "items": items,
    }


def _event_filters(
    actor: Annotated[
        str | None,
        Query(max_length=200, description="Actor or recipient: words of a name, or a country."),
    ] = None,
    country: Annotated[
        str | None,
        Query(max_length=8, description="Country (ISO alpha-3) of an actor, recipient or place."),
    ] = None,
    type: Annotated[
        str | None, Query(max_length=40, description="PLOVER event type, e.g. ASSAULT.")
    ] = None,
    mode: Annotated[
        str | None, Query(max_length=40, description="PLOVER mode, e.g. phone.")
    ] = None,
    since: Since = None,
    until: Until = None,
    place: Annotated[str | None, Query(max_length=200, description="Words of the place.")] = None,
    text: Annotated[
        str | None, Query(max_length=200, description="Words of the evidence sentence.")
    ] = None,
    article: Annotated[
        str | None, Query(max_length=200, description="Only events of this article id.")
    ] = None,
) -> Filters:
    return Filters(
        actor=actor,
        country=country,
        type=type,
        mode=mode,
        since=since,
        until=until,
        place=place,
        text=text,
        article=article,
    )


EventFilters = Annotated[Filters, Depends(_event_filters)]


@router.get("/events", response_model=EventPage, summary="Events, filtered, sorted and paged")
def list_events(
    state: State,
    filters: EventFilters,
    modality: Annotated[
        str | None,
        Query(max_length=40, description="asserted, claimed, denied, hypothetical, ..."),
    ] = None,
    min_confidence: Annotated[
        float | None, Query(ge=0, le=1, description="Only events at least this sure (0 to 1).")
    ] = None,
    sort: Annotated[
        Literal["day", "published", "confidence", "type"], Query(description="Sort key.")
    ] = "day",
    order: Annotated[Literal["asc", "desc"], Query(description="Sort direction.")] = "asc",
    offset: Offset = 0,
    limit: Limit = 50,
) -> dict[str, Any]:
    """The events of `dateline events`, with every filter of the command, a total for paging,
    and each event's evidence sentence, trigger, actors and source article."""
    filters.limit = limit
    items, total = state.use(
        lambda store: store.events_page(
            filters,
            modality=modality,
            min_confidence=min_confidence,
            sort=sort,
            descending=order == "desc",
            offset=offset,
        )
    )
    return _page(total, offset, limit, items)


@router.get(
    "/events/{event_id}",
    response_model=EventDetail,
    responses=NOT_FOUND,
    summary="One event with its evidence and article",
)
def get_event(
    state: State,
    event_id: Annotated[str, Path(max_length=300, description="Event id (article:local).")],
) -> dict[str, Any]:
    """The event, and its article with the text and every span, so the evidence can be shown
    in place."""

    def fetch(store: Any) -> dict[str, Any]:
        event = store.event(event_id)
        if event is None:
            raise DatelineError(Code.NO_SUCH_ITEM, f"no event {event_id!r} is stored")
        return {"event": event, "article": store.article(event["article_id"])}

    return state.use(fetch)


@router.get(
    "/articles/{article_id}",
    response_model=ArticleView,
    responses=NOT_FOUND,
    summary="One article: text and every span",
)
def get_article(
    state: State,
    article_id: Annotated[str, Path(max_length=200, description="Article id.")],
) -> dict[str, Any]:
    """The article text with every actor mention, event (trigger, sentence, date, place),
    quote, date and place found in it, as [start, end) character offsets."""
    found = state.use(lambda store: store.article(article_id))
    if found is None:
        raise DatelineError(Code.NO_SUCH_ITEM, f"no article {article_id!r} is stored")
    return found


@router.get("/quotes", response_model=QuotePage, summary="Quotes: who said what")
def list_quotes(
    state: State,
    speaker: Annotated[
        str | None, Query(max_length=200, description="Words of the speaker's name.")
    ] = None,
    text: Annotated[str | None, Query(max_length=200, description="Words of the quote.")] = None,
    country: Annotated[
        str | None, Query(max_length=8, description="Country of the speaker (ISO alpha-3).")
    ] = None,
    article: Annotated[
        str | None, Query(max_length=200, description="Only quotes of this article id.")
    ] = None,
    since: Since = None,
    until: Until = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> dict[str, Any]:
    """The quotes of `dateline quotes`, oldest publication first."""
    filters = Filters(
        speaker=speaker, text=text, country=country, article=article, since=since, until=until
    )
    rows = state.use(lambda store: store.quotes(filters))
    return _page(len(rows), offset, limit, rows[offset : offset + limit])


@router.get("/actors", response_model=ActorPage, summary="Actors, most often named first")
def list_actors(
    state: State,
    name: Annotated[str | None, Query(max_length=200, description="Words of the name.")] = None,
    country: Annotated[
        str | None, Query(max_length=8, description="ISO alpha-3 code, or IGO.")
    ] = None,
    sector: Annotated[
        str | None, Query(max_length=8, description="CAMEO sector: GOV, MIL, REB, ...")
    ] = None,
    since: Since = None,
    until: Until = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> dict[str, Any]:
    """The actors of `dateline actors`, across articles."""
    filters = Filters(actor=name, country=country, sector=sector, since=since, until=until)
    rows = state.use(lambda store: store.actors(filters))
    return _page(len(rows), offset, limit, rows[offset : offset + limit])


@router.get(
    "/network", response_model=list[ActorLink], summary="Who acts on whom (the actor network)"
)
def actor_network(
    state: State,
    filters: EventFilters,
    limit: Annotated[
        int, Query(ge=1, le=2000, description="At most this many links, heaviest first.")
    ] = 300,
) -> list[dict[str, Any]]:
    """Links from actor to recipient, one per event type, weighted by the number of events;
    the filters are those of `/api/events`."""
    filters.limit = limit
    return state.use(lambda store: store.actor_links(filters))


@router.get("/clusters", response_model=ClusterPage, summary="Events fused across articles")
def list_clusters(state: State, offset: Offset = 0, limit: Limit = 50) -> dict[str, Any]:
    """Reports of the same event from several articles (after `dateline fuse`), with their
    sources and the figures on which they differ."""
    rows = state.use(lambda store: store.clusters())
    return _page(len(rows), offset, limit, rows[offset : offset + limit])


@router.get("/stats", response_model=Stats, summary="What the store holds")
def get_stats(state: State) -> dict[str, Any]:
    """Row counts, events by type, modality and country, articles by site, the day range."""
    return state.use(lambda store: store.stats())
