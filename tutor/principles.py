"""The seven principles of the advice: their ids, in report order, and default weights.

Plain data at the bottom of the house: the scenario model validates weights and annotations
against it, and the feedback registry (``tutor.feedback.principles``) adds how each is judged.
"""

from __future__ import annotations

from typing import Literal

Principle = Literal[
    "pace", "last_word", "warmth", "offer_help", "person_first", "next_steps", "thanks"
]

#: Each principle and the weight a scenario gives it unless its rubric says otherwise.
DEFAULT_WEIGHTS: dict[Principle, int] = {
    "pace": 15,
    "last_word": 20,
    "warmth": 15,
    "offer_help": 10,
    "person_first": 10,
    "next_steps": 20,
    "thanks": 10,
}
#: Every principle, in the order reports list them.
PRINCIPLES: tuple[Principle, ...] = tuple(DEFAULT_WEIGHTS)
