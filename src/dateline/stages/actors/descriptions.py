"""Descriptions: noun phrases built around a role word ("a Putin aide", "the US president",
"Russian forces", "the German government", "a source", "the spokesperson"), and nationality
words that stand for their state ("Russian airstrikes")."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from .entries import (
    ActorWords,
    Entry,
    State,
    add_mention,
    latest_with_role,
    person_entry,
)
from .names import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ...knowledge import Knowledge, Person

#: prepositions whose object may name the country of a description ("officials from X")
COUNTRY_PREPOSITIONS = ("in", "from", "of", "throughout", "across")


class DescriptionFinder:
    """Adds the descriptions and demonyms of one article to its actors."""

    def __init__(self, knowledge: Knowledge, words: ActorWords) -> None:
        self.knowledge = knowledge
        self.words = words

    def add_descriptions(self, doc: Doc, on: dt.date | None, state: State) -> None:
        """Noun phrases built around a role word: "a Putin aide", "the US president",
        "Russian forces", "the German government", "a source", "the spokesperson"."""
        kn = self.knowledge
        government_heads = self.words.government_heads
        for chunk in _noun_phrases(doc):
            chunk = _description_span(chunk)
            head = chunk.root
            if head.i in state.covered or (head.pos_ == "PROPN" and head.ent_type_ == "PERSON"):
                continue
            words = [t for t in chunk if t.lower_ not in self.words.determiners or t.i == head.i]
            if not words:
                continue
            phrase = doc[words[0].i : head.i + 1]
            role = kn.role(fold(phrase.text))
            lemma = head.lemma_.lower()
            if role is None and lemma not in government_heads:
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
            if lemma in government_heads and (role is None or role.role == "government"):
                # Only a state has a government: "the EU leadership" is no state's.
                state_country = kn.countries.get(country) if country is not None else None
                if state_country is not None:
                    entry = Entry(
                        ("state", state_country.code),
                        state_country.name,
                        state_country.code,
                        "GOV",
                        "state",
                        None,
                        "description",
                    )
                    add_mention(state, chunk, entry)
                continue
            assert role is not None
            if (
                role.kind == "person"
                and role.role in self.words.unique_offices
                and country is not None
                and chunk[0].lower_ not in ("a", "an")
            ):
                holder = kn.office_holder(country, role.role, on)
                if holder is not None:
                    add_mention(state, chunk, person_entry(holder, "description"))
                    continue
            if definite and country is None and role.kind == "person":
                earlier = state.descriptions.get(role.role) or latest_with_role(state, role.role)
                if earlier is not None:
                    actor = state.by_id[earlier]
                    entry = Entry(
                        state.keys[actor.id],
                        actor.name,
                        actor.country,
                        actor.sector,
                        actor.kind,
                        actor.role,
                        "description",
                    )
                    add_mention(state, chunk, entry)
                    continue
            sector = sector_hint or role.sector
            name = self._clean_description(chunk)
            kind = role.kind if role.kind in ("person", "group") else "organisation"
            if kind == "person" and head.tag_ in ("NNS", "NNPS"):
                kind = "group"
            if person_mod is not None and role.role in ("aide", "adviser", "spokesperson"):
                sector = sector or person_mod.sector
            entry = Entry(
                ("description", name.lower()), name, country, sector, kind, role.role, "description"
            )
            add_mention(state, chunk, entry)

    def _country_after(self, head: Token) -> str | None:
        """A country named in a phrase after the description: "security forces in Guinea",
        "demonstrators in Baghdad", "officials from Ukraine", "the army of Mali"."""
        kn = self.knowledge
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in COUNTRY_PREPOSITIONS:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                if not obj.text[:1].isupper():
                    # a common noun with a nationality adjective: "officials in a Polish town"
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

    def add_demonyms(self, doc: Doc, state: State) -> None:
        """Nationality words not inside another mention stand for their state: "Russian
        airstrikes", "a Ukrainian drone strike", "the Americans"."""
        kn = self.knowledge
        for token in doc:
            if token.i in state.covered or not token.text[:1].isupper():
                continue
            if token.pos_ not in ("ADJ", "PROPN", "NOUN") or token.dep_ in ("ROOT",):
                continue
            country = kn.country_of_adjective(fold(token.text))
            if country is None or kn.country(fold(token.text)) is not None:
                continue
            entry = Entry(
                ("state", country.code), country.name, country.code, None, "state", None, "demonym"
            )
            add_mention(state, doc[token.i : token.i + 1], entry)

    def _modifier_country(
        self, modifiers: list[Token], on: dt.date | None
    ) -> tuple[str | None, str | None, Person | None]:
        """Country, sector hint and person that the words before a description's head give
        ("European Community foreign ministers", "a Putin aide", "Russian military")."""
        kn = self.knowledge
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

    def _clean_description(self, chunk: Span) -> str:
        text = re.sub(r"\s+", " ", fold(chunk.text))
        first = chunk[0]
        if first.lower_ in self.words.determiners and first.text[:1].isupper():
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


def _noun_phrases(doc: Doc) -> list[Span]:
    try:
        return list(doc.noun_chunks)
    except ValueError:  # no parser in this pipeline
        return []
