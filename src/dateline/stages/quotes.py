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

from ..document import Document, Quote, Span
from ..spancover import SpanCover
from .quoting.cues import (
    Cue,
    CueLexicon,
    apposed_subject,
    find_cues,
    inverted_subject,
    speaker_tokens,
)
from .quoting.marks import QuotedSpan, find_quoted_spans, paragraphs
from .quoting.sentences import SentenceIndex
from .quoting.speakers import PERSON_NOUNS, SpeakerResolver, is_medium

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..knowledge import Knowledge

_WORD = re.compile(r"\w+")
#: words that may stay lower case inside a title ("Operation Iron Shield", "War and Peace")
_TITLE_SMALL = {"of", "the", "and", "a", "an", "in", "on", "for", "to", "at", "by", "de", "or"}
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

    def initialize(self, knowledge: Knowledge | None = None) -> None:
        if self.lexicon is None:
            self.lexicon = CueLexicon.load()
        if knowledge is not None:
            self.knowledge = knowledge

    def _is_person_noun(self, lemma: str) -> bool:
        if lemma in PERSON_NOUNS:
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
        in_quotes = SpanCover(outers)
        sentences = SentenceIndex(doc)
        # a cue inside quotation marks is part of the quoted words, not an attribution
        cues = [c for c in find_cues(doc, lexicon, self.objects) if c.start not in in_quotes]
        for found_cue in cues:
            if found_cue.subject is not None and found_cue.subject.idx in in_quotes:
                # the parser took a word of the quote for the speaker ("“These we keep,” he
                # said"): the speaker is next to the cue, or unknown
                token = found_cue.token
                subject = apposed_subject(token) or inverted_subject(token)
                if subject is not None and subject.idx in in_quotes:
                    subject = None
                found_cue.subject = subject
        by_token = {cue.token.i: cue for cue in cues}
        allowed = (*self.classes, "label")

        direct_cue: dict[int, Cue] = {}
        indirect: list[_Found] = []
        for verb in cues:
            if verb.content is None or verb.kind not in self.classes:
                continue
            if verb.kind != "speech" and verb.subject is None:
                continue  # "assuming that ...", "knowing how ...": nobody's belief in particular
            whole = [
                i
                for i, o in enumerate(outers)
                if _overlap(o, verb.content) >= 0.8 * _len(verb.content)
            ]
            if whole:  # X said: “…”: the quote is the clause
                direct_cue.setdefault(whole[0], _as_saying(verb, cues))
                continue
            if _words_outside(text, verb.content, in_quotes) <= 3:
                continue  # "said he was “very disappointed”": the partial quote says it all
            indirect.append(_Found("indirect", verb.content, verb))

        items: list[_Found] = []
        seen: set[Span] = set()
        for item in indirect:
            if item.span not in seen:
                seen.add(item.span)
                items.append(item)

        para_spans = paragraphs(text)
        by_start = _ByStart(cues)
        mark_starts = sorted(o[0] for o in outers)
        cue: Cue | None
        for index, q in enumerate(quoted):
            direct = _is_direct(text, q)
            words = text[q.span[0] : q.span[1]]
            if direct:
                cue = direct_cue.get(index) or self._direct_cue(text, q, mark_starts, by_start)
                if cue is None and len(_WORD.findall(words)) < 4 and q.continues is None:
                    continue  # a quoted name or title standing alone ("“13th,” below")
                items.append(_Found("direct", q.span, cue, q.paragraph))
                continue
            cue = direct_cue.get(index) or _governing_cue(doc, q.span, by_token, allowed)
            if cue is None:
                cue = _cue_in_sentence(sentences, q.span, by_start, in_quotes)
            if cue is None or (_is_title(words) and cue.kind != "label"):
                continue  # quoted names and titles are quotes only when a cue names them
            items.append(_Found("partial", q.span, cue, q.paragraph))
        self._attribute_bare(text, items, para_spans, cues, in_quotes)
        return items

    def _direct_cue(
        self, text: str, q: QuotedSpan, mark_starts: list[int], by_start: _ByStart
    ) -> Cue | None:
        """The cue right after the closing mark, else right before the opening one."""
        close, open_ = q.outer[1], q.outer[0]
        after = [
            c
            for c in by_start.between(close, close + _AFTER_WINDOW + 1)
            if c.kind in ("speech", "label")
            and "\n" not in text[close : c.start]
            and not _any_between(mark_starts, close, c.start)
            and not re.search(r"[.!?]\s", text[close : c.start])
        ]
        if after:
            return _as_saying(min(after, key=lambda c: c.start), by_start.cues)
        # a cue ending in [open_ - window, open_] starts at most its longest length earlier
        before = [
            c
            for c in by_start.between(open_ - _BEFORE_WINDOW - by_start.longest, open_ + 1)
            if c.kind == "speech"
            and open_ - _BEFORE_WINDOW <= c.span[1] <= open_
            and "\n" not in text[c.span[1] : open_]
            and not _any_between(mark_starts, c.span[1], open_)
            and not re.search(r"[.!?]\s", text[c.span[1] : open_])
        ]
        if before:
            return max(before, key=lambda c: c.start)
        return None

    def _attribute_bare(
        self,
        text: str,
        items: list[_Found],
        para_spans: list[Span],
        cues: list[Cue],
        in_quotes: SpanCover,
    ) -> None:
        """A direct quote with no cue of its own takes the attribution of the quote before it
        in its paragraph, else the nearest cue of its paragraph (after it, then before it),
        else the cue that ends the paragraph before ("X said:"); a paragraph that is nothing
        but a quote continues the direct quote that ends the paragraph before it."""
        directs = sorted((f for f in items if f.kind == "direct"), key=lambda f: f.span)
        free_cues = _ByStart(
            [
                c
                for c in cues
                if c.kind == "speech" and c.subject is not None and c.start not in in_quotes
            ]
        )
        for number, item in enumerate(directs):
            if item.cue is not None:
                continue
            p_start, p_end = para_spans[item.paragraph]
            earlier = [
                d for d in directs[:number] if d.paragraph == item.paragraph and d.cue is not None
            ]
            if earlier:
                item.cue = earlier[-1].cue
                continue
            in_paragraph = free_cues.between(p_start, p_end)
            following = [c for c in in_paragraph if c.start >= item.span[1]]
            preceding = [c for c in in_paragraph if c.start < item.span[0]]
            if following:
                item.cue = following[0]
            elif preceding:
                item.cue = preceding[-1]
            elif item.paragraph > 0:
                prev_start, prev_end = para_spans[item.paragraph - 1]
                previous = free_cues.between(prev_start, prev_end)
                if previous and _ends_with_colon(text, previous[-1], prev_end):
                    item.cue = previous[-1]
                    continue
                before = [d for d in directs[:number] if d.paragraph == item.paragraph - 1]
                if (
                    before
                    and before[-1].cue is not None
                    and _only_quote(text, para_spans[item.paragraph], item.span)
                    and _ends_paragraph(text, before[-1], prev_end)
                ):
                    item.cue = before[-1].cue

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
        resolver = SpeakerResolver(document, reported, self._is_person_noun)
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
                or any(quote.span[0] <= s < quote.span[1] for s in cue_starts)
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


