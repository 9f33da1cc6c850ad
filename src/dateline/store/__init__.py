"""Storage: one schema for DuckDB (a file, the default) and PostgreSQL (a shared server)."""

from __future__ import annotations

from .base import Filters, Store, open_store

__all__ = ["Filters", "Store", "open_store"]
