"""The speech hook: the other party's lines spoken aloud through an optional backend.

The backend is ``tutor.speech``'s. Its package is imported only when a line is actually
spoken, because importing it costs tens of milliseconds of start-up that most runs never use.
Plain Python: no Textual.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.scenario.model import Gender, Pace
    from tutor.speech.types import Availability, SpeechBackend


class Voice:
    """The app's one speech switch.

    ``wanted`` is the learner's choice (remembered between runs); lines are heard only when
    it is on *and* the backend can be heard. The backend may arrive later than the choice:
    finding one runs programs, so the app does it in a worker.
    """

    def __init__(self, backend: SpeechBackend | None, wanted: bool = False) -> None:
        self.backend = backend
        self.wanted = wanted

    @property
    def available(self) -> bool:
        """True when there is a backend that says it can be heard."""
        return self.backend is not None and self.backend.availability().ok

    @property
    def enabled(self) -> bool:
        """True when lines are spoken: wanted, and a backend that can be heard."""
        return self.wanted and self.available

    def reason(self) -> Availability | None:
        """Why the backend is silent (None when it can be heard, or is not known yet)."""
        if self.backend is None:
            return None
        availability = self.backend.availability()
        return None if availability.ok else availability

    def toggle(self) -> bool:
        """Flip the choice; stop any line when turned off; return the new choice."""
        self.wanted = not self.wanted
        if not self.wanted:
            self.stop()
        return self.wanted

    def say(self, text: str, lang: str, pace: Pace, gender: Gender | None = None) -> None:
        """Speak one line, if speech is on; never blocks."""
        if self.enabled and self.backend is not None:
            from tutor.speech.types import VoiceHints

            self.backend.speak(text, lang, pace, VoiceHints(gender=gender))

    def stop(self) -> None:
        """Silence the current line and drop queued ones."""
        if self.backend is not None:
            self.backend.stop()

    def close(self) -> None:
        """Release the backend; errors on the way out must not keep the app from quitting."""
        if self.backend is not None:
            with contextlib.suppress(Exception):
                self.backend.close()