def _is_title(words: str) -> bool:
    """A quoted name or title: every word capitalised, bar small words, a few words long."""
    tokens = _WORD.findall(words)
    if not tokens or len(tokens) > 8:
        return False
    return all(t[0].isupper() or t[0].isdigit() or t.lower() in _TITLE_SMALL for t in tokens) and (
        tokens[0][0].isupper() or tokens[0][0].isdigit()
    )


def _is_direct(text: str, q: QuotedSpan) -> bool:
    """A quoted sentence or clause: it opens where a sentence or clause opens (paragraph
    start, after end punctuation, a colon or a comma) with a capital, and it is more than a
    name (several words, or its own end punctuation)."""
    before = text[: q.outer[0]].rstrip(" \t")
    previous = before[-1:] if before else "\n"
    words = text[q.span[0] : q.span[1]]
    first = words.lstrip("…. ")[:1]
    opens_clause = previous in "\n.!?:;,—–-(" or previous in "”’\"'"
    if not opens_clause or not (first.isupper() or first.isdigit() or words.startswith("…")):
        return False
    count = len(_WORD.findall(words))
    return count >= 4 or words.rstrip()[-1:] in ".!?,"


def _as_saying(cue: Cue, cues: list[Cue]) -> Cue:
    """ "“…,” the agency reported X as saying": the words are X's, their cue "saying"."""
    inner = [
        c
        for c in cues
        if c.token.dep_ == "pcomp" and c.token.head.head.i == cue.token.i and c.subject is not None
    ]
    return inner[0] if inner else cue


def _any_between(starts: list[int], low: int, high: int) -> bool:
    """Some of the sorted ``starts`` lies in ``[low, high)``."""
    return bisect_left(starts, low) < bisect_left(starts, high)


class _ByStart:
    """Cues in text order, to take those that start in a stretch by bisection (a scan of
    every cue per quote grew with the square of the article's length)."""

    def __init__(self, cues: list[Cue]) -> None:
        self.cues = sorted(cues, key=lambda c: c.start)
        self.starts = [c.start for c in self.cues]
        self.longest = max((c.span[1] - c.span[0] for c in self.cues), default=0)

    def between(self, low: int, high: int) -> list[Cue]:
        """The cues with ``low <= start < high``, in text order."""
        return self.cues[bisect_left(self.starts, low) : bisect_left(self.starts, high)]


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


def _cue_in_sentence(
    sentences: SentenceIndex, span: Span, by_start: _ByStart, in_quotes: SpanCover
) -> Cue | None:
    """A speech cue with a subject in the quoted words' sentence, outside any quote."""
    bounds = sentences.chars_at(span[0])
    if bounds is None:
        return None
    s_start, s_end = bounds
    candidates = [
        c
        for c in by_start.between(s_start, s_end)
        if c.kind in ("speech", "label") and c.subject is not None and c.start not in in_quotes
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
