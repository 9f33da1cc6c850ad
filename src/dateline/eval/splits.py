"""Tune and check parts of the development data: one fixed rule, shared by every scorer,
training script and the quality gate.

Rules and models are tuned and trained on the **tune** part only. The **check** part is
scored in aggregate and never read case by case: a gap between the two parts is
over-fitting, whatever the tuning score.

The rule is a property of an item's name, so it never changes when items are added:

- reports (a folder holding ``gold.json``): the seed is always tune; any other report is
  check when ``crc32(folder name) % 3 == 0`` (about a third);
- sentences (PLV rows, PLOVER GSR records): check when ``crc32(id) % 5 == 0`` (about a fifth);
- TimeML files (TBAQ-cleaned): a fixed half by corpus, the folder a file sits in: AQUAINT is
  check, TimeBank (and anything else) is tune. The two corpora come from different newswire
  sources and years, so a rule tuned on TimeBank that holds on AQUAINT generalises.

>>> split_of_report("seed")
'tune'
>>> split_of_sentence("example-1") in {"tune", "check"}
True
>>> split_of_timebank("tbaq-cleaned/AQUAINT/APW19980807.0261.tml")
'check'
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Literal, TypeVar

Split = Literal["tune", "check"]
SPLITS: tuple[str, ...] = ("tune", "check", "all")

T = TypeVar("T")

#: reports that are always in the tune part (the seed pins the required behaviour)
ALWAYS_TUNE = {"seed"}

#: TimeML corpora (folders of TBAQ-cleaned) whose files are the check part
CHECK_TIMEML_CORPORA = {"AQUAINT"}


def _bucket(name: str, parts: int) -> int:
    return zlib.crc32(name.encode("utf-8")) % parts


def split_of_report(name: str) -> Split:
    """The part a report folder (named by its last path component) belongs to."""
    name = Path(name).name
    if name in ALWAYS_TUNE:
        return "tune"
    return "check" if _bucket(name, 3) == 0 else "tune"


def split_of_sentence(item_id: str) -> Split:
    """The part a sentence-level gold item (a PLV row id, a GSR record id) belongs to."""
    return "check" if _bucket(str(item_id), 5) == 0 else "tune"


def split_of_timebank(path: str | Path) -> Split:
    """The part a TimeML ``.tml`` file belongs to, by the corpus folder it sits in."""
    return "check" if Path(path).parent.name in CHECK_TIMEML_CORPORA else "tune"


def check_split(split: str) -> str:
    """``split`` itself, or a ValueError naming the choices."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; choose one of {', '.join(SPLITS)}")
    return split


def in_split(part: Split, split: str) -> bool:
    """Whether an item in ``part`` is selected by ``split`` (tune, check or all)."""
    return check_split(split) == "all" or part == split


def select_reports(paths: Iterable[T], split: str) -> list[T]:
    """The report folders (or their gold files) of ``paths`` that fall in ``split``."""
    chosen = []
    for path in paths:
        folder = Path(str(path))
        if folder.suffix == ".json":
            folder = folder.parent
        if in_split(split_of_report(folder.name), split):
            chosen.append(path)
    return chosen
