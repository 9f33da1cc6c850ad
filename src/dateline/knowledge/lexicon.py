"""The event lexicons: trigger words, word classes, light verbs and modality cues.

Each table is a TSV in ``knowledge/data`` with a header comment saying what it holds; they
are read once, on demand, by :func:`load_lexicon`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .tsv import read_table, split_list


@dataclass(frozen=True, slots=True)
class Trigger:
    lemma: str
    pos: str
    type: str
    mode: tuple[str, ...]
    context: tuple[str, ...]
    cameo: str
    needs: str
    prior: float


@dataclass(frozen=True, slots=True)
class Lexicon:
    #: (lemma, pos) -> triggers; a phrasal verb is keyed by "lemma particle"
    triggers: dict[tuple[str, str], tuple[Trigger, ...]]
    classes: dict[str, frozenset[str]]
    light_verbs: frozenset[str]
    modality: dict[str, frozenset[str]]
    #: evaluative words by class: allege, disapprove, support
    evaluative: dict[str, frozenset[str]]

    def in_class(self, word: str, name: str) -> bool:
        return word.lower() in self.classes.get(name, frozenset())


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    triggers: dict[tuple[str, str], list[Trigger]] = {}
    for row in read_table("triggers.tsv"):
        trigger = Trigger(
            lemma=row["lemma"],
            pos=row["pos"],
            type=row["type"],
            mode=split_list(row["mode"]),
            context=split_list(row["context"]),
            cameo=row["cameo"],
            needs=row["needs"] or "",
            prior=float(row["prior"]),
        )
        triggers.setdefault((trigger.lemma, trigger.pos), []).append(trigger)
    classes = {
        row["class"]: frozenset(split_list(row["words"])) for row in read_table("word_classes.tsv")
    }
    light = frozenset(row["lemma"] for row in read_table("light_verbs.tsv"))
    modality = {
        row["class"]: frozenset(split_list(row["words"])) for row in read_table("modality.tsv")
    }
    evaluative = {
        row["class"]: frozenset(split_list(row["words"])) for row in read_table("evaluative.tsv")
    }
    return Lexicon(
        triggers={k: tuple(v) for k, v in triggers.items()},
        classes=classes,
        light_verbs=light,
        modality=modality,
        evaluative=evaluative,
    )


@lru_cache(maxsize=1)
def load_calibration() -> list[tuple[float, float]]:
    """(upper raw score, probability right) rows of ``calibration.tsv``, in order; empty
    when the table has not been written yet."""
    try:
        rows = read_table("calibration.tsv")
    except FileNotFoundError:
        return []
    return [(float(r["upper"]), float(r["probability"])) for r in rows]
