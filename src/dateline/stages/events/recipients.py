"""Every rule that sets an event's recipient: the parse ("attack on Kyiv", "sanctions against
Russia", the object of the verb), then, when the parse names none, the event an accusation
refers to, the one told of a pledge, the other side named in what is demanded or threatened,
the nearest other side in the sentence, and the article's other main party; an attack's
missing side; and the final clean-up (a side is never its own recipient)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .arguments import is_noun_event, objects_of
from .helpers import unique
from .triggers import triggers_for, visited_country

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ...knowledge.lexicon import Trigger
    from .context import Candidate, Context

RECIPROCAL = {"CONSULT", "AGREE", "COOPERATE"}
# Speech acts aimed at someone: with no recipient in the parse, the other side named in the
# sentence is taken.
ADDRESSED = {"ACCUSE", "REJECT", "THREATEN", "REQUEST", "SANCTION", "COERCE"}
# Acts that with no target named are aimed at the actor's own state or people: a protest,
# a curfew or crackdown.
DOMESTIC = {"PROTEST", "COERCE"}
RECIPIENT_PREPS = {"on", "against", "at", "to", "into", "for", "toward", "towards", "upon", "over"}


#: sectors of sides that are not a state's own: their attack at home is against that state
NON_STATE_SECTORS = frozenset({"REB"})


def find_recipients(ctx: Context, token: Token, head: Token, trigger: Trigger) -> list[str]:
    """The recipient the parse gives: objects, passive subjects and recipient phrases."""
    recipient: list[str] = []
    if not is_noun_event(token, head):
        verb = head
        for subject in (c for c in verb.children if c.dep_ == "nsubjpass"):
            recipient += ctx.actors_of(subject, follow_conj=True)
        for child in verb.children:
            if child.dep_ in ("dobj", "dative"):
                recipient += ctx.actors_of(child, follow_conj=True)
                for grandchild in child.children:
                    if grandchild.dep_ == "prep" and grandchild.lower_ in RECIPIENT_PREPS:
                        recipient += objects_of(ctx, grandchild)
    if trigger.needs == "visit" and not recipient:
        # the host of a visit: the state of the country the traveller went to
        host = visited_country(ctx, token)
        state = ctx.state_of(host) if host else None
        recipient += [state] if state else []
    if trigger.needs.startswith("subj=") and not recipient:
        # delivered goods arriving "in Ukraine" or "to Kyiv": the receiving side
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "to", "at"):
                recipient += objects_of(ctx, child)
    # Recipient phrases on the trigger itself ("attack on Kyiv", "sanctions against Russia").
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS:
            recipient += objects_of(ctx, child)
    if head != token:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS:
                recipient += objects_of(ctx, child)
            if child.dep_ == "dative":
                recipient += ctx.actors_of(child, follow_conj=True)
    if not recipient and trigger.type in ("AID", "SANCTION", "AGREE", "SUPPORT"):
        for child in head.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                for sub in child.subtree:
                    if sub.dep_ == "prep" and sub.lower_ in ("to", "for", "against", "on"):
                        recipient += objects_of(ctx, sub)
                        if recipient:
                            break
    if token.pos_ == "NOUN" and head == token and not recipient:
        for child in token.children:
            if (
                child.dep_ == "prep"
                and child.lower_ == "of"
                and trigger.type in ("ASSAULT", "COERCE", "SANCTION")
            ):
                recipient += objects_of(ctx, child)
    return unique(recipient)


def without_actor(event_type: str, actor: list[str], recipient: list[str]) -> list[str]:
    """Recipients that are not also actors; a one-sided event keeps them all when every
    recipient is also an actor, a reciprocal one keeps none."""
    return [r for r in recipient if r not in actor] or (
        [] if event_type in RECIPROCAL else recipient
    )


def complete_recipient(
    ctx: Context, token: Token, head: Token, event_type: str, actor: list[str], recipient: list[str]
) -> tuple[list[str], bool]:
    """The recipient when the parse names none (or, for an accusation, the actor of the act
    it refers to); True with it when it is only the article's other main party."""
    guessed = False
    if event_type == "ACCUSE" and actor:
        condemned = condemned_act_actor(ctx, head, actor)
        referred = _referred_event(ctx, head)
        if condemned:
            recipient = condemned
        elif referred is not None:
            recipient = [a for a in referred.actor if a not in actor] or recipient
    if event_type in ("AID", "AGREE", "SUPPORT") and not recipient:
        recipient = _addressee(ctx, head, actor)
    if event_type in ADDRESSED and not recipient and actor:
        recipient = named_in_complement(ctx, head, actor) or other_side(
            ctx, token, actor, token.idx
        )
        if not recipient and event_type in ("ACCUSE", "THREATEN"):
            # Condemning or threatening with no one named: the other main party.
            own = ctx.countries(actor)
            other = [a for a, c in ctx.dominant if c not in own]
            if other:
                recipient = [other[0]]
                guessed = True
    return recipient, guessed


