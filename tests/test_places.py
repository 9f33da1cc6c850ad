"""Places: the gazetteer, the resolver in context and the stage. Test sentences are our own;
the floors on LGL, TR-News and GeoVirus (../shared/eval) are in tests/quality_floors.tsv."""

from __future__ import annotations

import pytest

from dateline.document import Article, Document, Mention
from dateline.knowledge.gazetteer import Gazetteer, PlaceContext, distance_km, fold


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def test_fold_ignores_case_accents_and_abbreviations() -> None:
    assert fold("Zaporizhzhia") == "zaporizhzhia"
    assert fold("Bogotá") == fold("BOGOTA")
    assert fold("St. Louis") == fold("Saint Louis")
    assert fold("the Netherlands") == "netherlands"


def test_nothing_is_loaded_at_import() -> None:
    import dateline.knowledge.gazetteer as module

    assert not hasattr(module, "_GAZETTEER")
    assert Gazetteer.load() is Gazetteer.load()  # cached


@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [
        ("Kyiv", 50.45, 30.52),
        ("Kiev", 50.45, 30.52),
        ("Kharkov", 49.99, 36.23),
        ("Kharkiv", 49.99, 36.23),
        ("Mariupol", 47.10, 37.55),
        ("Zaporizhzhia", 47.84, 35.14),
        ("Zaporizhzhya", 47.84, 35.14),
        ("Bakhmut", 48.60, 38.00),
    ],
)
def test_ukrainian_names_and_spellings(
    gazetteer: Gazetteer, name: str, lat: float, lon: float
) -> None:
    entry = gazetteer.resolve(name, PlaceContext(countries={"UKR": 1.0}))
    assert entry is not None and entry.country == "UKR"
    assert distance_km(entry.lat, entry.lon, lat, lon) < 25


def test_odesa_in_a_ukrainian_context(gazetteer: Gazetteer) -> None:
    for name in ("Odesa", "Odessa"):
        entry = gazetteer.resolve(name, PlaceContext(countries={"UKR": 1.0, "RUS": 1.0}))
        assert entry is not None and entry.country == "UKR" and entry.feature == "city"


def test_countries_regions_and_demonyms(gazetteer: Gazetteer) -> None:
    ukraine = gazetteer.resolve("Ukraine")
    assert ukraine is not None and ukraine.feature == "country"
    assert ukraine.geonames_id == 690791
    us = gazetteer.resolve("U.S.")
    assert us is not None and us.country == "USA" and us.feature == "country"
    region = gazetteer.resolve("Kherson region")
    assert region is not None and region.feature == "admin1" and region.country == "UKR"
    # a bare "Donetsk" is the city, not the oblast named after it
    city = gazetteer.resolve("Donetsk", PlaceContext(countries={"UKR": 1.0}))
    assert city is not None and city.feature == "city"
    assert gazetteer.demonym_country("Ukrainians") == "UKR"


def test_paris_follows_the_article(gazetteer: Gazetteer) -> None:
    texas = gazetteer.resolve("Texas")
    assert texas is not None and texas.feature == "admin1"
    in_texas = gazetteer.resolve("Paris", PlaceContext.from_entries([texas]))
    assert in_texas is not None and in_texas.country == "USA" and in_texas.admin1 == "TX"
    france = gazetteer.resolve("France")
    assert france is not None
    in_france = gazetteer.resolve("Paris", PlaceContext.from_entries([france]))
    assert in_france is not None and in_france.country == "FRA"
    assert distance_km(in_france.lat, in_france.lon, 48.86, 2.35) < 20
    by_container = gazetteer.resolve("Paris", PlaceContext(container=texas))
    assert by_container == in_texas


# -- the stage (needs the spaCy model) ----------------------------------------------------------


def _document(nlp, text: str, mentions: list[Mention] | None = None) -> Document:  # type: ignore[no-untyped-def]
    return Document(article=Article(text=text), doc=nlp(text), mentions=mentions or [])


@pytest.mark.slow
def test_kyiv_is_a_place_even_when_spacy_calls_it_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    from spacy.tokens import Span as SpacySpan

    from dateline.stages.places import PlaceStage

    text = "Kyiv was quiet on Tuesday morning after a night of air raid alarms."
    document = _document(nlp, text)
    assert document.doc is not None
    document.doc.ents = [SpacySpan(document.doc, 0, 1, label="PERSON")]
    PlaceStage()(document)
    assert [p.name for p in document.places] == ["Kyiv"]
    kyiv = document.places[0]
    assert kyiv.country == "UKR" and kyiv.span == (0, 4)
    assert kyiv.lat is not None and kyiv.lon is not None
    assert distance_km(kyiv.lat, kyiv.lon, 50.45, 30.52) < 10


@pytest.mark.slow
def test_paris_in_a_texas_story_and_a_french_one(nlp) -> None:  # type: ignore[no-untyped-def]
    from dateline.stages.places import PlaceStage

    stage = PlaceStage()
    texan = _document(
        nlp,
        "Storms hit Dallas and Sherman on Sunday. In Paris, the county fair was called off, "
        "and roads near Texarkana were closed.",
    )
    stage(texan)
    paris = next(p for p in texan.places if p.name == "Paris")
    assert paris.country == "USA"
    french = _document(
        nlp, "Farmers drove tractors from Lyon and Marseille to Paris to protest in France."
    )
    stage(french)
    paris = next(p for p in french.places if p.name == "Paris")
    assert paris.country == "FRA"


@pytest.mark.slow
def test_a_metonym_is_an_actor_not_a_place(nlp) -> None:  # type: ignore[no-untyped-def]
    from dateline.stages.places import PlaceStage

    text = "Kyiv said on Monday that Russian shelling had hit Kharkiv overnight."
    metonym = Mention(span=(0, 4), text="Kyiv", actor_id="a1", how="metonym")
    document = _document(nlp, text, [metonym])
    PlaceStage()(document)
    names = [p.name for p in document.places]
    assert "Kyiv" not in names
    assert "Kharkiv" in names
    assert "Russian" not in names  # a demonym is no place
    assert [p.span for p in document.places] == sorted(p.span for p in document.places)


@pytest.mark.slow
def test_stage_contract(nlp) -> None:  # type: ignore[no-untyped-def]
    from dateline.stages.places import PlaceStage

    stage = PlaceStage()
    assert stage.name == "places"
    assert stage.requires == ("doc", "mentions")
    assert stage.assigns == ("places",)
    document = Document(article=Article(text="No doc yet."))
    assert stage(document).places == []
