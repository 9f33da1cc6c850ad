"""Other wordings of common events (sentences written for these tests): a judgement passed
through an evaluative complement ("called the raid reckless") or a side's dismay ("was
appalled by") is an accusation, praise through a complement is support, an official going to
another country is a visit (CONSULT), a tariff or a tax laid on a country is a sanction, and an
armed group attacking inside its own country attacks that country (GUIDELINES.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.document import Article

pytestmark = pytest.mark.slow


def _events(pipeline, text: str, type_: str) -> list[tuple[set[str], set[str]]]:
    """(actor countries, recipient countries) of the events of one type."""
    from dateline.records import document_to_record

    record = document_to_record(pipeline(Article(text=text, published=dt.date(2024, 5, 2))))
    by_id = {a["id"]: a for a in record["actors"]}
    return [
        (
            {by_id[i]["country"] for i in e["actor"] if by_id[i]["country"]},
            {by_id[i]["country"] for i in e["recipient"] if by_id[i]["country"]},
        )
        for e in record["events"]
        if e["type"] == type_
    ]


@pytest.mark.parametrize(
    "text, sides",
    [
        ("Chile's president called the Peruvian raid reckless on Monday.", ({"CHL"}, {"PER"})),
        (
            "The Thai official called it a desperate Cambodian attempt to divert attention.",
            ({"THA"}, {"KHM"}),
        ),
        ("The Norwegian prime minister was appalled by the Swedish decision.", ({"NOR"}, {"SWE"})),
        (
            "The Norwegian prime minister said he was appalled at the Swedish sentences.",
            ({"NOR"}, {"SWE"}),
        ),
    ],
)
def test_a_negative_judgement_is_an_accusation_of_the_judged_side(pipeline, text, sides) -> None:
    assert sides in _events(pipeline, text, "ACCUSE")


def test_a_judgement_that_is_denied_is_no_accusation(pipeline) -> None:
    text = "The Spanish minister did not call the Moroccan decision a mistake."
    assert _events(pipeline, text, "ACCUSE") == []


def test_praise_through_a_complement_is_support(pipeline) -> None:
    text = "The British foreign secretary described the Turkish offer as an important first step."
    assert ({"GBR"}, {"TUR"}) in _events(pipeline, text, "SUPPORT")


@pytest.mark.parametrize(
    "text, sides",
    [
        ("Iran's foreign minister arrived in Iraq on Thursday.", ({"IRN"}, {"IRQ"})),
        ("The French president went to Berlin on Monday.", ({"FRA"}, {"DEU"})),
        ("The Hungarian foreign minister travelled to Moscow last week.", ({"HUN"}, {"RUS"})),
    ],
)
def test_an_official_going_to_another_country_is_a_visit(pipeline, text, sides) -> None:
    assert sides in _events(pipeline, text, "CONSULT")


def test_troops_arriving_are_no_visit(pipeline) -> None:
    assert _events(pipeline, "Ukrainian troops arrived in Kharkiv on Monday.", "CONSULT") == []


def test_a_president_going_home_is_no_visit(pipeline) -> None:
    assert _events(pipeline, "The Kenyan president flew to Nairobi.", "CONSULT") == []


def test_a_tariff_on_a_country_is_a_sanction(pipeline) -> None:
    text = "The US imposed a 25% tariff on Canadian steel."
    assert ({"USA"}, {"CAN"}) in _events(pipeline, text, "SANCTION")


def test_a_tax_on_a_country_is_a_sanction_but_a_fuel_tax_is_not(pipeline) -> None:
    text = "President Biden imposed an additional tax on India for buying oil."
    assert any(r == {"IND"} or "IND" in r for _, r in _events(pipeline, text, "SANCTION"))
    assert _events(pipeline, "The Chilean government raised the tax on fuel.", "SANCTION") == []


def test_a_gang_attacking_at_home_attacks_its_own_state(pipeline) -> None:
    text = "Gang members attacked a police station in Port-au-Prince on Thursday."
    assert ({"HTI"}, {"HTI"}) in _events(pipeline, text, "ASSAULT")
