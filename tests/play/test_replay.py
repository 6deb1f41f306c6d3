"""Live preview's replay: the learner's actions played again on an edited call."""

from __future__ import annotations

from pathlib import Path

from tests.support.paths import MINIMAL
from tutor.dialogue import Call, Phase
from tutor.play.replay import moves_of, replay
from tutor.scenario.loader import load_scenario
from tutor.scenario.model import Scenario
from tutor.scenario.sources import scenario_dirs
from tutor.signals import build_detector

DETECTOR = build_detector(scenario_dirs())


def _edited(tmp_path: Path, old: str, new: str) -> Scenario:
    text = MINIMAL.read_text("utf-8")
    assert old in text
    path = tmp_path / "edited.yaml"
    path.write_text(text.replace(old, new), "utf-8")
    return load_scenario(path)


def _played_to_wrap() -> Call:
    """The minimal call with its first choice said, now at the closing step's turn."""
    call = Call(load_scenario(MINIMAL), DETECTOR)
    call.choose(1)
    call.listen()
    assert call.step.id == "wrap" and call.phase is Phase.LEARNER_TURN
    return call


def test_the_moves_are_the_learners_lines_with_their_step() -> None:
    [move] = moves_of(_played_to_wrap())
    assert (move.step, move.choice) == ("hello", 1)
    assert move.text.startswith("Hi Sam")


def test_an_edited_other_line_is_heard_at_the_same_step(tmp_path: Path) -> None:
    old = _played_to_wrap()
    edited = _edited(tmp_path, "Great, see you then.", "Lovely, see you on Friday.")
    result = replay(edited, DETECTOR, moves_of(old), until=old.now)
    assert result.complete and result.stopped_at is None
    assert result.call.step.id == "wrap" and result.call.phase is Phase.LEARNER_TURN
    assert [t.text for t in result.call.transcript][-1] == "Lovely, see you on Friday."


def test_a_choice_taken_away_stops_the_replay_at_its_step(tmp_path: Path) -> None:
    old = _played_to_wrap()
    first = ("    choices:\n      - text: Hi Sam, I'll see you on Friday at 10:00.\n"
             "        next: wrap\n")
    edited = _edited(tmp_path, first, "    typed:\n      default: wrap\n")
    result = replay(edited, DETECTOR, moves_of(old), until=old.now)
    assert not result.complete
    assert (result.applied, result.moves, result.stopped_at) == (0, 1, "hello")
    assert result.call.step.id == "hello" and result.call.phase is Phase.LEARNER_TURN


def test_a_step_renamed_stops_the_replay_where_the_paths_part(tmp_path: Path) -> None:
    call = _played_to_wrap()
    call.choose(1)
    edited = _edited(tmp_path, "wrap", "closing")  # the step id and the choice leading to it
    result = replay(edited, DETECTOR, moves_of(call), until=call.now)
    assert (result.applied, result.moves) == (1, 2)
    assert result.stopped_at == "closing"
