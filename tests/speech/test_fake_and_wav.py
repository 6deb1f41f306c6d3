"""FakeBackend for UI tests, and the WAV completeness check behind problem (b)."""

from __future__ import annotations

import threading
import wave
from pathlib import Path

import pytest

from tutor.speech import FakeBackend, SpeechBackend, VoiceHints
from tutor.speech.wav import read_wav_info, wait_until_complete, wav_is_complete


def test_fake_records_calls_and_never_blocks() -> None:
    fake = FakeBackend(delay=0.5)
    backend: SpeechBackend = fake  # it satisfies the protocol
    caller = threading.get_ident()
    seen: list[int] = []
    done = threading.Event()

    def on_done() -> None:
        seen.append(threading.get_ident())
        done.set()

    backend.speak("Алло", "ru", "rushed", VoiceHints(gender="female"), on_done=on_done)
    assert backend.speaking and not done.is_set()  # back before the line's half second is up
    assert done.wait(5)
    assert seen and seen[0] != caller  # on_done comes from another thread, like the real one
    assert not backend.speaking
    assert fake.calls[0].pace == "rushed" and fake.calls[0].hints.gender == "female"
    assert fake.spoken_texts == ["Алло"]


def test_fake_speaking_is_controllable_and_stop_fires_on_done() -> None:
    fake = FakeBackend(delay=60)
    fake.speaking = True
    assert fake.speaking
    fake.speaking = None  # back to "pending lines"
    done = threading.Event()
    fake.speak("x", "en", on_done=done.set)
    assert fake.speaking
    fake.stop()
    assert done.wait(2)
    assert not fake.speaking and fake.stop_count == 1
    fake.close()
    assert fake.closed


def _write_wav(path: Path, frames: int) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(22050)
        w.writeframes(b"\x00\x40" * frames)


def test_complete_wav_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "a.wav"
    _write_wav(path, 2205)
    assert wav_is_complete(path)
    wait_until_complete(path, timeout=1)
    info = read_wav_info(path)
    assert info.duration == pytest.approx(0.1)
    assert info.rms == pytest.approx(0.5)


def test_truncated_or_missing_wav_is_not_complete(tmp_path: Path) -> None:
    path = tmp_path / "a.wav"
    _write_wav(path, 2205)
    data = path.read_bytes()
    path.write_bytes(data[:-100])  # the header promises more than is there
    assert not wav_is_complete(path)
    path.write_bytes(data[:20])
    assert not wav_is_complete(path)
    assert not wav_is_complete(tmp_path / "missing.wav")
    with pytest.raises(TimeoutError):
        wait_until_complete(path, timeout=0.1)


def test_wait_until_complete_waits_for_a_late_writer(tmp_path: Path) -> None:
    path = tmp_path / "late.wav"
    threading.Timer(0.2, _write_wav, args=(path, 4410)).start()
    assert not path.exists()  # nothing to find yet: the wait has to wait for the writer
    wait_until_complete(path, timeout=5)
    # Back with the whole file, not a part of it (no wall-clock figure: a busy machine breaks it).
    assert read_wav_info(path).frames == 4410
