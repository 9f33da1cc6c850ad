"""The spaCy backbone: loaded once, lazily, never at import, never downloaded at run time."""

from __future__ import annotations

import functools
import importlib.util
from typing import TYPE_CHECKING

from .errors import ModelMissingError
from .settings import DEFAULTS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PARAGRAPH_BREAKS = "paragraph_breaks"


def mark_paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: news paragraphs, headlines and boilerplate lines
    ("Sign up to our newsletter") never run on into the next paragraph's sentence."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


@functools.lru_cache(maxsize=4)
def load_nlp(model: str = DEFAULTS["model"]) -> Language:
    """Load the pinned English pipeline. Raw entity labels stay on ``doc.ents``; the actor,
    time and place stages correct them with knowledge rather than trusting them."""
    if importlib.util.find_spec(model) is None:
        raise ModelMissingError(model)
    import spacy
    from spacy.language import Language

    if PARAGRAPH_BREAKS not in Language.factories:
        Language.component(PARAGRAPH_BREAKS)(mark_paragraph_breaks)
    nlp = spacy.load(model)
    nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return nlp