def domestic_recipient(
    ctx: Context, token: Token, event_type: str, actor: list[str], recipient: list[str]
) -> list[str]:
    """The actor's own state as the recipient of a protest or a crackdown that names no
    target and no other country's side in its sentence ("thousands protested in Berlin",
    "the government declared a curfew")."""
    own = ctx.countries(actor)
    if event_type not in DOMESTIC or recipient or len(own) != 1:
        return []
    if other_side(ctx, token, actor, token.idx):
        return []
    # the state itself when it is the actor: a state's measures at home are coded with its
    # country on both sides
    state = ctx.state_of(next(iter(own)))
    return [state] if state is not None else []


def domestic_group(
    ctx: Context, token: Token, event_type: str, actor: list[str], recipient: list[str]
) -> None:
    """A group the text gives no country ("the rebels", "militants", "protesters") that a
    one-country side addresses, coerces or attacks, with no other country's side in the
    sentence, is of that country: the event is domestic (GUIDELINES.md) and is coded with
    the side's country on both sides. The group actor takes the country."""
    if event_type not in ADDRESSED | DOMESTIC | {"ASSAULT"} or not recipient:
        return
    own = ctx.countries(actor)
    if len(own) != 1 or ctx.countries(recipient):
        return
    groups = [ctx.actors.get(i) for i in recipient]
    if not all(g is not None and g.kind == "group" and g.sector for g in groups):
        return
    if other_side(ctx, token, actor, token.idx):
        return
    country = next(iter(own))
    if country == "IGO":
        return
    for group in groups:
        assert group is not None
        group.country = country


def assault_sides(
    ctx: Context, token: Token, actor: list[str], recipient: list[str]
) -> tuple[list[str], list[str], bool]:
    """An attack's missing side from its place and the article's main parties: "a town
    near Kharkiv was shelled" in a report about two warring states. Marked as guessed."""
    guessed = False
    if not recipient:
        sent = token.sent
        for place in ctx.places_starting_in(sent.start_char, sent.end_char):
            if place.country and place.country not in ctx.countries(actor):
                state = ctx.state_of(place.country)
                if state:
                    recipient, guessed = [state], True
                    break
    actor_countries = ctx.countries(actor)
    recipient_countries = ctx.countries(recipient)
    if not actor_countries and recipient_countries:
        # "the shelling of the town in which the army fired ...": a subject inside the
        # attack's own phrase names the attacker.
        for sub in token.subtree:
            if sub.dep_ == "nsubj" and sub.i != token.i:
                named = [a for a in ctx.actors_of(sub, True) if ctx.countries([a])]
                if named and not ctx.countries(named) & recipient_countries:
                    actor, actor_countries = named, ctx.countries(named)
                    break
    if not actor_countries and recipient_countries:
        other = [a for a, c in ctx.dominant if c not in recipient_countries]
        nearby = [other[0]] if other else other_side(ctx, token, recipient, token.idx)
        if nearby:
            actor, actor_countries, guessed = nearby, ctx.countries(nearby), True
    if not recipient and actor_countries:
        recipient = _domestic_target(ctx, token, actor)
    if not recipient and actor_countries:
        other = [a for a, c in ctx.dominant if c not in actor_countries]
        if other:
            recipient, guessed = [other[0]], True
    if not actor_countries and recipient_countries:
        other = [a for a, c in ctx.dominant if c not in recipient_countries]
        if other:
            actor, guessed = [other[0]], True
    return actor, recipient, guessed


def _domestic_target(ctx: Context, token: Token, actor: list[str]) -> list[str]:
    """An armed group or crowd attacking inside its own country ("gang members attacked a
    police station in Port-au-Prince") attacks that country: a domestic event takes the same
    country on both sides (GUIDELINES.md). Only where the sentence places the attack in the
    group's country, and only for groups that are not a state's own forces."""
    sides = [ctx.actors.get(a) for a in actor]
    if not sides or any(s is None or s.sector not in NON_STATE_SECTORS for s in sides):
        return []
    own = ctx.countries(actor)
    for place in ctx.document.places:
        inside = token.sent.start_char <= place.span[0] < token.sent.end_char
        if inside and place.country in own:
            state = ctx.state_of(place.country)
            return [state] if state else []
    return []


def unfounded_attackers(ctx: Context, candidates: list[Candidate]) -> None:
    """No invented attackers: an attacker taken from the article's parties (the sentence
    names none) stands only when the article elsewhere names that side as attacking, or
    blames or condemns it; else
    the attack keeps no actor. A report of bombings inside one country does not make the
    neighbour it mentions, or the victims' state, the attacker."""
    attacking: set[str] = set()
    for c in candidates:
        if c.type == "ASSAULT" and not c.actor_guessed:
            attacking |= ctx.countries(c.actor)
        elif c.type == "ACCUSE" and c.modality == "asserted":
            attacking |= ctx.countries(c.recipient)  # a side blamed or condemned
    for c in candidates:
        if c.actor_guessed and not ctx.countries(c.actor) & attacking:
            c.actor = []


