"""The knowledge tables and their lookups: countries, people in office, organisations, seats
of power and roles. The sentences and names here are written for these tests."""

from __future__ import annotations

import datetime as dt

import pycountry
import pytest

from dateline.knowledge import Knowledge, fold

D = dt.date

G20_MEMBERS = [
    "ARG",
    "AUS",
    "BRA",
    "CAN",
    "CHN",
    "FRA",
    "DEU",
    "IND",
    "IDN",
    "ITA",
    "JPN",
    "MEX",
    "KOR",
    "RUS",
    "SAU",
    "ZAF",
    "TUR",
    "GBR",
    "USA",
]


@pytest.fixture(scope="module")
def k() -> Knowledge:
    return Knowledge.load()


def test_load_is_cached() -> None:
    # How long loading takes is measured by `make bench`, not asserted here.
    from dateline.knowledge import _load_shipped

    _load_shipped.cache_clear()
    first = Knowledge.load()
    assert Knowledge.load() is first


def test_fold() -> None:
    assert fold("The U.S.") == "us"
    assert fold("Kyiv’s") == "kyiv"
    assert fold("Zelenskyy's") == "zelenskyy"
    assert fold("Kim Jong-un") == "kim jong un"
    assert fold("Élysée") == "elysee"


def test_every_iso_country_is_present(k: Knowledge) -> None:
    missing = {c.alpha_3 for c in pycountry.countries} - set(k.countries)
    assert not missing
    assert {"PSE", "XKX"} <= set(k.countries)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Ukraine", "UKR"),
        ("the US", "USA"),
        ("the USA", "USA"),
        ("U.S.", "USA"),
        ("America", "USA"),
        ("Britain", "GBR"),
        ("the UK", "GBR"),
        ("Great Britain", "GBR"),
        ("Russian Federation", "RUS"),
        ("Holland", "NLD"),
        ("Czechia", "CZE"),
        ("Türkiye", "TUR"),
        ("Turkiye", "TUR"),
        ("South Korea", "KOR"),
        ("Iran", "IRN"),
        ("Taiwan", "TWN"),
        ("Kosovo", "XKX"),
        ("GBR", "GBR"),
    ],
)
def test_country_names(k: Knowledge, text: str, code: str) -> None:
    found = k.country(text)
    assert found is not None and found.code == code


def test_common_names_and_codes(k: Knowledge) -> None:
    assert k.countries["RUS"].name == "Russia"
    assert k.countries["USA"].name == "United States"
    assert k.countries["SYR"].name == "Syria"
    # lower-case three-letter words are never taken for codes
    assert k.country("can") is None and k.country("and") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("German", "DEU"),
        ("US", "USA"),
        ("American", "USA"),
        ("Ukrainians", "UKR"),
        ("British", "GBR"),
        ("Britons", "GBR"),
        ("Israeli", "ISR"),
        ("Palestinian", "PSE"),
    ],
)
def test_adjectives_and_demonyms(k: Knowledge, text: str, code: str) -> None:
    found = k.country_of_adjective(text)
    assert found is not None and found.code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Washington", "USA"),
        ("Washington, D.C.", "USA"),
        ("Moscow", "RUS"),
        ("Beijing", "CHN"),
        ("Tehran", "IRN"),
        ("Kyiv’s", "UKR"),
    ],
)
def test_capitals(k: Knowledge, text: str, code: str) -> None:
    found = k.country_of_capital(text)
    assert found is not None and found.code == code


def test_trump_terms(k: Knowledge) -> None:
    for on in (D(2018, 6, 1), D(2025, 7, 4)):
        trump = k.person("Trump", on)
        assert trump is not None
        assert (trump.name, trump.country, trump.sector) == ("Donald Trump", "USA", "GOV")
    between = k.person("Donald Trump", D(2022, 6, 1))
    assert between is not None and between.sector is None
    assert between.role == "former president"


def test_boris_johnson(k: Knowledge) -> None:
    in_office = k.person("Boris Johnson", D(2022, 3, 1))
    assert in_office is not None and (in_office.country, in_office.sector) == ("GBR", "GOV")
    assert in_office.role == "prime minister"
    later = k.person("Boris Johnson", D(2025, 3, 1))
    assert later is not None and later.sector is None


def test_zelenskyy_spellings_are_one_person(k: Knowledge) -> None:
    names = {p.name for text in ("Zelenskyy", "Zelensky", "Zelenskiy") for p in k.people(text)}
    assert names == {"Volodymyr Zelenskyy"}


