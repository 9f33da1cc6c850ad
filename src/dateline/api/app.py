"""The application: the JSON API under ``/api``, its description at ``/openapi.json`` and the
web page at ``/``, all from one process and the files inside the package (nothing fetched from
elsewhere: the page works offline)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..settings import DEFAULTS
from .errors import add_error_handlers
from .ingest import router as ingest_router
from .routes import router as read_router
from .state import ServerState

if TYPE_CHECKING:
    from ..store.base import Store

TOKEN_VARIABLE = "DATELINE_TOKEN"

#: the page runs only its own scripts and styles and talks only to this server
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

DESCRIPTION = """Read the events, quotes and actors dateline stored, with the evidence behind
each row; add articles with a token. Every error is `{"error": {"code", "message"}}`.
Field descriptions below are dateline's data dictionary."""


def web_dir() -> Path:
    return Path(str(resources.files("dateline").joinpath("web")))


def create_app(
    db: str | Store | None = None,
    *,
    pipeline: Any = None,
    token: str | None = None,
    max_body_bytes: int | None = None,
) -> FastAPI:
    """The application over ``db`` (a DuckDB path, a ``postgresql://`` URL or an open
    :class:`~dateline.store.Store`, which the caller then closes).

    Writes need ``token`` (default: the ``DATELINE_TOKEN`` environment variable); without
    one, ``POST /api/articles`` is refused. ``pipeline`` defaults to the spaCy pipeline,
    loaded on the first article posted."""
    from ..store import open_store
    from ..store.base import Store

    # opened now, so that a wrong --db fails before the server listens
    store = db if isinstance(db, Store) else open_store(db)
    state = ServerState(
        store=store,
        db=None if isinstance(db, Store) else store.db,
        token=token if token is not None else (os.environ.get(TOKEN_VARIABLE) or None),
        max_body_bytes=max_body_bytes or int(DEFAULTS["max_input_bytes"]),
        pipeline=pipeline,
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        state.close()

    app = FastAPI(
        title="dateline",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # the Swagger page loads its scripts from a CDN: not offline
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.dateline = state
    add_error_handlers(app)
    app.include_router(read_router)
    app.include_router(ingest_router)

    @app.middleware("http")
    async def secure(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    pages = web_dir()

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(pages / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=pages), name="static")
    return app
