"""An event's date, and where it came from (``EventDate.date_source``).

In order (GUIDELINES.md, "Dates"):

1. ``text``: the time expression of the event's own sentence closest to the trigger in the
   parse; a date of the verb that reports the event ("said on Saturday that ...") only when
   the sentence has no other, and then as ``context``. A vague period there ("in recent days", "last week", "earlier this month") gives no
   day but keeps its words; a night ("overnight", "Thursday night") gives both days it touches.
   A day in the same sentence but far from the trigger in the parse (another clause) is
   ``context``. A vague period of another clause ("damaged in January and X has threatened")
   is not the event's; nor is a day after publication for an event told as done. A weekend
   gives its Saturday, with both days.
2. ``context``: no date in the sentence: the day named in one of the two sentences before, in
   the same paragraph, when they share a name or a noun with the event's sentence (no date is
   borrowed across a change of topic); for an attack, the last day the report named before it
   when that is within two days of publication.
3. ``publication``: a statement told as the day's news ("said", "warns": a simple tense, not
   "has said" or "had warned") is a same-day reaction: the publication day.
4. ``context`` again: a statement that only publication dated takes the day of the same
   speaker's statement just before it when the text dated that one ("X accused Y in a speech
   on Saturday ... He also said ..."): one occasion told over several sentences
   (:func:`date_by_speaker`, run over all of an article's candidates, the learned model's
   proposals included, :func:`proposal_candidate`).

Events told in a perfect or progressive tense ("has killed", "had launched", "is threatening")
or as a participle ("accusing Russia of ...", "after accusing ..."), in a clause set before
another ("soon after X was killed"), with an adverb of the past ("previously agreed"), or as
a hypothesis are background: they borrow no date from context or publication.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from ...document import EventDate
from .context import make_candidate, make_trigger
from .helpers import days_apart, path_to_root

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from ...document import Event
    from ...document import TimeExpression as Date
    from .context import Candidate, Context

# Statements whose date, when the text gives none, is the day of the report (a same-day
# reaction, GUIDELINES.md).
STATEMENTS = {"ACCUSE", "SUPPORT", "REQUEST", "THREATEN", "AGREE"}
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
#: values that name a period but no day: a week, a month, a season, a quarter, a year
_PERIOD = re.compile(r"^(?:\d{4}-W\d\d|\d{4}-\d\d|\d{4}-(?:SP|SU|FA|WI|Q\d|H\d)|\d{4})$")
#: a weekend ("at the weekend": ISO week and WE), which gives its Saturday and Sunday
_WEEKEND = re.compile(r"^(\d{4})-W(\d\d)-WE$")
#: durations that stand for the recent past ("over the past week", "in the last few days",
#: "in recent days")
_RECENT_SPAN = re.compile(
    r"^(?:over\s+|in\s+|during\s+)?(?:the\s+(?:past|last)|(?:the\s+)?(?:most\s+)?recent)\b",
    re.IGNORECASE,
)
#: the most parse steps between a trigger and a date of its own clause
OWN_CLAUSE = 4
#: the most parse steps between a trigger and a vague period that dates it
VAGUE_REACH = 3
#: how many sentences back a date may be borrowed from, within the paragraph
SENTENCES_BACK = 2
#: the most days between a borrowed date and publication
BORROW_DAYS = 7


def date_of(ctx: Context, candidate: Candidate) -> EventDate | None:
    """The candidate's date with its source, or None when the text gives none."""
    own = _sentence_date(ctx, candidate)
    if own is not None:
        return own
    if _background(candidate.token) or _earlier_than_its_clause(candidate.token):
        return None
    if candidate.modality == "hypothetical":  # "if the deadline is not met": no day happened
        return None
    return _context_date(ctx, candidate) or _publication_date(ctx, candidate)


#: acts in which a speaker says something: a later statement of the same speaker with no day
#: of its own is told from the same occasion
SPEECH_ACTS = STATEMENTS | {"REJECT", "CONSULT"}
#: how many sentences back a speaker's dated statement may give its day to the next one
SPEAKER_SENTENCES = 12


