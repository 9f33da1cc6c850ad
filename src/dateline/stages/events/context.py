"""What every event module reads about one article: its actors and mentions, who speaks in
its quotes, the states it is most about, and the candidates found so far; and the one way to
make a candidate event."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...knowledge.lexicon import Lexicon, Trigger
from ...spancover import SpanCover

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...document import Document, EventDate, Mention, Place, Quantity, TimeExpression
    from ...knowledge import Knowledge
    from .tables import EventTables

FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}


@dataclass
class Candidate:
    token: Token
    trigger: Trigger
    type: str
    mode: list[str]
    context: list[str]
    cameo: str
    actor: list[str]
    recipient: list[str]
    modality: str
    reported_by: str | None
    confidence: float
    head_token: Token  # the token whose arguments were used (a light verb or the trigger)
    date: EventDate | None = None
    place: Place | None = None
    quantities: list[Quantity] = field(default_factory=list)
    more: list[tuple[int, int]] = field(default_factory=list)
    #: the attacker is no side the sentence names but one taken from the article's parties
    actor_guessed: bool = False
    #: the recipient is the actor's own state: a domestic protest or crackdown with no
    #: target named (GUIDELINES: domestic events take the same country on both sides)
    domestic: bool = False


def make_trigger(
    lemma: str, pos: str, type: str, cameo: str, mode: tuple[str, ...] = (), prior: float = 0.6
) -> Trigger:
    """A trigger that is no row of ``triggers.tsv``: a frame or a re-read word."""
    return Trigger(
        lemma=lemma, pos=pos, type=type, mode=mode, context=(), cameo=cameo, needs="", prior=prior
    )


def make_candidate(
    token: Token,
    trigger: Trigger,
    *,
    actor: list[str],
    recipient: list[str],
    modality: str,
    reported_by: str | None,
    head: Token | None = None,
    type: str | None = None,
    mode: list[str] | None = None,
    cameo: str | None = None,
    confidence: float | None = None,
) -> Candidate:
    """A candidate event at ``token``; type, mode, context, cameo and confidence are the
    trigger's unless the coding changed them."""
    return Candidate(
        token=token,
        trigger=trigger,
        type=trigger.type if type is None else type,
        mode=list(trigger.mode) if mode is None else mode,
        context=list(trigger.context),
        cameo=trigger.cameo if cameo is None else cameo,
        actor=actor,
        recipient=recipient,
        modality=modality,
        reported_by=reported_by,
        confidence=trigger.prior if confidence is None else confidence,
        head_token=token if head is None else head,
    )


