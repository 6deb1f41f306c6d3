"""What the closing evaluator returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from tutor.locale import Lang
from tutor.principles import Principle

Verdict = Literal["met", "partly", "missed", "n/a"]


@dataclass(frozen=True, slots=True)
class PrincipleResult:
    """The verdict on one principle of the advice."""

    principle: Principle
    verdict: Verdict
    points: float
    max_points: int
    evidence: tuple[int, ...]  # indices into the call's transcript
    message: str  # why, in the scenario's language
    better: str | None  # a better line to say, in the scenario's language


@dataclass(frozen=True, slots=True)
class FactResult:
    """Whether the closing confirmed one of the scenario's facts."""

    id: str
    label: str
    confirmed: bool
    evidence: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class TurnNote:
    """The principles one learner turn met or broke, for the replayed transcript.

    Only closing turns are scored; an opening turn has no marks. A mark agrees with the
    verdict: ``met`` lists principles judged met, ``broke`` those judged partly or missed.
    """

    index: int  # into the transcript
    met: tuple[Principle, ...]
    broke: tuple[Principle, ...]
    scored: bool = True


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The debrief of a whole call."""

    lang: Lang
    principles: tuple[PrincipleResult, ...]
    facts: tuple[FactResult, ...]
    turns: tuple[TurnNote, ...]
    total: int  # 0-100
    pass_mark: int
    summary: str  # one sentence, in the scenario's language (then any notes)
    notes: tuple[str, ...] = ()  # unscored remarks, e.g. on dead air (tutor.feedback.silence)

    @property
    def passed(self) -> bool:
        """True when the total reaches the pass mark."""
        return self.total >= self.pass_mark

    def result(self, principle: Principle) -> PrincipleResult:
        """The verdict on ``principle``."""
        return next(r for r in self.principles if r.principle == principle)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "total": self.total,
            "pass_mark": self.pass_mark,
            "passed": self.passed,
            "summary": self.summary,
            "notes": list(self.notes),
            "principles": [
                {
                    "principle": r.principle,
                    "verdict": r.verdict,
                    "points": round(r.points, 1),
                    "max_points": r.max_points,
                    "evidence": list(r.evidence),
                    "message": r.message,
                    "better": r.better,
                }
                for r in self.principles
            ],
            "facts": [
                {"id": f.id, "label": f.label, "confirmed": f.confirmed,
                 "evidence": list(f.evidence)}
                for f in self.facts
            ],
            "turns": [
                {"index": t.index, "met": list(t.met), "broke": list(t.broke),
                 "scored": t.scored}
                for t in self.turns
            ],
        }
