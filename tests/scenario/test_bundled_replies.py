"""The bundled calls answer what was said: every call has a typed route with its own reply."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.paths import REPO
from tests.support.processes import RunTutor
from tutor.scenario.loader import check_file
from tutor.scenario.sources import expand

BUNDLED = expand([REPO / "scenarios"])


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_bundled_call_has_a_typed_route_with_its_own_reply(path: Path) -> None:
    scenario, problems = check_file(path)
    assert scenario is not None, [p.format() for p in problems]
    replies = [route for step in scenario.steps.values() if step.typed is not None
               for route in step.typed.routes if route.reply]
    assert replies, f"{scenario.id}: no typed route carries a reply"


def test_pointing_at_the_email_gets_a_puzzled_answer_not_a_relieved_one(
    run_tutor: RunTutor, tmp_path: Path,
) -> None:
    # The issue's own example: "dunno, check the email" to Kate's question about the salary.
    script = tmp_path / "script.txt"
    script.write_text("choose 1\nchoose 1\nchoose 2\nchoose 2\nsay dunno, check the email\n"
                      "choose 1\n", "utf-8")
    result = run_tutor("run", "recruiter-last-question-en", "--script", script, "--no-record")
    assert result.returncode == 0, result.stderr
    assert "I only wanted to know whether the trip is worth making" in result.stdout
    assert "it's all clear now" not in result.stdout


def test_a_warm_goodbye_hears_a_warm_word_before_the_farewell(
    run_tutor: RunTutor, tmp_path: Path,
) -> None:
    script = tmp_path / "script.txt"
    script.write_text("choose 1\nchoose 2\nchoose 1\nchoose 1\n"
                      "say Is there anything else you'd like to know before Tuesday?\n"
                      "say Thank you so much, Maria, it was a real pleasure. Goodbye!\n", "utf-8")
    result = run_tutor("run", "recruiter-call-en", "--script", script, "--no-record")
    assert result.returncode == 0, result.stderr
    warm = result.stdout.index("that's really kind of you")
    assert warm < result.stdout.index("Goodbye, Alex, see you on Tuesday!")
