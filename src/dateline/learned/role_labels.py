"""Labels for the role model (:mod:`.roles`): which candidate mentions of a coded event are
its actor and which its recipient, by the words of a sentence-level gold (PLV source and
target, PLOVER GSR source and target actors, our own sentences) or by the countries of a
report's gold event whose evidence holds the trigger."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .corpus import model_label
from .roles import ACTOR, NEITHER, RECIPIENT, RoleCandidate

#: words too common to tie a mention to a gold side
_FILLER = frozenset({"the", "a", "an", "of", "and", "'s", "s", "its", "their", "his", "her"})


@dataclass(slots=True)
class RoleExample:
    """One labelled candidate: its features, its label and its cross-validation group."""

    features: dict[str, float]
    label: str
    group: str
    event: int  # the index of the event it belongs to (candidates of one event share it)
    actor_id: str
    rule_actor: bool
    rule_recipient: bool
    origin: str


def words(text: str) -> set[str]:
    """Lower-case words of a text, with dots dropped ("U.S." is "us")."""
    return {w for w in re.findall(r"[\w']+", text.lower().replace(".", "")) if w not in _FILLER}


def _overlaps(mention_text: str, side: set[str]) -> bool:
    own = words(mention_text)
    return bool(own) and len(own & side) * 2 >= len(own)


def label_by_words(
    candidates: Sequence[RoleCandidate], source: Iterable[str], target: Iterable[str]
) -> list[str] | None:
    """actor / recipient / none for each candidate from the gold's source and target words;
    None where no candidate matches either side (the gold names a side the actor stage did
    not find, so the other candidates say nothing)."""
    src = set().union(*(words(s) for s in source))
    tgt = set().union(*(words(t) for t in target))
    labels = []
    for candidate in candidates:
        is_src = _overlaps(candidate.mention.text, src)
        is_tgt = _overlaps(candidate.mention.text, tgt)
        labels.append(
            ACTOR if is_src and not is_tgt else RECIPIENT if is_tgt and not is_src else NEITHER
        )
    return labels if any(label != NEITHER for label in labels) else None


def label_by_countries(
    candidates: Sequence[RoleCandidate], actor: Iterable[str], recipient: Iterable[str]
) -> list[str] | None:
    """Labels from a report gold event's actor and recipient countries; a country on both
    sides (a domestic event) says nothing about its mentions."""
    actors, recipients = set(actor), set(recipient)
    labels = []
    for candidate in candidates:
        country = candidate.country
        if country is None:
            labels.append(NEITHER)
        elif country in actors and country in recipients:
            return None
        elif country in actors:
            labels.append(ACTOR)
        elif country in recipients:
            labels.append(RECIPIENT)
        else:
            labels.append(NEITHER)
    return labels if any(label != NEITHER for label in labels) else None


def same_type(event_type: str, gold_type: str) -> bool:
    return model_label(event_type) == model_label(gold_type.strip().upper())


def gold_events_at(
    text: str, gold: dict[str, Any], offset: int, event_type: str
) -> list[dict[str, Any]]:
    """The report's gold events of this type whose evidence covers ``offset``."""
    from .corpus import evidence_offset

    found = []
    for event in gold.get("events", []):
        if not same_type(event_type, str(event.get("type", ""))):
            continue
        evidence = " ".join(str(event.get("evidence") or "").split())
        start = evidence_offset(text, evidence)
        if start is None:
            continue
        # the evidence's length in the article, whitespace aside: generous by a few chars
        if start <= offset < start + len(evidence) + 20:
            found.append(event)
    return found
