"""Closed word lists of the actor and quote stages, read from ``knowledge/data``.

Each table says its source and format in its header. The stages call these loaders from
their ``initialize``; each table is read once per process.
"""

from __future__ import annotations

from functools import cache, lru_cache

from .lexicon import read_table


def split_cell(cell: str | None) -> tuple[str, ...]:
    """The parts of a ``|``-separated cell, without empty ones."""
    return tuple(part.strip() for part in (cell or "").split("|") if part.strip())


@cache
def load_word_classes(name: str) -> dict[str, frozenset[str]]:
    """Words by class from a ``class``/``words`` table such as ``actor_words.tsv``."""
    return {row["class"]: frozenset(split_cell(row["words"])) for row in read_table(name)}


@lru_cache(maxsize=1)
def load_pronoun_rows() -> tuple[tuple[str, str, frozenset[str]], ...]:
    """(word, refers_to, uses) rows of ``pronouns.tsv``."""
    return tuple(
        (row["word"], row["refers_to"], frozenset(split_cell(row["uses"])))
        for row in read_table("pronouns.tsv")
    )
