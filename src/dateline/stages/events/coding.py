"""PLOVER coding beyond the trigger's own row: a warning read as an accusation, the re-coding
rules of ``coding_rules.tsv`` (by modality), a government's rally, ASSAULT modes from the
weapons named, CONSULT by phone, and the raw confidence of a candidate."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .context import make_trigger
from .helpers import path_to_root, unique
from .modality import is_refusal, own_words
from .recipients import named_in_complement

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...knowledge.lexicon import Trigger
    from .context import Context
    from .tables import CodingRule


def reread_warning(ctx: Context, token: Token, trigger: Trigger) -> Trigger | None:
    """ "warned of famine" is no act; "warned that a Russian missile came close" blames the
    side it names; a warning of what the speaker will do keeps its own row. None: no event."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
    if trigger.lemma != "warn" or not (passive or not _threat_content(ctx, token)):
        return trigger
    if passive or not _names_other_side(ctx, token):
        return None
    return make_trigger("warn", "VERB", "ACCUSE", "111", mode=("disapprove",), prior=0.55)


def recode(
    ctx: Context,
    head: Token,
    event_type: str,
    cameo: str,
    mode: list[str],
    modality: str,
    actor: list[str],
    reported_by: str | None,
) -> tuple[str, str, list[str], str]:
    """Type, cameo, mode and modality after the rules of ``coding_rules.tsv``, tried in order."""
    for rule in ctx.tables.coding_rules:
        if event_type not in rule.types or modality not in rule.modality:
            continue
        if not _condition_holds(ctx, rule, head, actor, reported_by):
            continue
        event_type, cameo, mode = rule.type, rule.cameo, list(rule.mode)
        modality = rule.to_modality or modality
    return event_type, cameo, mode, modality


def _condition_holds(
    ctx: Context, rule: CodingRule, head: Token, actor: list[str], reported_by: str | None
) -> bool:
    if not rule.condition:
        return True
    if rule.condition == "own_threat":
        # A side saying what force or pressure it will use (PLOVER THREATEN).
        own_side = reported_by is None or bool(ctx.countries([reported_by]) & ctx.countries(actor))
        return own_side and own_words(ctx, head)
    # "refusal": "was not willing to make concessions", "refused to agree" is a rejection.
    return is_refusal(ctx, head)


def is_government_rally(ctx: Context, event_type: str, actor: list[str]) -> bool:
    """A leader holding a rally campaigns; governments do not protest."""
    return (
        event_type == "PROTEST"
        and bool(actor)
        and all((a := ctx.actors.get(i)) is not None and a.sector == "GOV" for i in actor)
    )


def add_modes(ctx: Context, token: Token, event_type: str, mode: list[str]) -> list[str]:
    """ASSAULT modes from the weapons named; CONSULT by phone or video."""
    if event_type == "ASSAULT":
        mode = unique(mode + _weapon_modes(ctx, token))
    if (
        event_type == "CONSULT"
        and "phone" not in mode
        and any(t.lemma_.lower() in ctx.tables.words["remote"] for t in token.subtree)
    ):
        mode = unique([*mode, "phone"])
    return mode


def raw_confidence(
    trigger: Trigger,
    token: Token,
    head: Token,
    event_type: str,
    modality: str,
    recipient: list[str],
) -> float:
    """The trigger's prior, up for a named recipient or a light verb, down for an event
    that is only possible, general or announced."""
    confidence = trigger.prior
    if recipient:
        confidence += 0.05
    if modality in ("hypothetical", "generic"):
        confidence -= 0.2
    elif modality != "asserted" and event_type == trigger.type:
        confidence -= 0.1  # an announced AGREE or a THREATEN is itself an act
    if token.pos_ != "VERB":
        confidence += 0.05 if head != token else -0.05  # "staged rallies", "held talks"
    return confidence


def _weapon_modes(ctx: Context, token: Token) -> list[str]:
    """ASSAULT modes from the weapons named with the attack: first in the trigger's own
    phrase and clause ("a drone strike", "fired rockets"), else anywhere in the sentence.
    "destroy" is PLOVER's residual mode: only when no weapon is named."""
    clause = [t for t in path_to_root(token)[:2] for t in t.subtree]
    modes = _modes_in(ctx, clause) or _modes_in(ctx, list(token.sent))
    if not modes:
        modes = [m for m in _modes_in(ctx, list(token.sent), residual=True) if m == "destroy"]
    return modes


def _modes_in(ctx: Context, tokens: list[Token], residual: bool = False) -> list[str]:
    words = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
    text = " ".join(t.lower_ for t in tokens)
    modes = []
    for name, members in ctx.lexicon.classes.items():
        if not name.startswith("mode:") or (name == "mode:destroy") != residual:
            continue
        if any((" " in m and m in text) or m in words for m in members):
            modes.append(name.split(":", 1)[1])
    return modes


def _names_other_side(ctx: Context, token: Token) -> bool:
    speaker = [a for c in token.children if c.dep_ == "nsubj" for a in ctx.actors_of(c, True)]
    return bool(speaker) and bool(named_in_complement(ctx, token, speaker))


def _threat_content(ctx: Context, token: Token) -> bool:
    """A warning is a threat when it says what the speaker will do: a future or
    conditional act ("would be struck if ...") or retaliation and consequences."""
    for child in token.children:
        if child.dep_ not in ("ccomp", "xcomp", "advcl", "prep", "dobj"):
            continue
        for sub in child.subtree:
            lower = sub.lower_
            if sub.dep_ == "aux" and lower in ("will", "would", "'ll", "’ll", "shall"):
                return True
            if sub.dep_ == "mark" and lower in ("if", "unless"):
                return True
            if ctx.lexicon.in_class(sub.lemma_, "hostile"):
                return True
    return False
