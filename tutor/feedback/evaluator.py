"""The closing evaluator (in progress)."""

from __future__ import annotations

from tutor.dialogue import Call
from tutor.feedback.types import Evaluation


def evaluate(call: Call) -> Evaluation:
    """Score the closing of ``call`` against the advice."""
    raise NotImplementedError
