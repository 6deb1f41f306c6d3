"""Escape sequences in scenario text never reach the terminal: every command shows them as text.

``tests/fixtures/hostile/hostile.yaml`` puts a window title, a screen clear, a clipboard write
(OSC 52) and a hidden link (OSC 8) in its title, lines, names and farewell.
"""

from __future__ import annotations

import json
import subprocess
import unicodedata
from pathlib import Path

import pytest

from tests.support.paths import FIXTURES
from tests.support.processes import RunTutor
from tutor.safe_text import for_terminal, json_for_terminal

HOSTILE_DIR = FIXTURES / "hostile"
HOSTILE = HOSTILE_DIR / "hostile.yaml"
# What a terminal would obey: ESC, BEL and the one-byte CSI.
RAW_CONTROLS = ("\x1b", "\x07", "\x9b")


def assert_inert(result: subprocess.CompletedProcess[str]) -> None:
    for stream in (result.stdout, result.stderr):
        for control in RAW_CONTROLS:
            assert control not in stream, f"{control!r} reached the terminal:\n{stream!r}"


def test_for_terminal_shows_every_control_character_but_newline_and_tab() -> None:
    assert for_terminal("a\x1b]0;t\x07b\x9bc\x7f\r") == "a\\x1b]0;t\\x07b\\x9bc\\x7f\\x0d"
    assert for_terminal("line one\n\tline two") == "line one\n\tline two"


def test_no_control_character_survives_for_terminal() -> None:
    every = "".join(chr(c) for c in range(0x3000))
    left = {c for c in for_terminal(every) if unicodedata.category(c) == "Cc"}
    assert left == {"\n", "\t"}


def test_json_for_terminal_escapes_what_json_dumps_leaves_raw() -> None:
    text = json.dumps({"t": "a\x1b\x9bz"}, ensure_ascii=False)
    safe = json_for_terminal(text)
    assert "\x9b" not in safe and "\x1b" not in safe
    assert json.loads(safe) == {"t": "a\x1b\x9bz"}


def test_list_shows_the_escapes_of_a_title_as_text(run_tutor: RunTutor) -> None:
    result = run_tutor("--scenarios", HOSTILE_DIR, "list")
    assert result.returncode == 0
    assert_inert(result)
    assert "Hostile\\x1b]0;pwned\\x07\\x1b[2J call" in result.stdout


def test_list_json_escapes_c1_controls(run_tutor: RunTutor, tmp_path: Path) -> None:
    folder = tmp_path / "calls"
    folder.mkdir()
    text = HOSTILE.read_text("utf-8").replace('title: "Hostile', 'title: "C1 \\x9b2J Hostile')
    (folder / "c1.yaml").write_text(text, "utf-8")
    result = run_tutor("--scenarios", folder, "list", "--json")
    assert_inert(result)
    titles = [c["title"] for c in json.loads(result.stdout)]
    assert any(t.startswith("C1 \x9b2J Hostile") for t in titles)


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_run_shows_the_escapes_of_lines_and_names_as_text(
    run_tutor: RunTutor, tmp_path: Path, json_flag: list[str]
) -> None:
    script = tmp_path / "script.txt"
    script.write_text("choose 1\nsay Thanks, bye!\n", "utf-8")
    result = run_tutor("run", HOSTILE, "--script", script, *json_flag)
    assert result.returncode == 0, result.stderr
    assert_inert(result)
    if json_flag:
        assert json.loads(result.stdout)["title"].startswith("Hostile\x1b]0;pwned\x07")
    else:
        assert "Hi\\x1b]0;pwned\\x07 Sam" in result.stdout
        assert "Bye\\x1b]52;c;cHduZWQ=\\x07, take care!" in result.stdout


def test_play_plain_shows_the_escapes_as_text(run_tutor: RunTutor) -> None:
    result = run_tutor("play", HOSTILE, "--plain", input="1\nThanks, bye!\n\n\n")
    assert_inert(result)
    assert "Hostile\\x1b]0;pwned\\x07\\x1b[2J call" in result.stdout
    assert "Say goodbye \\x1b[31min red" in result.stdout


def test_check_shows_the_escapes_of_a_line_as_text(run_tutor: RunTutor) -> None:
    result = run_tutor("check", "Thanks\x1b]0;pwned\x07, bye")
    assert result.returncode == 0
    assert_inert(result)
    assert "Thanks\\x1b]0;pwned\\x07, bye" in result.stdout


def test_validate_shows_the_escapes_of_a_file_name_as_text(
    run_tutor: RunTutor, tmp_path: Path
) -> None:
    bad = tmp_path / "call\x1b]0;pwned\x07.yaml"
    bad.write_text("id: x\n", "utf-8")
    result = run_tutor("validate", bad)
    assert result.returncode == 1
    assert_inert(result)
    assert "call\\x1b]0;pwned\\x07.yaml" in result.stdout


def test_an_unknown_id_is_echoed_with_its_escapes_as_text(run_tutor: RunTutor) -> None:
    result = run_tutor("run", "no-such\x1b[2J", "--path", "best")
    assert result.returncode == 1
    assert_inert(result)
