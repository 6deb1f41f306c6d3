"""A played call as the judges see it: each learner turn with the principles it met or broke.

Evidence comes from the learner's closing turns: a chosen line's annotations (the trainer's
judgement, which wins where it speaks) and the signals the analyzer found in every line.
Order and timing come from the transcript and the engine's record of who hung up first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from tutor.dialogue import Call, Turn
from tutor.feedback.types import FactResult
from tutor.principles import Principle
from tutor.signals.types import Signal


@dataclass(frozen=True, slots=True)
class SignalRules:
    """The principles a signal found in a line counts as following, and as breaking."""

    follows: Mapping[Signal, tuple[Principle, ...]]
    breaks: Mapping[Signal, tuple[Principle, ...]]


@dataclass
class JudgedTurn:
    """One learner turn and the principles it met and broke."""

    index: int  # into the transcript
    turn: Turn
    met: set[Principle] = field(default_factory=set)
    broke: set[Principle] = field(default_factory=set)

    @property
    def rushed(self) -> bool:
        """The turn broke the pace."""
        return "pace" in self.broke

    @property
    def says_goodbye(self) -> bool:
        """The analyzer heard a goodbye in it."""
        return self.turn.analysis is not None and self.turn.analysis.has("goodbye")


def judge_turn(index: int, turn: Turn, rules: SignalRules) -> JudgedTurn:
    """What one learner turn met and broke: its annotation, then its signals and pace."""
    judged = JudgedTurn(index, turn)
    note = turn.note
    if note is not None:
        judged.met.update(note.follows)
        judged.broke.update(note.breaks)
    analysis = turn.analysis
    if analysis is not None:
        for signal in analysis.signals:
            judged.broke.update(rules.breaks.get(signal, ()))
        for signal in analysis.signals:
            judged.met.update(p for p in rules.follows.get(signal, ()) if p not in judged.broke)
    if turn.pace == "rushed":
        judged.broke.add("pace")
    judged.met -= judged.broke
    return judged


class Closing:
    """The learner's turns of one call, judged, with the scenario's facts checked."""

    def __init__(self, call: Call, rules: SignalRules) -> None:
        self.call = call
        self.scenario = call.scenario
        self.rules = rules
        self.turns = [judge_turn(i, t, self.rules) for i, t in enumerate(call.transcript)
                      if t.speaker == "learner"]
        self.closing = [t for t in self.turns if t.turn.closing]
        self.before = [t for t in self.turns if not t.turn.closing]
        self.facts: list[FactResult] = []
        for fact in self.scenario.rubric.facts:
            hits = tuple(t.index for t in self.closing if fact.pattern.search(t.turn.text))
            self.facts.append(FactResult(fact.id, fact.label, bool(hits), hits))

    @property
    def missing_facts(self) -> list[str]:
        """Labels of the scenario's facts the closing never said."""
        return [f.label for f in self.facts if not f.confirmed]

    def after_farewell(self, judged: JudgedTurn) -> bool:
        """The turn came after the other party's farewell."""
        return any(t.kind == "farewell" for t in self.call.transcript[: judged.index])

    def model_turn(self, text: str) -> JudgedTurn:
        """A better line, analyzed and judged as if the learner had typed it."""
        analysis = self.call.detector.analyze(text, self.scenario.lang)
        return judge_turn(-1, Turn("learner", text, 0.0, 0.0, "", "typed", analysis=analysis),
                          self.rules)
