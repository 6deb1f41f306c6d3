"""When speech cannot work: a clear reason in two languages, a silent backend, no traceback."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from tests.support.speech import RecordingPlayer, needs_espeak
from tutor.speech import (
    AvailabilityCode,
    SilentBackend,
    SpeechUnavailable,
    ThreadedBackend,
    Voice,
    create_backend,
    list_voices,
    probe,
    synthesize_to_file,
)
from tutor.speech.commands import speak_command, voices_command
from tutor.speech.probe import EngineChoice


@pytest.fixture
def no_pyttsx3(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyttsx3", None)  # import pyttsx3 -> ImportError


@pytest.fixture
def no_espeak_program(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def _assert_silent(code: str) -> None:
    backend = create_backend()
    assert isinstance(backend, SilentBackend)
    reason = backend.availability()
    assert (reason.ok, reason.code) == (False, code)
    assert reason.message("en") and reason.message("ru")
    done = threading.Event()
    backend.speak("Алло", "ru", on_done=done.set)  # accepted, silent, still reports done
    assert done.wait(2)
    assert not backend.speaking
    backend.stop()
    backend.close()


def test_no_pyttsx3_and_no_espeak_program(no_pyttsx3: None, no_espeak_program: None) -> None:
    _assert_silent("no_pyttsx3")
    reason = create_backend().availability()
    assert "pip install 'tutor[speech]'" in reason.message("en")
    assert "pip install 'tutor[speech]'" in reason.message("ru")
    assert list_voices("ru") == []


def test_pyttsx3_without_espeak(monkeypatch: pytest.MonkeyPatch, no_espeak_program: None) -> None:
    monkeypatch.setattr(probe, "pyttsx3_installed", lambda: True)
    monkeypatch.setattr(probe, "espeak_library_present", lambda: False)
    _assert_silent("no_espeak")
    assert "sudo apt install espeak-ng" in create_backend().availability().message("en")


@needs_espeak
def test_no_pyttsx3_falls_back_to_the_espeak_program(no_pyttsx3: None, tmp_path: Path) -> None:
    choice = probe.choose_engine()
    assert isinstance(choice, probe.EngineChoice)
    assert choice.name == "espeak-ng"
    player = RecordingPlayer(tmp_path)
    backend = create_backend(player=player.command)
    assert isinstance(backend, ThreadedBackend)
    assert backend.availability().ok
    done = threading.Event()
    backend.speak("Hello", "en", on_done=done.set)
    assert done.wait(20)
    assert player.played()[0]["peak"] > 1000
    backend.close()


def test_no_player(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(probe, "choose_engine", _fake_engine_choice)
    monkeypatch.setattr("tutor.speech.backend.choose_engine", _fake_engine_choice)
    monkeypatch.delenv(probe.PLAYER_ENV, raising=False)
    monkeypatch.setattr("tutor.speech.backend.find_player", lambda: None)
    _assert_silent("no_player")
    assert "alsa-utils" in create_backend().availability().message("en")


def test_no_player_on_path(monkeypatch: pytest.MonkeyPatch, no_espeak_program: None) -> None:
    monkeypatch.delenv(probe.PLAYER_ENV, raising=False)
    assert probe.find_player() is None


def test_no_audio_device(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tutor.speech.backend.choose_engine", _fake_engine_choice)
    monkeypatch.delenv(probe.PLAYER_ENV, raising=False)
    monkeypatch.setattr("tutor.speech.backend.find_player", lambda: ["aplay", "-q"])
    monkeypatch.setattr("tutor.speech.backend.audio_output_present", lambda: False)
    _assert_silent("no_audio_device")


def test_player_from_environment_is_trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tutor.speech.backend.choose_engine", _fake_engine_choice)
    monkeypatch.setenv(probe.PLAYER_ENV, "mpv --really-quiet")
    monkeypatch.setattr("tutor.speech.backend.audio_output_present", lambda: False)
    backend = create_backend()
    assert isinstance(backend, ThreadedBackend)
    assert backend.availability().ok
    backend.close()


def test_synthesize_to_file_raises_a_clear_error(
    no_pyttsx3: None, no_espeak_program: None, tmp_path: Path
) -> None:
    with pytest.raises(SpeechUnavailable) as info:
        synthesize_to_file("Алло", "ru", "calm", tmp_path / "x.wav")
    assert info.value.reason.code == "no_pyttsx3"
    assert "pip install" in str(info.value)


def test_commands_report_one_line_and_exit_1(
    no_pyttsx3: None, no_espeak_program: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert voices_command("ru") == 1
    assert speak_command("Алло", "ru", "calm", tmp_path / "x.wav") == 1
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("tutor: ") for line in lines)
    assert "Traceback" not in err


def _fake_engine_choice() -> probe.EngineChoice:
    from tests.support.speech import StubEngine

    return probe.EngineChoice("stub", StubEngine)


class _FlakyEngine:
    """Fails its first synthesis (as espeak sometimes does under load), then works."""

    name = "flaky"
    failures = 1

    def voices(self) -> list[Voice]:
        return [Voice("en", "English", "en", None)]

    def synthesize(self, text: str, voice_id: str, rate: int, out: Path,
                   timeout: float) -> None:
        if _FlakyEngine.failures:
            _FlakyEngine.failures -= 1
            raise RuntimeError("espeak kept rate 175 instead of 450")
        out.write_bytes(b"RIFF")

    def close(self) -> None:
        pass


def test_one_failed_synthesis_is_retried_with_a_fresh_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tutor.speech.backend as backend

    monkeypatch.setattr(backend, "choose_engine", lambda: EngineChoice("flaky", _FlakyEngine))
    _FlakyEngine.failures = 1
    assert backend.synthesize_to_file("hi", "en", "calm", tmp_path / "a.wav") == tmp_path / "a.wav"


def test_synthesis_that_keeps_failing_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tutor.speech.backend as backend

    monkeypatch.setattr(backend, "choose_engine", lambda: EngineChoice("flaky", _FlakyEngine))
    _FlakyEngine.failures = 5
    with pytest.raises(SpeechUnavailable) as caught:
        backend.synthesize_to_file("hi", "en", "calm", tmp_path / "a.wav")
    assert caught.value.reason.code == AvailabilityCode.SYNTHESIS_FAILED
