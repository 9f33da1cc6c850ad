"""What every stage shares: it refuses to run before :meth:`initialize`, and a document
without a parse (or with no text) passes through untouched.

A stage subclasses :class:`BaseStage`, names itself and its fields, and writes
:meth:`BaseStage.set_up` (load tables) and :meth:`BaseStage.process` (one document)::

    class ShoutStage(BaseStage):
        name = "shout"
        requires = ("doc",)
        assigns = ()

        def process(self, document: Document) -> Document:
            ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import NotInitializedError

if TYPE_CHECKING:
    from ..document import Document
    from ..knowledge import Knowledge


class BaseStage:
    """A stage of the pipeline (see :class:`dateline.stages.Stage` for the contract)."""

    name: str = "stage"
    requires: tuple[str, ...] = ("doc",)
    assigns: tuple[str, ...] = ()

    def __init__(self) -> None:
        self.knowledge: Knowledge | None = None
        self.initialized = False

    def initialize(self, knowledge: Knowledge | None = None) -> None:
        """Load tables once; called by the pipeline before the first document."""
        self.knowledge = knowledge
        self.set_up(knowledge)
        self.initialized = True

    def set_up(self, knowledge: Knowledge | None) -> None:
        """Load what :meth:`process` needs; the default needs nothing."""

    def __call__(self, document: Document) -> Document:
        if not self.initialized:
            raise NotInitializedError(self.name)
        if document.doc is None or not document.text.strip():
            return document
        return self.process(document)

    def process(self, document: Document) -> Document:
        """Read the fields in ``requires``, write those in ``assigns``, return the document."""
        raise NotImplementedError(f"{type(self).__name__} must define process(document)")