def date_by_speaker(candidates: list[Candidate]) -> None:
    """A statement given the publication day only for want of a date takes the day of the
    same speaker's statement just before it, when the text dated that one ("X said in a
    speech on Saturday ... He also accused ..."): one occasion, told over several sentences.
    The speaker's nearest earlier statement decides; one dated by publication stops it."""
    ordered = sorted(candidates, key=lambda c: c.token.i)
    if not ordered:
        return
    position = {sent.start: n for n, sent in enumerate(ordered[0].token.doc.sents)}
    for index, candidate in enumerate(ordered):
        date = candidate.date
        if date is None or date.date_source != "publication" or not candidate.actor:
            continue
        sent_index = position[candidate.token.sent.start]
        for earlier in reversed(ordered[:index]):
            if earlier.type not in SPEECH_ACTS or not set(earlier.actor) & set(candidate.actor):
                continue
            if sent_index - position[earlier.token.sent.start] > SPEAKER_SENTENCES:
                break
            given = earlier.date
            if given is None or given.value is None or given.date_source == "publication":
                break
            if earlier.token.sent == candidate.token.sent:
                continue  # the same sentence: its own dating already chose
            candidate.date = EventDate(
                given.value, given.granularity, given.span, date_source="context", days=given.days
            )
            break


def proposal_candidate(ctx: Context, event: Event) -> Candidate | None:
    """An event the learned sentence model proposed, as a candidate at its trigger (the root
    of its sentence), so that the rules date it as they date their own."""
    doc = ctx.document.doc
    words = None if doc is None else doc.char_span(*event.trigger, alignment_mode="expand")
    if words is None:
        return None
    token = words.root
    return make_candidate(
        token,
        make_trigger(token.lemma_, token.pos_, event.type, ""),
        actor=list(event.actor),
        recipient=list(event.recipient),
        modality=event.modality,
        reported_by=event.reported_by,
    )


def _sentence_date(ctx: Context, candidate: Candidate) -> EventDate | None:
    sent = candidate.token.sent
    options: list[tuple[int, int, int, Date]] = []
    for expression in ctx.dates_starting_in(sent.start_char, sent.end_char):
        kind = _kind(expression)
        if kind is None:
            continue
        distance = tree_distance(candidate, expression.span)
        if kind == "vague" and distance > VAGUE_REACH:
            continue
        if kind == "vague" and _other_clause(candidate, expression.span):
            continue  # a vague period of another clause says nothing of this event
        if kind == "day" and _after_publication(ctx, candidate, expression):
            continue  # "condemned by X, ahead of the 12 April election": not its day
        # a date of the verb that reports the event comes after every date of its own
        report = 1 if _dates_the_report(candidate, expression.span) else 0
        options.append((report, distance, 0 if kind == "day" else 1, expression))
    if not options:
        return None
    options.sort(key=lambda o: (o[0], o[1], o[2], o[3].span))
    report, distance, rank, expression = options[0]
    if rank == 1:
        return EventDate(value=None, granularity="vague", span=expression.span)
    source = "text" if distance <= OWN_CLAUSE and not report else "context"
    return _day_date(expression, source)


def _after_publication(ctx: Context, candidate: Candidate, expression: Date) -> bool:
    """Whether a day comes after publication while the event is told as done (asserted or
    negated): a day still to come cannot be the day it happened."""
    published = ctx.document.article.published
    if published is None or candidate.modality not in ("asserted", "negated"):
        return False
    value = expression.value or ""
    saturday = _saturday(value)
    day = saturday.isoformat() if saturday else value[:10]
    return day > published.isoformat()


#: dependencies that start a clause of its own (for "conj", only between verbs)
_CLAUSES = frozenset({"conj", "advcl", "relcl", "ccomp", "acl", "parataxis", "csubj"})


