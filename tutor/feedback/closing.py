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
from typing import NamedTuple

from tutor.dialogue import Call, Turn
from tutor.feedback.types import FactResult
from tutor.principles import Principle
from tutor.scenario.model import Fact
from tutor.signals.types import Lang, Signal, SignalDetector

# Where a sentence ends: a hedge across one does not touch a fact.
_SENTENCE_END = re.compile(r"[.!?]")


@dataclass(frozen=True, slots=True)
class SignalRules:
    """The principles a signal found in a line counts as following, and as breaking."""

    follows: Mapping[Signal, tuple[Principle, ...]]
    breaks: Mapping[Signal, tuple[Principle, ...]]
    # What the signals of a line mean together, worked out once per set of signals: lines
    # bring a few dozen sets, and each would otherwise be looked up signal by signal.
    _together: dict[tuple[Signal, ...], tuple[frozenset[Principle], frozenset[Principle]]] = (
        field(default_factory=dict, init=False, repr=False, compare=False))

    def of(self, signals: tuple[Signal, ...]) -> tuple[frozenset[Principle], frozenset[Principle]]:
        """The principles a line with ``signals`` follows (some of which it may also break),
        and those it breaks."""
        found = self._together.get(signals)
        if found is None:
            found = self._together[signals] = (
                frozenset(p for s in signals for p in self.follows.get(s, ())),
                frozenset(p for s in signals for p in self.breaks.get(s, ())),
            )
        return found


_NOTHING: tuple[frozenset[Principle], frozenset[Principle]] = (frozenset(), frozenset())


@dataclass(slots=True)
class JudgedTurn:
    """One learner turn and the principles it met and broke."""

    index: int  # into the transcript
    turn: Turn
    met: set[Principle] = field(default_factory=set)
    broke: set[Principle] = field(default_factory=set)
    answers_question: bool = False  # it replies to a question the other person just asked
    after_farewell: bool = False  # it came after the other party's farewell

    @property
    def rushed(self) -> bool:
        """The turn broke the pace."""
        return "pace" in self.broke

    @property
    def words(self) -> int:
        """How many words it says (only the pace reads them, and not always)."""
        return len(self.turn.text.split())

    @property
    def says_goodbye(self) -> bool:
        """The analyzer heard a goodbye in it."""
        return self.turn.analysis is not None and self.turn.analysis.has("goodbye")


def judge_turn(index: int, turn: Turn, rules: SignalRules) -> JudgedTurn:
    """What one learner turn met and broke: its annotation, then its signals and pace."""
    analysis = turn.analysis
    follows, breaks = _NOTHING if analysis is None else rules.of(analysis.signals)
    met, broke = set(follows), set(breaks)
    note = turn.note
    if note is not None:
        met.update(note.follows)
        broke.update(note.breaks)
    if turn.pace == "rushed":
        broke.add("pace")
    met -= broke
    return JudgedTurn(index, turn, met, broke)


class _Said(NamedTuple):
    """All that decides which facts a closing line confirms."""

    text: str
    step: str
    promised: bool  # it promises a next step (when and how)
    hedges: tuple[tuple[int, int], ...]  # where in ``text`` it says it does not know


def _said(turn: Turn) -> _Said:
    analysis = turn.analysis
    if analysis is None:
        return _Said(turn.text, turn.step, False, ())
    hedges = tuple((s.start, s.end) for s in analysis.spans if s.signal == "hedge") \
        if analysis.has("hedge") else ()
    return _Said(turn.text, turn.step, analysis.has("next_steps"), hedges)


def _confirms(fact: Fact, said: _Said) -> bool:
    """The line says the fact's value, not merely its topic next to a hedge."""
    if said.promised and fact.step is not None and said.step == fact.step:
        return True  # the reply to the step that raised it promises when and how to answer
    text = said.text
    for match in fact.pattern.finditer(text):
        if said.promised or not any(_same_sentence(text, match.start(), match.end(), start, end)
                                    for start, end in said.hedges):
            return True
    return False


