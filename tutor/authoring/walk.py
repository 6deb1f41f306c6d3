"""Walk every path through a call and judge each one with the real evaluator.

A path is what a learner can do: pick any choice, type a line at a typed step, or hang up at
any turn; once their part is over they hang up at once or wait for the other side to. Typed
lines come from the call itself (the step's ``typed.better``, the example closings, the
``better`` lines and the choice texts): at each typed step every route (and the default) is
tried once, with the first of those lines that takes it.

The evaluator judges the closing turns; earlier turns only set the pace baseline. So the walk
judges the closing once per step it can be entered at, and counts it once for each way of
getting there (the first way found stands for the others), and every hang-up before the
first closing line is judged once. Both keep the walk to about a hundred judged paths for a
bundled call while the count still covers every path. The walk stops at ``max_paths`` and says so.

Lint runs on every save, so each judged path costs little: a path is a fork of the call where
it branched (not a replay from the start), it is scored without being put into words
(``score``, not ``evaluate``), and the turns paths share are judged once (``TurnMemo``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from tutor.dialogue import Call, Phase
from tutor.feedback.closing import TurnMemo
from tutor.feedback.evaluator import score
from tutor.feedback.principles import RULES
from tutor.scenario.model import Principle, Scenario, Step
from tutor.signals.types import Lang, LineAnalysis, SignalDetector

#: Complete paths judged per call before the walk is cut.
MAX_PATHS = 5000
#: Learner turns on one path before it counts as going round in circles.
MAX_TURNS = 40

Move = tuple[str, str]  # ("choose", "2") | ("say", text) | ("hang up", "")
HANG_UP: Move = ("hang up", "")


def script_line(move: Move) -> str:
    """The move as a line of a ``tutor run`` script."""
    return f"{move[0]} {move[1]}".strip()


class MemoDetector:
    """An analyzer that remembers each line's analysis: a walk says the same lines many times."""

    def __init__(self, inner: SignalDetector) -> None:
        self.inner = inner
        self._seen: dict[tuple[str, Lang | None], LineAnalysis] = {}

    def analyze(self, text: str, lang: Lang | None = None) -> LineAnalysis:
        """The inner analyzer's answer, computed once per line and language."""
        key = (text, lang)
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = self.inner.analyze(text, lang)
        return found


@dataclass(frozen=True, slots=True)
class Outcome:
    """One complete path and how the evaluator judged it."""

    moves: tuple[Move, ...]
    total: int
    passed: bool
    verdicts: tuple[tuple[Principle, str], ...]
    facts: frozenset[str]
    hung_up_first: str
    closing_steps: frozenset[str]  # closing steps where the learner took a turn
    #: Principles a choice on the path is marked to break (``breaks:``): the author knows.
    marked_broken: frozenset[str] = frozenset()

    @property
    def missed(self) -> tuple[Principle, ...]:
        """Principles the path missed outright."""
        return tuple(p for p, v in self.verdicts if v == "missed")

    def script(self) -> str:
        """The path as a ``tutor run`` script (waiting at the end is implicit)."""
        return "\n".join(script_line(m) for m in self.moves) + "\n"


@dataclass
class Walk:
    """Every path of one call: how many, their scores, and the ones worth a trainer's look."""

    scenario: Scenario
    paths: int = 0
    cut: bool = False
    limit: int = MAX_PATHS
    outcomes: list[tuple[Outcome, int]] = field(default_factory=list)  # (outcome, multiplicity)
    typed_lines: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    @property
    def best(self) -> Outcome | None:
        """The highest-scoring path (the first found on ties)."""
        return max((o for o, _ in self.outcomes), key=lambda o: o.total, default=None)

    @property
    def worst(self) -> Outcome | None:
        """The lowest-scoring path."""
        return min((o for o, _ in self.outcomes), key=lambda o: o.total, default=None)


def candidate_lines(scenario: Scenario) -> list[str]:
    """The lines a trainer wrote for the learner: examples, ``better`` lines, choice texts."""
    lines: list[str] = []
    rushed: list[str] = []
    if scenario.examples is not None:
        lines += [e.text for e in scenario.examples.calm if e.who == "learner"]
        rushed += [e.text for e in scenario.examples.rushed if e.who == "learner"]
    for step in scenario.steps.values():
        if step.typed is not None and step.typed.better:
            lines.append(step.typed.better)
        for choice in step.choices:
            if choice.note.better:
                lines.append(choice.note.better)
            lines.append(choice.text)
    return list(dict.fromkeys(lines + rushed))


