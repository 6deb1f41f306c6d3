"""One-line tips for a single line, from the signals found in it (for ``tutor check``)."""

from __future__ import annotations

from tutor.locale import text
from tutor.signals.types import LineAnalysis


def tip(analysis: LineAnalysis) -> str:
    """The most useful single piece of advice for this line."""
    return text(analysis.lang, f"feedback.tip.{_tip_key(set(analysis.signals))}")


def _tip_key(found: set[str]) -> str:
    if "rushed" in found:
        return "rushed"
    if "goodbye" in found:
        if "thanks" in found and ("warmth" in found or "next_steps" in found):
            return "complete"
        return "thanks_bye" if "thanks" in found else "bye_only"
    return "no_bye" if found else "nothing"
