"""Which PLOVER type a sentence reports, or NONE: a TF-IDF + logistic regression model.

Features generalise beyond the words of the training articles: lemmas with named entities
replaced by their label (``ENT_GPE``), numbers folded to ``NUM``, lemma bigrams, and a second
field of parse features (the root verb lemma, its dependents' lemmas by relation, the
negation, modal and passive cues, the tense of the root).

PLV labels CONCEDE and RETREAT together as YIELD, so the model learns one YIELD class; its
probability goes to RETREAT when the sentence has a lemma of ``data/yield_split.tsv``
(withdraw, release, lift ...), to CONCEDE otherwise.

The model (``models/sentence_types.skops``, written by ``scripts/train_event_models.py``)
loads lazily, once, on first use.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..eval.gold import PLOVER_TYPES
from .corpus import NONE, YIELD

if TYPE_CHECKING:
    from spacy.tokens import Span

MODEL_FILE = "sentence_types.skops"
#: every label :meth:`SentenceTypeModel.probabilities` returns
LABELS: tuple[str, ...] = (*PLOVER_TYPES, NONE)
ENTITY_LABELS = {"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC"}
ROOT_DEPS = {
    "nsubj",
    "nsubjpass",
    "dobj",
    "xcomp",
    "ccomp",
    "prep",
    "agent",
    "attr",
    "acomp",
    "advcl",
    "dative",
    "prt",
    "oprd",
}


def models_folder() -> Path:
    return Path(str(resources.files("dateline.learned").joinpath("models")))


@functools.lru_cache(maxsize=1)
def retreat_lemmas() -> frozenset[str]:
    text = resources.files("dateline.learned").joinpath("data/yield_split.tsv").read_text("utf-8")
    rows = [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]
    return frozenset(rows[1:])


def _word(token: Any) -> str | None:
    if token.is_punct or token.is_space:
        return None
    if token.ent_type_ in ENTITY_LABELS:
        return "ENT_" + token.ent_type_
    if token.like_num or token.pos_ == "NUM":
        return "NUM"
    return token.lemma_.lower()


def lemma_field(sent: Span) -> str:
    """Lemmas in order, entities and numbers folded; a run of one entity gives one word."""
    words: list[str] = []
    for token in sent:
        word = _word(token)
        if word is None:
            continue
        if word.startswith("ENT_") and token.ent_iob_ == "I" and words and words[-1] == word:
            continue
        words.append(word)
    return " ".join(words)


def parse_field(sent: Span) -> str:
    """The root verb, its dependents by relation, negation, modals, passive and tense."""
    root = sent.root
    out = [f"ROOT_{root.lemma_.lower()}", f"TAG_{root.tag_}"]
    heads = [root, *[c for c in root.children if c.dep_ in {"xcomp", "ccomp", "conj"}]]
    for head in heads:
        for child in head.children:
            if child.dep_ in ROOT_DEPS:
                word = _word(child) or child.lemma_.lower()
                out.append(f"{child.dep_}_{word}")
                if child.dep_ in {"xcomp", "ccomp"}:
                    out.append(f"COMP_{head.lemma_.lower()}_{child.lemma_.lower()}")
                if child.dep_ == "prep":
                    objects = [g for g in child.children if g.dep_ == "pobj"]
                    if objects:
                        out.append(f"P_{child.lemma_.lower()}_{_word(objects[0]) or 'x'}")
    for token in sent:
        if token.dep_ == "neg":
            out.append("NEG")
        elif token.tag_ == "MD":
            out.append(f"MD_{token.lemma_.lower()}")
        elif token.dep_ in {"nsubjpass", "auxpass"}:
            out.append("PASSIVE")
        if token.pos_ == "VERB":
            out.append(f"V_{token.lemma_.lower()}")
    return " ".join(out)


def sentence_features(sent: Span) -> tuple[str, str]:
    return lemma_field(sent), parse_field(sent)


def features_from_lemmas(lemmas: Iterable[str]) -> tuple[str, str]:
    """Features when only the lemmas are at hand (no parse): an empty parse field."""
    return " ".join(lemma.lower() for lemma in lemmas if lemma.strip()), ""


def build_estimator(seed: int = 0, c: float = 4.0) -> Any:
    """The untrained pipeline: two TF-IDF fields, then a balanced logistic regression."""
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    features = ColumnTransformer(
        [
            (
                "lemmas",
                TfidfVectorizer(
                    token_pattern=r"\S+",
                    ngram_range=(1, 2),
                    min_df=2,
                    max_features=8000,
                    sublinear_tf=True,
                ),
                0,
            ),
            (
                "parse",
                TfidfVectorizer(
                    token_pattern=r"\S+", min_df=2, max_features=4000, sublinear_tf=True
                ),
                1,
            ),
        ]
    )
    classifier = LogisticRegression(C=c, class_weight="balanced", max_iter=3000, random_state=seed)
    return Pipeline([("features", features), ("classifier", classifier)])


def as_matrix(rows: Sequence[tuple[str, str]]) -> Any:
    import numpy as np

    matrix = np.empty((len(rows), 2), dtype=object)
    for i, (lemmas, parse) in enumerate(rows):
        matrix[i, 0], matrix[i, 1] = lemmas, parse
    return matrix


def load_skops(path: Path) -> Any:
    """A skops file whose types are all scikit-learn's, numpy's or scipy's; anything else
    is refused rather than trusted."""
    import skops.io as sio

    if not path.is_file():
        raise FileNotFoundError(
            f"no model at {path}; run scripts/train_event_models.py to build it"
        )
    untrusted = sio.get_untrusted_types(file=path)
    unknown = [t for t in untrusted if not t.startswith(("sklearn.", "numpy.", "scipy."))]
    if unknown:
        raise ValueError(f"{path} holds types that are not scikit-learn's: {unknown}")
    return sio.load(path, trusted=untrusted)


class SentenceTypeModel:
    """A trained estimator plus the YIELD split; probabilities over :data:`LABELS`."""

    def __init__(self, estimator: Any) -> None:
        self.estimator = estimator

    @classmethod
    def load(cls, path: Path | None = None) -> SentenceTypeModel:
        return cls(load_skops(path or models_folder() / MODEL_FILE))

    def probabilities(self, sent: Span) -> dict[str, float]:
        return self.probabilities_many([sent])[0]

    def probabilities_many(self, sents: Sequence[Span]) -> list[dict[str, float]]:
        rows = [sentence_features(s) for s in sents]
        retreat = [any(t.lemma_.lower() in retreat_lemmas() for t in s) for s in sents]
        return self.probabilities_of_features(rows, retreat)

    def probabilities_of_features(
        self, rows: Sequence[tuple[str, str]], retreat: Sequence[bool]
    ) -> list[dict[str, float]]:
        if not rows:
            return []
        matrix = self.estimator.predict_proba(as_matrix(rows))
        classes = list(self.estimator.classes_)
        return [
            split_yield(dict(zip(classes, map(float, p), strict=True)), r)
            for p, r in zip(matrix, retreat, strict=True)
        ]


def split_yield(by_class: dict[str, float], retreat: bool) -> dict[str, float]:
    """Probabilities over :data:`LABELS`: YIELD's goes to RETREAT or CONCEDE."""
    out = {label: by_class.get(label, 0.0) for label in LABELS}
    out["RETREAT" if retreat else "CONCEDE"] += by_class.get(YIELD, 0.0)
    return out


@functools.lru_cache(maxsize=1)
def load_sentence_model() -> SentenceTypeModel:
    """The shipped model, loaded once on first use."""
    return SentenceTypeModel.load()
