"""The learned event components (dateline.learned) on sentences written for these tests:
the shipped models load from the package, clear sentences get their PLOVER type, and the
refinement never gives an event an actor the sentence does not name."""

from __future__ import annotations

import pytest

from dateline.document import Article

pytestmark = pytest.mark.slow

CLEAR = [
    (
        "Ruritanian troops shelled the border town of Dorvik overnight, killing four civilians.",
        "ASSAULT",
    ),
    (
        "The foreign minister of Ruritania accused Osterland of torturing prisoners of war.",
        "ACCUSE",
    ),
    ("Ruritania and Osterland signed a ceasefire agreement in Geneva on Tuesday.", "AGREE"),
    ("The European Union imposed new sanctions on Ruritania's central bank.", "SANCTION"),
    ("Thousands of people marched through the capital to protest against the new law.", "PROTEST"),
]


@pytest.fixture(scope="module")
def model():
    from dateline.learned.sentence_types import load_sentence_model

    return load_sentence_model()


def test_nothing_loads_at_import():
    """In a fresh interpreter: other tests of the session may have loaded the models."""
    import subprocess
    import sys

    code = (
        "import dateline.learned.refine\n"
        "from dateline.learned import reportable, sentence_types\n"
        "assert sentence_types.load_sentence_model.cache_info().currsize == 0\n"
        "assert reportable.load_reportable_model.cache_info().currsize == 0\n"
        "assert 'sklearn' not in sys.modules and 'skops' not in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", "import sys\n" + code], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_model_files_ship_in_the_package_and_are_small():
    from dateline.learned.sentence_types import models_folder

    for name in ("sentence_types.skops", "reportable.skops"):
        path = models_folder() / name
        assert path.is_file(), path
        assert path.stat().st_size < 5_000_000


def test_probabilities_cover_every_plover_type_and_none(model, nlp):
    from dateline.learned.sentence_types import LABELS

    probs = model.probabilities(next(nlp(CLEAR[0][0]).sents))
    assert set(probs) == set(LABELS)
    assert sum(probs.values()) == pytest.approx(1.0, abs=1e-6)


@pytest.mark.parametrize(("text", "label"), CLEAR)
def test_clear_sentences_get_their_type(model, nlp, text, label):
    probs = model.probabilities(next(nlp(text).sents))
    ranked = sorted(probs, key=lambda k: -probs[k])
    assert label in ranked[:2], (ranked[:3], [round(probs[k], 2) for k in ranked[:3]])


def test_yield_splits_into_retreat_for_a_withdrawal(model, nlp):
    probs = model.probabilities(
        next(nlp("Osterland withdrew its troops from the disputed valley.").sents)
    )
    assert probs["RETREAT"] > probs["CONCEDE"]


def test_refine_never_invents_an_actor(pipeline):
    from dateline.learned.refine import Thresholds, refine_events

    text = (
        "Heavy shelling was reported near the river crossing on Monday.\n"
        "Officials in Ruritania said the attack could have been much worse.\n"
        "Osterland's army fired rockets at the Ruritanian port of Dorvik, the governor said.\n"
        "Nobody claimed responsibility for the explosion."
    )
    document = pipeline(Article(text=text))
    before = [(e.id, e.confidence) for e in document.events]
    # every proposal allowed, so the test sees the most events the function can add
    eager = Thresholds(drop_below=0.0, propose_above=0.0, propose_without_actor=True)
    refined = refine_events(document, thresholds=eager)
    assert refined is not document
    assert [(e.id, e.confidence) for e in document.events] == before  # input untouched
    rule_ids = {e.id for e in document.events}
    for event in refined.events:
        if event.id in rule_ids:
            continue
        named = {
            m.actor_id
            for m in document.mentions
            if event.sentence[0] <= m.span[0] and m.span[1] <= event.sentence[1]
        }
        assert set(event.actor) <= named, (event, named)
        assert set(event.recipient) <= named, (event, named)


def test_refine_drops_nothing_at_zero_and_everything_above_one(pipeline):
    from dateline.learned.refine import Thresholds, refine_events

    # a country the actor tables know, so that the rule coder keeps its event
    document = pipeline(
        Article(text="Russian forces fired missiles at the Ukrainian city of Kharkiv on Monday.")
    )
    assert document.events
    kept = refine_events(document, thresholds=Thresholds(drop_below=0.0))
    assert [e.id for e in kept.events] == [e.id for e in document.events]
    none = refine_events(document, thresholds=Thresholds(drop_below=1.01))
    assert none.events == []


def test_sentence_coder_proposal_settings_come_from_cross_validation():
    from dateline.learned.refine import load_sentence_proposals, models_folder

    chosen = load_sentence_proposals()
    assert (models_folder() / "sentence_proposals.json").is_file()
    assert 0.0 < chosen.propose_above <= 1.0
    assert isinstance(chosen.propose_without_actor, bool)


def test_sentence_coder_may_leave_the_actor_empty_but_never_guesses_it():
    from dateline.eval.plover_gsr import sentence_pipeline

    # the subject names no actor the actor stage knows: a proposal keeps an empty actor
    text = "Hundreds of angry dockworkers marched through the harbour district on Friday."
    strict = sentence_pipeline(propose_above=0.0, propose_without_actor=False)
    lenient = sentence_pipeline(propose_above=0.0, propose_without_actor=True)
    strict_events = strict.extract(Article(text=text))["events"]
    lenient_events = lenient.extract(Article(text=text))["events"]
    assert all(e["actor"] for e in strict_events)
    assert len(lenient_events) >= len(strict_events)
    assert any(not e["actor"] for e in lenient_events)
