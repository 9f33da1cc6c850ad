"""Actors: every name, description, metonym and pronoun that refers to a participant becomes
a mention of one canonical actor (name, country, sector, kind, role at the article's date).

Reads ``doc`` (tokens, parse, raw entity labels) and ``article.published``; writes ``actors``
and ``mentions``. The order of evidence for a span is: knowledge tables (seats of power,
people with terms of office, organisations, countries, capitals), then descriptions built
around a role word ("a Putin aide", "a German government spokesperson", "Russian forces"),
then spaCy's raw label as a last hint. Pronouns and definite descriptions ("the
spokesperson", "the Russian president") are linked to an actor already in the article.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..document import Actor, Document, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..knowledge import Country, Knowledge, Person

MAX_NAME_TOKENS = 6
PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
GROUP_PRONOUNS = {"it", "its", "they", "their", "them"}
# A capital used in these prepositional phrases is a location, not the government.
LOCATIVE_PREPOSITIONS = {
    "in",
    "on",
    "at",
    "near",
    "from",
    "over",
    "around",
    "across",
    "into",
    "outside",
    "inside",
    "towards",
    "toward",
    "through",
    "throughout",
    "between",
    "of",
    "above",
    "beyond",
    "via",
    "within",
}
GOVERNMENT_HEADS = {
    "government",
    "administration",
    "authorities",
    "cabinet",
    "leadership",
    "regime",
    "state",
    "officials",
}
# Offices held by one person per country at a time: "the Russian president" is Putin, but
# "the Russian ambassador" depends on where, so it stays a description.
UNIQUE_OFFICES = {
    "president",
    "prime minister",
    "chancellor",
    "monarch",
    "supreme leader",
    "crown prince",
    "vice president",
    "foreign minister",
    "defence minister",
    "interior minister",
    "finance minister",
    "national security adviser",
}
NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
CALENDAR_WORDS = {
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}
PLACE_NOUNS = {
    "city",
    "town",
    "village",
    "port",
    "region",
    "province",
    "capital",
    "area",
    "outskirts",
    "territory",
    "district",
    "suburb",
    "centre",
    "center",
    "north",
    "south",
    "east",
    "west",
    "coast",
    "border",
    "part",
    "parts",
    "rest",
    "oblast",
    "county",
    "state",
    "island",
    "enclave",
    "heart",
    "streets",
}
DETERMINERS = {
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "some",
    "several",
    "two",
    "three",
    "its",
    "their",
    "his",
    "her",
    "another",
    "other",
    "many",
    "one",
}


@dataclass
class _Entry:
    """What a stretch of text was found to be, before actors are merged."""

    key: tuple[str, str]  # (kind of key, canonical string) identifying the actor
    name: str
    country: str | None
    sector: str | None
    kind: str
    role: str | None = None
    how: str = "name"
    surname: str | None = None


@dataclass
class _State:
    actors: dict[tuple[str, str], Actor] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    covered: set[int] = field(default_factory=set)  # token indices already in a mention
    descriptions: dict[str, str] = field(default_factory=dict)  # head noun -> latest actor id


def _state_entry(country: Country, how: str) -> _Entry:
    """A country named as itself: the state, its sector open until its mentions decide it."""
    return _Entry(("state", country.code), country.name, country.code, None, "state", None, how)


def _person_entry(person: Person, how: str) -> _Entry:
    """A person from the tables, as the role they hold at the article's date."""
    return _Entry(
        ("person", person.name), person.name, person.country, person.sector, "person",
        person.role, how, surname=person.name.split()[-1],
    )  # fmt: skip


def fold(text: str) -> str:
    return re.sub(r"[’`]", "'", text).strip()


