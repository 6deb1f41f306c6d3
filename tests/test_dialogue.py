"""The dialogue engine: what happens, and when, on the simulated clock.

Speaking times follow ``speaking_time``: a calm line takes words / 2.5 seconds (at least
0.25 s). The call below is built so every due time is easy to add up by hand.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from tests.support.detectors import MarkerDetector
from tutor.dialogue import ActionError, Call, Phase, speaking_time
from tutor.scenario.loader import check_text
from tutor.scenario.model import Scenario

CALL = """\
id: engine-call
title: Engine call
lang: en
summary: A call with round numbers.
learner: {role: Caller, goal: Close well}
other: {name: Sam, role: Friend}
steps:
  - id: hello
    other:
      - {text: "Hello there.", pause: 2}      # due 2.0, 2 words: 0.8 s
      - {text: "How are you?", pause: 1}      # due 3.8, 3 words: 1.2 s
    choices:
      - {text: "Fine, and you?", next: wrap}
      - {text: "Sorry, must go.", next: end}
  - id: wrap
    closing: true
    other:
      - {text: "All good here.", pause: 0.5}
    typed:
      routes:
        - {when: {all: [goodbye]}, next: done}
        - {when: {any: [thanks]}, next: end}
      default: wrap
  - id: done
    end: true
    other:
      - {text: "Oh, you are off then.", pause: 0.5}
    farewell: {text: "Bye then, Sam out.", pause: 2, hang_up_after: 5}
