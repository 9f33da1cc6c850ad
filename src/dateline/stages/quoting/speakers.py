"""Turn a speaker's words into an actor id: through the actor stage's mentions first, then
through pronouns and descriptions ("he", "they", "the spokesperson") to an earlier actor."""

from __future__ import annotations

from ...document import Document, Mention, Span

PERSONAL = {"he", "she", "him", "her", "his"}
PLURAL = {"they", "them", "it", "we"}
GROUP_KINDS = ("group", "state", "organisation", "organization")
#: a determiner that refers back to someone named before ("the spokesperson")
ANAPHORIC = ("the", "that", "this")


def resolve_speaker(document: Document, span: Span, head: Span | None = None) -> str | None:
    """The actor id of the speaker whose words are ``span`` (``head``: its head word)."""
    for start, end in [s for s in (head, span) if s is not None]:
        mention = document.mention_at(start, end)
        if mention is not None:
            return mention.actor_id
    words = document.text[span[0] : span[1]].lower().split()
    if not words:
        return None
    earlier = sorted(
        (m for m in document.mentions if m.span[1] <= span[0]), key=lambda m: m.span[0]
    )
    if len(words) == 1 and words[0] in PERSONAL:
        return _latest(document, earlier, ("person",))
    if len(words) == 1 and words[0] in PLURAL:
        return _latest(document, earlier, GROUP_KINDS)
    if words[0] in ANAPHORIC and len(words) <= 3:
        noun = words[-1]
        for mention in reversed(earlier):
            actor = document.actor(mention.actor_id)
            if actor is None:
                continue
            texts = [mention.text.lower()] + [document.text[s:e].lower() for s, e in actor.mentions]
            if any(noun in text.split() for text in texts):
                return actor.id
    return None


def _latest(document: Document, earlier: list[Mention], kinds: tuple[str, ...]) -> str | None:
    for mention in reversed(earlier):
        actor = document.actor(mention.actor_id)
        if actor is not None and actor.kind in kinds:
            return actor.id
    return None


def is_medium(document: Document, actor_id: str | None, words: str, media: frozenset[str]) -> bool:
    """Whether a speaker is a news outlet relaying someone's words."""
    actor = document.actor(actor_id)
    if actor is not None and actor.sector == "MED":
        return True
    tokens = words.lower().split()
    return bool(tokens) and tokens[-1] in media
