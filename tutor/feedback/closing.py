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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tutor.dialogue import Call, Turn
from tutor.feedback.types import FactResult
from tutor.principles import Principle
from tutor.scenario.model import Fact
from tutor.signals.types import Lang, LineAnalysis, Signal, SignalDetector

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
    answers_question: bool = False  # it replies to a question the other person just asked
    after_farewell: bool = False  # it came after the other party's farewell
    words: int = 0  # how many words it says

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
    judged = JudgedTurn(index, turn, words=len(turn.text.split()))
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


@dataclass(frozen=True, slots=True)
class _Upto:
    """The learner's turns of a transcript up to one of them, judged, and which facts each
    closing turn confirms (as ``(transcript index, fact ids)``)."""

    turns: tuple[JudgedTurn, ...] = ()
    closing: tuple[JudgedTurn, ...] = ()
    before: tuple[JudgedTurn, ...] = ()
    said: tuple[tuple[int, frozenset[str]], ...] = ()


class TurnMemo:
    """What the closing learns about each learner turn, kept for every call forked from one.

    A walk over every path of a call forks it at each move: the forks share the turn objects
    of their common start, and a shared turn keeps its place and all that was said before it.
    So each turn is judged once, in its place, and the judged turns up to it are kept with
    it: a path's closing is its longest known start plus the turns only it has. Use one memo
    per walk: the forks of one call, hence one scenario and one set of facts.
    """

    def __init__(self, rules: SignalRules) -> None:
        self.rules = rules
        # By identity; each entry holds its turn, so no other object can take the turn's id.
        self._known: dict[int, tuple[Turn, _Upto]] = {}
        # The facts a line confirms rest on its words, its analysis and its step alone, and
        # paths say the same lines at the same steps over and over.
        self._confirmed: dict[tuple[str, str, LineAnalysis | None], frozenset[str]] = {}

    def learner_turns(self, transcript: list[Turn], facts: Sequence[Fact]) -> _Upto:
        """The learner's turns of ``transcript``, judged, with the ``facts`` each confirms."""
        state = _Upto()
        pending: list[int] = []  # learner turns after the longest known start, last first
        for index in range(len(transcript) - 1, -1, -1):
            turn = transcript[index]
            if turn.speaker != "learner":
                continue
            known = self._known.get(id(turn))
            if known is not None and known[1].turns[-1].index == index:
                state = known[1]
                break
            pending.append(index)
        for index in reversed(pending):
            turn = transcript[index]
            judged = self._judge(index, turn, transcript)
            if turn.closing:
                line = (turn.text, turn.step, turn.analysis)
                confirmed = self._confirmed.get(line)
                if confirmed is None:
                    confirmed = self._confirmed[line] = frozenset(
                        f.id for f in facts if _confirms(f, judged))
                state = _Upto((*state.turns, judged), (*state.closing, judged), state.before,
                              (*state.said, (index, confirmed)))
            else:
                state = _Upto((*state.turns, judged), state.closing,
                              (*state.before, judged), state.said)
            self._known[id(turn)] = (turn, state)
        return state

    def _judge(self, index: int, turn: Turn, transcript: list[Turn]) -> JudgedTurn:
        """The learner's turn at ``index`` of ``transcript``, judged in its place."""
        judged = judge_turn(index, turn, self.rules)
        before = transcript[:index]
        asked = [t for t in before if t.speaker == "other"]
        judged.answers_question = bool(asked) and "?" in asked[-1].text
        judged.after_farewell = any(t.kind == "farewell" for t in before)
        analysis = turn.analysis
        if turn.closing and judged.answers_question and analysis is not None and (
                analysis.has("brush_off")):
            # A brush-off said in answer to their question puts the learner's exit first.
            judged.broke.add("person_first")
            judged.met.discard("person_first")
        return judged


class Closing:
    """The learner's turns of one call, judged, with the scenario's facts checked.

    ``memo`` carries what is known about turns shared with calls judged before, when all of
    them were forked from one call (see ``TurnMemo``); without one nothing is carried over.
    """

    def __init__(self, call: Call, rules: SignalRules, memo: TurnMemo | None = None) -> None:
        self.call = call
        self.scenario = call.scenario
        self.rules = rules
        known = memo if memo is not None and memo.rules is rules else TurnMemo(rules)
        facts = self.scenario.rubric.facts
        upto = known.learner_turns(call.transcript, facts)
        self.turns = list(upto.turns)
        self.closing = list(upto.closing)
        self.before = list(upto.before)
        visited: set[str] | None = None
        self.facts: list[FactResult] = []
        for fact in facts:
            if fact.step is not None:
                if visited is None:
                    visited = {t.step for t in call.transcript}
                if fact.step not in visited:
                    continue  # the branch that brings it up never came
            hits = tuple(index for index, ids in upto.said if fact.id in ids)
            self.facts.append(FactResult(fact.id, fact.label, bool(hits), hits))

    def leaves_question_open(self, judged: JudgedTurn) -> bool:
        """Their question was answered with "not sure" and no promise to find out."""
        analysis = judged.turn.analysis
        return (analysis is not None and analysis.has("hedge")
                and not analysis.has("next_steps") and judged.answers_question)

    @property
    def missing_facts(self) -> list[str]:
        """Labels of the scenario's facts the closing never said."""
        return [f.label for f in self.facts if not f.confirmed]

    def after_farewell(self, judged: JudgedTurn) -> bool:
        """The turn came after the other party's farewell."""
        return judged.after_farewell


def model_turn(text: str, lang: Lang, detector: SignalDetector, rules: SignalRules) -> JudgedTurn:
    """A better line, analyzed and judged as if the learner had typed it."""
    analysis = detector.analyze(text, lang)
    return judge_turn(-1, Turn("learner", text, 0.0, 0.0, "", "typed", analysis=analysis), rules)