class ActorStage:
    name = "actors"
    requires: tuple[str, ...] = ("doc",)
    assigns: tuple[str, ...] = ("actors", "mentions")

    def __init__(self) -> None:
        self.knowledge: Knowledge | None = None

    def initialize(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge

    # ------------------------------------------------------------------ entry points
    def __call__(self, document: Document) -> Document:
        if self.knowledge is None:
            raise RuntimeError("ActorStage.initialize(knowledge) must run before the stage")
        doc = document.doc
        if doc is None:
            return document
        on = document.article.published
        state = _State()
        for span, entry in self._named_spans(doc, on):
            self._add(state, span, entry)
        self._descriptions(doc, on, state)
        self._demonyms(doc, state)
        self._link_surnames(state)
        self._pronouns(doc, state)
        self._set_state_sectors(state)
        document.actors = sorted(state.actors.values(), key=lambda a: min(a.mentions))
        for number, actor in enumerate(document.actors, start=1):
            old = actor.id
            actor.id = f"a{number}"
            for mention in state.mentions:
                if mention.actor_id == old:
                    mention.actor_id = actor.id
        document.mentions = sorted(state.mentions, key=lambda m: m.span)
        return document

    # ------------------------------------------------------------------ names
    def _named_spans(self, doc: Doc, on: dt.date | None) -> list[tuple[Span, _Entry]]:
        """Longest knowledge matches over the tokens, then spaCy entities nobody claimed."""
        found: list[tuple[Span, _Entry]] = []
        taken: set[int] = set()
        i = 0
        n = len(doc)
        while i < n:
            match = None
            if doc[i].text[:1].isupper() or doc[i].lower_ == "the":
                for length in range(min(MAX_NAME_TOKENS, n - i), 0, -1):
                    span = doc[i : i + length]
                    if length > 1 and (span[-1].is_punct or any(t.is_space for t in span)):
                        continue
                    if span[0].lower_ in ("a", "an") or (span[0].is_stop and length == 1):
                        break
                    entry = self._lookup(span, on)
                    if entry is not None and self._inside_longer_name(span, entry):
                        break  # "Ibrahim" of an unknown "Ibrahim Kalin" is not Anwar Ibrahim
                    if entry is not None:
                        match = (span, entry)
                        break
            if match is not None:
                span, entry = match
                if entry.kind in ("organisation", "group") and entry.country is None:
                    entry = self._owned(span, entry)
                # "the" is only part of a name for seats ("the Kremlin"); keep it otherwise out.
                found.append(match)
                taken.update(range(span.start, span.end))
                i = span.end
            else:
                i += 1
        for ent in doc.ents:
            if any(t in taken for t in range(ent.start, ent.end)):
                continue
            entry = self._unknown_entity(ent, on)
            if entry is not None and entry.kind != "person" and entry.country is None:
                entry = self._owned(ent, entry)
            if entry is not None:
                found.append((ent, entry))
                taken.update(range(ent.start, ent.end))
        return found

    def _owned(self, span: Span, entry: _Entry) -> _Entry:
        """A generic body owned by a country ("Israel's Cabinet", "Ukraine's parliament") is
        that country's."""
        kn = self.knowledge
        assert kn is not None
        for child in span.root.children:
            if child.dep_ == "poss":
                owner = kn.country(fold(span.doc[child.left_edge.i : child.i + 1].text))
                if owner is not None:
                    name = f"{owner.name} {entry.name}"
                    return _Entry(
                        ("org", name.lower()),
                        name,
                        owner.code,
                        entry.sector,
                        entry.kind,
                        entry.role,
                        entry.how,
                    )
        return entry

    def _inside_longer_name(self, span: Span, entry: _Entry) -> bool:
        """A person found by one of their names inside a longer personal name that spaCy
        saw as one entity: the longer name is someone else unless it contains the match's
        full name."""
        if entry.kind != "person" or len(span) > 1:
            return False
        for ent in span.doc.ents:
            if ent.label_ == "PERSON" and ent.start <= span.start and span.end <= ent.end:
                known = {w.lower() for w in re.findall(r"\w+", entry.name)}
                others = [
                    t
                    for t in ent
                    if t.i != span.start
                    and t.is_alpha
                    and t.text[:1].isupper()
                    and t.lower_ not in known
                ]
                return len(ent) > 1 and bool(others)
        return False

    def _lookup(self, span: Span, on: dt.date | None) -> _Entry | None:
        kn = self.knowledge
        assert kn is not None
        text = fold(span.text)
        first = span[0]
        if first.lower_ == "the" and len(span) == 1:
            return None
        seat = kn.seat(text)
        if seat is not None and seat.country == "IGO":
            body = kn.organisation(text, on) or seat
            return _Entry(("org", body.name), body.name, body.country, body.sector, "organisation")
        if seat is not None:
            return _Entry(
                ("state", seat.country or ""),
                seat.name,
                seat.country,
                seat.sector,
                "state",
                None,
                "metonym",
            )
        if first.lower_ == "the":
            # Only seats keep their article; "the US" is found as "US" one token later.
            bare = text[4:]
            if kn.country(bare) is not None and len(span) > 1:
                country = kn.country(bare)
                assert country is not None
                return _state_entry(country, self._gpe_use(span))
            return None
        if not _looks_like_name(span):
            return None
        if span.root.ent_type_ in NOT_NAMES or span.root.lower_ in CALENDAR_WORDS:
            return None  # "on Friday" is no Godwin Friday, "May" no Theresa May
        persons = kn.people(text)
        if persons:
            person = kn.person(text, on)
            if person is not None:
                return _person_entry(person, "name")
        org = kn.organisation(text, on)
        if org is not None:
            kind = "organisation" if org.kind != "group" else "group"
            return _Entry(("org", org.name), org.name, org.country, org.sector, kind)
        country = kn.country(text)
        if country is not None:
            return _state_entry(country, self._gpe_use(span))
        capital = kn.country_of_capital(text)
        if capital is not None:
            use = self._gpe_use(span)
            return _Entry(
                ("state", capital.code),
                capital.name,
                capital.code,
                "GOV" if use == "metonym" else None,
                "state",
                None,
                use,
            )
        return None

    def _gpe_use(self, span: Span) -> str:
        """metonym when the place acts or is acted upon as a government; location when it
        only says where; name otherwise."""
        head = span.root
        if head.dep_ in ("nsubj", "nsubjpass", "agent", "poss", "dobj", "dative"):
            return "metonym"
        if head.dep_ == "pobj" and head.head.lower_ == "of":
            # "the city of Kharkiv" says where; "the accession of Finland" names a side.
            owner = head.head.head
            return "location" if owner.lemma_.lower() in PLACE_NOUNS else "name"
        if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPOSITIONS:
            return "location"
        if head.dep_ == "pobj":
            return "metonym"
        if head.dep_ == "conj":
            return self._gpe_use_of(head.head)
        return "name"

    def _gpe_use_of(self, token: Token) -> str:
        return self._gpe_use(token.doc[token.i : token.i + 1])

    def _unknown_entity(self, ent: Span, on: dt.date | None) -> _Entry | None:
        """An entity the tables do not know: people keep their name; organisations only when
        they name an institution; adjectives of nationality are handled by descriptions."""
        text = fold(ent.text)
        text = re.sub(r"^(the|a|an)\s+", "", text, flags=re.I)
        text = re.sub(r"['’]s$", "", text)
        if not text or not _looks_like_name(ent):
            return None
        kn = self.knowledge
        assert kn is not None
        if ent.label_ == "PERSON":
            tokens = text.split()
            # A known title in front ("President X", "Defence Minister X").
            role = None
            while len(tokens) > 1 and kn.role(tokens[0]) is not None:
                role = kn.role(tokens[0])
                tokens = tokens[1:]
            name = " ".join(tokens)
            person = kn.person(name, on)
            if person is not None:
                return _person_entry(person, "name")
            if len(name) < 3 or kn.country_of_adjective(name) is not None:
                return None
            nation = next(
                (c for t in tokens[:-1] if (c := kn.country_of_adjective(t)) is not None), None
            )
            if nation is not None and ent.root.tag_ in ("NNPS", "NNS"):
                # "Bosnian Serbs", "Kosovo Albanians": a people, not a person
                return _Entry(("group", name.lower()), name, nation.code, None, "group")
            if ent.root.pos_ != "PROPN":
                return None  # "Strikes", "Shelling": a capitalised common noun, no person
            if len(tokens) == 1 and ent.root.dep_ in ("compound", "amod", "nmod"):
                return None  # "the Patriot missiles": a name used as a modifier is no person
            country, sector = self._context_of_person(ent)
            if role is not None:
                sector = sector or role.sector
            return _Entry(
                ("person", name),
                name,
                country,
                sector,
                "person",
                role.role if role else None,
                "name",
                surname=tokens[-1],
            )
        if ent.label_ == "ORG":
            role = kn.role(text)
            if role is None:
                return None
            country = self._country_in(ent)
            return _Entry(
                ("org", text.lower()), text, country, role.sector, "organisation", role.role
            )
        return None

    def _context_of_person(self, ent: Span) -> tuple[str | None, str | None]:
        """Country and sector of an unknown person from an apposition or a compound title:
        "Oleksii Ivanenko, a Ukrainian commander" or "Ukrainian commander Oleksii Ivanenko"."""
        kn = self.knowledge
        assert kn is not None
        candidates: list[Token] = []
        root = ent.root
        candidates.extend(t for t in root.children if t.dep_ == "appos")
        if root.dep_ == "appos":
            candidates.append(root.head)
        tokens_before = [t for t in ent.doc[max(0, ent.start - 4) : ent.start]]
        for token in candidates:
            sub = ent.doc[token.left_edge.i : token.right_edge.i + 1]
            role = kn.role(fold(sub.text))
            if role is not None:
                return self._country_in(sub), role.sector
        if tokens_before:
            sub = ent.doc[tokens_before[0].i : ent.start]
            role = kn.role(fold(sub.text))
            if role is not None and sub[-1].i == ent.start - 1:
                return self._country_in(sub), role.sector
        return None, None

    def _country_in(self, span: Span) -> str | None:
        kn = self.knowledge
        assert kn is not None
        for token in span:
            text = fold(token.text)
            if token.text[:1].isupper():
                c = kn.country_of_adjective(text) or kn.country(text)
                if c is not None:
                    return c.code
                person = kn.person(text, None) if kn.people(text) else None
                if person is not None:
                    return person.country
        return None

    # ------------------------------------------------------------------ descriptions
    def _descriptions(self, doc: Doc, on: dt.date | None, state: _State) -> None:
        """Noun phrases built around a role word: "a Putin aide", "the US president",
        "Russian forces", "the German government", "a source", "the spokesperson"."""
        kn = self.knowledge
        assert kn is not None
        for chunk in _noun_phrases(doc):
            chunk = _description_span(chunk)
            head = chunk.root
            if head.i in state.covered or (head.pos_ == "PROPN" and head.ent_type_ == "PERSON"):
                continue
            words = [t for t in chunk if t.lower_ not in DETERMINERS or t.i == head.i]
            if not words:
                continue
            phrase = doc[words[0].i : head.i + 1]
            role = kn.role(fold(phrase.text))
            lemma = head.lemma_.lower()
            if role is None and lemma not in GOVERNMENT_HEADS:
                continue
            # A possessive owner names the country best: "North Korea's state news agency".
            owned: set[int] = set()
            country = None
            for token in (t for t in head.children if t.dep_ == "poss"):
                owned.update(t.i for t in token.subtree)
                owner = fold(doc[token.left_edge.i : token.i + 1].text)
                c = kn.country(owner) or kn.country_of_adjective(fold(token.text))
                if c is not None and country is None:
                    country = c.code
            modifiers = [t for t in chunk if t.i < head.i and t.i not in owned]
            found_country, sector_hint, person_mod = self._modifier_country(modifiers, on)
            country = country or found_country
            if person_mod is None:
                for token in (t for t in head.children if t.dep_ == "poss"):
                    _, _, person_mod = self._modifier_country([token], on)
                    if person_mod is not None:
                        country = country or person_mod.country
            if country is None:
                country = self._country_after(head)
            definite = chunk[0].lower_ in ("the", "this", "that", "these", "those")
            if lemma in GOVERNMENT_HEADS and (role is None or role.role == "government"):
                if country is not None:
                    c = kn.countries[country]
                    self._add(
                        state,
                        chunk,
                        _Entry(
                            ("state", country), c.name, country, "GOV", "state", None, "description"
                        ),
                    )
                continue
            assert role is not None
            if (
                role.kind == "person"
                and role.role in UNIQUE_OFFICES
                and country is not None
                and chunk[0].lower_ not in ("a", "an")
            ):
                holder = kn.office_holder(country, role.role, on)
                if holder is not None:
                    entry = _person_entry(holder, "description")
                    self._add(state, chunk, entry)
                    continue
            if definite and country is None and role.kind == "person":
                earlier = state.descriptions.get(role.role) or _latest_with_role(state, role.role)
                if earlier is not None:
                    actor = next(a for a in state.actors.values() if a.id == earlier)
                    entry = _Entry(
                        _key_of(state, actor),
                        actor.name,
                        actor.country,
                        actor.sector,
                        actor.kind,
                        actor.role,
                        "description",
                    )
                    self._add(state, chunk, entry)
                    continue
            sector = sector_hint or role.sector
            name = _clean_description(chunk)
            kind = role.kind if role.kind in ("person", "group") else "organisation"
            if kind == "person" and head.tag_ in ("NNS", "NNPS"):
                kind = "group"
            if person_mod is not None and role.role in ("aide", "adviser", "spokesperson"):
                sector = sector or person_mod.sector
            entry = _Entry(
                ("description", name.lower()), name, country, sector, kind, role.role, "description"
            )
            self._add(state, chunk, entry)

    def _country_after(self, head: Token) -> str | None:
        """A country named in a phrase after the description: "security forces in Guinea",
        "demonstrators in Baghdad", "officials from Ukraine", "the army of Mali"."""
        kn = self.knowledge
        assert kn is not None
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in (
                "in",
                "from",
                "of",
                "throughout",
                "across",
            ):
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                if not obj.text[:1].isupper():
                    # "officials in the Russian city of Belgorod"
                    for child in obj.children:
                        if child.dep_ == "amod" and child.text[:1].isupper():
                            adjective = kn.country_of_adjective(fold(child.text))
                            if adjective is not None:
                                return adjective.code
                    continue
                name = fold(obj.doc[obj.left_edge.i : obj.i + 1].text)
                name = re.sub(r"^(the|a|an)\s+", "", name, flags=re.I)
                found = kn.country(name) or kn.country_of_capital(name)
                if found is not None:
                    return found.code
        return None

    def _demonyms(self, doc: Doc, state: _State) -> None:
        """Nationality words not inside another mention stand for their state: "Russian
        airstrikes", "a Ukrainian drone strike", "the Americans"."""
        kn = self.knowledge
        assert kn is not None
        for token in doc:
            if token.i in state.covered or not token.text[:1].isupper():
                continue
            if token.pos_ not in ("ADJ", "PROPN", "NOUN") or token.dep_ in ("ROOT",):
                continue
            country = kn.country_of_adjective(fold(token.text))
            if country is None or kn.country(fold(token.text)) is not None:
                continue
            entry = _Entry(
                ("state", country.code), country.name, country.code, None, "state", None, "demonym"
            )
            self._add(state, doc[token.i : token.i + 1], entry)

    def _modifier_country(self, modifiers: list[Token], on: dt.date | None):  # type: ignore[no-untyped-def]
        kn = self.knowledge
        assert kn is not None
        country = None
        sector = None
        person = None
        names = [t for t in modifiers if t.text[:1].isupper()]
        if len(names) > 1:
            body = kn.organisation(fold(" ".join(t.text for t in names)))
            if body is not None:  # "European Community foreign ministers"
                country, sector = body.country, body.sector
        for token in modifiers:
            text = fold(token.text)
            lower = token.lower_
            if lower in ("government", "state", "presidential", "kremlin"):
                sector = "GOV"
            elif lower in ("military", "army", "armed", "defence", "defense", "naval"):
                sector = sector or "MIL"
            if not token.text[:1].isupper():
                continue
            c = kn.country_of_adjective(text) or kn.country(text)
            if c is not None:
                country = country or c.code
                continue
            if kn.people(text):
                found = kn.person(text, on)
                if found is not None:
                    person = found
                    country = country or found.country
                    sector = sector or found.sector
                continue
            seat = kn.seat(text) or kn.organisation(text)
            if seat is not None:
                country = country or seat.country
                sector = sector or seat.sector
        return country, sector, person

    # ------------------------------------------------------------------ merging
    def _add(self, state: _State, span: Span, entry: _Entry) -> None:
        if entry.how == "description":
            if span.root.i in state.covered:
                return
        elif any(t in state.covered for t in range(span.start, span.end)):
            return
        start, end = _trim(span)
        actor = state.actors.get(entry.key)
        if actor is None:
            actor = Actor(
                id=f"tmp{len(state.actors) + 1}",
                name=entry.name,
                country=entry.country,
                sector=entry.sector,
                kind=entry.kind,
                role=entry.role,
            )
            state.actors[entry.key] = actor
        elif actor.sector is None and entry.sector is not None and entry.kind != "state":
            actor.sector = entry.sector
        actor.mentions.append((start, end))
        state.mentions.append(Mention((start, end), span.doc.text[start:end], actor.id, entry.how))
        state.covered.update(range(span.start, span.end))
        if entry.how == "description" and entry.role:
            state.descriptions[entry.role] = actor.id

    def _link_surnames(self, state: _State) -> None:
        """A bare surname refers to the person of that surname already named in full in the
        article: an unknown "Smith" after "John Smith", and "McCain" after "John McCain" even
        when the tables know another McCain."""
        people = [a for k, a in state.actors.items() if k[0] == "person"]
        full_names = {m.actor_id for m in state.mentions if m.how == "name" and " " in m.text}

        def surname(actor: Actor) -> str:
            return actor.name.split()[-1].lower()

        def named_in_full(actor: Actor) -> bool:
            return actor.id in full_names

        for key, actor in list(state.actors.items()):
            if key[0] != "person" or named_in_full(actor):
                continue
            for other in people:
                if other is not actor and surname(other) == surname(actor) and named_in_full(other):
                    _merge(state, actor, other)
                    del state.actors[key]
                    break

    def _pronouns(self, doc: Doc, state: _State) -> None:
        """he/she -> the latest person mentioned before (subjects first); it/they -> the
        latest state, organisation or group in the same sentence or the one before."""
        by_start = sorted(state.mentions, key=lambda m: m.span[0])
        kinds = {a.id: a.kind for a in state.actors.values()}
        for token in doc:
            lower = token.lower_
            if token.pos_ != "PRON" or token.i in state.covered:
                continue
            if lower in PERSON_PRONOUNS:
                wanted = {"person"}
                window = 2000
            elif lower in GROUP_PRONOUNS and token.dep_ in ("nsubj", "nsubjpass", "poss"):
                wanted = {"state", "organisation", "group"}
                window = 300
            else:
                continue
            antecedent = _antecedent(token, by_start, kinds, wanted, window)
            if antecedent is None:
                continue
            span = (token.idx, token.idx + len(token.text))
            state.mentions.append(Mention(span, token.text, antecedent, "pronoun"))
            for actor in state.actors.values():
                if actor.id == antecedent:
                    actor.mentions.append(span)
            state.covered.add(token.i)

    def _set_state_sectors(self, state: _State) -> None:
        """A state speaks as its government when a capital, a seat of power or "the X
        government" stands for it; otherwise its sector stays open."""
        for actor in state.actors.values():
            if actor.kind != "state":
                continue
            hows = {m.how for m in state.mentions if m.actor_id == actor.id}
            texts = {m.text.lower() for m in state.mentions if m.actor_id == actor.id}
            if (
                "description" in hows
                or any(
                    self.knowledge is not None and self.knowledge.seat(t) is not None for t in texts
                )
                or "metonym" in hows
                and any(
                    self.knowledge is not None and self.knowledge.country_of_capital(t) is not None
                    for t in texts
                )
            ):
                actor.sector = "GOV"
            else:
                actor.sector = None


# ---------------------------------------------------------------------- helpers
def _looks_like_name(span: Span) -> bool:
    return span[0].text[:1].isupper() and not all(t.is_punct for t in span)


def _trim(span: Span) -> tuple[int, int]:
    tokens = [t for t in span if not (t.is_punct and t.text not in (".",))]
    if not tokens:
        return span.start_char, span.end_char
    start = tokens[0].idx
    last = tokens[-1]
    end = last.idx + len(last.text)
    text = span.doc.text[start:end]
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            end -= len(suffix)
    return start, end


def _clean_description(chunk: Span) -> str:
    text = re.sub(r"\s+", " ", fold(chunk.text))
    first = chunk[0]
    if first.lower_ in DETERMINERS and first.text[:1].isupper():
        text = first.lower_ + text[len(first.text) :]
    return text


def _description_span(chunk: Span) -> Span:
    """The part of a noun chunk that describes its head: "other world leaders" out of
    "Trump and other world leaders"."""
    head = chunk.root
    start = head.i
    for child in head.lefts:
        if child.dep_ in ("conj", "cc", "appos", "punct"):
            continue
        start = min(start, child.left_edge.i)
    return chunk.doc[max(start, chunk.start) : head.i + 1]


def _latest_with_role(state: _State, role: str) -> str | None:
    """ "the president" after "Volodymyr Zelenskyy": the person last mentioned who holds
    that role at the article's date."""
    best: tuple[int, str] | None = None
    for actor in state.actors.values():
        if actor.kind != "person" or actor.role != role or not actor.mentions:
            continue
        last = max(start for start, _ in actor.mentions)
        if best is None or last > best[0]:
            best = (last, actor.id)
    return best[1] if best else None


def _key_of(state: _State, actor: Actor) -> tuple[str, str]:
    for key, value in state.actors.items():
        if value is actor:
            return key
    raise KeyError(actor.name)


def _merge(state: _State, source: Actor, target: Actor) -> None:
    target.mentions.extend(source.mentions)
    for mention in state.mentions:
        if mention.actor_id == source.id:
            mention.actor_id = target.id


def _noun_phrases(doc: Doc) -> list[Span]:
    try:
        return list(doc.noun_chunks)
    except ValueError:  # no parser in this pipeline
        return []


def _antecedent(
    token: Token, mentions: list[Mention], kinds: dict[str, str], wanted: set[str], window: int
) -> str | None:
    """Centering-lite: the subject of the current sentence (before the pronoun), else of
    each earlier sentence in turn (up to three back), else the nearest fitting mention."""
    doc = token.doc
    fitting = [
        m
        for m in mentions
        if m.span[0] < token.idx
        and token.idx - m.span[0] <= window
        and kinds.get(m.actor_id) in wanted
    ]
    if not fitting:
        return None
    sentences = list(doc.sents)
    current = next(i for i, s in enumerate(sentences) if s.start <= token.i < s.end)
    for index in range(current, max(-1, current - 4), -1):
        sent = sentences[index]
        for mention in fitting:
            if not (sent.start_char <= mention.span[0] < sent.end_char):
                continue
            span = doc.char_span(mention.span[0], mention.span[1], alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            if root.dep_ == "appos":  # "The president, X, said": X stands for the subject
                root = root.head
            if root.dep_ in ("nsubj", "nsubjpass"):
                return mention.actor_id
    return fitting[-1].actor_id
