"""The real speech backend: one worker thread owns the engine and plays lines in order.

Why one thread: pyttsx3 loses audio when two threads run ``runAndWait`` (problem d), so every
caller only puts a line on a queue and returns; the worker synthesizes each line to a WAV and
plays it with a quiet player subprocess, so nothing ever blocks the caller or prints.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import queue
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tutor.speech.engines import RATES, SynthEngine, choose_voice, lang_matches
from tutor.speech.probe import (
    PLAYER_ENV,
    EngineChoice,
    audio_output_present,
    choose_engine,
    find_player,
)
from tutor.speech.reasons import available, unavailable
from tutor.speech.types import (
    Availability,
    AvailabilityCode,
    OnDone,
    Pace,
    SpeechBackend,
    SpeechUnavailable,
    Voice,
    VoiceHints,
)

#: Seconds a line may take to synthesize before it is given up.
SYNTH_TIMEOUT = 20.0
#: Tries with a fresh engine before synthesis counts as failed.
SYNTH_ATTEMPTS = 2
#: Seconds a line may play before the player is killed (a stuck audio device must not hang us).
PLAY_TIMEOUT = 120.0


def _safe_call(callback: OnDone | None) -> None:
    if callback is None:
        return
    # A failing UI callback must neither kill the worker nor print a traceback.
    with contextlib.suppress(Exception):
        callback()


def _call_in_thread(callback: OnDone | None) -> None:
    """Run ``callback`` on a short-lived thread: the UI marshals it with call_from_thread,
    which refuses to run on the UI's own thread, so it must never run in the caller."""
    if callback is not None:
        threading.Thread(target=_safe_call, args=(callback,), daemon=True).start()


@dataclass(frozen=True)
class _Line:
    text: str
    lang: str
    pace: Pace
    hints: VoiceHints
    on_done: OnDone | None
    generation: int


class SilentBackend:
    """Speaks nothing, says why through ``availability()``, and still honours ``on_done``."""

    def __init__(self, reason: Availability) -> None:
        self._reason = reason

    def availability(self) -> Availability:
        """The reason speech is off."""
        return self._reason

    def speak(
        self,
        text: str,
        lang: str,
        pace: Pace = "calm",
        hints: VoiceHints = VoiceHints(),  # noqa: B008 - frozen, so a shared default is safe
        on_done: OnDone | None = None,
    ) -> None:
        """Drop the line; ``on_done`` still fires (from another thread)."""
        _call_in_thread(on_done)

    def stop(self) -> None:
        """Nothing is playing."""

    def close(self) -> None:
        """Nothing to release."""

    @property
    def speaking(self) -> bool:
        """Never speaking."""
        return False


