"""Find the stretches of text between quotation marks.

Curly (“ ” ‘ ’), straight (" ') and typewriter (`` '') marks are all read. Double marks are read
first; single marks count as quotation marks only outside double ones (headlines and British
style), and only where they open at a word start and close at a word end, so that apostrophes
(it’s, Clintons’ campaign) are not taken for quotes. A quote that runs over several paragraphs
(an opening mark with no closing one, and the next paragraph opening again) gives one stretch
per paragraph, chained together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...document import Span

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "\"'`"

_DOUBLE_MARK = re.compile(r"``|''|[“”„«»\"]")
_PARAGRAPH = re.compile(r"[^\n]+")
#: a single-quoted stretch is a phrase or a sentence, never a whole page of text
MAX_SINGLE_CHARS = 300


@dataclass(slots=True)
class QuotedSpan:
    """The words between two quotation marks (``span``) and the marks around them (``outer``)."""

    span: Span
    outer: Span
    paragraph: int
    #: index of the previous part of a quote running over several paragraphs, else None
    continues: int | None = None
    closed: bool = True


def paragraphs(text: str) -> list[Span]:
    """Every non-empty line of the text; news texts put one paragraph on a line."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _opens(mark: str, text: str, at: int, end: int) -> bool:
    """Whether an ambiguous mark (" or '') at ``at`` reads as an opening one."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + len(mark)] if at + len(mark) < end else " "
    return (before.isspace() or before in "([{—–-/:") and not after.isspace()


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """All quoted stretches of ``text``, in order."""
    found: list[QuotedSpan] = []
    pending: int | None = None  # index in found of an unclosed quote from the last paragraph
    for number, (p_start, p_end) in enumerate(paragraphs(text)):
        double = _double_quotes(text, p_start, p_end, number)
        single = _single_quotes(text, p_start, p_end, number, [q.outer for q in double])
        items = sorted(double + single, key=lambda q: q.span[0])
        first = _strip(text, p_start, p_end)[0]
        if pending is not None and items and items[0].outer[0] == first:
            items[0].continues = pending
        pending = None
        for offset, quoted in enumerate(items):
            if not quoted.closed:
                pending = len(found) + offset
        found.extend(items)
    return found


def _double_quotes(text: str, p_start: int, p_end: int, number: int) -> list[QuotedSpan]:
    spans: list[QuotedSpan] = []
    open_at: int | None = None
    open_len = 0
    for match in _DOUBLE_MARK.finditer(text, p_start, p_end):
        mark, at = match.group(), match.start()
        if mark in DOUBLE_OPEN or mark == "``":
            is_open = True
        elif mark in DOUBLE_CLOSE:
            is_open = False
        else:  # " or '' : an opening mark when nothing is open and it reads as one
            is_open = open_at is None and (_opens(mark, text, at, p_end) or mark == '"')
        if is_open and open_at is None:
            open_at, open_len = at, len(mark)
        elif not is_open and open_at is not None:
            inner = _strip(text, open_at + open_len, at)
            if inner[1] > inner[0]:
                spans.append(QuotedSpan(inner, (open_at, at + len(mark)), number))
            open_at = None
        elif is_open and open_at is not None:
            # a second opening mark: the first one was never closed; start again here
            open_at, open_len = at, len(mark)
    if open_at is not None:
        inner = _strip(text, open_at + open_len, p_end)
        if inner[1] > inner[0]:
            spans.append(QuotedSpan(inner, (open_at, p_end), number, closed=False))
    return spans


def _single_opens(text: str, at: int) -> bool:
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return (before.isspace() or before in '([{—–-/:"“') and (after.isalnum() or after in "….$")


def _single_closes(text: str, at: int) -> bool:
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _single_quotes(
    text: str, p_start: int, p_end: int, number: int, inside: list[Span]
) -> list[QuotedSpan]:
    spans: list[QuotedSpan] = []
    at = p_start
    while at < p_end:
        char = text[at]
        if (
            char in SINGLE_OPEN + "'"
            and _single_opens(text, at)
            and not any(s <= at < e for s, e in inside)
        ):
            close = _find_single_close(text, at, p_end, char)
            if close is not None and not any(s <= close < e for s, e in inside):
                inner = _strip(text, at + 1, close)
                if inner[1] > inner[0]:
                    spans.append(QuotedSpan(inner, (at, close + 1), number))
                at = close + 1
                continue
        at += 1
    return spans


def _find_single_close(text: str, at: int, p_end: int, opener: str) -> int | None:
    limit = min(p_end, at + MAX_SINGLE_CHARS)
    closers = SINGLE_CLOSE if opener in SINGLE_OPEN else "'"
    for pos in range(at + 2, limit):
        char = text[pos]
        if char in closers and _single_closes(text, pos):
            # a plural possessive ("the Clintons’ foundation") closes nothing when a word
            # follows and a later closing mark exists in the same stretch
            if text[pos - 1] == "s" and re.match(r"\s+[a-z]", text[pos + 1 : pos + 3]):
                later = [p for p in range(pos + 1, limit) if text[p] in closers]
                if any(_single_closes(text, p) for p in later):
                    continue
            return pos
        if char == "\n":
            return None
    return None
