"""Figures told with an event: numbers in its sentence with their qualifier ("at least"),
unit, currency and scale ("$40bn"), and whether they count casualties."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...document import Quantity
from ...numbers import number_value

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .context import Candidate, Context

CURRENCIES = {"$": "USD", "£": "GBP", "€": "EUR"}
VAGUE_COUNTS = {"dozens": 24.0, "hundreds": 200.0, "thousands": 2000.0}


def quantities_of(ctx: Context, candidate: Candidate) -> list[Quantity]:
    sent = candidate.token.sent
    scale = ctx.tables.scale
    out: list[Quantity] = []
    for token in sent:
        if not token.like_num or token.ent_type_ in ("DATE", "TIME", "ORDINAL", "PERCENT"):
            continue
        if token.dep_ != "nummod" and token.ent_type_ not in ("CARDINAL", "MONEY", "QUANTITY"):
            continue
        if ctx.in_a_date(token.idx):
            continue
        if token.i > 0 and token.doc[token.i - 1].lower_ in ("the", "these", "those"):
            continue
        value = _number(token, scale)
        if value is None:
            continue
        unit_token = token.head if token.dep_ == "nummod" else None
        if token.dep_ == "compound" and token.head.like_num:
            continue
        start = token.idx
        qualifier = None
        for phrase in ctx.tables.qualifiers:
            size = len(phrase.split())
            first = token.i - size
            if first >= sent.start and token.doc[first : token.i].text.lower() == phrase:
                qualifier = phrase
                start = token.doc[first].idx
                break
        if token.i > 0 and token.doc[token.i - 1].text in CURRENCIES:
            unit = CURRENCIES[token.doc[token.i - 1].text]
            start = min(start, token.doc[token.i - 1].idx)
            end = token.idx + len(token.text)
            nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
            if nxt is not None and nxt.lower_ in scale:
                value *= scale[nxt.lower_]
                end = nxt.idx + len(nxt.text)
            out.append(Quantity(value, qualifier, unit, (start, end), None))
            continue
        if unit_token is None or unit_token.pos_ not in ("NOUN", "PROPN"):
            continue
        words = [unit_token] + [c for c in unit_token.children if c.dep_ == "conj"]
        unit_tokens = [t for t in token.doc[token.i + 1 : max(t.i for t in words) + 1]]
        unit = " ".join(t.text for t in unit_tokens if not t.is_punct or t.text == "-").strip()
        unit = unit or unit_token.text
        end = max(t.idx + len(t.text) for t in words)
        kind = _casualty_kind(ctx, unit_token)
        out.append(Quantity(value, qualifier, unit, (start, end), kind))
    return out


def _casualty_kind(ctx: Context, noun: Token) -> str | None:
    nearby = [noun.head, *noun.head.children, *noun.children]
    if noun.head.head != noun.head:
        nearby.append(noun.head.head)
    for kind, words in ctx.tables.casualty_words.items():
        if any(t.lemma_.lower() in words or t.lower_ in words for t in nearby):
            return kind
    return None


def _number(token: Token, scale: dict[str, float]) -> float | None:
    """A figure written in digits ("550", "40bn", "1,200") or words ("five", "dozens")."""
    text = token.text.lower().replace(",", "")
    match = re.match(r"^(\d+(?:\.\d+)?)(m|bn|k|tn)?$", text)
    if match:
        value = float(match.group(1))
        if match.group(2):
            value *= scale[match.group(2)]
        return value
    if text in VAGUE_COUNTS:
        return VAGUE_COUNTS[text]
    return number_value(text)
