"""Who is the actor and who the recipient of a coded event, among the actor mentions of its
sentence: a learned check on the argument rules (``stages/events/arguments.py`` and
``recipients.py``) where their parse paths stop generalising.

Every actor mention in the event's sentence is a candidate. Its features
(:func:`role_features`) name no word of any article: the dependency relation of the mention
to the trigger and the path between them, the preposition heading it (from a fixed list of
function words), before or after the trigger and how far, passive voice and a ``by`` agent,
whether it is the subject of a reporting verb the trigger hangs under, the actor's kind and
sector, whether it is the quote's speaker or a place, the event type, and what the rules
chose. A multinomial logistic regression gives each candidate P(actor), P(recipient) and
P(neither).

Labels (``scripts/train_event_models.py``): PLV tune rows (source and target words), PLOVER
GSR dev tune records (source and target actors), the tune reports' gold events (actor and
recipient countries) and our own sentences in ``training/roles.tsv``; mentions are labelled
by word overlap (countries for the reports). :class:`RoleSettings` (``models/roles.json``,
chosen by grouped cross-validation) says how sure the model must be before it overrides the
rules. The model (``models/roles.skops``) loads lazily, once, on first use.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..document import Mention
    from ..stages.events.context import Context

MODEL_FILE = "roles.skops"
SETTINGS_FILE = "roles.json"
ACTOR, RECIPIENT, NEITHER = "actor", "recipient", "none"
#: events whose sides act together (partners, not actor and recipient): the rules stand
RECIPROCAL_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
#: prepositions that say something about a side's role; any other is "other"
ROLE_PREPS = frozenset(
    {"on", "against", "with", "to", "from", "at", "by", "of", "in", "for", "into", "over"}
)
#: how many dependency labels of the way from a mention to the trigger are kept
PATH_STEPS = 3


@dataclass(frozen=True, slots=True)
class RoleSettings:
    """How sure the model must be to override the rules (models/roles.json)."""

    #: replace the rules' actor by a candidate at least this likely to be the actor
    actor_above: float = 1.01
    #: give an actor where the rules found none only this sure: an actor the rules could
    #: not find keeps an event that would otherwise be dropped, so it needs more evidence
    fill_actor_above: float = 1.01
    #: drop the rules' actor when the model gives all its mentions less than this
    drop_actor_below: float = 0.0
    #: a recipient at least this likely is taken when the rules give another or none
    recipient_above: float = 1.01
    #: drop a rule recipient that the model gives less than this
    drop_recipient_below: float = 0.0


@dataclass(slots=True)
class RoleCandidate:
    """One actor mention in an event's sentence, with its features."""

    mention: Mention
    actor_id: str
    country: str | None
    features: dict[str, float]


