"""Feedback on a played call: per-principle verdicts, a score and better lines."""

from tutor.feedback.evaluator import evaluate
from tutor.feedback.types import Evaluation, FactResult, PrincipleResult, TurnNote, Verdict

__all__ = ["Evaluation", "FactResult", "PrincipleResult", "TurnNote", "Verdict", "evaluate"]
