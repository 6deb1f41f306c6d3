"""Keeping the learner's place when the call's file changes under them (live preview).

The engine's transcript already records every learner action: which step it was said at,
when, and the choice number or the typed words. After a reload those actions are played again
on the new scenario, in order, until one no longer applies (its step is not where the new call
is, or the choice is gone); the call stops there, at the learner's turn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tutor.dialogue import MAX_WAIT, ActionError, Call
from tutor.scenario.model import Scenario
from tutor.signals.types import SignalDetector


@dataclass(frozen=True, slots=True)
class Move:
    """One thing the learner said: a numbered choice or a typed line, at a step and a time."""

    step: str
    at: float
    choice: int | None
    text: str


@dataclass(frozen=True, slots=True)
class Replay:
    """A new call brought as far as the old one's actions still lead."""

    call: Call
    applied: int  # how many of the moves were played again
    moves: int  # how many there were
    stopped_at: str | None  # the step where a move no longer applied; None when all did

    @property
    def complete(self) -> bool:
        """True when every move was played again."""
        return self.applied == self.moves


def moves_of(call: Call) -> list[Move]:
    """The learner's actions in ``call``, in order, from its transcript."""
    return [Move(t.step, t.at, t.choice, t.text) for t in call.transcript
            if t.speaker == "learner"]


def _wait_until(call: Call, moment: float) -> None:
    while call.now < moment and call.ending is None:
        call.wait(min(moment - call.now, MAX_WAIT))


def replay(scenario: Scenario, detector: SignalDetector, moves: Sequence[Move],
           until: float = 0.0) -> Replay:
    """Play ``moves`` on a new call of ``scenario``; if all apply, let time run to ``until``.

    Time runs on between moves as it did before, so lines the other party says on a pause come
    when they came; a move is played at its step only.
    """
    call = Call(scenario, detector)
    for done, move in enumerate(moves):
        _wait_until(call, move.at)
        if call.ending is None:
            call.listen()  # the other party finishes what they say first, as in a real turn
        if call.ending is not None or call.step.id != move.step:
            return Replay(call, done, len(moves), call.step.id)
        try:
            if move.choice is not None:
                call.choose(move.choice)
            else:
                call.say(move.text)
        except ActionError:
            return Replay(call, done, len(moves), call.step.id)
    _wait_until(call, until)
    return Replay(call, len(moves), len(moves), None)
