"""What the line analyzer returns: the signals found in one line and where."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

# Re-exported: the languages are the locale registry's, so a new one needs no change here.
from tutor.locale import LANGS as LANGS
from tutor.locale import Lang as Lang

Signal = Literal["thanks", "goodbye", "offer_help", "next_steps", "warmth", "rushed",
                 "self_interest", "brush_off", "hedge"]
# ``self_interest``: the speaker's own agenda pushed into the close (an upsell, a referral or
# review request). ``brush_off``: a dismissive or hurried exit ("gotta run", "некогда").
# ``hedge``: the speaker says they do not know ("not sure", "не знаю"); not a closing move
# itself, it keeps a fact said next to it from counting as confirmed.
SIGNALS: tuple[Signal, ...] = ("thanks", "goodbye", "offer_help", "next_steps", "warmth", "rushed",
                               "self_interest", "brush_off", "hedge")


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
    """Anything that finds the closing signals in a line; the engine routes typed lines with it."""

    def analyze(self, text: str, lang: Lang | None = None) -> LineAnalysis:
        """Analyze ``text``; ``lang`` None means detect it."""
        ...
