"""Russian calls are shown in Russian from start to end: no English marks, names or errors."""

from __future__ import annotations

import re

from tests.support.paths import REPO
from tests.support.processes import RunTutor

CALL = REPO / "scenarios" / "ru" / "recruiter-call.yaml"
LATIN_WORD = re.compile(r"\b[A-Za-z]{2,}\b")


def test_a_headless_transcript_marks_rushed_lines_and_the_learner_in_russian(
        run_tutor: RunTutor) -> None:
    out = run_tutor("run", CALL, "--path", "rushed").stdout
    assert re.search(r"^ +0:01\.3  Вы +Здравствуйте", out, re.MULTILINE)
    assert "до свидания! (скороговоркой)\n" in out
    assert "(rushed)" not in out and "You" not in out


def test_listen_marks_rushed_lines_and_the_learner_in_russian(run_tutor: RunTutor) -> None:
    out = run_tutor("listen", CALL).stdout
    assert "  Вы: Супер, спасибо" in out
    assert "(скороговоркой)" in out
    assert "(rushed)" not in out and "You" not in out


def test_plain_play_explains_a_wrong_action_in_russian(run_tutor: RunTutor) -> None:
    out = run_tutor("play", CALL, "--plain", input="9\n/quit\n").stdout
    error = next(line for line in out.splitlines() if line.startswith("> !"))
    assert error == "> ! Реплики 9 здесь нет: выберите одну из пронумерованных."
    assert not LATIN_WORD.search(error)
