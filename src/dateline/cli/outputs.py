"""Where ``extract --out`` writes: one JSON file per article, under a name that is unique in
the run and the same on every run with the same inputs, written whole or not at all.

- ``a.txt``, ``a.html`` and ``a.atom`` would all be ``a.json``: inputs whose names collide
  keep their extension (``a.txt.json``, ``a.html.json``, ...), and names that still collide
  (``x/k/article.txt`` and ``y/k/article.txt``) get a short hash of the full path.
- An input with several articles gives ``<name>-<article id>.json``; two articles with one id
  (one URL twice in a feed) get ``-2``, ``-3``, ... in input order, so neither is lost.
- Each file is written to a new temporary name in the folder and renamed over the target:
  a full disk leaves no truncated JSON, and a symbolic link already at the target is
  replaced, never followed.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path


def output_name(path: Path) -> str:
    """``DIR/<name>.json``: the parent folder's name for ``article.txt``, else the stem."""
    if path.name == "article.txt" and path.parent.name:
        return path.resolve().parent.name
    return path.stem


def _key(name: str) -> str:
    return name.casefold()  # file systems that ignore case must not merge two names either


def unique_names(paths: Iterable[Path]) -> dict[Path, str]:
    """An output name for each input path, unique (ignoring case) among ``paths``."""
    paths = list(dict.fromkeys(paths))
    names = {path: output_name(path) for path in paths}
    for refine in (_with_extension, _with_path_hash):
        counts = Counter(_key(name) for name in names.values())
        for path in paths:
            if counts[_key(names[path])] > 1:
                names[path] = refine(path, names[path])
    return names


def _with_extension(path: Path, name: str) -> str:
    return f"{name}{''.join(path.suffixes[-1:])}" if path.suffix else name


def _with_path_hash(path: Path, name: str) -> str:
    digest = hashlib.sha1(str(path.resolve()).encode("utf-8", "surrogateescape")).hexdigest()
    return f"{name}-{digest[:8]}"


class RunNames:
    """The names given so far in one run: ``claim`` returns ``name``, or ``name-2``,
    ``name-3`` ... when it was given already (one URL twice in a feed gives one article id
    twice), so no file of the run overwrites another."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def claim(self, name: str) -> str:
        chosen, repeat = name, 1
        while _key(chosen) in self.taken:
            repeat += 1
            chosen = f"{name}-{repeat}"
        self.taken.add(_key(chosen))
        return chosen


def write_atomically(folder: Path, file_name: str, text: str) -> Path:
    """Write ``text`` to ``folder/file_name`` through a temporary file and a rename.

    Raises OSError (a full disk, permissions); the target is then untouched and the
    temporary file removed."""
    target = folder / file_name
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{file_name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)  # replaces a link at the target; never follows it
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
