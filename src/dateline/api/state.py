"""What one server process holds: the open store, the lock that makes it the single writer
(and keeps a DuckDB connection to one thread at a time), and the pipeline, loaded on the first
ingest request."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from fastapi import Request

if TYPE_CHECKING:
    from ..store.base import Store

T = TypeVar("T")


@dataclass
class ServerState:
    #: the open store; None after the server stopped (it is opened again on the next use)
    store: Store | None
    #: where the store lives; None when the caller handed in an open store and closes it
    db: str | None
    #: the DATELINE_TOKEN writes need; None: writes are refused
    token: str | None
    max_body_bytes: int
    pipeline: Any = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def use(self, call: Callable[[Store], T]) -> T:
        """Run ``call`` on the store, one request at a time."""
        with self.lock:
            if self.store is None:
                from ..store import open_store

                self.store = open_store(self.db)
            return call(self.store)

    def loaded_pipeline(self) -> Any:
        if self.pipeline is None:
            from ..pipeline import Pipeline

            self.pipeline = Pipeline.load()
        return self.pipeline

    def close(self) -> None:
        """Close a store this server opened (at shutdown; a restart opens it again)."""
        with self.lock:
            if self.db is not None and self.store is not None:
                self.store.close()
                self.store = None


def state_of(request: Request) -> ServerState:
    state: ServerState = request.app.state.dateline
    return state
