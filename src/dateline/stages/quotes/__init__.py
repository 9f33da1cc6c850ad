"""The quote stage: direct, partial and indirect quotes, each with its cue and speaker.

* Quotation marks give direct quotes (a quoted sentence or clause) and partial ones (a quoted
  fragment inside a sentence); a quote split by its attribution gives two quotes, and a quote
  running over several paragraphs gives one per paragraph, all with one speaker.
* The parse gives indirect quotes: the clause a speech verb governs ("X said (that) ..."),
  the clause around a parenthetical cue ("..., X said"), "according to X, ..." and cue nouns
  with a that-clause ("claims by X that ...").
* The speaker is the cue's subject (or the "according to" object), resolved to an actor
  through the actor stage's mentions, then through pronouns and descriptions. A news outlet
  that relays someone else's words is ``reported_by``, not the speaker.

Quoted names and titles with no cue ("the ship “Moskva”") are not quotes.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...document import Document, Quote, Span
from ...knowledge.wordlists import load_word_classes
from ...spancover import SpanCover
from ..actors.coreference import Pronouns
from ..actors.sentences import SentenceIndex
from .cues import (
    Cue,
    CueLexicon,
    apposed_subject,
    find_cues,
    inverted_subject,
    speaker_tokens,
)
from .marks import QuotedSpan, find_quoted_spans, paragraphs
from .speakers import SpeakerResolver, is_medium

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ...knowledge import Knowledge

_WORD = re.compile(r"\w+")
#: the most characters between a quote's closing mark and its cue ("…,” the minister said)
_AFTER_WINDOW = 60
#: the most characters between a cue and the opening mark it introduces (X said: “…”)
_BEFORE_WINDOW = 60


@dataclass(slots=True)
class _Found:
    kind: str
    span: Span
    cue: Cue | None
    paragraph: int = -1


#: PolNeAR's notion of attribution: speech, thoughts, findings, stances and intentions, with
#: what a cue verb governs ("wants to ...", "called for ...") as content
POLNEAR: dict[str, Any] = {
    "classes": ("speech", "belief", "evidence", "stance", "label"),
    "objects": True,
}


class QuoteStage:
    """Find quotes and their speakers. ``classes`` are the cue classes of
    ``speech_verbs.tsv`` whose clauses count as indirect quotes (speech by default; PolNeAR
    also attributes thoughts, findings and stances: ``QuoteStage(**POLNEAR)``). With
    ``objects``, a cue verb without a clause gives what it governs as the content."""

    name = "quotes"
    requires = ("doc", "actors", "mentions")
    assigns = ("quotes",)

    def __init__(self, classes: tuple[str, ...] = ("speech",), objects: bool = False) -> None:
        self.classes = classes
        self.objects = objects
        self.lexicon: CueLexicon | None = None
        self.knowledge: Knowledge | None = None
        #: words that may stay lower case inside a title ("War and Peace")
        self.title_small: frozenset[str] = frozenset()
        #: nouns that name one person, besides the person roles of the knowledge tables
        self.person_nouns: frozenset[str] = frozenset()
        #: the pronouns a speaker may be ("he said")
        self.pronouns: Pronouns | None = None

    def initialize(self, knowledge: Knowledge | None = None) -> None:
        if self.lexicon is None:
            self.lexicon = CueLexicon.load()
            words = load_word_classes("quote_words.tsv")
            self.title_small = words["title_small"]
            self.person_nouns = words["person_noun"]
            self.pronouns = Pronouns.load("speaker")
        if knowledge is not None:
            self.knowledge = knowledge

    def _is_person_noun(self, lemma: str) -> bool:
        if lemma in self.person_nouns:
            return True
        role = self.knowledge.role(lemma) if self.knowledge is not None else None
        return role is not None and role.kind == "person"

    def __call__(self, document: Document) -> Document:
        if document.doc is None:
            return document
        if self.lexicon is None:
            self.initialize()
        assert self.lexicon is not None
        quoted = find_quoted_spans(document.text)
        found = self._find(document, document.doc, self.lexicon, quoted)
        found.sort(key=lambda f: f.span)
        start = len(document.quotes)
        for number, item in enumerate(found, start=start + 1):
            document.quotes.append(self._quote(document, f"q{number}", item))
        self._add_speakers(document, document.quotes[start:], found, quoted)
        self._chain_speakers(document, document.quotes[start:], quoted)
        self._mark_media(document, document.quotes[start:], found)
        return document

    # -- finding -------------------------------------------------------------------------

    def _find(
        self, document: Document, doc: Doc, lexicon: CueLexicon, quoted: list[QuotedSpan]
    ) -> list[_Found]:
        text = document.text
        outers = [q.outer for q in quoted]
        cover = SpanCover(outers)
        sentences = SentenceIndex(doc)
        # a cue inside quotation marks is part of the quoted words, not an attribution
        cues = [c for c in find_cues(doc, lexicon, self.objects) if c.start not in cover]
        for found_cue in cues:
            if found_cue.subject is not None and found_cue.subject.idx in cover:
                # the parser took a word of the quote for the speaker ("“These we keep,” he
                # said"): the speaker is next to the cue, or unknown
                token = found_cue.token
                subject = apposed_subject(token) or inverted_subject(token, lexicon)
                if subject is not None and subject.idx in cover:
                    subject = None
                found_cue.subject = subject
        by_token = {cue.token.i: cue for cue in cues}
        saying = _saying_cues(cues)
        by_start = _CuesByStart(cues)
        allowed = (*self.classes, "label")

        direct_cue: dict[int, Cue] = {}
        indirect: list[_Found] = []
        for verb in cues:
            if verb.content is None or verb.kind not in self.classes:
                continue
            if verb.kind != "speech" and verb.subject is None:
                continue  # "assuming that ...", "knowing how ...": nobody's belief in particular
            near = cover.overlapping(verb.content) if _len(verb.content) > 0 else range(len(outers))
            whole = [
                i for i in near if _overlap(outers[i], verb.content) >= 0.8 * _len(verb.content)
            ]
            if whole:  # X said: “…”: the quote is the clause
                direct_cue.setdefault(whole[0], _as_saying(verb, saying))
                continue
            if _words_outside(text, verb.content, cover) <= 3:
                continue  # "said he was “very disappointed”": the partial quote says it all
            indirect.append(_Found("indirect", verb.content, verb))

        items: list[_Found] = []
        seen: set[Span] = set()
        for item in indirect:
            if item.span not in seen:
                seen.add(item.span)
                items.append(item)

        para_spans = paragraphs(text)
        cue: Cue | None
        for index, q in enumerate(quoted):
            direct = _is_direct(text, q)
            words = text[q.span[0] : q.span[1]]
            if direct:
                cue = direct_cue.get(index) or _direct_cue(text, q, cover, by_start, saying)
                if cue is None and len(_WORD.findall(words)) < 4 and q.continues is None:
                    continue  # a quoted name or title standing alone ("“13th,” below")
                items.append(_Found("direct", q.span, cue, q.paragraph))
                continue
            cue = direct_cue.get(index) or _governing_cue(doc, q.span, by_token, allowed)
            if cue is None:
                cue = _cue_in_sentence(sentences, q.span, by_start)
            if cue is None or (_is_title(words, self.title_small) and cue.kind != "label"):
                continue  # quoted names and titles are quotes only when a cue names them
            items.append(_Found("partial", q.span, cue, q.paragraph))
        _attribute_bare(text, items, para_spans, cues, cover)
        return items

    # -- building quotes -----------------------------------------------------------------

    def _quote(self, document: Document, quote_id: str, item: _Found) -> Quote:
        """The quote with its cue; its speaker comes from :meth:`_add_speakers`."""
        text = document.text
        return Quote(
            id=quote_id,
            kind=item.kind,
            text=text[item.span[0] : item.span[1]],
            span=item.span,
            speaker=None,
            speaker_text=None,
            cue=item.cue.span if item.cue is not None else None,
        )

    def _add_speakers(
        self,
        document: Document,
        quotes: list[Quote],
        found: list[_Found],
        quoted: list[QuotedSpan],
    ) -> None:
        """Resolve each cue's subject to a speaker, in the order the subjects appear, so that
        a pronoun can continue the speaker before it."""
        reported = [q.span for q in quotes]
        reported += [q.outer for q in quoted]
        assert self.pronouns is not None
        resolver = SpeakerResolver(document, reported, self._is_person_noun, self.pronouns)
        pending = [
            (item.cue.subject, quote)
            for item, quote in zip(found, quotes, strict=True)
            if item.cue is not None and item.cue.subject is not None
        ]
        pending.sort(key=lambda pair: pair[0].i)
        done: dict[int, tuple[str | None, str, Span]] = {}
        for subject, quote in pending:
            if subject.i not in done:
                words = speaker_tokens(subject)
                resolved = resolver.resolve(subject, words)
                done[subject.i] = (resolved.actor, resolved.words, resolved.span)
            quote.speaker, quote.speaker_text, quote.speaker_span = done[subject.i]

    def _chain_speakers(
        self, document: Document, quotes: list[Quote], quoted: list[QuotedSpan]
    ) -> None:
        """Parts of a quote running over several paragraphs share one speaker: the first part
        that has one gives it to the others."""
        if document.doc is None:
            return
        chains = _chains(quoted)
        by_span = {q.span: q for q in quotes}
        for chain in chains:
            parts = [by_span[s] for s in chain if s in by_span]
            source = next((p for p in parts if p.speaker_text is not None), None)
            if source is None:
                continue
            for part in parts:
                if part.speaker_text is None:
                    part.speaker = source.speaker
                    part.speaker_text = source.speaker_text
                    part.speaker_span = source.speaker_span
                    part.cue = source.cue

    def _mark_media(self, document: Document, quotes: list[Quote], found: list[_Found]) -> None:
        """An outlet's indirect quote that holds someone else's cue only relays it: drop it
        and mark the quotes inside as ``reported_by`` the outlet."""
        assert self.lexicon is not None
        cue_starts = sorted({f.cue.start for f in found if f.cue is not None})
        relays: list[Quote] = []
        for quote in quotes:
            if quote.kind != "indirect" or quote.speaker_text is None:
                continue
            if not is_medium(document, quote.speaker, quote.speaker_text, self.lexicon.media):
                continue
            doc = document.doc
            assert doc is not None
            inner = doc.char_span(quote.span[0], quote.span[1], alignment_mode="expand")
            has_cue = (
                inner is not None
                and any(t.lemma_.lower() in self.lexicon.verbs for t in inner)
                or bisect_left(cue_starts, quote.span[0]) < bisect_left(cue_starts, quote.span[1])
            )
            if has_cue:
                relays.append(quote)
        for relay in relays:
            quotes.remove(relay)
            document.quotes.remove(relay)
            for quote in quotes:
                if relay.span[0] <= quote.span[0] and quote.span[1] <= relay.span[1]:
                    quote.reported_by = relay.speaker
        for number, quote in enumerate(document.quotes, start=1):
            quote.id = f"q{number}"


def _chains(quoted: list[QuotedSpan]) -> list[list[Span]]:
    chains: list[list[Span]] = []
    member: dict[int, int] = {}
    for index, q in enumerate(quoted):
        if q.continues is not None and q.continues in member:
            chain = member[q.continues]
            chains[chain].append(q.span)
            member[index] = chain
        elif not q.closed or q.continues is not None:
            member[index] = len(chains)
            chains.append([q.span])
    return [c for c in chains if len(c) > 1]


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _len(span: Span) -> int:
    return span[1] - span[0]


def _words_outside(text: str, span: Span, containers: SpanCover) -> int:
    """How many words of ``span`` lie outside every container."""
    return sum(1 for m in _WORD.finditer(text, span[0], span[1]) if m.start() not in containers)


def _is_title(words: str, small: frozenset[str]) -> bool:
    """A quoted name or title: every word capitalised, bar ``small`` words, a few words long."""
    tokens = _WORD.findall(words)
    if not tokens or len(tokens) > 8:
        return False
    return all(t[0].isupper() or t[0].isdigit() or t.lower() in small for t in tokens) and (
        tokens[0][0].isupper() or tokens[0][0].isdigit()
    )


def _is_direct(text: str, q: QuotedSpan) -> bool:
    """A quoted sentence or clause: it opens where a sentence or clause opens (paragraph
    start, after end punctuation, a colon or a comma) with a capital, and it is more than a
    name (several words, or its own end punctuation)."""
    at = q.outer[0] - 1
    while at >= 0 and text[at] in " \t":
        at -= 1
    previous = text[at] if at >= 0 else "\n"
    words = text[q.span[0] : q.span[1]]
    first = words.lstrip("…. ")[:1]
    opens_clause = previous in "\n.!?:;,—–-(" or previous in "”’\"'"
    if not opens_clause or not (first.isupper() or first.isdigit() or words.startswith("…")):
        return False
    count = len(_WORD.findall(words))
    return count >= 4 or words.rstrip()[-1:] in ".!?,"


def _saying_cues(cues: list[Cue]) -> dict[int, Cue]:
    """For each cue verb, the first cue with a subject in its "as saying" phrase ("reported
    X as saying"), by the verb's token."""
    saying: dict[int, Cue] = {}
    for c in cues:
        if c.token.dep_ == "pcomp" and c.subject is not None:
            saying.setdefault(c.token.head.head.i, c)
    return saying


def _as_saying(cue: Cue, saying: dict[int, Cue]) -> Cue:
    """ "“…,” the agency reported X as saying": the words are X's, their cue "saying"."""
    return saying.get(cue.token.i, cue)


class _CuesByStart:
    """The cues of an article, looked up by where they start."""

    def __init__(self, cues: list[Cue]) -> None:
        self.order = sorted(range(len(cues)), key=lambda i: cues[i].start)
        self.cues = cues
        self.starts = [cues[i].start for i in self.order]
        self.longest = max((c.span[1] - c.start for c in cues), default=0)

    def between(self, low: int, high: int) -> list[Cue]:
        """The cues that start at or after ``low`` and before ``high``, in the cues' order."""
        chosen = self.order[bisect_left(self.starts, low) : bisect_left(self.starts, high)]
        return [self.cues[i] for i in sorted(chosen)]


def _direct_cue(
    text: str, q: QuotedSpan, marks: SpanCover, cues: _CuesByStart, saying: dict[int, Cue]
) -> Cue | None:
    """The cue right after the closing mark, else right before the opening one; never past
    another quote's opening mark, a line break or the end of a sentence."""
    close, open_ = q.outer[1], q.outer[0]
    after = [
        c
        for c in cues.between(close, close + _AFTER_WINDOW + 1)
        if c.kind in ("speech", "label")
        and "\n" not in text[close : c.start]
        and not marks.starts_within(close, c.start)
        and not re.search(r"[.!?]\s", text[close : c.start])
    ]
    if after:
        return _as_saying(min(after, key=lambda c: c.start), saying)
    before = [
        c
        for c in cues.between(open_ - _BEFORE_WINDOW - cues.longest, open_ + 1)
        if c.kind == "speech"
        and open_ - _BEFORE_WINDOW <= c.span[1] <= open_
        and "\n" not in text[c.span[1] : open_]
        and not marks.starts_within(c.span[1], open_)
        and not re.search(r"[.!?]\s", text[c.span[1] : open_])
    ]
    if before:
        return max(before, key=lambda c: c.start)
    return None


def _attribute_bare(
    text: str,
    items: list[_Found],
    para_spans: list[Span],
    cues: list[Cue],
    outers: SpanCover,
) -> None:
    """A direct quote with no cue of its own takes the attribution of the quote before it
    in its paragraph, else the nearest cue of its paragraph (after it, then before it),
    else the cue that ends the paragraph before ("X said:"); a paragraph that is nothing
    but a quote continues the direct quote that ends the paragraph before it."""
    directs = sorted((f for f in items if f.kind == "direct"), key=lambda f: f.span)
    free_cues = _CuesByStart(
        [c for c in cues if c.kind == "speech" and c.subject is not None and c.start not in outers]
    )
    last_with_cue: dict[int, _Found] = {}  # paragraph -> its last direct quote with a cue
    last_direct: dict[int, _Found] = {}  # paragraph -> its last direct quote
    for item in directs:
        _attribute_one(text, item, para_spans, free_cues, last_with_cue, last_direct)
        if item.cue is not None:
            last_with_cue[item.paragraph] = item
        last_direct[item.paragraph] = item


def _attribute_one(
    text: str,
    item: _Found,
    para_spans: list[Span],
    free_cues: _CuesByStart,
    last_with_cue: dict[int, _Found],
    last_direct: dict[int, _Found],
) -> None:
    if item.cue is not None:
        return
    p_start, p_end = para_spans[item.paragraph]
    earlier = last_with_cue.get(item.paragraph)
    if earlier is not None:
        item.cue = earlier.cue
        return
    following = free_cues.between(max(p_start, item.span[1]), p_end)
    preceding = free_cues.between(p_start, min(p_end, item.span[0]))
    if following:
        item.cue = following[0]
    elif preceding:
        item.cue = preceding[-1]
    elif item.paragraph > 0:
        prev_start, prev_end = para_spans[item.paragraph - 1]
        previous = free_cues.between(prev_start, prev_end)
        if previous and _ends_with_colon(text, previous[-1], prev_end):
            item.cue = previous[-1]
            return
        before = last_direct.get(item.paragraph - 1)
        if (
            before is not None
            and before.cue is not None
            and _only_quote(text, para_spans[item.paragraph], item.span)
            and _ends_paragraph(text, before, prev_end)
        ):
            item.cue = before.cue


def _governing_cue(
    doc: Doc, span: Span, by_token: dict[int, Cue], kinds: tuple[str, ...]
) -> Cue | None:
    """The nearest cue of one of ``kinds`` above the quoted words in the parse ("called the
    talks “useful”"); a cue of another class ("showing “respect”") is passed over."""
    words = doc.char_span(span[0], span[1], alignment_mode="expand")
    if words is None or len(words) == 0:
        return None
    token: Token = words.root
    for _ in range(12):
        cue = by_token.get(token.i)
        if cue is not None and cue.kind in kinds and not (span[0] <= token.idx < span[1]):
            return cue
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _cue_in_sentence(sentences: SentenceIndex, span: Span, cues: _CuesByStart) -> Cue | None:
    """A speech cue with a subject in the quoted words' sentence (the cues are those outside
    any quote)."""
    bounds = sentences.chars_at(span[0])
    if bounds is None:
        return None
    s_start, s_end = bounds
    candidates = [
        c
        for c in cues.between(s_start, s_end)
        if c.kind in ("speech", "label") and c.subject is not None
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda c: abs(c.start - span[0]))


def _only_quote(text: str, paragraph: Span, span: Span) -> bool:
    """Whether the paragraph holds nothing but the quoted words and their marks."""
    outside = text[paragraph[0] : span[0]] + text[span[1] : paragraph[1]]
    return len(_WORD.findall(outside)) == 0


def _ends_paragraph(text: str, item: _Found, paragraph_end: int) -> bool:
    """Whether a quote with its attribution ends its paragraph (“…,” he added.)."""
    assert item.cue is not None
    last = max(item.span[1], item.cue.span[1])
    if item.cue.subject is not None:
        last = max(last, item.cue.subject.idx + len(item.cue.subject.text))
    tail = text[last:paragraph_end]
    return len(_WORD.findall(tail)) <= 6 and "“" not in tail and '"' not in tail


def _ends_with_colon(text: str, cue: Cue, paragraph_end: int) -> bool:
    return text[cue.span[1] : paragraph_end].rstrip().endswith(":")
