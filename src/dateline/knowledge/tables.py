"""The actor tables of ``dateline/knowledge/data`` (countries, people, organisations, seats,
roles), read by :mod:`dateline.knowledge.tsv`. Lists inside a cell are separated by ``|``; an
empty cell is None (or an empty list).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .tsv import KnowledgeError, numbered_rows, split_list

#: countries whose people put the family name first ("Kim Jong Un", "Xi Jinping")
FAMILY_NAME_FIRST = frozenset({"CHN", "PRK", "KOR", "TWN", "KHM"})
#: words that may stand before a name without being part of it
HONORIFICS = (
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "prince",
    "princess",
    "crown prince",
    "sheikh",
    "sheik",
    "emir",
    "king",
    "queen",
    "gen",
    "general",
    "lt",
    "lieutenant",
    "col",
    "colonel",
    "admiral",
    "adm",
    "marshal",
    "field marshal",
    "ayatollah",
    "president",
    "premier",
    "chancellor",
    "minister",
    "secretary",
    "comrade",
    "hrh",
    "his",
    "her",
    "majesty",
    "highness",
    "excellency",
    "pope",
    "sen",
    "senator",
    "rep",
)
_PARTICLES = frozenset(
    {
        "von",
        "van",
        "der",
        "den",
        "de",
        "da",
        "di",
        "del",
        "della",
        "dos",
        "du",
        "la",
        "le",
        "ter",
        "al",
    }
)
#: countries whose names have no surname used alone (Burmese, Ethiopian patronymics)
NO_SURNAME = frozenset({"MMR", "ETH", "ERI"})
#: surnames that are also common words or other names (a place, a group): found only after
#: a title ("Mrs May", "Prime Minister Montenegro"), never alone
COMMON_WORD_SURNAMES = frozenset(
    {
        "major",
        "key",
        "english",
        "straw",
        "cook",
        "baker",
        "green",
        "gross",
        "note",
        "pot",
        "sen",
        "bird",
        "fox",
        "gates",
        "cannon",
        "sharon",
        "martin",
        "howard",
        "james",
        "thomas",
        "henry",
        "charles",
        "pierre",
        "stephen",
        "philip",
        "lewis",
        "douglas",
        "anthony",
        "arthur",
        "roman",
        "jean",
        "rosa",
        "ali",
        "ahmed",
        "hassan",
        "omar",
        "friday",
        "may",
        "rice",
        "price",
        "brown",
        "bishop",
        "king",
        "miller",
        "young",
        "little",
        "long",
        "rich",
        "wing",
        "hunt",
        "blair",
        "wong",
        "rau",
        "blok",
        "carney",
        "eide",
        "dan",
        "gil",
        "hague",
        "muscat",
        "montenegro",
        "houthi",
        "meta",
    }
)
_ROMAN = re.compile(r"^[IVXL]+$")
_ARABIC_PATRONYM = re.compile(r"\b(bin|ibn|bint|ben)\b", re.IGNORECASE)
_ARTICLE = re.compile(r"^(al|el|ad|ash|as|at|an|ar)-", re.IGNORECASE)


def _date(table: str, line: int, cell: str) -> dt.date | None:
    if not cell:
        return None
    try:
        return dt.date.fromisoformat(cell)
    except ValueError:
        raise KnowledgeError(table, line, f"{cell!r} is not a YYYY-MM-DD date") from None


def _optional(cell: str) -> str | None:
    return cell or None


def read_countries() -> list[dict[str, Any]]:
    return [
        {
            "code": row["alpha3"],
            "alpha2": row["alpha2"],
            "name": row["name"],
            "names": split_list(row["names"]),
            "adjectives": split_list(row["adjectives"]),
            "demonyms": split_list(row["demonyms"]),
            "capitals": split_list(row["capitals"]),
        }
        for _, row in numbered_rows("countries.tsv")
    ]


def read_people() -> list[dict[str, Any]]:
    people = []
    for line, row in numbered_rows("people.tsv"):
        if not row["name"] or not row["country"] or not row["role"]:
            raise KnowledgeError("people.tsv", line, "name, country and role are required")
        people.append(
            {
                "name": row["name"],
                "aliases": split_list(row["aliases"]),
                "country": row["country"],
                "sector": _optional(row["sector"]),
                "role": row["role"].lower(),
                "start": _date("people.tsv", line, row["start"]),
                "end": _date("people.tsv", line, row["end"]),
            }
        )
    return people


def read_organisations() -> list[dict[str, Any]]:
    return [
        {
            "name": row["name"],
            "aliases": split_list(row["aliases"]),
            "country": _optional(row["country"]),
            "sector": _optional(row["sector"]),
            "kind": row["kind"] or "organisation",
            "patron": _optional(row.get("patron", "")),
            "start": _date("organisations.tsv", line, row.get("start", "")),
            "end": _date("organisations.tsv", line, row.get("end", "")),
        }
        for line, row in numbered_rows("organisations.tsv")
    ]


def read_seats() -> list[dict[str, Any]]:
    seats = []
    for _, row in numbered_rows("seats.tsv"):
        phrases = split_list(row["phrase"])
        seats.append(
            {
                "name": row["name"] or phrases[0],
                "aliases": phrases,
                "country": _optional(row["country"]),
                "sector": _optional(row["sector"]),
                "kind": "organisation",
            }
        )
    return seats


def read_roles() -> list[tuple[dict[str, Any], int]]:
    roles = []
    for line, row in numbered_rows("roles.tsv"):
        try:
            rank = int(row["rank"]) if row.get("rank") else 9
        except ValueError:
            raise KnowledgeError(
                "roles.tsv", line, f"rank {row['rank']!r} is not a number"
            ) from None
        for phrase in split_list(row["phrase"]):
            roles.append(
                (
                    {
                        "phrase": phrase,
                        "sector": _optional(row["sector"]),
                        "role": row["role"],
                        "kind": row["kind"] or "person",
                    },
                    rank,
                )
            )
    return roles


def surnames(name: str, country: str) -> list[str]:
    """The forms of ``name`` that news uses alone, indexed automatically: the surname with
    its particles ("von der Leyen"), with and without an Arabic article ("al-Sisi", "Sisi"),
    the family name first for East Asian names ("Kim", "Xi"). Arabic names built on
    bin/ibn are left to the table's aliases, since their last part names the father."""
    words = name.split()
    if (
        len(words) < 2
        or country in NO_SURNAME
        or _ARABIC_PATRONYM.search(name)
        or " of " in name
        or any(_ROMAN.match(word) for word in words)
    ):
        return []
    if country in FAMILY_NAME_FIRST:
        return [words[0]]
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    forms = [" ".join(words[start:])]
    if start < len(words) - 1:
        forms.append(words[-1])
    if _ARTICLE.match(words[-1]):
        forms.append(_ARTICLE.sub("", words[-1]))
    return forms