def test_titles_and_descriptions_before_a_name(k: Knowledge) -> None:
    for text in (
        "President Putin",
        "Russian President Vladimir Putin",
        "Putin’s",
        "the Russian president, Vladimir Putin",
    ):
        found = k.person(text, D(2025, 1, 1))
        assert found is not None and found.name == "Vladimir Putin", text


def test_common_word_surnames_need_a_title(k: Knowledge) -> None:
    assert k.people("May") == []
    found = k.person("Mrs May", D(2018, 1, 1))
    assert found is not None and found.name == "Theresa May"


def test_person_prefers_the_senior_office(k: Knowledge) -> None:
    mbs = k.person("MBS", D(2024, 1, 1))
    assert mbs is not None and mbs.role == "prime minister"


def test_office_holder(k: Knowledge) -> None:
    putin = k.office_holder("RUS", "president", D(2025, 1, 1))
    assert putin is not None and putin.name == "Vladimir Putin"
    for role in ("foreign minister", "foreign secretary"):
        truss = k.office_holder("GBR", role, D(2022, 3, 1))
        assert truss is not None and truss.name == "Liz Truss"
    blinken = k.office_holder("USA", "secretary of state", D(2023, 5, 5))
    assert blinken is not None and blinken.name == "Antony Blinken"
    chancellor = k.office_holder("DEU", "head of government", D(2023, 5, 5))
    assert chancellor is not None and chancellor.name == "Olaf Scholz"


@pytest.mark.parametrize("on", [D(2020, 1, 1), D(2025, 7, 1)])
def test_every_g20_member_has_a_leader(k: Knowledge, on: dt.date) -> None:
    leaderless = [
        code
        for code in G20_MEMBERS
        if k.office_holder(code, "head of state", on) is None
        and k.office_holder(code, "head of government", on) is None
    ]
    assert not leaderless


@pytest.mark.parametrize(
    ("text", "name", "country", "sector"),
    [
        ("Nato", "North Atlantic Treaty Organization", "IGO", "IGO"),
        ("NATO", "North Atlantic Treaty Organization", "IGO", "IGO"),
        ("the UN", "United Nations", "IGO", "IGO"),
        ("Axios", "Axios", "USA", "MED"),
        ("Hamas", "Hamas", "PSE", "REB"),
        ("Reuters", "Reuters", "GBR", "MED"),
        ("ICRC", "International Committee of the Red Cross", "IGO", "IGO"),
        ("Médecins Sans Frontières", "Médecins Sans Frontières", "CHE", "NGO"),
    ],
)
def test_organisations(k: Knowledge, text: str, name: str, country: str, sector: str) -> None:
    found = k.organisation(text)
    assert found is not None and (found.name, found.country, found.sector) == (
        name,
        country,
        sector,
    )


def test_short_acronyms_need_capitals(k: Knowledge) -> None:
    assert k.organisation("IS") is not None
    assert k.organisation("is") is None


def test_groups_whose_standing_changed(k: Knowledge) -> None:
    before = k.organisation("Taliban", D(2020, 1, 1))
    after = k.organisation("the Taliban", D(2023, 1, 1))
    assert before is not None and before.sector == "REB"
    assert after is not None and after.sector == "GOV"
    dpr = k.organisation("DPR")
    assert dpr is not None and (dpr.country, dpr.patron) == ("UKR", "RUS")


def test_seats(k: Knowledge) -> None:
    kremlin = k.seat("the Kremlin")
    assert kremlin is not None
    assert (kremlin.name, kremlin.country, kremlin.sector, kremlin.kind) == (
        "Kremlin",
        "RUS",
        "GOV",
        "organisation",
    )
    pentagon = k.seat("Pentagon")
    assert pentagon is not None and (pentagon.country, pentagon.sector) == ("USA", "MIL")
    elysee = k.seat("the Elysee")
    assert elysee is not None and elysee.country == "FRA"


@pytest.mark.parametrize(
    ("text", "role", "sector"),
    [
        ("a German government spokesperson", "spokesperson", "GOV"),
        ("the foreign secretary", "foreign minister", "GOV"),
        ("the US secretary of state", "foreign minister", "GOV"),
        ("two spokespeople", "spokesperson", "GOV"),
        ("Russian troops", "military", "MIL"),
        ("the defence ministry", "defence ministry", "MIL"),
        ("local residents", "civilians", "CVL"),
        ("pro-Russian separatists", "armed group", "REB"),
        ("a senior lawmaker", "lawmaker", "LEG"),
        ("the police", "police", "COP"),
        ("a source", "source", None),
    ],
)
def test_roles(k: Knowledge, text: str, role: str, sector: str | None) -> None:
    found = k.role(text)
    assert found is not None and (found.role, found.sector) == (role, sector)
