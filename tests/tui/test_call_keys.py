"""Keys on the call and debrief screens do what they say, and nothing else."""

from __future__ import annotations

from pathlib import Path

from tests.support.tui import build_app, dentist, learner_turn, play, told, until
from tutor.dialogue import Phase
from tutor.tui.screens.call import CallScreen
from tutor.tui.screens.debrief import DebriefScreen

DENTIST = dentist()


async def test_enter_after_a_choice_does_not_hang_up(tmp_path: Path) -> None:
    app = build_app(tmp_path, scenario=DENTIST, speed=1.0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await learner_turn(pilot, app)
        await pilot.press("1")
        await until(pilot, lambda: screen.call.phase is not Phase.LEARNER_TURN)
        await pilot.press("enter", "enter")
        assert screen.call.ending is None
        assert app.screen is screen


async def test_an_export_path_with_brackets_is_shown_literally(tmp_path: Path) -> None:
    reports = tmp_path / "rep[/x][b]"
    app = build_app(tmp_path, scenario=DENTIST, speed=1000.0)
    app.reports_dir = reports
    async with app.run_test(size=(100, 30)) as pilot:
        debrief = await play(pilot, app, "calm")
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await until(pilot, lambda: debrief.exported is not None)
        await pilot.pause()  # let the toast render: markup in it would fail right here
        assert isinstance(app.screen, DebriefScreen)
        shown = [n for n in told(app) if "rep[/x][b]" in n.message]
        assert shown
        # A toast renders its message as markup only when asked to; "[/x]" would then raise.
        assert not any(n.markup for n in shown)


async def test_the_call_holds_while_help_is_open(tmp_path: Path) -> None:
    app = build_app(tmp_path, scenario=DENTIST, speed=50.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, CallScreen))
        screen = app.screen
        assert isinstance(screen, CallScreen)
        await pilot.press("f1")
        await until(pilot, lambda: app.screen is not screen)
        held = screen.clock
        await pilot.pause(0.3)  # 15 simulated seconds would pass if the clock ran
        assert screen.clock == held
