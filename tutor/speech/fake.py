"""A stand-in backend for UI tests: records what it was asked, makes no sound, never blocks."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from tutor.speech.reasons import available
from tutor.speech.types import Availability, OnDone, Pace, VoiceHints


@dataclass(frozen=True)
class SpokenLine:
    """One ``speak`` call as FakeBackend saw it."""

    text: str
    lang: str
    pace: Pace
    hints: VoiceHints


class FakeBackend:
    """Records calls; ``speaking`` can be set by the test; ``delay`` pretends lines take time.

    With ``delay`` > 0 each line "plays" for that long on a timer thread (lines do not queue
    behind each other); ``on_done`` always runs on another thread, as with the real backend.
    """

    def __init__(self, delay: float = 0.0, availability: Availability | None = None) -> None:
        self.delay = delay
        self._availability = availability or available("fake", "nothing")
        self.calls: list[SpokenLine] = []
        self.stop_count = 0
        self.closed = False
        self._speaking_override: bool | None = None
        self._lock = threading.Lock()
        self._timers: list[tuple[threading.Timer, OnDone | None]] = []

    def availability(self) -> Availability:
        """Whatever the test passed in (OK by default)."""
        return self._availability

    def speak(
        self,
        text: str,
        lang: str,
        pace: Pace = "calm",
        hints: VoiceHints = VoiceHints(),  # noqa: B008 - frozen, so a shared default is safe
        on_done: OnDone | None = None,
    ) -> None:
        """Record the line; finish it after ``delay`` seconds on a timer thread."""
        with self._lock:
            self.calls.append(SpokenLine(text, lang, pace, hints))
            timer = threading.Timer(self.delay, self._finish, args=(on_done,))
            timer.daemon = True
            entry = (timer, on_done)
            self._timers.append(entry)
        timer.start()

    def _finish(self, on_done: OnDone | None) -> None:
        with self._lock:
            self._timers = [t for t in self._timers if t[0] is not threading.current_thread()]
        if on_done is not None:
            on_done()

    def stop(self) -> None:
        """Cancel pending lines; their ``on_done`` runs (on another thread) as if stopped."""
        with self._lock:
            self.stop_count += 1
            pending, self._timers = self._timers, []
        for timer, on_done in pending:
            timer.cancel()
            if on_done is not None:
                threading.Thread(target=on_done, daemon=True).start()

    def close(self) -> None:
        """Stop and mark closed."""
        self.stop()
        self.closed = True

    @property
    def speaking(self) -> bool:
        """The test's value if it set one, else whether a delayed line is still pending."""
        if self._speaking_override is not None:
            return self._speaking_override
        with self._lock:
            return bool(self._timers)

    @speaking.setter
    def speaking(self, value: bool | None) -> None:
        self._speaking_override = value

    @property
    def spoken_texts(self) -> list[str]:
        """Just the texts, in call order."""
        return [c.text for c in self.calls]
