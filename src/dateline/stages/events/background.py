"""Whether a trigger tells of an earlier time as background: inside a clause or phrase headed
by a word of the ``background`` class of ``event_words.tsv`` ("since Russia invaded", "since
the start of the war"), or in a clause dated years before publication ("in June 2020 the group
claimed another attack"). Such a mention is context for the news, not an event of its own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .helpers import path_to_root

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...document import Document
    from .context import Candidate, Context

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


#: prepositions through which a ``topic`` noun names the act it is about
TOPIC_PREPS = {"on", "about", "over", "into", "of", "after", "following"}


def referred_to(ctx: Context, token: Token) -> bool:
    """A nominal trigger inside the prepositional phrase of a ``topic`` noun of
    ``event_words.tsv`` ("an emergency meeting on the bombing", "in the aftermath of the
    raid"): the act is referred to, told in its own right elsewhere or not at all."""
    words = ctx.tables.words.get("topic", frozenset())
    if not words or token.pos_ not in ("NOUN", "PROPN") or token.dep_ != "pobj":
        return False
    prep = token.head
    if prep.dep_ != "prep" or prep.lower_ not in TOPIC_PREPS:
        return False
    about = prep.head
    if about.pos_ in ("NOUN", "PROPN"):
        return about.lemma_.lower() in words
    # "opened an inquiry into the attack": the parse may hang the phrase on the verb
    return about.pos_ == "VERB" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in words and c.i < prep.i for c in about.children
    )


#: prepositions that date an act to a time ("in June 2020", "during the 2014 war"); "since"
#: and "until" measure from a time and do not date the act
DATING_PREPS = {"in", "on", "during", "at"}


def earlier_round(document: Document, candidate: Candidate) -> bool:
    """An act whose clause is dated to a year before the one before publication ("in June
    2020 the group claimed another attack", "captured in the 1967 war"): background told for
    context, not the article's news."""
    published = document.article.published
    if published is None:
        return False
    token = candidate.token
    sent = token.sent
    path = {t.i for t in path_to_root(token)}
    for timex in document.dates:
        start, end = timex.span
        if not (sent.start_char <= start < sent.end_char) or not timex.value:
            continue
        year = timex.value[:4]
        if not year.isdigit() or int(year) >= published.year - 1:
            continue
        node = token.doc.char_span(start, end, alignment_mode="expand")
        if node is None:
            continue
        head = node.root
        prep = None
        for _ in range(6):
            if head.dep_ == "prep" and prep is None:
                prep = head.lower_  # the preposition that governs the date itself
            if head.pos_ in ("VERB", "AUX") or head.head == head:
                break
            head = head.head
        if prep is not None and prep not in DATING_PREPS:
            continue
        if head.i in path:
            return True
    return False
