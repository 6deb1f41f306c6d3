"""Finding out, without side effects, what this machine can do for speech.

Nothing here loads espeak into the calling process or makes a sound.
"""

from __future__ import annotations

import ctypes.util
import importlib.util
import os
import shlex
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tutor.speech.engines import EspeakCliEngine, Pyttsx3Engine, SynthEngine
from tutor.speech.reasons import unavailable
from tutor.speech.types import Availability, AvailabilityCode

#: Overrides the player, e.g. "mpv --really-quiet"; the WAV path is appended.
PLAYER_ENV = "TUTOR_SPEECH_PLAYER"

#: Players in order of preference; every one is quiet and exits when the file ends.
_PLAYERS: tuple[tuple[str, ...], ...] = (
    ("aplay", "-q"),
    ("paplay",),
    ("ffplay", "-nodisp", "-autoexit", "-loglevel", "quiet"),
    ("afplay",),
)


@dataclass(frozen=True)
class EngineChoice:
    """Which engine to use, and how to make one (in the thread that will own it)."""

    name: str
    factory: Callable[[], SynthEngine]


def pyttsx3_installed() -> bool:
    """True if ``import pyttsx3`` would find the package (without importing it)."""
    try:
        return importlib.util.find_spec("pyttsx3") is not None
    except (ImportError, ValueError):  # a broken or blocked entry in sys.modules
        return False


def espeak_library_present() -> bool:
    """True if the espeak-ng shared library that pyttsx3's driver loads is installed."""
    return any(ctypes.util.find_library(name) for name in ("espeak-ng", "espeak"))


def choose_engine() -> EngineChoice | Availability:
    """pyttsx3 when it and libespeak-ng are there, else the espeak-ng program, else why not."""
    if pyttsx3_installed() and espeak_library_present():
        return EngineChoice(Pyttsx3Engine.name, Pyttsx3Engine)
    program = shutil.which("espeak-ng")
    if program is not None:
        return EngineChoice(EspeakCliEngine.name, lambda: EspeakCliEngine(program))
    if not pyttsx3_installed():
        return unavailable(AvailabilityCode.NO_PYTTSX3)
    return unavailable(AvailabilityCode.NO_ESPEAK)


def find_player() -> list[str] | None:
    """The command to play a WAV with (the path is appended), or None if there is none."""
    override = os.environ.get(PLAYER_ENV, "").strip()
    if override:
        return shlex.split(override)
    for command in _PLAYERS:
        if shutil.which(command[0]):
            return list(command)
    return None


def audio_output_present() -> bool:
    """Best guess whether a played sound can go anywhere: a sound card or a sound server."""
    if sys.platform == "darwin":
        return True
    snd = Path("/dev/snd")
    if snd.is_dir() and any(p.name.startswith("pcm") for p in snd.iterdir()):
        return True
    if os.environ.get("PULSE_SERVER"):
        return True
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        base = Path(runtime)
        return (base / "pulse" / "native").exists() or (base / "pipewire-0").exists()
    return False
