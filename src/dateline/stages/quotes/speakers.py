"""Turn a speaker's words into an actor id: through the actor stage's mentions first, then
through pronouns and descriptions ("he", "they", "the spokesperson") to an earlier actor.

:class:`SpeakerResolver` holds what one article's speakers need: the mentions outside quoted
or reported words (a name inside someone's words is never the antecedent of the next
speaker's "he"), and the speakers already found, so that "he added" continues the last
speaker rather than the last person named.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...document import Actor, Document, Mention, Span
from ...spancover import SpanCover
from ..actors.coreference import MentionOrder, Pronouns, find_antecedent, mention_root

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECTS = ("nsubj", "nsubjpass")
#: a determiner that refers back to someone named before ("the spokesperson")
ANAPHORIC = ("the", "that", "this")
#: entity labels that name places or bodies, never a person
NOT_PERSON_ENTS = ("GPE", "ORG", "NORP", "LOC", "FAC")
#: prepositions that extend a description ("a spokesperson for the Legion")
POST_MODIFIERS = ("for", "of", "in", "at", "from", "to", "with", "on")


@dataclass(slots=True)
class Resolved:
    """A speaker: the actor (if any) and the words that name it."""

    actor: str | None
    words: str
    span: Span
    #: person | group | unknown: what a later pronoun may refer back to it with
    kind: str


class SpeakerResolver:
    """Resolve the speakers of one article, in text order of their words."""

    def __init__(
        self,
        document: Document,
        reported: list[Span],
        is_person_noun: Callable[[str], bool],
        pronouns: Pronouns,
    ) -> None:
        self.document = document
        self.text = document.text
        self.is_person_noun = is_person_noun
        self.pronouns = pronouns
        cover = SpanCover(reported)
        self.order = MentionOrder(
            m for m in document.mentions if m.how != "pronoun" and m.span[0] not in cover
        )
        self.mentions = self.order.mentions
        self.mention_at = _MentionLookup(document.mentions)
        self.actors: dict[str, Actor] = {}
        for actor in document.actors:
            self.actors.setdefault(actor.id, actor)
        self.earlier: list[Resolved] = []
        #: kind -> (start, number in ``earlier``) of the speakers of that kind, in order
        self._said: dict[str, list[tuple[int, int]]] = {}
        #: actor id -> its descriptions, in the order of the document's mentions
        self._descriptions: dict[str, list[Mention]] = {}
        for mention in document.mentions:
            if mention.how == "description":
                self._descriptions.setdefault(mention.actor_id, []).append(mention)
        self._apposed: dict[int, Mention | None] = {}  # id of a description -> its name
        #: a noun of "the spokesperson" -> the mentions whose actor was called by it, and
        #: where they start (see ``_mentions_with_word``)
        self._word_mentions: dict[str, list[Mention]] = {}
        self._word_mention_starts: dict[str, list[int]] = {}
        self._actor_words: dict[str, set[str]] = {}
        starts = [m.span[0] for m in document.mentions]
        self._mentions_sorted = all(a <= b for a, b in zip(starts, starts[1:], strict=False))
        #: actor id -> its descriptions that have a name in apposition, with that name
        self._named_descriptions: dict[str, list[tuple[Mention, Mention]]] = {}
        #: last words of the people the parser's entity recogniser saw, with where they end
        self.surnames: dict[str, int] = {}
        if document.doc is not None:
            for ent in document.doc.ents:
                if ent.label_ == "PERSON" and len(ent) > 1:
                    self.surnames.setdefault(ent[-1].text, ent.end)

    # -- the entry point ---------------------------------------------------------------

    def resolve(self, head: Token, words: list[Token]) -> Resolved:
        """The speaker whose words are ``words`` (``head``: their head word)."""
        span = (words[0].idx, words[-1].idx + len(words[-1].text))
        text = self.text[span[0] : span[1]]
        refers_to = self.pronouns.refers_to(text.lower())
        if refers_to is not None:
            found = self._antecedent(span, refers_to)
            if found is None:
                mention = self.mention_at(*span)
                actor = mention.actor_id if mention is not None else None
                found = Resolved(actor, text, span, self._actor_kind(actor))
            result = Resolved(found.actor, text if found.actor else found.words, span, found.kind)
        else:
            result = self._named(head, words, span, text)
        insort(self._said.setdefault(result.kind, []), (result.span[0], len(self.earlier)))
        self.earlier.append(result)
        return result

    # -- names and descriptions ---------------------------------------------------------

    def _named(self, head: Token, words: list[Token], span: Span, text: str) -> Resolved:
        kind = self._token_kind(head)
        head_span = (head.idx, head.idx + len(head.text))
        mention = self.mention_at(*head_span)
        if mention is None and head.pos_ == "PROPN":
            mention = self._by_surname(head)
        if mention is None:
            # a mention of a modifier ("Ukraine's military command", "a Russian military
            # account") is not the speaker; an appositive name may be ("the US ambassador
            # to Rome, Anne Dupont")
            named = self._appositive_name(head)
            if named is not None:
                return Resolved(named.actor_id, text, span, "person")
            unknown = self._unknown_appositive_name(head)
            if unknown is not None:
                return Resolved(None, unknown, span, "person")
            earlier = self._description(text, span)
            return Resolved(earlier, text, span, self._actor_kind(earlier) if earlier else kind)
        actor = self._actor(mention.actor_id)
        if mention.how == "description":
            named = self._appositive_name(head) or self._apposed_to(mention)
            if named is None and text.lower().split()[0] in ANAPHORIC:
                named = self._named_earlier(mention)
            if named is not None:
                return Resolved(named.actor_id, text, span, "person")
            unknown = self._unknown_appositive_name(head)
            if unknown is not None:
                return Resolved(None, unknown, span, "person")
            if actor is not None and actor.country is None and _extends(text, span, mention):
                # "a spokesperson for the Legion" is more than the actor "a spokesperson"
                return Resolved(None, text, span, kind)
        return Resolved(mention.actor_id, text, span, self._actor_kind(mention.actor_id))

    def _description(self, text: str, span: Span) -> str | None:
        """ "the spokesperson", "the governor": the last actor named with that noun."""
        words = text.lower().split()
        if not words or words[0] not in ANAPHORIC or len(words) > 3:
            return None
        noun = words[-1]
        mentions = self._mentions_with_word(noun)
        # the mentions are in text order, so none from the first one starting after the
        # description on can end before it
        number = bisect_right(self._word_mention_starts[noun], span[0])
        for mention in reversed(mentions[:number] if self._mentions_sorted else mentions):
            if mention.span[1] > span[0]:
                continue
            if mention.how == "description":
                named = self._apposed_to(mention)
                if named is not None:
                    return named.actor_id
            return mention.actor_id
        return None

    def _mentions_with_word(self, noun: str) -> list[Mention]:
        """The mentions of actors that have ``noun`` as a word of the mention or of any of
        the actor's mentions, in the document's order; found once per noun (looking back over
        every mention and every mention of its actor per quote grew with the cube of the
        length)."""
        found = self._word_mentions.get(noun)
        if found is None:
            found = []
            for mention in self.document.mentions:
                actor = self._actor(mention.actor_id)
                if actor is None:
                    continue
                if noun in mention.text.lower().split() or noun in self._words_of(actor):
                    found.append(mention)
            self._word_mentions[noun] = found
            self._word_mention_starts[noun] = [m.span[0] for m in found]
        return found

    def _words_of(self, actor: Actor) -> set[str]:
        """The lower-cased words of all the actor's mentions."""
        words = self._actor_words.get(actor.id)
        if words is None:
            words = set()
            for start, end in actor.mentions:
                words.update(self.text[start:end].lower().split())
            self._actor_words[actor.id] = words
        return words

    def _named_earlier(self, description: Mention) -> Mention | None:
        """For "the governor": the person named in apposition to an earlier mention of the
        same description actor ("Ana Lopez, the regional governor")."""
        actor_id = description.actor_id
        if actor_id not in self._named_descriptions:
            named_ones = []
            for mention in self._descriptions.get(actor_id, []):
                named = self._apposed_to(mention)
                if named is not None:
                    named_ones.append((mention, named))
            self._named_descriptions[actor_id] = named_ones
        for mention, named in reversed(self._named_descriptions[actor_id]):
            if mention.span[1] <= description.span[0]:
                return named
        return None

    def _apposed_to(self, description: Mention) -> Mention | None:
        """The person named in apposition to a description ("Ana Lopez, the governor of the
        province," / "the governor of the province, Ana Lopez,"), found once per mention."""
        key = id(description)
        if key not in self._apposed:
            self._apposed[key] = self._find_apposed_to(description)
        return self._apposed[key]

    def _find_apposed_to(self, description: Mention) -> Mention | None:
        doc = self.document.doc
        if doc is None:
            return None
        words = doc.char_span(*description.span, alignment_mode="expand")
        if words is None or len(words) == 0:
            return None
        root = words.root
        if root.dep_ == "appos":
            named = self._person_name(root.head)
            if named is not None:
                return named
        return self._appositive_name(root)

    def _appositive_name(self, head: Token) -> Mention | None:
        """A person's name in apposition to ``head``, unless a nearer person noun holds it
        ("an adviser to the president, Jane Doe": Jane Doe is the president)."""
        for token in head.subtree:
            if token.dep_ != "appos" or token.i == head.i:
                continue
            named = self._person_name(token)
            if named is None:
                continue
            step = token.head
            while step.i != head.i and step.head.i != step.i:
                if self._token_kind(step) == "person":
                    break
                step = step.head
            else:
                if step.i == head.i:
                    return named
        return None

    def _unknown_appositive_name(self, head: Token) -> str | None:
        """A person's name in apposition that the actor stage did not take for an actor
        ("the US ambassador to Rome, Anne Dupont"): its words. The name is looked for in
        the stretch after the head, up to the next verb, since the parser often hangs it on
        the place ("Kyiv") or hangs "to Kyiv" on the verb."""
        if self._token_kind(head) != "person":
            return None
        doc = head.doc
        for token in doc[head.i + 1 : min(len(doc), head.i + 14)]:
            if token.pos_ in ("VERB", "AUX") or token.text in (".", ";", "!", "?", "“", "”"):
                return None
            if token.dep_ != "appos" or token.pos_ != "PROPN":
                continue
            if token.ent_type_ not in ("PERSON", ""):
                continue
            if self.mention_at(token.idx, token.idx + len(token.text)) is not None:
                continue
            names = [t for t in token.lefts if t.dep_ in ("compound", "flat")] + [token]
            if names[0].i == 0 or doc[names[0].i - 1].text != ",":
                continue
            return self.text[names[0].idx : token.idx + len(token.text)]
        return None

    def _by_surname(self, head: Token) -> Mention | None:
        """A surname alone ("Jenrick said") that the actor stage left out: the person named
        in full before ("Robert Jenrick")."""
        for mention in self.order.before(head.idx):
            parts = mention.text.split()
            if (
                len(parts) > 1
                and parts[-1] == head.text
                and mention.how == "name"
                and self._actor_kind(mention.actor_id) == "person"
            ):
                return mention
        return None

    def _person_name(self, token: Token) -> Mention | None:
        mention = self.mention_at(token.idx, token.idx + len(token.text))
        if mention is None or mention.how != "name":
            return None
        actor = self._actor(mention.actor_id)
        return mention if actor is not None and actor.kind == "person" else None

    # -- pronouns -----------------------------------------------------------------------

    def _antecedent(self, span: Span, wanted: str) -> Resolved | None:
        """What the pronoun stands for: the latest earlier speaker or subject (outside quoted
        words) that agrees with it (a person for he/she, anything else for it/they/we), else
        the latest agreeing mention in any role. Demonyms ("Americans") are left out."""
        # the agreeing speaker that starts last before the pronoun (the later one on a tie)
        said = self._said.get("person" if wanted == "person" else "group", [])
        index = bisect_left(said, (span[0], -1)) - 1
        best = self.earlier[said[index][1]] if index >= 0 else None
        candidates = (
            m
            for m in _after(self.order.before(span[0]), best.span[0] if best else None)
            if m.span[1] <= span[0]
            and m.how != "demonym"
            and _agrees(self._actor_kind(m.actor_id), wanted)
        )
        found = find_antecedent(candidates, self._is_subject)
        if found.subject is not None:
            return self._as_resolved(found.subject)
        if best is not None or found.nearest is None:
            return best
        return self._as_resolved(found.nearest)

    def _as_resolved(self, mention: Mention) -> Resolved:
        """An antecedent mention as a speaker: a description by the name apposed to it."""
        kind = self._actor_kind(mention.actor_id)
        if mention.how == "description":
            mention = self._apposed_to(mention) or mention
        return Resolved(mention.actor_id, mention.text, mention.span, kind)

    def _is_subject(self, mention: Mention) -> bool:
        doc = self.document.doc
        if doc is None:
            return False
        token = mention_root(doc, mention.span)
        if token is None:
            return False
        while token.dep_ in ("appos", "compound", "conj") and token.head.i != token.i:
            token = token.head
        return token.dep_ in SUBJECTS

    def _actor(self, actor_id: str | None) -> Actor | None:
        return None if actor_id is None else self.actors.get(actor_id)

    def _actor_kind(self, actor_id: str | None) -> str:
        actor = self._actor(actor_id)
        if actor is None:
            return "unknown"
        return "person" if actor.kind == "person" else "group"

    def _token_kind(self, token: Token) -> str:
        mention = self.mention_at(token.idx, token.idx + len(token.text))
        if mention is not None:
            return self._actor_kind(mention.actor_id)
        if token.pos_ == "PROPN":
            if (
                token.ent_type_ == "PERSON"
                or self.surnames.get(token.text, len(token.doc)) <= token.i
                or self._by_surname(token) is not None
            ):
                return "person"
            return "group" if token.ent_type_ in NOT_PERSON_ENTS else "person"
        if token.pos_ == "NOUN":
            if token.tag_ in ("NNS", "NNPS"):
                return "group"
            return "person" if self.is_person_noun(token.lemma_.lower()) else "group"
        return "unknown"