class Context:
    """One article as the event modules see it."""

    def __init__(
        self,
        document: Document,
        lexicon: Lexicon,
        tables: EventTables,
        knowledge: Knowledge | None = None,
        use_roles: bool = True,
        role_log: list[Any] | None = None,
    ) -> None:
        self.document = document
        #: whether the learned role model checks the rules' actor and recipient, and where
        #: its candidates are written for training (dateline.learned.roles)
        self.use_roles = use_roles
        self.role_log = role_log
        self.lexicon = lexicon
        self.tables = tables
        self.knowledge = knowledge
        self.text = document.text
        self.actors = {a.id: a for a in document.actors}
        self.quotes = [q for q in document.quotes if q.kind in ("direct", "partial")]
        #: the sides of the last reciprocal event ("the two sides" points back to them)
        self.last_pair: list[str] = []
        #: candidates built from triggers so far, in text order
        self.history: list[Candidate] = []
        self.dominant = dominant_states(document)
        # mentions by start, for the questions asked per candidate (a scan of every mention
        # per candidate made long articles quadratic)
        self._by_start = sorted(document.mentions, key=lambda m: m.span[0])
        self._starts = [m.span[0] for m in self._by_start]
        # places and dates by offset, built on first use: each candidate asks for those of
        # its sentence, and a scan of all of them per candidate was quadratic
        self._places: SpanCover | None = None
        self._dates: SpanCover | None = None

    def places_starting_in(self, start: int, end: int) -> list[Place]:
        """The places that start at ``start`` or later and before ``end``, in the order of
        ``document.places``."""
        places = self.document.places
        if self._places is None:
            self._places = SpanCover(p.span for p in places)
        return [places[i] for i in self._places.starting_in(start, end)]

    def dates_starting_in(self, start: int, end: int) -> list[TimeExpression]:
        """The dates that start at ``start`` or later and before ``end``, in the order of
        ``document.dates``."""
        return [self.document.dates[i] for i in self._date_cover().starting_in(start, end)]

    def in_a_date(self, offset: int) -> bool:
        """Whether ``offset`` lies inside one of the document's dates."""
        return offset in self._date_cover()

    def _date_cover(self) -> SpanCover:
        if self._dates is None:
            self._dates = SpanCover(d.span for d in self.document.dates)
        return self._dates

    def mentions_starting_in(self, start: int, end: int) -> list[Mention]:
        """The mentions that start at ``start`` or later and before ``end``, in text order."""
        return self._by_start[bisect_left(self._starts, start) : bisect_left(self._starts, end)]

    def countries(self, actor_ids: list[str]) -> set[str]:
        return {a.country for i in actor_ids if (a := self.actors.get(i)) is not None and a.country}

    def state_of(self, country: str) -> str | None:
        for actor in self.document.actors:
            if actor.kind == "state" and actor.country == country:
                return actor.id
        return None

    def mention(self, token: Token) -> str | None:
        start, end = token.idx, token.idx + len(token.text)
        if token.lower_ in FIRST_PERSON:
            speaker = self.speaker_around(start)
            if speaker is not None:
                return speaker
        mention = self.document.mention_at(start, end)
        return mention.actor_id if mention is not None else None

    def mention_how(self, token: Token) -> str | None:
        mention = self.document.mention_at(token.idx, token.idx + len(token.text))
        return mention.how if mention is not None else None

    def speaker_around(self, offset: int) -> str | None:
        for quote in self.quotes:
            if quote.span[0] <= offset < quote.span[1] and quote.speaker:
                return quote.speaker
        return None

    def is_person(self, token: Token) -> bool:
        mention = self.mention(token)
        if mention is not None:
            actor = self.actors.get(mention)
            return actor is not None and actor.kind == "person"
        return token.ent_type_ == "PERSON"

    def actors_of(self, token: Token, follow_conj: bool = False) -> list[str]:
        """The actors a noun phrase refers to: its own mention, else an apposition's, else a
        mention among its modifiers; with conjuncts when asked ("Russia and Ukraine")."""
        found: list[str] = []
        if self._is_both_sides(token) or self._them_after_both_sides(token):
            return list(self.last_pair)
        own = self.mention(token)
        if own is None and token.lemma_.lower() in self.tables.words["enemy"]:
            enemy = self._enemy_of(token)
            if enemy is not None:
                return [enemy]
        if own is not None:
            found.append(own)
        else:
            for child in token.children:
                if child.dep_ == "appos":
                    found += self.actors_of(child)
            if not found:
                for child in token.children:
                    if child.dep_ in ("compound", "amod", "poss", "nmod") and child.i < token.i:
                        sub = self.mention(child)
                        if sub is not None:
                            found.append(sub)
                            break
        if not self.countries(found):
            # "the foreign ministers of Armenia and Azerbaijan", "opposition groups in
            # Zimbabwe", "activists from the Fatah party": the side named after the noun.
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("of", "in", "from"):
                    found += [
                        a
                        for o in child.children
                        if o.dep_ == "pobj"
                        for a in self.actors_of(o, follow_conj=True)
                    ]
        if follow_conj:
            for child in token.children:
                if child.dep_ == "conj":
                    found += self.actors_of(child, follow_conj=True)
        return found

    def _enemy_of(self, token: Token) -> str | None:
        """ "the enemy", "the occupiers" in a side's own words: the article's main party
        other than the speaker's."""
        quote = next((q for q in self.quotes if q.span[0] <= token.idx < q.span[1]), None)
        if quote is None or quote.speaker is None:
            return None
        own = self.countries([quote.speaker])
        other = [a for a, c in self.dominant if c not in own]
        return other[0] if other else None

    def _is_both_sides(self, token: Token) -> bool:
        """ "the two sides", "both leaders", "the two countries" point back to the parties
        of the last reciprocal event."""
        if not self.last_pair or token.lemma_.lower() not in self.tables.words["pair"]:
            return False
        return any(
            c.lower_ in ("two", "both")
            for c in token.children
            if c.dep_ in ("nummod", "det", "predet")
        )

    def _them_after_both_sides(self, token: Token) -> bool:
        """ "called both leaders, urging them to ...": a plural pronoun after "both
        leaders" in its sentence means the same two parties."""
        if not self.last_pair or token.lower_ not in ("them", "they"):
            return False
        return any(self._is_both_sides(t) for t in token.sent if t.i < token.i)


def dominant_states(document: Document) -> list[tuple[str, str]]:
    """States the article is most about (mentions of the state and of its people), most
    mentioned first; only those mentioned at least three times."""
    weight: dict[str, int] = {}
    for actor in document.actors:
        if actor.country and actor.country != "IGO" and actor.sector != "MED":
            weight[actor.country] = weight.get(actor.country, 0) + len(actor.mentions)
    out = []
    for country, count in sorted(weight.items(), key=lambda kv: -kv[1]):
        state = next(
            (a.id for a in document.actors if a.kind == "state" and a.country == country), None
        )
        if state is not None and count >= 3:
            out.append((state, country))
    return out
