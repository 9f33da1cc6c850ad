"""Office holders before 2014: people.tsv's 1989-2014 block resolves at past dates. The
sentences and names here are written for these tests."""

from __future__ import annotations

import datetime as dt

import pycountry
import pytest

from dateline.knowledge import Knowledge

D = dt.date

#: the 193 UN member states (ISO alpha-3)
UN_MEMBERS = frozenset(
    [
        "AFG",
        "ALB",
        "DZA",
        "AND",
        "AGO",
        "ATG",
        "ARG",
        "ARM",
        "AUS",
        "AUT",
        "AZE",
        "BHS",
        "BHR",
        "BGD",
        "BRB",
        "BLR",
        "BEL",
        "BLZ",
        "BEN",
        "BTN",
        "BOL",
        "BIH",
        "BWA",
        "BRA",
        "BRN",
        "BGR",
        "BFA",
        "BDI",
        "CPV",
        "KHM",
        "CMR",
        "CAN",
        "CAF",
        "TCD",
        "CHL",
        "CHN",
        "COL",
        "COM",
        "COG",
        "CRI",
        "CIV",
        "HRV",
        "CUB",
        "CYP",
        "CZE",
        "PRK",
        "COD",
        "DNK",
        "DJI",
        "DMA",
        "DOM",
        "ECU",
        "EGY",
        "SLV",
        "GNQ",
        "ERI",
        "EST",
        "SWZ",
        "ETH",
        "FJI",
        "FIN",
        "FRA",
        "GAB",
        "GMB",
        "GEO",
        "DEU",
        "GHA",
        "GRC",
        "GRD",
        "GTM",
        "GIN",
        "GNB",
        "GUY",
        "HTI",
        "HND",
        "HUN",
        "ISL",
        "IND",
        "IDN",
        "IRN",
        "IRQ",
        "IRL",
        "ISR",
        "ITA",
        "JAM",
        "JPN",
        "JOR",
        "KAZ",
        "KEN",
        "KIR",
        "KWT",
        "KGZ",
        "LAO",
        "LVA",
        "LBN",
        "LSO",
        "LBR",
        "LBY",
        "LIE",
        "LTU",
        "LUX",
        "MDG",
        "MWI",
        "MYS",
        "MDV",
        "MLI",
        "MLT",
        "MHL",
        "MRT",
        "MUS",
        "MEX",
        "FSM",
        "MCO",
        "MNG",
        "MNE",
        "MAR",
        "MOZ",
        "MMR",
        "NAM",
        "NRU",
        "NPL",
        "NLD",
        "NZL",
        "NIC",
        "NER",
        "NGA",
        "MKD",
        "NOR",
        "OMN",
        "PAK",
        "PLW",
        "PAN",
        "PNG",
        "PRY",
        "PER",
        "PHL",
        "POL",
        "PRT",
        "QAT",
        "KOR",
        "MDA",
        "ROU",
        "RUS",
        "RWA",
        "KNA",
        "LCA",
        "VCT",
        "WSM",
        "SMR",
        "STP",
        "SAU",
        "SEN",
        "SRB",
        "SYC",
        "SLE",
        "SGP",
        "SVK",
        "SVN",
        "SLB",
        "SOM",
        "ZAF",
        "SSD",
        "ESP",
        "LKA",
        "SDN",
        "SUR",
        "SWE",
        "CHE",
        "SYR",
        "TJK",
        "THA",
        "TLS",
        "TGO",
        "TON",
        "TTO",
        "TUN",
        "TUR",
        "TKM",
        "TUV",
        "UGA",
        "UKR",
        "ARE",
        "GBR",
        "TZA",
        "USA",
        "URY",
        "UZB",
        "VUT",
        "VEN",
        "VNM",
        "YEM",
        "ZMB",
        "ZWE",
    ]
)
#: members with no head of state or government to list on 2000-01-01
NO_LEADER_ON_2000_01_01 = {
    "SMR": "two captains regent serve six months each; they are not listed",
    "SOM": "no government between 1997 and the Transitional National Government of 2000-08",
    "SSD": "independent only from 2011-07-09",
    "TLS": "under UN administration (UNTAET) until 2002-05-20",
}


@pytest.fixture(scope="module")
def k() -> Knowledge:
    return Knowledge.load()


def test_un_member_list_is_iso() -> None:
    assert len(UN_MEMBERS) == 193
    iso = {c.alpha_3 for c in pycountry.countries}
    assert iso >= UN_MEMBERS


def test_every_un_member_has_a_leader_on_2000_01_01(k: Knowledge) -> None:
    on = D(2000, 1, 1)
    missing = {
        code
        for code in UN_MEMBERS
        if k.office_holder(code, "head of state", on) is None
        and k.office_holder(code, "head of government", on) is None
    }
    assert missing == set(NO_LEADER_ON_2000_01_01)