def _mention_root(doc: Any, mention: Mention) -> Token | None:
    span = doc.char_span(mention.span[0], mention.span[1], alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def _path(root: Token, head: Token, token: Token) -> tuple[str, str, str]:
    """How the mention hangs on the event: the dependency label of the step that reaches
    the trigger or its head ("other" when it never does, "contains" when the trigger lies
    inside the mention's phrase), the labels on the way (at most three), and the
    preposition nearest the trigger on that way ("" when none)."""
    steps: list[str] = []
    prep = ""
    node = root
    for _ in range(PATH_STEPS + 3):
        if node in (head, token):
            attach = steps[-1] if steps else "self"
            return attach, ">".join(steps[-PATH_STEPS:]), prep
        if node.head == node:
            break
        if node.dep_ in ("prep", "agent", "dative") and node.pos_ == "ADP":
            prep = node.lower_ if node.lower_ in ROLE_PREPS else "other"
        if node.dep_ not in ("conj", "appos", "compound", "cc"):  # a conjunct is its first
            steps.append(node.dep_)
        node = node.head
    if head in root.subtree or token in root.subtree:
        return "contains", "", ""
    return "other", "", ""


def _reporting_subject(ctx: Context, root: Token, head: Token) -> bool:
    """The mention is the subject of a reporting verb that the trigger hangs under."""
    verb = root.head
    if (
        root.dep_ not in ("nsubj", "nsubjpass")
        or verb.lemma_.lower() not in (ctx.lexicon.modality["report"])
    ):
        return False
    return verb in head.ancestors and verb != head


def role_features(
    ctx: Context,
    token: Token,
    head: Token,
    event_type: str,
    mention: Mention,
    rule_actor: Sequence[str],
    rule_recipient: Sequence[str],
) -> dict[str, float] | None:
    """The features of one candidate mention for the event at ``token`` (see the module
    docstring); None where the mention has no token."""
    root = _mention_root(token.doc, mention)
    if root is None:
        return None
    actor = ctx.actors.get(mention.actor_id)
    relation, path, prep = _path(root, head, token)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children)
    distance = abs(root.i - token.i)
    bucket = (
        "0-2" if distance <= 2 else "3-5" if distance <= 5 else "6-12" if distance <= 12 else "13+"
    )
    side = "before" if root.i < token.i else "after"
    kind = actor.kind if actor is not None else "none"
    f: dict[str, float] = {
        f"type={event_type}": 1.0,
        f"relation={relation}": 1.0,
        f"path={path}": 1.0,
        f"dep={root.dep_}": 1.0,
        f"prep={prep or 'none'}": 1.0,
        f"side={side}": 1.0,
        f"distance={bucket}": 1.0,
        f"kind={kind}": 1.0,
        f"sector={actor.sector if actor is not None else 'none'}": 1.0,
        f"how={mention.how}": 1.0,
        "has_country": float(actor is not None and bool(actor.country)),
        "noun_event": float(token.pos_ in ("NOUN", "PROPN", "ADJ") and head == token),
        "light_verb": float(head != token),
        "passive": float(passive),
        f"passive_{relation}": float(passive),
        "agent": float(relation == "agent"),
        "reporting_subject": float(_reporting_subject(ctx, root, head)),
        "quote_speaker": float(ctx.speaker_around(token.idx) == mention.actor_id),
        "rule_actor": float(mention.actor_id in rule_actor),
        "rule_recipient": float(mention.actor_id in rule_recipient),
        "inside_trigger_phrase": float(
            token.pos_ != "VERB" and root in token.subtree and root != token
        ),
        f"type_relation={event_type}_{relation}": 1.0,
        f"type_prep={event_type}_{prep or 'none'}_{side}": 1.0,
        f"relation_side={relation}_{side}": 1.0,
        f"rule={mention.actor_id in rule_actor:d}{mention.actor_id in rule_recipient:d}_{relation}": 1.0,
    }
    return f


def role_candidates(
    ctx: Context,
    token: Token,
    head: Token,
    event_type: str,
    rule_actor: Sequence[str],
    rule_recipient: Sequence[str],
) -> list[RoleCandidate]:
    """Every actor mention in the sentence of the event at ``token``, with its features."""
    sent = token.sent
    out: list[RoleCandidate] = []
    for mention in ctx.mentions_starting_in(sent.start_char, sent.end_char):
        features = role_features(ctx, token, head, event_type, mention, rule_actor, rule_recipient)
        if features is None:
            continue
        actor = ctx.actors.get(mention.actor_id)
        country = actor.country if actor is not None else None
        out.append(RoleCandidate(mention, mention.actor_id, country, features))
    return out


def build_estimator(seed: int = 0, c: float = 1.0) -> Any:
    """The reportable filter's estimator (named features, a logistic regression) with this
    model's regularisation."""
    from . import reportable

    return reportable.build_estimator(seed, c)


