"""Apply the learned models to a finished Document's events: a pure function, Document in,
Document out, meant to run as the last step of the event stage.

1. Every rule event gets the reportable model's probability (:mod:`.reportable`) as its
   confidence; events below ``drop_below`` are dropped.
2. A sentence where the rule coder found nothing (or, with ``propose_beside_rules``, nothing
   of the type the sentence model prefers), but the sentence model
   (:mod:`.sentence_types`) is confident of one type (at least ``propose_above``), gets a
   proposed event of that type. Its actor and recipient come from the sentence root's
   subject and object, resolved through the actor mentions the actor stage wrote; when no
   mention covers them the side stays empty: nothing is guessed.

The thresholds ship beside the models (``models/thresholds.json``), chosen by grouped
cross-validation on the tune part of the development data.
"""

from __future__ import annotations

import functools
import json
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ..document import Document, Event
from .corpus import NONE
from .reportable import event_features, load_reportable_model
from .sentence_types import load_sentence_model, models_folder

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

THRESHOLDS_FILE = "thresholds.json"
SENTENCE_PROPOSALS_FILE = "sentence_proposals.json"
SUBJECT_DEPS = {"nsubj"}
OBJECT_DEPS = {"dobj", "dative", "nsubjpass"}
RECIPIENT_PREPS = {"to", "against", "on", "at", "with", "for", "into", "upon", "toward", "towards"}
HEAD_PARTS = {"compound", "amod", "poss", "nmod"}
HYPOTHETICAL_MODALS = {"would", "could", "may", "might"}

SentenceKey = tuple[int, int]


_Settings = TypeVar("_Settings", "Thresholds", "SentenceProposals")


@dataclass(frozen=True, slots=True)
class Thresholds:
    #: rule events whose reportable probability is below this are dropped
    drop_below: float = 0.3
    #: a sentence without rule events gets an event when its best type is at least this likely
    propose_above: float = 1.01
    #: whether a proposed event may have no actor (an empty side, never a guessed one)
    propose_without_actor: bool = False
    #: whether a sentence whose rule events all have other types may get a proposal too
    propose_beside_rules: bool = False


def _settings_file(kind: type[_Settings], filename: str) -> _Settings:
    """``kind`` from the JSON file of the models folder (its known keys), else its defaults."""
    path = models_folder() / filename
    if not path.is_file():
        return kind()
    values = json.loads(path.read_text(encoding="utf-8"))
    return kind(**{k: v for k, v in values.items() if k in kind.__slots__})


@functools.lru_cache(maxsize=1)
def load_thresholds() -> Thresholds:
    return _settings_file(Thresholds, THRESHOLDS_FILE)


@dataclass(frozen=True, slots=True)
class SentenceProposals:
    """How the sentence-level coders (PLV, PLOVER GSR: one sentence known to report an event)
    add the sentence model's type: always beside the rules' events, from this probability on,
    with or without a resolved actor. Chosen by grouped cross-validation on the tune
    sentences (``scripts/train_event_models.py``); the report pipeline uses
    :class:`Thresholds` instead."""

    propose_above: float = 0.5
    propose_without_actor: bool = False


@functools.lru_cache(maxsize=1)
def load_sentence_proposals() -> SentenceProposals:
    return _settings_file(SentenceProposals, SENTENCE_PROPOSALS_FILE)


class EventModels(Protocol):
    """What :func:`refine_events` asks of its models (the shipped ones, or cross-validation
    stand-ins that answer with out-of-fold predictions)."""

    def sentence_probabilities(self, document: Document) -> dict[SentenceKey, dict[str, float]]: ...

    def reportable_probabilities(self, rows: list[dict[str, float]]) -> list[float]: ...


class ShippedModels:
    """The models in ``models/``, loaded on first use."""

    def sentence_probabilities(
        self, document: Document, sents: Sequence[Span] | None = None
    ) -> dict[SentenceKey, dict[str, float]]:
        """The type probabilities of ``sents`` (default: every sentence of the document)."""
        if document.doc is None:
            return {}
        sents = list(document.doc.sents) if sents is None else list(sents)
        probs = load_sentence_model().probabilities_many(sents)
        return {(s.start_char, s.end_char): p for s, p in zip(sents, probs, strict=True)}

    def reportable_probabilities(self, rows: list[dict[str, float]]) -> list[float]:
        return load_reportable_model().probabilities(rows)


def sentence_of(event: Event, probs: Mapping[SentenceKey, dict[str, float]]) -> dict[str, float]:
    """The sentence probabilities for the sentence holding the event's trigger."""
    for (start, end), p in probs.items():
        if start <= event.trigger[0] < end:
            return p
    return {}