@pytest.mark.parametrize(
    ("text", "on", "name", "country", "sector", "role"),
    [
        ("Mugabe", D(1998, 6, 1), "Robert Mugabe", "ZWE", "GOV", "president"),
        ("President Mugabe", D(1998, 6, 1), "Robert Mugabe", "ZWE", "GOV", "president"),
        ("Yeltsin", D(1995, 1, 1), "Boris Yeltsin", "RUS", "GOV", "president"),
        ("Kofi Annan", D(2000, 1, 1), "Kofi Annan", "IGO", "IGO", "un secretary-general"),
        ("Tony Blair", D(2001, 6, 1), "Tony Blair", "GBR", "GOV", "prime minister"),
        ("Bill Clinton", D(1996, 1, 1), "Bill Clinton", "USA", "GOV", "president"),
        ("Bill Clinton", D(2005, 1, 1), "Bill Clinton", "USA", None, "former president"),
        ("Qaddafi", D(2000, 1, 1), "Muammar Gaddafi", "LBY", "GOV", "de facto head of state"),
        ("Kadhafi", D(1995, 1, 1), "Muammar Gaddafi", "LBY", "GOV", "de facto head of state"),
        ("Mitterand", D(1990, 1, 1), "François Mitterrand", "FRA", "GOV", "president"),
        ("Yasser Arafat", D(2000, 1, 1), "Yasser Arafat", "PSE", "GOV", "president"),
        ("Osama bin Laden", D(2001, 9, 12), "Osama bin Laden", "AFG", "REB", "al-qaeda leader"),
        ("Saddam", D(2002, 1, 1), "Saddam Hussein", "IRQ", "GOV", "president"),
        ("King Hussein", D(1995, 1, 1), "Hussein of Jordan", "JOR", "GOV", "king"),
        ("Gorbachev", D(1990, 6, 1), "Mikhail Gorbachev", "RUS", "GOV", "president"),
        ("Helmut Kohl", D(1990, 10, 3), "Helmut Kohl", "DEU", "GOV", "chancellor"),
        ("Nelson Mandela", D(1996, 1, 1), "Nelson Mandela", "ZAF", "GOV", "president"),
        ("Milosevic", D(1999, 4, 1), "Slobodan Milošević", "SRB", "GOV", "president"),
    ],
)
def test_person_at_a_past_date(
    k: Knowledge, text: str, on: dt.date, name: str, country: str, sector: str | None, role: str
) -> None:
    person = k.person(text, on)
    assert person is not None
    assert (person.name, person.country, person.sector, person.role) == (
        name,
        country,
        sector,
        role,
    )


@pytest.mark.parametrize(
    ("text", "on", "name"),
    [
        ("Bush", D(1990, 1, 1), "George H. W. Bush"),
        ("Bush", D(2003, 1, 1), "George W. Bush"),
        ("Clinton", D(1996, 1, 1), "Bill Clinton"),
        ("Clinton", D(2010, 1, 1), "Hillary Clinton"),
        ("Putin", D(2005, 1, 1), "Vladimir Putin"),
    ],
)
def test_shared_surnames_resolve_by_date(k: Knowledge, text: str, on: dt.date, name: str) -> None:
    person = k.person(text, on)
    assert person is not None and person.name == name
    assert person.sector == "GOV"


@pytest.mark.parametrize(
    ("country", "role", "on", "name"),
    [
        ("USA", "head of state", D(1991, 1, 17), "George H. W. Bush"),
        ("GBR", "head of government", D(1989, 6, 1), "Margaret Thatcher"),
        ("RUS", "head of government", D(1999, 1, 1), "Yevgeny Primakov"),
        ("DEU", "foreign minister", D(2003, 2, 14), "Joschka Fischer"),
        ("CHN", "head of state", D(2000, 1, 1), "Jiang Zemin"),
        ("IND", "head of government", D(1999, 5, 1), "Atal Bihari Vajpayee"),
        ("NGA", "head of state", D(1995, 1, 1), "Sani Abacha"),
        ("EGY", "head of state", D(2005, 1, 1), "Hosni Mubarak"),
        ("IRN", "head of state", D(2000, 1, 1), "Ali Khamenei"),
        ("ISR", "head of government", D(1994, 1, 1), "Yitzhak Rabin"),
    ],
)
def test_office_holder_at_a_past_date(
    k: Knowledge, country: str, role: str, on: dt.date, name: str
) -> None:
    holder = k.office_holder(country, role, on)
    assert holder is not None and holder.name == name


def test_president_of_iran_under_the_supreme_leader(k: Knowledge) -> None:
    holder = k.office_holder("IRN", "president", D(2000, 1, 1))
    assert holder is not None and holder.name == "Mohammad Khatami"


def test_no_person_holds_overlapping_terms_of_one_office(k: Knowledge) -> None:
    from dateline.knowledge.tables import read_people

    terms: dict[tuple[str, str, str], list[tuple[dt.date, dt.date]]] = {}
    for row in read_people():
        key = (row["name"], row["country"], row["role"])
        start = row["start"] or D.min
        end = row["end"] or D.max
        assert start < end, row
        for other_start, other_end in terms.get(key, []):
            assert end <= other_start or other_end <= start, row
        terms.setdefault(key, []).append((start, end))
