"""Trigger lookup: the rows of ``triggers.tsv`` a token matches, and whether the condition in
a row's ``needs`` column holds for it (word classes of ``word_classes.tsv``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .helpers import path_to_root, prepositions

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...knowledge.lexicon import Trigger
    from .context import Context

POS_OF_TAG = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}
OBJECT_DEPS = (
    "dobj",
    "pobj",
    "attr",
    "oprd",
    "dative",
    "nsubjpass",
    "compound",
    "amod",
    "npadvmod",
)


def triggers_for(ctx: Context, token: Token) -> list[Trigger]:
    pos = POS_OF_TAG.get(token.pos_)
    if pos is None:
        return []
    lemma = token.lemma_.lower()
    lower = token.lower_
    keys: list[tuple[str, str]] = []
    if pos == "VERB":
        for child in token.children:
            # "called on Russia", "pulled back": the particle or preposition follows the
            # verb directly ("called the minister on Friday" is no "call on").
            if child.dep_ in ("prt", "prep") and child.i == token.i + 1:
                keys.append((f"{lemma} {child.lower_}", "VERB"))
    if pos == "NOUN" and lower == "talks":
        keys.append(("talks", "NOUN"))
    if pos == "NOUN":
        for child in token.lefts:
            if child.dep_ == "compound" and child.i == token.i - 1:
                keys.append((f"{child.lemma_.lower()} {lemma}", "NOUN"))
    if pos == "ADJ" and token.tag_ in ("VBN", "JJ"):
        keys.append((lower, "ADJ"))
    keys.append((lemma, pos))
    for key in keys:
        found = ctx.lexicon.triggers.get(key)
        if found:
            return [t for t in found if needs_met(ctx, token, t)]
    return []


def needs_met(ctx: Context, token: Token, trigger: Trigger) -> bool:
    if not trigger.needs:
        return True
    if trigger.needs == "future":
        return any(
            c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "'ll", "’ll")
            for node in path_to_root(token)[:3]
            for c in node.children
        )
    if trigger.needs.startswith("subj="):
        # "the rocket systems arrived in Ukraine": what arrived decides the meaning.
        wanted = trigger.needs[5:].split("|")
        return any(
            in_class(ctx, w, name)
            for c in token.children
            if c.dep_ in ("nsubj", "nsubjpass")
            for w in c.subtree
            for name in wanted
        )
    if trigger.needs == "xcomp":
        return any(c.dep_ == "xcomp" for c in token.children)
    if trigger.needs == "visit":
        return visited_country(ctx, token) is not None
    kind, _, value = trigger.needs.partition("=")
    options = value.split("|")
    if kind == "prep":
        return any(p.lower_ in options for p in prepositions(token))
    words = _object_region(token)
    if "person" in options:
        # A person object must be the object itself, not a word deep inside it.
        heads = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "dative")]
        heads += [h for c in heads for h in c.conjuncts]
        others = [o for o in options if o != "person"]
        words = heads + [w for w in words if others and w not in heads]
    has = any(in_class(ctx, w, name) for w in words for name in options)
    return has if kind == "obj" else not has


def visited_country(ctx: Context, token: Token) -> str | None:
    """The country a person goes to ("the minister arrived in Baghdad", "the premier
    travelled to Kenya"): a place of another country than the traveller's, in a "to"/"in"
    phrase on the verb. Only a person travels this way on an errand of state; troops or
    weapons arriving are no visit."""
    travellers = [
        a
        for c in token.children
        if c.dep_ == "nsubj"
        for a in ctx.actors_of(c, follow_conj=True)
        if (actor := ctx.actors.get(a)) is not None and actor.kind == "person" and actor.country
    ]
    if not travellers:
        return None
    home = ctx.countries(travellers)
    for prep in prepositions(token):
        if prep.lower_ not in ("to", "in"):
            continue
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            # a capital standing for its state ("went to Berlin") is a mention of the state
            for found in ctx.actors_of(obj):
                state = ctx.actors.get(found)
                if state is not None and state.kind == "state" and state.country not in home:
                    return state.country
        for place in ctx.document.places:
            country = place.country
            if not country or country == "IGO" or country in home:
                continue
            if any(place.span[0] <= w.idx < place.span[1] for w in prep.subtree):
                return country
    return None


def _object_region(token: Token) -> list[Token]:
    region: list[Token] = []
    for child in token.children:
        if child.dep_ in OBJECT_DEPS or child.dep_ in ("prep", "agent"):
            region.extend(child.subtree)
    if token.dep_ in ("compound", "amod") or token.pos_ == "ADJ":
        region.append(token.head)
    if token.dep_ == "nsubjpass" or (token.pos_ in ("NOUN", "PROPN") and token.dep_ == "nsubj"):
        region.extend(c for c in token.head.children if c.dep_ in ("dobj",))
    return region[:40]


def in_class(ctx: Context, token: Token, name: str) -> bool:
    if name == "person" and ctx.is_person(token):
        return True
    if name == "place" and token.ent_type_ in ("GPE", "LOC", "FAC"):
        return True
    words = ctx.lexicon.classes.get(name, frozenset())
    return token.lemma_.lower() in words or token.lower_ in words
