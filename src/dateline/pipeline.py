"""The pipeline: readers -> Article -> nlp -> actors -> time -> places -> quotes -> events.

>>> from dateline import Pipeline              # doctest: +SKIP
>>> pipeline = Pipeline.load()                 # doctest: +SKIP
>>> document = pipeline(article)               # doctest: +SKIP
>>> record = document_to_record(document)      # doctest: +SKIP

The pipeline owns failures, the way spaCy's ``error_handler`` does: an article on which spaCy
or a stage raises, or whose text is longer than ``nlp.max_length``, becomes a coded
:class:`~dateline.readers.Skipped` of that article alone. :meth:`Pipeline.__call__` raises it
as an :class:`~dateline.errors.ArticleError`; :meth:`Pipeline.pipe` hands it to ``on_skip``
and goes on with the batch.
"""

from __future__ import annotations

import inspect
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .document import Article, Document
from .errors import ArticleError, DatelineError, stage_failed, too_long
from .stages import Stage, check_order, default_stages

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .knowledge import Knowledge
    from .readers import Skipped

log = logging.getLogger(__name__)

#: a text longer than this is parsed in parts of at most this many characters: spaCy's parser
#: needs about 1 GB of working memory per 100,000 characters parsed at once, and a part ends at
#: a paragraph (else line, else sentence) break, so cutting changes no sentence
PART_CHARS = 100_000
#: ... up to this many times ``nlp.max_length``; longer still is refused (E011): the stages
#: hold the whole text
MAX_PARTS_LENGTH = 5


def usable_cores() -> int:
    """The CPU cores this process may run on (its affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # no affinity on this platform (macOS, Windows)
        return os.cpu_count() or 1


def load_average() -> float:
    """Processes running or waiting for a core, over the last minute (0 where unknown)."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average on this platform (Windows)
        return 0.0


def parse_processes_for(wanted: int, parts: int) -> int:
    """How many processes parse a long text's ``parts``: ``wanted`` at most, no more than the
    parts, the usable cores or this one plus the cores the load leaves idle (on busy cores a
    second process only waits, and forking it and sending its parse back cost about a tenth
    more CPU), and 1 inside a worker process of a pool (``--workers``, Dask): its siblings
    already keep the cores busy, and some pools may not start processes."""
    if wanted <= 1 or parts <= 1 or multiprocessing.parent_process() is not None:
        return 1
    cores = usable_cores()
    idle = max(0, round(cores - load_average()))
    return max(1, min(wanted, parts, cores, 1 + idle))


