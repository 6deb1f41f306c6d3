"""The evaluator's rules, one at a time, on a small call closed with typed lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.dialogue import Call
from tutor.feedback import Evaluation, evaluate
from tutor.scenario.loader import load_scenario
from tutor.scenario.model import Scenario
from tutor.signals import Analyzer

CALL = """\
id: rules-en
title: Rules
lang: en
summary: A call that ends in up to two typed closing lines.
learner: {role: Recruiter, goal: Close well}
other: {name: Ann, role: Candidate}
steps:
  - id: open
    other: [{text: "Yes, Tuesday at eleven works for me."}]
    choices:
      - text: "Wonderful, that's great news, and I think you will really like the team there."
        next: close
  - id: close
    closing: true
    typed:
      routes: [{when: {any: [goodbye]}, next: end}]
      default: more
  - id: more
    closing: true
    choices:
      - {text: "One more thing: could you also send me three references tonight?", next: end,
         breaks: [person_first]}
      - {text: "Sorry, forget that, there is no rush at all.", next: end,
         follows: [person_first]}
    typed: {default: end}
farewell: {text: "Goodbye!", pause: 1, hang_up_after: 3}
rubric:
  facts:
    - {id: day, label: the day, pattern: "tuesday"}
    - {id: time, label: the time, pattern: "11|eleven"}
"""

ANALYZER = Analyzer()


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    path: Path = tmp_path_factory.mktemp("rules") / "rules.yaml"
    path.write_text(CALL, "utf-8")
    return load_scenario(path)


def closed(scenario: Scenario, *lines: str, hang_up_after: float | None = None) -> Evaluation:
    """Choose the opening line, type ``lines``, then wait (or hang up after some seconds)."""
    call = Call(scenario, ANALYZER)
    call.choose(1)
    for line in lines:
        call.say(line)
    if hang_up_after is None:
        call.run_out()
    else:
        call.listen()
        call.wait(hang_up_after)
        if call.ending is None:
            call.hang_up()
    return evaluate(call)


FULL = ("So that's Tuesday at 11:00, and I'll email you the directions today. "
        "Is there anything else I can help with?")
BYE = "Thank you so much, Ann, it was a pleasure talking to you. Goodbye!"


def test_a_complete_calm_closing_meets_every_principle(scenario: Scenario) -> None:
    evaluation = closed(scenario, FULL, BYE)
    assert {r.principle: r.verdict for r in evaluation.principles} == dict.fromkeys(
        ("pace", "last_word", "warmth", "offer_help", "person_first", "next_steps", "thanks"),
        "met")
    assert evaluation.total == 100


def test_next_steps_then_goodbye_in_one_line_is_in_time(scenario: Scenario) -> None:
    # The arrangement comes first, and the goodbye repeats the day: still in time.
    evaluation = closed(scenario, "Thank you! I will send the invite today, it was lovely to "
                                  "talk. Bye, see you on Tuesday at eleven!")
    assert evaluation.result("next_steps").verdict == "met"


def test_next_steps_only_after_the_goodbye_count_half(scenario: Scenario) -> None:
    evaluation = closed(scenario, "Is there anything else? Thanks, lovely talking, goodbye!")
    call_late = closed(scenario, "Thanks, lovely talking, goodbye!",
                       "Oh, and I'll email you the invite for Tuesday at 11 today.")
    assert evaluation.result("next_steps").verdict == "missed"
    assert call_late.result("next_steps").verdict == "partly"
    assert "after saying goodbye" in call_late.result("next_steps").message


def test_saying_every_fact_out_loud_is_a_concrete_arrangement(scenario: Scenario) -> None:
    evaluation = closed(scenario, "Perfect: Tuesday, eleven o'clock, our Harbour Street office.",
                        BYE)
    assert evaluation.result("next_steps").verdict == "met"


def test_a_missing_fact_is_named(scenario: Scenario) -> None:
    evaluation = closed(scenario, "I'll email you the directions today for Tuesday.", BYE)
    result = evaluation.result("next_steps")
    assert result.verdict == "partly"
    assert "the time" in result.message
    assert result.better is not None and "the time" in result.better


def test_a_closing_in_one_short_breath_misses_pace(scenario: Scenario) -> None:
    evaluation = closed(scenario, "OK, bye.")
    assert evaluation.result("pace").verdict == "missed"


def test_thanks_buried_in_a_rushed_line_counts_half(scenario: Scenario) -> None:
    evaluation = closed(scenario, FULL, "Uh-huh, ok, thanks, yep, bye.")
    assert evaluation.result("thanks").verdict == "partly"


def test_hanging_up_before_the_farewell_misses_last_word(scenario: Scenario) -> None:
    evaluation = closed(scenario, FULL, BYE, hang_up_after=0.0)
    assert evaluation.result("last_word").verdict == "missed"


def test_hanging_up_the_instant_the_farewell_ends_is_a_beat_too_soon(scenario: Scenario) -> None:
    # The farewell comes 1 s after the learner's line and takes under a second to say.
    evaluation = closed(scenario, FULL, BYE, hang_up_after=2.0)
    assert evaluation.result("last_word").verdict == "partly"


def test_staying_on_the_line_until_they_hang_up_meets_last_word(scenario: Scenario) -> None:
    evaluation = closed(scenario, FULL, BYE)
    assert evaluation.result("last_word").verdict == "met"


def test_pushing_at_the_close_misses_person_first(scenario: Scenario) -> None:
    call = Call(scenario, ANALYZER)
    call.choose(1)
    call.say(FULL)
    call.choose(1)
    call.run_out()
    assert evaluate(call).result("person_first").verdict == "missed"


def test_a_weight_of_zero_leaves_a_principle_out(tmp_path: Path) -> None:
    path = tmp_path / "weights.yaml"
    path.write_text(CALL.replace("rubric:\n", "rubric:\n  weights: {offer_help: 0}\n"), "utf-8")
    evaluation = closed(load_scenario(path), "Tuesday at 11, I'll email you today.", BYE)
    assert evaluation.result("offer_help").verdict == "n/a"
    assert evaluation.total == 100
