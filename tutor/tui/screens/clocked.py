"""A screen driven by a simulated clock: the call and listen screens.

Each tick lets the real seconds that passed (times the app's ``speed``) go by in the
simulation. While another screen (help, the palette) is on top the clock holds and the voice
stops, so nothing is missed while the learner reads.
"""

from __future__ import annotations

import time

from textual.timer import Timer

from tutor.locale import Lang
from tutor.tui.screens.base import TutorScreen
from tutor.tui.speech import SpeechSwitch

#: Seconds between ticks: smooth enough for a call timer, cheap enough to be idle.
TICK = 0.1


class ClockedScreen(TutorScreen):
    """A screen whose content moves with simulated time; subclasses say what a tick does."""

    def __init__(self, lang: Lang, voice: SpeechSwitch, speed: float) -> None:
        super().__init__(lang)
        self.voice = voice
        self.speed = speed
        self.clock = 0.0  # simulated seconds the screen has let pass
        self._last_tick = 0.0
        self._ticker: Timer | None = None

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` of simulated time pass (the tick calls this; so can tests)."""
        raise NotImplementedError

    def clock_done(self) -> bool:
        """True when nothing more will happen, so the clock need not run."""
        return False

    def start_clock(self) -> None:
        """Start ticking (or resume after a pause) from now."""
        self._last_tick = time.monotonic()
        if self._ticker is None:
            self._ticker = self.set_interval(TICK, self._tick)
        else:
            self._ticker.resume()

    def pause_clock(self) -> None:
        """Hold the clock where it is."""
        if self._ticker is not None:
            self._ticker.pause()

    def stop_clock(self) -> None:
        """Stop for good."""
        if self._ticker is not None:
            self._ticker.stop()

    def _tick(self) -> None:
        now = time.monotonic()
        elapsed, self._last_tick = now - self._last_tick, now
        self.advance(elapsed * self.speed)

    def on_unmount(self) -> None:
        self.voice.stop()

    def on_screen_suspend(self) -> None:
        self.voice.stop()
        self.pause_clock()

    def on_screen_resume(self) -> None:
        if self._ticker is not None and not self.clock_done():
            self.start_clock()
