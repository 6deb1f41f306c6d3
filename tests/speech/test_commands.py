"""The `tutor voices` and `tutor speak` functions with a real engine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.speech import needs_espeak
from tutor.speech.commands import speak_command, voices_command
from tutor.speech.wav import wav_is_complete

pytestmark = needs_espeak


def test_voices_lists_russian(capsys: pytest.CaptureFixture[str]) -> None:
    assert voices_command("ru") == 0
    out, err = capsys.readouterr()
    assert err == ""
    rows = [line.split("\t") for line in out.splitlines()]
    assert ["zle/ru", "Russian", "ru"] in rows


def test_voices_unknown_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert voices_command("xx") == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1


def test_speak_writes_a_wav_and_prints_its_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_path = tmp_path / "preview.wav"
    assert speak_command("До свидания!", "ru", "rushed", out_path) == 0
    out, err = capsys.readouterr()
    assert (out.strip(), err) == (str(out_path), "")
    assert wav_is_complete(out_path)


@pytest.mark.parametrize(
    ("text", "lang", "pace"), [("", "ru", "calm"), ("hi", "de", "calm"), ("hi", "en", "fast")]
)
def test_speak_bad_input_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, lang: str, pace: str
) -> None:
    assert speak_command(text, lang, pace, tmp_path / "x.wav") == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("tutor: ") and err.count("\n") == 1


def test_speak_to_a_folder_says_to_name_a_file(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "tutor", "speak", "hello", "--lang", "en",
                             "--out", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert f"--out {tmp_path} is a folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_voices_without_a_language_lists_only_the_tutors_languages(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert voices_command(None) == 0
    langs = {line.split("\t")[2] for line in capsys.readouterr().out.splitlines()}
    assert langs and all(lang.split("-")[0] in ("ru", "en") for lang in langs)


def test_voices_all_lists_every_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert voices_command(None, every=True) == 0
    langs = {line.split("\t")[2].split("-")[0] for line in capsys.readouterr().out.splitlines()}
    assert {"ru", "en"} < langs
