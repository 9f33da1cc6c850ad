"""The knowledge tables: countries, people in office, organisations, seats of power, roles.

The tables are TSV files in ``dateline/knowledge/data`` (each says its source and format in
its header). :meth:`Knowledge.load` reads them once per process; every lookup folds its
text the same way the tables were indexed (see :func:`dateline.knowledge.text.fold`): case,
accents, curly apostrophes, a leading "the " and a trailing possessive do not matter.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from dataclasses import dataclass, replace

from .tables import (
    COMMON_WORD_SURNAMES,
    HONORIFICS,
    read_countries,
    read_organisations,
    read_people,
    read_roles,
    read_seats,
    surnames,
)
from .text import fold, plural

__all__ = ["Country", "Knowledge", "Organisation", "Person", "Role", "fold"]


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-3 (XKX for Kosovo)
    alpha2: str
    name: str  # the common short English name
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]


@dataclass(frozen=True)
class Person:
    name: str
    aliases: tuple[str, ...]
    country: str
    sector: str | None
    role: str
    start: dt.date | None
    end: dt.date | None  # the first day out of office; None while in office

    def holds_office(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(frozen=True)
class Organisation:
    name: str
    aliases: tuple[str, ...]
    country: str | None  # ISO alpha-3, or IGO for an international body of states
    sector: str | None
    kind: str  # organisation | group
    patron: str | None = None  # the backing state of a self-proclaimed authority
    start: dt.date | None = None
    end: dt.date | None = None

    def valid_on(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(frozen=True)
class Role:
    phrase: str
    sector: str | None
    role: str  # the normalised role ("foreign secretary" -> "foreign minister")
    kind: str  # person | group


#: roles that mean "whoever leads the state" or "the government" in office_holder()
_HEAD_OF_STATE = "head of state"
_HEAD_OF_GOVERNMENT = "head of government"


class Knowledge:
    """All tables, indexed by folded text. Build it with :meth:`load`."""

    def __init__(
        self,
        countries: list[Country],
        people: list[Person],
        organisations: list[Organisation],
        seats: list[Organisation],
        roles: list[tuple[Role, int]],
    ) -> None:
        self.countries: dict[str, Country] = {c.code: c for c in countries}
        self._country: dict[str, Country] = {}
        self._adjective: dict[str, Country] = {}
        self._capital: dict[str, Country] = {}
        for country in countries:
            for text in (country.name, *country.names):
                self._country.setdefault(fold(text), country)
            for text in (*country.adjectives, *country.demonyms):
                self._adjective.setdefault(fold(text), country)
            for text in country.capitals:
                self._capital.setdefault(fold(text), country)

        self._roles: dict[str, Role] = {}
        self._rank: dict[str, int] = {}
        for role, rank in roles:
            self._roles.setdefault(fold(role.phrase), role)
            self._rank.setdefault(role.role, rank)
        for key, role in list(self._roles.items()):
            if role.kind == "person":
                self._roles.setdefault(plural(key), role)
        self._max_role_words = max((len(k.split()) for k in self._roles), default=1)

        self._people: dict[str, list[Person]] = defaultdict(list)
        self._titled: dict[str, list[Person]] = defaultdict(list)  # "Mrs May", never "May"
        self._by_office: dict[tuple[str, str], list[Person]] = defaultdict(list)
        for person in people:
            keys = {fold(person.name), *(fold(a) for a in person.aliases)}
            for surname in surnames(person.name, person.country):
                key = fold(surname)
                index = self._titled if key in COMMON_WORD_SURNAMES else self._people
                if key not in keys and person not in index[key]:
                    index[key].append(person)
            for key in keys:
                if key:
                    self._people[key].append(person)
            self._by_office[(person.country, self._normal_role(person.role))].append(person)

        # words that may precede a name and be dropped: titles, role words, adjectives
        self._title_words: set[str] = {fold(h) for h in HONORIFICS}
        for key in self._roles:
            self._title_words.update(key.split())
        for key in self._adjective:
            self._title_words.update(key.split())
        for key in self._country:
            self._title_words.update(key.split())
        self._title_words.update(
            {"former", "then", "late", "acting", "interim", "incumbent", "a", "an", "the", "of"}
        )

        self._organisation: dict[str, list[Organisation]] = defaultdict(list)
        self._acronym: dict[str, list[Organisation]] = defaultdict(list)
        for org in organisations:
            for text in (org.name, *org.aliases):
                by_name = self._acronym if _is_short_acronym(text) else self._organisation
                if org not in by_name[fold(text)]:
                    by_name[fold(text)].append(org)
        self._seat: dict[str, Organisation] = {}
        for seat in seats:
            for text in (seat.name, *seat.aliases):
                self._seat.setdefault(fold(text), seat)

    # -- loading ----------------------------------------------------------------------------
    @classmethod
    def load(cls) -> Knowledge:
        """The tables shipped with dateline, read once per process and shared."""
        return _load_shipped()

    # -- countries --------------------------------------------------------------------------
    def country(self, text: str) -> Country | None:
        """A country by any name ("Ukraine", "the US", "Britain") or alpha-3 code. Codes match
        only when written in capitals ("USA", "GBR"), so "can" or "and" are never countries."""
        stripped = text.strip()
        if len(stripped) == 3 and stripped.isupper() and stripped in self.countries:
            return self.countries[stripped]
        return self._country.get(fold(text))

    def country_of_adjective(self, text: str) -> Country | None:
        """A country by adjective or demonym ("German", "US", "Ukrainians")."""
        return self._adjective.get(fold(text))

    def country_of_capital(self, text: str) -> Country | None:
        """A country by its capital, in any listed spelling ("Kyiv", "Kiev", "Washington")."""
        return self._capital.get(fold(text))

    def seat(self, text: str) -> Organisation | None:
        """A seat of power used for its occupant ("the Kremlin" -> Kremlin, RUS, GOV)."""
        return self._seat.get(fold(text))

    # -- people -----------------------------------------------------------------------------
    def people(self, text: str) -> list[Person]:
        """Every office row of every person that ``text`` names: full name, alias or surname,
        after dropping leading titles, role words and adjectives ("Russian President Putin")."""
        key = fold(text)
        if key in self._people:
            return list(self._people[key])
        words = [word.strip(",;:").removesuffix("'s") for word in key.split()]
        for i in range(1, len(words)):
            if words[i - 1] not in self._title_words:
                break
            rest = " ".join(words[i:])
            if rest in self._people:
                return list(self._people[rest])
            if rest in self._titled:
                return list(self._titled[rest])
        return []

    def person(self, text: str, on: dt.date | None = None) -> Person | None:
        """The row of the person ``text`` names that holds at ``on`` (the most senior office
        if several). When no row holds, a copy of the nearest row with sector None and role
        "former <role>" (or "future <role>" before the first term): a private citizen then.
        With ``on`` None, the latest row."""
        rows = self.people(text)
        if not rows:
            return None
        if on is None:
            return max(
                rows, key=lambda p: (p.end is None, p.start or dt.date.min, -self._rank_of(p))
            )
        valid = [p for p in rows if p.holds_office(on)]
        if valid:
            return min(
                valid, key=lambda p: (self._rank_of(p), -(p.start or dt.date.min).toordinal())
            )
        past = [p for p in rows if p.end is not None and p.end <= on]
        if past:
            last = max(past, key=lambda p: (p.end or dt.date.min, -self._rank_of(p)))
            return replace(last, sector=None, role=f"former {last.role}")
        first = min(rows, key=lambda p: (p.start or dt.date.max, self._rank_of(p)))
        return replace(first, sector=None, role=f"future {first.role}")

    def office_holder(self, country: str, role: str, on: dt.date | None = None) -> Person | None:
        """Who held ``role`` in ``country`` (alpha-3) at ``on`` (today's holder if None). The
        role goes through roles.tsv ("foreign secretary" -> foreign minister); "head of state"
        and "head of government" pick the most senior office of that level."""
        on = on or dt.date.today()
        wanted = fold(role)
        if wanted in (_HEAD_OF_STATE, _HEAD_OF_GOVERNMENT):
            rows = [
                p
                for (code, _), people in self._by_office.items()
                if code == country
                for p in people
                if p.holds_office(on) and p.sector is not None and self._rank_of(p) <= 2
            ]
            if wanted == _HEAD_OF_GOVERNMENT and any(self._rank_of(p) == 2 for p in rows):
                rows = [p for p in rows if self._rank_of(p) == 2]
            return min(rows, key=self._rank_of) if rows else None
        normal = self._normal_role(role)
        for person in self._by_office.get((country, normal), []):
            if person.holds_office(on):
                return person
        return None

    def _normal_role(self, text: str) -> str:
        found = self.role(text)
        return found.role if found else fold(text)

    def _rank_of(self, person: Person) -> int:
        return self._rank.get(self._normal_role(person.role), 9)

    # -- organisations and roles -------------------------------------------------------------
    def organisation(self, text: str, on: dt.date | None = None) -> Organisation | None:
        """An organisation or group by name or alias ("Nato", "the UN", "Hamas"). Acronyms of
        up to three letters ("IS", "AP", "UN") match only when written in capitals. A group
        whose standing changed (the Taliban, REB then GOV) has one row per period: the row
        valid at ``on`` is chosen, or the current one when ``on`` is None. Seats of power
        ("the Kremlin") are found too, when no organisation has the name."""
        key = fold(text)
        rows = self._organisation.get(key)
        if not rows and _is_short_acronym(text.strip().removeprefix("the ")):
            rows = self._acronym.get(key)
        if not rows:
            return self.seat(text)
        if on is None:
            return max(rows, key=lambda o: (o.end is None, o.start or dt.date.min))
        valid = [o for o in rows if o.valid_on(on)]
        if valid:
            return valid[0]
        return min(rows, key=lambda o: _distance(o, on))

    def role(self, text: str) -> Role | None:
        """The longest role phrase that ends ``text`` ("a German government spokesperson" ->
        spokesperson, "the foreign secretary" -> foreign minister), plurals included."""
        words = fold(text).split()
        for i in range(max(0, len(words) - self._max_role_words), len(words)):
            found = self._roles.get(" ".join(words[i:]))
            if found:
                return found
        return None


def _is_short_acronym(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return 0 < len(letters) <= 3 and all(ch.isupper() for ch in letters) and " " not in text.strip()


def _distance(org: Organisation, on: dt.date) -> int:
    if org.start and on < org.start:
        return (org.start - on).days
    if org.end and on >= org.end:
        return (on - org.end).days
    return 0


@functools.lru_cache(maxsize=1)
def _load_shipped() -> Knowledge:
    return Knowledge(
        countries=[Country(**row) for row in read_countries()],
        people=[Person(**row) for row in read_people()],
        organisations=[Organisation(**row) for row in read_organisations()],
        seats=[Organisation(**row) for row in read_seats()],
        roles=[(Role(**row), rank) for row, rank in read_roles()],
    )
