"""Cue words (said, told, according to, claims) and what hangs on them in the parse: the
speaker (subject, "according to" object, "by" agent) and the reported clause."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ...document import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
#: dependency relations a cue verb shares its subject through ("X called ... and said")
INHERITS_SUBJECT = ("conj", "xcomp", "advcl", "acl", "ccomp", "pcomp", "relcl")
#: children of a subject that are not part of the speaker's name
NOT_SPEAKER = ("relcl", "acl", "advcl", "punct", "cc")
CLAUSE_MARKS = ("that",)
RELATIVE = ("that", "which", "who", "whom")
EDGE_PUNCT = set(",;:—–-()[]") | {"--"}


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """Cue words by part of speech, each with its class (speech, belief, evidence, label,
    medium), read from ``knowledge/data/speech_verbs.tsv``, with the verbs its ``marks``
    column names."""

    verbs: dict[str, str]
    nouns: dict[str, str]
    phrases: dict[str, str]
    media: frozenset[str] = field(default_factory=frozenset)
    #: verbs whose object after them is the addressee, never the speaker ("told reporters")
    addressee_verbs: frozenset[str] = field(default_factory=frozenset)
    #: verbs that start a new act of speech when coordinated after a reported clause
    new_statement_verbs: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def load(cls, path: Path | None = None) -> CueLexicon:
        if path is None:
            source = resources.files("dateline.knowledge").joinpath("data/speech_verbs.tsv")
            lines = source.read_text(encoding="utf-8").splitlines()
        else:
            lines = path.read_text(encoding="utf-8").splitlines()
        verbs: dict[str, str] = {}
        nouns: dict[str, str] = {}
        phrases: dict[str, str] = {}
        media: set[str] = set()
        marked: dict[str, set[str]] = {"addressee": set(), "new_statement": set()}
        rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
        for row in rows[1:]:  # the first row is the header
            cue, pos, kind = (cell.strip() for cell in row[:3])
            marks = row[3].split("|") if len(row) > 3 else []
            for mark in (m.strip() for m in marks):
                if mark:
                    marked[mark].add(cue)
            if kind == "none":
                continue
            if kind == "medium":
                media.add(cue)
            elif pos == "verb":
                verbs.setdefault(cue, kind)
            elif pos == "noun":
                nouns.setdefault(cue, kind)
            else:
                phrases.setdefault(cue, kind)
        return cls(
            verbs,
            nouns,
            phrases,
            frozenset(media),
            frozenset(marked["addressee"]),
            frozenset(marked["new_statement"]),
        )


@dataclass(slots=True)
class Cue:
    """One cue in the text and what the parse ties to it."""

    token: Token
    span: Span
    kind: str  # speech | belief | evidence | label
    subject: Token | None = None
    #: the reported clause (characters), when the cue has one
    content: Span | None = None

    @property
    def start(self) -> int:
        return self.span[0]


def token_span(tokens: list[Token]) -> Span:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def trim(tokens: list[Token]) -> list[Token]:
    """Drop edge punctuation, a leading "that" and unbalanced quotation marks."""
    from .marks import ALL_MARKS

    while tokens and (
        tokens[0].text in EDGE_PUNCT
        or tokens[0].is_space
        or (tokens[0].lower_ in CLAUSE_MARKS and tokens[0].dep_ == "mark")
        or tokens[0].text in (".", "!", "?")
    ):
        tokens = tokens[1:]
    while tokens and (tokens[-1].text in EDGE_PUNCT | {".", "!", "?"} or tokens[-1].is_space):
        tokens = tokens[:-1]
    opens = "“‘«„`"
    closes = "”’»"
    # an edge quotation mark stays only when its partner is inside the clause
    while tokens and tokens[0].text and tokens[0].text[0] in ALL_MARKS:
        partner = closes if tokens[0].text[0] in opens else tokens[0].text[0] + closes
        if any(t.text and t.text[0] in partner for t in tokens[1:]):
            break
        tokens = tokens[1:]
    while tokens and tokens[-1].text and tokens[-1].text[0] in ALL_MARKS:
        partner = opens if tokens[-1].text[0] in closes else tokens[-1].text[0] + opens
        if any(t.text and t.text[0] in partner for t in tokens[:-1]):
            break
        tokens = tokens[:-1]
        while tokens and tokens[-1].text in EDGE_PUNCT | {".", "!", "?"}:
            tokens = tokens[:-1]
    return tokens


def subject_of(
    token: Token, depth: int = 0, cue_verbs: Container[str] | None = None
) -> Token | None:
    """The subject of a cue verb, shared from the verb it is coordinated with or governed by.

    With ``cue_verbs``, a cue coordinated with the reported clause of another cue ("she
    said that the bridge was closed and added ...": the parser hangs "added" on "closed")
    shares the subject of that other cue, and a cue describing a noun ("issued a statement
    saying ...") takes the subject of the verb that governs the noun."""
    for child in token.children:
        if child.dep_ in SUBJECTS:
            return child
    for child in token.children:
        if child.dep_ == "agent":  # "it was said by X"
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    head = token.head
    if depth >= 3 or head.i == token.i:
        return None
    if token.dep_ == "pcomp" and head.lower_ == "as":
        # "the agency reported / quoted X as saying": X speaks
        for child in head.head.children:
            if child.dep_ == "dobj":
                return child
    if cue_verbs is not None and depth == 0:
        upper = head.head
        if (
            token.dep_ in ("conj", "advcl")
            and head.dep_ == "ccomp"
            and upper.lemma_.lower() in cue_verbs
            and head.i < token.i
            and upper.i < head.i
        ):
            return subject_of(upper, depth + 1)
        if (
            token.dep_ == "acl"
            and head.pos_ == "NOUN"
            and head.dep_ in ("dobj", "pobj")
            and token.tag_ == "VBG"
        ):
            verb = head.head if head.dep_ == "dobj" else head.head.head
            if verb.pos_ in ("VERB", "AUX"):
                return subject_of(verb, depth + 1)
    if token.dep_ in INHERITS_SUBJECT:
        return subject_of(head, depth + 1)
    return None


#: parts of speech that open a noun phrase
NP_START = ("DET", "PROPN", "NOUN", "ADJ", "PRON", "NUM")


def inverted_subject(token: Token, lexicon: CueLexicon) -> Token | None:
    """The speaker after the verb in "“…,” said the minister" or "X, said Jones, will ...":
    the cue follows a comma or a closing quotation mark and a noun phrase follows it."""
    from .marks import ALL_MARKS

    if token.lemma_.lower() in lexicon.addressee_verbs:
        return None
    doc = token.doc
    subject_before = any(c.dep_ in SUBJECTS and c.i < token.i for c in token.children)
    if subject_before and any(c.dep_ == "ccomp" for c in token.children):
        return None  # "X, a minister, said the talks failed": X is the subject
    before = token.i - 1
    while before >= 0 and (doc[before].is_space or doc[before].text in ALL_MARKS):
        before -= 1
    if before < 0 or doc[before].text not in (",", ":", "—", "–"):
        return None
    after = token.i + 1
    while after < len(doc) and doc[after].dep_ == "prt" and doc[after].head.i == token.i:
        after += 1
    if after >= len(doc) or doc[after].pos_ not in NP_START:
        return None
    first = doc[after]
    if first.ent_type_ in ("DATE", "TIME") or first.lower_ in ("that", "this", "it"):
        return None
    # the noun phrase's head: the first token of the run whose head lies outside the run
    run = []
    i = after
    while i < len(doc) and (doc[i].pos_ in NP_START or doc[i].tag_ == "POS"):
        run.append(doc[i])
        i += 1
    inside = {t.i for t in run}
    heads = [t for t in run if t.head.i not in inside]
    if not heads:
        return None
    head = heads[0]
    if head.pos_ not in ("PROPN", "NOUN", "PRON") or head.ent_type_ in ("DATE", "TIME"):
        return None
    end = i
    closes = (
        end >= len(doc)
        or doc[end].text in (",", ".", "!", "?", ";", "–", "—", "--")
        or doc[end].is_space
    )
    if not closes and (subject_before or doc[end].pos_ != "ADP"):
        return None
    return head


def apposed_subject(token: Token) -> Token | None:
    """The subject of "Jane Doe, an adviser to the minister, said" when the parser lost it:
    the noun before the comma-fenced apposition that ends right before the cue."""
    doc = token.doc
    before = token.i - 1
    if before < 1 or doc[before].text != ",":
        if before >= 0 and doc[before].pos_ in ("PROPN", "PRON") and doc[before].dep_ != "poss":
            return doc[before]
        return None
    step = doc[before - 1]
    for _ in range(12):
        if step.dep_ == "appos":
            step = step.head
        elif step.dep_ == "pobj" and step.head.dep_ == "prep":
            step = step.head.head
        elif step.dep_ in ("compound", "amod", "poss", "case"):
            step = step.head
        else:
            break
    if step.i >= before - 1 or step.pos_ not in ("PROPN", "NOUN"):
        return None
    # the apposition is fenced by a comma right after the noun phrase of ``step``
    if not any(t.text == "," for t in doc[step.i : before]):
        return None
    return step


def speaker_tokens(subject: Token) -> list[Token]:
    """The subject's words, without relative clauses and trailing punctuation; a relative
    pronoun ("a review that suggested") stands for the noun its clause hangs on."""
    if subject.lower_ in RELATIVE and subject.head.dep_ == "relcl":
        subject = subject.head.head
    dropped: set[int] = set()
    for child in subject.children:
        if child.dep_ in NOT_SPEAKER and child.i > subject.i:
            dropped.update(t.i for t in child.subtree)
    words = [t for t in subject.subtree if t.i not in dropped]
    # keep one contiguous stretch around the head
    stretch = [subject]
    index = {t.i: t for t in words}
    i = subject.i - 1
    while i in index:
        stretch.insert(0, index[i])
        i -= 1
    i = subject.i + 1
    while i in index:
        stretch.append(index[i])
        i += 1
    # an aside after a dash is not the speaker's name ("Putin – video")
    dash = next((t for t in stretch if t.i > subject.i and t.text in ("–", "—", "--")), None)
    if dash is not None:
        stretch = [t for t in stretch if t.i < dash.i]
    # never across a line break ("… – video" captions, headlines)
    breaks = [t for t in stretch if "\n" in t.text or "\n" in t.whitespace_]
    for token in breaks:
        if token.i < subject.i:
            stretch = [t for t in stretch if t.i > token.i]
        elif "\n" in token.text:
            stretch = [t for t in stretch if t.i < token.i]
        else:
            stretch = [t for t in stretch if t.i <= token.i]
    while len(stretch) > 1 and (
        stretch[-1].is_punct or stretch[-1].dep_ == "cc" or stretch[-1].is_space
    ):
        stretch.pop()
    while len(stretch) > 1 and stretch[0].is_punct:
        stretch.pop(0)
    return stretch


def find_cues(doc: Doc, lexicon: CueLexicon, objects: bool = False) -> list[Cue]:
    """Every cue verb, cue noun and "according to" of the parsed text, with its subject and
    its reported clause where the parse gives one. With ``objects``, a cue verb without a
    clause takes what it governs instead: its object, its to-infinitive, its "for"/"as"
    phrase ("called for new tariffs", "wants to cut taxes", "described X as a disgrace"),
    as PolNeAR annotates stances and intentions."""
    text = doc.text  # built anew on every access: read it once
    cues = _find_cues(doc, lexicon, objects)
    _lift_participle_clauses(cues)
    for cue in cues:
        if cue.content is not None:
            cue.content = _within_paragraph(text, cue.content, cue.span)
    return cues


def _lift_participle_clauses(cues: list[Cue]) -> None:
    """ "X said in an interview posted on YouTube that ...": the parser hangs the clause on
    the participle, which has no speaker of its own; it belongs to the cue above it."""
    by_token = {cue.token.i: cue for cue in cues}
    for cue in cues:
        token = cue.token
        if cue.content is None or cue.subject is not None or token.dep_ != "acl":
            continue
        if token.tag_ != "VBN":
            continue
        step = token.head
        for _ in range(6):
            upper = by_token.get(step.i)
            if upper is not None and upper.content is None and upper.subject is not None:
                if upper.kind == "speech":
                    upper.content, cue.content = cue.content, None
                break
            if step.head.i == step.i:
                break
            step = step.head


def _within_paragraph(text: str, content: Span, cue: Span) -> Span | None:
    """The clause, cut to the cue's paragraph; None if it holds the cue itself."""
    start, end = content
    if start <= cue[0] < end:
        return None
    if "\n" in text[start:end]:
        if cue[0] >= end:
            start = text.rindex("\n", start, end) + 1
        else:
            end = text.index("\n", start, end)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if len(text[start:end].split()) < 2:
            return None
    return start, end


def _find_cues(doc: Doc, lexicon: CueLexicon, objects: bool = False) -> list[Cue]:
    cues: list[Cue] = []
    for token in doc:
        lemma = token.lemma_.lower()
        if (
            token.lower_ == "according"
            and token.i + 1 < len(doc)
            and doc[token.i + 1].lower_ == "to"
        ):
            cue = _according_to(token)
            if cue is not None:
                cues.append(cue)
        elif token.pos_ in ("VERB", "AUX") and lemma in lexicon.verbs:
            cues.append(_verb_cue(token, lexicon.verbs[lemma], lexicon, objects))
        elif token.pos_ == "NOUN" and lemma in lexicon.nouns:
            cue = _noun_cue(token, lexicon.nouns[lemma], lexicon)
            if cue is not None:
                cues.append(cue)
    return cues


def _cue_span(token: Token) -> Span:
    """The verb with its particle ("pointed out"), as characters."""
    end = token
    for child in token.children:
        if child.dep_ == "prt" and child.i == end.i + 1:
            end = child
    return token.idx, end.idx + len(end.text)


#: a trailing gloss the writer adds after a comma: ", which took place ...", ", as most ..."
GLOSS_OPENERS = frozenset({"which", "who", "whom", "whose", "as", "while", "where"})


def _clause(head: Token, lexicon: CueLexicon) -> Span | None:
    """The reported clause under a cue, without a coordinated new statement ("... the rain
    had stopped and said the road would open ...": the second is a quote of its own)."""
    dropped = {
        t.i
        for child in head.children
        if child.dep_ == "conj" and child.lemma_.lower() in lexicon.new_statement_verbs
        for t in child.subtree
    }
    kept = [t for t in head.subtree if t.i not in dropped]
    while kept and kept[-1].dep_ in ("cc", "punct") and dropped:
        kept.pop()  # the "and" or comma that joined the new statement
    for token in kept[1:]:
        if token.lower_ in GLOSS_OPENERS and token.i > 0 and token.nbor(-1).text == ",":
            clause = token.head if token.dep_ != "advcl" else token
            is_gloss = clause.dep_ in ("relcl", "advcl") or token.dep_ in (
                "mark",
                "nsubj",
                "advmod",
            )
            if is_gloss and max(t.i for t in clause.subtree) >= kept[-1].i - 1:
                kept = [t for t in kept if t.i < token.i - 1]
                break
    words = _without_trailing_apposition(kept)
    words = trim(words)
    if len(words) < 2:
        return None
    return token_span(words)


def _without_trailing_apposition(words: list[Token]) -> list[Token]:
    """Cut an apposition after a comma that ends the clause ("... agreed to X, a particular
    focus for Kyiv"): it is the writer's gloss, not the reported words."""
    if not words:
        return words
    for token in words:
        second_object = token.dep_ in ("dobj", "npadvmod") and any(
            c.dep_ == "dobj" and c.i < token.i for c in token.head.children
        )
        if (token.dep_ == "appos" or second_object) and token.left_edge.i > words[0].i:
            edge = token.left_edge
            before = edge.nbor(-1) if edge.i > 0 else None
            if before is not None and before.text == "," and token.right_edge.i >= words[-1].i - 1:
                return [t for t in words if t.i < before.i]
    return words


#: children of a cue verb that hold what it is about ("urged X to ...", "called X a liar")
OBJECT_DEPS = ("dobj", "xcomp", "oprd", "ccomp", "dative", "attr")
#: prepositions whose phrase holds the stance ("called for", "described X as", "warned of")
OBJECT_PREPS = ("for", "as", "against", "about", "of", "on", "with", "to")


def _object_content(token: Token) -> Span | None:
    """The stretch from the first to the last thing a cue verb governs after it."""
    parts = [
        c
        for c in token.children
        if c.i > token.i
        and (c.dep_ in OBJECT_DEPS or (c.dep_ == "prep" and c.lower_ in OBJECT_PREPS))
    ]
    if not parts or parts[0].dep_ == "prep" and parts[0].lower_ == "to" and len(parts) == 1:
        return None
    words = [t for c in parts for t in c.subtree]
    words.sort(key=lambda t: t.i)
    if parts[0].dep_ == "prep":  # "called for new tariffs": the stance is what follows "for"
        words = [t for t in words if t.i != parts[0].i]
    words = trim(words)
    if not words or all(t.pos_ in ("PRON", "DET") for t in words):
        return None
    return token_span(words)


def _verb_cue(token: Token, kind: str, lexicon: CueLexicon, objects: bool = False) -> Cue:
    subject = inverted_subject(token, lexicon) if kind in ("speech", "label") else None
    if subject is None:
        subject = subject_of(token, cue_verbs=lexicon.verbs)
    if subject is None and kind == "speech":
        subject = apposed_subject(token)
    cue = Cue(token, _cue_span(token), kind, subject)
    if kind == "label":
        if objects:
            cue.content = _object_content(token)
        return cue
    clauses = [c for c in token.children if c.dep_ == "ccomp"]
    if clauses:
        clause = min(clauses, key=lambda c: abs(c.i - token.i))
        inner_lemma = clause.lemma_.lower()
        nested = inner_lemma in lexicon.verbs and any(c.dep_ == "ccomp" for c in clause.children)
        if not nested:
            cue.content = _clause(clause, lexicon)
    elif token.dep_ == "parataxis" and token.head.pos_ in ("VERB", "AUX"):
        # "Prices will rise, the minister warned, and ..." : the clause around the cue
        cue.content = _around(token.head, token)
    if cue.content is None and objects:
        cue.content = _object_content(token)
    return cue


def _around(head: Token, cue: Token) -> Span | None:
    """The reported words around a parenthetical cue: the stretch before it, or after it."""
    skip = {t.i for t in cue.subtree}
    words = [t for t in head.subtree if t.i not in skip]
    before = trim([t for t in words if t.i < cue.left_edge.i])
    after = trim([t for t in words if t.i > cue.right_edge.i])
    # coordinated verbs hanging on the cue ("X said, and was ...") belong to the words after
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in before)
    chosen = before if len(before) >= 3 and has_verb else after
    if len(chosen) < 3:
        return None
    return token_span(chosen)


def _according_to(token: Token) -> Cue | None:
    to = token.doc[token.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        objects = [c for c in token.children if c.dep_ == "pobj"]
    if not objects:
        return None
    cue = Cue(token, (token.idx, to.idx + len(to.text)), "speech", objects[0])
    # the clause the phrase is attached to, less the phrase itself
    head = token.head
    while head.dep_ not in ("ROOT", "ccomp", "conj", "advcl") and head.head.i != head.i:
        head = head.head
    if head.i == token.i:
        return cue
    skip = {t.i for t in token.subtree}
    words = [t for t in head.subtree if t.i not in skip]
    before = trim([t for t in words if t.i < token.i])
    after = trim([t for t in words if t.i > token.right_edge.i])
    chosen = after if len(after) >= len(before) else before
    if len(chosen) >= 3:
        cue.content = token_span(chosen)
    return cue


def _noun_cue(token: Token, kind: str, lexicon: CueLexicon) -> Cue | None:
    """ "claims by X that ...", "his statement that ..." : a noun with a that-clause."""
    clause = None
    for child in token.children:
        if child.dep_ in ("acl", "ccomp", "appos", "relcl") and any(
            g.dep_ == "mark" and g.lower_ == "that" for g in child.children
        ):
            clause = child
            break
    if clause is None:
        return None
    speaker = None
    for child in token.children:
        if child.dep_ == "poss":
            speaker = child
        elif child.dep_ == "prep" and child.lower_ == "by":
            speaker = next((g for g in child.children if g.dep_ == "pobj"), None)
    if speaker is None and token.dep_ in ("dobj", "attr") and token.head.pos_ == "VERB":
        speaker = subject_of(token.head)  # "X made the claim that ..."
    cue = Cue(token, (token.idx, token.idx + len(token.text)), kind, speaker)
    cue.content = _clause(clause, lexicon)
    return cue
