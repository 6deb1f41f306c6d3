"""The speech subcommands of the CLI: ``tutor voices`` and ``tutor speak``.

Each returns an exit code; errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from tutor.console import fail
from tutor.locale import LANGS
from tutor.speech.backend import list_voices, synthesize_to_file
from tutor.speech.probe import EngineChoice, choose_engine
from tutor.speech.types import PACES, Pace, SpeechUnavailable
from tutor.storage import write_atomic


def voices_command(lang: str | None) -> int:
    """Print the usable voices (id, name, language), tab-separated; 1 if speech is off."""
    choice = choose_engine()
    if not isinstance(choice, EngineChoice):
        return fail(choice.message("en"))
    try:
        voices = list_voices(lang)
    except Exception as exc:  # the engine failing must read as one line, not a traceback
        return fail(f"could not list voices: {exc}")
    if not voices:
        return fail(f"no voices for language {lang!r}" if lang else "no voices found")
    for voice in voices:
        print(f"{voice.id}\t{voice.name}\t{voice.lang}")
    return 0


def speak_command(text: str, lang: str, pace: str, out: Path) -> int:
    """Write ``text`` as a WAV to ``out`` to preview a line; print the path on success."""
    if lang not in LANGS:
        return fail(f"unknown language {lang!r}; use one of: {', '.join(LANGS)}")
    if pace not in PACES:
        return fail(f"unknown pace {pace!r}; use one of: {', '.join(PACES)}")
    checked_pace: Pace = "rushed" if pace == "rushed" else "calm"
    if out.is_dir():
        return fail(f"--out {out} is a folder; give a file name such as {out / 'line.wav'}")
    if not text.strip():
        return fail("there is no text to speak")
    try:
        # Before the synthesis, which may take long: a read-only folder is known at once.
        check_writable(out)
        # The engine writes into a private folder; only a complete WAV reaches ``out``.
        with tempfile.TemporaryDirectory(prefix="tutor-speak-") as work:
            wav = synthesize_to_file(text, lang, checked_pace, Path(work) / "line.wav")
            deliver(wav.read_bytes(), out)
    except SpeechUnavailable as exc:
        return fail(exc.reason.message("en"))
    except OSError as exc:
        return fail(f"cannot write {out}: {exc.strerror or exc}")
    except ValueError as exc:
        return fail(str(exc))
    print(out)
    return 0


def _special(path: Path) -> bool:
    """True for an existing device or FIFO (``/dev/stdout``, ``/dev/full``): written in place."""
    try:
        return not stat.S_ISREG(path.stat().st_mode)
    except FileNotFoundError:
        return False


def check_writable(out: Path) -> None:
    """Raise OSError unless a file can be written at ``out`` (its folder is created)."""
    if _special(out):
        if not os.access(out, os.W_OK):  # opening a FIFO to try would wait for a reader
            raise PermissionError(13, "Permission denied")
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, probe = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    os.unlink(probe)


def deliver(data: bytes, out: Path) -> None:
    """Write ``data`` to ``out``: whole or not at all for a file; a failed write raises."""
    if not _special(out):
        write_atomic(out, data)
        return
    with open(out, "wb") as device:  # close() flushes: a full device raises here at the latest
        device.write(data)
