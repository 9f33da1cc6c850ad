"""Storage: one schema for DuckDB (a file, the default) and PostgreSQL (a shared server).

:func:`open_store` picks the back-end by the URL scheme of ``db``
(:mod:`dateline.store.registry`); the built-in back-ends register themselves when imported
here. Their database drivers load only when a store is opened."""

from __future__ import annotations

from ..errors import DatelineError
from . import duckdb as _duckdb  # noqa: F401 - registers "file"
from . import postgres as _postgres  # noqa: F401 - registers postgresql:// and postgres://
from .base import Filters, Store
from .registry import opener_for, register_store

__all__ = ["Filters", "Store", "open_store", "register_store"]


def open_store(db: str | None = None) -> Store:
    """Open (and create or migrate) the store at ``db``: a DuckDB file path, or a
    ``postgresql://`` URL. ``None`` means the ``db`` setting (``dateline.duckdb``)."""
    from ..settings import DEFAULTS

    target = str(db) if db else str(DEFAULTS["db"])
    store = opener_for(target)(target)
    try:
        store.migrate()
    except DatelineError:
        store.close()
        raise
    return store
