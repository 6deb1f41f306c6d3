"""Drilling the close and asking for hints in the app: the library, call and debrief keys."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from textual.widgets import Input, OptionList, Static

from tests.support.tui import FIXTURES, build_app, dentist, learner_turn, library_ready, play, until
from tutor.practice import CLOSING, Practice
from tutor.tui.app import TutorApp
from tutor.tui.screens.call import CallScreen
from tutor.tui.screens.library import LibraryScreen
from tutor.tui.screens.listen import ListenScreen


def new_call(app: TutorApp, old: object) -> bool:
    return isinstance(app.screen, CallScreen) and app.screen is not old


async def test_the_library_key_c_practises_the_close_after_a_recap(tmp_path: Path) -> None:
    app = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        library = await library_ready(pilot, app)
        index = next(i for i, c in enumerate(library.shown) if c.id == "test-en-dentist")
        library.query_one("#scenarios", OptionList).highlighted = index
        await pilot.press("c")
        screen = await learner_turn(pilot, app)
        assert screen.call.step.id == "move"  # the first closing step, not "hello"
        assert screen.practice.seed is not None
        recap = str(screen.query_one("#transcript > .recap", Static).content)
        assert recap.startswith("Practising the close. The call so far:")
        assert "Do you have a minute about your check-up?" in recap  # the last line before


async def test_the_debrief_offers_again_from_the_close(tmp_path: Path) -> None:
    app = build_app(tmp_path, scenario=dentist(), speed=1000.0)
    async with app.run_test(size=(100, 30)) as pilot:
        debrief = await play(pilot, app, "calm")
        await pilot.press("c")
        await until(pilot, lambda: new_call(app, debrief))
        screen = await learner_turn(pilot, app)
        assert (screen.practice.start, screen.call.step.id) == (CLOSING, "move")


async def test_a_retry_shows_the_lines_in_a_new_seeded_order(tmp_path: Path) -> None:
    app = build_app(tmp_path, scenario=dentist(), speed=1000.0)
    async with app.run_test(size=(100, 30)) as pilot:
        debrief = await play(pilot, app, "calm")
        await pilot.press("r")
        await until(pilot, lambda: new_call(app, debrief))
        screen = await learner_turn(pilot, app)
        assert screen.practice == Practice(None, screen.practice.seed)
        assert screen.practice.seed is not None and screen.call.step.id == "hello"


async def test_l_means_listen_in_the_debrief_as_in_the_library(tmp_path: Path) -> None:
    app = build_app(tmp_path, scenario=dentist(), speed=1000.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await play(pilot, app, "calm")
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, ListenScreen))


async def test_escape_in_the_debrief_goes_back_to_the_library(tmp_path: Path) -> None:
    app = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang="en", speed=1000.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await library_ready(pilot, app)
        await pilot.press("enter")
        await play(pilot, app, "calm")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen))


async def test_f2_says_what_is_at_stake_and_the_debrief_counts_it(tmp_path: Path) -> None:
    app = build_app(tmp_path, scenario=dentist(), speed=1000.0,
                    practice=Practice(CLOSING, seed=1))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await learner_turn(pilot, app)
        screen.speed = 0.0
        await pilot.press("f2", "f2")  # asked twice at one turn: one hint
        stakes = str(screen.query_one("#stakes", Static).content)
        assert stakes.startswith("At stake here: ")
        assert not any(c.text in stakes for c in screen.call.step.choices)
        assert cast(Input, screen.query_one("#typed")).value == ""  # F2 is no part of a sentence
        screen.speed = 1000.0
        debrief = await play(pilot, app, "calm")
        assert "Hints asked for: 1" in str(debrief.query_one("#score", Static).content)
