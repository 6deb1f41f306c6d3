"""Whole closings of every bundled scenario, scored by the evaluator."""

from __future__ import annotations

import pytest

from tutor.dialogue import Call, Phase
from tutor.feedback import evaluate
from tutor.feedback.principles import name_key
from tutor.locale import text
from tutor.play.paths import PathName, pick, play
from tutor.scenario import sources
from tutor.scenario.model import PRINCIPLES, Scenario
from tutor.signals import build_detector

SCENARIOS = sources.load_all()
IDS = [s.id for s in SCENARIOS]


def played(scenario: Scenario, kind: PathName) -> Call:
    return play(Call(scenario, build_detector(sources.scenario_dirs())), kind)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_a_calm_complete_closing_scores_at_least_90(scenario: Scenario) -> None:
    evaluation = evaluate(played(scenario, "best"))
    weak = {r.principle: r.message for r in evaluation.principles if r.verdict != "met"}
    assert evaluation.total >= 90, weak
    assert evaluation.passed


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_the_rushed_closing_of_the_post_scores_below_50(scenario: Scenario) -> None:
    evaluation = evaluate(played(scenario, "rushed"))
    assert evaluation.total < 50
    assert not evaluation.passed


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_the_rushed_closing_names_pace_and_last_word(scenario: Scenario) -> None:
    evaluation = evaluate(played(scenario, "rushed"))
    assert evaluation.result("pace").verdict in ("missed", "partly")
    assert evaluation.result("last_word").verdict == "missed"
    assert text(scenario.lang, name_key("pace")) in evaluation.summary
    assert text(scenario.lang, name_key("last_word")) in evaluation.summary


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_hanging_up_before_the_farewell_always_misses_last_word(scenario: Scenario) -> None:
    call = play(Call(scenario, build_detector(sources.scenario_dirs())), "best", hang_up_early=True)
    assert not call.farewell_heard
    assert evaluate(call).result("last_word").verdict == "missed"


def _cyrillic(text: str) -> bool:
    return any("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in text)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_feedback_is_in_the_language_of_the_call(scenario: Scenario) -> None:
    kinds: tuple[PathName, ...] = ("best", "rushed")
    for kind in kinds:
        evaluation = evaluate(played(scenario, kind))
        texts = [evaluation.summary] + [r.message for r in evaluation.principles] + [
            r.better for r in evaluation.principles if r.better]
        # Every sentence is in the call's language: Russian ones carry Cyrillic, English none.
        assert [_cyrillic(t) for t in texts] == [scenario.lang == "ru"] * len(texts), texts


def test_there_are_bundled_scenarios_to_score() -> None:
    assert len(SCENARIOS) >= 1


def typed_model_path(scenario: Scenario) -> Call:
    """The best path, but typing the scenario's model line wherever a closing step offers one."""
    call = Call(scenario, build_detector(sources.scenario_dirs()))
    for _ in range(100):
        call.listen()
        if call.phase is not Phase.LEARNER_TURN:
            break
        step = call.step
        if step.closing and step.typed is not None and step.typed.better:
            call.say(step.typed.better)
            continue
        move = pick(step, "best", scenario.lang)
        if move.choice is not None:
            call.choose(move.choice)
        else:
            assert move.text is not None
            call.say(move.text)
    call.run_out()
    return call


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_typing_the_scenarios_own_model_lines_scores_at_least_90(scenario: Scenario) -> None:
    # Typed lines are judged by the analyzer alone: this is where it meets real phrasing.
    evaluation = evaluate(typed_model_path(scenario))
    weak = {r.principle: r.message for r in evaluation.principles if r.verdict != "met"}
    assert evaluation.total >= 90, weak


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_every_choice_is_annotated_for_the_debrief(scenario: Scenario) -> None:
    for step in scenario.steps.values():
        for number, choice in enumerate(step.choices, start=1):
            where = f"{scenario.id}: step {step.id!r}, choice {number}"
            assert choice.note.follows or choice.note.breaks, where
            assert choice.note.why, where
            assert not choice.note.breaks or choice.note.better, where


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_the_closing_tempts_the_learner_to_break_every_principle(scenario: Scenario) -> None:
    tempted = {p for step in scenario.steps.values() if step.closing
               for choice in step.choices for p in choice.note.breaks}
    # last_word is broken by hanging up, which is possible at every moment; a principle the call
    # leaves out (weight 0) has nothing to tempt.
    scored = {p for p in PRINCIPLES if scenario.rubric.weights[p]}
    assert scored - {"last_word"} <= tempted
