"""Derive a scenario's best and rushed paths from its annotations.

Trainers check a new call with them (``tutor run ID --path best``), and the tests play every
bundled call both ways.

Best: at each step the first choice with no ``breaks`` and the most ``follows`` (a typed-only
step says its ``typed.better``), then the learner waits for the other side to hang up.
Rushed: the choice with the most ``breaks`` (``pace: rushed`` wins ties), and the learner
hangs up the moment their part is over.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tutor.dialogue import Call, Phase
from tutor.scenario.model import Choice, Step

Kind = Literal["best", "rushed"]


@dataclass(frozen=True)
class Move:
    """A choice number, or a typed line."""

    choice: int | None = None
    text: str | None = None


def pick(step: Step, kind: Kind) -> Move:
    """The move the ``kind`` path makes at ``step``."""
    numbered = list(enumerate(step.choices, start=1))
    if kind == "best":
        clean = [(n, c) for n, c in numbered if not c.note.breaks]
        if clean:
            best = max(clean, key=lambda nc: (len(nc[1].note.follows), -nc[0]))
            return Move(choice=best[0])
        assert step.typed is not None and step.typed.better, f"{step.id}: no clean move"
        return Move(text=step.typed.better)

    def badness(nc: tuple[int, Choice]) -> tuple[int, int, int]:
        return (len(nc[1].note.breaks), nc[1].pace == "rushed", -nc[0])

    if numbered:
        return Move(choice=max(numbered, key=badness)[0])
    assert step.typed is not None
    return Move(text="ok bye")  # the curtest typed close there is


def play(call: Call, kind: Kind, hang_up_early: bool | None = None) -> Call:
    """Play ``kind`` on ``call`` to its end; the rushed path hangs up early by default."""
    for _ in range(100):
        call.listen()
        if call.phase is not Phase.LEARNER_TURN:
            break
        move = pick(call.step, kind)
        if move.choice is not None:
            call.choose(move.choice)
        else:
            assert move.text is not None
            call.say(move.text)
    if kind == "rushed" if hang_up_early is None else hang_up_early:
        call.hang_up()
    else:
        call.run_out()
    return call
