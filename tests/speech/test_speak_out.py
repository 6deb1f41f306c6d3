"""``tutor speak --out``: a destination that cannot be written fails at once, cleanly.

A stub engine stands in for espeak-ng, so these run on any machine and show whether the engine
was asked at all: an unwritable folder must be found before the (slow) synthesis.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.speech import StubEngine
from tutor.speech import backend
from tutor.speech.commands import speak_command
from tutor.speech.probe import EngineChoice
from tutor.speech.wav import wav_is_complete


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> StubEngine:
    stub = StubEngine()
    monkeypatch.setattr(backend, "choose_engine", lambda: EngineChoice("stub", lambda: stub))
    return stub


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("tutor: ")
    return err


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Path:
    if os.geteuid() == 0:
        # root writes through permission bits; sysfs refuses new files even to root.
        return Path("/sys")
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    return folder


def test_a_read_only_folder_is_refused_before_synthesis(
    engine: StubEngine, read_only_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = read_only_folder / "line.wav"
    assert speak_command("Goodbye!", "en", "calm", out) == 1
    err = one_error_line(capsys)
    assert f"cannot write {out}" in err and "espeak" not in err
    assert engine.calls == []
    assert not out.exists()


def test_a_full_device_fails_with_a_clear_message(
    engine: StubEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert speak_command("Goodbye!", "en", "calm", Path("/dev/full")) == 1
    err = one_error_line(capsys)
    assert "cannot write /dev/full" in err and "espeak" not in err


def test_a_failed_write_leaves_no_partial_file(
    engine: StubEngine, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch
) -> None:
    # The disk fills up while the WAV is copied into place.
    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    out = tmp_path / "line.wav"
    assert speak_command("Goodbye!", "en", "calm", out) == 1
    assert "No space left on device" in one_error_line(capsys)
    assert list(tmp_path.iterdir()) == []


def test_a_good_destination_gets_a_complete_wav(
    engine: StubEngine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "new" / "line.wav"
    assert speak_command("Goodbye!", "en", "calm", out) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert wav_is_complete(out)
    assert list(out.parent.iterdir()) == [out]
