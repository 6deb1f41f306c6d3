"""The speech child process: it alone owns the pyttsx3 engine and answers JSON lines.

Run as ``python -m tutor.speech._child``; the parent (``engines.Pyttsx3Engine``) writes one
request per line on stdin and reads one reply per line. Why a child process at all:

* pyttsx3 2.99 ``print()``s "Audio saved to ..." from espeak's thread, and espeak/ALSA write to
  file descriptor 2 from C. Silencing that inside the UI process would mean pointing the whole
  process's fd 1/2 at /dev/null, which would also swallow Textual's own drawing (it draws on
  stderr) and every other thread's errors. Here the redirect is process-wide on purpose: this
  process does nothing else.
* espeak can be initialised only once per process and a crash in C would take the UI with it.

The pyttsx3 races are handled in ``_Pyttsx3Synth``.
"""

from __future__ import annotations

import ctypes
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, Any

from tutor.speech.wav import wait_until_complete

# espeak_PARAMETER value for the speaking rate (words per minute), from speak_lib.h.
_ESPEAK_RATE = 1


class _Pyttsx3Synth:
    """pyttsx3's espeak driver, driven so that its known races cannot bite.

    * Rate lost (problem a): ``runAndWait`` ends by calling ``espeak_Cancel`` if espeak is
      busy, and Cancel restores the parameters saved at the start of the previous line. So a
      rate is set only while espeak is idle, we wait until espeak has taken it, and read it back
      (``espeak_GetParameter(RATE, current=1)``) before starting the line.
    * Early return (problem b, pyttsx3 #219): ``runAndWait`` returns before the WAV is written;
      we wait until the file is a complete RIFF/WAVE and espeak is idle before replying.
    """

    def __init__(self) -> None:
        import pyttsx3
        from pyttsx3.drivers import _espeak

        self._espeak: Any = _espeak
        # The espeak driver explicitly: our voice ids and workarounds are espeak's.
        self._engine: Any = pyttsx3.init("espeak")
        # pyttsx3 binds espeak_GetParameter with one argument, so "current" is garbage; bind it
        # ourselves to read the value espeak really holds.
        getter = _espeak.dll.espeak_GetParameter
        getter.argtypes = [ctypes.c_int, ctypes.c_int]
        getter.restype = ctypes.c_int
        self._get_parameter: Any = getter
        # The driver proxy starts "busy" and defers every setProperty until the first
        # runAndWait; one throwaway line leaves it idle so later settings apply at once.
        with tempfile.TemporaryDirectory(prefix="tutor-speech-warm-") as tmp:
            self._render("a", Path(tmp) / "warm.wav", timeout=10.0)

    def _wait_idle(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while self._espeak.IsPlaying():
            if time.monotonic() > deadline:
                raise TimeoutError("espeak stayed busy")
            time.sleep(0.002)

    def _render(self, text: str, out: Path, timeout: float) -> None:
        out.unlink(missing_ok=True)
        self._engine.save_to_file(text, str(out))
        self._engine.runAndWait()
        wait_until_complete(out, timeout)
        # The callback writes the file just before espeak finishes; the next line must not
        # start (and change the driver's target file) until espeak is idle.
        self._wait_idle(timeout)

    def synthesize(self, text: str, voice: str, rate: int, out: Path, timeout: float) -> int:
        """Write ``text`` spoken by ``voice`` at ``rate`` wpm to ``out``; return the rate used."""
        self._wait_idle(timeout)
        for attempt in range(20):
            self._engine.setProperty("voice", voice)
            self._engine.setProperty("rate", rate)
            self._wait_idle(timeout)
            actual = int(self._get_parameter(_ESPEAK_RATE, 1))
            if actual == rate:
                break
            # On a busy machine espeak can still be unwinding the last line: give it a moment.
            time.sleep(0.005 * (attempt + 1))
        else:
            raise RuntimeError(f"espeak kept rate {actual} instead of {rate}")
        self._render(text, out, timeout)
        return actual

    def voices(self) -> list[dict[str, Any]]:
        """List espeak's voices as plain dicts for the parent."""
        return [
            {"id": v.id, "name": v.name, "languages": list(v.languages), "gender": v.gender}
            for v in self._engine.getProperty("voices")
        ]


def _claim_protocol_channel() -> IO[str]:
    """Keep the real stdout for replies; send everything else written to fd 1 and 2 nowhere."""
    reply_fd = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as we do
    sys.stderr = sys.stdout
    return os.fdopen(reply_fd, "w", encoding="utf-8", buffering=1)


def _reply(channel: IO[str], payload: dict[str, Any]) -> None:
    channel.write(json.dumps(payload, ensure_ascii=False) + "\n")
    channel.flush()


def _handle(synth: _Pyttsx3Synth, request: dict[str, Any]) -> dict[str, Any]:
    op = request.get("op")
    if op == "synth":
        rate = synth.synthesize(
            str(request["text"]),
            str(request["voice"]),
            int(request["rate"]),
            Path(request["out"]),
            float(request.get("timeout", 20.0)),
        )
        return {"ok": True, "rate": rate}
    if op == "voices":
        return {"ok": True, "voices": synth.voices()}
    return {"ok": False, "error": f"unknown op {op!r}"}


def main() -> int:
    """Serve requests until stdin closes (the parent went away or closed us)."""
    channel = _claim_protocol_channel()
    try:
        synth = _Pyttsx3Synth()
    except Exception as exc:  # report any start-up failure to the parent instead of dying mute
        _reply(channel, {"ok": False, "error": f"{type(exc).__name__}: {exc}"})
        return 1
    _reply(channel, {"ok": True, "ready": True})
    for line in sys.stdin:
        try:
            _reply(channel, _handle(synth, json.loads(line)))
        except Exception as exc:  # one bad line must not end the service
            _reply(channel, {"ok": False, "error": f"{type(exc).__name__}: {exc}"})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
