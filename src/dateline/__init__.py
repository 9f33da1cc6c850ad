"""dateline: sourced event data from news articles.

Importing this package is cheap: spaCy, DuckDB and the knowledge tables load only when a
pipeline is built (see :func:`dateline.pipeline.Pipeline.load`).

>>> import dateline
>>> pipeline = dateline.Pipeline.load()          # doctest: +SKIP
>>> record = pipeline.extract_file("article.txt")  # doctest: +SKIP
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

if TYPE_CHECKING:
    from .document import Article, Document
    from .pipeline import Pipeline

__all__ = ["Article", "Document", "Pipeline", "__version__"]


def __getattr__(name: str) -> Any:
    # Lazy re-exports keep `import dateline` free of spaCy and DuckDB.
    if name in ("Article", "Document"):
        from . import document

        return getattr(document, name)
    if name == "Pipeline":
        from .pipeline import Pipeline

        return Pipeline
    raise AttributeError(f"module 'dateline' has no attribute {name!r}")
