"""Every screen of the app in one script: no English word on a Russian screen, and no Russian
word on an English one, outside the call's own texts (see ``tests/support/scripts.py``).

One walk per language through what a learner sees: the first-start question, the library
filtered to the language, help, the palette, listen mode, a call and its debrief (top and
bottom).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from tests.support.scripts import foreign_words, scenario_texts
from tests.support.tui import FAST, build_app, learner_turn, play, until
from tests.tui.test_terminal_safety import drawn
from tutor.listen import schedule
from tutor.scenario import sources
from tutor.tui.app import TutorApp
from tutor.tui.screens.gender import GenderScreen
from tutor.tui.screens.help import HelpScreen
from tutor.tui.screens.library import LibraryScreen
from tutor.tui.screens.listen import ListenScreen
from tutor.tui.widgets.cycle import Cycle
from tutor.tui.widgets.transcript import TurnLine


def _check(app: TutorApp, lang: str, known: list[str], where: str) -> None:
    shown = drawn(app)
    assert foreign_words(shown, lang, known) == [], f"{where}:\n{shown}"


async def _library(pilot: Pilot[None], app: TutorApp) -> LibraryScreen:
    await until(pilot, lambda: isinstance(app.screen, LibraryScreen) and app.screen.loaded)
    assert isinstance(app.screen, LibraryScreen)
    return app.screen


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_every_screen_is_in_the_script_of_its_language(tmp_path: Path, lang: str) -> None:
    call_id = f"recruiter-call-{lang}"
    scenario = sources.find(call_id)
    known = [t for s in sources.load_all() if s.lang == lang for t in scenario_texts(s)]
    app = build_app(tmp_path, ui_lang=lang, speed=FAST, ask_gender=True)
    async with app.run_test(size=(140, 45)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, GenderScreen)
                    and bool(app.screen.query("#gender-skip")))
        await pilot.pause()
        # Under it, the library still lists the calls of every language.
        every = [t for s in sources.load_all() for t in scenario_texts(s)]
        _check(app, lang, every, "the first-start question")
        await pilot.press("escape")
        library = await _library(pilot, app)
        filter_ = library.query_one("#lang-filter", Cycle)
        while filter_.value != lang:
            await pilot.press("ctrl+l")
        await pilot.pause()
        _check(app, lang, known, "the library")

        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause()
        _check(app, lang, known, "help")
        await pilot.press("escape")

        await pilot.press("slash", *call_id, "escape")
        await until(pilot, lambda: [s.id for s in library.shown] == [call_id])
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette)
                    and app.screen.query_one(CommandList).option_count > 0)
        await pilot.pause()
        _check(app, lang, every, "the command palette")  # it offers every call
        await pilot.press("escape")

        assert scenario.examples is not None
        cues = len(schedule(scenario.examples).cues)
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, ListenScreen)
                    and len(app.screen.query(TurnLine)) == cues)
        await pilot.pause()
        _check(app, lang, known, "listen mode")
        await pilot.press("escape")

        await until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await pilot.press("enter")
        await learner_turn(pilot, app)
        await pilot.pause()
        _check(app, lang, known, "a call, at the learner's turn")
        debrief = await play(pilot, app, "rushed")
        _check(app, lang, known, "the debrief")
        await pilot.press("end")
        await pilot.pause()
        _check(app, lang, known, "the end of the debrief")
        assert debrief.lang == lang
