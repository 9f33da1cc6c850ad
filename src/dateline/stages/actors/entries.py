"""What a stretch of text was found to be (an :class:`Entry`), and how entries become actors
and mentions: one actor per key, one mention per stretch, a bare surname joined to the full
name it shortens."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...document import Actor, Mention
from ...knowledge.wordlists import load_word_classes

if TYPE_CHECKING:
    from spacy.tokens import Span

    from ...knowledge import Country, Person

#: (kind of key, canonical string): what identifies one actor within an article
Key = tuple[str, str]


@dataclass
class Entry:
    """What a stretch of text was found to be, before actors are merged."""

    key: Key
    name: str
    country: str | None
    sector: str | None
    kind: str
    role: str | None = None
    how: str = "name"
    surname: str | None = None


def state_entry(country: Country, how: str) -> Entry:
    """A country named as itself: the state, its sector open until its mentions decide it."""
    return Entry(("state", country.code), country.name, country.code, None, "state", None, how)


def person_entry(person: Person, how: str) -> Entry:
    """A person from the tables, as the role they hold at the article's date."""
    return Entry(
        ("person", person.name), person.name, person.country, person.sector, "person",
        person.role, how, surname=person.name.split()[-1],
    )  # fmt: skip


@dataclass
class State:
    """One article's actors and mentions while the stage builds them."""

    #: the article's text, read once (spaCy builds ``doc.text`` anew on every access)
    text: str
    actors: dict[Key, Actor] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    covered: set[int] = field(default_factory=set)  # token indices already in a mention
    descriptions: dict[str, str] = field(default_factory=dict)  # head noun -> latest actor id
    by_id: dict[str, Actor] = field(default_factory=dict)
    keys: dict[str, Key] = field(default_factory=dict)  # actor id -> its key
    #: role -> (start of the latest mention, -creation order, actor id) of the person with
    #: that role mentioned last (the one created first on a tie)
    latest_by_role: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    last_start: dict[str, int] = field(default_factory=dict)  # actor id -> latest start


def add_mention(state: State, span: Span, entry: Entry) -> None:
    """Make ``span`` a mention of the entry's actor (created on its first mention), unless
    the span is already taken: all of it for a name, its head for a description."""
    if entry.how == "description":
        if span.root.i in state.covered:
            return
    elif any(t in state.covered for t in range(span.start, span.end)):
        return
    start, end = trim(span, state.text)
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
        state.by_id[actor.id] = actor
        state.keys[actor.id] = entry.key
    elif actor.sector is None and entry.sector is not None and entry.kind != "state":
        actor.sector = entry.sector
    actor.mentions.append((start, end))
    state.mentions.append(Mention((start, end), state.text[start:end], actor.id, entry.how))
    state.covered.update(range(span.start, span.end))
    if entry.how == "description" and entry.role:
        state.descriptions[entry.role] = actor.id
    _note_latest(state, actor, start)


def _note_latest(state: State, actor: Actor, start: int) -> None:
    last = max(start, state.last_start.get(actor.id, start))
    state.last_start[actor.id] = last
    if actor.kind != "person" or actor.role is None:
        return
    order = -int(actor.id.removeprefix("tmp"))
    best = state.latest_by_role.get(actor.role)
    if best is None or (last, order) > best[:2]:
        state.latest_by_role[actor.role] = (last, order, actor.id)


def latest_with_role(state: State, role: str) -> str | None:
    """ "the president" after "Volodymyr Zelenskyy": the person last mentioned who holds
    that role at the article's date."""
    best = state.latest_by_role.get(role)
    return best[2] if best else None


def link_surnames(state: State) -> None:
    """A bare surname refers to the person of that surname already named in full in the
    article: an unknown "Smith" after "John Smith", and "McCain" after "John McCain" even
    when the tables know another McCain."""
    full_names = {m.actor_id for m in state.mentions if m.how == "name" and " " in m.text}

    def surname(actor: Actor) -> str:
        return actor.name.split()[-1].lower()

    named_in_full: dict[str, Actor] = {}  # surname -> first person named in full
    for key, actor in state.actors.items():
        if key[0] == "person" and actor.id in full_names:
            named_in_full.setdefault(surname(actor), actor)
    merged: dict[str, str] = {}
    for key, actor in list(state.actors.items()):
        if key[0] != "person" or actor.id in full_names:
            continue
        other = named_in_full.get(surname(actor))
        if other is not None:
            other.mentions.extend(actor.mentions)
            merged[actor.id] = other.id
            del state.actors[key]
            del state.by_id[actor.id]
    if merged:
        for mention in state.mentions:
            mention.actor_id = merged.get(mention.actor_id, mention.actor_id)


def trim(span: Span, text: str) -> tuple[int, int]:
    """The characters of ``span`` without edge punctuation (a full stop stays: "Jr.") and
    without a trailing possessive."""
    tokens = [t for t in span if not (t.is_punct and t.text not in (".",))]
    if not tokens:
        return span.start_char, span.end_char
    start = tokens[0].idx
    last = tokens[-1]
    end = last.idx + len(last.text)
    stretch = text[start:end]
    for suffix in ("'s", "’s"):
        if stretch.endswith(suffix):
            end -= len(suffix)
    return start, end


@dataclass(frozen=True)
class ActorWords:
    """The closed word lists of the actor stage (``actor_words.tsv``)."""

    #: a capital in a phrase opened by one of these is a place, not the government
    locative_prepositions: frozenset[str]
    #: nouns that make "the X government" the state speaking as its government
    government_heads: frozenset[str]
    #: offices held by one person per country at a time: "the Russian president" is Putin,
    #: but "the Russian ambassador" depends on where, so it stays a description
    unique_offices: frozenset[str]
    calendar_words: frozenset[str]
    place_nouns: frozenset[str]
    determiners: frozenset[str]

    @classmethod
    def load(cls) -> ActorWords:
        words = load_word_classes("actor_words.tsv")
        return cls(
            locative_prepositions=words["locative_preposition"],
            government_heads=words["government_head"],
            unique_offices=words["unique_office"],
            calendar_words=words["calendar_word"],
            place_nouns=words["place_noun"],
            determiners=words["determiner"],
        )