def split_text(text: str, size: int) -> list[str]:
    """``text`` cut into consecutive parts of at most ``size`` characters (joined, they give
    ``text`` back), each cut after a paragraph break where there is one in the part's second
    half, else after a line break, else after a sentence's full stop and space."""
    parts: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = -1
        for mark in ("\n\n", "\n", ". "):
            found = window.rfind(mark, size // 2)
            if found != -1:
                cut = found + len(mark)
                break
        if cut <= 0:
            cut = size
        parts.append(text[start : start + cut])
        start += cut
    parts.append(text[start:])
    return parts


#: what :meth:`Pipeline.pipe` calls with each article it could not finish
OnSkip = Callable[["Skipped"], None]


def origin_of(article: Article) -> str:
    """The name a skip is filed under: where the article was read from, else its URL or id."""
    return article.origin or article.url or article.id


def log_skip(skipped: Skipped) -> None:
    """The default ``on_skip``: a warning with the code, so that nothing passes unnoticed."""
    log.warning("skipped %s: [%s] %s", skipped.origin, skipped.code.value, skipped.reason)


class Pipeline:
    """spaCy plus dateline's stages, set up once and applied to many articles."""

    def __init__(
        self,
        nlp: Language,
        knowledge: Knowledge,
        stages: list[Stage],
        parse_processes: int | None = None,
    ) -> None:
        from .settings import DEFAULTS

        check_order(stages)
        self.nlp = nlp
        #: processes that parse a long text's parts at once (see :meth:`_parse`); 1: this one
        self.parse_processes = (
            DEFAULTS["parse_processes"] if parse_processes is None else parse_processes
        )
        self.knowledge = knowledge
        self.stages = stages
        for stage in stages:
            stage.initialize(knowledge)

    @classmethod
    def load(
        cls,
        model: str | None = None,
        stages: list[Stage] | None = None,
        parse_processes: int | None = None,
    ) -> Pipeline:
        """Load the spaCy model, the knowledge tables and the default stages."""
        from .knowledge import Knowledge
        from .nlp import load_nlp
        from .settings import DEFAULTS

        nlp = load_nlp(model or DEFAULTS["model"])
        return cls(
            nlp,
            Knowledge.load(),
            stages if stages is not None else default_stages(),
            parse_processes=parse_processes,
        )

    def __call__(self, article: Article) -> Document:
        """The finished document; raises :class:`ArticleError` when the article cannot be."""
        try:
            doc = self._parse(article)
        except ArticleError:
            raise
        except Exception as error:
            raise self._failed("nlp", error, article) from error
        return self._run_stages(Document(article=article, doc=doc))

    def _parse(self, article: Article, processes: int | None = None) -> Doc:
        """The spaCy parse of the article; a text longer than :data:`PART_CHARS` is parsed in
        parts cut at paragraph (else line, else sentence) breaks and joined into one ``Doc``
        whose text is exactly the article's, so every offset stays right. The parts are parsed
        by up to :attr:`parse_processes` (or ``processes``) processes at once (spaCy's
        ``n_process``, forked from this one, so the model is not loaded again); each part's
        parse is the same either way."""
        text = article.text
        if len(text) <= self._part_chars():
            return self.nlp(text)
        limit = self.nlp.max_length * MAX_PARTS_LENGTH
        if len(text) > limit:
            raise too_long(len(text), limit, origin_of(article))
        from spacy.tokens import Doc

        texts = split_text(text, self._part_chars())
        processes = parse_processes_for(
            self.parse_processes if processes is None else processes, len(texts)
        )
        if processes > 1:
            # one part per batch, so the parts are dealt to the processes in turn
            parts = list(self.nlp.pipe(texts, batch_size=1, n_process=processes))
        else:
            parts = [self.nlp(part) for part in texts]
        doc = Doc.from_docs(parts, ensure_whitespace=False)
        if doc.text != text:  # a guard on the promise above: offsets must not move
            raise self._failed("nlp", ValueError("joined parts lost characters"), article)
        return doc

    def _part_chars(self) -> int:
        return min(PART_CHARS, self.nlp.max_length)

    def pipe(
        self,
        articles: Iterable[Article],
        batch_size: int = 32,
        n_process: int = 1,
        on_skip: OnSkip | None = None,
    ) -> Iterator[Document]:
        """Process many articles with one model load; spaCy batches the parsing.

        Every article gives either its document (in input order) or one call of ``on_skip``
        (default :func:`log_skip`) with a coded :class:`~dateline.readers.Skipped`; the
        batch goes on either way. Only an error raised by ``articles`` itself ends it."""
        report = on_skip or log_skip
        # articles spaCy has taken but not yet given back: if spaCy itself raises, these are
        # parsed one at a time, so that the failure is filed under the article that caused it
        taken: deque[Article] = deque()
        # an error of the caller's (from ``articles`` or ``on_skip``) that passed through spaCy
        outside: list[BaseException] = []
        # long articles, parsed in parts before their turn (see _parse)
        parted: dict[int, Doc] = {}

        def parseable(source: Iterator[Article]) -> Iterator[tuple[str, Article]]:
            try:
                for article in source:
                    if len(article.text) > self._part_chars():
                        # parsed in parts here; spaCy's batch sees an empty placeholder
                        try:
                            # one process where spaCy's own already parse the batch
                            parted[id(article)] = self._parse(
                                article, processes=1 if n_process != 1 else None
                            )
                        except ArticleError as error:
                            report(_skipped(error))
                            continue
                        except Exception as error:  # spaCy failed on one of its parts
                            report(_skipped(self._failed("nlp", error, article)))
                            continue
                        taken.append(article)
                        yield "", article
                        continue
                    taken.append(article)
                    yield article.text, article
            except Exception as error:
                outside.append(error)
                raise

        source = iter(articles)
        while True:
            docs = self.nlp.pipe(
                parseable(source), as_tuples=True, batch_size=batch_size, n_process=n_process
            )
            while True:
                try:
                    doc, article = next(docs)
                except StopIteration:
                    return
                except Exception:
                    if outside:
                        raise
                    log.warning("spaCy failed within a batch; parsing its articles one by one")
                    break
                while taken and taken.popleft() is not article:
                    pass
                doc = parted.pop(id(article), doc)
                document = self._finish(Document(article=article, doc=doc), report)
                if document is not None:
                    yield document
            unfinished = list(taken)
            taken.clear()
            for article in unfinished:
                try:
                    document = self(article)
                except ArticleError as error:
                    report(_skipped(error))
                    continue
                yield document

    def _finish(self, document: Document, report: OnSkip) -> Document | None:
        try:
            return self._run_stages(document)
        except ArticleError as error:
            report(_skipped(error))
            return None

    def _run_stages(self, document: Document) -> Document:
        for stage in self.stages:
            try:
                document = stage(document)
            except Exception as error:
                raise self._failed(stage.name, error, document.article) from error
        return document

    def _failed(self, stage: str, error: Exception, article: Article) -> ArticleError:
        origin = origin_of(article)
        if not isinstance(error, DatelineError):  # a bug: keep the traceback for the report
            log.warning("stage %r failed on %s", stage, origin, exc_info=error)
        return stage_failed(stage, error, origin)

    def extract(self, article: Article) -> dict[str, Any]:
        """The JSON contract for one article."""
        from .records import document_to_record

        return document_to_record(self(article))

    def extract_file(self, path: str | Path) -> dict[str, Any]:
        from .readers import read_article

        return self.extract(read_article(Path(path)))


def _skipped(error: ArticleError) -> Skipped:
    from .readers import Skipped

    return Skipped(origin=error.origin, code=error.code, reason=error.message)


def documents_of(pipeline: Any, articles: Iterable[Article], on_skip: OnSkip) -> Iterator[Document]:
    """The documents of anything pipeline-like, for the scorers that take a stand-in:
    ``pipe(articles, on_skip=...)`` where it takes ``on_skip``, else plain ``pipe(articles)``,
    else one call per article, whose coded failure goes to ``on_skip``."""
    pipe = getattr(pipeline, "pipe", None)
    if callable(pipe):
        try:
            takes_on_skip = "on_skip" in inspect.signature(pipe).parameters
        except (TypeError, ValueError):  # a callable without a signature to read
            takes_on_skip = False
        yield from pipe(articles, on_skip=on_skip) if takes_on_skip else pipe(articles)
        return
    for article in articles:
        try:
            yield pipeline(article)
        except ArticleError as error:
            on_skip(_skipped(error))
