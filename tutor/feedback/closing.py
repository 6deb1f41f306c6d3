"""A played call as the judges see it: each learner turn with the principles it met or broke.

Evidence comes from the learner's closing turns: a chosen line's annotations (the trainer's
judgement, which wins where it speaks) and the signals the analyzer found in every line.
Order and timing come from the transcript and the engine's record of who hung up first.

A fact counts as confirmed on content: its pattern matches a closing line, and no hedge ("not
sure", "не знаю") stands in the same sentence unless that line also makes a concrete promise
(then it is "I'll find out and email you by five"). A fact naming a ``step`` is due only once
the call has been through that step, and a reply in that step with such a promise covers it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from tutor.dialogue import Call, Turn
from tutor.feedback.types import FactResult
from tutor.principles import Principle
from tutor.scenario.model import Fact
from tutor.signals.types import Signal

# Where a sentence ends: a hedge across one does not touch a fact.
_SENTENCE_END = re.compile(r"[.!?]")


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


def _confirms(fact: Fact, judged: JudgedTurn) -> bool:
    """The turn says the fact's value, not merely its topic next to a hedge."""
    text = judged.turn.text
    analysis = judged.turn.analysis
    hedges = [] if analysis is None else [s for s in analysis.spans if s.signal == "hedge"]
    promised = analysis is not None and analysis.has("next_steps")
    if promised and fact.step is not None and judged.turn.step == fact.step:
        return True  # the reply to the step that raised it promises when and how to answer
    for match in fact.pattern.finditer(text):
        if promised or not any(_same_sentence(text, match.start(), match.end(), h.start, h.end)
                               for h in hedges):
            return True
    return False


def _same_sentence(text: str, a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Two stretches of ``text`` with no sentence end between them."""
    lo, hi = min(a_end, b_end), max(a_start, b_start)
    return lo >= hi or not _SENTENCE_END.search(text, lo, hi)


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
        for judged in self.closing:
            if self._dismisses_question(judged):
                judged.broke.add("person_first")
                judged.met.discard("person_first")
        visited = {t.step for t in call.transcript}
        self.facts: list[FactResult] = []
        for fact in self.scenario.rubric.facts:
            if fact.step is not None and fact.step not in visited:
                continue  # the branch that brings it up never came
            hits = tuple(t.index for t in self.closing if _confirms(fact, t))
            self.facts.append(FactResult(fact.id, fact.label, bool(hits), hits))

    def _answers_question(self, judged: JudgedTurn) -> bool:
        """The turn is the learner's reply to a question the other person just asked."""
        asked = [t for t in self.call.transcript[: judged.index] if t.speaker == "other"]
        return bool(asked) and "?" in asked[-1].text

    def _dismisses_question(self, judged: JudgedTurn) -> bool:
        """A brush-off said in answer to the other person's question."""
        analysis = judged.turn.analysis
        return (analysis is not None and analysis.has("brush_off")
                and self._answers_question(judged))

    def leaves_question_open(self, judged: JudgedTurn) -> bool:
        """Their question was answered with "not sure" and no promise to find out."""
        analysis = judged.turn.analysis
        return (analysis is not None and analysis.has("hedge")
                and not analysis.has("next_steps") and self._answers_question(judged))

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
