"""The actor side of an event from the parse: subjects, passive agents, possessives and
nationality adjectives ("Russian airstrikes"), "by"/"from" phrases, the subject of the verb an
event noun hangs on, the one blamed for an act, and the partners of a reciprocal event."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .helpers import unique
from .modality import reporter

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...knowledge.lexicon import Trigger
    from .context import Context

TEMPORAL_PREPS = {"since", "after", "before", "until", "following", "despite"}
PARTNER_PREPS = {"with", "between", "among"}


def is_noun_event(token: Token, head: Token) -> bool:
    """The event is a noun or adjective standing on its own ("Russia's attack"), not the
    object of a light verb and not a verb."""
    return token.pos_ in ("NOUN", "PROPN", "ADJ") and head == token


def find_actors(ctx: Context, token: Token, head: Token, trigger: Trigger) -> list[str]:
    actor: list[str] = []
    if is_noun_event(token, head):
        # "Russia's attack", "Russian airstrikes", "attack by Russia", "aid from the US"
        for child in token.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < token.i:
                actor += ctx.actors_of(child, follow_conj=True)
            elif child.dep_ == "prep" and child.lower_ in ("by", "from"):
                actor += objects_of(ctx, child)
            elif child.dep_ == "acl":
                # "sanctions imposed by London"
                for grandchild in child.children:
                    if grandchild.dep_ == "agent":
                        actor += objects_of(ctx, grandchild)
        if token.pos_ == "ADJ":
            actor += ctx.actors_of(token.head, follow_conj=False) if token.dep_ == "amod" else []
            for child in token.head.children:
                if child.dep_ in ("compound", "npadvmod") and child.i < token.i:
                    actor += ctx.actors_of(child)
        if not actor:
            actor = _blamed_for(ctx, token)
        if not actor:
            actor = _subject_of_governor(ctx, token)
        return unique(actor)
    verb = head
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    agents = [c for c in verb.children if c.dep_ == "agent"]
    if passive:
        for agent in agents:
            actor += objects_of(ctx, agent)
        if not agents and trigger.lemma in ("summon", "call in"):
            for child in verb.children:
                if child.dep_ == "prep" and child.lower_ == "to":
                    actor += objects_of(ctx, child)
        if not actor and trigger.type in ("SANCTION", "COERCE", "AID", "AGREE"):
            # A passive act with no agent that a government or organisation reports is its
            # own act ("the ministry said the visas were revoked").
            speaker = reporter(ctx, verb, [])
            if (
                speaker is not None
                and ctx.actors.get(speaker) is not None
                and (ctx.actors[speaker].kind in ("state", "organisation"))
            ):
                actor.append(speaker)
    for subject in subjects:
        actor += ctx.actors_of(subject, follow_conj=True)
    if not actor and not passive and not any(_names_an_act(ctx, s) for s in subjects):
        # "the strike killed six" under "a monitor said": the act is the subject, and the
        # one who reports it is not its actor
        actor = _blamed_for(ctx, verb) or inherited_subject(ctx, verb)
    return unique(actor)


def _names_an_act(ctx: Context, subject: Token) -> bool:
    """The subject is itself an act or a weapon the lexicon knows ("the strike", "a drone")."""
    from .triggers import triggers_for

    return subject.pos_ in ("NOUN", "PROPN") and bool(triggers_for(ctx, subject))


def objects_of(ctx: Context, prep: Token) -> list[str]:
    """The actors a prepositional phrase names: its object, else the first mention
    inside it (an object that names no actor but holds one further in)."""
    out: list[str] = []
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            out += ctx.actors_of(child, follow_conj=True)
            if not out:
                for sub in child.subtree:
                    found = ctx.mention(sub)
                    if found is not None and sub.i != child.i:
                        out.append(found)
                        break
    return out


def partners(ctx: Context, token: Token) -> list[str]:
    """Other sides of a reciprocal event: "talks with X", "a call between X and Y"."""
    found: list[str] = []
    governor = token.head if token.dep_ in ("dobj", "attr", "nsubj", "nsubjpass") else None
    for node in (token, governor):
        if node is None:
            continue
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in PARTNER_PREPS:
                found += objects_of(ctx, child)
            elif child.dep_ in ("prep", "agent") and child.lower_ in ("by", "over", "via"):
                # "spoke by phone with X"
                for obj in child.children:
                    for grandchild in obj.children:
                        if grandchild.dep_ == "prep" and grandchild.lower_ in PARTNER_PREPS:
                            found += objects_of(ctx, grandchild)
    return found


def _blamed_for(ctx: Context, token: Token) -> list[str]:
    """ "blamed Ukraine for the attack", "accused Armenian forces of shelling": the one
    blamed is the actor of the act."""
    if token.dep_ not in ("pobj", "pcomp") or token.head.lower_ not in ("for", "of"):
        return []
    verb = token.head.head
    if verb.lemma_.lower() not in ctx.tables.words["blame"]:
        return []
    found: list[str] = []
    for child in verb.children:
        if child.dep_ == "dobj":
            found += ctx.actors_of(child, follow_conj=True)
    return found


def _subject_of_governor(ctx: Context, token: Token) -> list[str]:
    if token.dep_ == "pobj" and token.head.lower_ in TEMPORAL_PREPS:
        return []  # "since the blockade, Ukraine has ...": Ukraine did not blockade
    return _governor_subject(ctx, token)


def _governor_subject(ctx: Context, token: Token) -> list[str]:
    """For an event noun: the subject of the verb it depends on ("Germany is in talks",
    "Russia launched an attack"), climbing through prepositions."""
    node = token
    for _ in range(4):
        if node.dep_ in ("nsubj", "nsubjpass", "ROOT"):
            return []
        parent = node.head
        if parent == node:
            return []
        if parent.pos_ in ("VERB", "AUX"):
            if node.dep_ not in (
                "dobj",
                "pobj",
                "attr",
                "prep",
                "oprd",
                "xcomp",
                "advcl",
                "acomp",
            ):
                return []
            subjects = [c for c in parent.children if c.dep_ == "nsubj"]
            found: list[str] = []
            for subject in subjects:
                found += ctx.actors_of(subject, follow_conj=True)
            return found or inherited_subject(ctx, parent)
        node = parent
    return []


def inherited_subject(ctx: Context, verb: Token) -> list[str]:
    """Subject of an xcomp/conj/advcl verb from the verb it hangs on ("agreed to allow",
    "said ... and accused"); a relative clause's subject is the noun it modifies."""
    node = verb
    for _ in range(6):
        if node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head != node.head:
            node = node.head  # "after accusing X": climb through the preposition
        climbable: tuple[str, ...] = ("xcomp", "conj", "advcl", "pcomp", "acomp", "prep")
        if node.dep_ in ("pobj", "dobj") and node.head.pos_ in ("ADP", "VERB", "NOUN"):
            climbable = (*climbable, node.dep_)  # "ways of getting ... after accusing"
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in ctx.lexicon.modality["report"]:
            # "He said ... and called on X": a subjectless clause misparsed as what was
            # said belongs to the speaker.
            climbable = (*climbable, "ccomp")
        if node.dep_ in climbable and (node.head != node):
            parent = node.head
            if (
                node.lower_ == "by"
                and node.dep_ in ("prep", "agent")
                and any(c.dep_ == "nsubjpass" for c in parent.children)
            ):
                # "was wounded by shelling": the one the act befell is not its actor
                return []
            subjects = [c for c in parent.children if c.dep_ in ("nsubj", "nsubjpass")]
            if node.dep_ == "xcomp":
                # "prompted Washington to impose", "urged Kyiv to ...": the object acts.
                objects = [c for c in parent.children if c.dep_ in ("dobj", "dative")]
                subjects = objects or subjects
            found: list[str] = []
            for subject in subjects:
                found += ctx.actors_of(subject, follow_conj=True)
            if found:
                return found
            node = parent
            continue
        if node.dep_ == "relcl":
            return ctx.actors_of(node.head, follow_conj=False)
        if node.dep_ == "acl":
            # "The president, X, spoke ..." misparsed as a noun with a clause: a
            # past-tense clause on a noun has that noun as its subject.
            # "demonstrators protesting": a present participle's noun is its agent.
            return ctx.actors_of(node.head) if node.tag_ in ("VBD", "VBG") else []
        break
    return []