def typed_moves(scenario: Scenario, step: Step, lines: list[str],
                detector: SignalDetector) -> list[tuple[str, str]]:
    """(line, target) for the typed lines tried at ``step``: the first line for each target."""
    if step.typed is None:
        return []
    first = [step.typed.better] if step.typed.better else []
    out: dict[str, str] = {}
    for text in [*first, *lines]:
        out.setdefault(step.typed.route(detector.analyze(text, scenario.lang)), text)
    return [(text, target) for target, text in out.items()]


class _Walker:
    def __init__(self, scenario: Scenario, detector: SignalDetector, max_paths: int) -> None:
        self.scenario = scenario
        self.detector = detector
        self.max_paths = max_paths
        lines = candidate_lines(scenario)
        self.typed = {sid: typed_moves(scenario, s, lines, detector)
                      for sid, s in scenario.steps.items() if s.typed is not None}
        self.memo: dict[tuple[object, ...], list[tuple[Outcome, int]]] = {}
        self.turns = TurnMemo(RULES)  # paths share their first turns: each is judged once
        self.found = 0
        self.cut = False

    @staticmethod
    def play(call: Call, move: Move) -> Call:
        """A copy of ``call`` with ``move`` made; ``call`` itself is left as it was."""
        fork = call.fork()
        verb, arg = move
        if verb == "choose":
            fork.choose(int(arg))
        elif verb == "say":
            fork.say(arg)
        else:
            fork.hang_up()
        return fork

    def judge(self, call: Call, moves: tuple[Move, ...]) -> Outcome:
        if call.ending is None:
            call.run_out()
        card = score(call, self.turns)  # the verdicts and total are all a path needs: no wording
        ending = call.ending
        steps = self.scenario.steps
        return Outcome(
            moves=moves,
            total=card.total,
            passed=card.passed,
            verdicts=card.verdicts,
            facts=frozenset(f.id for f in card.closing.facts if f.confirmed),
            hung_up_first=ending.hung_up_first if ending is not None else "nobody",
            closing_steps=frozenset(t.turn.step for t in card.closing.closing
                                    if steps[t.turn.step].closing),
            marked_broken=frozenset(p for t in call.transcript if t.note is not None
                                    for p in t.note.breaks),
        )

    def explore(self, call: Call, moves: tuple[Move, ...]) -> list[tuple[Outcome, int]]:
        """Every complete path that starts with ``moves`` (played on ``call``), counted."""
        if self.found >= self.max_paths:
            self.cut = True
            return []
        call.listen()
        if call.ending is not None and not any(t.closing for t in call.transcript
                                               if t.speaker == "learner"):
            # Hung up before saying a closing line: nothing to judge, whatever came first.
            early_key = ("hung up before the closing",)
            if early_key not in self.memo:
                self.memo[early_key] = [(self.judge(call, moves), 1)]
            self.found += 1
            return self.memo[early_key]
        if call.ending is not None or call.phase is not Phase.LEARNER_TURN:
            outs = []
            if call.ending is None:  # hang up at once, or wait for the other side to
                early = self.play(call, HANG_UP)
                outs.append((self.judge(early, (*moves, HANG_UP)), 1))
            outs.append((self.judge(call, moves), 1))
            self.found += len(outs)
            return outs
        if len(moves) >= MAX_TURNS:
            self.cut = True
            return []
        key = self.memo_key(call)
        if key is not None and key in self.memo:
            done = self.memo[key]
            self.found += sum(n for _, n in done)
            return done
        outs = []
        for move in self.moves_at(call.step):
            outs.extend(self.explore(self.play(call, move), (*moves, move)))
        if key is not None and not self.cut:
            self.memo[key] = outs
        return outs

    def moves_at(self, step: Step) -> Iterator[Move]:
        for number in range(1, len(step.choices) + 1):
            yield ("choose", str(number))
        for text, _ in self.typed.get(step.id, []):
            yield ("say", text)
        yield HANG_UP

    def memo_key(self, call: Call) -> tuple[object, ...] | None:
        """Paths judged alike from here on: at the closing's first step, nothing said in it."""
        if not call.step.closing or any(t.closing for t in call.transcript
                                         if t.speaker == "learner"):
            return None
        return ("closing", call.step.id)


def walk(scenario: Scenario, detector: SignalDetector, max_paths: int = MAX_PATHS) -> Walk:
    """Walk every path of ``scenario`` (up to ``max_paths``) and judge each."""
    memo = detector if isinstance(detector, MemoDetector) else MemoDetector(detector)
    walker = _Walker(scenario, memo, max_paths)
    outcomes = walker.explore(Call(scenario, walker.detector), ())
    return Walk(
        scenario=scenario,
        paths=sum(n for _, n in outcomes),
        cut=walker.cut,
        limit=max_paths,
        outcomes=outcomes,
        typed_lines=walker.typed,
    )
