"""Typing your own line in a call: every key lands in the box, none of them ends the call."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from tests.support.tui import FIXTURES, build_app, dentist, learner_turn, until
from tutor.dialogue import Phase
from tutor.scenario.model import Step
from tutor.scenario.sources import find
from tutor.tui.app import TutorApp
from tutor.tui.screens.call import CallScreen
from tutor.tui.screens.debrief import DebriefScreen
from tutor.tui.widgets.choices import ChoiceList

EN_LINE = "happy to help, have a lovely day 2day! Goodbye"
RU_LINE = "Спасибо, Игорь! Хорошего вечера, до свидания"

def small_call(steps: str) -> str:
    """A short English call with Kim whose steps are ``steps`` (YAML, as under ``steps:``)."""
    return f"""\
format: 1
id: test-typing
title: Typed turns
lang: en
summary: Turns where you may type your own line.
learner: {{role: Sam, goal: Say goodbye.}}
other: {{name: Kim, role: Client}}
steps:
{steps}farewell: {{text: "Bye then!", hang_up_after: 2}}
rubric: {{pass_mark: 50}}
"""


#: Two steps in a row that take a typed line as well as numbered ones.
TWO_TYPED = small_call("""\
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
""")

#: One turn with three numbered lines and a typed one.
THREE_AND_TYPED = small_call("""\
  - id: only
    closing: true
    other: [{text: "So that's all?"}]
    choices:
      - {text: "Yes, thanks.", next: end}
      - {text: "Yes, thanks, bye.", next: end}
      - {text: "Yes, thanks for your help, bye.", next: end}
    typed: {default: end}
""")


def keys(text: str) -> list[str]:
    """The keys a person presses to type ``text`` (Pilot names the space bar)."""
    return ["space" if ch == " " else ch for ch in text]


def build(tmp_path: Path, call: str) -> TutorApp:
    """The app on ``call`` (a ``small_call``), its file written into ``tmp_path``."""
    (tmp_path / "calls").mkdir()
    (tmp_path / "calls" / "call.yaml").write_text(call, "utf-8")
    return build_app(tmp_path, scenario=find("test-typing", [tmp_path / "calls"]), speed=1000.0)


async def type_fast(app: TutorApp, *pressed: str) -> None:
    """Send ``pressed`` as a terminal hands over a fast typist's keys (or tmux's): one a read,
    none waiting for the app to handle the one before."""
    for key in pressed:
        char = " " if key == "space" else key if len(key) == 1 else None
        app.post_message(events.Key(key, char))
        await asyncio.sleep(0)


def learner_said(screen: CallScreen) -> list[tuple[int | None, str]]:
    """What the learner said so far: (choice number or None, text)."""
    return [(t.choice, t.text) for t in screen.call.transcript if t.speaker == "learner"]


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
        await pilot.press(*keys(line))  # no Tab first
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
    app = build(tmp_path, TWO_TYPED)
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


async def test_at_a_turn_with_lines_and_a_box_the_box_has_the_focus_from_the_start(
    tmp_path: Path
) -> None:
    app = build(tmp_path, THREE_AND_TYPED)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await learner_turn(pilot, app)
        await pilot.pause()
        assert app.focused is screen.query_one("#typed", Input)


@pytest.mark.parametrize(("keys_pressed", "number"), [
    (["enter"], 1), (["down", "enter"], 2), (["down", "down", "up", "enter"], 2),
])
async def test_arrows_and_enter_in_the_empty_box_say_the_highlighted_line(
    tmp_path: Path, keys_pressed: list[str], number: int
) -> None:
    app = build(tmp_path, THREE_AND_TYPED)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await learner_turn(pilot, app)
        screen.speed = 0.0
        await pilot.press(*keys_pressed)
        assert [n for n, _ in learner_said(screen)] == [number]


async def test_a_digit_after_the_first_letter_is_part_of_the_sentence(tmp_path: Path) -> None:
    app = build(tmp_path, THREE_AND_TYPED)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await learner_turn(pilot, app)
        screen.speed = 0.0
        await pilot.press(*keys("in 2 days"), "enter")
        assert learner_said(screen) == [(None, "in 2 days")]


@pytest.mark.parametrize("line", [EN_LINE, RU_LINE], ids=["en", "ru"])
async def test_keys_typed_at_full_speed_arrive_in_order(tmp_path: Path, line: str) -> None:
    app = build(tmp_path, THREE_AND_TYPED)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await learner_turn(pilot, app)
        screen.speed = 0.0
        await pilot.pause()
        await type_fast(app, *keys(line))
        box = screen.query_one("#typed", Input)
        await until(pilot, lambda: len(box.value) == len(line))
        assert box.value == line
        assert screen.call.ending is None


async def test_at_a_turn_with_only_numbered_lines_they_have_the_focus(tmp_path: Path) -> None:
    app = build_app(tmp_path, scenario=dentist(), speed=1000.0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await learner_turn(pilot, app)
        assert screen.call.step.typed is None
        await pilot.pause()
        assert app.focused is screen.query_one(ChoiceList)


async def test_letters_typed_after_moving_to_the_lines_still_go_into_the_box(
    tmp_path: Path
) -> None:
    app = build(tmp_path, THREE_AND_TYPED)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await learner_turn(pilot, app)
        screen.speed = 0.0
        screen.set_focus(screen.query_one(ChoiceList))
        await pilot.press(*keys("ok bye"))
        box = screen.query_one("#typed", Input)
        assert (box.value, app.focused) == ("ok bye", box)


async def test_keys_typed_just_after_enter_are_not_part_of_the_line_sent(tmp_path: Path) -> None:
    app = build(tmp_path, TWO_TYPED)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await learner_turn(pilot, app)
        screen.speed = 0.0
        await pilot.pause()
        await type_fast(app, *keys("yes"), "enter", *keys("and more"))
        await until(pilot, lambda: bool(learner_said(screen)))
        assert learner_said(screen) == [(None, "yes")]
