"""The event stage's own tables: word lists for sides, frames and figures, and the PLOVER
re-coding rules. Read once from ``knowledge/data`` when the stage is initialised."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ...errors import Code, DatelineError
from ...knowledge.tsv import read_table, split_list

#: the tests a row of coding_rules.tsv may name in its ``condition`` column
CONDITIONS = ("", "own_threat", "refusal")


@dataclass(frozen=True, slots=True)
class CodingRule:
    """One row of ``coding_rules.tsv``: events of ``types`` with a modality in ``modality``
    that pass ``condition`` become ``type`` with ``cameo`` and ``mode``."""

    types: frozenset[str]
    modality: frozenset[str]
    condition: str
    type: str
    cameo: str
    mode: tuple[str, ...]
    to_modality: str


@dataclass(frozen=True, slots=True)
class EventTables:
    #: word lists by class (event_words.tsv): enemy, blame, pair, remote, intent, readiness
    words: dict[str, frozenset[str]]
    #: qualifier phrases before a figure, in the order they are tried
    qualifiers: tuple[str, ...]
    #: scale word or suffix -> multiplier
    scale: dict[str, float]
    #: casualty kind -> words, in the order they are tried
    casualty_words: dict[str, frozenset[str]]
    coding_rules: tuple[CodingRule, ...]
    #: words that make a statement a speech act, by class (speech_acts.tsv): denial,
    #: culpable, accusation, vow, coercive
    speech: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def load_event_tables() -> EventTables:
    words = {
        row["class"]: frozenset(split_list(row["words"])) for row in read_table("event_words.tsv")
    }
    qualifiers = tuple(row["phrase"] for row in read_table("quantity_qualifiers.tsv"))
    scale = {row["word"]: float(row["multiplier"]) for row in read_table("quantity_scale.tsv")}
    casualty = {
        row["kind"]: frozenset(split_list(row["words"])) for row in read_table("casualty_words.tsv")
    }
    rules = tuple(
        CodingRule(
            types=frozenset(split_list(row["types"])),
            modality=frozenset(split_list(row["modality"])),
            condition=row["condition"] or "",
            type=row["type"],
            cameo=row["cameo"],
            mode=split_list(row["mode"]),
            to_modality=row["to_modality"] or "",
        )
        for row in read_table("coding_rules.tsv")
    )
    speech = {row["class"]: split_list(row["words"]) for row in read_table("speech_acts.tsv")}
    for rule in rules:
        if rule.condition not in CONDITIONS:
            raise DatelineError(
                Code.BAD_TABLE,
                f"coding_rules.tsv names an unknown condition {rule.condition!r}; "
                f"use one of {', '.join(c for c in CONDITIONS if c)} or leave the cell empty",
            )
    return EventTables(
        words=words,
        qualifiers=qualifiers,
        scale=scale,
        casualty_words=casualty,
        coding_rules=rules,
        speech=speech,
    )
