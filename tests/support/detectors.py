"""A stand-in analyzer for engine tests: signals from capital markers, nothing else."""

from __future__ import annotations

import re
from typing import ClassVar

from tutor.signals.types import Lang, LineAnalysis, Signal, Span


class MarkerDetector:
    """Finds signals by capital markers: BYE is a goodbye, THX a thanks. Nothing else.

    Engine tests route typed lines with it, so their outcome never depends on the analyzer.
    """

    MARKERS: ClassVar[dict[str, Signal]] = {"BYE": "goodbye", "THX": "thanks"}

    def analyze(self, text: str, lang: Lang | None = None) -> LineAnalysis:
        spans = [Span(signal, m.start(), m.end(), m.group())
                 for marker, signal in self.MARKERS.items()
                 for m in [re.search(marker, text)] if m]
        return LineAnalysis(text, lang or "en", tuple(s.signal for s in spans), tuple(spans))