def _other_clause(candidate: Candidate, span: tuple[int, int]) -> bool:
    """Whether the words at ``span`` belong to another clause than the event's: the path
    between them in the parse enters a clause the trigger is not in ("the pipeline was
    damaged in January and Orban has threatened ...", "more than it did this week")."""
    doc = candidate.token.doc
    target = doc.char_span(span[0], span[1], alignment_mode="expand")
    if target is None:
        return True
    anchor = candidate.head_token if candidate.head_token is not None else candidate.token
    own = path_to_root(anchor)
    own_ids = {t.i for t in own}
    up = path_to_root(target.root)
    top = next((t for t in up if t.i in own_ids), None)
    if top is None:
        return True
    # the date's side may enter any clause; the event's side only a coordinate one (a
    # reported clause, "said on Monday that ...", is _dates_the_report's)
    date_side = any(_starts_clause(n) for n in up[: [t.i for t in up].index(top.i)])
    own_side = any(
        n.dep_ in ("conj", "parataxis") and _starts_clause(n)
        for n in own[: [t.i for t in own].index(top.i)]
    )
    return date_side or own_side


def _starts_clause(node: Token) -> bool:
    return node.dep_ in _CLAUSES and (node.dep_ != "conj" or node.pos_ in ("VERB", "AUX"))


def _dates_the_report(candidate: Candidate, span: tuple[int, int]) -> bool:
    """Whether the date belongs to a verb whose clausal complement tells the event ("officials
    said on Saturday that the sides had agreed"): the day something was said is not the day
    of what was said."""
    doc = candidate.token.doc
    target = doc.char_span(span[0], span[1], alignment_mode="expand")
    if target is None:
        return False
    verb = next((t for t in path_to_root(target.root)[1:] if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb == candidate.token or verb == candidate.head_token:
        return False
    return any(t.dep_ == "ccomp" and t.head == verb for t in path_to_root(candidate.token)[:-1])


def _kind(expression: Date) -> str | None:
    """ "day" for a value naming a day, "vague" for a period with no day, else None."""
    value = expression.value
    if expression.type in ("DATE", "TIME"):
        if value and (DAY.match(value) or _saturday(value) is not None):
            return "day"
        if value == "PAST_REF" or (value and _PERIOD.match(value)):
            return "vague"
        return None  # unresolved ("the day before" with no day to count from), PRESENT_REF
    if expression.type == "DURATION" and _RECENT_SPAN.match(expression.text):
        return "vague"
    return None


def _day_date(expression: Date, source: str) -> EventDate:
    value = expression.value or ""
    saturday = _saturday(value)
    if saturday is not None:  # either day of the weekend: the Saturday, with both days
        sunday = saturday + dt.timedelta(days=1)
        return EventDate(
            saturday.isoformat(),
            "day",
            expression.span,
            date_source=source,
            days=(saturday.isoformat(), sunday.isoformat()),
        )
    day = value[:10]
    days: tuple[str, ...] = ()
    if value.endswith("TNI"):  # a night: the evening's day and the next morning's
        first = dt.date.fromisoformat(day)
        days = (day, (first + dt.timedelta(days=1)).isoformat())
    return EventDate(day, "day", expression.span, date_source=source, days=days)


def _saturday(value: str) -> dt.date | None:
    """The Saturday of a weekend value ("2025-W30-WE"), else None."""
    weekend = _WEEKEND.match(value)
    if weekend is None:
        return None
    try:
        return dt.date.fromisocalendar(int(weekend[1]), int(weekend[2]), 6)
    except ValueError:  # no such week
        return None


def _context_date(ctx: Context, candidate: Candidate) -> EventDate | None:
    """A day from one of the sentences just before, in the same paragraph and on the same
    topic; for an attack, the last day named before it near publication."""
    sent = candidate.token.sent
    published = ctx.document.article.published
    paragraph_start = ctx.text.rfind("\n\n", 0, sent.start_char)
    previous = [
        s for s in _sentences_before(sent, SENTENCES_BACK) if s.start_char > paragraph_start
    ]
    topic = _topic(sent)
    for earlier in previous:  # nearest first
        days = [
            d
            for d in ctx.dates_starting_in(earlier.start_char, earlier.end_char)
            if _kind(d) == "day"
        ]
        if not days:
            topic |= _topic(earlier)  # a sentence between carries the topic on
            continue
        best = days[-1]
        near = published is None or (
            days_apart(best.value or "", published.isoformat()) <= BORROW_DAYS
        )
        if near and topic & _topic(earlier):
            return _day_date(best, "context")
        break
    if candidate.type == "ASSAULT" and published is not None:
        for expression in reversed(ctx.document.dates):
            if expression.span[0] >= sent.start_char or _kind(expression) != "day":
                continue
            if days_apart(expression.value or "", published.isoformat()) <= 2:
                return _day_date(expression, "context")
        return EventDate(published.isoformat(), "day", None, date_source="publication")
    return None


def _publication_date(ctx: Context, candidate: Candidate) -> EventDate | None:
    published = ctx.document.article.published
    if candidate.type in STATEMENTS and published is not None:
        return EventDate(published.isoformat(), "day", None, date_source="publication")
    return None


def _sentences_before(sent: SpacySpan, n: int) -> list[SpacySpan]:
    out: list[SpacySpan] = []
    doc = sent.doc
    start = sent.start
    while start > 0 and len(out) < n:
        earlier = doc[start - 1].sent
        out.append(earlier)
        start = earlier.start
    return out


def _topic(sent: SpacySpan) -> set[str]:
    """The names and nouns of a sentence, lower-cased lemmas."""
    return {
        t.lemma_.lower()
        for t in sent
        if t.pos_ in ("PROPN", "NOUN") and not t.is_stop and len(t.text) > 2
    }


def _background(token: Token) -> bool:
    """Whether the event is told as background: a perfect ("has killed", "had launched"), a
    progressive ("is threatening") or a participle with no finite verb of its own
    ("accusing Russia of ...")."""
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass") and (
            child.lemma_ == "have" or (child.lemma_ == "be" and verb.tag_ == "VBG")
        ):
            return True
    return verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "acl", "conj", "pcomp")


