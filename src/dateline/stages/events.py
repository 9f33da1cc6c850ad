"""Events: PLOVER-coded events with actors, recipients, modality, date, place and figures.

Reads ``doc``, ``actors``, ``mentions``, ``dates``, ``places`` and ``quotes``; writes ``events``.

How an event is found:

1. **Triggers** are verbs, nouns and a few adjectives listed in ``knowledge/data/triggers.tsv``
   with the PLOVER type they signal; a trigger whose meaning depends on its object ("halted
   shipments of aid" vs "halted the game") says so in its ``needs`` column, tested against the
   word classes of ``word_classes.tsv``. Light verbs ("launched an attack", "held talks")
   give their subject to the event noun they govern.
2. **Arguments** come from the parse: subjects, passive agents, objects, "with"/"against"/
   "on"/"to" phrases, possessives and nationality adjectives ("Russian airstrikes"),
   conjuncts (compound actors) and appositions, each resolved to an actor through the
   mentions the actor stage wrote (pronouns included; "I"/"we" inside a direct quote are the
   quote's speaker).
3. **Modality** from negation, modal verbs, intention and hypothesis cues on the path from
   the trigger to its clause's root (``modality.tsv``); a trigger inside the complement of a
   speech verb is ``reported_by`` that verb's subject.
4. **Date, place, figures** from the sentence: the time expression and the place attached
   closest to the trigger, numbers with their qualifier and unit.
5. **One event per real event**: candidates with the same type, sides, date and place are
   merged, keeping every evidence span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..document import Document, Event, EventDate, Place, Quantity
from ..knowledge.lexicon import Lexicon, Trigger, load_lexicon
from ..timex import number_value

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..knowledge import Knowledge

RECIPROCAL = {"CONSULT", "AGREE", "COOPERATE"}
COOPERATIVE = {"AID", "SUPPORT", "CONCEDE", "RETREAT", "COOPERATE", "CONSULT"}
CONFLICTUAL = {"SANCTION", "COERCE", "ASSAULT", "MOBILIZE"}
THREAT_MODES = {
    "SANCTION": "restrict",
    "COERCE": "arrest",
    "ASSAULT": "violence",
    "MOBILIZE": "violence",
}
# Speech acts aimed at someone: with no recipient in the parse, the other side named in the
# sentence is taken.
ADDRESSED = {"ACCUSE", "REJECT", "THREATEN", "REQUEST", "SANCTION", "COERCE"}
# Statements whose date, when the sentence gives none, is the day of the report (a same-day
# reaction, GUIDELINES.md).
STATEMENTS = {"ACCUSE", "SUPPORT", "REQUEST", "THREATEN", "AGREE"}
ENEMY_WORDS = {"enemy", "occupier", "invader", "aggressor", "adversary", "occupant"}
BLAME_VERBS = {
    "blame",
    "accuse",
    "condemn",
    "punish",
    "sanction",
    "criticise",
    "criticize",
    "fault",
    "credit",
    "thank",
    "praise",
}
REMOTE_WORDS = {"phone", "telephone", "video", "videoconference", "videolink", "zoom", "call"}
INTENT_WORDS = {"ready", "willing", "prepared", "committed", "determined", "eager"}
TEMPORAL_PREPS = {"since", "after", "before", "until", "following", "despite"}
PAIR_NOUNS = {
    "side",
    "leader",
    "country",
    "party",
    "nation",
    "government",
    "man",
    "president",
    "minister",
    "state",
    "delegation",
}
PLACED = {"ASSAULT", "PROTEST", "MOBILIZE", "COERCE", "CONSULT", "RETREAT"}
RECIPIENT_PREPS = {"on", "against", "at", "to", "into", "for", "toward", "towards", "upon", "over"}
PARTNER_PREPS = {"with", "between", "among"}
FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}
QUALIFIERS = (
    "more than",
    "at least",
    "up to",
    "fewer than",
    "less than",
    "as many as",
    "nearly",
    "almost",
    "about",
    "around",
    "some",
    "over",
    "roughly",
    "approximately",
    "at most",
    "an estimated",
    "upwards of",
    "just over",
    "just under",
    "dozens of",
    "hundreds of",
)
CASUALTY_WORDS = {
    "killed": {"kill", "die", "dead", "death", "killing", "fatality", "body", "massacre"},
    "injured": {"injure", "wound", "hurt", "injury", "injured", "wounded"},
    "captured": {"capture", "prisoner", "captive", "detain", "seize"},
}
SCALE = {
    "m": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "billion": 1e9,
    "k": 1e3,
    "thousand": 1e3,
    "tn": 1e12,
    "trillion": 1e12,
}


@dataclass
class _Candidate:
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


class EventStage:
    name = "events"
    requires: tuple[str, ...] = ("doc", "actors", "mentions", "dates", "places", "quotes")
    assigns: tuple[str, ...] = ("events",)

    def __init__(
        self,
        min_confidence: float | None = None,
        require_actor_country: bool = True,
        calibrate: bool = True,
    ) -> None:
        self.require_actor_country = require_actor_country
        self.calibrate = calibrate
        self.calibration: list[tuple[float, float]] = []
        from ..settings import DEFAULTS

        self.lexicon: Lexicon | None = None
        self.knowledge: Knowledge | None = None
        self.min_confidence = (
            DEFAULTS["min_confidence"] if min_confidence is None else min_confidence
        )

    def initialize(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.lexicon = load_lexicon()
        if self.calibrate:
            from ..knowledge.lexicon import load_calibration

            self.calibration = load_calibration()

    # ------------------------------------------------------------------ the stage
    def __call__(self, document: Document) -> Document:
        if self.lexicon is None:
            raise RuntimeError("EventStage.initialize(knowledge) must run before the stage")
        doc = document.doc
        if doc is None:
            return document
        finder = _Finder(document, self.lexicon, self.knowledge)
        candidates: list[_Candidate] = []
        for sent in doc.sents:
            for token in sent:
                candidates.extend(finder.candidates(token))
        candidates = finder.absorb(candidates)
        candidates += finder.statement_candidates(candidates)
        for candidate in candidates:
            candidate.confidence = self._calibrated(candidate.confidence)
            finder.clean_sides(candidate)
        kept = [
            c
            for c in candidates
            if (finder.countries(c.actor) or not self.require_actor_country)
            and c.confidence >= self.min_confidence
            and not (c.type == "ACCUSE" and not c.recipient)
            and not (
                c.type == "AID"
                and c.token.pos_ == "NOUN"
                and c.head_token == c.token
                and not c.recipient
            )  # "the halt of aid shipments": a mention, no act
        ]
        document.events = _merge(kept, finder)
        return document

    def _calibrated(self, raw: float) -> float:
        """The share of events with this raw score that were right on the development
        reports (knowledge/data/calibration.tsv, written by scripts/calibrate.py)."""
        for upper, probability in self.calibration:
            if raw <= upper:
                return probability
        return self.calibration[-1][1] if self.calibration else raw


class _Finder:
    """The per-document work: trigger matching, arguments, modality, attachments."""

    def __init__(
        self, document: Document, lexicon: Lexicon, knowledge: Knowledge | None = None
    ) -> None:
        self.knowledge = knowledge
        self.document = document
        self.lexicon = lexicon
        self.text = document.text
        self.actors = {a.id: a for a in document.actors}
        self.quotes = [q for q in document.quotes if q.kind in ("direct", "partial")]
        self.last_pair: list[str] = []
        self.history: list[_Candidate] = []
        self.dominant = _dominant_states(document)

    # ------------------------------------------------------------------ triggers
    def triggers_for(self, token: Token) -> list[Trigger]:
        pos = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}.get(
            token.pos_
        )
        if pos is None:
            return []
        lemma = token.lemma_.lower()
        lower = token.lower_
        keys: list[tuple[str, str]] = []
        if pos == "VERB":
            for child in token.children:
                # "called on Russia", "pulled back": the particle or preposition follows the
                # verb directly ("called the minister on Friday" is no "call on").
                if child.dep_ in ("prt", "prep") and child.i == token.i + 1:
                    keys.append((f"{lemma} {child.lower_}", "VERB"))
        if pos == "NOUN" and lower == "talks":
            keys.append(("talks", "NOUN"))
        if pos == "NOUN":
            for child in token.lefts:
                if child.dep_ == "compound" and child.i == token.i - 1:
                    keys.append((f"{child.lemma_.lower()} {lemma}", "NOUN"))
        if pos == "ADJ" and token.tag_ in ("VBN", "JJ"):
            keys.append((lower, "ADJ"))
        keys.append((lemma, pos))
        for key in keys:
            found = self.lexicon.triggers.get(key)
            if found:
                return [t for t in found if self._needs_met(token, t)]
        return []

    def _needs_met(self, token: Token, trigger: Trigger) -> bool:
        if not trigger.needs:
            return True
        if trigger.needs == "future":
            return any(
                c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "'ll", "’ll")
                for node in _path_to_root(token)[:3]
                for c in node.children
            )
        if trigger.needs.startswith("subj="):
            # "the rocket systems arrived in Ukraine": what arrived decides the meaning.
            wanted = trigger.needs[5:].split("|")
            return any(
                self._in_class(w, name)
                for c in token.children
                if c.dep_ in ("nsubj", "nsubjpass")
                for w in c.subtree
                for name in wanted
            )
        if trigger.needs == "xcomp":
            return any(c.dep_ == "xcomp" for c in token.children)
        kind, _, value = trigger.needs.partition("=")
        options = value.split("|")
        if kind == "prep":
            return any(p.lower_ in options for p in _prepositions(token))
        words = self._object_region(token)
        if "person" in options:
            # A person object must be the object itself, not a word deep inside it.
            heads = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "dative")]
            heads += [h for c in heads for h in c.conjuncts]
            others = [o for o in options if o != "person"]
            words = heads + [w for w in words if others and w not in heads]
        has = any(self._in_class(w, name) for w in words for name in options)
        return has if kind == "obj" else not has

    def _object_region(self, token: Token) -> list[Token]:
        region: list[Token] = []
        for child in token.children:
            if child.dep_ in (
                "dobj",
                "pobj",
                "attr",
                "oprd",
                "dative",
                "nsubjpass",
                "compound",
                "amod",
                "npadvmod",
            ) or child.dep_ in ("prep", "agent"):
                region.extend(child.subtree)
        if token.dep_ in ("compound", "amod") or token.pos_ == "ADJ":
            region.append(token.head)
        if token.dep_ == "nsubjpass" or (token.pos_ in ("NOUN", "PROPN") and token.dep_ == "nsubj"):
            region.extend(c for c in token.head.children if c.dep_ in ("dobj",))
        return region[:40]

    def _in_class(self, token: Token, name: str) -> bool:
        if name == "person" and self._is_person(token):
            return True
        if name == "place" and token.ent_type_ in ("GPE", "LOC", "FAC"):
            return True
        words = self.lexicon.classes.get(name, frozenset())
        return token.lemma_.lower() in words or token.lower_ in words

    def _is_person(self, token: Token) -> bool:
        mention = self._mention(token)
        if mention is not None:
            actor = self.actors.get(mention)
            return actor is not None and actor.kind == "person"
        return token.ent_type_ == "PERSON"

    # ------------------------------------------------------------------ candidates
    def candidates(self, token: Token) -> list[_Candidate]:
        out = []
        obligation = self._obligation_request(token) or self._intent_frame(token)
        if obligation is not None:
            return [obligation]
        for trigger in self.triggers_for(token):
            candidate = self._build(token, trigger)
            if candidate is not None:
                out.append(candidate)
                break  # one reading per token: the first whose needs are met
        return out

    def _intent_frame(self, token: Token) -> _Candidate | None:
        """ "X is ready to contribute troops", "X is committed to opening up": a side declaring
        what it will do. Cooperative acts are AGREE, coercive ones THREATEN (PLOVER); an
        action that is itself a trigger is coded by that trigger instead."""
        if token.lemma_.lower() not in INTENT_WORDS or token.dep_ not in ("acomp", "ROOT", "xcomp"):
            return None
        action = next((c for c in token.children if c.dep_ in ("xcomp", "prep")), None)
        if action is not None and action.dep_ == "prep":
            action = next((c for c in action.children if c.dep_ == "pcomp"), None)
        if action is None or action.pos_ != "VERB":
            return None
        if any(self.triggers_for(t) for t in action.subtree) or any(
            c.dep_ == "neg" for node in (token, token.head) for c in node.children
        ):
            return None  # the act is coded by its own trigger; a refusal is no intent
        actor = self._inherited_subject(token) or [
            a for c in token.head.children if c.dep_ == "nsubj" for a in self.actors_of(c, True)
        ]
        if not actor:
            return None
        coercive = any(
            self.lexicon.in_class(t.lemma_, "sanction")
            or self.lexicon.in_class(t.lemma_, "hostile")
            for t in action.subtree
        )
        event_type, cameo = ("THREATEN", "13") if coercive else ("AGREE", "03")
        trigger = Trigger(
            lemma=token.lemma_.lower(),
            pos="ADJ",
            type=event_type,
            mode=(),
            context=(),
            cameo=cameo,
            needs="",
            prior=0.6,
        )
        recipient = self._named_in_complement(token, actor)
        modality = "asserted" if coercive else "intended"
        return _Candidate(
            token=token,
            trigger=trigger,
            type=event_type,
            mode=[],
            context=[],
            cameo=cameo,
            actor=_unique(actor),
            recipient=recipient,
            modality=modality,
            reported_by=self._reporter(token.head, actor),
            confidence=0.6,
            head_token=token,
        )

    def _obligation_request(self, token: Token) -> _Candidate | None:
        """A speaker saying another side must or should act is a REQUEST ("X said Sweden
        should lift its restrictions", "Y declared the government must resign")."""
        if token.pos_ != "VERB" or token.lemma_.lower() not in self.lexicon.modality["report"]:
            return None
        speaker: list[str] = []
        for child in token.children:
            if child.dep_ == "nsubj":
                speaker += self.actors_of(child, follow_conj=True)
        if not speaker:
            speaker = self._inherited_subject(token)
        for clause in token.children:
            if clause.dep_ not in ("ccomp", "parataxis"):
                continue
            modal = [
                c for c in clause.children if c.dep_ == "aux" and c.lower_ in ("must", "should")
            ]
            if not modal:
                continue
            addressee: list[str] = []
            for child in clause.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    addressee += self.actors_of(child, follow_conj=True)
            if not speaker or set(addressee) & set(speaker):
                continue
            trigger = Trigger(
                lemma="(must)",
                pos="VERB",
                type="REQUEST",
                mode=("change",),
                context=(),
                cameo="10",
                needs="",
                prior=0.6,
            )
            return _Candidate(
                token=token,
                trigger=trigger,
                type="REQUEST",
                mode=["change"],
                context=[],
                cameo="10",
                actor=_unique(speaker),
                recipient=_unique(addressee),
                modality="asserted",
                reported_by=None,
                confidence=0.6,
                head_token=token,
            )
        return None

    def _build(self, token: Token, trigger: Trigger) -> _Candidate | None:
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
        if trigger.lemma == "warn" and (passive or not self._threat_content(token)):
            # "warned of famine" is no act; "warned that a Russian missile came close" blames
            # the side it names.
            if passive or not self._names_other_side(token):
                return None
            trigger = Trigger(
                lemma="warn",
                pos="VERB",
                type="ACCUSE",
                mode=("disapprove",),
                context=(),
                cameo="111",
                needs="",
                prior=0.55,
            )
        head = token
        if (
            token.pos_ in ("NOUN", "PROPN")
            and token.dep_ in ("dobj", "attr")
            and (token.head.lemma_.lower() in self.lexicon.light_verbs)
        ):
            head = token.head
        actor, recipient = self._arguments(token, head, trigger)
        event_type = trigger.type
        mode = list(trigger.mode)
        context = list(trigger.context)
        cameo = trigger.cameo
        partners = self._partners(token)
        if event_type in RECIPROCAL and partners:
            actor = _unique(actor + partners)
            recipient = [r for r in recipient if r not in actor]
        modality = self._modality(token, head)
        reported_by = self._reporter(head, actor)
        if modality == "intended" and event_type in COOPERATIVE:
            # PLOVER: an announced intent to cooperate or give is AGREE.
            event_type, cameo, mode = "AGREE", "03", []
        if (
            modality in ("intended", "hypothetical")
            and event_type in CONFLICTUAL
            and (reported_by is None or self.countries([reported_by]) & self.countries(actor))
            and self._own_words(head)
        ):
            # A side saying what force or pressure it will use is a threat (PLOVER THREATEN).
            event_type, cameo, modality = "THREATEN", "13", "asserted"
            mode = [THREAT_MODES.get(trigger.type, "violence")]
        if (
            event_type in ("CONCEDE", "AGREE", "AID")
            and modality == "negated"
            and (self._refusal(head))
        ):
            # "was not willing to make concessions", "refused to agree": a rejection.
            event_type, mode, cameo, modality = "REJECT", ["yield"], "125", "asserted"
        if (
            event_type == "PROTEST"
            and actor
            and all((a := self.actors.get(i)) is not None and a.sector == "GOV" for i in actor)
        ):
            return None  # a leader holding a rally campaigns; governments do not protest
        if event_type == "ASSAULT":
            mode = _unique(mode + self._weapon_modes(token))
        if (
            event_type == "CONSULT"
            and "phone" not in mode
            and any(t.lemma_.lower() in REMOTE_WORDS for t in token.subtree)
        ):
            mode = _unique([*mode, "phone"])
        recipient = [r for r in recipient if r not in actor] or (
            [] if event_type in RECIPROCAL else recipient
        )
        confidence = trigger.prior
        if recipient:
            confidence += 0.05
        if modality in ("hypothetical", "generic"):
            confidence -= 0.2
        elif modality != "asserted" and event_type == trigger.type:
            confidence -= 0.1  # an announced AGREE or a THREATEN is itself an act
        if token.pos_ != "VERB":
            confidence += 0.05 if head != token else -0.05  # "staged rallies", "held talks"
        if event_type == "ACCUSE" and actor:
            referred = self._referred_event(head)
            if referred is not None:
                recipient = [a for a in referred.actor if a not in actor] or recipient
        if event_type in ("AID", "AGREE", "SUPPORT") and not recipient:
            recipient = self._addressee(head, actor)
        if event_type in ADDRESSED and not recipient and actor:
            recipient = self._named_in_complement(head, actor) or self._other_side(
                token, actor, token.idx
            )
            if not recipient and event_type in ("ACCUSE", "THREATEN"):
                # Condemning or threatening with no one named: the other main party.
                own = self.countries(actor)
                other = [a for a, c in self.dominant if c not in own]
                if other:
                    recipient = [other[0]]
                    confidence -= 0.1
        if event_type == "ASSAULT":
            actor, recipient, guessed = self._assault_sides(token, actor, recipient)
            if guessed:
                confidence -= 0.15
        if event_type in RECIPROCAL and len(self.countries(actor)) >= 2:
            self.last_pair = list(actor)
        built = _Candidate(
            token=token,
            trigger=trigger,
            type=event_type,
            mode=mode,
            context=context,
            cameo=cameo,
            actor=actor,
            recipient=recipient,
            modality=modality,
            reported_by=reported_by,
            confidence=max(0.05, min(0.99, confidence)),
            head_token=head,
        )
        self.history.append(built)
        return built

    # ------------------------------------------------------------------ arguments
    def _arguments(
        self, token: Token, head: Token, trigger: Trigger
    ) -> tuple[list[str], list[str]]:
        actor: list[str] = []
        recipient: list[str] = []
        if token.pos_ in ("NOUN", "PROPN", "ADJ") and head == token:
            # "Russia's attack", "Russian airstrikes", "attack by Russia", "aid from the US"
            for child in token.children:
                if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < token.i:
                    actor += self.actors_of(child, follow_conj=True)
                elif child.dep_ == "prep" and child.lower_ in ("by", "from"):
                    actor += self._objects_of(child)
                elif child.dep_ == "acl":
                    # "sanctions imposed by London"
                    for grandchild in child.children:
                        if grandchild.dep_ == "agent":
                            actor += self._objects_of(grandchild)
            if token.pos_ == "ADJ":
                actor += (
                    self.actors_of(token.head, follow_conj=False) if token.dep_ == "amod" else []
                )
                for child in token.head.children:
                    if child.dep_ in ("compound", "npadvmod") and child.i < token.i:
                        actor += self.actors_of(child)
            if not actor:
                actor = self._blamed_for(token)
            if not actor:
                actor = self._subject_of_governor(token)
        else:
            verb = head
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
            passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
            agents = [c for c in verb.children if c.dep_ == "agent"]
            if passive:
                for agent in agents:
                    actor += self._objects_of(agent)
                if not agents and trigger.lemma in ("summon", "call in"):
                    for child in verb.children:
                        if child.dep_ == "prep" and child.lower_ == "to":
                            actor += self._objects_of(child)
                if not actor and trigger.type in ("SANCTION", "COERCE", "AID", "AGREE"):
                    # "963 Americans it said were banned": a government announcing its own act.
                    reporter = self._reporter(verb, [])
                    if (
                        reporter is not None
                        and self.actors.get(reporter) is not None
                        and (self.actors[reporter].kind in ("state", "organisation"))
                    ):
                        actor.append(reporter)
                for subject in passive:
                    recipient += self.actors_of(subject, follow_conj=True)
            for subject in subjects:
                actor += self.actors_of(subject, follow_conj=True)
            if not actor and not passive:
                actor = self._blamed_for(verb) or self._inherited_subject(verb)
            for child in verb.children:
                if child.dep_ in ("dobj", "dative"):
                    recipient += self.actors_of(child, follow_conj=True)
                    for grandchild in child.children:
                        if grandchild.dep_ == "prep" and grandchild.lower_ in RECIPIENT_PREPS:
                            recipient += self._objects_of(grandchild)
        if trigger.needs.startswith("subj=") and not recipient:
            # delivered goods arriving "in Ukraine" or "to Kyiv": the receiving side
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("in", "to", "at"):
                    recipient += self._objects_of(child)
        # Recipient phrases on the trigger itself ("attack on Kyiv", "sanctions against Russia").
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS:
                recipient += self._objects_of(child)
        if head != token:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS:
                    recipient += self._objects_of(child)
                if child.dep_ == "dative":
                    recipient += self.actors_of(child, follow_conj=True)
        if not recipient and trigger.type in ("AID", "SANCTION", "AGREE", "SUPPORT"):
            for child in head.children:
                if child.dep_ in ("dobj", "nsubjpass"):
                    for sub in child.subtree:
                        if sub.dep_ == "prep" and sub.lower_ in ("to", "for", "against", "on"):
                            recipient += self._objects_of(sub)
                            if recipient:
                                break
        if token.pos_ == "NOUN" and head == token and not recipient:
            for child in token.children:
                if (
                    child.dep_ == "prep"
                    and child.lower_ == "of"
                    and trigger.type in ("ASSAULT", "COERCE", "SANCTION")
                ):
                    recipient += self._objects_of(child)
        return _unique(actor), _unique(recipient)

    def _assault_sides(
        self, token: Token, actor: list[str], recipient: list[str]
    ) -> tuple[list[str], list[str], bool]:
        """An attack's missing side from its place and the article's main parties: "a town
        near Kharkiv was shelled" in a report about two warring states. Marked as guessed."""
        guessed = False
        if not recipient:
            for place in self.document.places:
                inside = token.sent.start_char <= place.span[0] < token.sent.end_char
                if inside and place.country and place.country not in self.countries(actor):
                    state = self.state_of(place.country)
                    if state:
                        recipient, guessed = [state], True
                        break
        actor_countries = self.countries(actor)
        recipient_countries = self.countries(recipient)
        if not actor_countries and recipient_countries:
            # "the shelling of the town in which the army fired ...": a subject inside the
            # attack's own phrase names the attacker.
            for sub in token.subtree:
                if sub.dep_ == "nsubj" and sub.i != token.i:
                    named = [a for a in self.actors_of(sub, True) if self.countries([a])]
                    if named and not self.countries(named) & recipient_countries:
                        actor, actor_countries = named, self.countries(named)
                        break
        if not actor_countries and recipient_countries:
            other = [a for a, c in self.dominant if c not in recipient_countries]
            nearby = [other[0]] if other else self._other_side(token, recipient, token.idx)
            if nearby:
                actor, actor_countries, guessed = nearby, self.countries(nearby), True
        if not recipient and actor_countries:
            other = [a for a, c in self.dominant if c not in actor_countries]
            if other:
                recipient, guessed = [other[0]], True
        if not actor_countries and recipient_countries:
            other = [a for a, c in self.dominant if c not in recipient_countries]
            if other:
                actor, guessed = [other[0]], True
        return actor, recipient, guessed

    def clean_sides(self, candidate: _Candidate) -> None:
        """A side cannot be its own recipient: drop recipients that are the actor, or the
        actor's own state or government; keep same-country civilians, rebels or opposition
        ("the authorities called on residents to leave")."""
        own = self.countries(candidate.actor)
        kept = []
        for rid in candidate.recipient:
            other = self.actors.get(rid)
            if rid in candidate.actor or other is None:
                continue
            if other.country in own and (other.kind == "state" or other.sector in ("GOV", None)):
                continue
            kept.append(rid)
        candidate.recipient = kept

    def state_of(self, country: str) -> str | None:
        for actor in self.document.actors:
            if actor.kind == "state" and actor.country == country:
                return actor.id
        return None

    def _partners(self, token: Token) -> list[str]:
        """Other sides of a reciprocal event: "talks with X", "a call between X and Y"."""
        partners: list[str] = []
        governor = token.head if token.dep_ in ("dobj", "attr", "nsubj", "nsubjpass") else None
        for node in (token, governor):
            if node is None:
                continue
            for child in node.children:
                if child.dep_ == "prep" and child.lower_ in PARTNER_PREPS:
                    partners += self._objects_of(child)
                elif child.dep_ in ("prep", "agent") and child.lower_ in ("by", "over", "via"):
                    # "spoke by phone with X"
                    for obj in child.children:
                        for grandchild in obj.children:
                            if grandchild.dep_ == "prep" and grandchild.lower_ in PARTNER_PREPS:
                                partners += self._objects_of(grandchild)
        return partners

    def _objects_of(self, prep: Token) -> list[str]:
        """The actors a prepositional phrase names: its object, else the first mention
        inside it ("for all residents in areas of Ukrainian-controlled Donbas")."""
        out: list[str] = []
        for child in prep.children:
            if child.dep_ in ("pobj", "pcomp"):
                out += self.actors_of(child, follow_conj=True)
                if not out:
                    for sub in child.subtree:
                        found = self._mention(sub)
                        if found is not None and sub.i != child.i:
                            out.append(found)
                            break
        return out

    def _referred_event(self, head: Token) -> _Candidate | None:
        """ "condemned the strike": an object that names an event refers to the latest such
        event told before it."""
        for child in head.children:
            if child.dep_ != "dobj" or not self.triggers_for(child):
                continue
            wanted = self.triggers_for(child)[0].type
            for earlier in reversed(self.history):
                if earlier.type == wanted and earlier.token.i < child.i:
                    return earlier
        return None

    def _blamed_for(self, token: Token) -> list[str]:
        """ "blamed Ukraine for the attack", "accused Armenian forces of shelling": the one
        blamed is the actor of the act."""
        if token.dep_ not in ("pobj", "pcomp") or token.head.lower_ not in ("for", "of"):
            return []
        verb = token.head.head
        if verb.lemma_.lower() not in BLAME_VERBS:
            return []
        found: list[str] = []
        for child in verb.children:
            if child.dep_ == "dobj":
                found += self.actors_of(child, follow_conj=True)
        return found

    def _subject_of_governor(self, token: Token) -> list[str]:
        if token.dep_ == "pobj" and token.head.lower_ in TEMPORAL_PREPS:
            return []  # "since the blockade, Ukraine has ...": Ukraine did not blockade
        return self._governor_subject(token)

    def _governor_subject(self, token: Token) -> list[str]:
        """For an event noun: the subject of the verb it depends on ("Germany is in talks",
        "Russia launched an attack"), climbing through prepositions."""
        node = token
        for _ in range(4):
            if node.dep_ in ("nsubj", "nsubjpass", "ROOT"):
                return []
            parent = node.head
            if parent == node:
                return []
            if parent.pos_ in ("VERB", "AUX"):
                if node.dep_ not in (
                    "dobj",
                    "pobj",
                    "attr",
                    "prep",
                    "oprd",
                    "xcomp",
                    "advcl",
                    "acomp",
                ):
                    return []
                subjects = [c for c in parent.children if c.dep_ == "nsubj"]
                found: list[str] = []
                for subject in subjects:
                    found += self.actors_of(subject, follow_conj=True)
                return found or self._inherited_subject(parent)
            node = parent
        return []

    def _inherited_subject(self, verb: Token) -> list[str]:
        """Subject of an xcomp/conj/advcl verb from the verb it hangs on ("agreed to allow",
        "said ... and accused"); a relative clause's subject is the noun it modifies."""
        node = verb
        for _ in range(6):
            if node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head != node.head:
                node = node.head  # "after accusing X": climb through the preposition
            climbable: tuple[str, ...] = ("xcomp", "conj", "advcl", "pcomp", "acomp", "prep")
            if node.dep_ in ("pobj", "dobj") and node.head.pos_ in ("ADP", "VERB", "NOUN"):
                climbable = (*climbable, node.dep_)  # "ways of getting ... after accusing"
            if node.dep_ == "ccomp" and node.head.lemma_.lower() in self.lexicon.modality["report"]:
                # "He said ... and called on X": a subjectless clause misparsed as what was
                # said belongs to the speaker.
                climbable = (*climbable, "ccomp")
            if node.dep_ in climbable and (node.head != node):
                parent = node.head
                subjects = [c for c in parent.children if c.dep_ in ("nsubj", "nsubjpass")]
                if node.dep_ == "xcomp":
                    # "prompted Washington to impose", "urged Kyiv to ...": the object acts.
                    objects = [c for c in parent.children if c.dep_ in ("dobj", "dative")]
                    subjects = objects or subjects
                found: list[str] = []
                for subject in subjects:
                    found += self.actors_of(subject, follow_conj=True)
                if found:
                    return found
                node = parent
                continue
            if node.dep_ == "relcl":
                return self.actors_of(node.head, follow_conj=False)
            if node.dep_ == "acl":
                # "The president, X, spoke ..." misparsed as a noun with a clause: a
                # past-tense clause on a noun has that noun as its subject.
                # "demonstrators protesting": a present participle's noun is its agent.
                return self.actors_of(node.head) if node.tag_ in ("VBD", "VBG") else []
            break
        return []

    def actors_of(self, token: Token, follow_conj: bool = False) -> list[str]:
        """The actors a noun phrase refers to: its own mention, else an apposition's, else a
        mention among its modifiers; with conjuncts when asked ("Russia and Ukraine")."""
        found: list[str] = []
        if self._is_both_sides(token):
            return list(self.last_pair)
        own = self._mention(token)
        if own is None and token.lemma_.lower() in ENEMY_WORDS:
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
                        sub = self._mention(child)
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

    def _mention_how(self, token: Token) -> str | None:
        mention = self.document.mention_at(token.idx, token.idx + len(token.text))
        return mention.how if mention is not None else None

    def _is_both_sides(self, token: Token) -> bool:
        """ "the two sides", "both leaders", "the two countries" point back to the parties
        of the last reciprocal event."""
        if not self.last_pair or token.lemma_.lower() not in PAIR_NOUNS:
            return False
        return any(
            c.lower_ in ("two", "both")
            for c in token.children
            if c.dep_ in ("nummod", "det", "predet")
        )

    def _mention(self, token: Token) -> str | None:
        start, end = token.idx, token.idx + len(token.text)
        if token.lower_ in FIRST_PERSON:
            speaker = self._speaker_around(start)
            if speaker is not None:
                return speaker
        mention = self.document.mention_at(start, end)
        return mention.actor_id if mention is not None else None

    def _speaker_around(self, offset: int) -> str | None:
        for quote in self.quotes:
            if quote.span[0] <= offset < quote.span[1] and quote.speaker:
                return quote.speaker
        return None

    def countries(self, actor_ids: list[str]) -> set[str]:
        return {a.country for i in actor_ids if (a := self.actors.get(i)) is not None and a.country}

    # ------------------------------------------------------------------ modality
    def _modality(self, token: Token, head: Token) -> str:
        mod = self.lexicon.modality
        path = _path_to_root(head)
        for node in path[:3]:
            for child in node.children:
                if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                    return "negated"
        for node in path:
            if node.lemma_.lower() in ("deny", "refuse", "reject") and node != head:
                return "negated"
        for node in path[:4]:
            for child in node.children:
                if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
                    return "hypothetical"
        for node in path[:2]:
            for child in node.children:
                if child.dep_ != "aux":
                    continue
                if child.lower_ in ("could", "might", "may", "should", "can"):
                    return "hypothetical"
                if child.lower_ in ("would", "'d", "’d"):
                    # "said the US would provide ...": the future of reported speech.
                    reported = self._reporter(head, []) is not None or node.dep_ == "ccomp"
                    return "intended" if reported else "hypothetical"
        for node in path[1:5]:
            lemma = node.lemma_.lower()
            if lemma in mod["hypothetical"] and node.pos_ in ("VERB", "NOUN", "ADJ"):
                return "hypothetical"
            if node.pos_ == "AUX" or node.dep_ == "ROOT":
                subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
                if any(s.lemma_.lower() in mod["hypothetical"] for s in subjects):
                    return "hypothetical"
        for node in path[:3]:
            for child in node.children:
                if child.dep_ == "aux" and child.lower_ in ("will", "shall", "'ll", "’ll"):
                    return "intended"
                if child.dep_ == "aux" and child.lower_ == "going":
                    return "intended"
        for node in path[1:4]:
            if (
                node.lemma_.lower() in mod["intention"]
                and head.dep_ in ("xcomp", "ccomp")
                and (node.lemma_.lower() not in ("agree", "announce"))
            ):
                return "intended"
        for node in path[:3]:
            if node != token and node.lemma_.lower() in mod["generic"]:
                return "generic"
        if token.tag_ == "NNS" and head != token and head.lemma_.lower() in mod["generic"]:
            return "generic"
        return "asserted"

    def _addressee(self, head: Token, actor: list[str]) -> list[str]:
        """The one told of a pledge is its receiver: "told Ukraine's president that the US
        would provide more military financing"."""
        node = head
        for _ in range(4):
            if node.dep_ in ("ccomp", "parataxis") and node.head != node:
                verb = node.head
                if verb.lemma_.lower() not in self.lexicon.modality["report"]:
                    return []
                for child in verb.children:
                    if child.dep_ in ("dobj", "dative"):
                        found = [a for a in self.actors_of(child, True) if a not in actor]
                        if found:
                            return found
                return []
            if node.head == node:
                return []
            node = node.head
        return []

    def _names_other_side(self, token: Token) -> bool:
        speaker = [a for c in token.children if c.dep_ == "nsubj" for a in self.actors_of(c, True)]
        return bool(speaker) and bool(self._named_in_complement(token, speaker))

    def _threat_content(self, token: Token) -> bool:
        """A warning is a threat when it says what the speaker will do: a future or
        conditional act ("would be struck if ...") or retaliation and consequences."""
        for child in token.children:
            if child.dep_ not in ("ccomp", "xcomp", "advcl", "prep", "dobj"):
                continue
            for sub in child.subtree:
                lower = sub.lower_
                if sub.dep_ == "aux" and lower in ("will", "would", "'ll", "’ll", "shall"):
                    return True
                if sub.dep_ == "mark" and lower in ("if", "unless"):
                    return True
                if self.lexicon.in_class(sub.lemma_, "hostile"):
                    return True
        return False

    def _own_words(self, head: Token) -> bool:
        """The act is announced by a speech or intention verb above it (not merely
        mentioned as a possibility by the reporter)."""
        report = self.lexicon.modality["report"] | self.lexicon.modality["intention"]
        return any(node.lemma_.lower() in report for node in _path_to_root(head)[1:5])

    def _refusal(self, head: Token) -> bool:
        """The negation sits on a will or readiness to act ("not willing to", "refused to"),
        not on a report of a past act."""
        for node in _path_to_root(head)[:4]:
            if node.lemma_.lower() in (
                "willing",
                "ready",
                "prepared",
                "refuse",
                "agree",
                "want",
                "intend",
                "plan",
                "make",
                "offer",
            ):
                return True
        return False

    def _reporter(self, head: Token, actor: list[str]) -> str | None:
        """The subject of a speech verb whose complement holds the event ("Russia says it
        destroyed ..."), when it is not the event's own actor speaking of itself."""
        report = self.lexicon.modality["report"]
        node = head
        for _ in range(4):
            if node.dep_ in ("ccomp", "parataxis") and node.head != node:
                parent = node.head
                if parent.lemma_.lower() in report:
                    for child in parent.children:
                        if child.dep_ == "nsubj":
                            found = self.actors_of(child)
                            if found:
                                return found[0]
                return None
            if node.head == node:
                return None
            node = node.head
        return None

    def _weapon_modes(self, token: Token) -> list[str]:
        """ASSAULT modes from the weapons named with the attack: first in the trigger's own
        phrase and clause ("a drone strike", "fired rockets"), else anywhere in the sentence.
        "destroy" is PLOVER's residual mode: only when no weapon is named."""
        clause = [t for t in _path_to_root(token)[:2] for t in t.subtree]
        modes = self._modes_in(clause) or self._modes_in(list(token.sent))
        if not modes:
            modes = [m for m in self._modes_in(list(token.sent), residual=True) if m == "destroy"]
        return modes

    def _modes_in(self, tokens: list[Token], residual: bool = False) -> list[str]:
        words = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
        text = " ".join(t.lower_ for t in tokens)
        modes = []
        for name, members in self.lexicon.classes.items():
            if not name.startswith("mode:") or (name == "mode:destroy") != residual:
                continue
            if any((" " in m and m in text) or m in words for m in members):
                modes.append(name.split(":", 1)[1])
        return modes

    # ------------------------------------------------------------------ statements
    def statement_candidates(self, lexical: list[_Candidate]) -> list[_Candidate]:
        """Speech acts carried by quoted words: condemning ("“appalling”"), accusing ("a
        “deliberate act of terror”") and welcoming ("“very positive”") are events besides
        quotes (GUIDELINES.md). The speaker is the actor; the recipient is the other side
        named in the sentence."""
        doc = self.document.doc
        assert doc is not None
        out: list[_Candidate] = []
        for quote in self.document.quotes:
            if quote.speaker is None or not self.countries([quote.speaker]):
                continue
            words = re.findall(r"[a-z][a-z'-]*", quote.text.lower())
            if not words:
                continue
            if quote.kind == "indirect":
                # Reported words are an act only when short and plainly a denial: "said the
                # claims were false".
                found = self._evaluation(words, short=False, classes=("reject",))
                if found is None or len(words) > 12:
                    continue
            else:
                found = self._evaluation(words, short=len(words) <= 12 or quote.kind == "partial")
            if found is None:
                continue
            event_type, mode, cameo = found
            anchor = quote.cue or quote.span
            span = doc.char_span(anchor[0], anchor[1], alignment_mode="expand")
            if span is None:
                continue
            token = span.root
            if any(
                c.type == event_type
                and c.token.sent == token.sent
                and set(c.actor) & {quote.speaker}
                for c in lexical + out
            ):
                continue
            recipient = self._other_side(token, [quote.speaker], quote.span[0])
            if event_type == "ACCUSE" and not recipient:
                continue
            trigger = Trigger(
                lemma="(quoted words)",
                pos="QUOTE",
                type=event_type,
                mode=(mode,),
                context=(),
                cameo=cameo,
                needs="",
                prior=0.6,
            )
            out.append(
                _Candidate(
                    token=token,
                    trigger=trigger,
                    type=event_type,
                    mode=[mode] if mode else [],
                    context=[],
                    cameo=cameo,
                    actor=[quote.speaker],
                    recipient=recipient,
                    modality="asserted",
                    reported_by=quote.reported_by,
                    confidence=0.6,
                    head_token=token,
                )
            )
        return out

    def _evaluation(
        self, words: list[str], short: bool, classes: tuple[str, ...] | None = None
    ) -> tuple[str, str, str] | None:
        text = " " + " ".join(words) + " "
        table = self.lexicon.evaluative
        if classes is None:
            classes = ("allege", "disapprove", "support") if short else ("allege", "disapprove")
        for name in classes:
            for word in table.get(name, ()):
                if f" {word} " in text:
                    if name == "support":
                        return "SUPPORT", "", "051"
                    if name == "reject":
                        return "REJECT", "", "120"
                    return "ACCUSE", name, "112" if name == "allege" else "111"
        return None

    def _named_in_complement(self, head: Token, actor: list[str]) -> list[str]:
        """The first other side named in what is demanded or threatened ("threatening to
        block the accession of Finland and Sweden")."""
        own = self.countries(actor)
        for child in head.children:
            if child.dep_ not in ("xcomp", "ccomp", "dobj"):
                continue
            for sub in child.subtree:
                found = self._mention(sub)
                if found is None or found in actor:
                    continue
                other = self.actors.get(found)
                if other is None or not other.country or other.country in own:
                    continue
                if self._mention_how(sub) == "location":
                    continue
                return [found, *[a for c in sub.conjuncts if (a := self._mention(c))]]
        return []

    def _other_side(self, token: Token, actor: list[str], near: int) -> list[str]:
        """The side a statement or attack is about: the nearest mention in the sentence of
        an actor from another country (media and mere locations excluded)."""
        speaker_countries = self.countries(actor)
        found = self._nearest_other(token.sent, speaker_countries, near)
        if not found and token.sent.start > 0:
            found = self._nearest_other(
                token.doc[token.sent.start - 1].sent, speaker_countries, near
            )
        return found

    def _nearest_other(self, sent: Span, speaker_countries: set[str], near: int) -> list[str]:
        best: tuple[int, str] | None = None
        for mention in self.document.mentions:
            if not (sent.start_char <= mention.span[0] < sent.end_char):
                continue
            actor = self.actors.get(mention.actor_id)
            if actor is None or not actor.country or actor.sector in ("MED", "BUS", "NGO"):
                continue
            if actor.country in speaker_countries or mention.how == "location":
                continue
            distance = abs(mention.span[0] - near)
            if best is None or distance < best[0]:
                best = (distance, actor.id)
        return [best[1]] if best else []

    # ------------------------------------------------------------------ dedupe inside a sentence
    def absorb(self, candidates: list[_Candidate]) -> list[_Candidate]:
        """A noun trigger inside a verb trigger's object is the same event ("halted its
        shipment of aid" is one SANCTION, not a SANCTION and an AID); what is demanded,
        threatened or refused is the content of that act, not an event of its own; a
        protest's demand is what the protest is for."""
        by_token = {c.token.i: c for c in candidates}
        drop: set[int] = set()
        for candidate in candidates:
            token = candidate.token
            if candidate.type == "PROTEST":
                for sub in token.head.subtree if token.pos_ != "VERB" else token.subtree:
                    inner = by_token.get(sub.i)
                    if inner is not None and inner.type == "REQUEST" and sub.i != token.i:
                        drop.add(sub.i)
            if token.pos_ != "VERB":
                continue
            content = (
                candidate.type in ("REQUEST", "THREATEN")
                or (candidate.type == "REJECT" and candidate.trigger.needs == "xcomp")
                or token.lemma_.lower() in ("refuse", "decline")
            )
            for child in token.children:
                deps = ("dobj", "nsubjpass", "attr", "oprd", "prep", "xcomp", "acomp")
                if child.dep_ in deps or (content and child.dep_ in ("ccomp", "advcl")):
                    for sub in child.subtree:
                        if sub.i in by_token and sub.i != token.i:
                            inner = by_token[sub.i]
                            same = inner.type == candidate.type
                            if content or inner.token.pos_ != "VERB" or same:
                                drop.add(sub.i)
                                if candidate.type == "THREATEN" and inner.type == "ASSAULT":
                                    candidate.mode = _unique([*candidate.mode, "violence"])
        return [c for c in candidates if c.token.i not in drop]

    # ------------------------------------------------------------------ attachments
    def attach(self, candidate: _Candidate) -> None:
        candidate.date = self._date(candidate)
        if candidate.type in PLACED:
            candidate.place = self._place(candidate)
        candidate.quantities = self._quantities(candidate)

    def _date(self, candidate: _Candidate) -> EventDate | None:
        sent = candidate.token.sent
        options = []
        for expression in self.document.dates:
            if not (sent.start_char <= expression.span[0] < sent.end_char):
                continue
            if expression.type not in ("DATE", "TIME") or not expression.value:
                continue
            value = expression.value
            if not re.match(r"^\d{4}-\d{2}-\d{2}", value):
                continue
            distance = self._tree_distance(candidate, expression.span)
            options.append((distance, expression.span, value[:10]))
        if not options:
            return self._context_date(candidate)
        options.sort()
        _, span, value = options[0]
        return EventDate(value=value, granularity="day", span=span)

    def _context_date(self, candidate: _Candidate) -> EventDate | None:
        """No date in the sentence: the day named earlier in the same paragraph, else the
        report's own day for a statement (a same-day reaction)."""
        sent = candidate.token.sent
        paragraph_start = self.text.rfind("\n\n", 0, sent.start_char)
        best = None
        for expression in self.document.dates:
            if (
                paragraph_start < expression.span[0] < sent.start_char
                and expression.value
                and (re.match(r"^\d{4}-\d{2}-\d{2}", expression.value))
            ):
                best = expression
        published = self.document.article.published
        if (
            best is not None
            and best.value
            and (published is None or _days_apart(best.value, published.isoformat()) <= 7)
        ):
            return EventDate(value=best.value[:10], granularity="day", span=best.span)
        if candidate.type in STATEMENTS and published is not None:
            return EventDate(value=published.isoformat(), granularity="day", span=None)
        if candidate.type == "ASSAULT" and published is not None:
            # An attack reported without its day: the last day the report named before it
            # if that is within two days of publication, else the day of the report.
            for expression in reversed(self.document.dates):
                if expression.span[0] >= sent.start_char or not expression.value:
                    continue
                if re.match(r"^\d{4}-\d{2}-\d{2}", expression.value) and (
                    _days_apart(expression.value, published.isoformat()) <= 2
                ):
                    return EventDate(expression.value[:10], "day", expression.span)
            return EventDate(value=published.isoformat(), granularity="day", span=None)
        return None

    def _tree_distance(self, candidate: _Candidate, span: tuple[int, int]) -> int:
        doc = candidate.token.doc
        target = doc.char_span(span[0], span[1], alignment_mode="expand")
        if target is None:
            return 99
        anchors = [candidate.token, candidate.head_token]
        up = {t.i: d for d, t in enumerate(_path_to_root(target.root))}
        best = 99
        for anchor in anchors:
            for depth, node in enumerate(_path_to_root(anchor)):
                if node.i in up:
                    best = min(best, depth + up[node.i])
                    break
        return best

    def _place(self, candidate: _Candidate) -> Place | None:
        """The place in the sentence closest to the trigger in the parse; a town beats a
        country or region named as well ("shelling in Kharkiv, Ukraine"). An attack takes
        the sentence's place even when the parse does not link it."""
        sent = candidate.token.sent
        options = []
        for place in self.document.places:
            if not (sent.start_char <= place.span[0] < sent.end_char):
                continue
            if self._is_adjective(place.span):
                continue
            distance = self._tree_distance(candidate, place.span)
            broad = 1 if self._is_country(place) else 0
            if distance <= 4 or candidate.type == "ASSAULT":
                options.append((broad, distance, place.span, place))
        if not options:
            return None
        options.sort(key=lambda o: (o[0], o[1], o[2]))
        return options[0][3]

    def _is_adjective(self, span: tuple[int, int]) -> bool:
        text = self.text[span[0] : span[1]]
        kn = self.knowledge
        return (
            kn is not None
            and kn.country(text) is None
            and kn.country_of_adjective(text) is not None
        )

    def _is_country(self, place: Place) -> bool:
        kn = self.knowledge
        return kn is not None and kn.country(place.name) is not None

    def _quantities(self, candidate: _Candidate) -> list[Quantity]:
        sent = candidate.token.sent
        out: list[Quantity] = []
        for token in sent:
            if not token.like_num or token.ent_type_ in ("DATE", "TIME", "ORDINAL", "PERCENT"):
                continue
            if token.dep_ != "nummod" and token.ent_type_ not in ("CARDINAL", "MONEY", "QUANTITY"):
                continue
            if any(d.span[0] <= token.idx < d.span[1] for d in self.document.dates):
                continue
            if token.i > 0 and token.doc[token.i - 1].lower_ in ("the", "these", "those"):
                continue
            value = _number(token)
            if value is None:
                continue
            unit_token = token.head if token.dep_ == "nummod" else None
            if token.dep_ == "compound" and token.head.like_num:
                continue
            start = token.idx
            qualifier = None
            for phrase in QUALIFIERS:
                size = len(phrase.split())
                first = token.i - size
                if first >= sent.start and token.doc[first : token.i].text.lower() == phrase:
                    qualifier = phrase
                    start = token.doc[first].idx
                    break
            if token.i > 0 and token.doc[token.i - 1].text in ("$", "£", "€"):
                unit = {"$": "USD", "£": "GBP", "€": "EUR"}[token.doc[token.i - 1].text]
                start = min(start, token.doc[token.i - 1].idx)
                end = token.idx + len(token.text)
                nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
                if nxt is not None and nxt.lower_ in SCALE:
                    value *= SCALE[nxt.lower_]
                    end = nxt.idx + len(nxt.text)
                out.append(Quantity(value, qualifier, unit, (start, end), None))
                continue
            if unit_token is None or unit_token.pos_ not in ("NOUN", "PROPN"):
                continue
            words = [unit_token] + [c for c in unit_token.children if c.dep_ == "conj"]
            unit_start = min(
                min(t.left_edge.idx for t in words if t.i > token.i)
                if any(t.i > token.i for t in words)
                else unit_token.idx,
                unit_token.idx,
            )
            unit_tokens = [t for t in token.doc[token.i + 1 : max(t.i for t in words) + 1]]
            unit = " ".join(t.text for t in unit_tokens if not t.is_punct or t.text == "-").strip()
            unit = unit or unit_token.text
            end = max(t.idx + len(t.text) for t in words)
            del unit_start
            kind = self._casualty_kind(unit_token)
            out.append(Quantity(value, qualifier, unit, (start, end), kind))
        return out

    def _casualty_kind(self, noun: Token) -> str | None:
        nearby = [noun.head, *noun.head.children, *noun.children]
        if noun.head.head != noun.head:
            nearby.append(noun.head.head)
        for kind, words in CASUALTY_WORDS.items():
            if any(t.lemma_.lower() in words or t.lower_ in words for t in nearby):
                return kind
        return None


# ---------------------------------------------------------------------- merging
def _merge(candidates: list[_Candidate], finder: _Finder) -> list[Event]:
    for candidate in candidates:
        finder.attach(candidate)
    merged: list[_Candidate] = []
    for candidate in candidates:
        twin = next((m for m in merged if _same_event(m, candidate, finder)), None)
        if twin is None:
            merged.append(candidate)
            continue
        twin.more.append(_token_span(candidate.token))
        twin.actor = _unique(twin.actor + candidate.actor)
        twin.recipient = _unique(twin.recipient + candidate.recipient)
        twin.date = twin.date or candidate.date
        twin.place = twin.place or candidate.place
        twin.quantities = twin.quantities or candidate.quantities
        twin.mode = _unique(twin.mode + candidate.mode)
        twin.confidence = min(0.99, max(twin.confidence, candidate.confidence) + 0.05)
    events = []
    for number, c in enumerate(merged, start=1):
        sent = c.token.sent
        events.append(
            Event(
                id=f"e{number}",
                type=c.type,
                mode=c.mode,
                context=c.context,
                cameo=c.cameo,
                actor=c.actor,
                recipient=[r for r in c.recipient if r not in c.actor],
                date=c.date,
                place=c.place,
                quantities=c.quantities,
                modality=c.modality,
                reported_by=c.reported_by,
                sentence=(sent.start_char, sent.end_char),
                trigger=_token_span(c.token),
                confidence=round(c.confidence, 3),
                more_evidence=c.more,
            )
        )
    return events


def _same_event(a: _Candidate, b: _Candidate, finder: _Finder) -> bool:
    if a.type != b.type or a.modality != b.modality:
        return False
    ca, cb = finder.countries(a.actor), finder.countries(b.actor)
    if ca != cb and not (a.type in RECIPROCAL and (ca <= cb or cb <= ca)):
        return False
    ra, rb = finder.countries(a.recipient), finder.countries(b.recipient)
    if ra and rb and ra != rb:
        return False
    if (
        a.date
        and b.date
        and a.date.value != b.date.value
        and (a.type == "ASSAULT" or _days_apart(a.date.value, b.date.value) > 1)
    ):
        return False
    if a.place and b.place and a.place.name != b.place.name:
        return False
    same_sentence = a.token.sent.start == b.token.sent.start
    if a.type in STATEMENTS or a.type in ("REQUEST", "REJECT"):
        # Two statements are one only when they are the same act told twice: the same
        # speaker, the same word, the same addressee.
        return bool(set(a.actor) & set(b.actor)) and (
            same_sentence or (a.token.lemma_ == b.token.lemma_ and ra == rb)
        )
    if a.type == "ASSAULT" and not same_sentence:
        # A later mention of an attack refers back to it ("the strike", "the bombardment")
        # or names the same place; otherwise it is another attack.
        anaphoric = any(c.lower_ in ("the", "this", "that") for c in b.token.children)
        return anaphoric or bool(a.place and b.place)
    return True


# ---------------------------------------------------------------------- helpers
def _dominant_states(document: Document) -> list[tuple[str, str]]:
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


def _days_apart(a: str, b: str) -> int:
    import datetime as dt

    try:
        return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days)
    except ValueError:
        return 99


