"""Tense cues: whether the clause around an expression speaks of the future or the past."""

from __future__ import annotations

import functools
import re

from .vocabulary import time_words

_FUTURE_CUES = re.compile(
    r"\b(?:will|won't|shall|'ll|going\s+to|is\s+to|are\s+to|due|scheduled|planned|planning"
    r"|plans?|expected|expects?|set\s+to|upcoming|would|intends?|hopes?\s+to|to\s+be\s+held"
    r"|as\s+soon\s+as|as\s+early\s+as|might|could\s+(?:come|be|arrive|start|begin|leave)|unless"
    r"|to\s+meet|to\s+visit|to\s+travel|to\s+attend|to\s+hold|to\s+vote|to\s+begin|to\s+start"
    r"|payable|effective)\b",
    re.IGNORECASE,
)
_PAST_CUES = re.compile(
    r"\b(?:was|were|had|did|said|told|ago|earlier|last|previously|already"
    r"|(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\bits\s)(?<!\btheir\s)\w{3,}ed)\b",
    re.IGNORECASE,
)  # an "-ed" word after an article or a possessive is an adjective ("the preferred shares")


#: "had (been)" before a plan word: the plan lay in the past ("had been due to expire Friday")
_PAST_PERFECT = re.compile(r"\bhad\s+(?:been\s+)?$", re.IGNORECASE)

#: words between a verb and a date it governs that end the search: forward prepositions
#: ("extended to Nov. 20"), auxiliaries ("the reduced dividend is payable"), conjunctions
_NOT_GOVERNED = frozenset(
    [
        "to",
        "by",
        "until",
        "till",
        "through",
        "before",
        "after",
        "for",
        "from",
        "is",
        "are",
        "be",
        "been",
        "will",
        "would",
        "and",
        "or",
    ]
)
#: a word before an "-ed" form that makes it a passive or a plan, not a past tense
_NOT_PAST_BEFORE = frozenset(["be", "being", "to", "is", "are", "am", "will", "would", "shall"])
#: auxiliaries that put a whole clause in the future
_FUTURE_AUXILIARIES = frozenset(["will", "would", "shall", "'ll", "won't"])
_TIME_PREPOSITIONS = frozenset({"in", "on", "at", "since", "during"})
_DATE_MODIFIERS = frozenset({"early", "late", "mid", "around", "about"})


@functools.cache
def _past_forms() -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(time_words("past_verb")), frozenset(time_words("ed_not_past"))


def _is_past_form(word: str) -> bool:
    irregular, not_past = _past_forms()
    word = word.lower()
    if word in irregular:
        return True
    return len(word) > 4 and word.endswith("ed") and word not in not_past


def governed_by_past(text: str, start: int) -> bool:
    """Whether the expression at ``start`` is governed by a past-tense verb a few words to
    its left, with nothing but a short object and a preposition of time between ("took office
    in April", "the year ended March 31"). Forward prepositions ("to", "by", "until") and
    clause breaks stop the search: "extended to Nov. 20" is not past."""
    left = text[max(0, start - 80) : start]
    cut = max((m.end() for m in re.finditer(r"[.!?;:,\n\"“”()](?!\d)", left)), default=0)
    words = re.findall(r"[\w'$.-]+", left[cut:].lower())
    while words and words[-1].strip("-") in _DATE_MODIFIERS:
        words.pop()
    if words and words[-1] in _TIME_PREPOSITIONS:
        words.pop()
    for index in range(len(words) - 1, max(-1, len(words) - 5), -1):
        word = words[index]  # the verb, then at most three words of its object
        if word in _NOT_GOVERNED:
            return False
        if _is_past_form(word):
            before = words[:index]
            # "to be published", "will redeem the preferred shares": not a past tense
            return not (before and before[-1] in _NOT_PAST_BEFORE) and not any(
                w in _FUTURE_AUXILIARIES for w in before
            )
    return False


def detect_tense(text: str, start: int, end: int) -> str | None:
    """ "future" or "past" from the nearest cue word in the clause around ``start:end``."""
    left_limit = max(
        (m.end() for m in re.finditer(r"[.!?;\n]\s|[\"“”]", text[max(0, start - 160) : start])),
        default=0,
    )
    left = text[max(0, start - 160) : start][left_limit:]
    right_match = re.search(
        r"[.!?;,\n\"“”]|\b(?:and|but|while|when|after|before)\b", text[end : end + 60]
    )
    right = text[end : end + (right_match.start() if right_match else 60)]
    best: tuple[int, str] | None = None
    for cues, label in ((_FUTURE_CUES, "future"), (_PAST_CUES, "past")):
        for m in cues.finditer(left):
            distance = len(left) - m.end()
            here = "past" if _PAST_PERFECT.search(left[: m.start()]) else label
            if best is None or distance < best[0]:
                best = (distance, here)
        for m in cues.finditer(right):
            distance = m.start() + 15  # words after the time count less than words before
            if best is None or distance < best[0]:
                best = (distance, label)
    return best[1] if best else None
