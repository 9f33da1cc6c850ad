"""The places stage: toponyms in the text -> :class:`~dateline.document.Place` records.

Toponyms are spaCy's GPE/LOC/FAC entities plus capitalised names that the gazetteer knows
even where spaCy calls them PERSON or ORG (it often takes "Kyiv" for a person). A toponym used
as an actor ("Kyiv said", "Washington has halted": a ``metonym`` mention of the actor stage),
a demonym ("Ukrainian") and a span that the actor stage holds for a person or an organisation
are not places. Each toponym is then geocoded in the article's context (see
:meth:`PlaceStage.geocode`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..document import Document, Place, Span
from ..errors import InvariantError
from ..knowledge.gazetteer import REGION_WORDS, Gazetteer, GeoEntry, PlaceContext, fold
from ..spancover import SpanCover

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    from ..knowledge import Knowledge

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: labels whose spans become toponyms only when the gazetteer knows them well
OTHER_LABELS = frozenset({"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})
#: a name spaCy did not call a place must be a country, region or town at least this big
MIN_POPULATION_UNLABELLED = 10_000
#: ... and at least this big where spaCy called it a person
MIN_POPULATION_PERSON = 100_000
#: pass-one picks that lead this much over the runner-up become context for the others
ANCHOR_MARGIN = 1.5
_STRIP_WORDS = {"the", "The"}


@dataclass(frozen=True, slots=True)
class Toponym:
    span: Span
    text: str
    #: the spaCy label it came from ("" for a capitalised name outside any entity)
    label: str


class PlaceStage:
    name = "places"
    requires: tuple[str, ...] = ("doc", "mentions")
    assigns: tuple[str, ...] = ("places",)

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._gazetteer = gazetteer

    def initialize(self, knowledge: Knowledge | None = None) -> None:
        if self._gazetteer is None:
            found = getattr(knowledge, "gazetteer", None)
            self._gazetteer = found if isinstance(found, Gazetteer) else Gazetteer.load()

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self.initialize()
        if self._gazetteer is None:
            raise InvariantError("PlaceStage.initialize left the stage without a gazetteer")
        return self._gazetteer

    def __call__(self, document: Document) -> Document:
        if document.doc is None:
            return document
        toponyms = self.find_toponyms(document)
        places = self.geocode(document, toponyms)
        document.places.extend(places)
        document.places.sort(key=lambda place: place.span)
        return document

    # -- detection --------------------------------------------------------------------------

    def find_toponyms(self, document: Document) -> list[Toponym]:
        doc = document.doc
        if doc is None:
            return []
        blocked = SpanCover(_blocked_spans(document))
        # words of full personal names ("Abraham Lincoln"): alone, they are that person
        person_words = {
            token.text
            for ent in doc.ents
            if ent.label_ == "PERSON" and len(ent) > 1
            for token in ent
        }
        found: dict[Span, Toponym] = {}
        covered: set[int] = set()
        for ent in doc.ents:
            covered.update(range(ent.start, ent.end))
            toponym = self._from_entity(ent)
            if toponym is not None:
                found[toponym.span] = toponym
        for toponym in self._from_capitalised(doc, covered):
            found.setdefault(toponym.span, toponym)
        kept = [
            t
            for t in found.values()
            if not blocked.overlaps(t.span)
            and (t.label in PLACE_LABELS or t.text not in person_words)
        ]
        return sorted(kept, key=lambda t: t.span)

    def _from_entity(self, ent: SpacySpan) -> Toponym | None:
        label = ent.label_
        if label not in PLACE_LABELS and label not in OTHER_LABELS:
            return None
        tokens = list(ent)
        while tokens and (tokens[0].text in _STRIP_WORDS or tokens[0].is_punct):
            tokens = tokens[1:]
        while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].is_punct):
            tokens = tokens[:-1]
        if not tokens:
            return None
        if all(t.tag_ in ("JJ", "NNPS") and t.ent_type_ == "NORP" for t in tokens):
            return None
        doc = ent.doc
        end_i = tokens[-1].i + 1
        # "Kherson region", "Donetsk oblast": keep the region word with the name
        if end_i < len(doc) and doc[end_i].lower_ in REGION_WORDS:
            end_i += 1
        span = doc[tokens[0].i : end_i]
        text = span.text
        if not text[:1].isupper():
            return None
        if label in PLACE_LABELS:
            return Toponym((span.start_char, span.end_char), text, label)
        if not all(t.tag_ in ("NNP", "NNPS") or not t.is_alpha for t in tokens):
            return None
        threshold = MIN_POPULATION_PERSON if label == "PERSON" else MIN_POPULATION_UNLABELLED
        if self._notable(text, threshold):
            return Toponym((span.start_char, span.end_char), text, label)
        return None

    def _from_capitalised(self, doc: Doc, covered: set[int]) -> list[Toponym]:
        """Runs of proper-noun tokens outside any entity that name a notable place."""
        found: list[Toponym] = []
        run: list[Any] = []
        for token in [*doc, None]:
            if (
                token is not None
                and token.i not in covered
                and token.tag_ == "NNP"
                and token.text[:1].isupper()
                and token.is_alpha
            ):
                run.append(token)
                continue
            if run and not (len(run) == 1 and run[0].is_sent_start):
                span = doc[run[0].i : run[-1].i + 1]
                # one capitalised word alone ("Police", "March") must be a big place
                threshold = MIN_POPULATION_PERSON if len(run) == 1 else MIN_POPULATION_UNLABELLED
                if self._notable(span.text, threshold):
                    found.append(Toponym((span.start_char, span.end_char), span.text, ""))
            run = []
        return found

    def _notable(self, text: str, population: int = MIN_POPULATION_UNLABELLED) -> bool:
        """Whether a name spaCy did not call a place is one anyway: the own name of a country,
        a region or a town of ``population`` (GeoNames' alternate names include codes and
        old spellings that collide with acronyms and surnames)."""
        letters = text.replace(".", "").replace(" ", "")
        acronym = letters.isupper() and len(letters) <= 4  # "UN", "U.N.", "PA": no towns
        if acronym and self.gazetteer.demonym_country(text):
            return False
        for entry, own in self.gazetteer.lookup(text)[:5]:
            if not own or (acronym and entry.feature not in ("country", "admin1")):
                continue
            if entry.feature in ("country", "admin1", "continent"):
                return True
            if entry.population >= population:
                return True
        return False

    # -- geocoding --------------------------------------------------------------------------

    def geocode(self, document: Document, toponyms: list[Toponym]) -> list[Place]:
        """Resolve toponyms in rounds. First each name alone, with the countries that the
        article's demonyms and actors name: confident picks (countries, regions, clear
        winners, and "X, Y" read as X inside Y) become the context. Then every name in the
        context of the others, twice, the second time with all first answers as context. A
        name is never its own context, and keeps one sense in an article."""
        gazetteer = self.gazetteer
        base = _article_countries(document, gazetteer)
        first = PlaceContext(countries=base)
        anchors: dict[str, GeoEntry] = {}
        for name in {fold(t.text) for t in toponyms}:
            ranked = gazetteer.rank(name, first)
            if not ranked:
                continue
            top_score, top = ranked[0]
            margin = top_score - ranked[1][0] if len(ranked) > 1 else 99.0
            if margin >= ANCHOR_MARGIN or (
                top.feature in ("country", "admin1", "continent") and margin >= 1.0
            ):
                anchors[name] = top
        containers: dict[Span, GeoEntry] = {}
        by_start = {t.span[0]: t for t in toponyms}
        for toponym in toponyms:
            container = self._container(document.text, toponym, by_start, first)
            if container is not None:
                containers[toponym.span] = container
                context = PlaceContext(countries=base, container=container)
                entry = gazetteer.resolve(toponym.text, context)
                if entry is not None:
                    anchors[fold(toponym.text)] = entry

        names = {fold(t.text): t.text for t in toponyms}
        resolved: dict[str, GeoEntry | None] = {}
        for _ in range(2):
            known = {**anchors, **{k: v for k, v in resolved.items() if v is not None}}
            resolved = {
                key: gazetteer.resolve(text, _context_without(known, key, base))
                for key, text in names.items()
            }
        places: list[Place] = []
        for toponym in toponyms:
            key = fold(toponym.text)
            entry = resolved.get(key)
            if toponym.span in containers:
                context = _context_without(resolved, key, base)
                context.container = containers[toponym.span]
                entry = gazetteer.resolve(toponym.text, context)
            if entry is None and toponym.label not in PLACE_LABELS:
                continue
            places.append(_place(toponym, entry))
        return places

    def _container(
        self, text: str, toponym: Toponym, by_start: dict[int, Toponym], context: PlaceContext
    ) -> GeoEntry | None:
        """In "Alexandria, La." or "Paris, Texas" the second name contains the first."""
        end = toponym.span[1]
        if not text.startswith(", ", end):
            return None
        following = by_start.get(end + 2)
        if following is None:
            return None
        entry = self.gazetteer.resolve(following.text, context)
        if entry is not None and entry.feature in ("country", "admin1"):
            return entry
        return None


def _context_without(
    known: Mapping[str, GeoEntry | None], key: str, countries: dict[str, float]
) -> PlaceContext:
    others = [entry for name, entry in known.items() if name != key and entry is not None]
    return PlaceContext.from_entries(others, countries)


def _place(toponym: Toponym, entry: GeoEntry | None) -> Place:
    if entry is None:
        return Place(toponym.text, None, None, None, None, toponym.span)
    return Place(
        toponym.text,
        entry.country or None,
        entry.lat,
        entry.lon,
        entry.geonames_id,
        toponym.span,
    )


def _blocked_spans(document: Document) -> list[Span]:
    """Spans that are actors, not places: metonyms, and the names of people and organisations."""
    blocked = [m.span for m in document.mentions if m.how == "metonym"]
    for actor in document.actors:
        if actor.kind in ("person", "organisation"):
            blocked.extend(actor.mentions)
    return blocked


def _article_countries(document: Document, gazetteer: Gazetteer) -> dict[str, float]:
    """Countries the article names through demonyms ("Ukrainian forces") and its actors."""
    weights: dict[str, float] = {}
    if document.doc is not None:
        for ent in document.doc.ents:
            if ent.label_ == "NORP":
                alpha3 = gazetteer.demonym_country(ent.text)
                if alpha3:
                    weights[alpha3] = weights.get(alpha3, 0.0) + 0.5
    for actor in document.actors:
        if actor.country and len(actor.country) == 3 and actor.country != "IGO":
            weights[actor.country] = weights.get(actor.country, 0.0) + 0.5
    return weights


def geocode_spans(
    document: Document, spans: list[Span], stage: PlaceStage | None = None
) -> list[Place]:
    """Geocode given toponym spans (gold ones, say) with the article as context: the geocoder
    alone, without detection."""
    stage = stage or PlaceStage()
    toponyms = [Toponym(span, document.text[span[0] : span[1]], "GPE") for span in spans]
    return stage.geocode(document, sorted(toponyms, key=lambda t: t.span))
