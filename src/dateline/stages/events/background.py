"""Whether a trigger sits in a clause or phrase that tells of an earlier time as background
("since Russia invaded", "since the start of the war", "since launching the operation"):
such a mention is context for the news, not an event of its own. The heading words are the
``background`` class of ``event_words.tsv``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .context import Context

# Clause boundaries above which a background phrase no longer holds the trigger: what a
# speaker says, a relative clause, the sentence's own root.
CLAUSE_TOPS = ("ROOT", "ccomp", "relcl", "parataxis")


def in_background(ctx: Context, token: Token) -> bool:
    """True when a word of the ``background`` class heads the clause holding the trigger
    (as its subordinating conjunction) or the phrase holding it (as its preposition)."""
    words = ctx.tables.words.get("background", frozenset())
    if not words:
        return False
    node = token
    for _ in range(8):
        if any(c.dep_ == "mark" and c.lower_ in words for c in node.children):
            return True
        head = node.head
        if head == node or node.dep_ in CLAUSE_TOPS:
            return False
        if node.dep_ in ("pobj", "pcomp") and head.dep_ == "prep" and head.lower_ in words:
            return True
        node = head
    return False
