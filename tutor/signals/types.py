"""What the line analyzer returns: the signals found in one line and where."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

# Re-exported: the languages are the locale registry's, so a new one needs no change here.
from tutor.locale import LANGS as LANGS
from tutor.locale import Lang as Lang

Signal = Literal["thanks", "goodbye", "offer_help", "next_steps", "warmth", "rushed"]
SIGNALS: tuple[Signal, ...] = ("thanks", "goodbye", "offer_help", "next_steps", "warmth", "rushed")


@dataclass(frozen=True, slots=True)
class Span:
    """One stretch of the line that triggered a signal (``text[start:end]``)."""

    signal: Signal
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class LineAnalysis:
    """The signals detected in a single line, in the order of ``SIGNALS``."""

    text: str
    lang: Lang
    signals: tuple[Signal, ...]
    spans: tuple[Span, ...]

    def has(self, signal: Signal) -> bool:
        """True when ``signal`` was detected in the line."""
        return signal in self.signals


class SignalDetector(Protocol):
    """Anything that can find the six signals in a line; the engine routes typed lines with it."""

    def analyze(self, text: str, lang: Lang | None = None) -> LineAnalysis:
        """Analyze ``text``; ``lang`` None means detect it."""
        ...
