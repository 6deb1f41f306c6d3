"""``tutor check``: the language, signals and tip the analyzer finds in each line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.processes import RunTutor

LINES = ["Thank you, goodbye!", "Спасибо, до свидания", "[b]", ""]


def test_check_prints_each_line_with_its_language_signals_and_a_tip(run_tutor: RunTutor) -> None:
    result = run_tutor("check", *LINES)
    assert result.returncode == 0
    out = result.stdout.splitlines()
    assert out[0:2] == ["Thank you, goodbye!", '  [en] thanks: "Thank you"  goodbye: "goodbye"']
    assert out[3:5] == ["Спасибо, до свидания",
                        '  [ru] благодарность: "Спасибо"  прощание: "до свидания"']
    assert out[6:8] == ["[b]", "  [en] -"]
    assert out[9:11] == ["", "  [en] -"]
    assert [line.split(":")[0] for line in out[2::3]] == ["  tip", "  совет", "  tip", "  tip"]
    assert len(out) == 12


def test_check_json_prints_one_object_per_line_in_order(run_tutor: RunTutor) -> None:
    result = run_tutor("check", "--json", *LINES)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in records] == LINES
    assert [r["lang"] for r in records] == ["en", "ru", "en", "en"]
    assert [r["signals"] for r in records] == [["thanks", "goodbye"], ["thanks", "goodbye"], [], []]
    assert records[1]["spans"][0] == {"signal": "thanks", "start": 0, "end": 7, "text": "Спасибо"}
    assert all(r["tip"] for r in records)


def test_check_reads_lines_from_stdin(run_tutor: RunTutor) -> None:
    result = run_tutor("check", "--json", "-", input="\n".join(LINES) + "\n")
    assert [json.loads(x)["text"] for x in result.stdout.splitlines()] == LINES


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_check_lang_forces_the_language(run_tutor: RunTutor, lang: str) -> None:
    result = run_tutor("check", "--json", "--lang", lang, "ok")
    assert json.loads(result.stdout)["lang"] == lang


def test_a_trainers_folder_can_add_phrases_to_the_analyzer(
    run_tutor: RunTutor, tmp_path: Path
) -> None:
    (tmp_path / "signals").mkdir()
    (tmp_path / "signals" / "en.yaml").write_text(
        "signals:\n  thanks:\n    match: ['\\bta muchly\\b']\n", "utf-8")
    assert json.loads(run_tutor("check", "--json", "ta muchly").stdout)["signals"] == []
    result = run_tutor("--scenarios", tmp_path, "check", "--json", "ta muchly")
    assert json.loads(result.stdout)["signals"] == ["thanks"]


def test_check_reads_stray_bytes_without_a_traceback(run_tutor: RunTutor) -> None:
    result = subprocess.run([sys.executable, "-m", "tutor", "check", "-"], input=b"\xff bye\n",
                            capture_output=True, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert result.returncode == 0
    assert "goodbye" in result.stdout.decode("utf-8")
