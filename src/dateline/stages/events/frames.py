"""Events with no trigger word of their own: a side declaring what it is ready to do, a
speaker saying another side must act, and speech acts carried by quoted words."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .arguments import inherited_subject
from .context import make_candidate, make_trigger
from .helpers import unique
from .modality import reporter
from .recipients import named_in_complement, other_side
from .triggers import triggers_for

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .context import Candidate, Context


def intent_frame(ctx: Context, token: Token) -> Candidate | None:
    """ "X is ready to contribute troops", "X is committed to opening up": a side declaring
    what it will do. Cooperative acts are AGREE, coercive ones THREATEN (PLOVER); an
    action that is itself a trigger is coded by that trigger instead."""
    if token.lemma_.lower() not in ctx.tables.words["intent"] or token.dep_ not in (
        "acomp",
        "ROOT",
        "xcomp",
    ):
        return None
    action = next((c for c in token.children if c.dep_ in ("xcomp", "prep")), None)
    if action is not None and action.dep_ == "prep":
        action = next((c for c in action.children if c.dep_ == "pcomp"), None)
    if action is None or action.pos_ != "VERB":
        return None
    if any(triggers_for(ctx, t) for t in action.subtree) or any(
        c.dep_ == "neg" for node in (token, token.head) for c in node.children
    ):
        return None  # the act is coded by its own trigger; a refusal is no intent
    actor = inherited_subject(ctx, token) or [
        a for c in token.head.children if c.dep_ == "nsubj" for a in ctx.actors_of(c, True)
    ]
    if not actor:
        return None
    coercive = any(
        ctx.lexicon.in_class(t.lemma_, "sanction") or ctx.lexicon.in_class(t.lemma_, "hostile")
        for t in action.subtree
    )
    event_type, cameo = ("THREATEN", "13") if coercive else ("AGREE", "03")
    return make_candidate(
        token,
        make_trigger(token.lemma_.lower(), "ADJ", event_type, cameo),
        actor=unique(actor),
        recipient=named_in_complement(ctx, token, actor),
        modality="asserted" if coercive else "intended",
        reported_by=reporter(ctx, token.head, actor),
    )


def obligation_request(ctx: Context, token: Token) -> Candidate | None:
    """A speaker saying another side must or should act is a REQUEST ("X said Sweden
    should lift its restrictions", "Y declared the government must resign")."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in ctx.lexicon.modality["report"]:
        return None
    speaker: list[str] = []
    for child in token.children:
        if child.dep_ == "nsubj":
            speaker += ctx.actors_of(child, follow_conj=True)
    if not speaker:
        speaker = inherited_subject(ctx, token)
    for clause in token.children:
        if clause.dep_ not in ("ccomp", "parataxis"):
            continue
        modal = [c for c in clause.children if c.dep_ == "aux" and c.lower_ in ("must", "should")]
        if not modal:
            continue
        addressee: list[str] = []
        for child in clause.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                addressee += ctx.actors_of(child, follow_conj=True)
        if not speaker or set(addressee) & set(speaker):
            continue
        return make_candidate(
            token,
            make_trigger("(must)", "VERB", "REQUEST", "10", mode=("change",)),
            actor=unique(speaker),
            recipient=unique(addressee),
            modality="asserted",
            reported_by=None,
        )
    return None


def statement_candidates(ctx: Context, lexical: list[Candidate]) -> list[Candidate]:
    """Speech acts carried by quoted words: condemning ("“appalling”"), accusing ("a
    “deliberate act of terror”") and welcoming ("“very positive”") are events besides
    quotes (GUIDELINES.md). The speaker is the actor; the recipient is the other side
    named in the sentence."""
    doc = ctx.document.doc
    assert doc is not None
    out: list[Candidate] = []
    # the candidates of each sentence, by where it starts: asking every candidate of the
    # article about every quote grew with the square of the length
    told: dict[int, list[Candidate]] = {}
    for candidate in lexical:
        told.setdefault(candidate.token.sent.start, []).append(candidate)
    for quote in ctx.document.quotes:
        if quote.speaker is None or not ctx.countries([quote.speaker]):
            continue
        words = re.findall(r"[a-z][a-z'-]*", quote.text.lower())
        if not words:
            continue
        if quote.kind == "indirect":
            # Reported words are an act only when short and plainly a denial: "said the
            # claims were false".
            found = _evaluation(ctx, words, short=False, classes=("reject",))
            if found is None or len(words) > 12:
                continue
        else:
            found = _evaluation(ctx, words, short=len(words) <= 12 or quote.kind == "partial")
        if found is None:
            continue
        event_type, mode, cameo = found
        anchor = quote.cue or quote.span
        span = doc.char_span(anchor[0], anchor[1], alignment_mode="expand")
        if span is None:
            continue
        token = span.root
        if any(
            c.type == event_type and quote.speaker in c.actor
            for c in told.get(token.sent.start, ())
        ):
            continue
        recipient = other_side(ctx, token, [quote.speaker], quote.span[0])
        if event_type == "ACCUSE" and not recipient:
            continue
        statement = make_candidate(
            token,
            make_trigger(
                "(quoted words)", "QUOTE", event_type, cameo, mode=(mode,) if mode else ()
            ),
            actor=[quote.speaker],
            recipient=recipient,
            modality="asserted",
            reported_by=quote.reported_by,
        )
        out.append(statement)
        told.setdefault(token.sent.start, []).append(statement)
    return out


def _evaluation(
    ctx: Context, words: list[str], short: bool, classes: tuple[str, ...] | None = None
) -> tuple[str, str, str] | None:
    text = " " + " ".join(words) + " "
    table = ctx.lexicon.evaluative
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


def judgement_frame(ctx: Context, token: Token) -> Candidate | None:
    """A side passing judgement on another's act: a verb of judging whose complement holds
    an evaluative word ("called the raid reckless", "denounced the move as unacceptable",
    "described the deal as an important first step"), or a side's dismay at an act ("was
    appalled at the sentences"). Criticism is ACCUSE and praise SUPPORT (PLOVER); the
    recipient is the side named in the judged phrase, else the nearest other side."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and lemma in ctx.tables.words["judge"]:
        if any(c.dep_ in ("prep", "prt") and c.i == token.i + 1 for c in token.children):
            return None  # "called on X to desist", "called for calm": a request, not a verdict
        verb = token
        judged = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        complement = [
            w
            for c in token.children
            if c.dep_ in ("oprd", "ccomp", "acomp") or (c.dep_ == "prep" and c.lower_ == "as")
            for w in c.subtree
        ]
        judged += [
            s
            for c in token.children
            if c.dep_ == "ccomp"
            for s in c.children
            if s.dep_ in ("nsubj", "dobj")
        ]
        complement = [w for w in complement if not any(w in j.subtree for j in judged)]
        found = _evaluation(ctx, [w.lower_ for w in complement], short=True)
    elif token.lower_ in ctx.tables.words["feeling"] and (
        token.dep_ == "acomp" or any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
    ):
        verb = token.head if token.dep_ == "acomp" else token
        judged = [
            g
            for c in token.children
            if c.dep_ in ("prep", "agent") and c.lower_ in ("at", "by", "with", "over")
            for g in c.children
            if g.dep_ == "pobj"
        ]
        found = ("ACCUSE", "disapprove", "111")
    else:
        return None
    if found is None or any(c.dep_ == "neg" for c in verb.children):
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb is token and lemma in ctx.tables.words["judge"]:
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    actor = [a for s in subjects for a in ctx.actors_of(s, follow_conj=True)]
    actor = actor or inherited_subject(ctx, verb)
    if not actor or not ctx.countries(actor):
        return None
    event_type, mode, cameo = found
    recipient = [
        m
        for j in judged
        for w in j.subtree
        if (m := ctx.mention(w)) is not None and m not in actor and ctx.countries([m])
    ]
    recipient = unique(recipient) or other_side(ctx, token, actor, token.idx)
    if event_type == "ACCUSE" and not recipient:
        return None
    return make_candidate(
        token,
        make_trigger(f"({lemma})", "VERB", event_type, cameo, mode=(mode,) if mode else ()),
        actor=unique(actor),
        recipient=recipient,
        modality="asserted",
        reported_by=reporter(ctx, verb, actor),
    )
