"""The speech hook: the other party's lines spoken aloud through an optional backend.

``tutor.speech`` (another branch) defines the real ``SpeechBackend`` protocol and backends.
Until it lands on main this module declares the minimal structural protocol the TUI needs;
any backend from ``tutor.speech`` fits it, so nothing here has to change when it arrives.
Plain Python: no Textual.
"""

from __future__ import annotations

import contextlib
from typing import Protocol

from tutor.scenario.model import Pace


class Availability(Protocol):
    """Whether speech can be heard, and why not (the backend's own type fits this)."""

    @property
    def ok(self) -> bool: ...

    @property
    def message_en(self) -> str: ...

    @property
    def message_ru(self) -> str: ...


class SpeechBackend(Protocol):
    """The part of ``tutor.speech.SpeechBackend`` the TUI calls. ``speak`` never blocks."""

    def availability(self) -> Availability: ...

    def speak(self, text: str, lang: str, pace: Pace = "calm") -> None: ...

    def stop(self) -> None: ...

    def close(self) -> None: ...

    @property
    def speaking(self) -> bool: ...


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

    def say(self, text: str, lang: str, pace: Pace) -> None:
        """Speak one line of the other party, if speech is on."""
        if self.enabled and self.backend is not None:
            self.backend.speak(text, lang, pace)

    def stop(self) -> None:
        """Silence the current line and drop queued ones."""
        if self.backend is not None:
            self.backend.stop()

    def close(self) -> None:
        """Release the backend; errors on the way out must not keep the app from quitting."""
        if self.backend is not None:
            with contextlib.suppress(Exception):
                self.backend.close()
