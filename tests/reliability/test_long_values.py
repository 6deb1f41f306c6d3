"""A message names a long value by its start and its length, never by all of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.paths import MINIMAL
from tests.support.processes import RunTutor
from tutor.safe_text import clip
from tutor.scenario.loader import check_file

LONG = "x" * 5000


def test_clip_keeps_short_text_and_counts_long_text() -> None:
    assert clip("Tuesday") == "Tuesday"
    assert clip(LONG) == "x" * 80 + "… (5,000 characters)"


@pytest.mark.parametrize(("old", "new"), [
    ("lang: en", f"lang: {LONG}"),
    ("next: wrap", f"next: {LONG}"),
    ("  role: Caller", f"  {LONG[:1000]}: Caller"),  # YAML's own limit for a key: 1,024
], ids=["lang", "next", "key"])
def test_a_problem_shows_only_the_start_of_a_long_value(tmp_path: Path, old: str,
                                                         new: str) -> None:
    path = tmp_path / "long.yaml"
    path.write_text(MINIMAL.read_text("utf-8").replace(old, new, 1), "utf-8")
    _, problems = check_file(path)
    assert problems
    for problem in problems:
        assert len(problem.format()) < 600, problem.format()[:300]
    assert any(" characters)" in p.message for p in problems)


@pytest.mark.parametrize("line", [f"say{LONG}", "choose " + "9" * 5000,
                                  "wait " + "9" * 5000], ids=["say", "choose", "wait"])
def test_a_script_error_shows_only_the_start_of_a_long_line(run_tutor: RunTutor,
                                                            line: str) -> None:
    result = run_tutor("run", "delivery-en", "--script", "-", "--no-record", input=line + "\n")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert line[-200:] not in result.stderr
    assert "(5,00" in result.stderr


def test_an_unknown_long_id_is_named_by_its_start(run_tutor: RunTutor) -> None:
    result = run_tutor("run", "a" * 5000, "--path", "best")
    assert result.returncode == 1
    assert "a" * 200 not in result.stderr
    assert "(5,000 characters)" in result.stderr


def test_plain_mode_names_a_long_unknown_command_by_its_start(run_tutor: RunTutor,
                                                              tmp_path: Path) -> None:
    result = run_tutor("play", "delivery-en", "--plain", input="/" + "x" * 5000 + "\n/quit\n",
                       env={"TUTOR_CONFIG_DIR": str(tmp_path)})
    assert result.returncode == 1
    assert "x" * 200 not in result.stdout
    assert "(5,001 characters)" in result.stdout
