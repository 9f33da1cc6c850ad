"""Acceptance checks on the seed report (../shared/eval/seed), run through the command line.

The checks name actors and short phrases only; the article itself stays in ../shared."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

pytestmark = pytest.mark.slow

PRONOUNS = {
    "person": {"he", "him", "his", "she", "her", "hers", "they", "them", "their"},
    "other": {"it", "its", "they", "them", "their"},
}


@pytest.fixture(scope="module")
def record(shared_dir: Path) -> dict[str, Any]:
    from dateline.cli import app
    from dateline.records import validate_record

    seed = shared_dir / "eval" / "seed" / "article.txt"
    if not seed.is_file():
        pytest.skip(f"{seed} is not present")
    result = CliRunner().invoke(app, ["extract", str(seed)])
    assert result.exit_code == 0, result.output
    value: dict[str, Any] = json.loads(result.stdout)
    validate_record(value)
    return value


def _actor_at(record: dict[str, Any], phrase: str) -> dict[str, Any]:
    """The actor with a mention covering the first occurrence of ``phrase`` (any case)."""
    text = record["article"]["text"]
    match = re.search(re.escape(phrase), text, flags=re.IGNORECASE)
    assert match, f"{phrase!r} is not in the seed article"
    for actor in record["actors"]:
        for start, end in actor["mentions"]:
            if start <= match.start() and match.end() <= end:
                return actor
    raise AssertionError(f"no actor mention covers {phrase!r}")


def test_article_metadata(record: dict[str, Any]) -> None:
    assert record["article"]["published"] == "2025-07-04"
    assert record["article"]["published_source"] == "url"


@pytest.mark.parametrize(
    ("name", "country"),
    [("Donald Trump", "USA"), ("Volodymyr Zelenskyy", "UKR"), ("Vladimir Putin", "RUS")],
)
def test_leaders(record: dict[str, Any], name: str, country: str) -> None:
    found = [a for a in record["actors"] if a["name"] == name]
    assert len(found) == 1, [a["name"] for a in record["actors"]]
    assert (found[0]["country"], found[0]["sector"], found[0]["kind"]) == (country, "GOV", "person")


@pytest.mark.parametrize(
    ("phrase", "country"),
    [
        ("Washington", "USA"),
        ("the Kremlin", "RUS"),
        ("Moscow", "RUS"),
        ("a Putin aide", "RUS"),
        ("a German government spokesperson", "DEU"),
    ],
)
def test_metonyms_and_descriptions(record: dict[str, Any], phrase: str, country: str) -> None:
    actor = _actor_at(record, phrase)
    assert (actor["country"], actor["sector"]) == (country, "GOV"), actor


def test_every_mention_is_a_name_of_its_actor(record: dict[str, Any]) -> None:
    """Each mention's text is a trimmed phrase that names the actor it is listed under, or a
    pronoun of the right kind; no span is claimed by two actors."""
    text = record["article"]["text"]
    aliases = {
        "Donald Trump": {"trump", "president"},
        "Volodymyr Zelenskyy": {"zelenskyy", "president"},
        "Vladimir Putin": {"putin", "president"},
    }
    owners: dict[tuple[int, int], str] = {}
    for actor in record["actors"]:
        pronouns = PRONOUNS["person" if actor["kind"] == "person" else "other"]
        for start, end in actor["mentions"]:
            words = text[start:end]
            assert words.strip() == words and words, (actor["name"], start, end)
            assert (start, end) not in owners, (words, actor["name"], owners.get((start, end)))
            owners[(start, end)] = actor["name"]
            if words.lower() in pronouns:
                continue
            assert words.lower() not in PRONOUNS["person"] | PRONOUNS["other"], (
                f"{actor['name']} ({actor['kind']}) takes the pronoun {words!r}"
            )
            if actor["name"] in aliases:
                tokens = set(re.findall(r"\w+", words.lower()))
                assert tokens & aliases[actor["name"]], (actor["name"], words)


def test_leaders_are_named_where_the_article_names_them(record: dict[str, Any]) -> None:
    text = record["article"]["text"]
    for name, surname in [
        ("Donald Trump", "Trump"),
        ("Volodymyr Zelenskyy", "Zelenskyy"),
        ("Vladimir Putin", "Putin"),
    ]:
        (actor,) = [a for a in record["actors"] if a["name"] == name]
        named = [s for s, e in actor["mentions"] if surname in text[s:e]]
        # "Trump administration" and "Putin aide" name other actors; every other bare
        # occurrence of the surname is a mention of the leader.
        bare = [
            m.start()
            for m in re.finditer(surname, text)
            if not re.match(r"\w* (administration|aide)", text[m.start() :])
        ]
        covered = [p for p in bare if any(s <= p < e for s, e in actor["mentions"])]
        assert covered == bare, (name, len(named), len(bare))


@pytest.mark.parametrize(
    ("phrase", "day"),
    [
        ("on Friday", "2025-07-04"),
        ("on Thursday", "2025-07-03"),
        ("Thursday evening", "2025-07-03"),
    ],
)
def test_days(record: dict[str, Any], phrase: str, day: str) -> None:
    """Every occurrence of the phrase resolves to its day (the article is dated a Friday)."""
    text = record["article"]["text"]
    starts = [m.start() for m in re.finditer(re.escape(phrase), text)]
    assert starts, phrase
    for position in starts:
        covering = [
            d for d in record["dates"] if d["span"][0] <= position + len(phrase) - 1 < d["span"][1]
        ]
        assert covering, f"no date covers {phrase!r} at {position}"
        assert all(d["value"][:10] == day for d in covering), (phrase, covering)


def test_every_weekday_resolves_to_the_article_week(record: dict[str, Any]) -> None:
    weekdays = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    days = [d for d in record["dates"] if d["text"].split()[0] in weekdays]
    assert days
    for date in days:
        assert date["value"][:10] in {"2025-07-03", "2025-07-04"}, date


def test_today_in_a_quote_is_the_day_it_was_said(record: dict[str, Any]) -> None:
    (today,) = [d for d in record["dates"] if d["text"].lower() == "today"]
    assert today["value"] == "2025-07-03"


def test_one_strike_told_twice_is_one_event_with_its_place_and_figure(
    record: dict[str, Any],
) -> None:
    countries = {a["id"]: a["country"] for a in record["actors"]}
    strikes = [
        e
        for e in record["events"]
        if e["type"] == "ASSAULT"
        and {countries[i] for i in e["actor"]} == {"RUS"}
        and {countries[i] for i in e["recipient"]} == {"UKR"}
    ]
    assert len(strikes) == 1, strikes
    (strike,) = strikes
    assert strike["place"]["name"] == "Kyiv" and strike["date"]["value"]
    assert [q["value"] for q in strike["quantities"]] == [550.0]
    assert strike["evidence"]["more"]