class _MentionLookup:
    """The mention that best covers some characters (the largest overlap; the first mention
    on a tie), found by bisection instead of a scan of every mention."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.order = sorted(range(len(mentions)), key=lambda i: mentions[i].span[0])
        self.starts = [mentions[i].span[0] for i in self.order]
        self.reach: list[int] = []
        furthest = -1
        for i in self.order:
            furthest = max(furthest, mentions[i].span[1])
            self.reach.append(furthest)

    def __call__(self, start: int, end: int) -> Mention | None:
        best: tuple[int, int] | None = None  # (-overlap, index in mentions)
        index = bisect_left(self.starts, end) - 1
        while index >= 0 and self.reach[index] > start:
            number = self.order[index]
            span = self.mentions[number].span
            overlap = min(end, span[1]) - max(start, span[0])
            if overlap > 0 and (best is None or (-overlap, number) < best):
                best = (-overlap, number)
            index -= 1
        return None if best is None else self.mentions[best[1]]


def _after(nearest_first: Iterator[Mention], start: int | None) -> Iterator[Mention]:
    """The mentions that start after ``start`` (all of them when it is None)."""
    for mention in nearest_first:
        if start is not None and mention.span[0] <= start:
            return
        yield mention


def _agrees(kind: str, wanted: str) -> bool:
    if wanted == "person":
        return kind == "person"
    return kind == "group"


def _extends(text: str, span: Span, mention: Mention) -> bool:
    """Whether the speaker's words go on past the mention with a prepositional phrase."""
    if mention.span[1] >= span[1]:
        return False
    rest = text[mention.span[1] - span[0] :].split()
    return bool(rest) and rest[0].lower() in POST_MODIFIERS


def is_medium(document: Document, actor_id: str | None, words: str, media: frozenset[str]) -> bool:
    """Whether a speaker is a news outlet relaying someone's words."""
    actor = document.actor(actor_id)
    if actor is not None and actor.sector == "MED":
        return True
    tokens = words.lower().split()
    return bool(tokens) and tokens[-1] in media
