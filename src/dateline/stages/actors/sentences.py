"""The sentences of a parsed text, computed once.

spaCy builds every sentence ``Span`` anew on each ``doc.sents`` or ``token.sent`` access; the
actor stage's pronouns and the quote stage ask for the sentence of many tokens, so the
boundaries are read once and looked up by character offset.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from ...document import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc


class SentenceIndex:
    """Sentence boundaries of one ``Doc``, by token index and by character offset."""

    def __init__(self, doc: Doc) -> None:
        self.tokens: list[tuple[int, int]] = []
        self.chars: list[Span] = []
        for sent in doc.sents:
            self.tokens.append((sent.start, sent.end))
            self.chars.append((sent.start_char, sent.end_char))
        self._starts = [start for start, _ in self.chars]

    def __len__(self) -> int:
        return len(self.chars)

    def number_at(self, offset: int) -> int | None:
        """The number of the sentence holding character ``offset``."""
        index = bisect_right(self._starts, offset) - 1
        if index < 0 or offset >= self.chars[index][1]:
            return None
        return index

    def chars_at(self, offset: int) -> Span | None:
        """The characters of the sentence holding character ``offset``."""
        index = self.number_at(offset)
        return None if index is None else self.chars[index]
