"""Replies that depend on what was said: a choice or a typed route with its own ``reply``.

The reply is said instead of the next step's own lines; a choice or route without one leaves
the step's lines as they are. Signals come from capital markers, as in ``test_engine``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.detectors import MarkerDetector
from tutor.dialogue import Call, Phase
from tutor.scenario.loader import check_text
from tutor.scenario.model import Scenario
from tutor.scenario.schema import json_schema
from tutor.signals.types import SIGNALS, LineAnalysis, Signal

CALL = """\
id: reply-call
title: Reply call
lang: en
summary: The other party answers what was said.
learner: {role: Caller, goal: Close well}
other: {name: Sam, role: Friend}
steps:
  - id: hello
    other:
      - {text: "Hello there."}
    choices:
      - text: "Any chance of a lift?"
        next: wrap
        reply:
          - {text: "A lift? Sorry, the car is in the garage.", pause: 0.5}
      - {text: "Just calling to say hi.", next: wrap}
  - id: wrap
    closing: true
    other:
      - {text: "So, what now?", pause: 0.5}
    typed:
      routes:
        - {when: {all: [thanks]}, next: end, reply: [{text: "Any time, really."}]}
        - {when: {none: [thanks, goodbye]}, next: wrap, reply: [{text: "Sorry, say that again?"}]}
        - {when: {all: [goodbye]}, next: end}
      default: end
farewell: {text: "Goodbye!", pause: 1, hang_up_after: 4}
"""


def load(text: str = CALL) -> Scenario:
    loaded, problems = check_text(text, Path("reply-call.yaml"))
    assert loaded is not None, [p.format() for p in problems]
    return loaded


@pytest.fixture
def call() -> Call:
    return Call(load(), MarkerDetector())


def others(call: Call) -> list[str]:
    return [t.text for t in call.transcript if t.speaker == "other"]


def test_a_choice_with_a_reply_hears_it_instead_of_the_next_steps_lines(call: Call) -> None:
    call.choose(1)
    call.listen()
    assert others(call) == ["Hello there.", "A lift? Sorry, the car is in the garage."]
    assert call.step.id == "wrap" and call.phase is Phase.LEARNER_TURN


def test_a_choice_without_a_reply_hears_the_next_steps_own_lines(call: Call) -> None:
    call.choose(2)
    call.listen()
    assert others(call)[-1] == "So, what now?"


def test_a_reply_keeps_its_pause(call: Call) -> None:
    call.choose(1)
    [reply] = call.listen()
    learner = call.transcript[1]
    assert reply.at == pytest.approx(learner.at + learner.duration + 0.5)


def test_a_typed_route_can_answer_a_line_that_names_no_signal_and_stay(call: Call) -> None:
    call.choose(2)
    call.say("dunno, check the email")
    call.listen()
    assert others(call)[-1] == "Sorry, say that again?"
    assert call.step.id == "wrap" and call.phase is Phase.LEARNER_TURN


def test_a_reply_on_a_route_to_the_end_comes_before_the_farewell(call: Call) -> None:
    call.choose(2)
    call.say("THX for everything")
    call.run_out()
    assert others(call)[-2:] == ["Any time, really.", "Goodbye!"]
    assert call.ending is not None and call.ending.farewell_heard


def test_a_route_to_the_end_without_a_reply_hears_only_the_farewell(call: Call) -> None:
    call.choose(2)
    call.say("BYE now")
    assert call.phase is Phase.FAREWELL_PENDING
    call.run_out()
    assert others(call)[-2:] == ["So, what now?", "Goodbye!"]


@pytest.mark.parametrize("signal", SIGNALS)
def test_a_route_may_match_on_every_signal_the_analyzer_knows(signal: Signal) -> None:
    start = CALL.index("      routes:")
    end = CALL.index("      default:")
    only = f"      routes:\n        - {{when: {{all: [{signal}]}}, next: end}}\n"
    typed = load(CALL[:start] + only + CALL[end:]).steps["wrap"].typed
    assert typed is not None
    when = typed.routes[0].when
    assert when.matches(LineAnalysis("a line", "en", (signal,), ()))
    assert not when.matches(LineAnalysis("a line", "en", (), ()))


def test_an_empty_reply_is_reported_where_it_is_written() -> None:
    bad = CALL.replace('reply: [{text: "Any time, really."}]', "reply: []")
    scenario, problems = check_text(bad, Path("reply-call.yaml"))
    assert scenario is None
    [problem] = problems
    assert (problem.line, problem.column) == (23, 53)  # the empty list itself
    assert "at least 1" in problem.message


def test_a_reply_line_with_an_unknown_key_is_reported_with_a_suggestion() -> None:
    bad = CALL.replace('{text: "Any time, really."}', '{text: "Any time.", paus: 1}')
    scenario, problems = check_text(bad, Path("reply-call.yaml"))
    assert scenario is None
    [problem] = problems
    assert problem.line == 23 and "paus" in problem.message and "pause" in problem.hint


def test_a_condition_that_can_never_match_is_reported() -> None:
    bad = CALL.replace("{none: [thanks, goodbye]}", "{all: [thanks], none: [thanks, goodbye]}")
    scenario, problems = check_text(bad, Path("reply-call.yaml"))
    assert scenario is None
    [problem] = problems
    assert problem.line == 24 and "never match" in problem.message


def test_the_json_schema_describes_reply_on_choices_and_routes() -> None:
    steps = json_schema()["properties"]["steps"]["items"]["properties"]
    choice = steps["choices"]["items"]["properties"]["reply"]
    route = steps["typed"]["properties"]["routes"]["items"]["properties"]["reply"]
    for reply in (choice, route):
        assert reply["minItems"] == 1
        assert reply["items"]["required"] == ["text"]


def test_a_route_an_earlier_route_always_catches_is_reported() -> None:
    bad = CALL.replace("        - {when: {all: [goodbye]}, next: end}",
                       "        - {when: {all: [goodbye], none: [thanks]}, next: end}\n"
                       "        - {when: {all: [goodbye, warmth], none: [thanks, rushed]}, "
                       "next: wrap}")
    scenario, problems = check_text(bad, Path("reply-call.yaml"))
    assert scenario is None
    [problem] = problems
    assert problem.line == 26 and "route 4 can never be taken" in problem.message
    assert "route 3 above it" in problem.message


def test_a_narrower_route_first_is_fine() -> None:
    fine = CALL.replace("        - {when: {all: [goodbye]}, next: end}",
                        "        - {when: {all: [goodbye, warmth]}, next: wrap}\n"
                        "        - {when: {all: [goodbye]}, next: end}")
    assert load(fine).steps["wrap"].typed is not None