def _unique(items: list[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def _token_span(token: Token) -> tuple[int, int]:
    return token.idx, token.idx + len(token.text)


def _prepositions(token: Token) -> list[Token]:
    """The prepositions a word governs, including those under a "by phone" or "via video
    link" phrase ("spoke by phone with X")."""
    out = []
    for child in token.children:
        if child.dep_ not in ("prep", "agent"):
            continue
        out.append(child)
        if child.lower_ in ("by", "over", "via"):
            out.extend(g for obj in child.children for g in obj.children if g.dep_ == "prep")
    return out


def _path_to_root(token: Token) -> list[Token]:
    path = [token]
    while path[-1].head != path[-1] and len(path) < 12:
        path.append(path[-1].head)
    return path


def _number(token: Token) -> float | None:
    """A figure written in digits ("550", "40bn", "1,200") or words ("five", "dozens")."""
    text = token.text.lower().replace(",", "")
    match = re.match(r"^(\d+(?:\.\d+)?)(m|bn|k|tn)?$", text)
    if match:
        value = float(match.group(1))
        if match.group(2):
            value *= SCALE[match.group(2)]
        return value
    if text in ("dozens", "hundreds", "thousands"):
        return {"dozens": 24.0, "hundreds": 200.0, "thousands": 2000.0}[text]
    return number_value(text)
