"""Synthesis engines: text -> WAV file. pyttsx3 (in a child process) or the espeak-ng program.

Both are blocking and are meant to be called from one thread at a time (the backend's worker,
or a CLI command). Neither writes anything to the terminal.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Protocol

from tutor.locale import LANGUAGES
from tutor.speech.types import Pace, Voice, VoiceHints
from tutor.speech.wav import wait_until_complete

#: Words per minute per pace. espeak-ng caps its rate at 450 wpm; calm at 160 keeps a rushed
#: line at about 0.35x the calm one's duration (the tutor promises <= 0.4x).
RATES: dict[Pace, int] = {"calm": 160, "rushed": 450}

#: espeak-ng's female variant; any voice can wear it ("zle/ru+f3").
_FEMALE_VARIANT = "+f3"


class SynthEngine(Protocol):
    """Turns text into a WAV file; blocking."""

    name: str

    def voices(self) -> list[Voice]:
        """All voices this engine can speak with."""
        ...

    def synthesize(self, text: str, voice_id: str, rate: int, out: Path, timeout: float) -> None:
        """Write a complete WAV of ``text`` to ``out`` or raise."""
        ...

    def close(self) -> None:
        """Release the engine (end its process)."""
        ...


def _gender(value: str | None) -> str | None:
    text = (value or "").strip().lower()
    if text in ("m", "male"):
        return "male"
    if text in ("f", "female"):
        return "female"
    return None


def _with_female_variants(base: list[Voice]) -> list[Voice]:
    """Add a female variant of each non-female voice: espeak-ng ships almost only male ones."""
    voices = list(base)
    for voice in base:
        if voice.gender != "female":
            voices.append(
                Voice(
                    id=voice.id + _FEMALE_VARIANT,
                    name=f"{voice.name} (female)",
                    lang=voice.lang,
                    gender="female",
                )
            )
    return voices


def _usable(voice_id: str) -> bool:
    # mbrola voices ("mb/...") are listed by espeak-ng but need the separate mbrola program.
    return not voice_id.startswith("mb/")


def lang_matches(voice_lang: str, lang: str) -> bool:
    """True if a voice's language tag ("en-gb") serves the requested language ("en")."""
    voice_lang, lang = voice_lang.lower(), lang.lower()
    return voice_lang == lang or voice_lang.startswith(lang + "-")


def choose_voice(voices: list[Voice], lang: str, hints: VoiceHints) -> Voice | None:
    """Pick the best voice for ``lang``, honouring the gender hint when one matches."""
    candidates = [v for v in voices if lang_matches(v.lang, lang)]
    if not candidates:
        return None
    # The voice the language registry prefers, when it exists.
    language = LANGUAGES.get(lang.lower())
    preferred = language.voice if language is not None else None
    wanted = _gender(hints.gender)

    def rank(v: Voice) -> tuple[bool, bool, bool, bool, str]:
        base_id = v.id.split("+", 1)[0]
        return (
            wanted is not None and v.gender != wanted,
            wanted is None and "+" in v.id,  # no wish: the voice as its authors made it
            base_id.lower() != (preferred or "").lower(),
            v.lang.lower() != lang.lower(),
            v.id,
        )

    return min(candidates, key=rank)