class RoleModel:
    def __init__(self, estimator: Any, settings: RoleSettings | None = None) -> None:
        self.estimator = estimator
        self.settings = settings or RoleSettings()

    def probabilities(self, rows: Sequence[Mapping[str, float]]) -> list[dict[str, float]]:
        """P(actor), P(recipient), P(none) for each row."""
        if not rows:
            return []
        classes = list(self.estimator.classes_)
        return [
            dict(zip(classes, map(float, p), strict=True))
            for p in self.estimator.predict_proba(list(rows))
        ]


def choose_roles(
    candidates: Sequence[RoleCandidate],
    probabilities: Sequence[Mapping[str, float]],
    actor: list[str],
    recipient: list[str],
    settings: RoleSettings,
) -> tuple[list[str], list[str]]:
    """The rules' actor and recipient, overridden where the model is sure enough: a
    candidate likely enough to be the actor replaces an actor the model does not back, an
    actor the model gives too little is dropped (an empty actor rather than an invented
    one), and the same for the recipient."""
    best: dict[str, dict[str, float]] = {}
    for candidate, p in zip(candidates, probabilities, strict=True):
        seen = best.setdefault(candidate.actor_id, {ACTOR: 0.0, RECIPIENT: 0.0})
        seen[ACTOR] = max(seen[ACTOR], p.get(ACTOR, 0.0))
        seen[RECIPIENT] = max(seen[RECIPIENT], p.get(RECIPIENT, 0.0))
    if not best:
        return actor, recipient
    actor_above = (
        settings.actor_above if actor else max(settings.actor_above, settings.fill_actor_above)
    )
    new_actor = _choose(best, ACTOR, actor, actor_above, settings.drop_actor_below)
    new_recipient = _choose(
        best, RECIPIENT, recipient, settings.recipient_above, settings.drop_recipient_below
    )
    new_recipient = [r for r in new_recipient if r not in new_actor]
    return new_actor, new_recipient


def _choose(
    best: Mapping[str, Mapping[str, float]],
    role: str,
    ruled: list[str],
    above: float,
    drop_below: float,
) -> list[str]:
    # only rule choices the model saw in the sentence can be judged; others stand
    judged = [a for a in ruled if a in best]
    kept = [a for a in ruled if a not in best or best[a][role] >= drop_below]
    sure = sorted((a for a in best if best[a][role] >= above), key=lambda a: -best[a][role])
    if sure and not any(best[a][role] >= above for a in judged):
        return [sure[0]]
    return kept


@functools.lru_cache(maxsize=1)
def load_role_model() -> RoleModel | None:
    """The shipped model and its settings, loaded once on first use; None where no model
    was built (the rules then stand alone)."""
    from .sentence_types import load_skops, models_folder

    folder = models_folder()
    if not (folder / MODEL_FILE).is_file():
        return None
    settings = RoleSettings()
    if (folder / SETTINGS_FILE).is_file():
        raw = json.loads((folder / SETTINGS_FILE).read_text(encoding="utf-8"))
        fields = RoleSettings.__dataclass_fields__
        settings = RoleSettings(**{k: float(v) for k, v in raw.items() if k in fields})
    return RoleModel(load_skops(folder / MODEL_FILE), settings)


def apply_role_model(
    ctx: Context,
    token: Token,
    head: Token,
    event_type: str,
    actor: list[str],
    recipient: list[str],
) -> tuple[list[str], list[str]]:
    """The event's actor and recipient after the learned check (unchanged where the stage
    runs without it); every candidate is written to ``ctx.role_log`` when one is kept (the
    training script reads it)."""
    if not ctx.use_roles and ctx.role_log is None:
        return actor, recipient
    candidates = role_candidates(ctx, token, head, event_type, actor, recipient)
    if ctx.role_log is not None:
        ctx.role_log.append((ctx.document, token, event_type, candidates))
    if not ctx.use_roles or not candidates or event_type in RECIPROCAL_TYPES:
        return actor, recipient
    model = load_role_model()
    if model is None:
        return actor, recipient
    probs = model.probabilities([c.features for c in candidates])
    return choose_roles(candidates, probs, actor, recipient, model.settings)
