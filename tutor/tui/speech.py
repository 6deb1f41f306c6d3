"""The app's speech switch: the other party's lines spoken aloud through an optional backend.

The backend is ``tutor.speech``'s. Its package is imported only when a line is actually
spoken, because importing it costs tens of milliseconds of start-up that most runs never use.
The switch also decides what the learner is told about speech, and when: finding a backend
runs programs, so the app does it in a worker and hands the result back here.
Plain Python: no Textual.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Literal

from tutor.tui.i18n import UiLang, t

if TYPE_CHECKING:
    from tutor.scenario.model import Gender, Pace
    from tutor.speech.types import Availability, SpeechBackend


class Notice:
    """What to tell the learner about speech, as a toast.

    A plain class: this module is imported for the first frame (see ``tutor.tui.startup``).
    """

    __slots__ = ("message", "severity", "timeout", "title")

    def __init__(self, message: str, title: str = "",
                 severity: Literal["information", "warning"] = "information",
                 timeout: float = 2) -> None:
        self.message = message
        self.title = title
        self.severity = severity
        self.timeout = timeout


class SpeechSwitch:
    """The app's one speech switch.

    ``wanted`` is the learner's choice (remembered between runs); lines are heard only when
    it is on *and* the backend can be heard. The backend may arrive later than the choice:
    finding one runs programs, so the app does it in a worker (``search`` says when to start
    one, ``found`` takes its result).
    """

    def __init__(self, backend: SpeechBackend | None, wanted: bool = False) -> None:
        self.backend = backend
        self.wanted = wanted
        self._searching = False
        self._announce = False  # say "Speech on." once a backend found for a toggle works
        self._told_unavailable = False  # the full "why and how to fix" is told once a run

    def search(self, announce: bool) -> bool:
        """True when the app should start looking for a backend (one search at a time).

        ``announce``: the learner has just turned speech on, so say so once it works.
        """
        self._announce = self._announce or announce
        if self._searching:
            return False
        self._searching = True
        return True

    def found(self, backend: SpeechBackend, lang: UiLang) -> Notice | None:
        """Take the backend a search found; what to tell the learner, if anything."""
        self._searching = False
        if self.backend is not None:  # another way already gave the app a backend
            backend.close()
            return None
        self.backend = backend
        return self.notice(lang, announce_ok=self._announce) if self.wanted else None

    def notice(self, lang: UiLang, announce_ok: bool) -> Notice | None:
        """Whether the voice the learner asked for can be heard, said once in full.

        ``announce_ok`` is True when the learner has just turned speech on. At start-up
        (a remembered choice) silence gets one short line: the full reason and its fix run to
        several lines, which would cover the call in a small terminal at every start.
        """
        reason = self.reason()
        if reason is None:
            return Notice(t(lang, "speech_on")) if announce_ok else None
        if announce_ok and not self._told_unavailable:
            self._told_unavailable = True
            return Notice(reason.message(lang),
                          t(lang, "speech_none"), "warning", 10)
        return Notice(t(lang, "speech_silent"), severity="warning", timeout=3)

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
