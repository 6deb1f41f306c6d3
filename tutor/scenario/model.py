"""The scenario model: an immutable, validated description of one phone call."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

# Re-exported: the loader, the spec and the format docs read the principles through the model.
from tutor.locale.grammar import GENDERS as GENDERS
from tutor.locale.grammar import Gender as Gender
from tutor.patterns import Pattern
from tutor.principles import DEFAULT_WEIGHTS as DEFAULT_WEIGHTS
from tutor.principles import PRINCIPLES as PRINCIPLES
from tutor.principles import Principle as Principle
from tutor.signals.types import Lang, LineAnalysis, Signal

Pace = Literal["calm", "rushed"]
PACES: tuple[Pace, ...] = ("calm", "rushed")
Difficulty = Literal["easy", "medium", "hard"]
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")
Register = Literal["formal", "informal"]
REGISTERS: tuple[Register, ...] = ("formal", "informal")
TimeOfDay = Literal["morning", "afternoon", "evening"]
TIMES_OF_DAY: tuple[TimeOfDay, ...] = ("morning", "afternoon", "evening")

#: The reserved target of ``next`` meaning "the learner's part of the call is over".
END = "end"


@dataclass(frozen=True, slots=True)
class Line:
    """A line the other party says, ``pause`` seconds after the previous event."""

    text: str
    pace: Pace = "calm"
    pause: float = 0.0


@dataclass(frozen=True, slots=True)
class Annotation:
    """A trainer's note on a learner line: the principles it follows or breaks, and why."""

    follows: tuple[Principle, ...] = ()
    breaks: tuple[Principle, ...] = ()
    why: str | None = None
    better: str | None = None


@dataclass(frozen=True, slots=True)
class Choice:
    """One numbered line the learner may pick, and the step it leads to."""

    text: str
    next: str
    pace: Pace = "calm"
    note: Annotation = field(default_factory=Annotation)
    reply: tuple[Line, ...] = ()  # said instead of the next step's lines; () keeps those


@dataclass(frozen=True, slots=True)
class Condition:
    """Matches a typed line by the signals detected in it."""

    all: tuple[Signal, ...] = ()
    any: tuple[Signal, ...] = ()
    none: tuple[Signal, ...] = ()

    def matches(self, analysis: LineAnalysis) -> bool:
        """True when every ``all``, at least one ``any`` (if given) and no ``none`` is present."""
        found = set(analysis.signals)
        return (
            all(s in found for s in self.all)
            and (not self.any or any(s in found for s in self.any))
            and not any(s in found for s in self.none)
        )


@dataclass(frozen=True, slots=True)
class Route:
    """Where a typed line goes when its signals match ``when``, and what it hears back."""

    when: Condition
    next: str
    reply: tuple[Line, ...] = ()  # said instead of the next step's lines; () keeps those


@dataclass(frozen=True, slots=True)
class TypedTurn:
    """A free-text turn: the first matching route wins, else ``default``."""

    default: str
    prompt: str | None = None
    routes: tuple[Route, ...] = ()
    better: str | None = None

    def route(self, analysis: LineAnalysis) -> str:
        """The step id a typed line with ``analysis`` leads to."""
        taken = self.match(analysis)
        return self.default if taken is None else taken.next

    def match(self, analysis: LineAnalysis) -> Route | None:
        """The first route whose condition ``analysis`` meets; None means ``default``."""
        return next((r for r in self.routes if r.when.matches(analysis)), None)


@dataclass(frozen=True, slots=True)
class Farewell:
    """The other party's goodbye, and how long they stay on the line after it."""

    text: str
    pause: float = 1.0
    pace: Pace = "calm"
    hang_up_after: float = 3.0


@dataclass(frozen=True, slots=True)
class Silence:
    """What the other party says to silence in the learner's turn (None: the locale's words)."""

    prompt: str | None = None  # after ``patience`` seconds: "Hello? Are you still there?"
    hang_up: str | None = None  # after as long again, just before they hang up


@dataclass(frozen=True, slots=True)
class Step:
    """One beat of the call: the other party's lines, then the learner's turn (or the end)."""

    id: str
    other: tuple[Line, ...] = ()
    choices: tuple[Choice, ...] = ()
    typed: TypedTurn | None = None
    closing: bool = False
    end: bool = False
    farewell: Farewell | None = None

    def targets(self) -> tuple[str, ...]:
        """Every step id this step can lead to."""
        out = [c.next for c in self.choices]
        if self.typed is not None:
            out.extend(r.next for r in self.typed.routes)
            out.append(self.typed.default)
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Party:
    """The person on the other end of the line."""

    name: str
    role: str
    gender: Gender | None = None


@dataclass(frozen=True, slots=True)
class Brief:
    """Who the learner plays and what they are after."""

    role: str
    goal: str
    # For texts that address the learner in a gendered language; None: the app's setting.
    gender: Gender | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    """Something the closing should confirm, e.g. the interview's day and time."""

    id: str
    label: str
    pattern: Pattern  # compiled by RE2: linear time whatever the file says
    step: str | None = None  # due only once the call has been through this step


@dataclass(frozen=True, slots=True)
class Rubric:
    """How this scenario weighs the principles and what counts as a pass."""

    weights: dict[Principle, int]
    pass_mark: int = 80
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True, slots=True)
class ExampleLine:
    """A line of an authored example closing (for listen mode)."""

    who: Literal["learner", "other"]
    text: str
    pace: Pace = "calm"
    pause: float = 0.0


@dataclass(frozen=True, slots=True)
class Examples:
    """Authored example closings: the rushed one of the post and a calm, complete one."""

    rushed: tuple[ExampleLine, ...]
    calm: tuple[ExampleLine, ...]


@dataclass(frozen=True, slots=True)
class Scenario:
    """A whole call, as loaded and validated from one YAML file."""

    id: str
    title: str
    lang: Lang
    summary: str
    learner: Brief
    other: Party
    steps: dict[str, Step]
    start: str
    farewell: Farewell
    rubric: Rubric
    difficulty: Difficulty = "medium"
    kind: str = ""
    tags: tuple[str, ...] = ()
    examples: Examples | None = None
    source: Path | None = None
    # Seconds of silence in the learner's turn before the other party asks whether they are
    # still there; as long again and they hang up. Long enough to read the choices.
    patience: float = 8.0
    silence: Silence = field(default_factory=Silence)
    register: Register | None = None  # None: read it from the learner's lines (feedback)
    time_of_day: TimeOfDay | None = None

    @property
    def closing_steps(self) -> tuple[str, ...]:
        """Ids of the steps that form the closing phase."""
        return tuple(s.id for s in self.steps.values() if s.closing)

    def for_learner(self, gender: Gender | None) -> Scenario:
        """This call for a learner of ``gender`` (their setting); a gender the scenario gives
        the learner's role wins."""
        if gender is None or self.learner.gender is not None:
            return self
        return replace(self, learner=replace(self.learner, gender=gender))
