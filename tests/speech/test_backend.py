"""The threaded backend: never blocks, one engine thread, lines in order, stop() is instant."""

from __future__ import annotations

import itertools
import threading
import time
from functools import partial
from pathlib import Path

from tests.support.speech import RecordingPlayer, StubEngine, needs_espeak
from tutor.speech import RATES, ThreadedBackend, VoiceHints
from tutor.speech.backend import SYNTH_ATTEMPTS
from tutor.speech.engines import Pyttsx3Engine
from tutor.speech.probe import EngineChoice, choose_engine
from tutor.speech.reasons import available


def _wait(predicate: object, timeout: float = 30.0) -> None:
    assert callable(predicate)
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def _stub_backend(player: RecordingPlayer,
                  gate: threading.Event | None = None) -> tuple[ThreadedBackend, StubEngine]:
    engine = StubEngine(gate)
    backend = ThreadedBackend(lambda: engine, player.command, available("stub", "fake"))
    return backend, engine


def test_speak_returns_at_once_and_plays(tmp_path: Path) -> None:
    player = RecordingPlayer(tmp_path, delay=0.5)
    made = threading.Event()  # the line is not made until the test says so
    backend, engine = _stub_backend(player, made)
    done = threading.Event()
    backend.speak("Алло", "ru", "rushed", on_done=done.set)
    # Back with the line not even synthesized: a speak() that waited for it would still be
    # waiting for the gate (or, past it, would come back with the line done).
    assert backend.speaking and not done.is_set()
    made.set()
    assert done.wait(10)
    _wait(lambda: not backend.speaking)
    assert engine.calls == [("Алло", "ru", RATES["rushed"])]
    assert [p["frames"] for p in player.played()] == [100]
    backend.close()
    assert engine.closed


