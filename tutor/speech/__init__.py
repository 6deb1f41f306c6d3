"""Speech for the other party of a call: plain Python, never imports Textual.

``create_backend()`` gives a backend whose ``speak()`` only queues; one worker thread owns the
engine (pyttsx3 in a child process, or the espeak-ng program) and plays each line quietly.
"""

from tutor.speech.backend import (
    SilentBackend,
    ThreadedBackend,
    create_backend,
    list_voices,
    synthesize_to_file,
)
from tutor.speech.engines import RATES
from tutor.speech.fake import FakeBackend, SpokenLine
from tutor.speech.types import (
    PACES,
    Availability,
    AvailabilityCode,
    OnDone,
    Pace,
    SpeechBackend,
    SpeechUnavailable,
    Voice,
    VoiceHints,
)

__all__ = [
    "PACES",
    "RATES",
    "Availability",
    "AvailabilityCode",
    "FakeBackend",
    "OnDone",
    "Pace",
    "SilentBackend",
    "SpeechBackend",
    "SpeechUnavailable",
    "SpokenLine",
    "ThreadedBackend",
    "Voice",
    "VoiceHints",
    "create_backend",
    "list_voices",
    "synthesize_to_file",
]
