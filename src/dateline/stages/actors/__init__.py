"""Actors: every name, description, metonym and pronoun that refers to a participant becomes
a mention of one canonical actor (name, country, sector, kind, role at the article's date).

Reads ``doc`` (tokens, parse, raw entity labels) and ``article.published``; writes ``actors``
and ``mentions``. The order of evidence for a span is: knowledge tables (seats of power,
people with terms of office, organisations, countries, capitals: :mod:`.names`), then
descriptions built around a role word ("a Putin aide", "a German government spokesperson",
"Russian forces": :mod:`.descriptions`), then spaCy's raw label as a last hint. Pronouns
and definite descriptions ("the spokesperson", "the Russian president") are linked to an
actor already in the article (:mod:`.coreference`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...document import Document, Mention
from ...errors import NotInitializedError
from .coreference import MentionOrder, Pronouns, SentenceScope, find_antecedent, mention_root
from .descriptions import DescriptionFinder
from .entries import ActorWords, State, add_mention, link_surnames
from .names import NameFinder
from .sentences import SentenceIndex

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ...knowledge import Knowledge

#: how far back (in characters) a pronoun looks for a person, and for a state or group
PERSON_WINDOW = 2000
GROUP_WINDOW = 300
#: how many sentences before its own a pronoun looks for a subject
SENTENCES_BACK = 3


class ActorStage:
    name = "actors"
    requires: tuple[str, ...] = ("doc",)
    assigns: tuple[str, ...] = ("actors", "mentions")

    def __init__(self) -> None:
        self.knowledge: Knowledge | None = None
        self.names: NameFinder | None = None
        self.descriptions: DescriptionFinder | None = None
        self.pronouns: Pronouns | None = None

    def initialize(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        words = ActorWords.load()
        self.names = NameFinder(knowledge, words)
        self.descriptions = DescriptionFinder(knowledge, words)
        self.pronouns = Pronouns.load("mention")

    def __call__(self, document: Document) -> Document:
        if self.names is None or self.descriptions is None or self.pronouns is None:
            raise NotInitializedError(self.name)
        doc = document.doc
        if doc is None:
            return document
        on = document.article.published
        state = State(doc.text)
        for span, entry in self.names.find(doc, on):
            add_mention(state, span, entry)
        self.descriptions.add_descriptions(doc, on, state)
        self.descriptions.add_demonyms(doc, state)
        link_surnames(state)
        self._pronouns(doc, state, self.pronouns)
        self._set_state_sectors(state)
        document.actors = sorted(state.actors.values(), key=lambda a: min(a.mentions))
        new_ids: dict[str, str] = {}
        for number, actor in enumerate(document.actors, start=1):
            new_ids[actor.id] = f"a{number}"
            actor.id = new_ids[actor.id]
        for mention in state.mentions:
            mention.actor_id = new_ids.get(mention.actor_id, mention.actor_id)
        document.mentions = sorted(state.mentions, key=lambda m: m.span)
        return document

    def _pronouns(self, doc: Doc, state: State, pronouns: Pronouns) -> None:
        """he/she -> the latest person mentioned before (subjects first); it/they -> the
        latest state, organisation or group in the same sentence or the one before."""
        order = MentionOrder(state.mentions)
        kinds = {a.id: a.kind for a in state.actors.values()}
        sentences = SentenceIndex(doc)

        def is_subject(mention: Mention) -> bool:
            root = mention_root(doc, mention.span)
            if root is None:
                return False
            if root.dep_ == "appos":  # "The president, X, said": X stands for the subject
                root = root.head
            return root.dep_ in ("nsubj", "nsubjpass")

        for token in doc:
            if token.pos_ != "PRON" or token.i in state.covered:
                continue
            refers_to = pronouns.refers_to(token.lower_)
            if refers_to == "person":
                wanted = {"person"}
                window = PERSON_WINDOW
            elif refers_to == "group" and token.dep_ in ("nsubj", "nsubjpass", "poss"):
                wanted = {"state", "organisation", "group"}
                window = GROUP_WINDOW
            else:
                continue
            current = sentences.number_at(token.idx)
            if current is None:
                continue
            offset = token.idx
            candidates = (
                m
                for m in _within(order.before(offset), offset, window)
                if kinds.get(m.actor_id) in wanted
            )
            scope = SentenceScope(sentences.number_at, current, SENTENCES_BACK)
            found = find_antecedent(candidates, is_subject, scope)
            antecedent = found.subject or found.nearest
            if antecedent is None:
                continue
            span = (token.idx, token.idx + len(token.text))
            state.mentions.append(Mention(span, token.text, antecedent.actor_id, "pronoun"))
            state.by_id[antecedent.actor_id].mentions.append(span)
            state.covered.add(token.i)

    def _set_state_sectors(self, state: State) -> None:
        """A state speaks as its government when a capital, a seat of power or "the X
        government" stands for it; otherwise its sector stays open."""
        kn = self.knowledge
        assert kn is not None
        hows: dict[str, set[str]] = defaultdict(set)
        texts: dict[str, set[str]] = defaultdict(set)
        for mention in state.mentions:
            hows[mention.actor_id].add(mention.how)
            texts[mention.actor_id].add(mention.text.lower())
        for actor in state.actors.values():
            if actor.kind != "state":
                continue
            if (
                "description" in hows[actor.id]
                or any(kn.seat(t) is not None for t in texts[actor.id])
                or "metonym" in hows[actor.id]
                and any(kn.country_of_capital(t) is not None for t in texts[actor.id])
            ):
                actor.sector = "GOV"
            else:
                actor.sector = None


def _within(nearest_first: Iterator[Mention], offset: int, window: int) -> Iterator[Mention]:
    """The mentions that start at most ``window`` characters before ``offset``."""
    for mention in nearest_first:
        if offset - mention.span[0] > window:
            return
        yield mention