def test_two_threads_speaking_all_lines_play_in_order_one_at_a_time(tmp_path: Path) -> None:
    """Problem (d): concurrent callers; one engine thread; nothing lost, nothing overlaps."""
    player = RecordingPlayer(tmp_path)
    backend, engine = _stub_backend(player)
    finished: list[str] = []
    lock = threading.Lock()

    def caller(name: str) -> None:
        for i in range(8):
            text = f"{name}{i}"
            backend.speak(text, "en", on_done=partial(_append, text))

    def _append(text: str) -> None:
        with lock:
            finished.append(text)

    threads = [threading.Thread(target=caller, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    _wait(lambda: len(finished) == 16)
    texts = [c[0] for c in engine.calls]
    assert sorted(texts) == sorted(f"{n}{i}" for n in "ab" for i in range(8))
    for n in "ab":  # each caller's lines keep their order
        mine = [t for t in texts if t.startswith(n)]
        assert mine == [f"{n}{i}" for i in range(8)]
    assert finished == texts  # done in the order synthesized
    assert len(engine.threads) == 1  # a single thread ever touched the engine
    played = player.played()
    assert [p["frames"] for p in played] == [100 * (i + 1) for i in range(16)]
    for before, after in itertools.pairwise(played):
        assert before["end"] <= after["start"], "two lines played at once"
    backend.close()


def test_stop_kills_a_slow_player_at_once_and_drops_the_queue(tmp_path: Path) -> None:
    player = RecordingPlayer(tmp_path, delay=30.0)
    backend, engine = _stub_backend(player)
    done: list[str] = []
    for text in ("one", "two", "three"):
        backend.speak(text, "en", on_done=partial(done.append, text))
    _wait(lambda: backend._player_proc is not None)  # "one" is playing
    proc = backend._player_proc
    assert proc is not None
    backend.stop()
    assert not backend.speaking
    proc.wait(timeout=10)  # killed, not left to run its 30 s (then it would have logged)
    _wait(lambda: len(done) == 3)
    assert [c[0] for c in engine.calls] == ["one"]  # the queued lines were never synthesized
    assert player.played() == []  # the slow player never got to log
    backend.speak("four", "en")
    _wait(lambda: len(engine.calls) == 2)  # the backend still works after stop()
    backend.close()


def test_close_ends_the_worker_and_later_speak_is_ignored(tmp_path: Path) -> None:
    backend, engine = _stub_backend(RecordingPlayer(tmp_path))
    backend.speak("hello", "en")
    _wait(lambda: not backend.speaking)
    thread = backend._thread
    backend.close()
    assert thread is not None and not thread.is_alive()
    called = threading.Event()
    backend.speak("ignored", "en", on_done=called.set)
    assert called.wait(2)  # on_done still fires so nobody waits forever
    assert [c[0] for c in engine.calls] == ["hello"]


def test_failing_player_turns_availability_off_quietly(tmp_path: Path) -> None:
    engine = StubEngine()
    backend = ThreadedBackend(lambda: engine, ["false"], available("stub", "false"))
    done = threading.Event()
    backend.speak("hello", "en", on_done=done.set)
    assert done.wait(10)
    assert backend.availability().code == "player_failed"
    assert backend.availability().message("ru")
    backend.close()


def test_broken_engine_is_reported_not_raised(tmp_path: Path) -> None:
    def factory() -> StubEngine:
        raise RuntimeError("no espeak today")

    backend = ThreadedBackend(factory, RecordingPlayer(tmp_path).command, available("x", "y"))
    done = threading.Event()
    backend.speak("hello", "en", on_done=done.set)
    assert done.wait(10)
    assert backend.availability().code == "synthesis_failed"
    assert "no espeak today" in (backend.last_error or "")
    backend.close()


def test_on_done_errors_do_not_kill_the_worker(tmp_path: Path) -> None:
    backend, _engine = _stub_backend(RecordingPlayer(tmp_path))

    def boom() -> None:
        raise ValueError("ui bug")

    backend.speak("one", "en", on_done=boom)
    ok = threading.Event()
    backend.speak("two", "en", on_done=ok.set)
    assert ok.wait(10)
    backend.close()


@needs_espeak
def test_real_engine_keeps_pace_through_the_backend(tmp_path: Path) -> None:
    """Problems (a), (b), (d) end to end: alternating paces from two threads, real espeak."""
    choice = choose_engine()
    assert isinstance(choice, EngineChoice)
    player = RecordingPlayer(tmp_path)
    # The real engine's first start can take longer than the product's 20 s guard when the
    # machine is busy (a CI run beside another); this test is about pace, not that guard.
    # pyttsx3 with espeak now and then never finishes a file (upstream pyttsx3 #194): the
    # backend gives the line up after the guard and says it with a fresh engine, so the wait
    # below covers every attempt's guard.
    guard = 60.0
    backend = ThreadedBackend(choice.factory, player.command, available(choice.name, "fake"),
                              synth_timeout=guard)
    text = "Thank you for calling, have a lovely evening, goodbye."
    lock = threading.Lock()
    count = [0]

    def done() -> None:
        with lock:
            count[0] += 1

    def caller() -> None:
        for _ in range(3):
            backend.speak(text, "en", "calm", VoiceHints(), on_done=done)
            backend.speak(text, "en", "rushed", VoiceHints(), on_done=done)

    # Both callers queue calm/rushed pairs; under the lock each pair may interleave with the
    # other caller's, so compare against the slowest rushed and the quickest calm line.
    threads = [threading.Thread(target=caller) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    _wait(lambda: count[0] == 12, timeout=SYNTH_ATTEMPTS * (guard + 5.0) + 120)
    played = player.played()
    assert len(played) == 12
    assert all("error" not in p and p["peak"] > 1000 for p in played)
    durations = sorted(p["frames"] / p["rate"] for p in played)
    rushed, calm = durations[:6], durations[6:]
    assert max(rushed) <= 0.4 * min(calm), durations
    backend.close()
    if choice.name == Pyttsx3Engine.name:  # nothing went wrong but, perhaps, that hang
        assert backend.last_error is None or "did not answer in time" in backend.last_error


def test_a_line_the_engine_drops_is_said_by_a_fresh_engine(tmp_path: Path) -> None:
    """espeak now and then fails a line on a busy machine: the line must still be heard."""
    player = RecordingPlayer(tmp_path)
    engines: list[StubEngine] = []

    def factory() -> StubEngine:
        engine = StubEngine()
        if not engines:  # the first engine fails its first line
            def fail(*_args: object) -> None:
                raise RuntimeError("espeak kept rate 175 instead of 450")
            engine.synthesize = fail  # type: ignore[method-assign,assignment]
        engines.append(engine)
        return engine

    backend = ThreadedBackend(factory, player.command, available("stub", "fake"))
    done = threading.Event()
    backend.speak("Алло", "ru", on_done=done.set)
    assert done.wait(10)
    assert len(player.played()) == 1
    assert len(engines) == 2 and engines[0].closed
    assert backend.availability().ok
    backend.close()
