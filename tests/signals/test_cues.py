"""A trainer's cue file with a mistake is reported by file, line and column, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.processes import RunTutor
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
    with pytest.raises(CueFileError, match=r"en\.yaml:4:1: YAML syntax error"):
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


def _laughs() -> bytes:
    """About 500 bytes of YAML aliases that a naive loader expands to 10^9 strings."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    return ("\n".join(lines) + "\nsets:\n  big: *a8\n").encode()


#: Hostile or mistaken cue files, and the place and words of the one-line message each gets.
PAIR = b"signals:\n  next_steps:\n    pairs: [{first: [a], second: [b], within: %s}]\n"
HOSTILE: dict[str, tuple[bytes, str]] = {
    "bad regex": (b"signals:\n  warmth:\n    match: ['(unclosed']\n", "3:13: bad pattern"),
    "look-around": (b"signals:\n  warmth:\n    match: ['hugs(?=!)']\n", "3:13: bad pattern"),
    "signals a list": (b"signals: [1,2]\n", "1:10: 'signals' must be a mapping"),
    "no second": (b"signals:\n  next_steps:\n    pairs: [{first: [a]}]\n",
                  "3:13: expected a list of mappings with first, second; this one has no second"),
    "within abc": (PAIR % b"abc", "3:47: 'within' must be a whole number from 0 to"),
    "within inf": (PAIR % b".inf", "3:47: 'within' must be a whole number"),
    "min_run": (b"signals:\n  rushed:\n    stacks: [{fillers: [a], min_run: -1}]\n",
                "3:38: 'min_run' must be a whole number from 1"),
    "not UTF-8": (b"signals:\n  warmth:\n    match: ['\xff\xfe']\n",
                  "3:14: the file is not valid UTF-8"),
    "syntax": (b"signals:\n  warmth:\n    match: [a\n", "4:1: YAML syntax error"),
    "huge": (b"sets:\n  big:\n" + b"    - abc\n" * 120_000, "1:1: the file is larger than"),
    "deep": (b"sets: " + b"[" * 100 + b"]" * 100 + b"\n", "1:46: nesting is deeper than 40 levels"),
    "aliases": (_laughs(), "1:5: anchors and aliases (&name, *name) are not supported"),
    "a tag": (b"sets:\n  x: !!python/name:os.system []\n", "2:6: YAML tags like"),
    "list as a key": (b"sets:\n  ? [a]\n  : [b]\n",
                      "2:5: cannot read this value: found unhashable"),
    "5000 digits": (b"sets:\n  x: [" + b"9" * 5000 + b"]\n",
                    "2:7: a number 5000 characters long"),
    "unknown set": (b"signals:\n  next_steps:\n    pairs: [{first: nope, second: [b]}]\n",
                    "3:21: a pair or stack names the set 'nope', which no en.yaml file defines"),
}


def _hostile(tmp_path: Path, name: str) -> tuple[Path, str]:
    data, message = HOSTILE[name]
    (tmp_path / "signals").mkdir()
    (tmp_path / "signals" / "en.yaml").write_bytes(data)
    return tmp_path, f"{tmp_path / 'signals' / 'en.yaml'}:{message}"


def test_the_aliases_file_is_about_half_a_kilobyte() -> None:
    assert 400 < len(_laughs()) < 600


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_cue_file_is_refused_at_its_place(tmp_path: Path, name: str) -> None:
    folder, message = _hostile(tmp_path, name)
    with pytest.raises(CueFileError) as caught:
        Analyzer(extra_dirs=[folder])
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_check_says_what_is_wrong_in_one_line(tmp_path: Path, name: str,
                                             run_tutor: RunTutor) -> None:
    folder, message = _hostile(tmp_path, name)
    result = run_tutor("--scenarios", folder, "check", "Thanks, bye!", timeout=30)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith(f"tutor: {message}")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("name", ["within abc", "aliases", "not UTF-8"])
@pytest.mark.parametrize("command", [("run", "delivery-en", "--path", "best"),
                                     ("play", "--plain", "delivery-en")])
def test_run_and_plain_play_say_it_too(tmp_path: Path, name: str, command: tuple[str, ...],
                                       run_tutor: RunTutor) -> None:
    folder, message = _hostile(tmp_path, name)
    result = run_tutor("--scenarios", folder, *command, input="", timeout=30)
    assert result.returncode == 1
    assert result.stderr.startswith(f"tutor: {message}")
    assert "Traceback" not in result.stderr


def test_a_backtracking_cue_does_not_hang_check(tmp_path: Path, run_tutor: RunTutor) -> None:
    folder = _trainer(tmp_path, "signals:\n  warmth:\n    match: ['(a+)+$']\n")
    result = run_tutor("--scenarios", folder, "check", "--json", "a" * 40 + "!", timeout=30)
    assert result.returncode == 0, result.stderr
    assert '"signals": []' in result.stdout


def _russian(tmp_path: Path, text: str) -> Analyzer:
    (tmp_path / "signals").mkdir()
    (tmp_path / "signals" / "ru.yaml").write_text(text, encoding="utf-8")
    return Analyzer(extra_dirs=[tmp_path])


def test_a_trainers_cue_keeps_its_word_edges_in_cyrillic(tmp_path: Path) -> None:
    # A trainer's cues run on RE2, whose own \b knows only Latin letters.
    analyzer = _russian(tmp_path, "signals:\n  warmth:\n    match: ['\\bзюзя\\b']\n")
    found = analyzer.analyze("Ну, зюзя!")
    assert [span.text for span in found.spans if span.signal == "warmth"] == ["зюзя"]
    assert not analyzer.analyze("с зюзями").has("warmth")


def test_a_trainers_filler_lengthens_the_bundled_run_of_tiny_words(tmp_path: Path) -> None:
    line = "ага, чётко, пока"
    rushed = [s.text for s in Analyzer().analyze(line).spans if s.signal == "rushed"]
    assert rushed == ["ага"]
    analyzer = _russian(tmp_path, "sets:\n  filler: ['четко']\n")
    assert [s.text for s in analyzer.analyze(line).spans if s.signal == "rushed"] == [line]
