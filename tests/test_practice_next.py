"""``tutor.practice_next``: the weakest principle (recent misses weigh more) and the call whose
close tests it most; ``tutor next`` says the same headless."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.paths import REFERENCE
from tests.support.processes import RunTutor
from tutor.practice_next import closing_tests, suggest, weakest, weakness
from tutor.principles import PRINCIPLES
from tutor.progress import CallProgress, PrincipleProgress, Progress
from tutor.scenario import sources
from tutor.scenario.loader import load_scenario
from tutor.scenario.model import Scenario


def principle(pid: str, trend: tuple[int, ...]) -> PrincipleProgress:
    return PrincipleProgress(pid, len(trend), 0, 0, 0, trend[0], trend[-1], max(trend), trend)


def closing_tests_by_id(scenarios: list[Scenario]) -> dict[str, dict[str, int]]:
    return {s.id: closing_tests(s) for s in scenarios}


def progress(*principles: PrincipleProgress, calls: tuple[CallProgress, ...] = ()) -> Progress:
    return Progress(sum(p.attempts for p in principles), principles, calls)


def test_a_principle_always_met_has_no_weakness_and_always_missed_is_fully_weak() -> None:
    assert weakness((100, 100, 100)) == 0
    assert weakness((0, 0)) == 100


def test_a_recent_miss_weighs_more_than_an_old_one() -> None:
    assert weakness((100, 100, 0)) > weakness((0, 100, 100))
    # Newest weighs 1, the one before 1/2, then 1/4: (1/4*100) / (1/4 + 1/2 + 1).
    assert weakness((0, 100, 100)) == pytest.approx(100 * 0.25 / 1.75)


def test_the_weakest_principle_is_the_one_missed_most_lately() -> None:
    record = progress(principle("pace", (0, 0, 100)), principle("warmth", (100, 100, 0)))
    assert weakest(record) == ("warmth", pytest.approx(100 / 1.75))


def test_a_tie_goes_to_the_principle_the_advice_lists_first() -> None:
    record = progress(principle("thanks", (0,)), principle("pace", (0,)))
    assert weakest(record) == ("pace", 100)


def test_nothing_is_suggested_before_any_verdict() -> None:
    assert suggest(progress(), sources.load_all(), {}) is None


def test_closing_tests_count_the_annotated_closing_lines_per_principle() -> None:
    scenario = load_scenario(REFERENCE)
    counts = closing_tests(scenario)
    closing = [c for s in scenario.steps.values() if s.closing for c in s.choices]
    assert counts["last_word"] == sum(
        "last_word" in (*c.note.follows, *c.note.breaks) for c in closing) > 0


def test_the_suggested_call_is_the_one_whose_close_tests_the_weakness_most() -> None:
    scenarios = [s for s in sources.load_all() if s.lang == "en"]
    record = progress(principle("offer_help", (0, 0)), principle("pace", (100, 100)))
    found = suggest(record, scenarios, closing_tests_by_id(scenarios), lang="en")
    assert found is not None and found.principle == "offer_help"
    most = max(closing_tests(s).get("offer_help", 0) for s in scenarios)
    assert found.tests == most > 0
    chosen = next(s for s in scenarios if s.id == found.scenario_id)
    assert closing_tests(chosen)["offer_help"] == most


def test_a_call_in_the_learners_language_comes_first() -> None:
    record = progress(principle("warmth", (0,)))
    scenarios = sources.load_all()
    found = suggest(record, scenarios, closing_tests_by_id(scenarios), lang="ru")
    assert found is not None and found.lang == "ru"


def test_tutor_next_names_the_weakest_principle_and_a_call(run_tutor: RunTutor,
                                                            tmp_path: Path) -> None:
    script = tmp_path / "rushed.txt"
    script.write_text("choose 1\nchoose 1\nchoose 1\nchoose 2\nhang up\n", "utf-8")
    assert run_tutor("run", REFERENCE, "--script", script).returncode == 0
    result = run_tutor("next", "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    (attempt,) = json.loads(run_tutor("history", "--json").stdout)
    missed = {p["id"] for p in attempt["principles"] if p["verdict"] == "missed"}
    # One attempt: every miss is as weak as the next, and the advice's order breaks the tie.
    assert found["principle"] == next(p for p in PRINCIPLES if p in missed)
    assert found["scenario_id"] and found["tests"] > 0
    text = run_tutor("next")
    assert f"tutor play {found['scenario_id']}" in text.stdout


def test_tutor_next_before_any_attempt_says_so(run_tutor: RunTutor) -> None:
    result = run_tutor("next", "--json")
    assert result.returncode == 0 and json.loads(result.stdout) is None
    assert "Nothing recorded yet" in run_tutor("next").stdout
