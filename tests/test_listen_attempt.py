"""``tutor.listen.attempt_lines``: a stored attempt plays back with its own timing."""

from __future__ import annotations

import pytest

from tutor.dialogue import speaking_time
from tutor.listen import attempt_lines, schedule
from tutor.scenario.model import Examples


def test_each_line_starts_when_it_started_in_the_call() -> None:
    turns = [{"speaker": "other", "text": "Is there anything else?", "at": 0.0},
             {"speaker": "learner", "text": "No thanks bye", "at": 4.0, "pace": "rushed"},
             {"speaker": "other", "text": "Oh, goodbye then.", "at": 4.1}]
    plan = schedule(Examples(attempt_lines(turns), ()))
    assert [c.at for c in plan.cues][:2] == [0.0, 4.0]
    assert plan.cues[1].line.pace == "rushed"
    # The last line came before the one before it had been said: no silence, said at once.
    assert plan.cues[2].at == pytest.approx(4.0 + speaking_time("No thanks bye", "rushed"))


def test_turns_that_are_not_well_formed_are_skipped() -> None:
    turns = [{"speaker": "robot", "text": "x", "at": 0}, "nonsense",
             {"speaker": "learner", "text": "Bye", "at": "soon"},
             {"speaker": "learner", "text": "Goodbye!", "at": 1}]
    assert [line.text for line in attempt_lines(turns)] == ["Goodbye!"]
    assert attempt_lines(None) == ()
