"""The simulated clock stays finite: ``wait`` is bounded in scripts and in the engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.paths import MINIMAL
from tests.support.processes import RunTutor
from tutor.dialogue import MAX_WAIT, ActionError, Call
from tutor.play.script import ScriptError, parse_script
from tutor.scenario import sources
from tutor.signals import Analyzer

OVERFLOW = "wait 1e308\nwait 1e308\nwait 1e308\nchoose 1\n"


@pytest.mark.parametrize("value", ["1e308", "inf", "nan", "-1", f"{MAX_WAIT + 1}"])
def test_a_script_wait_out_of_range_names_its_line_and_the_limit(value: str) -> None:
    with pytest.raises(ScriptError) as caught:
        parse_script(f"choose 1\nwait {value}\n", "calls.txt")
    message = str(caught.value)
    assert message.startswith("calls.txt:2: ")
    assert f"{MAX_WAIT:g}" in message


def test_the_longest_wait_is_accepted() -> None:
    assert parse_script(f"wait {MAX_WAIT}\n")[0].seconds == MAX_WAIT


def test_the_engine_refuses_a_wait_over_the_limit() -> None:
    call = Call(sources.find("minimal-call", [MINIMAL.parent]), Analyzer([]))
    with pytest.raises(ActionError, match="at most"):
        call.wait(MAX_WAIT * 2)
    assert call.now == 0


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_run_with_huge_waits_fails_cleanly(run_tutor: RunTutor, tmp_path: Path,
                                           json_flag: list[str]) -> None:
    script = tmp_path / "script.txt"
    script.write_text(OVERFLOW, "utf-8")
    result = run_tutor("run", MINIMAL, "--script", script, *json_flag)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "script.txt:1: " in result.stderr
    assert "Infinity" not in result.stdout and "NaN" not in result.stdout
