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

#: Which path: the one the annotations recommend, or the rushed close of the post.
PathName = Literal["best", "rushed"]
#: What the rushed path types where a step offers no choices: the curtest close there is.
CURT: dict[str, str] = {"en": "ok bye", "ru": "ага, пока"}
#: More learner turns than any real call has: a path this long is going round in circles.
MAX_TURNS = 200


class PathError(Exception):
    """The annotations do not give the path a move; the message names the step."""


@dataclass(frozen=True)
class Move:
    """A choice number, or a typed line."""

    choice: int | None = None
    text: str | None = None


def pick(step: Step, path: PathName, lang: str = "en") -> Move:
    """The move the ``path`` path (best or rushed) makes at ``step``."""
    numbered = list(enumerate(step.choices, start=1))
    if path == "best":
        clean = [(n, c) for n, c in numbered if not c.note.breaks]
        if clean:
            best = max(clean, key=lambda nc: (len(nc[1].note.follows), -nc[0]))
            return Move(choice=best[0])
        if step.typed is not None and step.typed.better:
            return Move(text=step.typed.better)
        raise PathError(f"step {step.id!r} has no choice without 'breaks' and no typed.better "
                        "line, so there is no best move there")

    def badness(nc: tuple[int, Choice]) -> tuple[int, int, int]:
        return (len(nc[1].note.breaks), nc[1].pace == "rushed", -nc[0])

    if numbered:
        return Move(choice=max(numbered, key=badness)[0])
    return Move(text=CURT.get(lang, CURT["en"]))


def play(call: Call, path: PathName, hang_up_early: bool | None = None) -> Call:
    """Play ``path`` on ``call`` to its end; the rushed path hangs up early by default."""
    for _ in range(MAX_TURNS):
        call.listen()
        if call.phase is not Phase.LEARNER_TURN:
            break
        move = pick(call.step, path, call.scenario.lang)
        if move.choice is not None:
            call.choose(move.choice)
        elif move.text is not None:
            call.say(move.text)
    else:
        raise PathError(f"the {path} path goes round in circles (at step {call.step.id!r})")
    if path == "rushed" if hang_up_early is None else hang_up_early:
        call.hang_up()
    else:
        call.run_out()
    return call
