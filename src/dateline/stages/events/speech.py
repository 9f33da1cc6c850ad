"""Speech acts carried by what a side says, read from the quote stage's statements (direct,
partial and indirect quotes with a resolved speaker) and from verbs of commitment:

* a **denial** (REJECT): the speaker's side says it had nothing to do with an act, had no
  links or role, or would never accept something ("said it had no links to the group");
* an **allegation** (ACCUSE, allege): the speaker tells of another side's act as culpable
  ("said a Peruvian patrol had deliberately crossed the border") or names it with a word of
  accusation ("said the Chilean raid was a war crime");
* a **threat** (THREATEN): a side vows force or punishment ("vowed to bring those
  responsible to justice"), or says its own side will or is ready to carry out an attack,
  coercion or sanction ("said it was prepared to strike again": the strike the rules found
  is re-coded as the threat).

The speaker is the actor and the other side named in the statement's content the recipient.
A statement that only describes is no event. A candidate the trigger rules already made from
the same clause (same type, same side) is not made twice.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .arguments import inherited_subject
from .context import make_candidate, make_trigger
from .helpers import unique
from .recipients import named_in_complement
from .triggers import triggers_for

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ...document import Quote
    from .context import Candidate, Context

#: types of act that, announced by their own side for the future, are a threat
FORCEFUL = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})
#: pronouns by which a speaker speaks of its own side in reported words
SELF = frozenset({"i", "we", "it", "he", "she", "they", "my", "our", "its", "his", "her", "their"})


def speech_act_candidates(ctx: Context, lexical: list[Candidate]) -> list[Candidate]:
    """The speech acts of the article's statements and vows that the trigger rules did not
    code; re-codes the rules' candidates for an act the speaker threatens."""
    doc = ctx.document.doc
    assert doc is not None
    told: dict[int, list[Candidate]] = {}
    for candidate in lexical:
        told.setdefault(candidate.token.sent.start, []).append(candidate)
    out: list[Candidate] = []
    for quote in ctx.document.quotes:
        if quote.speaker is None or not ctx.countries([quote.speaker]):
            continue
        content = doc.char_span(quote.span[0], quote.span[1], alignment_mode="expand")
        if content is None or len(content) == 0:
            continue
        for made in _statement_acts(ctx, quote, content, told):
            out.append(made)
            told.setdefault(made.token.sent.start, []).append(made)
    for token in doc:
        vow = _vow(ctx, token)
        if vow is not None and not _already_told(ctx, told, vow):
            out.append(vow)
            told.setdefault(token.sent.start, []).append(vow)
    return out


def _statement_acts(
    ctx: Context, quote: Quote, content: Span, told: dict[int, list[Candidate]]
) -> list[Candidate]:
    speaker = [quote.speaker] if quote.speaker else []
    anchor = _anchor(ctx, quote, content)
    text = " " + " ".join(re.findall(r"[a-z][a-z'’-]*", content.text.lower())) + " "
    words = ctx.tables.speech
    made: list[Candidate] = []
    root = content.root
    if _has_phrase(text, words["denial"]) and _speaks_for_itself(ctx, root, speaker):
        made.append(
            _statement(ctx, anchor, quote, "REJECT", "120", (), _named_in(ctx, content, speaker))
        )
    accused = _culpable_side(ctx, content, text, speaker)
    if accused:
        made.append(_statement(ctx, anchor, quote, "ACCUSE", "112", ("allege",), accused))
    recode_threats(ctx, content, speaker, told)
    return [c for c in made if not _already_told(ctx, told, c)]


def _anchor(ctx: Context, quote: Quote, content: Span) -> Token:
    """The token a statement's event stands on: its cue verb, else its content's head."""
    doc = content.doc
    if quote.cue is not None:
        cue = doc.char_span(quote.cue[0], quote.cue[1], alignment_mode="expand")
        if cue is not None and len(cue):
            return cue.root
    return content.root


