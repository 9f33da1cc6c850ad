"""``dateline serve``: the web page and the JSON API over a store (a thin adapter over
:func:`dateline.api.create_app` and uvicorn)."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import DatelineError

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def serve(
    db: Annotated[
        str | None,
        typer.Option("--db", help="DuckDB file or postgresql:// URL [default: ./dateline.duckdb]"),
    ] = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (loopback unless told otherwise).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port to listen on.")] = 8000,
) -> None:
    """Serve the web page and the JSON API (/api, /openapi.json) over a store."""
    import uvicorn

    from ..api import create_app

    try:
        application = create_app(db)
    except DatelineError as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(2) from None
    if host not in LOOPBACK:
        typer.echo(f"Warning: listening on {host}, so other machines can read this store", err=True)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"dateline: open http://{shown}:{port} in a browser (Ctrl+C stops)", err=True)
    uvicorn.run(application, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
