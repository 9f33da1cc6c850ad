"""Modality of an event (asserted, negated, intended, hypothetical, generic) from the cues of
``modality.tsv`` on the path from the trigger to its clause's root; who reports it; whether a
side speaks in its own words or refuses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .helpers import path_to_root

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .context import Context


def modality_of(ctx: Context, token: Token, head: Token) -> str:
    mod = ctx.lexicon.modality
    path = path_to_root(head)
    for node in path[:3]:
        for child in node.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ in mod["negation"]):
                return "negated"
    for node in path:
        if node.lemma_.lower() in mod["denial"] and node != head:
            return "negated"
    for node in path[:4]:
        for child in node.children:
            if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
                return "hypothetical"
    if _in_question(head, path, mod["question"]):
        return "hypothetical"
    for node in path[:2]:
        for child in node.children:
            if child.dep_ != "aux":
                continue
            if child.lower_ in ("could", "might", "may", "should", "can"):
                return "hypothetical"
            if child.lower_ in ("would", "'d", "’d"):
                # "said the US would provide ...": the future of reported speech.
                reported = reporter(ctx, head, []) is not None or node.dep_ == "ccomp"
                return "intended" if reported else "hypothetical"
    for node in path[1:5]:
        lemma = node.lemma_.lower()
        if lemma in mod["hypothetical"] and node.pos_ in ("VERB", "NOUN", "ADJ"):
            return "hypothetical"
        if node.pos_ == "AUX" or node.dep_ == "ROOT":
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
            if any(s.lemma_.lower() in mod["hypothetical"] for s in subjects):
                return "hypothetical"
    for node in path[:3]:
        for child in node.children:
            if child.dep_ == "aux" and child.lower_ in ("will", "shall", "'ll", "’ll"):
                return "intended"
            if child.dep_ == "aux" and child.lower_ == "going":
                return "intended"
    for node in path[1:4]:
        if (
            node.lemma_.lower() in mod["intention"]
            and head.dep_ in ("xcomp", "ccomp")
            and (node.lemma_.lower() not in ("agree", "announce"))
        ):
            return "intended"
    for node in path[:3]:
        if node != token and node.lemma_.lower() in mod["generic"]:
            return "generic"
    if token.tag_ == "NNS" and head != token and head.lemma_.lower() in mod["generic"]:
        return "generic"
    return "asserted"


#: words that open an embedded question ("how Moscow will negotiate")
WH_WORDS = frozenset(("how", "why", "whether", "what", "when", "where", "who", "which"))


def _in_question(head: Token, path: list[Token], question: frozenset[str]) -> bool:
    """The event's clause is an embedded question (a wh-word opens it) under a word of asking
    or doubt: "questions over how X will retaliate", "it is unclear why Y struck". A clause
    under a speech verb ("explained how troops crossed") stays asserted: the word is not in
    ``question``."""
    for node in path[:3]:
        opens = any(
            c.lower_ in WH_WORDS and c.i < node.i and c.dep_ in ("advmod", "mark", "nsubj", "dobj")
            for c in node.children
        )
        if not opens:
            continue
        governor = node.head
        if governor.dep_ in ("prep", "agent"):  # "questions over how ..."
            governor = governor.head
        if governor is not node and governor.lemma_.lower() in question:
            return True
        for child in governor.children:  # "it is unclear why ...": the adjective beside "is"
            if child.dep_ == "acomp" and child.lemma_.lower() in question:
                return True
    return False


def reporter(ctx: Context, head: Token, actor: list[str]) -> str | None:
    """The subject of a speech verb whose complement holds the event ("Russia says it
    destroyed ..."), when it is not the event's own actor speaking of itself."""
    report = ctx.lexicon.modality["report"]
    node = head
    for _ in range(4):
        if node.dep_ in ("ccomp", "parataxis") and node.head != node:
            parent = node.head
            if parent.lemma_.lower() in report:
                for child in parent.children:
                    if child.dep_ == "nsubj":
                        found = ctx.actors_of(child)
                        if found:
                            return found[0]
            return None
        if node.head == node:
            return None
        node = node.head
    return None


def own_words(ctx: Context, head: Token) -> bool:
    """The act is announced by a speech or intention verb above it (not merely
    mentioned as a possibility by the reporter)."""
    report = ctx.lexicon.modality["report"] | ctx.lexicon.modality["intention"]
    return any(node.lemma_.lower() in report for node in path_to_root(head)[1:5])


def is_refusal(ctx: Context, head: Token) -> bool:
    """The negation sits on a will or readiness to act ("not willing to", "refused to"),
    not on a report of a past act."""
    readiness = ctx.tables.words["readiness"]
    return any(node.lemma_.lower() in readiness for node in path_to_root(head)[:4])