def _statement(
    ctx: Context,
    token: Token,
    quote: Quote,
    event_type: str,
    cameo: str,
    mode: tuple[str, ...],
    recipient: list[str],
) -> Candidate:
    return make_candidate(
        token,
        make_trigger("(statement)", "QUOTE", event_type, cameo, mode=mode),
        actor=[quote.speaker] if quote.speaker else [],
        recipient=recipient,
        modality="asserted",
        reported_by=quote.reported_by,
    )


def _has_phrase(text: str, phrases: tuple[str, ...]) -> bool:
    return any(f" {phrase} " in text for phrase in phrases)


def _speaks_for_itself(ctx: Context, root: Token, speaker: list[str]) -> bool:
    """The reported clause's subject is the speaker's own side: a pronoun ("it had no
    links"), a side of the speaker's country, or none."""
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if not subjects:
        return True
    own = ctx.countries(speaker)
    for subject in subjects:
        if subject.dep_ == "expl":
            return True  # "there was no evidence ...": the speaker's own assertion
        if any(w.lower_ in SELF for w in subject.subtree if w.i <= subject.i):
            return True
        if own & ctx.countries(ctx.actors_of(subject, follow_conj=True)):
            return True
    return False


def _named_in(ctx: Context, content: Span, speaker: list[str]) -> list[str]:
    """The first side of another country named in the statement's content (a mere place
    excluded)."""
    own = ctx.countries(speaker)
    for mention in ctx.mentions_starting_in(content.start_char, content.end_char):
        actor = ctx.actors.get(mention.actor_id)
        if actor is None or not actor.country or actor.country in own:
            continue
        if mention.how == "location" or actor.sector in ("MED", "BUS", "NGO"):
            continue
        return [actor.id]
    return []


def _culpable_side(ctx: Context, content: Span, text: str, speaker: list[str]) -> list[str]:
    """The other side a statement blames: the subject of a reported act told as culpable
    ("X had deliberately rammed ..."), or the side named in a statement holding a word of
    accusation ("X's strike was a war crime")."""
    words = ctx.tables.speech
    own = ctx.countries(speaker)
    if _has_phrase(text, words["culpable"]):
        for token in content:
            act = token.head
            if token.dep_ not in ("nsubj", "nsubjpass") or not _hostile_act(ctx, act):
                continue
            side = [
                a
                for a in ctx.actors_of(token, follow_conj=True)
                if (actor := ctx.actors.get(a)) is not None
                and actor.country
                and actor.country not in own
            ]
            if side and not any(c.dep_ == "neg" for c in act.children):
                return unique(side)
    if any(_names_accusation(ctx, t) for t in content) and not any(
        c.dep_ == "neg" for c in content.root.children
    ):
        return _named_in(ctx, content, speaker)
    return []


def _hostile_act(ctx: Context, verb: Token) -> bool:
    """An act of force or coercion: a trigger of such a type, or a hostile word."""
    if verb.pos_ != "VERB":
        return False
    return _coercive(ctx, verb) or any(t.type in FORCEFUL for t in triggers_for(ctx, verb))


def _names_accusation(ctx: Context, token: Token) -> bool:
    """A word of accusation that is what the statement says of its subject ("the strike
    was a war crime", "X is committing genocide"), not a word in passing ("since the
    invasion began")."""
    if token.dep_ not in ("attr", "acomp", "dobj", "oprd"):
        return False
    named = [token]
    named += [  # "an act of aggression"
        g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
    ]
    words = [w for n in named for w in (n.lower_, n.lemma_.lower())]
    words += [
        f"{c.lower_} {n.lower_}" for n in named for c in n.lefts if c.dep_ in ("compound", "amod")
    ]
    return any(w in ctx.tables.speech["accusation"] for w in words)


