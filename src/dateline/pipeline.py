"""The pipeline: readers -> Article -> nlp -> actors -> time -> places -> quotes -> events.

>>> from dateline import Pipeline              # doctest: +SKIP
>>> pipeline = Pipeline.load()                 # doctest: +SKIP
>>> document = pipeline(article)               # doctest: +SKIP
>>> record = document_to_record(document)      # doctest: +SKIP
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .document import Article, Document
from .stages import Stage, check_order, default_stages

if TYPE_CHECKING:
    from spacy.language import Language

    from .knowledge import Knowledge

log = logging.getLogger(__name__)


class Pipeline:
    """spaCy plus dateline's stages, set up once and applied to many articles."""

    def __init__(self, nlp: Language, knowledge: Knowledge, stages: list[Stage]) -> None:
        check_order(stages)
        self.nlp = nlp
        self.knowledge = knowledge
        self.stages = stages
        for stage in stages:
            stage.initialize(knowledge)

    @classmethod
    def load(cls, model: str | None = None, stages: list[Stage] | None = None) -> Pipeline:
        """Load the spaCy model, the knowledge tables and the default stages."""
        from .knowledge import Knowledge
        from .nlp import load_nlp
        from .settings import DEFAULTS

        nlp = load_nlp(model or DEFAULTS["model"])
        return cls(nlp, Knowledge.load(), stages if stages is not None else default_stages())

    def __call__(self, article: Article) -> Document:
        document = Document(article=article, doc=self.nlp(article.text))
        return self._run_stages(document)

    def pipe(
        self, articles: Iterable[Article], batch_size: int = 32, n_process: int = 1
    ) -> Iterator[Document]:
        """Process many articles with one model load; spaCy batches the parsing."""
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(
            pairs, as_tuples=True, batch_size=batch_size, n_process=n_process
        ):
            yield self._run_stages(Document(article=article, doc=doc))

    def _run_stages(self, document: Document) -> Document:
        for stage in self.stages:
            document = stage(document)
        return document

    def extract(self, article: Article) -> dict[str, Any]:
        """The JSON contract for one article."""
        from .records import document_to_record

        return document_to_record(self(article))

    def extract_file(self, path: str | Path) -> dict[str, Any]:
        from .readers import read_article

        return self.extract(read_article(Path(path)))
