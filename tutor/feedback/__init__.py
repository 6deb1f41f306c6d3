"""Feedback on a played call: per-principle verdicts, a score and better lines.

The evaluator is imported on first use: ``tutor check`` needs only the tips
(``tutor.feedback.tips``), and its start-up should not pay for the judges.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tutor.feedback.types import Evaluation, FactResult, PrincipleResult, TurnNote, Verdict

if TYPE_CHECKING:
    from tutor.feedback.evaluator import evaluate

__all__ = ["Evaluation", "FactResult", "PrincipleResult", "TurnNote", "Verdict", "evaluate"]


def __getattr__(name: str) -> Any:
    if name == "evaluate":
        from tutor.feedback.evaluator import evaluate

        return evaluate
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
