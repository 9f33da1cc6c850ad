"""Time expressions: one case per grammar rule (anchor Friday 2025-07-04) and the stage. The
floors on TimeBank/AQUAINT (tbaq-cleaned) are in tests/quality_floors.tsv."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.document import Article, Document
from dateline.timex import Timex, detect_tense, find_timexes, normalise

ANCHOR = dt.date(2025, 7, 4)  # a Friday

#: (sentence, expression found, value, type) -- sentences written for these tests
CASES = [
    # weekdays: the most recent one for past use, the anchor's own day included
    ("The minister spoke on Thursday.", "Thursday", "2025-07-03", "DATE"),
    ("The talks ended on Friday.", "Friday", "2025-07-04", "DATE"),
    ("The convoy was hit on Sunday.", "Sunday", "2025-06-29", "DATE"),
    ("Drones struck the city on Thursday evening.", "Thursday evening", "2025-07-03TEV", "TIME"),
    ("Troops withdrew last Friday.", "last Friday", "2025-06-27", "DATE"),
    ("The envoy arrives next Monday.", "next Monday", "2025-07-07", "DATE"),
    ("The leaders will meet on Monday.", "Monday", "2025-07-07", "DATE"),
    ("She was detained early Tuesday.", "early Tuesday", "2025-07-01", "DATE"),
    ("The summit ended on Monday, 30 June.", "Monday, 30 June", "2025-06-30", "DATE"),
    # deictic days and parts of days
    ("The port was shelled yesterday.", "yesterday", "2025-07-03", "DATE"),
    ("Parliament votes today.", "today", "2025-07-04", "DATE"),
    ("The vote is tomorrow.", "tomorrow", "2025-07-05", "DATE"),
    ("Sirens sounded this morning.", "this morning", "2025-07-04TMO", "TIME"),
    ("He will speak tonight.", "tonight", "2025-07-04TNI", "TIME"),
    ("Missiles fell overnight.", "overnight", "2025-07-03TNI", "TIME"),
    ("Fighting raged last night.", "last night", "2025-07-03TNI", "TIME"),
    ("The bridge was hit at 5 p.m. on Thursday.", "5 p.m. on Thursday", "2025-07-03T17:00", "TIME"),
    # weeks, months, years, quarters, seasons, decades, centuries
    ("Prices rose last week.", "last week", "2025-W26", "DATE"),
    ("Talks resume this week.", "this week", "2025-W27", "DATE"),
    ("The deal was signed earlier this month.", "earlier this month", "2025-07", "DATE"),
    ("Exports fell last month.", "last month", "2025-06", "DATE"),
    ("Sanctions were imposed last year.", "last year", "2024", "DATE"),
    ("Elections are due next year.", "next year", "2026", "DATE"),
    ("Growth slowed this year.", "this year", "2025", "DATE"),
    ("The offensive began in March.", "March", "2025-03", "DATE"),
    ("The treaty was signed on 4 July.", "4 July", "2025-07-04", "DATE"),
    ("The treaty was signed on July 4.", "July 4", "2025-07-04", "DATE"),
    ("The treaty was signed on 4 July 2025.", "4 July 2025", "2025-07-04", "DATE"),
    ("The invasion began on 24 February.", "24 February", "2025-02-24", "DATE"),
    ("It was agreed in July 2025.", "July 2025", "2025-07", "DATE"),
    ("The war began in 2022.", "2022", "2022", "DATE"),
    ("The record is dated 2025-06-30.", "2025-06-30", "2025-06-30", "DATE"),
    ("Profits fell in the third quarter.", "the third quarter", "2025-Q3", "DATE"),
    ("The offensive is planned for summer 2025.", "summer 2025", "2025-SU", "DATE"),
    ("Fighting eased last winter.", "last winter", "2024-WI", "DATE"),
    ("The treaty dates from the 1990s.", "the 1990s", "199", "DATE"),
    ("Borders were drawn in the 20th century.", "the 20th century", "19", "DATE"),
    ("It closed on Christmas Day 2024.", "Christmas Day 2024", "2024-12-25", "DATE"),
    # durations
    ("The siege lasted three days.", "three days", "P3D", "DURATION"),
    ("Power was cut for 24 hours.", "24 hours", "PT24H", "DURATION"),
    ("Shelling intensified over the past two weeks.", "the past two weeks", "P2W", "DURATION"),
    ("The dispute has gone on for years.", "years", "PXY", "DURATION"),
    ("The plant was closed for a decade.", "a decade", "P10Y", "DURATION"),
    ("They talked for twenty minutes.", "twenty minutes", "PT20M", "DURATION"),
    ("He served a five-year term.", "five-year", "P5Y", "DURATION"),
    ("Talks took two and a half years.", "two and a half years", "P30M", "DURATION"),
    # relative offsets
    ("The ship sank two days ago.", "two days ago", "2025-07-02", "DATE"),
    ("The town fell three weeks later.", "three weeks later", "2025-W30", "DATE"),
    ("It was rebuilt a year ago.", "a year ago", "2024", "DATE"),
    ("Strikes followed hours after the vote.", "hours", "PTXH", "DURATION"),
    ("Days later, the town fell.", "Days later", "PXD", "DURATION"),
    # references to now, the past and the future
    ("Talks are now stalled.", "now", "PRESENT_REF", "DATE"),
    ("Talks are currently stalled.", "currently", "PRESENT_REF", "DATE"),
    ("The army recently withdrew.", "recently", "PAST_REF", "DATE"),
    ("Attacks grew in recent days.", "recent days", "PXD", "DURATION"),  # as TimeML marks it
    ("Peace may come in the future.", "the future", "FUTURE_REF", "DATE"),
    # sets
    ("Convoys cross every day.", "every day", "P1D", "SET"),
    ("The council meets weekly.", "weekly", "P1W", "SET"),
    ("Markets open on Fridays.", "Fridays", "XXXX-WXX-5", "SET"),
]


@pytest.mark.parametrize(("sentence", "expression", "value", "type_"), CASES)
def test_rule(sentence: str, expression: str, value: str | None, type_: str) -> None:
    found = {t.text: t for t in find_timexes(sentence, ANCHOR)}
    assert expression in found, f"{expression!r} not found in {sentence!r}: {list(found)}"
    assert found[expression].value == value
    assert found[expression].type == type_


@pytest.mark.parametrize(
    "sentence",
    [
        "A 45-year-old man was arrested.",
        "The victim, aged 30, was a teacher.",
        "She is in her thirties.",
        "Patriot batteries were delivered.",
        "About 1,000 soldiers took part.",
        "Jan Kavan signed the treaty.",
        "The station aired the programme 60 Minutes.",
        "He may resign.",
    ],
)
def test_not_a_time(sentence: str) -> None:
    assert find_timexes(sentence, ANCHOR) == []


def test_offsets_point_into_the_text() -> None:
    text = "Russia struck Kyiv overnight, officials said on Friday."
    for timex in find_timexes(text, ANCHOR):
        assert text[timex.start : timex.end] == timex.text


def test_overnight_spans_two_days() -> None:
    (night,) = find_timexes("Drones attacked overnight.", ANCHOR)
    assert night.overnight
    assert night.days == (dt.date(2025, 7, 3), dt.date(2025, 7, 4))
    (thursday_night,) = find_timexes("Drones attacked on Thursday night.", ANCHOR)
    assert thursday_night.overnight and thursday_night.value == "2025-07-03TNI"
    (day,) = find_timexes("Drones attacked on Thursday.", ANCHOR)
    assert not day.overnight and day.days == (dt.date(2025, 7, 3),)


def test_tense_hint_picks_the_next_weekday() -> None:
    (past,) = find_timexes("on Monday", ANCHOR, tense="past")
    (future,) = find_timexes("on Monday", ANCHOR, tense="future")
    assert (past.value, future.value) == ("2025-06-30", "2025-07-07")
    assert detect_tense("He will travel on Monday.", 18, 24) == "future"


def test_relative_expressions_follow_the_reference_time() -> None:
    text = "The dam was hit on 3 March 2023. The following day, the town flooded."
    values = [t.value for t in find_timexes(text, ANCHOR)]
    assert values == ["2023-03-03", "2023-03-04"]


def test_year_earlier_compares_with_the_quarter_in_question() -> None:
    text = "Profit rose in the second quarter from a year earlier."
    values = [t.value for t in find_timexes(text, ANCHOR)]
    assert values == ["2025-Q2", "2024-Q2"]


#: (sentence, expression, value): the governing verb's tense picks the year of a date without
#: one; a weekday written with the date picks the year in which they agree
GOVERNED = [
    ("The chairman stepped down in November.", "November", "2024-11"),
    ("The company bought the mill in December.", "December", "2024-12"),
    ("Sales for the year ended December 31 were weak.", "December 31", "2024-12-31"),
    ("Talks resumed in early September.", "early September", "2024-09"),
    ("The bid was extended to November 20.", "November 20", "2025-11-20"),
    ("The merger is to be completed by December 15.", "December 15", "2025-12-15"),
    ("The board will redeem the preferred shares on November 30.", "November 30", "2025-11-30"),
    ("The dividend is payable December 1.", "December 1", "2025-12-01"),
    ("The paper said in an editorial on Saturday, November 1, that talks failed.",
     "Saturday, November 1", "2025-11-01"),
    ("The offer had been due to expire on Saturday.", "Saturday", "2025-06-28"),
    ("The offer was due to expire on Saturday.", "Saturday", "2025-07-05"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "expression", "value"), GOVERNED)
def test_governing_verb_picks_the_year(sentence: str, expression: str, value: str) -> None:
    found = {t.text: t.value for t in find_timexes(sentence, ANCHOR)}
    assert found.get(expression) == value, found


def test_year_ago_after_a_past_year_is_that_year() -> None:
    text = "Net income was $5 million in the 2024 period. The year-ago results included a charge."
    assert [t.value for t in find_timexes(text, ANCHOR)] == ["2024", "2024"]


def test_year_earlier_after_nine_months_is_the_year_before() -> None:
    text = (
        "Profit rose in the second quarter. For the nine months, profit rose from a year earlier."
    )
    values = {t.text: t.value for t in find_timexes(text, ANCHOR)}
    assert values["the second quarter"] == "2025-Q2" and values["a year earlier"] == "2024"


def test_timeml_split_is_aquaint_for_check() -> None:
    from dateline.eval.splits import split_of_timebank

    assert split_of_timebank("tbaq-cleaned/AQUAINT/a.tml") == "check"
    assert split_of_timebank("tbaq-cleaned/TimeBank/b.tml") == "tune"


def test_split_is_refused_where_a_task_has_none() -> None:
    from typer.testing import CliRunner

    from dateline.cli import app

    result = CliRunner().invoke(app, ["eval", "--task", "quotes", "--split", "check", "."])
    assert result.exit_code == 2
    assert "task 'quotes' has no tune/check parts" in result.output


def test_no_anchor_keeps_the_type() -> None:
    (timex,) = find_timexes("on Thursday", None)
    assert timex.type == "DATE" and timex.value == "XXXX-WXX-4"
    assert find_timexes("for three days", None)[0].value == "P3D"


def test_normalise() -> None:
    assert normalise("last Friday", ANCHOR) == ("2025-06-27", "DATE")
    assert normalise("March", ANCHOR) == ("2025-03", "DATE")
    assert normalise("three days", ANCHOR) == ("P3D", "DURATION")
    assert normalise("Patriot", ANCHOR) == (None, None)


def test_stage_without_spacy_doc() -> None:
    from dateline.stages.time import TimeStage

    text = "Drones hit Odesa overnight. On Thursday, talks were held for three hours."
    document = Document(article=Article(text=text, published=ANCHOR))
    stage = TimeStage()
    stage.initialize(None)
    document = stage(document)
    assert [(d.text, d.value, d.type) for d in document.dates] == [
        ("overnight", "2025-07-03TNI", "TIME"),
        ("Thursday", "2025-07-03", "DATE"),
        ("three hours", "PT3H", "DURATION"),
    ]
    notes = document.notes["time"]
    assert isinstance(notes[document.dates[0].span], Timex)
    assert notes[document.dates[0].span].overnight
    assert stage.name == "time" and stage.requires == ("doc",) and stage.assigns == ("dates",)


@pytest.mark.slow
def test_stage_with_spacy(nlp) -> None:  # type: ignore[no-untyped-def]
    from dateline.stages.time import TimeStage

    text = "The Patriot systems arrived on Thursday. The ceasefire held for 48 hours."
    document = Document(article=Article(text=text, published=ANCHOR), doc=nlp(text))
    document = TimeStage()(document)
    texts = [d.text for d in document.dates]
    assert "Thursday" in texts and "48 hours" in texts
    assert not any("Patriot" in t for t in texts)
    assert [d.span for d in document.dates] == sorted(d.span for d in document.dates)


def test_today_in_quoted_words_is_the_day_they_were_said() -> None:
    from dateline.document import Article, Document
    from dateline.stages.time import TimeStage

    text = (
        "“We reached a deal today,” the envoy told reporters in Geneva on Tuesday evening.\n\n"
        "The deal was published today."
    )
    document = Document(article=Article(text=text, published=dt.date(2025, 7, 4)))
    stage = TimeStage(use_entities=False)
    values = {(d.text, d.span[0] < 40): d.value for d in stage(document).dates}
    assert values[("today", True)] == "2025-07-01"  # inside the quote: Tuesday
    assert values[("today", False)] == "2025-07-04"  # the reporter's today


def test_rules_are_one_ordered_table() -> None:
    from dateline.timex.grammar import RULES, compiled_rules

    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    # the priority on ties is this order: changing it is a change of behaviour
    assert names[:3] == ["age", "iso", "month_day"]
    assert names.index("relative_period") < names.index("year_end")
    assert names[-1] == "holiday"
    assert [rule.name for rule in compiled_rules()] == names


def test_month_and_holiday_words_come_from_the_data_files() -> None:
    assert normalise("Sept. 9", ANCHOR)[0] == "2025-09-09"
    assert normalise("Christmas Eve", ANCHOR) == ("2025-12-24", "DATE")
    assert normalise("fortnightly", ANCHOR) == ("P2W", "SET")
    assert normalise("a fortnight", ANCHOR) == ("P2W", "DURATION")
