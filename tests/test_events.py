"""Event coding on a 2022 war report written for these tests (tests/fixtures/events): the
events an analyst would code, with their sides, modality, dates, places and figures."""

from __future__ import annotations

import pytest

from dateline.readers import read_article

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def record(pipeline, fixtures_dir):
    return pipeline.extract(read_article(fixtures_dir / "events" / "war-report-2022.txt"))


def countries(record, ids):
    by_id = {a["id"]: a for a in record["actors"]}
    return {by_id[i]["country"] for i in ids if by_id[i]["country"]}


def find(record, type_, actor=None, recipient=None):
    out = []
    for event in record["events"]:
        if event["type"] != type_:
            continue
        if actor and actor not in countries(record, event["actor"]):
            continue
        if recipient and recipient not in countries(record, event["recipient"]):
            continue
        out.append(event)
    return out


def test_missile_strike_is_one_assault_with_place_date_and_casualties(record):
    strikes = find(record, "ASSAULT", "RUS", "UKR")
    assert strikes, record["events"]
    strike = strikes[0]
    assert "heavy-weapons" in strike["mode"]
    assert strike["date"]["value"] == "2022-08-11"  # "on Thursday" in a Friday report
    assert strike["place"]["name"] == "Odesa" and strike["place"]["country"] == "UKR"
    figures = {(q["value"], q["qualifier"], q["kind"]) for q in strike["quantities"]}
    assert (4.0, "at least", "killed") in figures
    assert strike["modality"] == "asserted"
    text = record["article"]["text"]
    start, end = strike["evidence"]["trigger"]
    assert text[start:end] == "fired"


def test_condemnation_targets_the_attacker(record):
    accusations = find(record, "ACCUSE", "UKR", "RUS")
    assert accusations
    assert accusations[0]["date"]["value"] == "2022-08-12"  # a same-day reaction


def test_appeal_to_the_un_is_a_request(record):
    assert find(record, "REQUEST", "UKR", "IGO")


def test_phone_call_is_one_reciprocal_consult(record):
    calls = find(record, "CONSULT", "UKR")
    assert len(calls) == 1
    call = calls[0]
    assert countries(record, call["actor"]) == {"UKR", "TUR"}
    assert call["recipient"] == []
    assert "phone" in call["mode"]
    assert call["date"]["value"] == "2022-08-12"


def test_both_leaders_agreeing_is_an_agree_of_both_sides(record):
    agreements = find(record, "AGREE", "UKR")
    assert agreements and countries(record, agreements[0]["actor"]) == {"UKR", "TUR"}


def test_denial_is_a_reject(record):
    assert find(record, "REJECT", "RUS")


def test_claim_is_reported_by_the_claimant(record):
    by_id = {a["id"]: a for a in record["actors"]}
    claims = [
        e
        for e in find(record, "ASSAULT", "RUS", "UKR")
        if e["reported_by"] and by_id[e["reported_by"]]["country"] == "RUS"
    ]
    assert claims and claims[0]["modality"] == "asserted"


def test_announced_aid_is_an_intended_agree(record):
    pledges = find(record, "AGREE", "DEU")
    assert pledges and pledges[0]["modality"] == "intended"
    assert not find(record, "AID", "DEU")  # not coded as if it had happened


def test_negated_sanction_is_kept_and_flagged(record):
    assert all(e["modality"] == "negated" for e in find(record, "SANCTION", "GBR"))


def test_delivered_weapons_arriving_are_aid_from_their_maker(pipeline):
    import datetime as dt

    from dateline.document import Article
    from dateline.records import document_to_record

    text = "Two more German air defence systems arrived in Ukraine on Monday, officials said."
    record = document_to_record(pipeline(Article(text=text, published=dt.date(2023, 5, 2))))
    aid = find(record, "AID", "DEU", "UKR")
    assert aid and aid[0]["date"]["value"] == "2023-05-01"


def test_calling_a_claim_false_is_a_reject_and_a_warning_about_a_side_an_accusation(pipeline):
    import datetime as dt

    from dateline.document import Article
    from dateline.records import document_to_record

    text = (
        "Moldova's foreign ministry said the Russian claims were false.\n\n"
        "Georgia's interior ministry warned that Russian troops had moved closer to the border."
    )
    record = document_to_record(pipeline(Article(text=text, published=dt.date(2024, 3, 5))))
    assert find(record, "REJECT", "MDA", "RUS")
    assert find(record, "ACCUSE", "GEO", "RUS")


def test_a_pledge_told_to_someone_is_an_agree_with_them(pipeline):
    import datetime as dt

    from dateline.document import Article
    from dateline.records import document_to_record

    text = (
        "The Canadian defence minister told Estonia's prime minister that Canada would "
        "provide more air defence systems."
    )
    record = document_to_record(pipeline(Article(text=text, published=dt.date(2025, 3, 5))))
    pledges = find(record, "AGREE", "CAN", "EST")
    assert pledges and pledges[0]["modality"] == "intended"


def test_a_prisoner_swap_is_a_release_by_both_sides(pipeline):
    import datetime as dt

    from dateline.document import Article
    from dateline.records import document_to_record

    text = "Armenia and Azerbaijan carried out a prisoner swap on Tuesday."
    record = document_to_record(pipeline(Article(text=text, published=dt.date(2024, 1, 10))))
    swaps = find(record, "RETREAT", "ARM")
    assert swaps and "release" in swaps[0]["mode"]
    assert countries(record, swaps[0]["actor"]) == {"ARM", "AZE"}
