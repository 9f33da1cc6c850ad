"""Helpers shared by the scorers: one-to-one matching, word tokens, name comparison, distance.

Everything here is plain Python with no tables to load, so the scorers can be tested without
spaCy or the knowledge files.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence


def _words(text: str) -> list[str]:
    return text.split()


#: Words that refer to an actor without naming it; never used to match names.
PRONOUNS = frozenset(
    _words(
        "he she it they him her them his hers its their theirs we us our i me my you your "
        "himself herself itself themselves who whom"
    )
)
_DETERMINERS = ("the", "a", "an")
#: Lower-case words that may stand inside a person's name.
_PARTICLES = frozenset(_words("von van der den de da di del della dos du la le al el bin ibn"))
#: Leading titles dropped before comparing surnames ("President Putin" / "Vladimir Putin").
_TITLES = frozenset(
    _words(
        "president vice prime minister pm mr mrs ms dr sir dame general gen lt col colonel "
        "major captain king queen prince chancellor secretary foreign defence defense "
        "senator sen rep former acting deputy"
    )
)
_WORD = re.compile(r"[^\W_]+")


def max_weight_matching(weights: Sequence[Sequence[int | float]]) -> list[tuple[int, int]]:
    """A one-to-one matching of rows to columns with the largest total weight.

    ``weights[i][j] > 0`` says row ``i`` may be paired with column ``j`` and what the pair is
    worth; ``0`` (or less) says it may not. Returns the chosen ``(row, column)`` pairs, each
    with a positive weight, sorted by row. This is the Hungarian algorithm (Kuhn-Munkres,
    O(n^2 m) for n rows and m columns) on costs ``-weight``; pairs that are not allowed cost 0,
    which is never better than leaving both sides unpaired, so they are dropped at the end.
    """
    n_rows = len(weights)
    n_cols = len(weights[0]) if n_rows else 0
    if n_rows == 0 or n_cols == 0:
        return []
    transposed = n_rows > n_cols
    if transposed:
        grid = [[weights[i][j] for i in range(n_rows)] for j in range(n_cols)]
        n, m = n_cols, n_rows
    else:
        grid = [list(row) for row in weights]
        n, m = n_rows, n_cols
    cost = [[-max(w, 0) for w in row] for row in grid]

    inf = math.inf
    # 1-based arrays as in the classic formulation; p[j] is the row paired with column j.
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    p = [0] * (m + 1)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = p[j0]
            delta = inf
            j1 = 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j] = cur
                    way[j] = j0
                if minv[j] < delta:
                    delta = minv[j]
                    j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break

    pairs: list[tuple[int, int]] = []
    for j in range(1, m + 1):
        i = p[j]
        if i and grid[i - 1][j - 1] > 0:
            pairs.append((j - 1, i - 1) if transposed else (i - 1, j - 1))
    return sorted(pairs)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def word_tokens(text: str) -> list[str]:
    """Lower-cased words of ``text``: runs of letters and digits, accents removed.

    Punctuation and quotation marks are dropped and split words, so "I’m" gives ``i``, ``m``
    and "Zelenskyy's" gives ``zelenskyy``, ``s``.
    """
    return _WORD.findall(strip_accents(text).lower())


def token_overlap(a: Sequence[str], b: Sequence[str]) -> int:
    """How many tokens two texts share, counting repeated words as often as both have them."""
    return sum((Counter(a) & Counter(b)).values())


def name_tokens(name: str) -> list[str]:
    """The words of a name without a leading article and without a possessive 's."""
    tokens = word_tokens(name.replace("’", "'").replace("'s ", " ").removesuffix("'s"))
    while tokens and tokens[0] in _DETERMINERS:
        tokens = tokens[1:]
    return tokens


def is_pronoun(text: str) -> bool:
    tokens = word_tokens(text)
    return len(tokens) == 1 and tokens[0] in PRONOUNS


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _same_word(a: str, b: str) -> bool:
    """Equal, or a spelling variant of a long word (Zelenskiy / Zelenskyy / Zelensky)."""
    return a == b or (min(len(a), len(b)) >= 6 and edit_distance(a, b) <= 1)


def names_match(system: str, gold: str) -> bool:
    """Whether a system name and a gold name (or alias) name the same actor.

    Both are compared as :func:`name_tokens` (case, accents, punctuation, a leading "the" and a
    possessive "'s" ignored). They match when the token lists are equal, or when the gold
    name is a proper name (every word capitalised, bar particles such as "von der"; not "the
    president" or "the British ambassador to Ukraine") and the two names
    end in the same word while either one is a single word ("Putin" / "Vladimir Putin") or
    the system name is the end of the gold name ("von der Leyen"), or both begin with the same word ("Recep Erdoğan" / "Recep Tayyip Erdoğan"), leading titles
    ("President", "Prime Minister", "Mr") set aside. Words of six
    letters or more that differ by one edit count as the same word (transliterations).
    Pronouns never match.
    """
    if is_pronoun(system) or is_pronoun(gold):
        return False
    sys_tokens = name_tokens(system)
    gold_tokens = name_tokens(gold)
    if not sys_tokens or not gold_tokens:
        return False
    if len(sys_tokens) == len(gold_tokens) and all(
        _same_word(a, b) for a, b in zip(sys_tokens, gold_tokens, strict=True)
    ):
        return True
    if not _is_proper_name(gold):
        return False
    if not _same_word(sys_tokens[-1], gold_tokens[-1]) or len(gold_tokens[-1]) < 3:
        return False
    sys_core = _drop_titles(sys_tokens)
    gold_core = _drop_titles(gold_tokens)
    if len(sys_core) == 1 or len(gold_core) == 1:
        return True
    if len(sys_core) < len(gold_core) and all(
        _same_word(a, b) for a, b in zip(sys_core, gold_core[-len(sys_core) :], strict=True)
    ):
        return True
    return _same_word(sys_core[0], gold_core[0])


def _is_proper_name(name: str) -> bool:
    """Every word capitalised, bar name particles ("Ursula von der Leyen"), after "the"."""
    words = [w for w in re.split(r"[\s\-]+", name.strip()) if w]
    while words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    return bool(words) and all(w[:1].isupper() or w.lower() in _PARTICLES for w in words)


def _drop_titles(tokens: list[str]) -> list[str]:
    core = list(tokens)
    while len(core) > 1 and core[0] in _TITLES:
        core = core[1:]
    return core


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres on a sphere of radius 6371 km."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))
