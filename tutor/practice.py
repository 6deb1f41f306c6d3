"""Practice options for one attempt: where the call starts, and the order its lines are shown in.

Drilling the close means starting at the first closing step, after a short recap of what
came before, with the numbered lines in a new order each attempt so that a retry practises
the close rather than the number of the good line. The order comes from a seed: the same
seed gives the same order, which scripts and tests rely on, and the seed is recorded with
the attempt. Plain Python: every front end prepares its scenario here and plays it on the
unchanged dialogue engine.
"""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass, replace

from tutor.play.paths import PathError, pick
from tutor.scenario.model import END, Scenario

#: What ``--from`` takes for "the first closing step", whatever its id.
CLOSING = "closing"
#: Seeds are drawn from this range, so they are short enough to read out and type back.
SEED_RANGE = 1_000_000


class PracticeError(ValueError):
    """A start the scenario does not have; the message lists the steps it does have."""


@dataclass(frozen=True, slots=True)
class Practice:
    """How one attempt is played: from which step, and with which seed (None: as authored)."""

    start: str | None = None  # a step id, or CLOSING; None: from the beginning
    seed: int | None = None  # the shuffle's seed; None: the lines in their authored order

    @property
    def drill(self) -> bool:
        """True when the attempt skips the opening."""
        return self.start is not None


@dataclass(frozen=True, slots=True)
class Recap:
    """What came before the step a drill starts at, for the learner to read first."""

    other: str  # who is on the line: name and role
    summary: str  # the call so far, in the author's words
    last_said: str | None  # the learner's last line before the start, on the best path


def new_seed(rng: random.Random | None = None) -> int:
    """A fresh seed for an attempt whose order nobody asked for."""
    return (rng or random.SystemRandom()).randrange(SEED_RANGE)


def first_closing_step(scenario: Scenario) -> str:
    """The closing step reached first from the start (breadth first, in authored order)."""
    seen = {scenario.start}
    queue = deque([scenario.start])
    while queue:
        step = scenario.steps[queue.popleft()]
        if step.closing:
            return step.id
        for target in step.targets():
            if target != END and target not in seen:
                seen.add(target)
                queue.append(target)
    # The loader requires a reachable closing step; a hand-built scenario may lack one.
    raise PracticeError(f"{scenario.id} has no closing step to start from")


def start_step(scenario: Scenario, start: str | None) -> str:
    """The id of the step an attempt starts at (``start`` may be CLOSING or a step id)."""
    if start is None:
        return scenario.start
    if start == CLOSING and CLOSING not in scenario.steps:
        return first_closing_step(scenario)
    if start not in scenario.steps:
        known = ", ".join(scenario.steps)
        raise PracticeError(f"{scenario.id} has no step {start!r}; start from "
                            f"'{CLOSING}' or one of its steps: {known}")
    return start


def orders(scenario: Scenario, seed: int | None) -> dict[str, tuple[int, ...]]:
    """For each step with choices, the authored numbers (1-based) in the order shown."""
    rng = random.Random(seed)
    out: dict[str, tuple[int, ...]] = {}
    for step in scenario.steps.values():
        numbers = list(range(1, len(step.choices) + 1))
        if seed is not None:
            rng.shuffle(numbers)
        out[step.id] = tuple(numbers)
    return out


def prepare(scenario: Scenario, practice: Practice) -> Scenario:
    """The scenario as this attempt plays it: its start moved, its choices reordered.

    Choice numbers in the engine, in scripts (``choose N``) and in transcripts then refer to
    the order shown. Raises ``PracticeError`` for a start the scenario does not have.
    """
    start = start_step(scenario, practice.start)
    if practice.seed is None and start == scenario.start:
        return scenario
    shown = orders(scenario, practice.seed)
    steps = {
        sid: replace(step, choices=tuple(step.choices[n - 1] for n in shown[sid]))
        for sid, step in scenario.steps.items()
    }
    return replace(scenario, steps=steps, start=start)


def recap(scenario: Scenario, start: str) -> Recap:
    """Who is on the line and what came before ``start``, from the scenario itself.

    The summary is the author's own account of the call; the learner's last line before the
    start is the one the annotations call best (``tutor.play.paths``) along the way.
    """
    return Recap(other=f"{scenario.other.name}, {scenario.other.role}",
                 summary=scenario.summary, last_said=_last_best_line(scenario, start))


def _last_best_line(scenario: Scenario, start: str) -> str | None:
    """The best path's last learner line before it reaches ``start`` (None if it never does).

    A typed best line is taken to go where typed lines go by default: without the analyzer
    its route cannot be told, and the recap only needs the line itself.
    """
    step_id = scenario.start
    said: str | None = None
    for _ in range(len(scenario.steps)):
        if step_id == start:
            return said
        step = scenario.steps[step_id]
        try:
            move = pick(step, "best", scenario.lang)
        except PathError:
            return None
        if move.choice is not None:
            choice = step.choices[move.choice - 1]
            said, step_id = choice.text, choice.next
        elif step.typed is not None:
            said, step_id = move.text, step.typed.default
        if step_id == END:
            return None
    return None


def practice_dict(scenario: Scenario, practice: Practice) -> dict[str, object]:
    """How an attempt was prepared, as JSON-ready data: its start, seed and choice orders.

    ``order`` maps each step with choices to the authored numbers in the order shown, so a
    report's ``choice`` numbers can be read back against the file.
    """
    return {
        "from": start_step(scenario, practice.start),
        "seed": practice.seed,
        "order": {sid: list(numbers)
                  for sid, numbers in orders(scenario, practice.seed).items() if numbers},
    }