class Pyttsx3Engine:
    """pyttsx3 driven in ``tutor.speech._child``, talked to over pipes (see that module)."""

    name = "pyttsx3 + espeak-ng"

    def __init__(self, start_timeout: float = 15.0) -> None:
        package_root = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ)
        # The child must import this very copy of tutor, installed or not.
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (package_root, env.get("PYTHONPATH", "")) if p
        )
        self._proc: subprocess.Popen[bytes] = subprocess.Popen(
            [sys.executable, "-m", "tutor.speech._child"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # espeak/ALSA chatter never reaches the terminal
            env=env,
            start_new_session=True,  # Ctrl+C in the terminal is the app's, not the child's
        )
        self._buffer = b""
        ready = self._read_reply(start_timeout)
        if not ready.get("ok"):
            self.close()
            raise RuntimeError(str(ready.get("error", "speech engine did not start")))

    def _read_reply(self, timeout: float) -> dict[str, Any]:
        assert self._proc.stdout is not None
        fd = self._proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.close()
                raise TimeoutError("speech engine did not answer in time")
            ready, _, _ = select.select([fd], [], [], remaining)
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    self.close()
                    raise RuntimeError("speech engine process ended")
                self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        reply: dict[str, Any] = json.loads(line)
        return reply

    def _request(self, payload: dict[str, Any], timeout: float) -> dict[str, Any]:
        if self._proc.poll() is not None or self._proc.stdin is None:
            raise RuntimeError("speech engine process is not running")
        try:
            self._proc.stdin.write((json.dumps(payload, ensure_ascii=False) + "\n").encode())
            self._proc.stdin.flush()
        except OSError as exc:
            self.close()
            raise RuntimeError("speech engine process is not running") from exc
        reply = self._read_reply(timeout)
        if not reply.get("ok"):
            raise RuntimeError(str(reply.get("error", "speech engine failed")))
        return reply

    def voices(self) -> list[Voice]:
        """espeak-ng's voices as pyttsx3 lists them, plus female variants."""
        reply = self._request({"op": "voices"}, timeout=15.0)
        base = []
        for raw in reply.get("voices", []):
            voice_id = str(raw.get("id", ""))
            languages = raw.get("languages") or [""]
            if voice_id and _usable(voice_id):
                base.append(
                    Voice(
                        id=voice_id,
                        name=str(raw.get("name", voice_id)),
                        lang=str(languages[0]).lower(),
                        gender=_gender(raw.get("gender")),
                    )
                )
        return _with_female_variants(base)

    def synthesize(self, text: str, voice_id: str, rate: int, out: Path, timeout: float) -> None:
        """Synthesize in the child; returns once the WAV at ``out`` is complete."""
        payload = {
            "op": "synth",
            "text": text,
            "voice": voice_id,
            "rate": rate,
            "out": str(out.resolve()),
            "timeout": timeout,
        }
        self._request(payload, timeout=timeout + 5.0)
        # The child already waited; checking again costs little and guards against a bad reply.
        wait_until_complete(out, timeout=2.0)

    def close(self) -> None:
        """End the child: closing its stdin ends its loop; kill it if it lingers."""
        proc = self._proc
        if proc.stdin is not None and not proc.stdin.closed:
            with contextlib.suppress(OSError):
                proc.stdin.close()
        try:
            proc.wait(timeout=1.0)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


class EspeakCliEngine:
    """The ``espeak-ng`` program: used when pyttsx3 is not installed.

    Each line is one short process; the WAV is complete when it exits and the rate is given on
    its command line, so pyttsx3's races do not exist here.
    """

    name = "espeak-ng"

    def __init__(self, program: str | None = None) -> None:
        found = program or shutil.which("espeak-ng")
        if found is None:
            raise RuntimeError("espeak-ng is not on PATH")
        self._program = found

    def voices(self) -> list[Voice]:
        """Parse ``espeak-ng --voices`` (columns: Pty Language Age/Gender VoiceName File ...)."""
        result = subprocess.run(
            [self._program, "--voices"], capture_output=True, timeout=15.0, check=False
        )
        base = []
        for line in result.stdout.decode("utf-8", "replace").splitlines()[1:]:
            cols = line.split()
            if len(cols) < 5 or not _usable(cols[4]):
                continue
            gender = cols[2].split("/")[-1] if "/" in cols[2] else None
            base.append(
                Voice(
                    id=cols[4].lower(),
                    name=cols[3].replace("_", " "),
                    lang=cols[1].lower(),
                    gender=_gender(gender),
                )
            )
        return _with_female_variants(base)

    def synthesize(self, text: str, voice_id: str, rate: int, out: Path, timeout: float) -> None:
        """Run espeak-ng once; the text goes on stdin so a leading '-' is not an option."""
        out.unlink(missing_ok=True)
        result = subprocess.run(
            [self._program, "-v", voice_id, "-s", str(rate), "-b", "1", "-w", str(out), "--stdin"],
            input=text.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
            start_new_session=True,
        )
        if result.returncode != 0:
            detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise RuntimeError(detail[-1] if detail else f"espeak-ng exited {result.returncode}")
        wait_until_complete(out, timeout=2.0)

    def close(self) -> None:
        """Nothing to release: no process outlives a line."""
