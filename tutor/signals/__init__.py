"""The line analyzer: which closing signals a line carries, and where (no UI imports here).

``analyzer.py`` holds the rules; ``cues.py`` the cue-file format and how trainers' files are
merged; ``normalize.py`` what a line looks like to the cues; ``matcher.py`` (with
``literals.py`` and ``build_cache.py``) how the cues run fast. Bundled cues: ``data/<lang>.yaml``.

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
    from tutor.signals.analyzer import (
        Analyzer,
        analyze,
        build_detector,
        check_cue_file,
        detect_language,
    )
    from tutor.signals.cues import CueFileError

_LAZY = {
    "Analyzer": "analyzer",
    "analyze": "analyzer",
    "build_detector": "analyzer",
    "check_cue_file": "analyzer",
    "detect_language": "analyzer",
    "CueFileError": "cues",
}

__all__ = [
    "LANGS",
    "SIGNALS",
    "Analyzer",
    "CueFileError",
    "Lang",
    "LineAnalysis",
    "Signal",
    "SignalDetector",
    "Span",
    "analyze",
    "build_detector",
    "check_cue_file",
    "detect_language",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f"tutor.signals.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
