"""Tense cues: whether the clause around an expression speaks of the future or the past."""

from __future__ import annotations

import re

_FUTURE_CUES = re.compile(
    r"\b(?:will|won't|shall|'ll|going\s+to|is\s+to|are\s+to|due|scheduled|planned|planning"
    r"|plans?|expected|expects?|set\s+to|upcoming|would|intends?|hopes?\s+to|to\s+be\s+held"
    r"|as\s+soon\s+as|as\s+early\s+as|might|could\s+(?:come|be|arrive|start|begin|leave)|unless"
    r"|to\s+meet|to\s+visit|to\s+travel|to\s+attend|to\s+hold|to\s+vote|to\s+begin|to\s+start)\b",
    re.IGNORECASE,
)
_PAST_CUES = re.compile(
    r"\b(?:was|were|had|did|said|told|ago|earlier|last|previously|already|\w{3,}ed)\b",
    re.IGNORECASE,
)


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
            if best is None or distance < best[0]:
                best = (distance, label)
        for m in cues.finditer(right):
            distance = m.start() + 15  # words after the time count less than words before
            if best is None or distance < best[0]:
                best = (distance, label)
    return best[1] if best else None
