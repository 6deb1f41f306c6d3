"""Plain play hears silence too: the real time an answer took passes in the call before it."""

from __future__ import annotations

import io
from collections.abc import Iterator

from tests.support.detectors import MarkerDetector
from tests.support.paths import FIXTURES
from tutor.locale import text
from tutor.plain import play_plain
from tutor.scenario.loader import check_file
from tutor.scenario.model import Scenario
from tutor.session import Attempt


def scenario() -> Scenario:
    loaded, problems = check_file(FIXTURES / "silent-call.yaml")
    assert loaded is not None, [p.format() for p in problems]
    return loaded


def answering_after(*seconds: float) -> Iterator[float]:
    """A clock read twice per answer (asked, answered): each answer takes ``seconds[i]``."""
    now = 0.0
    for taken in seconds:
        yield now
        now += taken
        yield now
    while True:
        yield now


def play(lines: str, *seconds: float) -> tuple[str, list[Attempt]]:
    out = io.StringIO()
    kept: list[Attempt] = []
    ticks = answering_after(*seconds)
    play_plain(scenario(), MarkerDetector(), io.StringIO(lines), out, keep=kept.append,
               clock=lambda: next(ticks))
    return out.getvalue(), kept


def test_a_quick_answer_hears_no_prompt() -> None:
    shown, kept = play("1\n\n\n\n", 2)
    assert text("en", "call.silence.prompt") not in shown
    assert kept and not kept[0].hung_up_on_silence


def test_a_slow_answer_hears_the_prompt_before_it_is_said() -> None:
    shown, kept = play("1\n\n\n\n", 10)
    prompt = shown.index(f"Sam: {text('en', 'call.silence.prompt')}")
    assert prompt < shown.index("Sam: Goodbye!")
    assert kept and kept[0].hung_up_first == "other" and not kept[0].hung_up_on_silence


def test_an_answer_after_two_waits_is_too_late_they_have_hung_up() -> None:
    shown, kept = play("1\n", 20)
    assert f"Sam: {text('en', 'call.silence.hang_up')}" in shown
    assert text("en", "report.ending.silence", name="Sam") in shown
    assert text("en", "feedback.dead_air.hang_up", name="Sam") in shown
    assert "Goodbye!" not in shown
    [attempt] = kept
    assert attempt.hung_up_on_silence and attempt.hung_up_first == "other"
