"""Whether an event the rule coder found is a reportable news event that gold would list:
not background ("since Russia invaded"), not an analyst's speculation, not a retelling of an
event the article already reported.

A logistic regression over features of the event and its sentence (:func:`event_features`):
type, modality and confidence; the trigger's part of speech, tense and aspect and its
lexicon class (CAMEO root and prior) rather than the word itself; clause markers between
the trigger and its sentence root; where the sentence sits in the article; how far the
event's date lies from publication; whether an earlier event has the same type and
overlapping sides; and the sentence model's probability for the event's type.

Labels (``scripts/train_event_models.py``): the rule coder's events on the tune reports,
positive when paired with a required or optional gold event, negative otherwise.
The model (``models/reportable.skops``) loads lazily, once, on first use.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .sentence_types import load_skops, models_folder

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..document import Document, Event

MODEL_FILE = "reportable.skops"
CLAUSE_MARKERS = {
    "since",
    "after",
    "before",
    "until",
    "following",
    "despite",
    "when",
    "while",
    "if",
    "unless",
    "as",
    "because",
    "amid",
    "during",
}
SUBORDINATE_DEPS = {"advcl", "relcl", "acl", "ccomp", "xcomp", "pcomp", "pobj", "csubj", "conj"}


def _trigger_token(document: Document, event: Event) -> Token | None:
    if document.doc is None:
        return None
    span = document.doc.char_span(*event.trigger, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def _days_before_publication(document: Document, event: Event) -> int | None:
    published = document.article.published
    if event.date is None or event.date.value is None or published is None:
        return None
    try:
        day = dt.date.fromisoformat((event.date.value + "-01-01")[:10])
    except ValueError:
        return None
    return (published - day).days


def _sides(event: Event) -> set[str]:
    return set(event.actor) | set(event.recipient)


def event_features(
    document: Document,
    event: Event,
    sentence_probs: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """The features of one event (see the module docstring); all names are strings that
    carry no article-specific word."""
    from ..knowledge.lexicon import load_lexicon

    f: dict[str, float] = {
        f"type={event.type}": 1.0,
        f"modality={event.modality}": 1.0,
        f"type_modality={event.type}_{event.modality}": 1.0,
        "confidence": event.confidence,
        "has_actor": float(bool(event.actor)),
        "has_recipient": float(bool(event.recipient)),
        "has_date": float(event.date is not None),
        "has_place": float(event.place is not None),
        "quantities": min(len(event.quantities), 3) / 3,
        "reported": float(event.reported_by is not None),
        "more_evidence": min(len(event.more_evidence), 3) / 3,
    }
    days = _days_before_publication(document, event)
    if days is not None:
        bucket = "future" if days < 0 else "0-2" if days <= 2 else "3-14" if days <= 14 else "old"
        f[f"date_age={bucket}"] = 1.0
    # position in the article
    n_chars = max(len(document.text), 1)
    f["position"] = event.sentence[0] / n_chars
    sentences = list(document.doc.sents) if document.doc is not None else []
    index = next((i for i, s in enumerate(sentences) if s.start_char >= event.sentence[0]), 0)
    f["first_sentences"] = float(index < 3)
    # earlier events
    earlier = [e for e in document.events if e is not event and e.sentence[0] < event.sentence[0]]
    same_type = [e for e in earlier if e.type == event.type]
    f["earlier_same_type"] = min(len(same_type), 3) / 3
    f["earlier_same_sides"] = float(any(_sides(e) & _sides(event) for e in same_type))
    same_sentence = [e for e in document.events if e.sentence == event.sentence]
    f["events_in_sentence"] = min(len(same_sentence), 4) / 4
    f["inside_quote"] = float(
        any(q.span[0] <= event.trigger[0] < q.span[1] for q in document.quotes)
    )
    # the trigger and its clause
    token = _trigger_token(document, event)
    if token is not None:
        f[f"pos={token.pos_}"] = 1.0
        f[f"dep={token.dep_}"] = 1.0
        verb = token if token.pos_ in {"VERB", "AUX"} else token.head
        f[f"verb_tag={verb.tag_}"] = 1.0
        for child in verb.children:
            if child.dep_ in {"aux", "auxpass"}:
                f[f"aux={child.lemma_.lower()}"] = 1.0
            if child.dep_ == "neg":
                f["negated_verb"] = 1.0
        path = [token, *token.ancestors]
        for step in path:
            if step.dep_ in SUBORDINATE_DEPS:
                f[f"clause={step.dep_}"] = 1.0
            for child in step.children:
                if (
                    child.dep_ in {"mark", "prep", "advmod"}
                    and child.lemma_.lower() in CLAUSE_MARKERS
                ):
                    f[f"marker={child.lemma_.lower()}"] = 1.0
            if step.dep_ == "prep" and step.lemma_.lower() in CLAUSE_MARKERS:
                f[f"marker={step.lemma_.lower()}"] = 1.0
        f["depth"] = min(len(path) - 1, 6) / 6
        for sibling in token.sent:
            if sibling.tag_ == "MD":
                f[f"sentence_modal={sibling.lemma_.lower()}"] = 1.0
        entries = load_lexicon().triggers.get((token.lemma_.lower(), token.pos_), ())
        entry = next((t for t in entries if t.type == event.type), None)
        if entry is not None:
            f[f"cameo_root={entry.cameo[:2]}"] = 1.0
            f["lexicon_prior"] = entry.prior
        else:
            f["not_in_lexicon"] = 1.0
    if sentence_probs:
        p_type = sentence_probs.get(event.type, 0.0)
        f["p_type"] = p_type
        f["p_none"] = sentence_probs.get("NONE", 0.0)
        best = max(sentence_probs, key=lambda k: sentence_probs[k])
        f["type_is_best"] = float(best == event.type)
        f["none_is_best"] = float(best == "NONE")
    return f


def build_estimator(seed: int = 0, c: float = 0.5) -> Any:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    return Pipeline(
        [
            ("features", DictVectorizer()),
            ("classifier", LogisticRegression(C=c, max_iter=3000, random_state=seed)),
        ]
    )


class ReportableModel:
    def __init__(self, estimator: Any) -> None:
        self.estimator = estimator

    def probabilities(self, rows: Sequence[Mapping[str, float]]) -> list[float]:
        if not rows:
            return []
        positive = list(self.estimator.classes_).index(1)
        return [float(p[positive]) for p in self.estimator.predict_proba(list(rows))]


@functools.lru_cache(maxsize=1)
def load_reportable_model() -> ReportableModel:
    """The shipped model, loaded once on first use."""
    return ReportableModel(load_skops(models_folder() / MODEL_FILE))
