"""The closing evaluator: scores how a call was closed against every principle of the registry.

Each principle's judge (``tutor.feedback.principles``) gives a verdict with evidence; this
module weighs the verdicts into a total and words them in the scenario's language.

The two cardinal sins of the advice keep a closing from passing however polite its words:
hanging up before the other side's goodbye, and a rushed final turn. Either caps the total at
``pass_mark - CAP_BELOW_PASS``.

Every "better" line is one the learner could say in this call: a line the scenario's author
wrote (for the turn the learner took first, then for any step of the closing) wins whenever
it visibly does what was missing; only then a generic line, picked by the call's register
(formal or informal) and time of day.
"""

from __future__ import annotations

from tutor import locale
from tutor.dialogue import Call
from tutor.feedback.closing import Closing, JudgedTurn
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
from tutor.scenario.model import Register, Scenario

# How far below the pass mark a capped closing's total is held (see the module docstring).
CAP_BELOW_PASS = 15

FACTOR: dict[Verdict, float] = {"met": 1.0, "partly": 0.5, "missed": 0.0, "n/a": 0.0}
# Principles an authored better line stands for even where no signal shows it in the line.
_UNSEEN: tuple[Principle, ...] = ("pace", "person_first")


class _Evaluator:
    def __init__(self, call: Call) -> None:
        self.closing = Closing(call, RULES)
        self.scenario = call.scenario
        self.lang = call.scenario.lang
        self.register = self.scenario.register or register_of(self.scenario)
        self.name = address_name(self.scenario)
        self.better: dict[Principle, str] = {}
        for judged in self.closing.closing:
            line = _authored_better(self.scenario, judged)
            if line:
                shows = self.closing.model_turn(line).met
                for principle in judged.broke:
                    # One authored line rarely mends everything a choice broke: use it only
                    # for what it visibly does, or for what no signal can show.
                    if principle in shows or principle in _UNSEEN:
                        self.better.setdefault(principle, line)
        # Then any authored line of the closing that does a principle and breaks none.
        for line in _closing_lines(self.scenario):
            model = self.closing.model_turn(line)
            if not model.broke:
                for principle in model.met:
                    self.better.setdefault(principle, line)

    def text(self, key: str, **values: object) -> str:
        scenario = self.scenario
        return locale.text(self.lang, key, name=self.name, other=scenario.other.gender,
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
            # A line to say, not advice: "let me just confirm the time and the place".
            listed = ", ".join(missing[:-1])
            last = missing[-1]
            facts = f"{listed}{self.text('feedback.and')}{last}" if listed else last
            return self.text("feedback.say_facts", facts=facts)
        return self.text(self.generic_key(better_key(principle)))

    def generic_key(self, key: str) -> str:
        """The most fitting variant of a generic line: for this register and time of day."""
        texts = locale.catalogue(self.lang)
        time = self.scenario.time_of_day
        for candidate in (f"{key}.{self.register}.{time}", f"{key}.{self.register}"):
            if candidate in texts:
                return candidate
        return key

    def run(self) -> Evaluation:
        results = [self.result(spec) for spec in REGISTRY]
        counted = [r for r in results if r.verdict != "n/a"]
        possible = sum(r.max_points for r in counted)
        total = round(100 * sum(r.points for r in counted) / possible) if possible else 0
        mark = self.scenario.rubric.pass_mark
        if self._capped():
            total = min(total, max(0, mark - CAP_BELOW_PASS))
        notes = dead_air_notes(self.closing.call)
        return Evaluation(
            lang=self.lang,
            principles=tuple(results),
            facts=tuple(self.closing.facts),
            turns=tuple(self._note(t, results) for t in self.closing.turns),
            total=total,
            pass_mark=mark,
            summary=" ".join([self._summary(results, total, mark), *notes]),
            notes=notes,
        )

    def _note(self, judged: JudgedTurn, results: list[PrincipleResult]) -> TurnNote:
        """A turn's marks: none before the closing, and none that disagree with a verdict."""
        if not judged.turn.closing:
            return TurnNote(judged.index, (), (), scored=False)
        verdicts = {r.principle: r.verdict for r in results}
        met = {p for p in judged.met if verdicts.get(p) == "met"}
        broke = {p for p in judged.broke if verdicts.get(p) in ("partly", "missed")}
        return TurnNote(judged.index, _ordered(met), _ordered(broke))

    def _capped(self) -> bool:
        """The closing committed one of the sins that keep it from passing."""
        ending = self.closing.call.ending
        hung_up = ending is not None and ending.hung_up_first == "learner" and (
            not ending.farewell_heard)
        final = self.closing.closing[-1:]
        rushed = bool(final) and final[0].rushed
        return hung_up or rushed

    def _summary(self, results: list[PrincipleResult], total: int, mark: int) -> str:
        head = self.text("feedback.passed" if total >= mark else "feedback.failed",
                         total=total, mark=mark)
        weak = [self.text(name_key(r.principle)) for r in results
                if r.verdict in ("missed", "partly")]
        return head + (self.text("feedback.work_on", names="; ".join(weak)) if weak else "")


def _authored_better(scenario: Scenario, judged: JudgedTurn) -> str | None:
    """The author's better line for a turn: a choice's own, or the typed step's."""
    turn = judged.turn
    if turn.note is not None and turn.note.better:
        return turn.note.better
    step = scenario.steps.get(turn.step)
    if turn.kind == "typed" and step is not None and step.typed is not None:
        return step.typed.better
    return None


def _closing_lines(scenario: Scenario) -> list[str]:
    """Every better line the author wrote for the closing, in step order."""
    lines: list[str] = []
    for step in scenario.steps.values():
        if not step.closing:
            continue
        if step.typed is not None and step.typed.better:
            lines.append(step.typed.better)
        lines += [c.note.better for c in step.choices if c.note.better]
    return lines


# Words that show the learner addresses the other person informally (ты, not вы).
_INFORMAL = {"ru": ("ты", "тебя", "тебе", "тобой", "твой", "твоя", "твое", "твои", "давай")}
_FORMAL = {"ru": ("вы", "вас", "вам", "вами", "ваш", "ваша", "ваше", "ваши", "давайте")}


def register_of(scenario: Scenario) -> Register:
    """The register of the learner's authored lines: ты against вы in Russian; elsewhere
    informal when the other person goes by one name only (a first name, "Mum")."""
    if scenario.lang in _INFORMAL:
        words = [w.strip(".,!?;:—-«»\"()").casefold().replace("ё", "е")
                 for step in scenario.steps.values() for c in step.choices
                 for w in c.text.split()]
        informal = sum(w in _INFORMAL[scenario.lang] for w in words)
        formal = sum(w in _FORMAL[scenario.lang] for w in words)
        return "informal" if informal > formal else "formal"
    return "informal" if len(scenario.other.name.split()) == 1 else "formal"


def address_name(scenario: Scenario) -> str:
    """How the feedback names the other person: the first name in English; in Russian the
    first name and patronymic when the scenario gives three names, else the first name."""
    parts = scenario.other.name.split()
    if scenario.lang == "ru" and len(parts) == 3:
        return " ".join(parts[:2])
    return parts[0] if parts else scenario.other.name


def _ordered(principles: set[Principle]) -> tuple[Principle, ...]:
    return tuple(p for p in PRINCIPLES if p in principles)


def evaluate(call: Call) -> Evaluation:
    """Score the closing of ``call`` against the advice: verdicts, evidence, total, pass."""
    return _Evaluator(call).run()
