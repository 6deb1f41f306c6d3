"""One-line tips for a single line, from the signals found in it (for ``tutor check``).

Each tip's text speaks of what the line has and what it lacks; ``TIPS`` says exactly which
signals that is, and a tip is given only to a line that fits it. So a line with a goodbye is
never told to say goodbye, a line with a wish never told to wish them well. The worst problem
comes first.
"""

from __future__ import annotations

from tutor.locale import text
from tutor.signals.types import LineAnalysis, Signal

#: (tip, signals the line must have, signals it must lack), tried in order; the catalogue key
#: of a tip is ``feedback.tip.<tip>``.
TIPS: tuple[tuple[str, frozenset[Signal], frozenset[Signal]], ...] = (
    ("self_interest", frozenset({"self_interest"}), frozenset()),
    ("brush_off", frozenset({"brush_off"}), frozenset()),
    ("rushed", frozenset({"rushed"}), frozenset()),
    ("hedge", frozenset({"hedge"}), frozenset({"next_steps"})),
    ("bye_no_thanks", frozenset({"goodbye"}), frozenset({"thanks"})),
    ("complete", frozenset({"goodbye", "thanks", "warmth"}), frozenset()),
    ("steps_bye", frozenset({"goodbye", "thanks", "next_steps"}), frozenset({"warmth"})),
    ("thanks_bye", frozenset({"goodbye", "thanks"}), frozenset({"warmth", "next_steps"})),
    ("no_bye", frozenset(), frozenset({"goodbye"})),
)
#: The tip of a line with no closing move at all.
NOTHING = "nothing"


def tip(analysis: LineAnalysis) -> str:
    """The most useful single piece of advice for this line."""
    return text(analysis.lang, f"feedback.tip.{tip_key(set(analysis.signals))}")


def tip_key(found: set[Signal]) -> str:
    """The first tip of ``TIPS`` that fits a line with the signals ``found``."""
    if not found:
        return NOTHING
    for key, has, lacks in TIPS:
        if has <= found and not lacks & found:
            return key
    return NOTHING  # unreachable: every line either says goodbye or does not
