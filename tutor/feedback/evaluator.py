"""The closing evaluator: scores how a call was closed against every principle of the registry.

Each principle's judge (``tutor.feedback.principles``) gives a verdict with evidence; this
module weighs the verdicts into a total and words them in the scenario's language.
"""

from __future__ import annotations

from tutor import locale
from tutor.dialogue import Call
from tutor.feedback.closing import Closing
from tutor.feedback.principles import (
    REGISTRY,
    RULES,
    Judgement,
    PrincipleSpec,
    better_key,
    name_key,
    reason_key,
)
from tutor.feedback.silence import dead_air_notes
from tutor.feedback.types import Evaluation, PrincipleResult, TurnNote, Verdict
from tutor.principles import PRINCIPLES, Principle

FACTOR: dict[Verdict, float] = {"met": 1.0, "partly": 0.5, "missed": 0.0, "n/a": 0.0}
# Principles an authored better line stands for even where no signal shows it in the line.
_UNSEEN: tuple[Principle, ...] = ("pace", "person_first")


class _Evaluator:
    def __init__(self, call: Call) -> None:
        self.closing = Closing(call, RULES)
        self.scenario = call.scenario
        self.lang = call.scenario.lang
        self.better: dict[Principle, str] = {}
        for judged in self.closing.closing:
            note = judged.turn.note
            if note is not None and note.better:
                shows = self.closing.model_turn(note.better).met
                for principle in judged.broke:
                    # One authored line rarely mends everything a choice broke: use it only
                    # for what it visibly does, or for what no signal can show.
                    if principle in shows or principle in _UNSEEN:
                        self.better.setdefault(principle, note.better)

    def text(self, key: str, **values: object) -> str:
        scenario = self.scenario
        return locale.text(self.lang, key, name=scenario.other.name, other=scenario.other.gender,
                           you=scenario.learner.gender, **values)

    def result(self, spec: PrincipleSpec) -> PrincipleResult:
        weight = self.scenario.rubric.weights.get(spec.id, 0)
        if weight == 0:
            return PrincipleResult(spec.id, "n/a", 0.0, 0, (), self.text("feedback.not_weighed"),
                                   None)
        judgement: Judgement = spec.judge(self.closing)
        return PrincipleResult(
            principle=spec.id,
            verdict=judgement.verdict,
            points=weight * FACTOR[judgement.verdict],
            max_points=weight,
            evidence=tuple(sorted({t.index for t in judgement.evidence})),
            message=self.text(reason_key(spec.id, judgement.reason), facts=judgement.facts),
            better=self.better_line(spec.id, judgement.verdict),
        )

    def better_line(self, principle: Principle, verdict: Verdict) -> str | None:
        if verdict not in ("partly", "missed"):
            return None
        if principle in self.better:
            return self.better[principle]
        missing = self.closing.missing_facts
        if principle == "next_steps" and missing:
            return self.text("feedback.say_facts", facts=", ".join(missing))
        return self.text(better_key(principle))

    def run(self) -> Evaluation:
        results = [self.result(spec) for spec in REGISTRY]
        counted = [r for r in results if r.verdict != "n/a"]
        possible = sum(r.max_points for r in counted)
        total = round(100 * sum(r.points for r in counted) / possible) if possible else 0
        mark = self.scenario.rubric.pass_mark
        notes = dead_air_notes(self.closing.call)
        return Evaluation(
            lang=self.lang,
            principles=tuple(results),
            facts=tuple(self.closing.facts),
            turns=tuple(TurnNote(t.index, _ordered(t.met), _ordered(t.broke))
                        for t in self.closing.turns),
            total=total,
            pass_mark=mark,
            summary=" ".join([self._summary(results, total, mark), *notes]),
            notes=notes,
        )

    def _summary(self, results: list[PrincipleResult], total: int, mark: int) -> str:
        head = self.text("feedback.passed" if total >= mark else "feedback.failed",
                         total=total, mark=mark)
        weak = [self.text(name_key(r.principle)) for r in results
                if r.verdict in ("missed", "partly")]
        return head + (self.text("feedback.work_on", names="; ".join(weak)) if weak else "")


def _ordered(principles: set[Principle]) -> tuple[Principle, ...]:
    return tuple(p for p in PRINCIPLES if p in principles)


def evaluate(call: Call) -> Evaluation:
    """Score the closing of ``call`` against the advice: verdicts, evidence, total, pass."""
    return _Evaluator(call).run()
