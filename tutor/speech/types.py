"""Value types and the backend protocol shared by every speech backend.

Plain data only: the UI and the CLI code against these, never against a concrete engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, Protocol

from tutor.locale import text

Pace = Literal["calm", "rushed"]
PACES: tuple[Pace, ...] = ("calm", "rushed")

#: Called from the speech worker thread when a line has finished, was stopped or was dropped.
OnDone = Callable[[], None]


@dataclass(frozen=True)
class VoiceHints:
    """What the caller would like the voice to sound like; a wish, not a demand."""

    gender: str | None = None  # "male", "female" or None (any)


@dataclass(frozen=True)
class Voice:
    """One voice the engine can speak with; ``id`` is what the engine is given."""

    id: str
    name: str
    lang: str
    gender: str | None


class AvailabilityCode(StrEnum):
    """Why speech works or does not; stable strings the UI may match on."""

    OK = "ok"
    NO_PYTTSX3 = "no_pyttsx3"  # neither pyttsx3 nor the espeak-ng program to fall back on
    NO_ESPEAK = "no_espeak"  # pyttsx3 is there, but the espeak-ng library/program is not
    NO_PLAYER = "no_player"  # nothing to play a WAV with (aplay, paplay, ffplay, afplay)
    NO_AUDIO_DEVICE = "no_audio_device"  # a player exists but there is no sound device/server
    PLAYER_FAILED = "player_failed"  # the player ran and failed (seen at run time)
    NO_VOICE = "no_voice"  # the engine has no voice for the language
    SYNTHESIS_FAILED = "synthesis_failed"  # the engine ran and produced no usable audio


@dataclass(frozen=True)
class Availability:
    """Whether speech can be heard, and if not, why and how to fix it (``speech.<code>``)."""

    ok: bool
    code: str
    values: tuple[tuple[str, str], ...] = ()  # fill the text's placeholders
    detail: str | None = None  # technical, in English: appended as it is

    def message(self, lang: str) -> str:
        """What to tell the person, in ``lang``."""
        said = text(lang, f"speech.{self.code}", **dict(self.values))
        return f"{said} ({self.detail})" if self.detail else said


class SpeechUnavailable(RuntimeError):
    """Raised by blocking helpers (``synthesize_to_file``) when speech cannot be produced."""

    def __init__(self, reason: Availability) -> None:
        super().__init__(reason.message("en"))
        self.reason = reason


class SpeechBackend(Protocol):
    """What the UI and CLI use to voice the other party of a call. Never blocks the caller."""

    def availability(self) -> Availability:
        """Say whether speech is heard and, if not, why."""
        ...

    def speak(
        self,
        text: str,
        lang: str,
        pace: Pace = "calm",
        hints: VoiceHints = VoiceHints(),
        on_done: OnDone | None = None,
    ) -> None:
        """Queue a line and return at once."""
        ...

    def stop(self) -> None:
        """Stop the current line now and drop the queued ones."""
        ...

    def close(self) -> None:
        """Stop and release the worker; later ``speak`` calls are ignored."""
        ...

    @property
    def speaking(self) -> bool:
        """True while a line is queued, being synthesized or playing."""
        ...
