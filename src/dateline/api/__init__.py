"""The web API: ``create_app(db)`` builds the FastAPI application ``dateline serve`` runs."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
