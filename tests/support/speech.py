"""Helpers shared by the speech tests: a recording fake player and a stub engine."""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
import threading
import wave
from pathlib import Path
from typing import Any

import pytest

from tutor.speech import Voice

HAVE_ESPEAK = shutil.which("espeak-ng") is not None
needs_espeak = pytest.mark.skipif(not HAVE_ESPEAK, reason="espeak-ng is not installed")

_PLAYER_SOURCE = textwrap.dedent(
    """
    import json, sys, time, wave
    from array import array
    log, delay, wav = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    info = {"wav": wav, "start": time.time()}
    try:
        with wave.open(wav) as w:
            frames = w.readframes(w.getnframes())
            info.update(frames=w.getnframes(), rate=w.getframerate())
        samples = array("h"); samples.frombytes(frames[: len(frames) // 2 * 2])
        info["peak"] = max((abs(s) for s in samples), default=0)
    except Exception as exc:
        info["error"] = repr(exc)
    time.sleep(delay)
    info["end"] = time.time()
    with open(log, "a") as f:
        f.write(json.dumps(info) + "\\n")
    """
)


class RecordingPlayer:
    """A player command that logs what it was asked to play (and when), then sleeps ``delay``."""

    def __init__(self, tmp_path: Path, delay: float = 0.0) -> None:
        self.script = tmp_path / "fake_player.py"
        self.script.write_text(_PLAYER_SOURCE)
        self.log = tmp_path / "played.jsonl"
        self.delay = delay

    @property
    def command(self) -> list[str]:
        return [sys.executable, str(self.script), str(self.log), str(self.delay)]

    def played(self) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines()]


class StubEngine:
    """A SynthEngine that writes a short tone-free WAV whose length encodes the text.

    Given a ``gate``, each line waits for it to be set before it is made (at most a minute):
    a test can see what the caller has while a line is still being synthesized.
    """

    name = "stub"

    def __init__(self, gate: threading.Event | None = None) -> None:
        self.calls: list[tuple[str, str, int]] = []
        self.threads: set[int] = set()
        self.closed = False
        self.gate = gate

    def voices(self) -> list[Voice]:
        return [Voice("ru", "Russian", "ru", "male"), Voice("en", "English", "en", "male")]

    def synthesize(self, text: str, voice_id: str, rate: int, out: Path, timeout: float) -> None:
        self.threads.add(threading.get_ident())
        if self.gate is not None:
            self.gate.wait(60)
        self.calls.append((text, voice_id, rate))
        with wave.open(str(out), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(22050)
            # frames = 100 * (index of the line) so the player log tells lines apart
            w.writeframes(b"\x10\x00" * (100 * len(self.calls)))

    def close(self) -> None:
        self.closed = True
