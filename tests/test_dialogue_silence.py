"""Silence is heard: after ``patience`` seconds of silence in the learner's turn the other party
asks whether they are still there; after as long again they hang up, and the ending says so.

Lines take words / 2.5 seconds to say (``speaking_time``); the call below hands the learner
their first turn at 1.2 s.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.detectors import MarkerDetector
from tests.support.paths import FIXTURES
from tutor.dialogue import ActionError, Call, Phase, speaking_time
from tutor.locale import text
from tutor.scenario.loader import check_text
from tutor.scenario.model import Scenario

CALL = (FIXTURES / "silent-call.yaml").read_text("utf-8")
TURN = 1.6  # the learner's turn begins when Sam's line ends
PROMPT = text("en", "call.silence.prompt")
HANG_UP = text("en", "call.silence.hang_up")


def load(source: str = CALL) -> Scenario:
    loaded, problems = check_text(source, Path("silent-call.yaml"))
    assert loaded is not None, [p.format() for p in problems]
    return loaded


@pytest.fixture
def call() -> Call:
    return Call(load(), MarkerDetector())


def test_the_default_patience_is_long_enough_to_read_the_choices() -> None:
    assert load().patience == 8.0


def test_silence_shorter_than_the_patience_goes_unremarked(call: Call) -> None:
    call.wait(TURN + 7.9)
    assert [t.kind for t in call.transcript] == ["line"]
    assert call.phase is Phase.LEARNER_TURN


def test_typing_a_line_is_not_silence(call: Call) -> None:
    call.wait(TURN + 6)
    call.composing()  # a keystroke in the own-line box
    call.wait(6)  # 12 s into the turn, but only 6 s since the last key
    assert [t.kind for t in call.transcript] == ["line"]
    [prompt] = call.wait(2.1)  # 8 s after the last key the silence is heard again
    assert prompt.kind == "silence"


def test_after_the_patience_they_ask_whether_the_learner_is_there(call: Call) -> None:
    [_line, prompt] = call.wait(TURN + 8.1)
    assert (prompt.text, prompt.kind, prompt.speaker) == (PROMPT, "silence", "other")
    assert prompt.at == pytest.approx(TURN + 8)
    assert call.phase is Phase.LEARNER_TURN and call.ending is None


def test_after_as_long_again_they_hang_up_and_the_ending_says_why(call: Call) -> None:
    call.wait(TURN + 8.1)
    prompt_ends = TURN + 8 + speaking_time(PROMPT, "calm")
    [bye] = call.wait(8)
    assert (bye.text, bye.kind) == (HANG_UP, "silence")
    assert bye.at == pytest.approx(prompt_ends + 8)
    assert call.ending is not None
    assert (call.ending.hung_up_first, call.ending.silence) == ("other", True)
    assert call.ending.farewell_heard is False
    assert call.ending.at == pytest.approx(bye.at + bye.duration)
    assert call.phase is Phase.ENDED


def test_speaking_after_the_prompt_carries_on_the_call(call: Call) -> None:
    call.wait(TURN + 9)
    call.choose(1)
    call.run_out()
    assert call.ending is not None and call.ending.silence is False
    assert call.ending.farewell_heard


def test_each_turn_has_its_own_patience(call: Call) -> None:
    scenario = load(CALL.replace(
        '      - {text: "Hi Sam, bye now.", next: end}',
        '      - {text: "Hi Sam, bye now.", next: end}\n'
        '      - {text: "Say that again?", next: hello}'))
    call = Call(scenario, MarkerDetector())
    call.wait(TURN + 9)  # prompted once
    call.choose(2)  # back to the same step: a new turn
    call.listen()
    call.wait(8.5)
    assert [t.text for t in call.transcript if t.kind == "silence"] == [PROMPT, PROMPT]
    assert call.ending is None


def test_one_long_wait_hears_the_prompt_then_the_hang_up(call: Call) -> None:
    turns = call.wait(60)
    assert [t.text for t in turns] == ["Hello there, Sam speaking.", PROMPT, HANG_UP]
    with pytest.raises(ActionError) as raised:
        call.choose(1)
    assert raised.value.reason == "ended"


def test_the_patience_and_the_words_can_be_set_per_call() -> None:
    scenario = load(CALL + "patience: 3\n"
                    "silence: {prompt: 'Hullo? Anyone?', hang_up: 'Oh, forget it.'}\n")
    call = Call(scenario, MarkerDetector())
    turns = call.wait(TURN + 3.1)
    assert turns[-1].text == "Hullo? Anyone?"
    assert call.wait(5)[-1].text == "Oh, forget it."


def test_a_russian_call_asks_in_russian() -> None:
    call = Call(load(CALL.replace("lang: en", "lang: ru")), MarkerDetector())
    assert call.wait(TURN + 8.1)[-1].text == "Алло, вы меня слышите?"


def test_run_out_stops_at_the_learners_turn_rather_than_wait_for_a_hang_up(call: Call) -> None:
    call.run_out()
    assert call.phase is Phase.LEARNER_TURN and call.ending is None
    assert call.silence_at() == pytest.approx(TURN + 8)


def test_a_patience_under_a_second_is_refused_where_it_is_written() -> None:
    scenario, problems = check_text(CALL + "patience: 0\n", Path("silent-call.yaml"))
    assert scenario is None
    [problem] = problems
    assert (problem.line, problem.column) == (16, 11)
    assert "out of range" in problem.message
