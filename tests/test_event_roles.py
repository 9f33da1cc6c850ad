"""Who is actor and who recipient (sentences written for these tests): passive voice, a
side's strike on another, a reporting verb whose subject is not the actor, a condemnation of
another side's act; and how the learned role model overrides the rules only where sure."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.document import Article, Mention
from dateline.learned.roles import ACTOR, RECIPIENT, RoleCandidate, RoleSettings, choose_roles


def _candidate(actor_id: str) -> RoleCandidate:
    return RoleCandidate(Mention((0, 1), "x", actor_id), actor_id, None, {})


def test_a_sure_model_replaces_the_rules_actor() -> None:
    candidates = [_candidate("a1"), _candidate("a2")]
    probs = [{ACTOR: 0.1, RECIPIENT: 0.8}, {ACTOR: 0.9, RECIPIENT: 0.05}]
    settings = RoleSettings(actor_above=0.7, recipient_above=0.7)
    assert choose_roles(candidates, probs, ["a1"], [], settings) == (["a2"], ["a1"])


def test_an_unsure_model_keeps_the_rules() -> None:
    candidates = [_candidate("a1"), _candidate("a2")]
    probs = [{ACTOR: 0.4, RECIPIENT: 0.3}, {ACTOR: 0.5, RECIPIENT: 0.2}]
    settings = RoleSettings(actor_above=0.7, recipient_above=0.7)
    assert choose_roles(candidates, probs, ["a1"], ["a2"], settings) == (["a1"], ["a2"])


def test_an_actor_the_model_rejects_is_dropped_not_replaced_by_a_guess() -> None:
    candidates = [_candidate("a1"), _candidate("a2")]
    probs = [{ACTOR: 0.01, RECIPIENT: 0.2}, {ACTOR: 0.3, RECIPIENT: 0.1}]
    settings = RoleSettings(actor_above=0.7, drop_actor_below=0.05)
    assert choose_roles(candidates, probs, ["a1"], [], settings) == ([], [])


def test_an_actor_outside_the_sentence_is_not_judged() -> None:
    probs = [{ACTOR: 0.01, RECIPIENT: 0.9}]
    settings = RoleSettings(drop_actor_below=0.05, recipient_above=0.7)
    assert choose_roles([_candidate("a1")], probs, ["a9"], [], settings) == (["a9"], ["a1"])


# ------------------------------------------------------------------ the whole pipeline


def _sides(pipeline, text: str, type_: str) -> list[tuple[set[str], set[str]]]:
    from dateline.records import document_to_record

    record = document_to_record(pipeline(Article(text=text, published=dt.date(2024, 5, 2))))
    by_id = {a["id"]: a for a in record["actors"]}

    def countries(ids: list[str]) -> set[str]:
        return {by_id[i]["country"] for i in ids if by_id[i]["country"]}

    return [
        (countries(e["actor"]), countries(e["recipient"]))
        for e in record["events"]
        if e["type"] == type_
    ]


@pytest.mark.slow
def test_a_passive_attack_has_its_agent_as_actor(pipeline) -> None:
    sides = _sides(
        pipeline, "Georgian villages were shelled by Russian troops on Monday.", "ASSAULT"
    )
    assert sides and sides[0][0] == {"RUS"}


@pytest.mark.slow
def test_a_place_hit_by_a_side_is_the_recipient(pipeline) -> None:
    sides = _sides(pipeline, "Lebanon was hit by Israeli air strikes overnight.", "ASSAULT")
    assert sides and sides[0] == ({"ISR"}, {"LBN"})


@pytest.mark.slow
def test_a_sides_strike_on_another(pipeline) -> None:
    sides = _sides(pipeline, "Pakistan's strike on Afghanistan killed eight people.", "ASSAULT")
    assert sides and sides[0] == ({"PAK"}, {"AFG"})


@pytest.mark.slow
def test_the_speaker_of_a_report_is_not_the_attacker(pipeline) -> None:
    sides = _sides(
        pipeline, "Armenia said Azerbaijani forces attacked its positions on Tuesday.", "ASSAULT"
    )
    assert sides and sides[0][0] == {"AZE"}


@pytest.mark.slow
def test_a_condemnation_is_against_the_side_whose_act_it_is(pipeline) -> None:
    sides = _sides(
        pipeline, "Egypt condemned the Ethiopian decision to fill the dam on Sunday.", "ACCUSE"
    )
    assert sides and sides[0] == ({"EGY"}, {"ETH"})
