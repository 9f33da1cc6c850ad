"""The GUIDELINES.md scorer, checked on hand-made gold/system pairs scored by hand."""

from __future__ import annotations

import copy
import itertools
import json
import random
from pathlib import Path
from typing import Any

import pytest

from dateline.errors import GoldError
from dateline.eval.gold import (
    EMPTY_RECORD,
    date_correct,
    evaluate,
    explain,
    load_gold,
    mode_correct,
    place_correct,
    score_article,
    speaker_correct,
)
from dateline.eval.matching import max_weight_matching, name_tokens, names_match, word_tokens


@pytest.fixture
def gold_root(fixtures_dir: Path) -> Path:
    return fixtures_dir / "eval" / "gold"


def _pair(root: Path, name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    gold = load_gold(root / name)
    record = json.loads((root / name / "system.json").read_text(encoding="utf-8"))
    return record, gold


# --------------------------------------------------------------------------- alpha, by hand
# Gold: e1 CONSULT NOR,CHL -> null (required), e2 SANCTION NOR -> CHL (required),
# e3 ASSAULT unknown -> CHL, date [03-07, 03-08] (required), e4 ACCUSE CHL -> null (required),
# e5 SUPPORT NOR -> CHL (optional).
# System: s1 CONSULT NOR -> ARG (e1), s2 CONSULT NOR -> ARG (second copy of e1: duplicate),
# s3 ASSAULT -> CHL (e3), s4 SUPPORT NOR -> CHL (optional e5), s5 THREATEN NOR -> CHL (false),
# s6 ACCUSE NOR -> CHL (false: gold e4's actor is CHL), s7 ACCUSE CHL -> none (e4).
# tp = 3, false = 2: P = 3/5, R = 3/4, F1 = 2/3.


def test_alpha_event_scores(gold_root: Path) -> None:
    record, gold = _pair(gold_root, "alpha")
    score = score_article(record, gold)
    pairs = {p.gold["id"]: p.system["id"] for p in score.matched_required}
    assert pairs == {"e1": "s1", "e3": "s3", "e4": "s7"}
    assert [g["id"] for g in score.missed_required] == ["e2"]
    assert [s["id"] for s in score.false_events] == ["s5", "s6"]
    assert [s["id"] for s in score.duplicate_events] == ["s2"]
    assert [(p.gold["id"], p.system["id"]) for p in score.matched_optional] == [("e5", "s4")]
    m = score.metrics()
    assert m["ev_P"] == pytest.approx(3 / 5)
    assert m["ev_R"] == pytest.approx(3 / 4)
    assert m["ev_F1"] == pytest.approx(2 / 3)
    assert m["ev_req"] == "3/4"
    assert (m["ev_false"], m["ev_dup"]) == (2, 1)
    # e1 exact mode; e3 {drone, missile} vs {drone} only lenient; e4 exact.
    assert m["mode"] == pytest.approx(2 / 3)
    assert m["mode_len"] == 1.0
    # e1 right; e3 2024-03-08 is one of the listed days; e4 system null vs gold 2024-03-08.
    assert m["date"] == pytest.approx(2 / 3)
    # e1 system Oslo vs gold null; e3 2 km away in CHL; e4 null = null.
    assert m["place"] == pytest.approx(2 / 3)


def test_alpha_quote_and_actor_scores(gold_root: Path) -> None:
    record, gold = _pair(gold_root, "alpha")
    score = score_article(record, gold)
    pairs = {q.gold["id"]: (q.system["id"], q.speaker_ok) for q in score.quote_pairs}
    # q1 right speaker; q2 "a source" (speaker text only) right; q3 said by Rojas, system Chile.
    assert pairs == {"q1": ("sq1", True), "q2": ("sq2", True), "q3": ("sq3", False)}
    assert [q["id"] for q in score.missed_quotes] == ["q4"]
    assert [q["id"] for q in score.false_quotes] == ["sq4", "sq5"]  # sq5 repeats sq1: one-to-one
    m = score.metrics()
    assert (m["q_P"], m["q_R"]) == (pytest.approx(3 / 5), pytest.approx(3 / 4))
    assert m["q_F1"] == pytest.approx(2 / 3)
    assert m["speaker"] == pytest.approx(2 / 3)
    # six gold actors, "a source" not found; Rojas has the wrong country, the ministry the wrong
    # sector (found through its mention "Chile's foreign ministry", not its name).
    assert m["act_found"] == pytest.approx(5 / 6)
    assert m["act_country"] == pytest.approx(4 / 5)
    assert m["act_sector"] == pytest.approx(4 / 5)
    ministry = next(a for a in score.actors if a.gold["name"] == "Chile's foreign ministry")
    assert ministry.system is not None and ministry.system["id"] == "a5"


def test_a_folder_of_report_folders_stands_for_its_reports(gold_root: Path) -> None:
    records = {n: _pair(gold_root, n)[0] for n in ("alpha", "bravo")}
    whole = evaluate([gold_root], records=records)
    one_by_one = evaluate([gold_root / "alpha", gold_root / "bravo"], records=records)
    assert [r["item"] for r in whole.rows] == ["alpha", "bravo"]
    assert whole.total == one_by_one.total


def test_evaluate_rows_and_micro_total(gold_root: Path) -> None:
    records = {n: _pair(gold_root, n)[0] for n in ("alpha", "bravo")}
    report = evaluate([gold_root / "alpha", gold_root / "bravo" / "gold.json"], records=records)
    assert [r["item"] for r in report.rows] == ["alpha", "bravo"]
    bravo = report.rows[1]
    assert (bravo["ev_P"], bravo["ev_R"], bravo["ev_F1"], bravo["ev_req"]) == (0.0, 0.0, 0.0, "0/2")
    assert bravo["mode"] is None and bravo["speaker"] is None
    total = report.total
    # micro: tp 3, false 2, required 4 + 2; quotes 3 of 5 system, 5 gold; actors 5 of 8.
    assert total["ev_P"] == pytest.approx(3 / 5)
    assert total["ev_R"] == pytest.approx(3 / 6)
    assert total["ev_F1"] == pytest.approx(2 * 0.6 * 0.5 / 1.1)
    assert total["ev_req"] == "3/6"
    assert (total["q_P"], total["q_R"], total["q_F1"]) == (
        pytest.approx(0.6),
        pytest.approx(0.6),
        pytest.approx(0.6),
    )
    assert total["act_found"] == pytest.approx(5 / 8)
    table = report.to_table()
    assert "TOTAL" in table and "3/6" in table


def test_evaluate_runs_a_pipeline_on_the_article_file(gold_root: Path) -> None:
    class FakePipeline:
        def __init__(self) -> None:
            self.paths: list[Path] = []

        def extract_file(self, path: Path) -> dict[str, Any]:
            self.paths.append(Path(path))
            return json.loads((Path(path).parent / "system.json").read_text(encoding="utf-8"))

    fake = FakePipeline()
    report = evaluate([gold_root / "alpha"], pipeline=fake)
    assert fake.paths == [gold_root / "alpha" / "article.txt"]
    assert report.total["ev_req"] == "3/4"


def test_missing_record_is_scored_empty_with_a_note(gold_root: Path) -> None:
    report = evaluate([gold_root / "alpha"], records={})
    assert report.total["ev_req"] == "0/4"
    assert any("no record given" in note for note in report.notes)


@pytest.mark.parametrize("record", [EMPTY_RECORD, {}, {"events": None, "actors": None}])
def test_empty_record_scores_zero(gold_root: Path, record: dict[str, Any]) -> None:
    gold = load_gold(gold_root / "alpha")
    m = score_article(record, gold).metrics()
    assert (m["ev_P"], m["ev_R"], m["ev_F1"], m["q_F1"], m["act_found"]) == (0, 0, 0, 0, 0)
    assert m["ev_req"] == "0/4"
    assert m["mode"] is None and m["act_country"] is None


def test_explain_lists_misses_and_false_alarms(gold_root: Path) -> None:
    record, gold = _pair(gold_root, "alpha")
    text = explain(record, gold, name="alpha")
    assert "e2 SANCTION NOR -> CHL" in text
    assert "evidence: Norway has halted fuel shipments to Chile." in text
    assert "sentence: The Norwegian government said" in text
    assert "[BAD] q3" in text and "not found: a source" in text
    report = evaluate([gold_root / "alpha"], records={"alpha": record}, details=True)
    assert any("== alpha" in note for note in report.notes)


# --------------------------------------------------------------------------- small cases

GOLD_ACTORS = [
    {"name": "Volodymyr Zelenskyy", "country": "UKR", "sector": "GOV", "aliases": ["he"]},
    {"name": "Germany", "country": "DEU", "sector": "GOV", "aliases": ["the German government"]},
]


def _gold(events: list[dict[str, Any]], quotes: list[dict[str, Any]] | None = None) -> dict:
    full = []
    for i, e in enumerate(events):
        base = {
            "id": f"e{i + 1}",
            "mode": [],
            "context": [],
            "date": None,
            "place": None,
            "recipient": None,
            "required": True,
        }
        full.append({**base, **e})
    return {"article": {}, "actors": GOLD_ACTORS, "events": full, "quotes": quotes or []}


def _record(events: list[dict[str, Any]], quotes: list[dict[str, Any]] | None = None) -> dict:
    actors = [
        {"id": f"c{code}", "name": code, "country": code, "sector": "GOV", "mentions": []}
        for code in ("UKR", "RUS", "DEU", "USA")
    ]
    full = []
    for i, e in enumerate(events):
        base = {
            "id": f"s{i + 1}",
            "mode": [],
            "actor": [],
            "recipient": [],
            "date": None,
            "place": None,
            "confidence": 0.5,
        }
        full.append({**base, **e})
    return {"article": {"text": ""}, "actors": actors, "events": full, "quotes": quotes or []}


def test_each_gold_event_takes_at_most_one_system_event() -> None:
    gold = _gold([{"type": "ASSAULT", "actor": ["RUS"], "recipient": ["UKR"]}])
    event = {"type": "ASSAULT", "actor": ["cRUS"], "recipient": ["cUKR"]}
    score = score_article(_record([event, dict(event), dict(event)]), gold)
    assert len(score.matched_required) == 1
    assert len(score.duplicate_events) == 2 and not score.false_events
    m = score.metrics()
    assert (m["ev_P"], m["ev_R"]) == (1.0, 1.0)


def test_required_gold_events_are_matched_first() -> None:
    # The optional event comes first and is equally compatible: the required one must win.
    gold = _gold(
        [
            {"type": "ACCUSE", "actor": ["UKR"], "recipient": ["RUS"], "required": False},
            {"type": "ACCUSE", "actor": ["UKR"], "recipient": None},
        ]
    )
    score = score_article(
        _record([{"type": "ACCUSE", "actor": ["cUKR"], "recipient": ["cRUS"]}]), gold
    )
    assert [p.gold["id"] for p in score.matched_required] == ["e2"]
    assert score.metrics()["ev_R"] == 1.0


def test_optional_match_is_neither_reward_nor_false_alarm() -> None:
    gold = _gold(
        [
            {"type": "ASSAULT", "actor": ["RUS"], "recipient": ["UKR"]},
            {"type": "AID", "actor": ["DEU"], "recipient": ["UKR"], "required": False},
        ]
    )
    only_optional = score_article(
        _record([{"type": "AID", "actor": ["cDEU"], "recipient": ["cUKR"]}]), gold
    )
    m = only_optional.metrics()
    assert (m["ev_P"], m["ev_R"], m["ev_false"]) == (0.0, 0.0, 0)
    assert m["counts"]["ev_optional"] == 1


def test_recipient_rules() -> None:
    gold = _gold([{"type": "REQUEST", "actor": ["UKR"], "recipient": ["DEU"]}])
    no_recipient = score_article(_record([{"type": "REQUEST", "actor": ["cUKR"]}]), gold)
    assert no_recipient.metrics()["ev_false"] == 1
    wrong = score_article(
        _record([{"type": "REQUEST", "actor": ["cUKR"], "recipient": ["cUSA"]}]), gold
    )
    assert wrong.metrics()["ev_R"] == 0.0
    # Gold recipient null: any recipient, or none, is accepted.
    open_gold = _gold([{"type": "REQUEST", "actor": ["UKR"], "recipient": None}])
    for recipient in ([], ["cUSA"]):
        record = _record([{"type": "REQUEST", "actor": ["cUKR"], "recipient": recipient}])
        assert score_article(record, open_gold).metrics()["ev_R"] == 1.0


def test_patron_state_listed_in_gold_is_accepted() -> None:
    # A self-proclaimed authority in UKR backed by RUS: gold lists both states.
    gold = _gold([{"type": "COERCE", "actor": ["UKR", "RUS"], "recipient": ["USA"]}])
    record = _record([{"type": "COERCE", "actor": ["cRUS"], "recipient": ["cUSA"]}])
    assert score_article(record, gold).metrics()["ev_R"] == 1.0


def test_actor_without_country_adds_nothing() -> None:
    gold = _gold([{"type": "PROTEST", "actor": ["UKR"]}])
    record = _record([{"type": "PROTEST", "actor": ["x"]}])
    record["actors"].append({"id": "x", "name": "protesters", "country": None, "sector": "CVL"})
    assert score_article(record, gold).metrics()["ev_false"] == 1


def test_date_mode_and_place_rules() -> None:
    assert date_correct({"value": "2025-07-03"}, ["2025-07-03", "2025-07-04"])
    assert date_correct({"value": "2025-07-04"}, "2025-07-04")
    assert not date_correct({"value": "2025-07"}, "2025-07-04")
    assert date_correct(None, None) and date_correct({"value": None}, None)
    assert not date_correct(None, "2025-07-04") and not date_correct({"value": "2025-07-04"}, None)

    assert mode_correct({"mode": ["phone"]}, {"mode": ["phone"]}) == (True, True)
    assert mode_correct({"mode": ["phone", "visit"]}, {"mode": ["phone"]}) == (False, True)
    assert mode_correct({"mode": []}, {"mode": []}) == (True, True)
    assert mode_correct({"mode": ["visit"]}, {"mode": []}) == (False, False)

    kyiv = {"name": "Kyiv", "country": "UKR", "lat": 50.45, "lon": 30.52}
    near = {"name": "Brovary", "country": "UKR", "lat": 50.51, "lon": 30.79}  # ~20 km
    far = {"name": "Lviv", "country": "UKR", "lat": 49.84, "lon": 24.03}
    assert place_correct(None, None)
    assert place_correct(near, kyiv)
    assert not place_correct(far, kyiv)
    assert not place_correct({**near, "country": "BLR"}, kyiv)
    assert place_correct({"name": "kyiv", "country": None, "lat": None, "lon": None}, kyiv)
    assert place_correct({"name": "Istanbul"}, {"name": "A Palace, Istanbul", "country": "TUR"})
    assert not place_correct(kyiv, None) and not place_correct(None, kyiv)


def test_quote_overlap_needs_half_of_each_side() -> None:
    gold = _gold(
        [],
        quotes=[
            {
                "id": "q1",
                "kind": "direct",
                "text": "we will hold the line",
                "speaker": "Germany",
                "speaker_country": "DEU",
                "speaker_sector": "GOV",
            }
        ],
    )

    def quote(text: str) -> dict[str, Any]:
        return {"id": "s", "kind": "direct", "text": text, "speaker": "cDEU", "speaker_text": None}

    def matched(text: str) -> int:
        return len(score_article(_record([], [quote(text)]), gold).quote_pairs)

    assert matched("We will HOLD the line!") == 1
    assert matched("hold the line") == 1  # 3 of 5 gold tokens, all of its own
    assert matched("the line") == 0  # 2 of 5 gold tokens
    assert matched("we will hold the line and keep every village safe") == 1  # 5 of 10
    assert matched("we will hold the line and keep every village safe today") == 0  # 5 of 11


def test_quotes_are_paired_one_to_one_by_best_overlap() -> None:
    quotes = [
        {
            "id": "q1",
            "kind": "direct",
            "text": "talks were useful and frank",
            "speaker": "Germany",
            "speaker_country": "DEU",
            "speaker_sector": "GOV",
        },
        {
            "id": "q2",
            "kind": "direct",
            "text": "talks were useful",
            "speaker": "Germany",
            "speaker_country": "DEU",
            "speaker_sector": "GOV",
        },
    ]
    system = [
        {"id": "s1", "text": "talks were useful", "speaker": "cDEU"},
        {"id": "s2", "text": "the talks were useful and frank", "speaker": "cDEU"},
    ]
    score = score_article(_record([], system), _gold([], quotes))
    assert {(p.gold["id"], p.system["id"]) for p in score.quote_pairs} == {
        ("q1", "s2"),
        ("q2", "s1"),
    }


def _speaker_ok(
    system_speaker: dict[str, Any] | None,
    gold_quote: dict[str, Any],
    speaker_text: str | None = None,
) -> bool:
    index = {"x": system_speaker} if system_speaker else {}
    quote = {"speaker": "x" if system_speaker else None, "speaker_text": speaker_text}
    return speaker_correct(quote, gold_quote, index, GOLD_ACTORS)


def test_speaker_names() -> None:
    zelenskyy = {
        "speaker": "Volodymyr Zelenskyy",
        "speaker_country": "UKR",
        "speaker_sector": "GOV",
    }
    for name in (
        "Volodymyr Zelenskyy",
        "Zelenskyy",
        "ZELENSKIY",
        "President Zelensky",
        "Volodymyr Zelenskyy's",
    ):
        assert _speaker_ok({"name": name, "country": "UKR", "sector": "GOV"}, zelenskyy), name
    assert not _speaker_ok({"name": "Denys Shmyhal", "country": "UKR", "sector": "GOV"}, zelenskyy)
    assert not _speaker_ok({"name": "he", "country": "UKR", "sector": "GOV"}, zelenskyy)
    assert not _speaker_ok(None, zelenskyy)
    assert _speaker_ok(None, zelenskyy, speaker_text="Zelenskyy")  # no actor: its text
    # An alias from the gold actors list: "the German government" is Germany.
    german = {"speaker": "the German government", "speaker_country": "DEU", "speaker_sector": "GOV"}
    assert _speaker_ok({"name": "Germany", "country": "DEU", "sector": "GOV"}, german)


def test_unnamed_speaker_by_country_and_sector() -> None:
    spokesperson = {
        "speaker": "a government spokesperson",
        "speaker_country": "DEU",
        "speaker_sector": "GOV",
    }
    assert _speaker_ok({"name": "spokesperson", "country": "DEU", "sector": "GOV"}, spokesperson)
    assert not _speaker_ok({"name": "Bundeswehr", "country": "DEU", "sector": "MIL"}, spokesperson)
    assert not _speaker_ok({"name": "official", "country": "FRA", "sector": "GOV"}, spokesperson)
    source = {"speaker": "a source", "speaker_country": None, "speaker_sector": None}
    assert _speaker_ok({"name": "an insider", "country": None, "sector": None}, source)
    assert not _speaker_ok({"name": "an insider", "country": "USA", "sector": None}, source)
    assert not _speaker_ok(None, source)
    # A named speaker is not accepted on country and sector alone.
    named = {"speaker": "Olaf Weber", "speaker_country": "DEU", "speaker_sector": "GOV"}
    assert not _speaker_ok({"name": "Germany", "country": "DEU", "sector": "GOV"}, named)
    # Patron state of a self-proclaimed authority.
    proxy = {
        "speaker": "separatist officials",
        "speaker_country": "MDA",
        "speaker_sector": "GOV",
        "speaker_patron_country": "RUS",
    }
    assert _speaker_ok({"name": "officials", "country": "RUS", "sector": "GOV"}, proxy)


def test_names_match() -> None:
    assert names_match("Zelenskiy", "Volodymyr Zelenskyy")
    assert names_match("President Putin", "Vladimir Putin")
    assert names_match("Erdogan", "Recep Tayyip Erdoğan")
    assert names_match("Recep Erdoğan", "Recep Tayyip Erdoğan")
    assert names_match("the United States", "United States")
    assert names_match("von der Leyen", "Ursula von der Leyen")
    assert not names_match("Ukraine", "the British ambassador to Ukraine")
    assert not names_match("president", "the Russian president")
    assert not names_match("North Korea", "South Korea")
    assert not names_match("he", "he")
    assert not names_match("Iran", "Iraq")
    assert name_tokens("Ukraine’s president") == ["ukraine", "president"]
    assert word_tokens("I’m “very” disappointed, Kyïv!") == [
        "i",
        "m",
        "very",
        "disappointed",
        "kyiv",
    ]


def test_max_weight_matching_agrees_with_brute_force() -> None:
    rng = random.Random(7)
    for _ in range(200):
        n, m = rng.randint(0, 4), rng.randint(0, 5)
        weights = [[rng.choice([0, 0, 1, 2, 5, 9]) for _ in range(m)] for _ in range(n)]
        pairs = max_weight_matching(weights)
        assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
        assert all(weights[i][j] > 0 for i, j in pairs)
        got = sum(weights[i][j] for i, j in pairs)
        best = 0
        for cols in itertools.permutations(range(m), n) if n <= m else ():
            best = max(best, sum(max(weights[i][j], 0) for i, j in enumerate(cols)))
        if n > m:
            for rows in itertools.permutations(range(n), m):
                best = max(best, sum(max(weights[i][j], 0) for j, i in enumerate(rows)))
        assert got == best


# --------------------------------------------------------------------------- load_gold


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda g: g["events"][0].update(type="ATTACK"), "'type'"),
        (lambda g: g["events"][0].update(date="Thursday"), "'date'"),
        (lambda g: g["events"][0].update(date=[]), "'date'"),
        (lambda g: g["events"][0].update(actor="NOR"), "'actor'"),
        (lambda g: g["events"][0].update(recipient=["Chile"]), "'recipient'"),
        (lambda g: g["events"][0].update(required="yes"), "'required'"),
        (lambda g: g["events"][0].update(modality="maybe"), "'modality'"),
        (lambda g: g["events"][1].update(id="e1"), "'id'"),
        (lambda g: g["events"][0].pop("type"), "'type' is missing"),
        (lambda g: g["actors"][0].update(sector="ARMY"), "'sector'"),
        (lambda g: g["actors"][0].update(country="Norway"), "'country'"),
        (lambda g: g["quotes"][0].update(kind="reported"), "'kind'"),
        (lambda g: g["quotes"][0].update(text=""), "'text'"),
        (lambda g: g["article"].update(published="8 March 2024"), "'article.published'"),
        (lambda g: g.pop("quotes"), "'quotes' is missing"),
    ],
)
def test_load_gold_names_the_wrong_field(
    gold_root: Path, tmp_path: Path, change: Any, field: str
) -> None:
    gold = copy.deepcopy(load_gold(gold_root / "alpha"))
    change(gold)
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    with pytest.raises(GoldError) as error:
        load_gold(path)
    assert field in str(error.value)
    assert error.value.code.value == "E020"


