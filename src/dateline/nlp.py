"""The spaCy backbone: loaded once, lazily, never at import, never downloaded at run time."""

from __future__ import annotations

import functools
import importlib.util
from typing import TYPE_CHECKING

from .errors import ModelMissingError
from .settings import DEFAULTS

if TYPE_CHECKING:
    from spacy.language import Language


@functools.lru_cache(maxsize=4)
def load_nlp(model: str = DEFAULTS["model"]) -> Language:
    """Load the pinned English pipeline. Raw entity labels stay on ``doc.ents``; the actor,
    time and place stages correct them with knowledge rather than trusting them."""
    if importlib.util.find_spec(model) is None:
        raise ModelMissingError(model)
    import spacy

    return spacy.load(model)
