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

import functools
import threading
from dataclasses import dataclass

from tutor import locale
from tutor.dialogue import Call
from tutor.feedback.closing import Closing, Confirmed, JudgedTurn, TurnMemo, model_turn
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
from tutor.signals.types import SignalDetector

# How far below the pass mark a capped closing's total is held (see the module docstring).
CAP_BELOW_PASS = 15

FACTOR: dict[Verdict, float] = {"met": 1.0, "partly": 0.5, "missed": 0.0, "n/a": 0.0}
# Principles an authored better line stands for even where no signal shows it in the line.
_UNSEEN: tuple[Principle, ...] = ("pace", "person_first")


@dataclass(frozen=True, slots=True)
class Scorecard:
    """A closing judged and totalled, before any of it is put into words.

    It is everything a score depends on, so ``evaluate`` words exactly this; a caller that
    needs only verdicts and totals (the lint walk judges thousands of paths) stops here.
    """

    closing: Closing
    judgements: tuple[Judgement | None, ...]  # one per principle of the registry; None: weight 0
    verdicts: tuple[tuple[Principle, Verdict], ...]  # registry order; "n/a" when not weighed
    total: int
    pass_mark: int

    @property
    def passed(self) -> bool:
        """True when the total reaches the pass mark."""
        return self.total >= self.pass_mark


def score(call: Call, memo: TurnMemo | None = None) -> Scorecard:
    """Judge the closing of ``call`` against every principle and total the verdicts.

    ``memo`` is for judging many calls forked from one (see ``TurnMemo``).
    """
    closing = Closing(call, RULES, memo)
    rubric = call.scenario.rubric
    judgements: list[Judgement | None] = []
    verdicts: list[tuple[Principle, Verdict]] = []
    points: list[float] = []
    possible = 0
    for spec in REGISTRY:
        weight = rubric.weights.get(spec.id, 0)
        judgement = spec.judge(closing) if weight else None
        judgements.append(judgement)
        verdicts.append((spec.id, "n/a" if judgement is None else judgement.verdict))
        if judgement is not None and judgement.verdict != "n/a":
            points.append(weight * FACTOR[judgement.verdict])
            possible += weight
    total = round(100 * sum(points) / possible) if possible else 0
    if _capped(closing):
        total = min(total, max(0, rubric.pass_mark - CAP_BELOW_PASS))
    return Scorecard(closing, tuple(judgements), tuple(verdicts), total, rubric.pass_mark)


def _capped(closing: Closing) -> bool:
    """The closing committed one of the sins that keep it from passing."""
    ending = closing.call.ending
    hung_up = ending is not None and ending.hung_up_first == "learner" and (
        not ending.farewell_heard)
    final = closing.closing[-1:]
    rushed = bool(final) and final[0].rushed
    return hung_up or rushed


class _Authored:
    """What an evaluation takes from the scenario alone: how to address the other person, the
    author's better lines judged, the texts filled in for this scenario and the facts each
    line confirms. Built once per scenario and analyzer (``_authored``)."""

    def __init__(self, scenario: Scenario, detector: SignalDetector) -> None:
        self.scenario = scenario
        self.detector = detector
        self.register = scenario.register or register_of(scenario)
        self.name = address_name(scenario)
        self._judged: dict[str, JudgedTurn] = {}
        # Filling a text in (genders, plurals) costs more than judging a turn, and a
        # scenario's calls say the same few texts with the same values over and over.
        self._texts: dict[tuple[object, ...], str] = {}
        # Shared by every call of the scenario: what a line confirms is the same in each.
        self.confirmed: Confirmed = {}

    @functools.cached_property
    def closing_better(self) -> dict[Principle, str]:
        """Any authored line of the closing that does a principle and breaks none, first first.

        Worked out only when a closing falls short somewhere: analyzing the author's lines is
        most of a scenario's first evaluation.
        """
        better: dict[Principle, str] = {}
        for line in _closing_lines(self.scenario):
            model = self.judged(line)
            if not model.broke:
                for principle in model.met:
                    better.setdefault(principle, line)
        return better

    def judged(self, line: str) -> JudgedTurn:
        """``line`` judged as if typed; read-only, since it is shared by every evaluation."""
        found = self._judged.get(line)
        if found is None:
            found = self._judged[line] = model_turn(line, self.scenario.lang, self.detector,
                                                    RULES)
        return found

    def text(self, key: str, **values: object) -> str:
        """The text for ``key`` in the scenario's language, filled in for its people."""
        cache_key = (key, *values.items())
        found = self._texts.get(cache_key)
        if found is None:
            if len(self._texts) >= _TEXTS_KEPT:
                self._texts.clear()  # only lists of missing facts vary much; rarely reached
            scenario = self.scenario
            found = self._texts[cache_key] = locale.text(
                scenario.lang, key, name=self.name, other=scenario.other.gender,
                you=scenario.learner.gender, **values)
        return found

    def memo(self) -> TurnMemo:
        """A memo for one call of the scenario, sharing the facts its lines confirm."""
        if len(self.confirmed) >= _LINES_KEPT:
            self.confirmed.clear()  # typed lines vary without end; a scenario's own do not
        return TurnMemo(RULES, self.confirmed, shared=False)