def _same_sentence(text: str, a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Two stretches of ``text`` with no sentence end between them."""
    lo, hi = min(a_end, b_end), max(a_start, b_start)
    return lo >= hi or not _SENTENCE_END.search(text, lo, hi)


class _Upto(NamedTuple):
    """The learner's turns of a transcript up to one of them, judged, and which facts each
    closing turn confirms (as ``(transcript index, fact ids)``); with what a turn after them
    needs to know of the turns so far, so the walk goes on from here without looking back."""

    turns: tuple[JudgedTurn, ...] = ()
    closing: tuple[JudgedTurn, ...] = ()
    before: tuple[JudgedTurn, ...] = ()
    said: tuple[tuple[int, frozenset[str]], ...] = ()
    seen: int = 0  # how many turns of the transcript (of any speaker) this covers
    asked: bool = False  # the other party's last turn among them asked a question
    farewell: bool = False  # one of them is a farewell


#: The facts each closing line confirms.
Confirmed = dict[_Said, frozenset[str]]


class TurnMemo:
    """What the closing learns about each learner turn, kept for every call forked from one.

    A walk over every path of a call forks it at each move: the forks share the turn objects
    of their common start, and a shared turn keeps its place and all that was said before it.
    So each turn is judged once, in its place, and the judged turns up to it are kept with
    it: a path's closing is its longest known start plus the turns only it has. Use one memo
    per walk: the forks of one call, hence one scenario and one set of facts.

    ``confirmed`` may be shared by every memo of one scenario (the facts a line confirms do
    not depend on the call it is said in).
    """

    def __init__(self, rules: SignalRules, confirmed: Confirmed | None = None, *,
                 shared: bool = True) -> None:
        self.rules = rules
        # By identity; each entry holds its turn, so no other object can take the turn's id.
        # A memo for a single call (``shared`` False) keeps none: no fork will ask for them.
        self._known: dict[int, tuple[Turn, _Upto]] | None = {} if shared else None
        # The facts a line confirms rest on its words, its hedges and promise and its step
        # alone, and paths say the same lines at the same steps over and over.
        self._confirmed: Confirmed = {} if confirmed is None else confirmed

    def learner_turns(self, transcript: list[Turn], facts: Sequence[Fact]) -> _Upto:
        """The learner's turns of ``transcript``, judged, with the ``facts`` each confirms."""
        start = self._known_start(transcript)
        turns, closing, before = list(start.turns), list(start.closing), list(start.before)
        said = list(start.said)
        asked, farewell = start.asked, start.farewell
        for index in range(start.seen, len(transcript)):
            turn = transcript[index]
            if turn.speaker != "learner":
                asked = "?" in turn.text
                farewell = farewell or turn.kind == "farewell"
                continue
            judged = self._judge(index, turn, asked, farewell)
            farewell = farewell or turn.kind == "farewell"
            turns.append(judged)
            if turn.closing:
                closing.append(judged)
                said.append((index, self._confirms(turn, facts)))
            else:
                before.append(judged)
            if self._known is not None:
                self._known[id(turn)] = (turn, _Upto(tuple(turns), tuple(closing), tuple(before),
                                                     tuple(said), index + 1, asked, farewell))
        return _Upto(tuple(turns), tuple(closing), tuple(before), tuple(said), len(transcript),
                     asked, farewell)

    def _known_start(self, transcript: list[Turn]) -> _Upto:
        """The judged turns of the longest start of ``transcript`` known from another call."""
        if self._known:
            for index in range(len(transcript) - 1, -1, -1):
                turn = transcript[index]
                if turn.speaker == "learner":
                    known = self._known.get(id(turn))
                    if known is not None and known[1].seen == index + 1:
                        return known[1]
        return _Upto()

    def _confirms(self, turn: Turn, facts: Sequence[Fact]) -> frozenset[str]:
        """The ids of the ``facts`` a closing turn confirms."""
        said = _said(turn)
        confirmed = self._confirmed.get(said)
        if confirmed is None:
            confirmed = self._confirmed[said] = frozenset(f.id for f in facts
                                                          if _confirms(f, said))
        return confirmed

    def _judge(self, index: int, turn: Turn, asked: bool, farewell: bool) -> JudgedTurn:
        """The learner's turn at ``index``, judged in its place: ``asked`` says the other
        party's last turn before it asked a question, ``farewell`` that they said goodbye."""
        judged = judge_turn(index, turn, self.rules)
        judged.answers_question = asked
        judged.after_farewell = farewell
        analysis = turn.analysis
        if turn.closing and asked and analysis is not None and analysis.has("brush_off"):
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
        known = memo if memo is not None and memo.rules is rules else TurnMemo(rules, shared=False)
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
