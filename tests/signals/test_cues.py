"""A trainer's cue file with a mistake is reported by file, line and column, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tutor.signals import Analyzer, CueFileError


def _trainer(tmp_path: Path, text: str) -> Path:
    (tmp_path / "signals").mkdir()
    (tmp_path / "signals" / "en.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_a_bad_pattern_is_named_with_its_line_and_column(tmp_path: Path) -> None:
    folder = _trainer(tmp_path, "signals:\n  warmth:\n    match: ['\\bhugs\\b', '(unclosed']\n")
    with pytest.raises(CueFileError) as caught:
        Analyzer(extra_dirs=[folder])
    assert str(caught.value).startswith(f"{folder / 'signals' / 'en.yaml'}:3:25: bad pattern")


def test_a_bad_pattern_inside_a_pair_is_found_too(tmp_path: Path) -> None:
    folder = _trainer(
        tmp_path, "signals:\n  next_steps:\n    pairs:\n      - {first: when, second: ['x)']}\n")
    with pytest.raises(CueFileError, match=r"en\.yaml:4:\d+: bad pattern 'x\)'"):
        Analyzer(extra_dirs=[folder])


def test_broken_yaml_is_named_with_its_line_and_column(tmp_path: Path) -> None:
    folder = _trainer(tmp_path, "signals:\n  warmth:\n    match: [a\n")
    with pytest.raises(CueFileError, match=r"en\.yaml:4:1: not valid YAML"):
        Analyzer(extra_dirs=[folder])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("signals:\n  warmth: hugs\n", "'signals.warmth' must be a mapping"),
        ("sets: [a, b]\n", "'sets' must be a mapping"),
        ("signals:\n  hugs:\n    match: [a]\n", "unknown signal 'hugs'; use one of thanks"),
        ("signals:\n  next_steps:\n    pairs: [{first: when}]\n", "mappings with first, second"),
        ("signals:\n  rushed:\n    stacks: [filler]\n", "mappings with fillers"),
        ("signals:\n  next_steps:\n    pairs: [{first: nope, second: when}]\n",
         "names the set 'nope', which no en.yaml file defines"),
    ],
)
def test_a_misshapen_file_says_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(CueFileError, match=message):
        Analyzer(extra_dirs=[_trainer(tmp_path, text)])


def test_the_cli_reports_a_bad_cue_file_in_one_line(tmp_path: Path) -> None:
    folder = _trainer(tmp_path, "signals:\n  warmth:\n    match: ['(unclosed']\n")
    out = subprocess.run(
        [sys.executable, "-m", "tutor", "--scenarios", str(folder), "check", "Thanks!"],
        capture_output=True, text=True,
    )
    assert out.returncode == 1
    assert out.stderr.startswith(f"tutor: {folder / 'signals' / 'en.yaml'}:3:13: bad pattern")
    assert "Traceback" not in out.stderr