# How many filled texts and lines' confirmed facts a scenario keeps.
_TEXTS_KEPT = 512
_LINES_KEPT = 1024

# The last few scenarios' authored lines, by identity: a scenario is immutable but unhashable,
# and the entry holds it (and the analyzer) so their ids cannot be reused while it is kept.
# The workshop server evaluates on several threads at once, hence the lock.
_RECENT: dict[tuple[int, int], _Authored] = {}
_RECENT_LOCK = threading.Lock()
_KEEP = 8


def _authored(call: Call) -> _Authored:
    key = (id(call.scenario), id(call.detector))
    with _RECENT_LOCK:
        found = _RECENT.get(key)
    if found is not None:
        return found
    found = _Authored(call.scenario, call.detector)
    with _RECENT_LOCK:
        if len(_RECENT) >= _KEEP:
            del _RECENT[next(iter(_RECENT))]
        _RECENT[key] = found
    return found


class _Words:
    """A scorecard put into the scenario's language: messages, better lines, marks, summary."""

    def __init__(self, card: Scorecard, authored: _Authored) -> None:
        self.card = card
        self.authored = authored
        self.text = authored.text
        self.closing = card.closing
        self.scenario = authored.scenario
        self.lang = self.scenario.lang
        self.register = authored.register
        self.name = authored.name

    @functools.cached_property
    def better(self) -> dict[Principle, str]:
        """The author's line for each principle the closing fell short on, where one fits
        (read only for a verdict of partly or missed)."""
        authored = self.authored
        better: dict[Principle, str] = {}
        for judged in self.closing.closing:
            line = _authored_better(self.scenario, judged)
            if line:
                shows = authored.judged(line).met
                for principle in judged.broke:
                    # One authored line rarely mends everything a choice broke: use it only
                    # for what it visibly does, or for what no signal can show.
                    if principle in shows or principle in _UNSEEN:
                        better.setdefault(principle, line)
        for principle, line in authored.closing_better.items():
            better.setdefault(principle, line)
        return better

    def result(self, spec: PrincipleSpec, judgement: Judgement | None) -> PrincipleResult:
        if judgement is None:
            return PrincipleResult(spec.id, "n/a", 0.0, 0, (), self.text("feedback.not_weighed"),
                                   None)
        weight = self.scenario.rubric.weights[spec.id]
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

    def evaluation(self) -> Evaluation:
        card = self.card
        results = [self.result(spec, j)
                   for spec, j in zip(REGISTRY, card.judgements, strict=True)]
        notes = dead_air_notes(self.closing.call)
        return Evaluation(
            lang=self.lang,
            principles=tuple(results),
            facts=tuple(self.closing.facts),
            turns=self._notes(results),
            total=card.total,
            pass_mark=card.pass_mark,
            summary=" ".join([self._summary(results, card.total, card.pass_mark), *notes]),
            notes=notes,
        )

    def _notes(self, results: list[PrincipleResult]) -> tuple[TurnNote, ...]:
        """Each turn's marks: none before the closing, and none that disagree with a verdict."""
        met = {r.principle for r in results if r.verdict == "met"}
        short = {r.principle for r in results if r.verdict in ("partly", "missed")}
        return tuple(
            TurnNote(judged.index, _ordered(judged.met & met), _ordered(judged.broke & short))
            if judged.turn.closing else TurnNote(judged.index, (), (), scored=False)
            for judged in self.closing.turns
        )

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
    return tuple([p for p in PRINCIPLES if p in principles]) if principles else ()


def evaluate(call: Call) -> Evaluation:
    """Score the closing of ``call`` against the advice: verdicts, evidence, total, pass."""
    authored = _authored(call)
    return _Words(score(call, authored.memo()), authored).evaluation()