class ThreadedBackend:
    """Real speech: a queue served by one worker thread that owns the engine and the player."""

    def __init__(
        self,
        engine_factory: Callable[[], SynthEngine],
        player: Sequence[str],
        availability: Availability,
        *,
        synth_timeout: float = SYNTH_TIMEOUT,
        play_timeout: float = PLAY_TIMEOUT,
    ) -> None:
        self._engine_factory = engine_factory
        self._player = list(player)
        self._availability = availability
        self._synth_timeout = synth_timeout
        self._play_timeout = play_timeout
        self._queue: queue.Queue[_Line | None] = queue.Queue()
        # Guards generation, live count, the player process and the closed flag.
        self._lock = threading.Lock()
        self._generation = 0
        self._live = 0  # lines of the current generation not yet finished
        self._closed = False
        self._player_proc: subprocess.Popen[bytes] | None = None
        self._thread: threading.Thread | None = None
        self._voices: list[Voice] | None = None
        self._counter = itertools.count()
        #: Last technical error seen by the worker (for logs and tests; never printed).
        self.last_error: str | None = None

    # --- the caller's side: all of it returns at once -------------------------------------
    def availability(self) -> Availability:
        """OK unless the engine or the player has failed at run time."""
        return self._availability

    def speak(
        self,
        text: str,
        lang: str,
        pace: Pace = "calm",
        hints: VoiceHints = VoiceHints(),  # noqa: B008 - frozen, so a shared default is safe
        on_done: OnDone | None = None,
    ) -> None:
        """Queue a line and return; ``on_done`` runs on the worker when it ends or is stopped."""
        with self._lock:
            if self._closed:
                _call_in_thread(on_done)
                return
            self._live += 1
            # Put under the lock so concurrent callers' lines keep the order they got the lock.
            self._queue.put(_Line(text, lang, pace, hints, on_done, self._generation))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="tutor-speech", daemon=True)
                self._thread.start()

    def stop(self) -> None:
        """Kill the playing line now; queued lines become stale and are skipped unplayed."""
        with self._lock:
            self._generation += 1
            self._live = 0
            proc = self._player_proc
        if proc is not None:
            with contextlib.suppress(OSError):
                proc.kill()

    def close(self, timeout: float = 2.0) -> None:
        """Stop, then let the worker end its engine and exit (waits at most ``timeout``)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            thread = self._thread
        self.stop()
        self._queue.put(None)
        if thread is not None:
            thread.join(timeout)

    @property
    def speaking(self) -> bool:
        """True while a line of the current generation is queued, synthesizing or playing."""
        with self._lock:
            return self._live > 0

    # --- the worker's side ---------------------------------------------------------------
    def _is_current(self, line: _Line) -> bool:
        with self._lock:
            return line.generation == self._generation

    def _run(self) -> None:
        engine: SynthEngine | None = None
        workdir = Path(tempfile.mkdtemp(prefix="tutor-speech-"))
        try:
            while True:
                line = self._queue.get()
                if line is None:
                    break
                try:
                    for attempt in range(SYNTH_ATTEMPTS):
                        if not self._is_current(line):
                            break
                        try:
                            if engine is None:
                                engine = self._engine_factory()
                            self._say(engine, line, workdir)
                            break
                        except Exception as exc:  # never let one line kill the worker or print
                            self.last_error = f"{type(exc).__name__}: {exc}"
                            if engine is not None:  # start afresh: it may have died
                                with contextlib.suppress(Exception):
                                    engine.close()
                                engine = None
                            # A fresh engine usually says the line the first one dropped.
                            if attempt == SYNTH_ATTEMPTS - 1:
                                self._availability = unavailable(
                                    AvailabilityCode.SYNTHESIS_FAILED, self.last_error
                                )
                finally:
                    self._finish(line)
        finally:
            if engine is not None:
                with contextlib.suppress(Exception):
                    engine.close()
            shutil.rmtree(workdir, ignore_errors=True)

    def _finish(self, line: _Line) -> None:
        with self._lock:
            if line.generation == self._generation and self._live > 0:
                self._live -= 1
        _safe_call(line.on_done)

    def _say(self, engine: SynthEngine, line: _Line, workdir: Path) -> None:
        if self._voices is None:
            self._voices = engine.voices()
        voice = choose_voice(self._voices, line.lang, line.hints)
        if voice is None:
            self.last_error = f"no voice for {line.lang!r}"
            return
        wav = workdir / f"line-{next(self._counter)}.wav"
        try:
            engine.synthesize(line.text, voice.id, RATES[line.pace], wav, self._synth_timeout)
            self._play(wav, line)
        finally:
            wav.unlink(missing_ok=True)

    def _play(self, wav: Path, line: _Line) -> None:
        with self._lock:
            if line.generation != self._generation:
                return  # stopped while we were synthesizing
            # All three streams detached: nothing from the player can reach the terminal.
            proc = subprocess.Popen(
                [*self._player, str(wav)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
            self._player_proc = proc
        try:
            _, err = proc.communicate(timeout=self._play_timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
        with self._lock:
            self._player_proc = None
            stopped = line.generation != self._generation
        if proc.returncode != 0 and not stopped:
            tail = err.decode("utf-8", "replace").strip().splitlines()
            self.last_error = tail[-1] if tail else f"player exited {proc.returncode}"
            self._availability = unavailable(AvailabilityCode.PLAYER_FAILED, self.last_error)


def create_backend(*, player: Sequence[str] | None = None) -> SpeechBackend:
    """The real backend if this machine can speak, else a SilentBackend carrying the reason.

    ``player`` overrides the player command (the WAV path is appended); so does the
    ``TUTOR_SPEECH_PLAYER`` environment variable. Never raises, never prints.
    """
    try:
        choice = choose_engine()
        if not isinstance(choice, EngineChoice):
            return SilentBackend(choice)
        command = list(player) if player else find_player()
        if not command:
            return SilentBackend(unavailable(AvailabilityCode.NO_PLAYER))
        # A player someone chose is trusted; an auto-found one needs somewhere to send sound.
        chosen = player is not None or bool(os.environ.get(PLAYER_ENV, "").strip())
        if not chosen and not audio_output_present():
            return SilentBackend(unavailable(AvailabilityCode.NO_AUDIO_DEVICE))
        return ThreadedBackend(choice.factory, command, available(choice.name, command[0]))
    except Exception as exc:  # probing must never break the app
        return SilentBackend(unavailable(AvailabilityCode.SYNTHESIS_FAILED, str(exc)))


def list_voices(lang: str | None = None) -> list[Voice]:
    """Voices the engine offers (for ``lang`` if given); empty if speech is unavailable."""
    choice = choose_engine()
    if not isinstance(choice, EngineChoice):
        return []
    engine = choice.factory()
    try:
        voices = engine.voices()
    finally:
        engine.close()
    if lang is None:
        return voices
    return [v for v in voices if lang_matches(v.lang, lang)]


def synthesize_to_file(
    text: str,
    lang: str,
    pace: Pace,
    out: Path,
    hints: VoiceHints = VoiceHints(),  # noqa: B008 - frozen, so a shared default is safe
) -> Path:
    """Write ``text`` spoken in ``lang`` at ``pace`` to the WAV ``out``; blocking.

    Returns ``out`` once the file is complete. Raises SpeechUnavailable (with English and
    Russian messages) if there is no engine, no voice, or synthesis fails; ValueError for
    empty text or an unknown pace.
    """
    if not text.strip():
        raise ValueError("nothing to say: the text is empty")
    if pace not in RATES:
        raise ValueError(f"unknown pace {pace!r}; use 'calm' or 'rushed'")
    choice = choose_engine()
    if not isinstance(choice, EngineChoice):
        raise SpeechUnavailable(choice)
    # Where the file goes is the caller's business: an OSError here is theirs to explain.
    out.parent.mkdir(parents=True, exist_ok=True)
    # espeak now and then drops a setting or stalls on a busy machine; one fresh engine
    # usually succeeds where the first failed.
    for attempt in range(SYNTH_ATTEMPTS):
        try:
            _synthesize_once(choice, text, lang, pace, out, hints)
            return out
        except SpeechUnavailable as exc:
            if exc.reason.code != AvailabilityCode.SYNTHESIS_FAILED or \
                    attempt == SYNTH_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _synthesize_once(choice: EngineChoice, text: str, lang: str, pace: Pace, out: Path,
                     hints: VoiceHints) -> None:
    try:
        engine = choice.factory()
    except Exception as exc:
        raise SpeechUnavailable(unavailable(AvailabilityCode.SYNTHESIS_FAILED, str(exc))) from exc
    try:
        voice = choose_voice(engine.voices(), lang, hints)
        if voice is None:
            raise SpeechUnavailable(unavailable(AvailabilityCode.NO_VOICE, f"language {lang!r}"))
        engine.synthesize(text, voice.id, RATES[pace], out, SYNTH_TIMEOUT)
    except SpeechUnavailable:
        raise
    except Exception as exc:
        detail = f"{type(exc).__name__}: {exc}"
        raise SpeechUnavailable(unavailable(AvailabilityCode.SYNTHESIS_FAILED, detail)) from exc
    finally:
        engine.close()
