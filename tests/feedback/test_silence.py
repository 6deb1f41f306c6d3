"""The debrief names dead air: a prompt in the closing, or a hang-up on silence."""

from __future__ import annotations

from pathlib import Path

from tests.support.detectors import MarkerDetector
from tutor.dialogue import Call
from tutor.feedback import evaluate
from tutor.feedback.silence import dead_air_notes
from tutor.locale import text
from tutor.scenario.loader import check_text

CALL = """\
id: dead-air
title: Dead air
lang: ru
summary: Silence before the goodbye.
learner: {role: Caller, goal: Close well}
other: {name: Саша, role: Friend}
steps:
  - id: hello
    other:
      - {text: "Привет!"}
    choices:
      - {text: "Привет, Саша.", next: wrap}
  - id: wrap
    closing: true
    other:
      - {text: "Ну что, договорились?"}
    choices:
      - {text: "Да, спасибо, до пятницы!", next: end}
farewell: {text: "Пока!", pause: 1, hang_up_after: 3}
"""


def call() -> Call:
    scenario, problems = check_text(CALL, Path("dead-air.yaml"))
    assert scenario is not None, [p.format() for p in problems]
    return Call(scenario, MarkerDetector())


def test_a_prompt_before_the_goodbye_is_named_in_the_debrief() -> None:
    played = call()
    played.choose(1)
    played.wait(12)  # in the closing turn: asked whether they are still there
    played.choose(1)
    played.run_out()
    note = text("ru", "feedback.dead_air.prompt", name="Саша")
    assert dead_air_notes(played) == (note,)
    evaluation = evaluate(played)
    assert evaluation.notes == (note,) and evaluation.summary.endswith(note)


def test_a_prompt_in_the_opening_is_not_the_closings_business() -> None:
    played = call()
    played.wait(12)
    played.choose(1)
    played.choose(1)
    played.run_out()
    assert dead_air_notes(played) == ()


def test_a_hang_up_on_silence_is_named_whatever_the_step() -> None:
    played = call()
    played.wait(60)
    assert dead_air_notes(played) == (text("ru", "feedback.dead_air.hang_up", name="Саша"),)


def test_a_call_without_silence_has_no_note() -> None:
    played = call()
    played.choose(1)
    played.choose(1)
    played.run_out()
    assert dead_air_notes(played) == () and evaluate(played).notes == ()


def test_a_hang_up_on_silence_is_not_told_as_the_learner_hanging_up() -> None:
    played = call()
    played.choose(1)
    played.wait(60)  # silent in the closing turn until they give up
    [last_word] = [p for p in evaluate(played).principles if p.principle == "last_word"]
    assert last_word.verdict == "missed"
    assert last_word.message == text("ru", "feedback.reason.last_word.silent", name="Саша",
                                     other=played.scenario.other.gender)
