"""Names: the longest stretches the knowledge tables know (seats of power, people with terms
of office, organisations, countries, capitals), then spaCy's entities nobody claimed, with
spaCy's raw label as the last hint. A country or capital is the state acting (a metonym), a
place (a location) or just its name, by how the sentence uses it."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from .entries import ActorWords, Entry, person_entry, state_entry

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ...knowledge import Knowledge

MAX_NAME_TOKENS = 6
#: entity labels that never name an actor
NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


def fold(text: str) -> str:
    """Straight apostrophes, no edge whitespace: how the stage looks a stretch up."""
    return re.sub(r"[’`]", "'", text).strip()


def looks_like_name(span: Span) -> bool:
    return span[0].text[:1].isupper() and not all(t.is_punct for t in span)


class NameFinder:
    """Finds the named actors of one article."""

    def __init__(self, knowledge: Knowledge, words: ActorWords) -> None:
        self.knowledge = knowledge
        self.words = words

    def find(self, doc: Doc, on: dt.date | None) -> list[tuple[Span, Entry]]:
        """Longest knowledge matches over the tokens, then spaCy entities nobody claimed."""
        found: list[tuple[Span, Entry]] = []
        taken: set[int] = set()
        person_ents = _person_entity_of_tokens(doc)
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
                    entry = self.lookup(span, on)
                    if entry is not None and _inside_longer_name(span, entry, person_ents):
                        break  # "Ibrahim" of an unknown "Ibrahim Kalin" is not Anwar Ibrahim
                    if entry is not None:
                        match = (span, entry)
                        break
            if match is not None:
                span, entry = match
                if entry.kind in ("organisation", "group") and entry.country is None:
                    entry = self._owned(span, entry)
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

    def _owned(self, span: Span, entry: Entry) -> Entry:
        """A generic body owned by a country ("Israel's Cabinet", "Ukraine's parliament") is
        that country's."""
        for child in span.root.children:
            if child.dep_ == "poss":
                owner = self.knowledge.country(fold(span.doc[child.left_edge.i : child.i + 1].text))
                if owner is not None:
                    name = f"{owner.name} {entry.name}"
                    return Entry(
                        ("org", name.lower()),
                        name,
                        owner.code,
                        entry.sector,
                        entry.kind,
                        entry.role,
                        entry.how,
                    )
        return entry

    def lookup(self, span: Span, on: dt.date | None) -> Entry | None:
        """What the tables say ``span`` is, if they know it."""
        kn = self.knowledge
        text = fold(span.text)
        first = span[0]
        if first.lower_ == "the" and len(span) == 1:
            return None
        seat = kn.seat(text)
        if seat is not None and seat.country == "IGO":
            body = kn.organisation(text, on) or seat
            return Entry(("org", body.name), body.name, body.country, body.sector, "organisation")
        if seat is not None:
            return Entry(
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
                return state_entry(country, self.gpe_use(span))
            return None
        if not looks_like_name(span):
            return None
        if span.root.ent_type_ in NOT_NAMES or span.root.lower_ in self.words.calendar_words:
            return None  # "on Friday" is no Godwin Friday, "May" no Theresa May
        persons = kn.people(text)
        if persons:
            person = kn.person(text, on)
            if person is not None:
                return person_entry(person, "name")
        org = kn.organisation(text, on)
        if org is not None:
            kind = "organisation" if org.kind != "group" else "group"
            return Entry(("org", org.name), org.name, org.country, org.sector, kind)
        country = kn.country(text)
        if country is not None:
            return state_entry(country, self.gpe_use(span))
        capital = kn.country_of_capital(text)
        if capital is not None:
            use = self.gpe_use(span)
            return Entry(
                ("state", capital.code),
                capital.name,
                capital.code,
                "GOV" if use == "metonym" else None,
                "state",
                None,
                use,
            )
        return None

    def gpe_use(self, span: Span) -> str:
        """metonym when the place acts or is acted upon as a government; location when it
        only says where; name otherwise."""
        head = span.root
        if head.dep_ in ("nsubj", "nsubjpass", "agent", "poss", "dobj", "dative"):
            return "metonym"
        if head.dep_ == "pobj" and head.head.lower_ == "of":
            # "the city of Kharkiv" says where; "the accession of Finland" names a side.
            owner = head.head.head
            return "location" if owner.lemma_.lower() in self.words.place_nouns else "name"
        if head.dep_ == "pobj" and head.head.lower_ in self.words.locative_prepositions:
            return "location"
        if head.dep_ == "pobj":
            return "metonym"
        if head.dep_ == "conj":
            return self._gpe_use_of(head.head)
        return "name"

    def _gpe_use_of(self, token: Token) -> str:
        return self.gpe_use(token.doc[token.i : token.i + 1])

    def _unknown_entity(self, ent: Span, on: dt.date | None) -> Entry | None:
        """An entity the tables do not know: people keep their name; organisations only when
        they name an institution; adjectives of nationality are handled by descriptions."""
        text = fold(ent.text)
        text = re.sub(r"^(the|a|an)\s+", "", text, flags=re.I)
        text = re.sub(r"['’]s$", "", text)
        if not text or not looks_like_name(ent):
            return None
        kn = self.knowledge
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
                return person_entry(person, "name")
            if len(name) < 3 or kn.country_of_adjective(name) is not None:
                return None
            nation = next(
                (c for t in tokens[:-1] if (c := kn.country_of_adjective(t)) is not None), None
            )
            if nation is not None and ent.root.tag_ in ("NNPS", "NNS"):
                # "Bosnian Serbs", "Kosovo Albanians": a people, not a person
                return Entry(("group", name.lower()), name, nation.code, None, "group")
            if ent.root.pos_ != "PROPN":
                return None  # "Strikes", "Shelling": a capitalised common noun, no person
            if len(tokens) == 1 and ent.root.dep_ in ("compound", "amod", "nmod"):
                return None  # "the Patriot missiles": a name used as a modifier is no person
            country, sector = self._context_of_person(ent)
            if role is not None:
                sector = sector or role.sector
            return Entry(
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
            return Entry(
                ("org", text.lower()), text, country, role.sector, "organisation", role.role
            )
        return None

    def _context_of_person(self, ent: Span) -> tuple[str | None, str | None]:
        """Country and sector of an unknown person from an apposition or a compound title:
        "Oleksii Ivanenko, a Ukrainian commander" or "Ukrainian commander Oleksii Ivanenko"."""
        kn = self.knowledge
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


def _person_entity_of_tokens(doc: Doc) -> dict[int, Span]:
    """The PERSON entity each token lies in, found once per article."""
    found: dict[int, Span] = {}
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            for i in range(ent.start, ent.end):
                found.setdefault(i, ent)
    return found


def _inside_longer_name(span: Span, entry: Entry, person_ents: dict[int, Span]) -> bool:
    """A person found by one of their names inside a longer personal name that spaCy saw as
    one entity: the longer name is someone else unless it contains the match's full name."""
    if entry.kind != "person" or len(span) > 1:
        return False
    ent = person_ents.get(span.start)
    if ent is None:
        return False
    known = {w.lower() for w in re.findall(r"\w+", entry.name)}
    others = [
        t
        for t in ent
        if t.i != span.start and t.is_alpha and t.text[:1].isupper() and t.lower_ not in known
    ]
    return len(ent) > 1 and bool(others)