#: words that put a clause before the time of the clause it hangs from ("soon after X was
#: killed", "before signing"): what it tells is earlier news, not the day's
_EARLIER_MARKS = frozenset({"after", "before", "since", "following"})
#: adverbs that tell an act as one of the past, not the day's news ("previously agreed")
_PAST_ADVERBS = frozenset({"previously", "earlier", "formerly", "once", "repeatedly"})


def _earlier_than_its_clause(token: Token) -> bool:
    """Whether the event is told in a clause that sets it before another ("after X was
    killed", "since Israel escalated"), or with an adverb that puts it in the past
    ("previously agreed"): it borrows no date from context or publication."""
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    if any(c.dep_ == "advmod" and c.lower_ in _PAST_ADVERBS for c in verb.children):
        return True
    for node in path_to_root(verb)[:3]:
        if node.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _EARLIER_MARKS for c in node.children
        ):
            return True
        if node.dep_ == "pcomp" and node.head.lower_ in _EARLIER_MARKS:
            return True
    return False


def tree_distance(candidate: Candidate, span: tuple[int, int]) -> int:
    """Parse steps from the trigger (or the word whose arguments it took) to the words at
    ``span``, through their nearest common head; 99 when they do not meet."""
    doc = candidate.token.doc
    target = doc.char_span(span[0], span[1], alignment_mode="expand")
    if target is None:
        return 99
    anchors = [candidate.token, candidate.head_token]
    up = {t.i: d for d, t in enumerate(path_to_root(target.root))}
    best = 99
    for anchor in anchors:
        for depth, node in enumerate(path_to_root(anchor)):
            if node.i in up:
                best = min(best, depth + up[node.i])
                break
    return best
