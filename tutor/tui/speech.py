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
    from tutor.speech.types import SpeechBackend


class Voice:
    """The app's one speech switch: speaks through ``backend`` while enabled."""

    def __init__(self, backend: SpeechBackend | None, enabled: bool = True) -> None:
        self.backend = backend
        self.enabled = enabled and backend is not None and backend.availability().ok

    @property
    def available(self) -> bool:
        """True when there is a backend that says it can be heard."""
        return self.backend is not None and self.backend.availability().ok

    def toggle(self) -> bool:
        """Flip speech on or off (off for good when unavailable); return the new state."""
        self.enabled = not self.enabled and self.available
        if not self.enabled:
            self.stop()
        return self.enabled

    def say(self, text: str, lang: str, pace: Pace, gender: Gender | None = None) -> None:
        """Speak one line of the other party, if speech is on; never blocks."""
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
