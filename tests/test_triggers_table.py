"""Every row of ``triggers.tsv`` is a PLOVER type, with modes of that type (``plover_modes.tsv``,
from the PLOVER manual) and a ``needs`` condition the trigger lookup understands, naming only
classes of ``word_classes.tsv``. The event stage's own tables are checked the same way."""

from __future__ import annotations

import pytest

from dateline.eval.gold import PLOVER_TYPES
from dateline.knowledge.lexicon import read_table
from dateline.stages.events.tables import CONDITIONS, load_event_tables

CLASS_NEEDS = ("obj", "noobj", "subj")
BARE_NEEDS = ("", "future", "xcomp", "visit")


def _split(cell: str | None) -> list[str]:
    return [part for part in (cell or "").split("|") if part]


def _modes_of_type() -> dict[str, set[str]]:
    return {row["type"]: set(_split(row["modes"])) for row in read_table("plover_modes.tsv")}


def _word_classes() -> set[str]:
    return {row["class"] for row in read_table("word_classes.tsv")}


TRIGGERS = read_table("triggers.tsv")


def _row_id(row: dict[str, str]) -> str:
    return f"{row['lemma']}/{row['pos']}/{row['type']}"


def test_plover_modes_table_covers_every_type() -> None:
    assert set(_modes_of_type()) == set(PLOVER_TYPES)


@pytest.mark.parametrize("row", TRIGGERS, ids=_row_id)
def test_trigger_row(row: dict[str, str]) -> None:
    modes = _modes_of_type()
    assert row["type"] in modes, f"unknown PLOVER type {row['type']!r}"
    for mode in _split(row["mode"]):
        assert mode in modes[row["type"]], f"{mode!r} is no mode of {row['type']}"
    assert row["pos"] in ("VERB", "NOUN", "ADJ")
    assert 0.0 <= float(row["prior"]) <= 1.0
    needs = row["needs"] or ""
    if needs in BARE_NEEDS:
        return
    kind, _, value = needs.partition("=")
    assert value, f"needs {needs!r} has no value"
    if kind == "prep":
        assert all(p.isalpha() for p in value.split("|"))
        return
    assert kind in CLASS_NEEDS, f"unknown needs kind {kind!r}"
    unknown = set(value.split("|")) - _word_classes()
    assert not unknown, f"needs {needs!r} names classes not in word_classes.tsv: {unknown}"


def test_coding_rules_are_plover() -> None:
    modes = _modes_of_type()
    modalities = {"asserted", "negated", "intended", "hypothetical", "generic"}
    rules = load_event_tables().coding_rules
    assert rules
    for rule in rules:
        assert rule.types <= set(PLOVER_TYPES)
        assert rule.type in PLOVER_TYPES
        assert set(rule.mode) <= modes[rule.type]
        assert rule.modality <= modalities
        assert rule.to_modality in modalities | {""}
        assert rule.condition in CONDITIONS


def test_event_words_have_every_class_the_stage_reads() -> None:
    words = load_event_tables().words
    assert {"enemy", "blame", "pair", "remote", "intent", "readiness"} <= set(words)
    assert all(words.values())
