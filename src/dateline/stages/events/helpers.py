"""Small helpers shared by the event modules: paths in the parse, order-keeping de-duplication,
token offsets and the distance between two days."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


def path_to_root(token: Token) -> list[Token]:
    path = [token]
    while path[-1].head != path[-1] and len(path) < 12:
        path.append(path[-1].head)
    return path


def prepositions(token: Token) -> list[Token]:
    """The prepositions a word governs, including those under a "by phone" or "via video
    link" phrase ("spoke by phone with X")."""
    out = []
    for child in token.children:
        if child.dep_ not in ("prep", "agent"):
            continue
        out.append(child)
        if child.lower_ in ("by", "over", "via"):
            out.extend(g for obj in child.children for g in obj.children if g.dep_ == "prep")
    return out


def unique(items: list[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def token_span(token: Token) -> tuple[int, int]:
    return token.idx, token.idx + len(token.text)


def days_apart(a: str, b: str) -> int:
    try:
        return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days)
    except ValueError:
        return 99