farewell: {text: "Goodbye!", pause: 1.5, hang_up_after: 4}
"""


@pytest.fixture
def scenario() -> Scenario:
    loaded, problems = check_text(CALL, Path("engine-call.yaml"))
    assert loaded is not None, [p.format() for p in problems]
    return loaded


@pytest.fixture
def call(scenario: Scenario) -> Call:
    return Call(scenario, MarkerDetector())


def at_wrap(call: Call) -> Call:
    """Answer the opening so the call stands at the typed-only closing step."""
    call.choose(1)
    call.listen()
    assert call.step.id == "wrap" and call.phase is Phase.LEARNER_TURN
    return call


# --- the other party's lines ---------------------------------------------------------------

def test_nothing_is_said_before_the_first_pause_has_passed(call: Call) -> None:
    assert call.wait(1.9) == []
    assert call.now == pytest.approx(1.9)
    assert call.phase is Phase.OTHER_SPEAKING


def test_a_line_arrives_once_its_pause_has_passed(call: Call) -> None:
    call.wait(1.9)
    [turn] = call.wait(0.2)
    assert (turn.speaker, turn.text) == ("other", "Hello there.")
    assert turn.at == pytest.approx(2.0)
    assert call.phase is Phase.OTHER_SPEAKING


def test_a_long_wait_hears_every_line_and_hands_the_turn_to_the_learner(call: Call) -> None:
    turns = call.wait(10)  # the lines end at 5.0; silence is not prompted before 13.0
    assert [t.text for t in turns] == ["Hello there.", "How are you?"]
    assert [t.at for t in turns] == pytest.approx([2.0, 3.8])
    assert call.phase is Phase.LEARNER_TURN


def test_choosing_before_the_lines_arrive_lets_them_arrive_first(call: Call) -> None:
    turns = call.choose(1)
    assert [(t.speaker, t.text) for t in turns] == [
        ("other", "Hello there."),
        ("other", "How are you?"),
        ("learner", "Fine, and you?"),
    ]
    assert turns[2].at == pytest.approx(5.0)
    assert turns[2].choice == 1


# --- actions that do not fit ---------------------------------------------------------------

def test_a_choice_number_out_of_range_names_the_step_and_the_range(call: Call) -> None:
    with pytest.raises(ActionError, match=r"step 'hello' has choices 1-2; there is no choice 3"):
        call.choose(3)


def test_a_failed_choice_does_not_use_up_the_lines_still_to_come(call: Call) -> None:
    with pytest.raises(ActionError):
        call.choose(0)
    assert call.transcript == []
    assert call.now == 0.0
    assert [t.text for t in call.choose(1)][:2] == ["Hello there.", "How are you?"]


def test_choosing_on_a_typed_only_step_says_to_type_instead(call: Call) -> None:
    at_wrap(call)
    with pytest.raises(ActionError, match=r"step 'wrap' has no choices; type a line instead"):
        call.choose(1)


def test_choosing_after_the_call_has_ended_names_the_step(call: Call) -> None:
    call.hang_up()
    with pytest.raises(ActionError, match=r"at step 'hello': the call has ended"):
        call.choose(1)


def test_choosing_once_the_learners_part_is_over_says_to_wait_or_hang_up(call: Call) -> None:
    call.choose(2)
    with pytest.raises(ActionError, match=r"at step 'hello': the learner's part is over"):
        call.choose(1)


def test_hanging_up_twice_names_the_step(call: Call) -> None:
    call.hang_up()
    with pytest.raises(ActionError, match=r"cannot hang up at step 'hello'"):
        call.hang_up()


def test_typing_on_a_choice_only_step_asks_for_a_number(call: Call) -> None:
    with pytest.raises(ActionError, match=r"step 'hello' takes a numbered choice"):
        call.say("Fine THX")
    assert call.transcript == []


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_an_empty_line_is_an_error(call: Call, text: str) -> None:
    at_wrap(call)
    with pytest.raises(ActionError, match="empty line"):
        call.say(text)


def test_waiting_a_negative_time_is_an_error(call: Call) -> None:
    with pytest.raises(ActionError, match="cannot wait -1 seconds"):
        call.wait(-1)


# --- typed lines are routed by their signals -----------------------------------------------

def test_a_typed_line_goes_where_the_first_matching_route_points(call: Call) -> None:
    at_wrap(call)
    call.say("Well, BYE now")
    assert call.step.id == "done"


def test_a_typed_line_that_matches_an_any_route_can_end_the_learners_part(call: Call) -> None:
    at_wrap(call)
    call.say("THX a lot")
    assert call.phase is Phase.FAREWELL_PENDING


def test_a_typed_line_without_matching_signals_takes_the_default(call: Call) -> None:
    at_wrap(call)
    [turn] = call.say("Lovely weather")
    assert turn.kind == "typed" and turn.analysis is not None
    assert turn.analysis.signals == ()
    assert call.step.id == "wrap" and call.phase is Phase.OTHER_SPEAKING


def test_a_typed_line_is_analyzed_by_the_detector_it_was_given(call: Call) -> None:
    at_wrap(call)
    [turn, *_] = call.say("THX and BYE")
    assert turn.analysis is not None
    assert turn.analysis.signals == ("goodbye", "thanks")


# --- the farewell and who hangs up first ---------------------------------------------------

def test_the_farewell_comes_its_pause_after_the_learners_last_line(call: Call) -> None:
    [*_, last] = call.choose(2)  # ends at 5.0 + 1.2 = 6.2; the farewell is due 1.5 s later
    assert last.at + last.duration == pytest.approx(6.2)
    assert call.phase is Phase.FAREWELL_PENDING
    assert call.wait(1.4) == []
    [farewell] = call.wait(0.2)
    assert (farewell.kind, farewell.text) == ("farewell", "Goodbye!")
    assert farewell.at == pytest.approx(7.7)
    assert call.phase is Phase.AFTER_FAREWELL


def test_hanging_up_before_the_farewell_records_the_learner_first_and_no_farewell(
    call: Call,
) -> None:
    call.choose(2)
    ending = call.hang_up()
    assert ending.hung_up_first == "learner"
    assert ending.farewell_heard is False
    assert ending.at == pytest.approx(6.2)
    assert call.phase is Phase.ENDED
    assert call.wait(10) == []


def test_hanging_up_after_the_farewell_records_that_it_was_heard(call: Call) -> None:
    call.choose(2)
    call.wait(2)
    ending = call.hang_up()
    assert (ending.hung_up_first, ending.farewell_heard) == ("learner", True)


def test_staying_on_past_hang_up_after_lets_the_other_party_hang_up_first(call: Call) -> None:
    call.choose(2)
    call.wait(60)
    assert call.ending is not None
    assert call.ending.hung_up_first == "other"
    assert call.ending.farewell_heard is True
    assert call.ending.at == pytest.approx(7.7 + speaking_time("Goodbye!", "calm") + 4)


def test_the_other_party_hangs_up_on_time_even_while_the_learner_keeps_talking(
    call: Call,
) -> None:
    call.choose(2)
    call.wait(2)  # farewell 7.7-8.1; they hang up at 12.1
    call.say("And one more thing, " + "really " * 20 + "important")  # 9 s of talking
    assert call.now > 12.1
    with pytest.raises(ActionError, match="the call has ended"):
        call.say("Are you still there?")
    assert call.ending is not None
    assert call.ending.hung_up_first == "other"
    assert call.ending.at == pytest.approx(12.1)


def test_a_line_said_after_the_farewell_is_recorded_but_not_routed(call: Call) -> None:
    call.choose(2)
    call.wait(2)
    [turn] = call.say("THX, BYE!")
    assert (turn.speaker, turn.kind, turn.text) == ("learner", "typed", "THX, BYE!")
    assert turn.closing is True
    assert call.step.id == "hello"
    assert call.phase is Phase.AFTER_FAREWELL


def test_an_end_step_plays_its_lines_then_its_own_farewell(call: Call) -> None:
    at_wrap(call)
    call.say("BYE")
    turns = call.run_out()
    assert [(t.kind, t.text) for t in turns] == [
        ("line", "Oh, you are off then."),
        ("farewell", "Bye then, Sam out."),
    ]
    line, farewell = turns
    assert farewell.at == pytest.approx(line.at + line.duration + 2)
    assert call.ending is not None and call.ending.hung_up_first == "other"
    assert call.ending.at == pytest.approx(farewell.at + farewell.duration + 5)


def test_run_out_stops_at_the_learners_turn(call: Call) -> None:
    turns = call.run_out()
    assert len(turns) == 2
    assert call.phase is Phase.LEARNER_TURN and call.ending is None


# --- the transcript ------------------------------------------------------------------------

def test_transcript_turns_follow_each_other_in_time(call: Call) -> None:
    at_wrap(call)
    call.say("Lovely weather")
    call.say("THX so much")
    call.wait(3)
    call.hang_up()
    times = [(t.at, t.at + t.duration) for t in call.transcript]
    assert len(times) == 8
    for (_, end), (start, _) in pairwise(times):
        assert start >= end
    assert call.ending is not None and call.ending.at >= times[-1][1]


def test_turns_are_marked_as_closing_once_a_closing_step_is_reached(call: Call) -> None:
    at_wrap(call)
    call.say("THX")
    assert [t.closing for t in call.transcript] == [False, False, False, True, True]
