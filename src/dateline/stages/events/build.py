"""A candidate event from a trigger word, in the order the decisions depend on each other:
arguments, partners of a reciprocal event, modality and reporter, PLOVER re-coding, modes,
confidence, then the recipient the parse did not give and an attack's missing side."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...learned.roles import apply_role_model
from .arguments import find_actors, partners
from .background import in_background, referred_to
from .coding import add_modes, is_government_rally, raw_confidence, recode, reread_warning
from .context import make_candidate
from .frames import intent_frame, judgement_frame, obligation_request
from .helpers import unique
from .modality import modality_of, reporter
from .recipients import (
    RECIPROCAL,
    assault_sides,
    complete_recipient,
    domestic_group,
    domestic_recipient,
    find_recipients,
    without_actor,
)
from .triggers import triggers_for

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...knowledge.lexicon import Trigger
    from .context import Candidate, Context


def candidates_at(ctx: Context, token: Token) -> list[Candidate]:
    """The candidate events a token starts: a trigger-less frame, else the first reading of
    the token as a trigger whose needs are met and that gives an event."""
    out = []
    obligation = (
        obligation_request(ctx, token) or intent_frame(ctx, token) or judgement_frame(ctx, token)
    )
    if obligation is not None:
        return [obligation]
    for trigger in triggers_for(ctx, token):
        candidate = build(ctx, token, trigger)
        if candidate is not None:
            out.append(candidate)
            break  # one reading per token: the first whose needs are met
    return out


def build(ctx: Context, token: Token, trigger: Trigger) -> Candidate | None:
    if in_background(ctx, token) or referred_to(ctx, token):
        return None  # "since Russia invaded", "a meeting on the strike": not news of its own
    read = reread_warning(ctx, token, trigger)
    if read is None:
        return None
    trigger = read
    head = token
    if (
        token.pos_ in ("NOUN", "PROPN")
        and token.dep_ in ("dobj", "attr")
        and (token.head.lemma_.lower() in ctx.lexicon.light_verbs)
    ):
        head = token.head
    actor = find_actors(ctx, token, head, trigger)
    recipient = find_recipients(ctx, token, head, trigger)
    event_type = trigger.type
    mode = list(trigger.mode)
    cameo = trigger.cameo
    others = partners(ctx, token)
    if event_type in RECIPROCAL and others:
        actor = unique(actor + others)
        recipient = [r for r in recipient if r not in actor]
    modality = modality_of(ctx, token, head)
    reported_by = reporter(ctx, head, actor)
    event_type, cameo, mode, modality = recode(
        ctx, head, event_type, cameo, mode, modality, actor, reported_by
    )
    if is_government_rally(ctx, event_type, actor):
        return None
    mode = add_modes(ctx, token, event_type, mode)
    actor, recipient = apply_role_model(ctx, token, head, event_type, actor, recipient)
    recipient = without_actor(event_type, actor, recipient)
    confidence = raw_confidence(trigger, token, head, event_type, modality, recipient)
    recipient, guessed = complete_recipient(ctx, token, head, event_type, actor, recipient)
    if guessed:
        confidence -= 0.1
    domestic = domestic_recipient(ctx, token, event_type, actor, recipient)
    recipient = domestic or recipient
    domestic_group(ctx, token, event_type, actor, recipient)
    actor_guessed = False
    if event_type == "ASSAULT":
        named = bool(ctx.countries(actor))
        actor, recipient, guessed = assault_sides(ctx, token, actor, recipient)
        actor_guessed = not named and bool(ctx.countries(actor))
        if guessed:
            confidence -= 0.15
    if len(ctx.countries(actor)) >= 2 and (
        event_type in RECIPROCAL or ctx.countries(recipient) <= ctx.countries(actor)
    ):
        # "Peru and Ecuador clashed", "the two leaders met": the parties "both sides" and
        # "the two countries" point back to
        ctx.last_pair = list(actor)
    built = make_candidate(
        token,
        trigger,
        type=event_type,
        mode=mode,
        cameo=cameo,
        actor=actor,
        recipient=recipient,
        modality=modality,
        reported_by=reported_by,
        confidence=max(0.05, min(0.99, confidence)),
        head=head,
    )
    built.actor_guessed = actor_guessed
    built.domestic = bool(domestic)
    ctx.history.append(built)
    return built