def refine_events(
    document: Document,
    models: EventModels | None = None,
    thresholds: Thresholds | None = None,
) -> Document:
    """A copy of ``document`` whose events are re-scored, filtered and completed (see the
    module docstring). The input Document is not changed."""
    models = models or ShippedModels()
    thresholds = thresholds or load_thresholds()
    if document.doc is None:
        return document
    probs = models.sentence_probabilities(document)
    scores = score_events(document, models, probs)
    return apply_thresholds(document, scores, probs, thresholds)


def score_events(
    document: Document,
    models: EventModels,
    probs: Mapping[SentenceKey, dict[str, float]],
) -> list[float]:
    """The reportable probability of each rule event, in order."""
    rows = [event_features(document, e, sentence_of(e, probs)) for e in document.events]
    return models.reportable_probabilities(rows)


def apply_thresholds(
    document: Document,
    scores: list[float],
    probs: Mapping[SentenceKey, dict[str, float]],
    thresholds: Thresholds,
) -> Document:
    """Re-score and drop the rule events, add the proposals: the second half of
    :func:`refine_events`, apart so that a threshold search scores events once."""
    kept = [
        replace(event, confidence=round(score, 3))
        for event, score in zip(document.events, scores, strict=True)
        if score >= thresholds.drop_below
    ]
    if thresholds.propose_above <= 1.0:
        kept.extend(propose_events(document, probs, thresholds))
    return replace(document, events=kept)


def propose_events(
    document: Document,
    probs: Mapping[SentenceKey, dict[str, float]],
    thresholds: Thresholds,
) -> list[Event]:
    """Events for sentences with no rule event where the sentence model is confident."""
    assert document.doc is not None
    triggers = sorted((e.trigger[0], e.type) for e in document.events)
    starts = [start for start, _ in triggers]
    proposed: list[Event] = []
    for sent in document.doc.sents:
        key = (sent.start_char, sent.end_char)
        p = probs.get(key)
        if not p:
            continue
        label = max(p, key=lambda k: p[k])
        if label == NONE or p[label] < thresholds.propose_above:
            continue
        low, high = bisect_left(starts, sent.start_char), bisect_left(starts, sent.end_char)
        rule_types = {kind for _, kind in triggers[low:high]}
        if label in rule_types or (rule_types and not thresholds.propose_beside_rules):
            continue
        actor, recipient = sentence_sides(document, sent)
        if not actor and not thresholds.propose_without_actor:
            continue
        root = sent.root
        proposed.append(
            Event(
                id=f"learned-{len(proposed) + 1}",
                type=label,
                mode=[],
                context=[],
                cameo=None,
                actor=actor,
                recipient=[r for r in recipient if r not in actor],
                date=None,
                place=None,
                quantities=[],
                modality=_modality(root),
                reported_by=None,
                sentence=key,
                trigger=(root.idx, root.idx + len(root.text)),
                confidence=round(p[label], 3),
            )
        )
    return proposed


def _modality(root: Token) -> str:
    children = list(root.children)
    if any(c.dep_ == "neg" for c in children):
        return "negated"
    if any(c.tag_ == "MD" and c.lemma_.lower() in HYPOTHETICAL_MODALS for c in children):
        return "hypothetical"
    return "asserted"


def sentence_sides(document: Document, sent: Span) -> tuple[list[str], list[str]]:
    """(actor ids, recipient ids) from the root's subject and object; a side no mention
    covers stays empty. A passive's agent is the actor and its subject the recipient."""
    root = sent.root
    actor: list[str] = []
    recipient: list[str] = []
    for child in root.children:
        if child.dep_ in SUBJECT_DEPS:
            actor += _actors_of(document, child)
        elif child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    actor += _actors_of(document, pobj)
        elif child.dep_ in OBJECT_DEPS:
            recipient += _actors_of(document, child)
        elif child.dep_ == "prep" and child.lemma_.lower() in RECIPIENT_PREPS:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    recipient += _actors_of(document, pobj)
    return list(dict.fromkeys(actor)), list(dict.fromkeys(recipient))


def _actors_of(document: Document, head: Token) -> list[str]:
    """The actors a noun phrase head names: a mention over the head itself or over one of its
    modifiers ("Russian forces", "Ukraine's army"), and the same for its conjuncts."""
    out: list[str] = []
    for token in [head, *[c for c in head.children if c.dep_ == "conj"]]:
        found = _mention_over(document, token)
        if found is None:
            for part in token.children:
                if part.dep_ in HEAD_PARTS:
                    found = _mention_over(document, part)
                    if found is not None:
                        break
        if found is not None:
            out.append(found)
    return out


def _mention_over(document: Document, token: Token) -> str | None:
    start, end = token.idx, token.idx + len(token.text)
    # the indexed lookup: a scan of every mention per token made long articles quadratic
    mention = document.mention_at(start, end)
    if mention is not None and mention.span[0] <= start and end <= mention.span[1]:
        return mention.actor_id
    return None


def apply_to_all(documents: list[Document], models: Any = None) -> list[Document]:
    """:func:`refine_events` over many documents (experiments and training)."""
    return [refine_events(d, models) for d in documents]
