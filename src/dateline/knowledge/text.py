"""How knowledge keys are written: one fold for the tables and for every lookup."""

from __future__ import annotations

import functools
import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_DASHES = re.compile(r"[‐‑‒–—―-]")
_POSSESSIVE = re.compile(r"'s?$")
_EDGE = re.compile(r"^[\s\"'“”(\[,;:]+|[\s\"'“”)\],;:!?]+$")


#: how many folded keys are remembered: the actor stage asks for the same few thousand
#: stretches ("the United Nations", "Kyiv") over and over in a long article
FOLD_CACHE_SIZE = 1 << 16


@functools.lru_cache(maxsize=FOLD_CACHE_SIZE)
def fold(text: str) -> str:
    """The lookup key of ``text``: accents folded, case folded, curly apostrophes made
    straight, dots of abbreviations dropped ("U.S." -> "us"), hyphens made spaces
    ("Jong-un" -> "jong un"), a leading "the " and a trailing possessive removed."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _DASHES.sub(" ", text).replace(".", "")
    text = _EDGE.sub("", " ".join(text.split()))
    text = _POSSESSIVE.sub("", text) if len(text) > 3 else text
    text = _EDGE.sub("", text)
    if text.startswith("the "):
        text = text[4:]
    return text


def plural(phrase: str) -> str:
    """The regular English plural of a role phrase's last word ("spokesperson" ->
    "spokespeople", "secretary of state" is left to the table)."""
    head, _, last = phrase.rpartition(" ")
    if last.endswith("person"):
        last = last[: -len("person")] + "people"
    elif last.endswith("man"):
        last = last[:-3] + "men"
    elif last.endswith("y") and last[-2:-1] not in set("aeiou"):
        last = last[:-1] + "ies"
    elif last.endswith(("s", "sh", "ch", "x", "z")):
        last = last + "es"
    else:
        last = last + "s"
    return f"{head} {last}" if head else last
