"""Which storage back-end opens which ``--db`` value: a registry keyed by URL scheme.

Each back-end module registers the schemes it serves (``register_store(("postgresql",), ...)``)
when :mod:`dateline.store` imports it; a value without ``scheme://`` is a file path, served by
the back-end registered for ``file``. A new back-end is one module and one call, and this
module imports none of them, so no import circle can form."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ..errors import Code, DatelineError

if TYPE_CHECKING:
    from .base import Store

#: a back-end's constructor: takes the ``--db`` value, returns an open (unmigrated) store
Opener = Callable[[str], "Store"]

#: scheme ("file" for plain paths) -> the back-end that opens it
BACKENDS: dict[str, Opener] = {}


def register_store(schemes: Iterable[str], opener: Opener) -> None:
    """Serve ``schemes`` (``"postgresql"``, ``"file"``, ...) with ``opener``."""
    for scheme in schemes:
        BACKENDS[scheme.lower()] = opener


def scheme_of(target: str) -> str:
    head, separator, _ = target.partition("://")
    return head.lower() if separator else "file"


def opener_for(target: str) -> Opener:
    scheme = scheme_of(target)
    opener = BACKENDS.get(scheme)
    if opener is None:
        known = sorted(s for s in BACKENDS if s != "file")
        raise DatelineError(
            Code.BAD_DATABASE,
            f"--db {target!r}: no storage back-end serves {scheme}:// URLs; use a DuckDB file "
            f"path or one of {', '.join(s + '://' for s in known)}",
        )
    return opener
