"""Every number, size and nesting limit of a scenario file is a located problem, never a crash.

Each case is the minimal call with one value pushed past a limit of Python itself (the digit
limit of ``int()``, the repeat limit of the regex parser, the recursion limit), written as a
trainer could. ``validate``, ``list`` and ``run`` must name the file, line and column.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.paths import MINIMAL
from tests.support.processes import RunTutor
from tutor.scenario.loader import check_file

FACTS = "rubric:\n  facts:\n    - {id: day, label: the day, pattern: '%s'}\n"

#: name -> (text appended to the minimal call, the line the problem must be on)
CASES = {
    "a 5,000-digit number": ("rubric:\n  pass_mark: " + "9" * 5000 + "\n", 28),
    "a 5,000-digit version": ("format: " + "1" * 5000 + "\n", 27),
    "a huge repeat count": (FACTS % "a{99999999999}", 29),
    "1,000 nested groups": (FACTS % ("(" * 1000 + "a" + ")" * 1000), 29),
}


def broken_call(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(MINIMAL.read_text("utf-8") + extra, "utf-8")
    return path


@pytest.mark.parametrize("case", CASES)
def test_a_value_past_a_limit_is_a_located_problem(tmp_path: Path, case: str) -> None:
    extra, line = CASES[case]
    scenario, problems = check_file(broken_call(tmp_path, extra))
    assert scenario is None
    assert [p.line for p in problems] == [line]
    assert problems[0].hint


@pytest.mark.parametrize("case", CASES)
def test_validate_reports_a_value_past_a_limit(tmp_path: Path, run_tutor: RunTutor,
                                               case: str) -> None:
    extra, line = CASES[case]
    path = broken_call(tmp_path, extra)
    result = run_tutor("validate", path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{path}:{line}:" in result.stdout + result.stderr


@pytest.mark.parametrize("command", ["list", "run"])
def test_list_and_run_survive_a_file_past_a_limit(tmp_path: Path, run_tutor: RunTutor,
                                                  command: str) -> None:
    folder = tmp_path / "calls"
    folder.mkdir()
    broken_call(folder, CASES["a 5,000-digit number"][0])
    args = ["list"] if command == "list" else ["run", "delivery-en", "--path", "best"]
    result = run_tutor(*args, env={"TUTOR_SCENARIOS": str(folder)})
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
