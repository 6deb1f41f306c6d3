"""Typing your own line in a call: every key lands in the box, none of them ends the call."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.support.tui import FIXTURES, build_app, dentist, learner_turn, until
from tutor.dialogue import Phase
from tutor.scenario.model import Step
from tutor.scenario.sources import find
from tutor.tui.app import TutorApp
from tutor.tui.screens.call import CallScreen
from tutor.tui.screens.debrief import DebriefScreen

EN_LINE = "happy to help, have a lovely day 2day! Goodbye"
RU_LINE = "Спасибо, Игорь! Хорошего вечера, до свидания"

#: Two steps in a row that take a typed line as well as numbered ones.
TWO_TYPED = """\
format: 1
id: test-two-typed
title: Two typed turns
lang: en
summary: Two turns in a row where you may type.
learner: {role: Sam, goal: Say goodbye twice.}
other: {name: Kim, role: Client}
steps:
  - id: first
    closing: true
    other: [{text: "So that's all?"}]
    choices:
      - {text: "Yes, that's all.", next: second}
    typed: {default: second}
  - id: second
    closing: true
    other: [{text: "Anything else?"}]
    choices:
      - {text: "No, bye.", next: end}
    typed: {default: end}
farewell: {text: "Bye then!", hang_up_after: 2}
rubric: {pass_mark: 50}
"""


def keys(text: str) -> list[str]:
    """The keys a person presses to type ``text`` (Pilot names the space bar)."""
    return ["space" if ch == " " else ch for ch in text]


async def reach_help_step(pilot: Pilot[None], app: TutorApp) -> CallScreen:
    """Play the first two numbered lines; the third step takes a typed line too."""
    screen = await learner_turn(pilot, app)
    for _ in range(2):
        step = screen.call.step
        await pilot.press("1")
        def moved_on(s: Step = step) -> bool:
            return screen.call.step is not s and screen.call.phase is Phase.LEARNER_TURN

        await until(pilot, moved_on)
    assert screen.call.step.id == "help"
    return screen


@pytest.mark.parametrize(("scenario_id", "line"), [("test-en-dentist", EN_LINE),
                                                    ("test-ru-courier", RU_LINE)])
async def test_a_whole_sentence_typed_without_tab_is_said(
    tmp_path: Path, scenario_id: str, line: str
) -> None:
    scenario = find(scenario_id, [FIXTURES])
    app = build_app(tmp_path, scenario=scenario, speed=1000.0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reach_help_step(pilot, app)
        screen.speed = 0.0  # the clock holds while the learner types
        await pilot.press(*keys(line))  # the choices have the focus: no Tab first
        assert screen.call.ending is None
        box = screen.query_one("#typed", Input)
        assert box.value == line
        await pilot.press("enter")
        said = [t.text for t in screen.call.transcript if t.speaker == "learner"]
        assert said[-1] == line


async def test_letters_never_hang_up(tmp_path: Path) -> None:
    app = build_app(tmp_path, scenario=dentist(), speed=1000.0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reach_help_step(pilot, app)
        screen.speed = 0.0
        await pilot.press("h", "q", "l", "r", "e")
        assert screen.call.ending is None
        assert screen.query_one("#typed", Input).value == "hqlre"


async def test_a_digit_picks_a_line_while_the_box_is_empty(tmp_path: Path) -> None:
    app = build_app(tmp_path, scenario=dentist(), speed=1000.0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reach_help_step(pilot, app)
        screen.set_focus(screen.query_one("#typed", Input))
        await pilot.press("1")
        said = [t for t in screen.call.transcript if t.speaker == "learner"]
        assert (said[-1].step, said[-1].choice) == ("help", 1)


async def test_ctrl_g_still_hangs_up_while_typing(tmp_path: Path) -> None:
    app = build_app(tmp_path, scenario=dentist(), speed=1000.0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reach_help_step(pilot, app)
        screen.speed = 0.0
        await pilot.press(*keys("thanks"), "ctrl+g")
        await until(pilot, lambda: isinstance(app.screen, DebriefScreen))
        assert screen.call.ending is not None
        assert screen.call.ending.hung_up_first == "learner"


async def test_the_box_keeps_the_focus_after_enter(tmp_path: Path) -> None:
    (tmp_path / "calls").mkdir()
    (tmp_path / "calls" / "two.yaml").write_text(TWO_TYPED, "utf-8")
    scenario = find("test-two-typed", [tmp_path / "calls"])
    app = build_app(tmp_path, scenario=scenario, speed=1000.0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await learner_turn(pilot, app)
        await pilot.press(*keys("yes that is all"), "enter")
        await until(pilot, lambda: screen.call.step.id == "second"
                    and screen.call.phase is Phase.LEARNER_TURN)
        await pilot.pause()
        assert app.focused is screen.query_one("#typed", Input)
        await pilot.press(*keys("bye now"), "enter")
        said = [t.text for t in screen.call.transcript if t.speaker == "learner"]
        assert said == ["yes that is all", "bye now"]
