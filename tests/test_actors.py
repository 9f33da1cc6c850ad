"""The actor stage, one rule per test, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.document import Article

pytestmark = pytest.mark.slow


def run(pipeline, text: str, published: str = "2025-07-04"):
    article = Article(text=text, published=dt.date.fromisoformat(published))
    return pipeline(article)


def actor_at(document, phrase: str, occurrence: int = 0):
    start = -1
    for _ in range(occurrence + 1):
        start = document.text.index(phrase, start + 1)
    mention = document.mention_at(start, start + len(phrase))
    assert mention is not None, f"no mention covers {phrase!r}"
    return document.actor(mention.actor_id)


@pytest.mark.parametrize(
    ("text", "phrase", "country", "sector"),
    [
        ("Washington has suspended arms deliveries to the region.", "Washington", "USA", "GOV"),
        ("The Kremlin said the talks were over.", "Kremlin", "RUS", "GOV"),
        (
            "Downing Street said the minister would travel on Monday.",
            "Downing Street",
            "GBR",
            "GOV",
        ),
        ("Russian forces shelled the village overnight.", "Russian forces", "RUS", "MIL"),
        ("A Putin aide told reporters the offer stood.", "A Putin aide", "RUS", "GOV"),
        ("A French government spokesperson declined to comment.", "spokesperson", "FRA", "GOV"),
        ("The German government approved the plan.", "German government", "DEU", "GOV"),
        ("Nato said it would hold exercises in the Baltic.", "Nato", "IGO", "IGO"),
        ("Reuters reported that the convoy had left.", "Reuters", "GBR", "MED"),
    ],
)
def test_metonyms_descriptions_and_organisations(pipeline, text, phrase, country, sector):
    actor = actor_at(run(pipeline, text), phrase)
    assert (actor.country, actor.sector) == (country, sector)


def test_a_capital_as_a_location_is_not_the_government(pipeline):
    document = run(pipeline, "Drones struck a power plant near Kyiv on Tuesday.")
    mention = document.mention_at(document.text.index("Kyiv"), document.text.index("Kyiv") + 4)
    assert mention is None or mention.how == "location"


def test_roles_hold_at_the_article_date(pipeline):
    in_office = actor_at(run(pipeline, "Donald Trump spoke to reporters.", "2025-07-04"), "Trump")
    out_of_office = actor_at(
        run(pipeline, "Donald Trump spoke to reporters.", "2022-06-01"), "Trump"
    )
    assert (in_office.country, in_office.sector) == ("USA", "GOV")
    assert out_of_office.country == "USA" and out_of_office.sector is None


def test_titles_resolve_to_the_office_holder_at_the_date(pipeline):
    document = run(
        pipeline,
        "The British foreign secretary met her counterpart. The Russian president did not attend.",
        "2022-03-01",
    )
    assert actor_at(document, "foreign secretary").name == "Liz Truss"
    assert actor_at(document, "Russian president").name == "Vladimir Putin"


def test_variant_spellings_names_titles_and_pronouns_are_one_actor(pipeline):
    document = run(
        pipeline,
        "Volodymyr Zelenskyy visited the front on Monday. Zelensky told soldiers the line "
        "would hold.\n\nThe Ukrainian president said he would return. Zelenskiy later left.",
    )
    ids = {
        actor_at(document, "Volodymyr Zelenskyy").id,
        actor_at(document, "Zelensky ").id,
        actor_at(document, "Ukrainian president").id,
        actor_at(document, "he would").id,
        actor_at(document, "Zelenskiy").id,
    }
    assert len(ids) == 1


def test_an_unknown_person_keeps_the_country_and_sector_of_the_description(pipeline):
    document = run(
        pipeline, "Oleksandr Hrytsenko, a Ukrainian army commander, said the town was held."
    )
    actor = actor_at(document, "Oleksandr Hrytsenko")
    assert actor.kind == "person"
    assert (actor.country, actor.sector) == ("UKR", "MIL")


def test_a_later_definite_description_links_back(pipeline):
    document = run(
        pipeline,
        "A Polish government spokesperson said the border was open. "
        "The spokesperson added that trucks were waiting.",
    )
    assert actor_at(document, "A Polish").id == actor_at(document, "The spokesperson").id


def test_a_capitalised_common_noun_is_no_person(pipeline):
    document = run(pipeline, "Strikes were reported in Kharkiv on Sunday.")
    assert not [a for a in document.actors if a.kind == "person"]


@pytest.mark.parametrize(
    "text",
    [
        "The NATO leadership met in Brussels on Tuesday.",
        "The EU administration said it would act within a week.",
        "UN authorities closed the camp after the storm.",
    ],
)
def test_an_international_body_governing_a_noun_is_no_state(pipeline, text):
    """Only a state has a government: "the NATO leadership" makes no state of NATO."""
    document = run(pipeline, text)
    assert not [a for a in document.actors if a.kind == "state" and a.country == "IGO"]
