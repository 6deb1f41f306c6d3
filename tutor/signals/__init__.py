"""The line analyzer: which closing signals a line carries, and where (no UI imports here)."""

from tutor.signals.analyzer import Analyzer, PatternFileError, analyze, detect_language
from tutor.signals.types import (
    LANGS,
    SIGNALS,
    Lang,
    LineAnalysis,
    Signal,
    SignalDetector,
    Span,
)

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
