"""Time values in news text, as TimeML/TempEval-3 wants them: the year of a month or a day
written without one, "current" as the present. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.timex import find_timexes

LATE_OCTOBER = dt.date(2025, 10, 30)  # a Thursday


def values(text: str, anchor: dt.date = LATE_OCTOBER) -> dict[str, str | None]:
    return {t.text: t.value for t in find_timexes(text, anchor)}


#: (sentence, expression, value): with no tense cue a month or day leans to the past; a
#: future cue, a forward preposition or a governing verb decides instead
LEAN = [
    ("In March, the company hired a new chief executive.", "March", "2025-03"),
    ("Prices had risen to a peak in June from a low in March.", "March", "2025-03"),
    ("The board announced the plan Aug. 21.", "Aug. 21", "2025-08-21"),
    ("A shuttle crew will fly a mission in March.", "March", "2026-03"),
    ("The loan must be repaid by February.", "February", "2026-02"),
    ("The new labour contract is effective June 1.", "June 1", "2026-06-01"),
    ("The first payment is in January.", "January", "2026-01"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "expression", "value"), LEAN)
def test_a_date_without_a_year_leans_to_the_past(
    sentence: str, expression: str, value: str
) -> None:
    assert values(sentence).get(expression) == value


def test_an_adjective_in_ed_is_no_past_cue() -> None:
    found = values(
        "The board will redeem the preferred shares on November 30.", dt.date(2025, 7, 4)
    )
    assert found["November 30"] == "2025-11-30"


@pytest.mark.parametrize(
    "sentence",
    ["The current talks have stalled.", "Analysts doubt the current plan will hold."],
)
def test_current_before_a_noun_is_the_present(sentence: str) -> None:
    assert values(sentence).get("current") == "PRESENT_REF"


@pytest.mark.parametrize(
    "sentence",
    ["The current account deficit widened.", "A strong current carried the boat away."],
)
def test_current_as_an_account_or_a_flow_is_no_time(sentence: str) -> None:
    assert "current" not in values(sentence)


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("Kidnappings have risen in recent years.", "recent years", "PXY"),
        ("Officials have voiced concern in recent weeks.", "recent weeks", "PXW"),
    ],
)
def test_recent_units_are_a_vague_duration(sentence: str, expression: str, value: str) -> None:
    found = {t.text: (t.value, t.type) for t in find_timexes(sentence, LATE_OCTOBER)}
    assert found[expression] == (value, "DURATION")


def test_a_part_of_the_day_after_a_preposition_is_that_part_of_the_day_in_question() -> None:
    found = values("Fighting broke out on Tuesday. By mid-afternoon the town had fallen.")
    assert found["mid-afternoon"] == "2025-10-28TAF"
    assert values("Talks resumed in the morning.")["the morning"] == "2025-10-30TMO"
    assert "morning" not in values("He read the morning papers.")


def test_each_weekday_is_a_set() -> None:
    found = {
        t.text: (t.value, t.type)
        for t in find_timexes("A flight leaves each Thursday and every Sunday night.", LATE_OCTOBER)
    }
    assert found["each Thursday"] == ("XXXX-WXX-4", "SET")
    assert found["every Sunday night"] == ("XXXX-WXX-7TNI", "SET")


def test_the_year_spelled_out_is_a_year() -> None:
    assert (
        values("The target for the year two thousand has been dropped.")["the year two thousand"]
        == "2000"
    )


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("A few days later, the rebels withdrew.", "A few days later", "PXD"),
        ("The blast happened two hours ago.", "two hours ago", "PT2H"),
        ("Minutes later, a second blast hit.", "Minutes later", "PTXM"),
    ],
)
def test_a_span_naming_no_point_is_the_amount_of_time(
    sentence: str, expression: str, value: str
) -> None:
    found = {t.text: (t.value, t.type) for t in find_timexes(sentence, LATE_OCTOBER)}
    assert found[expression] == (value, "DURATION")


@pytest.mark.parametrize(
    ("sentence", "expression", "value", "type_"),
    [
        ("At the time, the envoy said talks would resume.", "the time", "PAST_REF", "DATE"),
        ("The town will have to live without power for a while.", "a while", "PXX", "DURATION"),
        ("She hopes the country will one day join the union.", "one day", "FUTURE_REF", "DATE"),
        ("The strike lasted one day.", "one day", "P1D", "DURATION"),
    ],
)
def test_vague_references(sentence: str, expression: str, value: str, type_: str) -> None:
    found = {t.text: (t.value, t.type) for t in find_timexes(sentence, LATE_OCTOBER)}
    assert found[expression] == (value, type_)


def test_the_year_after_for_or_of_is_the_year_in_question() -> None:
    found = values("Shares hit a high for the year. Profit for the year rose.")
    assert found["the year"] == "2025"
    found = values("Sales rose 5% in the first nine months of the year.")
    assert found["the year"] == "2025"
    # "the year ended June 30" is a twelve-month span, a rule of its own
    assert values("Sales for the year ended June 30 rose.")["the year"] == "P1Y"


def test_a_season_after_the_is_a_season() -> None:
    assert (
        values("Demand recovered from the lows of the early summer.")["the early summer"]
        == "2025-SU"
    )


@pytest.mark.parametrize(
    ("sentence", "expression"),
    [
        ("The country imports about three-quarters of its food.", "three-quarters"),
        ("A quarter of the vote went to the rebels.", "A quarter"),
    ],
)
def test_a_fraction_is_no_span_of_quarters(sentence: str, expression: str) -> None:
    assert not any(expression in text for text in values(sentence))


def test_quarters_of_losses_are_a_span() -> None:
    assert values("It made money after several quarters of losses.")["several quarters"] == "PXQ"
