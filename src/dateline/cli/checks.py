"""Checks of command-line option values, before any work: a value dateline does not know
would otherwise match nothing and print an empty result without a word.

Each check returns the value to use or raises :class:`OptionError` (E051, or E041 for a
database that is not there) with the fix in its message."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..errors import Code, DatelineError

#: the most rows --limit takes; more is a typo (and overflows some databases' LIMIT)
MAX_LIMIT = 1_000_000_000
#: codes that are not ISO 3166-1 countries but that dateline's actors carry
EXTRA_COUNTRY_CODES = {"IGO": "an international organisation"}


class OptionError(DatelineError):
    def __init__(self, message: str, code: Code = Code.BAD_OPTION) -> None:
        super().__init__(code, message)


def checked_limit(limit: int | None, default: int | None = None) -> int | None:
    """``--limit``: None (all rows) for 0, ``default`` when not given."""
    if limit is None:
        return default
    if limit < 0 or limit > MAX_LIMIT:
        raise OptionError(
            f"--limit {limit} is out of range; give a number of rows from 1 to {MAX_LIMIT:,}, "
            "or 0 for all"
        )
    return limit or None


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """alpha-3 -> name, and every known spelling (alpha-2, names, adjectives) -> alpha-3."""
    from ..knowledge.tsv import read_table, split_list

    names: dict[str, str] = {}
    spellings: dict[str, str] = {}
    for row in read_table("countries.tsv"):
        code = row["alpha3"]
        names[code] = row["name"]
        for spelling in (
            row["alpha2"],
            row["name"],
            *split_list(row.get("names")),
            *split_list(row.get("adjectives")),
            *split_list(row.get("demonyms")),
        ):
            if spelling:
                spellings.setdefault(spelling.casefold(), code)
    return names, spellings


def _country_suggestion(value: str) -> str | None:
    names, spellings = _countries()
    code = spellings.get(value.strip().casefold())
    if code is None:
        import pycountry

        try:
            found = pycountry.countries.search_fuzzy(value)
        except LookupError:
            found = []
        code = next((c.alpha_3 for c in found if c.alpha_3 in names), None)
    if code is None:  # a typo: "Frnace"
        import difflib

        close = difflib.get_close_matches(value.strip().casefold(), spellings, n=1, cutoff=0.8)
        code = spellings[close[0]] if close else None
    return code


def checked_country(value: str | None, option: str = "--country") -> str | None:
    """An ISO 3166-1 alpha-3 code (or IGO), upper-cased; a name or alpha-2 code is refused
    with the alpha-3 code it means."""
    if value is None or value == "":
        return None
    code = value.strip().upper()
    names, _ = _countries()
    if code in names or code in EXTRA_COUNTRY_CODES:
        return code
    suggestion = _country_suggestion(value)
    hint = (
        f"did you mean {suggestion} ({names[suggestion]})?"
        if suggestion
        else "countries are ISO 3166-1 alpha-3 codes such as RUS, UKR or USA (IGO for "
        "international organisations); src/dateline/knowledge/data/countries.tsv lists them"
    )
    raise OptionError(f"{option} {value!r} is not an ISO 3166-1 alpha-3 country code; {hint}")


def plover_types() -> list[str]:
    from ..dictionary import CODE_VALUES

    return list(CODE_VALUES["plover_type"]())


def checked_type(value: str | None) -> str | None:
    """One of the 16 PLOVER event types, upper-cased."""
    if value is None or value == "":
        return None
    known = plover_types()
    if value.strip().upper() in known:
        return value.strip().upper()
    raise OptionError(f"--type {value!r} is not a PLOVER event type; use one of {', '.join(known)}")


def modalities() -> list[str]:
    from ..dictionary import CODE_VALUES

    return list(CODE_VALUES["modality"]())


def checked_modality(value: str) -> str | None:
    """A modality, or None for ``all``."""
    chosen = value.strip().lower()
    if chosen == "all":
        return None
    known = modalities()
    if chosen in known:
        return chosen
    raise OptionError(f"--modality {value!r} is unknown; use one of {', '.join(known)} or all")


def checked_confidence(value: float | None) -> float | None:
    if value is None:
        return None
    if not 0.0 <= value <= 1.0:
        raise OptionError(f"--min-confidence {value} is out of range; give a number from 0 to 1")
    return value


def existing_database(db: str | None) -> str:
    """The ``--db`` value to open for reading: a DuckDB file must exist already, so a typo
    is an error rather than a new empty database (a server URL is left to the server)."""
    from ..settings import DEFAULTS
    from ..store.registry import scheme_of

    target = str(db) if db else str(DEFAULTS["db"])
    if scheme_of(target) == "file" and not Path(target).is_file():
        what = "is a folder, not a database file" if Path(target).is_dir() else "does not exist"
        raise OptionError(
            f"the database {target} {what}; check --db (the default is ./dateline.duckdb), "
            f"or fill it first with `dateline ingest FILES --db {target}`",
            Code.NO_DATABASE,
        )
    return target
