"""The closing evaluator: scores how a call was closed against the seven principles.

Evidence comes from the learner's closing turns: a chosen line's annotations (the trainer's
judgement, which wins where it speaks) and the signals the analyzer found in every line.
Order and timing come from the transcript and the engine's record of who hung up first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tutor.dialogue import Call, Turn
from tutor.feedback import messages
from tutor.feedback.types import Evaluation, FactResult, PrincipleResult, TurnNote, Verdict
from tutor.scenario.model import PRINCIPLES, Principle
from tutor.signals.types import Signal

#: Signals that, found in a line, count as following a principle.
SIGNAL_PRINCIPLE: dict[Signal, Principle] = {
    "thanks": "thanks",
    "warmth": "warmth",
    "offer_help": "offer_help",
    "next_steps": "next_steps",
}
FACTOR: dict[Verdict, float] = {"met": 1.0, "partly": 0.5, "missed": 0.0, "n/a": 0.0}
#: Seconds after the farewell ends that a learner should stay on the line before hanging up.
GRACE = 1.0
#: A closing shorter than this many words, said in one turn, is "one breath".
ONE_BREATH_WORDS = 12


@dataclass
class _Turn:
    index: int
    turn: Turn
    met: set[Principle] = field(default_factory=set)
    broke: set[Principle] = field(default_factory=set)

    @property
    def rushed(self) -> bool:
        return "pace" in self.broke


def _judge(index: int, turn: Turn) -> _Turn:
    judged = _Turn(index, turn)
    note = turn.note
    if note is not None:
        judged.met.update(note.follows)
        judged.broke.update(note.breaks)
    analysis = turn.analysis
    if analysis is not None:
        for signal in analysis.signals:
            principle = SIGNAL_PRINCIPLE.get(signal)
            if principle is not None and principle not in judged.broke:
                judged.met.add(principle)
        if analysis.has("rushed"):
            judged.broke.add("pace")
    if turn.pace == "rushed":
        judged.broke.add("pace")
    judged.met -= judged.broke
    return judged


def _has_goodbye(judged: _Turn) -> bool:
    return judged.turn.analysis is not None and judged.turn.analysis.has("goodbye")


class _Evaluator:
    def __init__(self, call: Call) -> None:
        self.call = call
        self.scenario = call.scenario
        self.lang = call.scenario.lang
        learner = [_judge(i, t) for i, t in enumerate(call.transcript) if t.speaker == "learner"]
        self.turns = learner
        self.closing = [t for t in learner if t.turn.closing]
        self.before = [t for t in learner if not t.turn.closing]
        self.better: dict[Principle, str] = {}
        for judged in self.closing:
            note = judged.turn.note
            if note is not None and note.better:
                shows = _judge(-1, _model_turn(call, note.better)).met
                for principle in judged.broke:
                    # One authored line rarely mends everything a choice broke: use it only
                    # for what it visibly does, or for what no signal can show.
                    if principle in shows or principle in ("pace", "person_first"):
                        self.better.setdefault(principle, note.better)

    def reason(self, key: str, **extra: str) -> str:
        return messages.REASONS[self.lang][key].format(name=self.scenario.other.name, **extra)

    # --- the principles -------------------------------------------------------------------

    def generic(self, principle: Principle) -> tuple[Verdict, list[_Turn], str]:
        """Met by a calm turn that follows it; partly when only rushed or also broken."""
        calm = [t for t in self.closing if principle in t.met and not t.rushed]
        hurried = [t for t in self.closing if principle in t.met and t.rushed]
        broken = [t for t in self.closing if principle in t.broke]
        if calm and not broken:
            return "met", calm, f"{principle}.met"
        if calm or hurried:
            return "partly", calm + hurried + broken, f"{principle}.partly"
        return "missed", broken, f"{principle}.missed"

    def person_first(self) -> tuple[Verdict, list[_Turn], str]:
        broken = [t for t in self.closing if "person_first" in t.broke]
        shown = [t for t in self.closing if "person_first" in t.met]
        if not broken:
            return "met", shown, "person_first.met"
        if shown and shown[-1].index > broken[-1].index:
            return "partly", broken + shown, "person_first.partly"
        return "missed", broken, "person_first.missed"

    def pace(self) -> tuple[Verdict, list[_Turn], str]:
        spoken = [t for t in self.closing if not self._after_farewell(t)]
        rushed = [t for t in spoken if t.rushed]
        words = sum(len(t.turn.text.split()) for t in spoken)
        if not spoken:
            return "missed", [], "pace.missed"
        if len(rushed) == len(spoken):
            return "missed", rushed, "pace.missed"
        if len(spoken) == 1 and words < ONE_BREATH_WORDS:
            return "missed", spoken, "pace.missed"
        if rushed:
            return "partly", rushed, "pace.partly"
        if len(spoken) == 1 and self.before:
            # One short turn against a chatty call is still a sprint to the exit.
            average = sum(len(t.turn.text.split()) for t in self.before) / len(self.before)
            if words < average * 0.5:
                return "partly", spoken, "pace.partly"
        return "met", [t for t in spoken if "pace" in t.met] or spoken, "pace.met"

    def _after_farewell(self, judged: _Turn) -> bool:
        return any(t.kind == "farewell" for t in self.call.transcript[: judged.index])

    def last_word(self) -> tuple[Verdict, list[_Turn], str]:
        ending = self.call.ending
        goodbyes = [t for t in self.closing if _has_goodbye(t)]
        if ending is None:
            return "partly", [], "last_word.open"
        if not ending.farewell_heard:
            return "missed", self.closing[-1:], "last_word.missed"
        if not goodbyes:
            return "partly", [], "last_word.no_bye"
        if ending.hung_up_first == "learner":
            farewell = next(t for t in self.call.transcript if t.kind == "farewell")
            if ending.at - (farewell.at + farewell.duration) < GRACE:
                return "partly", goodbyes, "last_word.soon"
        return "met", goodbyes, "last_word.met"

    def next_steps(self, facts: list[FactResult]) -> tuple[Verdict, list[_Turn], str, str]:
        verdict, evidence, key = self.generic("next_steps")
        missing = [f.label for f in facts if not f.confirmed]
        if facts and not missing and verdict == "missed":
            # Every agreed detail was said out loud: that is a concrete arrangement even where
            # no cue of the analyzer fired.
            said = {i for fact in facts for i in fact.evidence}
            broken = [t for t in self.closing if "next_steps" in t.broke]
            verdict, key = ("partly", "next_steps.partly") if broken else ("met", "next_steps.met")
            evidence = [t for t in self.closing if t.index in said] + broken
        first_bye = next((t.index for t in self.closing if _has_goodbye(t)), None)
        if verdict == "met" and first_bye is not None and all(
            t.index > first_bye or (t.index == first_bye and _says_bye_first(t))
            for t in evidence
        ):
            return "partly", evidence, "next_steps.late", ""
        if facts and missing:
            if len(missing) == len(facts) and verdict != "met":
                return "missed", evidence, "next_steps.missed", ""
            return "partly", evidence, "next_steps.facts", ", ".join(missing)
        if not facts and verdict == "missed" and not evidence:
            return "missed", [], "next_steps.missed", ""
        return verdict, evidence, key, ""

    def facts(self) -> list[FactResult]:
        out = []
        for fact in self.scenario.rubric.facts:
            hits = tuple(t.index for t in self.closing if fact.pattern.search(t.turn.text))
            out.append(FactResult(fact.id, fact.label, bool(hits), hits))
        return out

    # --- the whole ------------------------------------------------------------------------

    def run(self) -> Evaluation:
        weights = self.scenario.rubric.weights
        facts = self.facts()
        results = []
        for principle in PRINCIPLES:
            weight = weights.get(principle, 0)
            extra = ""
            verdict: Verdict
            evidence: list[_Turn]
            if weight == 0:
                verdict, evidence, key = "n/a", [], "n/a"
            elif principle == "pace":
                verdict, evidence, key = self.pace()
            elif principle == "last_word":
                verdict, evidence, key = self.last_word()
            elif principle == "person_first":
                verdict, evidence, key = self.person_first()
            elif principle == "next_steps":
                verdict, evidence, key, extra = self.next_steps(facts)
            else:
                verdict, evidence, key = self.generic(principle)
            better = None
            if verdict in ("partly", "missed"):
                better = self.better.get(principle) or messages.BETTER[self.lang][principle]
                missing = [f.label for f in facts if not f.confirmed]
                if principle == "next_steps" and missing and principle not in self.better:
                    better = self.reason("next_steps.say_facts", facts=", ".join(missing))
            results.append(PrincipleResult(
                principle=principle,
                verdict=verdict,
                points=weight * FACTOR[verdict],
                max_points=weight,
                evidence=tuple(sorted({t.index for t in evidence})),
                message=self.reason(key, facts=extra),
                better=better,
            ))
        counted = [r for r in results if r.verdict != "n/a"]
        possible = sum(r.max_points for r in counted)
        total = round(100 * sum(r.points for r in counted) / possible) if possible else 0
        mark = self.scenario.rubric.pass_mark
        return Evaluation(
            lang=self.lang,
            principles=tuple(results),
            facts=tuple(facts),
            turns=tuple(
                TurnNote(t.index, _ordered(t.met), _ordered(t.broke)) for t in self.turns
            ),
            total=total,
            pass_mark=mark,
            summary=self._summary(results, total, mark),
        )

    def _summary(self, results: list[PrincipleResult], total: int, mark: int) -> str:
        words = messages.SUMMARY[self.lang]
        head = words["passed" if total >= mark else "failed"].format(total=total, mark=mark)
        weak = [messages.NAMES[self.lang][r.principle] for r in results
                if r.verdict in ("missed", "partly")]
        return head + (words["work_on"].format(names="; ".join(weak)) if weak else "")


def _model_turn(call: Call, text: str) -> Turn:
    analysis = call.detector.analyze(text, call.scenario.lang)
    return Turn("learner", text, 0.0, 0.0, "", "typed", analysis=analysis)


def _says_bye_first(judged: _Turn) -> bool:
    """In a line holding both, the goodbye comes before the arrangement."""
    analysis = judged.turn.analysis
    if analysis is None:
        return False
    first: dict[str, int] = {}
    for span in analysis.spans:
        first[span.signal] = min(span.start, first.get(span.signal, span.start))
    return first.get("goodbye", -1) < first.get("next_steps", -1)


def _ordered(principles: set[Principle]) -> tuple[Principle, ...]:
    return tuple(p for p in PRINCIPLES if p in principles)


def evaluate(call: Call) -> Evaluation:
    """Score the closing of ``call`` against the advice: verdicts, evidence, total, pass."""
    return _Evaluator(call).run()
