"""Events: PLOVER-coded events with actors, recipients, modality, date, place and figures.

Reads ``doc``, ``actors``, ``mentions``, ``dates``, ``places`` and ``quotes``; writes ``events``.

How an event is found (one module for each step):

1. **Candidates** (``build``, ``triggers``, ``frames``): verbs, nouns and a few adjectives
   listed in ``knowledge/data/triggers.tsv`` with the PLOVER type they signal; a trigger whose
   meaning depends on its object ("halted shipments of aid" vs "halted the game") says so in
   its ``needs`` column, tested against the word classes of ``word_classes.tsv``. Light verbs
   ("launched an attack", "held talks") give their subject to the event noun they govern.
   A side declaring what it is ready to do, a speaker saying another must act, and quoted
   words that condemn or welcome are events without a trigger word; so are the denials,
   allegations and threats of a side's statements and vows (``speech``).
2. **Arguments** (``arguments``, ``recipients``): subjects, passive agents, objects,
   "with"/"against"/"on"/"to" phrases, possessives and nationality adjectives ("Russian
   airstrikes"), conjuncts and appositions, each resolved to an actor through the mentions
   the actor stage wrote (``context``; "I"/"we" inside a direct quote are the quote's speaker).
3. **Modality** (``modality``) from negation, modal verbs, intention and hypothesis cues on
   the path from the trigger to its clause's root (``modality.tsv``); a trigger inside the
   complement of a speech verb is ``reported_by`` that verb's subject.
4. **Coding** (``coding``): the re-coding rules of ``coding_rules.tsv``, ASSAULT modes from
   the weapons named, confidence; calibrated against ``calibration.tsv``.
5. **Date, place, figures** (``attach``, ``quantities``) from the sentence: the time
   expression and the place attached closest to the trigger, numbers with their qualifier
   and unit.
6. **Background and invented sides** (``background``, ``recipients``): a trigger in a clause
   headed by "since" or dated years before publication is context, not news; a hypothetical
   event is not kept; an attacker the sentence does not name is taken from the article's
   parties only when the article shows that side attacking or blamed.
7. **One event per real event** (``merge``): candidates with the same type, sides, date and
   place are merged, keeping every evidence span.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, Any

from ...errors import NotInitializedError
from ...knowledge.lexicon import Lexicon, load_calibration, load_lexicon
from .attach import attach
from .background import earlier_round
from .build import candidates_at
from .context import Candidate, Context
from .dating import date_by_speaker, date_of, proposal_candidate
from .frames import statement_candidates
from .merge import absorb, merge
from .recipients import clean_sides, unfounded_attackers
from .speech import speech_act_candidates
from .tables import EventTables, load_event_tables

if TYPE_CHECKING:
    from spacy.tokens import Span

    from ...document import Document, Event
    from ...knowledge import Knowledge

__all__ = ["EventStage"]


class EventStage:
    name = "events"
    requires: tuple[str, ...] = ("doc", "actors", "mentions", "dates", "places", "quotes")
    assigns: tuple[str, ...] = ("events",)

    def __init__(
        self,
        min_confidence: float | None = None,
        require_actor_country: bool = True,
        calibrate: bool = True,
        propose_above: float | None = None,
        propose_beside_rules: bool = False,
        propose_without_actor: bool = False,
        use_roles: bool = True,
    ) -> None:
        # the learned role model checks the rules' actor and recipient where it is sure
        # (dateline.learned.roles); role_log, when a list, receives every candidate
        self.use_roles = use_roles
        self.role_log: list[Any] | None = None
        self.require_actor_country = require_actor_country
        # the learned sentence-type model adds an event where its best type is at least this
        # likely and the rules found none (of any type, or of that type with
        # propose_beside_rules); above 1 it never does (dateline.learned.refine)
        self.propose_above = propose_above
        self.propose_beside_rules = propose_beside_rules
        # whether a proposal may keep an empty actor (never a guessed one) when no actor
        # mention covers the sentence's subject
        self.propose_without_actor = propose_without_actor
        self.calibrate = calibrate
        self.calibration: list[tuple[float, float]] = []
        from ...settings import DEFAULTS

        self.lexicon: Lexicon | None = None
        self.tables: EventTables | None = None
        self.knowledge: Knowledge | None = None
        self.min_confidence = (
            DEFAULTS["min_confidence"] if min_confidence is None else min_confidence
        )
        if self.propose_above is None:
            self.propose_above = float(DEFAULTS["propose_above"])

    def initialize(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.lexicon = load_lexicon()
        self.tables = load_event_tables()
        if self.calibrate:
            self.calibration = load_calibration()

    def __call__(self, document: Document) -> Document:
        if self.lexicon is None or self.tables is None:
            raise NotInitializedError(self.name)
        doc = document.doc
        if doc is None:
            return document
        ctx = Context(
            document,
            self.lexicon,
            self.tables,
            self.knowledge,
            use_roles=self.use_roles,
            role_log=self.role_log,
        )
        candidates: list[Candidate] = []
        for sent in doc.sents:
            for token in sent:
                candidates.extend(candidates_at(ctx, token))
        candidates = absorb(candidates)
        candidates += statement_candidates(ctx, candidates)
        candidates += speech_act_candidates(ctx, candidates)
        unfounded_attackers(ctx, candidates)
        for candidate in candidates:
            candidate.confidence = self._calibrated(candidate.confidence)
            clean_sides(ctx, candidate)
        kept = [c for c in candidates if self._keep(ctx, c)]
        for candidate in kept:
            attach(ctx, candidate)
        date_by_speaker(kept)
        kept = [c for c in kept if not earlier_round(document, c)]
        document.events = merge(ctx, kept)
        document.events += self._proposed(ctx, document, kept)
        return document

    def _proposed(self, ctx: Context, document: Document, kept: list[Candidate]) -> list[Event]:
        """Events the learned sentence-type model adds where the rules found none (see
        :func:`dateline.learned.refine.propose_events`), held to the stage's own filters and
        dated by the same rules as the rules' events (``kept``: those, for the speaker's day)."""
        if self.propose_above is None or self.propose_above > 1.0:
            return []
        from dataclasses import replace

        from ...learned.refine import ShippedModels, Thresholds, propose_events

        thresholds = Thresholds(
            drop_below=0.0,
            propose_above=self.propose_above,
            propose_beside_rules=self.propose_beside_rules,
            propose_without_actor=self.propose_without_actor,
        )
        probs = ShippedModels().sentence_probabilities(document, self._open_sentences(document))
        proposed = [
            event
            for event in propose_events(document, probs, thresholds)
            if event.confidence >= self.min_confidence
            and (ctx.countries(event.actor) or not self.require_actor_country)
        ]
        first = len(document.events) + 1
        dated = [(e, proposal_candidate(ctx, e)) for e in proposed]
        for _event, candidate in dated:
            if candidate is not None:
                candidate.date = date_of(ctx, candidate)
        date_by_speaker(kept + [c for _e, c in dated if c is not None])
        return [
            replace(e, id=f"e{first + n}", date=c.date if c is not None else None)
            for n, (e, c) in enumerate(dated)
        ]

    def _open_sentences(self, document: Document) -> list[Span] | None:
        """The sentences a proposal may go to (every one with ``propose_beside_rules``, else
        those the rules coded nothing in), so the model reads no other."""
        if self.propose_beside_rules or document.doc is None:
            return None
        coded = sorted(e.trigger[0] for e in document.events)
        return [
            s
            for s in document.doc.sents
            if bisect_left(coded, s.start_char) == bisect_left(coded, s.end_char)
        ]

    def _keep(self, ctx: Context, c: Candidate) -> bool:
        return (
            (bool(ctx.countries(c.actor)) or not self.require_actor_country)
            and c.confidence >= self.min_confidence
            and c.modality != "hypothetical"
            and not (c.type == "ACCUSE" and not c.recipient)
            and not (
                c.type == "AID"
                and c.token.pos_ == "NOUN"
                and c.head_token == c.token
                and not c.recipient
            )  # "the halt of aid shipments": a mention, no act
        )

    def _calibrated(self, raw: float) -> float:
        """The share of events with this raw score that were right on the development
        reports (knowledge/data/calibration.tsv, written by scripts/calibrate.py)."""
        for upper, probability in self.calibration:
            if raw <= upper:
                return probability
        return self.calibration[-1][1] if self.calibration else raw
