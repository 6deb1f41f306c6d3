"""The line analyzer: which closing signals a line carries, and where (no UI imports here).

The analyzer is imported on first use: the scenario model needs only the types, and start-up
of ``tutor list`` and the app should not pay for the pattern engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tutor.signals.types import (
    LANGS,
    SIGNALS,
    Lang,
    LineAnalysis,
    Signal,
    SignalDetector,
    Span,
)

if TYPE_CHECKING:
    from tutor.signals.analyzer import Analyzer, PatternFileError, analyze, detect_language

_LAZY = {"Analyzer", "PatternFileError", "analyze", "detect_language"}

__all__ = [
    "LANGS",
    "SIGNALS",
    "Analyzer",
    "Lang",
    "LineAnalysis",
    "PatternFileError",
    "Signal",
    "SignalDetector",
    "Span",
    "analyze",
    "detect_language",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from tutor.signals import analyzer

        return getattr(analyzer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
