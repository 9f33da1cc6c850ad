"""Which earlier actor a pronoun stands for.

One search serves both stages that resolve pronouns: the actor stage links "he", "its",
"they" to an actor as mentions, and the quote stage resolves a speaker "he" or "they" to an
earlier speaker or actor. The pronouns and what they refer to are data (``pronouns.tsv``).

The search is centering-lite: among the earlier mentions that agree with the pronoun, a
subject wins over the nearest mention. Looked at sentence by sentence (the actor stage), the
subject is the first one of the nearest sentence that has one, up to a few sentences back;
looked at as one stretch (the quote stage), it is the nearest subject.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...knowledge.wordlists import load_pronoun_rows

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ...document import Mention, Span


@dataclass(frozen=True, slots=True)
class Pronouns:
    """The pronouns one use resolves (``mention`` or ``speaker``, as ``pronouns.tsv`` marks
    them), each with what it refers to: ``person`` or ``group``."""

    refers: dict[str, str]

    @classmethod
    def load(cls, use: str) -> Pronouns:
        return cls({word: kind for word, kind, uses in load_pronoun_rows() if use in uses})

    def refers_to(self, word: str) -> str | None:
        return self.refers.get(word)


@dataclass(frozen=True, slots=True)
class Antecedent:
    """What the search found: the subject it chose, and the nearest agreeing mention that a
    caller falls back on when no subject was found."""

    subject: Mention | None
    nearest: Mention | None


@dataclass(frozen=True, slots=True)
class SentenceScope:
    """Look sentence by sentence: ``number_of`` gives the sentence of a character offset,
    ``current`` is the pronoun's sentence, ``back`` how many sentences before it count."""

    number_of: Callable[[int], int | None]
    current: int
    back: int


class MentionOrder:
    """Mentions ordered by where they start (stable for equal starts), to look back from an
    offset without scanning the whole article."""

    def __init__(self, mentions: Iterable[Mention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.span[0])
        self.starts = [m.span[0] for m in self.mentions]

    def before(self, offset: int) -> Iterator[Mention]:
        """Mentions that start before ``offset``, nearest first."""
        for index in range(bisect_left(self.starts, offset) - 1, -1, -1):
            yield self.mentions[index]


def find_antecedent(
    candidates: Iterable[Mention],
    is_subject: Callable[[Mention], bool],
    scope: SentenceScope | None = None,
) -> Antecedent:
    """The antecedent among ``candidates`` (earlier mentions that agree with the pronoun,
    nearest first): with a ``scope``, the first subject of the nearest sentence that has one;
    without, the nearest subject."""
    nearest: Mention | None = None
    if scope is None:
        for mention in candidates:
            nearest = nearest or mention
            if is_subject(mention):
                return Antecedent(mention, nearest)
        return Antecedent(None, nearest)
    group: list[Mention] = []
    group_sentence: int | None = None
    for mention in candidates:
        nearest = nearest or mention
        number = scope.number_of(mention.span[0])
        if number is None:
            continue
        if number < scope.current - scope.back:
            break
        if number != group_sentence:
            subject = _first_subject(group, is_subject)
            if subject is not None:
                return Antecedent(subject, nearest)
            group, group_sentence = [], number
        group.append(mention)
    return Antecedent(_first_subject(group, is_subject), nearest)


def _first_subject(
    nearest_first: list[Mention], is_subject: Callable[[Mention], bool]
) -> Mention | None:
    return next((m for m in reversed(nearest_first) if is_subject(m)), None)


def mention_root(doc: Doc, span: Span) -> Token | None:
    """The syntactic head of a mention's characters, or None where they hold no token."""
    words = doc.char_span(span[0], span[1], alignment_mode="expand")
    if words is None or len(words) == 0:
        return None
    return words.root