def recode_threats(
    ctx: Context, content: Span, speaker: list[str], told: dict[int, list[Candidate]]
) -> None:
    """An attack, coercion or sanction the speaker's own side says it is ready to carry
    out ("said it was prepared to strike again") is re-coded as the threat it is.
    (New THREATEN events from such statements with no forceful trigger inside were tried
    and only added false events on the development reports: the trigger rules already code
    "would retaliate", "would respond".)"""
    for verb in content:
        if not _ready(ctx, verb):
            continue
        if any(c.dep_ == "neg" or c.lower_ == "only" for c in verb.children):
            continue  # "would only fight if provoked": restraint, not a threat
        clause = verb if verb.pos_ != "ADJ" or verb.dep_ != "acomp" else verb.head
        if not _speaks_for_itself(ctx, clause, speaker):
            continue
        region = [w for w in verb.subtree if w.i >= verb.i and content.start <= w.i < content.end]
        for candidate in told.get(verb.sent.start, ()):
            if (
                candidate.type in FORCEFUL
                and candidate.token in region
                and (
                    not candidate.actor
                    or ctx.countries(candidate.actor) & ctx.countries(speaker)
                    or set(candidate.actor) & set(speaker)
                )
            ):
                _recode_as_threat(candidate, speaker)


def _ready(ctx: Context, word: Token) -> bool:
    """ "ready to", "prepared to": a readiness with the act it is ready for. (An act under
    "will"/"would" is re-coded by the coding rules already, as an intended one.)"""
    return word.lemma_.lower() in ctx.tables.words["intent"] and any(
        c.dep_ == "xcomp" for c in word.children
    )


def _coercive(ctx: Context, token: Token) -> bool:
    lemma = token.lemma_.lower()
    return (
        lemma in ctx.tables.speech["coercive"]
        or ctx.lexicon.in_class(lemma, "hostile")
        or ctx.lexicon.in_class(lemma, "sanction")
    )


def _recode_as_threat(candidate: Candidate, speaker: list[str]) -> None:
    """ "said it was prepared to strike again": the strike is threatened, not told."""
    violent = candidate.type in ("ASSAULT", "MOBILIZE")
    candidate.type = "THREATEN"
    candidate.cameo = "138" if violent else "13"
    candidate.mode = ["violence"] if violent else []
    candidate.modality = "asserted"
    candidate.actor = candidate.actor or list(speaker)


def _act_words(verb: Token) -> list[Token]:
    """The words that say what act a verb commits to: the verb, the infinitives it
    governs ("ready to strike"), their objects ("conduct more strikes") and the objects of
    their "to" phrases ("bring them to justice"); not what the act guards against
    ("shield them from attack")."""
    out: list[Token] = []
    todo = [verb]
    while todo:
        node = todo.pop()
        out.append(node)
        for child in node.children:
            if child.dep_ == "xcomp":
                todo.append(child)
            elif child.dep_ in ("dobj", "attr"):
                out.append(child)
                out += [  # "bring those responsible to justice"
                    g for g in child.subtree if g.dep_ == "pobj" and g.head.lower_ == "to"
                ]
            elif child.dep_ == "prep" and child.lower_ in ("to", "with"):
                out += [g for g in child.children if g.dep_ == "pobj"]
    return out


def _vow(ctx: Context, token: Token) -> Candidate | None:
    """ "vowed to bring those responsible to justice", "pledged to punish the attackers": a
    side committing itself to force or punishment threatens (PLOVER THREATEN)."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in ctx.tables.speech["vow"]:
        return None
    if any(c.dep_ == "neg" for c in token.children):
        return None
    action = next((c for c in token.children if c.dep_ == "xcomp"), None)
    if action is None or not any(_coercive(ctx, w) for w in _act_words(action)):
        return None
    actor = [a for c in token.children if c.dep_ == "nsubj" for a in ctx.actors_of(c, True)]
    actor = actor or inherited_subject(ctx, token)
    if not actor or not ctx.countries(actor):
        return None
    return make_candidate(
        token,
        make_trigger(token.lemma_.lower(), "VERB", "THREATEN", "138", mode=("violence",)),
        actor=unique(actor),
        recipient=named_in_complement(ctx, token, actor),
        modality="asserted",
        reported_by=None,
    )


def _already_told(ctx: Context, told: dict[int, list[Candidate]], made: Candidate) -> bool:
    """Whether a candidate of the same type and side stands in the same sentence."""
    own = ctx.countries(made.actor)
    return any(
        c.type == made.type and (set(c.actor) & set(made.actor) or ctx.countries(c.actor) & own)
        for c in told.get(made.token.sent.start, ())
    )
