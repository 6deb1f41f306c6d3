"""The scorecard: a closing's verdicts and total, judged once per turn across forked calls."""

from __future__ import annotations

from tests.support.paths import REFERENCE, REPO
from tutor.authoring.walk import walk
from tutor.dialogue import Call
from tutor.feedback import evaluate
from tutor.feedback.closing import TurnMemo
from tutor.feedback.evaluator import score
from tutor.feedback.principles import RULES
from tutor.play.paths import play
from tutor.play.script import parse_script, play_script
from tutor.scenario.loader import load_scenario
from tutor.scenario.sources import scenario_dirs
from tutor.signals import build_detector


def test_the_scorecard_is_what_the_evaluation_words() -> None:
    scenario = load_scenario(REFERENCE)
    detector = build_detector(scenario_dirs())
    for path in ("best", "rushed"):
        call = play(Call(scenario, detector), path)
        card, evaluation = score(call), evaluate(call)
        assert (card.total, card.passed) == (evaluation.total, evaluation.passed)
        assert card.verdicts == tuple((r.principle, r.verdict) for r in evaluation.principles)


def test_a_memo_shared_by_every_path_of_a_call_changes_no_verdict() -> None:
    # The walk forks one call into every path and judges them all with one memo; replaying
    # each path from scratch and judging it alone must give the same figures.
    scenario = load_scenario(REFERENCE)
    detector = build_detector(scenario_dirs())
    result = walk(scenario, detector)
    assert len(result.outcomes) > 10
    for outcome, _ in result.outcomes:
        call = Call(scenario, detector)
        play_script(call, parse_script(outcome.script()))
        alone = score(call, TurnMemo(RULES))
        assert (alone.total, alone.verdicts) == (outcome.total, outcome.verdicts), outcome.moves


def test_an_evaluation_is_the_same_after_many_other_calls_were_evaluated() -> None:
    # The author's lines are judged once per scenario and kept for the last few: a call
    # evaluated again after more scenarios than are kept gets the same debrief.
    detector = build_detector(scenario_dirs())
    calls = [play(Call(load_scenario(path), detector), "best")
             for path in sorted((REPO / "scenarios").rglob("*.yaml"))[:12]]
    first = [evaluate(call) for call in calls]
    assert [evaluate(call) for call in calls] == first
