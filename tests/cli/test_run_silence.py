"""``tutor run`` on the simulated clock: ``wait`` in the learner's turn is silence, and heard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.paths import MINIMAL
from tests.support.processes import RunTutor
from tutor.locale import text


@pytest.fixture
def answered(tmp_path: Path) -> Path:
    """The minimal call as one the learner answers: their turn starts at 0:00."""
    greeting = "    other:\n      - text: Hello, Sam here.\n"
    source = MINIMAL.read_text("utf-8").replace(greeting, "", 1)
    path = tmp_path / "answered.yaml"
    path.write_text(source, "utf-8")
    return path


def run(run_tutor: RunTutor, call: Path, script: str) -> dict[str, object]:
    (call.parent / "script.txt").write_text(script, "utf-8")
    result = run_tutor("run", call, "--script", call.parent / "script.txt", "--json",
                       "--no-record")
    assert result.returncode == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


def said(data: dict[str, object]) -> list[str]:
    transcript = data["transcript"]
    assert isinstance(transcript, list)
    return [t["text"] for t in transcript]


def test_nine_seconds_of_silence_hear_the_prompt(run_tutor: RunTutor, answered: Path) -> None:
    data = run(run_tutor, answered, "wait 9\nchoose 1\nchoose 1\nwait 10\n")
    assert said(data)[:2] == [text("en", "call.silence.prompt"),
                              "Hi Sam, I'll see you on Friday at 10:00."]
    assert data["hung_up_on_silence"] is False


def test_twenty_more_and_they_hang_up(run_tutor: RunTutor, answered: Path) -> None:
    data = run(run_tutor, answered, "wait 9\nwait 20\n")
    assert said(data) == [text("en", "call.silence.prompt"), text("en", "call.silence.hang_up")]
    assert data["hung_up_first"] == "other" and data["hung_up_on_silence"] is True
    evaluation = data["evaluation"]
    assert isinstance(evaluation, dict)
    assert evaluation["notes"] == [text("en", "feedback.dead_air.hang_up", name="Sam")]


def test_the_transcript_says_who_hung_up_and_why(run_tutor: RunTutor, answered: Path) -> None:
    (answered.parent / "script.txt").write_text("wait 9\nwait 20\n", "utf-8")
    result = run_tutor("run", answered, "--script", answered.parent / "script.txt",
                       "--no-record")
    assert text("en", "report.ending.silence", name="Sam") in result.stdout


@pytest.mark.parametrize("value", ["0", "soon", "inf"])
def test_a_patience_that_is_not_seconds_or_off_is_refused(run_tutor: RunTutor,
                                                          value: str) -> None:
    result = run_tutor("--patience", value, "list")
    assert result.returncode == 2
    assert "neither a number of seconds from 1 up nor 'off'" in result.stderr


def test_patience_off_is_accepted(run_tutor: RunTutor) -> None:
    assert run_tutor("--patience", "off", "list").returncode == 0