def clean_sides(ctx: Context, candidate: Candidate) -> None:
    """A side cannot be its own recipient: drop recipients that are the actor, or the
    actor's own state or government; keep same-country civilians, rebels or opposition
    ("the authorities called on residents to leave"), and a state that such a group acts
    against ("gang members attacked a police station")."""
    own = ctx.countries(candidate.actor)
    # rebels or crowds attacking inside their own country attack their own state
    non_state = candidate.type == "ASSAULT" and all(
        (a := ctx.actors.get(i)) is not None and a.sector in NON_STATE_SECTORS
        for i in candidate.actor
    )
    kept = []
    for rid in candidate.recipient:
        other = ctx.actors.get(rid)
        if candidate.domestic and other is not None:
            kept.append(rid)
            continue
        if rid in candidate.actor or other is None:
            continue
        if (
            other.country in own
            and (other.kind == "state" or other.sector in ("GOV", None))
            and not non_state
        ):
            continue
        kept.append(rid)
    candidate.recipient = kept


def named_in_complement(ctx: Context, head: Token, actor: list[str]) -> list[str]:
    """The first other side named in what is demanded or threatened ("threatening to
    block the accession of Finland and Sweden")."""
    own = ctx.countries(actor)
    for child in head.children:
        if child.dep_ not in ("xcomp", "ccomp", "dobj"):
            continue
        for sub in child.subtree:
            found = ctx.mention(sub)
            if found is None or found in actor:
                continue
            other = ctx.actors.get(found)
            if other is None or not other.country or other.country in own:
                continue
            if ctx.mention_how(sub) == "location":
                continue
            return [found, *[a for c in sub.conjuncts if (a := ctx.mention(c))]]
    return []


def other_side(ctx: Context, token: Token, actor: list[str], near: int) -> list[str]:
    """The side a statement or attack is about: the nearest mention in the sentence of
    an actor from another country (media and mere locations excluded)."""
    speaker_countries = ctx.countries(actor)
    found = _nearest_other(ctx, token.sent, speaker_countries, near)
    if not found and token.sent.start > 0:
        found = _nearest_other(ctx, token.doc[token.sent.start - 1].sent, speaker_countries, near)
    return found


def _nearest_other(ctx: Context, sent: Span, speaker_countries: set[str], near: int) -> list[str]:
    best: tuple[int, str] | None = None
    for mention in ctx.mentions_starting_in(sent.start_char, sent.end_char):
        actor = ctx.actors.get(mention.actor_id)
        if actor is None or not actor.country or actor.sector in ("MED", "BUS", "NGO"):
            continue
        if actor.country in speaker_countries or mention.how == "location":
            continue
        distance = abs(mention.span[0] - near)
        if best is None or distance < best[0]:
            best = (distance, actor.id)
    return [best[1]] if best else []


def _addressee(ctx: Context, head: Token, actor: list[str]) -> list[str]:
    """The one told of a pledge is its receiver: "told Ukraine's president that the US
    would provide more military financing"."""
    node = head
    for _ in range(4):
        if node.dep_ in ("ccomp", "parataxis") and node.head != node:
            verb = node.head
            if verb.lemma_.lower() not in ctx.lexicon.modality["report"]:
                return []
            for child in verb.children:
                if child.dep_ in ("dobj", "dative"):
                    found = [a for a in ctx.actors_of(child, True) if a not in actor]
                    if found:
                        return found
            return []
        if node.head == node:
            return []
        node = node.head
    return []


def condemned_act_actor(ctx: Context, head: Token, actor: list[str]) -> list[str]:
    """ "condemned the Israeli strike on Syria", "denounced Russia's decision": the one
    criticised is the side whose act is the object, not the place the act hit. Only for an
    object that is itself no actor (an act, a plan, a decision)."""
    own = ctx.countries(actor)
    for child in head.children:
        if child.dep_ != "dobj":
            continue
        for obj in (child, *child.conjuncts):
            if ctx.mention(obj) is not None:
                continue
            is_act = bool(triggers_for(ctx, obj)) or any(c.dep_ == "poss" for c in obj.children)
            if not is_act:
                continue
            found: list[str] = []
            for sub in obj.subtree:
                if sub.i >= obj.i:
                    break
                named = ctx.mention(sub)
                if named is not None and named not in actor and ctx.countries([named]) - own:
                    found.append(named)
            for prep in obj.children:
                if prep.dep_ == "prep" and prep.lower_ == "by":
                    found += [a for a in objects_of(ctx, prep) if ctx.countries([a]) - own]
            if found:
                return unique(found)
    return []


def _referred_event(ctx: Context, head: Token) -> Candidate | None:
    """ "condemned the strike": an object that names an event refers to the latest such
    event told before it."""
    for child in head.children:
        if child.dep_ != "dobj" or not triggers_for(ctx, child):
            continue
        wanted = triggers_for(ctx, child)[0].type
        for earlier in reversed(ctx.history):
            if earlier.type == wanted and earlier.token.i < child.i:
                return earlier
    return None