def test_load_gold_rejects_missing_and_broken_files(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="no gold file"):
        load_gold(tmp_path / "nothing")
    (tmp_path / "gold.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(GoldError, match="not valid UTF-8 JSON"):
        load_gold(tmp_path)


# --------------------------------------------------------------------------- shared gold


def _gold_dirs(shared_dir: Path) -> list[Path]:
    eval_dir = shared_dir / "eval"
    return [eval_dir / "seed", *sorted(p for p in (eval_dir / "reports").glob("*") if p.is_dir())]


def _perfect_record(gold: dict[str, Any]) -> dict[str, Any]:
    """A record that says exactly what the gold says, for checking the scorer end to end."""
    actors = [
        {
            "id": f"g{i}",
            "name": a["name"],
            "country": a["country"],
            "sector": a["sector"],
            "mentions": [],
        }
        for i, a in enumerate(gold["actors"])
    ]
    codes = {c for e in gold["events"] for c in [*e["actor"], *(e["recipient"] or [])]}
    actors += [{"id": f"c{c}", "name": c, "country": c, "sector": None} for c in sorted(codes)]
    events = []
    for e in gold["events"]:
        date = e["date"][-1] if isinstance(e["date"], list) else e["date"]
        events.append(
            {
                "id": e["id"],
                "type": e["type"],
                "mode": e["mode"],
                "actor": [f"c{c}" for c in e["actor"]],
                "recipient": [f"c{c}" for c in e["recipient"] or []],
                "date": None if date is None else {"value": date},
                "place": e["place"],
            }
        )
    quotes = []
    for q in gold["quotes"]:
        actors.append(
            {
                "id": f"q{q['id']}",
                "name": q["speaker"],
                "country": q["speaker_country"],
                "sector": q["speaker_sector"],
            }
        )
        quotes.append({"id": q["id"], "text": q["text"], "speaker": f"q{q['id']}"})
    return {"article": {"text": ""}, "actors": actors, "events": events, "quotes": quotes}


def test_shared_gold_files_load_and_score_perfectly_against_themselves(shared_dir: Path) -> None:
    dirs = _gold_dirs(shared_dir)
    records = {d.name: _perfect_record(load_gold(d)) for d in dirs}
    total = evaluate(dirs, records=records).total
    for key in (
        "ev_P",
        "ev_R",
        "mode",
        "date",
        "place",
        "q_P",
        "q_R",
        "speaker",
        "act_found",
        "act_country",
        "act_sector",
    ):
        assert total[key] == 1.0, key


@pytest.mark.slow
def test_evaluate_with_the_pipeline_on_the_seed(shared_dir: Path, pipeline: Any) -> None:
    report = evaluate([shared_dir / "eval" / "seed"], pipeline=pipeline)
    assert report.rows[0]["item"] == "seed"
    assert 0.0 <= report.total["ev_F1"] <= 1.0


def test_limit_scores_the_first_paths(gold_root: Path) -> None:
    records = {n: _pair(gold_root, n)[0] for n in ("alpha", "bravo")}
    report = evaluate([gold_root / "alpha", gold_root / "bravo"], records=records, limit=1)
    assert [r["item"] for r in report.rows] == ["alpha"]
