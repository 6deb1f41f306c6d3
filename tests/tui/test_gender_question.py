"""The learner's gender is asked once, on the first start; skippable; changed from the palette.

It only chooses word forms: «вы положили трубку первым» or «первой».
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Button

from tests.support.tui import FIXTURES, build_app, dentist, library_ready, until
from tutor.settings import Settings, load_settings
from tutor.tui.app import TutorApp
from tutor.tui.screens.call import CallScreen
from tutor.tui.screens.gender import GenderScreen
from tutor.tui.screens.library import LibraryScreen


def _app(tmp_path: Path, **options: object) -> TutorApp:
    return build_app(tmp_path, library_dirs=[FIXTURES], ui_lang="ru", ask_gender=True, **options)


async def _asked(pilot: Pilot[None], app: TutorApp) -> GenderScreen:
    # Not library_ready: the question may already cover the library when it is read.
    await until(pilot, lambda: isinstance(app.screen, GenderScreen)
                and bool(app.screen.query("#gender-female")))
    screen = app.screen
    assert isinstance(screen, GenderScreen)
    return screen


async def test_the_first_start_asks_in_the_interface_language_and_keeps_the_answer(
        tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _asked(pilot, app)
        assert screen.query_one("#gender-box").border_title == "О вас"
        app.screen.query_one("#gender-female", Button).press()
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await app.workers.wait_for_complete()
    saved = load_settings()
    assert (saved.gender, saved.gender_asked) == ("female", True)


async def test_escape_skips_the_question_and_it_is_not_asked_again(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _asked(pilot, app)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await app.workers.wait_for_complete()
    saved = load_settings()
    assert (saved.gender, saved.gender_asked) == (None, True)
    again = _app(tmp_path)
    async with again.run_test(size=(100, 30)) as pilot:
        await library_ready(pilot, again)
        await pilot.pause()
        assert not isinstance(again.screen, GenderScreen)


async def test_the_palette_asks_again(tmp_path: Path) -> None:
    app = _app(tmp_path, settings=Settings(gender="male", gender_asked=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await library_ready(pilot, app)
        titles = [title for title, _, _ in app.palette_commands(app.screen)]
        assert "Указать свой пол для разбора" in titles
        app.action_ask_gender()
        await until(pilot, lambda: isinstance(app.screen, GenderScreen)
                    and bool(app.screen.query("#gender-female")))
        app.screen.query_one("#gender-female", Button).press()
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        assert app.settings.gender == "female"


async def test_a_call_takes_the_learners_gender_from_the_setting(tmp_path: Path) -> None:
    app = _app(tmp_path, settings=Settings(gender="female", gender_asked=True),
               scenario=dentist())
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, CallScreen))
        screen = app.screen
        assert isinstance(screen, CallScreen)
        assert screen.scenario.learner.gender == "female"
