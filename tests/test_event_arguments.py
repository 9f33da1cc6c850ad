"""Sides and background of events (sentences written for these tests): the one criticised is
the side whose act is condemned, a background clause ("since X invaded") is no event, an
attacker the text never names is not invented, and evaluative speech verbs are accusations."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.document import Article

pytestmark = pytest.mark.slow


def _record(pipeline, text: str):
    from dateline.records import document_to_record

    return document_to_record(pipeline(Article(text=text, published=dt.date(2024, 5, 2))))


def _events(record, type_: str) -> list[tuple[set[str], set[str], str]]:
    """(actor countries, recipient countries, trigger text) of the events of one type."""
    by_id = {a["id"]: a for a in record["actors"]}
    text = record["article"]["text"]
    out = []
    for event in record["events"]:
        if event["type"] != type_:
            continue
        start, end = event["evidence"]["trigger"]
        out.append(
            (
                {by_id[i]["country"] for i in event["actor"] if by_id[i]["country"]},
                {by_id[i]["country"] for i in event["recipient"] if by_id[i]["country"]},
                text[start:end],
            )
        )
    return out


def test_condemnation_is_against_the_attacker_not_the_place_hit(pipeline) -> None:
    record = _record(
        pipeline,
        "The Danish foreign ministry condemned the Swedish missile strike on Norway on Wednesday.",
    )
    accusations = _events(record, "ACCUSE")
    assert accusations and accusations[0][:2] == ({"DNK"}, {"SWE"})


def test_criticising_a_sides_plan_is_against_that_side(pipeline) -> None:
    record = _record(pipeline, "France lambasted Germany's plan to close the border on Tuesday.")
    assert ({"FRA"}, {"DEU"}, "lambasted") in _events(record, "ACCUSE")


def test_branding_a_vote_a_sham_is_an_accusation(pipeline) -> None:
    record = _record(pipeline, "Poland branded the Belarusian vote a sham on Monday.")
    assert any(a == {"POL"} for a, _, _ in _events(record, "ACCUSE"))


def test_an_invasion_told_as_background_is_no_event(pipeline) -> None:
    record = _record(
        pipeline,
        "Poland has taken in two million refugees since Russia invaded Ukraine in 2022. "
        "Russian drones attacked Kyiv on Wednesday, Ukraine said.",
    )
    assaults = _events(record, "ASSAULT")
    assert [t for _, _, t in assaults] == ["attacked"], assaults


def test_background_phrase_since_the_start_of_a_war_is_no_event(pipeline) -> None:
    record = _record(
        pipeline,
        "Grain prices in Egypt have doubled since the start of the Russian invasion of Ukraine.",
    )
    assert _events(record, "ASSAULT") == []


def test_no_attacker_is_invented_for_a_bombing_no_one_is_named_for(pipeline) -> None:
    record = _record(
        pipeline,
        "Two bombs exploded in a market in Lahore on Tuesday, killing nine people. "
        "Pakistan's interior minister met Iran's ambassador in Islamabad on Wednesday. "
        "Iran's embassy said the meeting with Pakistan was useful, and Pakistan thanked Iran.",
    )
    assert all("IRN" not in actor for actor, _, _ in _events(record, "ASSAULT"))


def test_a_side_the_article_shows_attacking_may_be_the_unnamed_attacker(pipeline) -> None:
    record = _record(
        pipeline,
        "Russian forces shelled Kharkiv on Monday, Ukraine said. Russia attacked Odesa with "
        "drones on Tuesday. A village near Sumy in Ukraine was shelled overnight, killing two.",
    )
    assert any(t == "shelled" and a == {"RUS"} for a, _, t in _events(record, "ASSAULT")[1:])


def test_a_protest_with_no_target_is_against_its_own_state(pipeline) -> None:
    record = _record(
        pipeline,
        "Thousands of people protested in Berlin on Saturday. "
        "Germany's chancellor spoke about the marches on Sunday.",
    )
    assert any(a == {"DEU"} and r == {"DEU"} for a, r, _ in _events(record, "PROTEST"))


def test_a_curfew_a_government_declares_is_coded_on_its_own_country(pipeline) -> None:
    record = _record(
        pipeline,
        "Haiti's government declared a state of emergency and a curfew on Sunday. "
        "Haiti has been hit by violence for weeks.",
    )
    assert any(a == {"HTI"} and r == {"HTI"} for a, r, _ in _events(record, "COERCE"))


def test_an_event_only_considered_is_not_coded(pipeline) -> None:
    record = _record(
        pipeline,
        "Analysts said Chile could impose sanctions on Peru if the dispute grew. "
        "Chile expelled two Peruvian diplomats on Monday.",
    )
    triggers = [t for _, _, t in _events(record, "SANCTION")]
    assert "impose" not in triggers and "sanctions" not in triggers, triggers


def test_an_attack_dated_years_back_is_background(pipeline) -> None:
    record = _record(
        pipeline,
        "In June 2019, the group said it was responsible for a deadly attack on a bank in "
        "Karachi. Pakistan's army attacked the group on Tuesday.",
    )
    assert [t for _, _, t in _events(record, "ASSAULT")] == ["attacked"]


def test_a_comparison_since_a_past_year_keeps_the_news(pipeline) -> None:
    record = _record(
        pipeline,
        "Russia struck Kyiv with missiles on Monday, the heaviest attack on the city since 2022.",
    )
    assert any(t == "struck" for _, _, t in _events(record, "ASSAULT"))


def test_the_monitor_reporting_a_strike_is_not_its_attacker(pipeline) -> None:
    record = _record(
        pipeline, "A monitoring group based in London said the strike killed six fighters."
    )
    assert all("GBR" not in actor for actor, _, _ in _events(record, "ASSAULT"))


def test_them_after_both_leaders_is_both_parties(pipeline) -> None:
    record = _record(
        pipeline,
        "Peru and Ecuador clashed on their border last week. Brazil's president called both "
        "leaders on Sunday, urging them to end the fighting.",
    )
    assert ({"BRA"}, {"PER", "ECU"}) in [(a, r) for a, r, _ in _events(record, "REQUEST")]
    assert ({"BRA"}, {"PER", "ECU"}) in [(a, r) for a, r, _ in _events(record, "CONSULT")]


def test_the_one_wounded_by_shelling_is_not_its_actor(pipeline) -> None:
    record = _record(pipeline, "A Russian journalist was wounded by shelling in Donetsk.")
    assert all("RUS" not in actor for actor, _, _ in _events(record, "ASSAULT"))


def test_responding_by_firing_keeps_the_subject_as_actor(pipeline) -> None:
    record = _record(pipeline, "Iran responded on Sunday by firing missiles at Israel.")
    assert any("IRN" in actor for actor, _, _ in _events(record, "ASSAULT"))


@pytest.mark.parametrize(
    "text, type_, country",
    [
        (
            "Pakistan's army chief accused militants of planning attacks on schools.",
            "ACCUSE",
            "PAK",
        ),
        ("The Nigerian president called on the rebels to lay down their arms.", "REQUEST", "NGA"),
    ],
)
def test_a_group_with_no_country_addressed_at_home_is_of_that_country(
    pipeline, text, type_, country
) -> None:
    assert ({country}, {country}) in [(a, r) for a, r, _ in _events(_record(pipeline, text), type_)]
