"""The path walk: every choice, typed route and hang-up, each complete path judged."""

from __future__ import annotations

from pathlib import Path

from tests.support.paths import MINIMAL, REPO
from tutor.authoring.walk import walk
from tutor.scenario.loader import check_file
from tutor.scenario.model import Scenario
from tutor.scenario.sources import scenario_dirs
from tutor.signals import build_detector


def _load(path: Path) -> Scenario:
    scenario, problems = check_file(path)
    assert scenario is not None, problems
    return scenario


def test_the_minimal_call_has_four_paths() -> None:
    # Hang up at hello; hang up at wrap; choose at wrap then hang up at once, or wait.
    result = walk(_load(MINIMAL), build_detector(scenario_dirs()))
    assert result.paths == 4
    assert not result.cut
    # Hanging up before any closing line is judged once: the first such path stands for both.
    scripts = sorted(o.script() for o, _ in result.outcomes)
    early, done = "choose 1\nhang up\n", "choose 1\nchoose 1\n"
    assert scripts == sorted([early, early, done, done + "hang up\n"])


def test_waiting_for_the_goodbye_scores_above_hanging_up_at_once() -> None:
    result = walk(_load(MINIMAL), build_detector(scenario_dirs()))
    by_script = {o.script(): o for o, _ in result.outcomes}
    waited = by_script["choose 1\nchoose 1\n"]
    hung_up = by_script["choose 1\nchoose 1\nhang up\n"]
    assert (waited.hung_up_first, hung_up.hung_up_first) == ("other", "learner")
    assert waited.total > hung_up.total


def test_each_typed_route_is_tried_with_the_calls_own_lines() -> None:
    result = walk(_load(REPO / "scenarios/en/recruiter-call.yaml"), build_detector(scenario_dirs()))
    targets = {target for _, target in result.typed_lines["check"]}
    assert targets == {"questions", "end"}
    said = {m[1] for o, _ in result.outcomes for m in o.moves if m[0] == "say"}
    assert {text for text, _ in result.typed_lines["check"]} <= said


def test_the_best_and_worst_paths_of_a_bundled_call() -> None:
    result = walk(_load(REPO / "scenarios/en/recruiter-call.yaml"), build_detector(scenario_dirs()))
    assert result.best is not None and result.best.total == 100
    assert result.worst is not None and result.worst.total < 50
