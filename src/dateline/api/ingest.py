"""``POST /api/articles``: ingest one article, behind ``DATELINE_TOKEN``.

The body (text with the usual header, or an HTML page) is written to a temporary file and
goes through the same readers and :func:`dateline.ingest.ingest` as ``dateline ingest``, so a
bad input gets the same coded reason (E002 empty, E003 binary, E006 no article in the HTML...).
"""

from __future__ import annotations

import hmac
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request
from starlette.concurrency import run_in_threadpool

from ..errors import Code, DatelineError
from .models import ErrorEnvelope, IngestResult
from .state import ServerState, state_of

#: the media types the endpoint reads, and the file ending that picks the reader
SUFFIX_OF_TYPE = {"text/plain": ".txt", "text/html": ".html", "application/xhtml+xml": ".html"}

router = APIRouter(prefix="/api")

BODY = {
    "required": True,
    "description": "One article: plain text (optionally with a `Title:`/`URL:`/`Published:` "
    "header and a blank line) or an HTML page.",
    "content": {media: {"schema": {"type": "string"}} for media in SUFFIX_OF_TYPE},
}


def check_token(state: ServerState, authorization: str | None) -> None:
    if not state.token:
        raise DatelineError(
            Code.WRITES_DISABLED,
            "this server takes no articles: start it with DATELINE_TOKEN set to enable "
            "POST /api/articles",
        )
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), state.token.encode()
    ):
        raise DatelineError(
            Code.NOT_ALLOWED, "send the server's token as the header `Authorization: Bearer TOKEN`"
        )


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refused (E005) as soon as it passes ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise DatelineError(Code.TOO_LARGE, f"the article is over the limit of {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise DatelineError(Code.TOO_LARGE, f"the article is over the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def ingest_body(state: ServerState, body: bytes, suffix: str) -> dict[str, Any]:
    from ..ingest import ingest
    from ..readers import read_article
    from ..store.base import Filters

    with tempfile.TemporaryDirectory(prefix="dateline-post-") as folder:
        path = Path(folder) / f"posted{suffix}"
        path.write_bytes(body)
        article = read_article(path, max_bytes=state.max_body_bytes)  # raises the coded reason
        pipeline = state.loaded_pipeline()

        def store_it(store: Any) -> dict[str, Any]:
            summary = ingest([path], store, pipeline=pipeline, progress=False)
            if summary.skipped:
                _, code, reason = summary.skipped[0]
                raise DatelineError(Code(code), reason)
            _, events = store.events_page(Filters(article=article.id, limit=0))
            return {"article_id": article.id, "stored": summary.ingested == 1, "events": events}

        return state.use(store_it)


@router.post(
    "/articles",
    response_model=IngestResult,
    status_code=201,
    summary="Ingest one article (needs DATELINE_TOKEN)",
    openapi_extra={"requestBody": BODY},
    responses={
        400: {
            "model": ErrorEnvelope,
            "description": "Not an article (E002, E003, E006...) or not text/html (E070).",
        },
        401: {"model": ErrorEnvelope, "description": "Missing or wrong token (E072)."},
        403: {"model": ErrorEnvelope, "description": "Server started without a token (E073)."},
        413: {"model": ErrorEnvelope, "description": "Over the size limit (E005)."},
    },
)
async def add_article(
    request: Request,
    state: Annotated[ServerState, Depends(state_of)],
    authorization: Annotated[
        str | None, Header(description="`Bearer TOKEN`, the server's DATELINE_TOKEN.")
    ] = None,
) -> dict[str, Any]:
    """Extract one article and store it, as `dateline ingest` does. An article already stored
    is not stored twice (`stored: false`)."""
    check_token(state, authorization)
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in SUFFIX_OF_TYPE:
        raise DatelineError(
            Code.BAD_REQUEST, f"send the article as one of {sorted(SUFFIX_OF_TYPE)}, not {media!r}"
        )
    body = await read_body(request, state.max_body_bytes)
    return await run_in_threadpool(ingest_body, state, body, SUFFIX_OF_TYPE[media])
