"""BENCHMARKS.md is written by more than one benchmark: ``make bench`` (``run.py``) writes the
whole file, ``make bench-store`` (``store_bench.py``) its own section. Each keeps the other's.

A section runs from its ``## `` heading to the next ``## `` heading or the end of the file.
"""

from __future__ import annotations

#: the heading of the section ``store_bench.py --write`` owns
STORE_HEADING = "## Store queries (`make bench-store`)"


def section(text: str, heading: str) -> str | None:
    """The section of ``text`` under ``heading`` (heading included), or None."""
    start = text.find(heading + "\n")
    if start < 0:
        return None
    end = text.find("\n## ", start + len(heading))
    return text[start:] if end < 0 else text[start : end + 1]


def replace_section(text: str, heading: str, body: str) -> str:
    """``text`` with its section under ``heading`` replaced by ``body`` (which starts with the
    heading), or with ``body`` added at the end."""
    old = section(text, heading)
    body = body.rstrip("\n") + "\n"
    if old is None:
        return text.rstrip("\n") + "\n\n" + body
    followed = not text.endswith(old)  # another section comes after: keep a blank line
    return text.replace(old, body + ("\n" if followed else ""), 1)
