"""In a workshop the app asks the participant's name first, keeps speech off and records
each finished call in the workshop's results under that name."""

from __future__ import annotations

import signal
from pathlib import Path

from textual.widgets import Input

from tests.support.tui import FIXTURES, build_app, dentist, play, told, until
from tutor.settings import SETTINGS_NAME, Settings, load_settings, settings_path
from tutor.speech import FakeBackend
from tutor.tui.screens.gender import GenderScreen
from tutor.tui.screens.library import LibraryScreen
from tutor.tui.screens.participant import ParticipantScreen
from tutor.workshop import results
from tutor.workshop.seat import Seat, load_name


def seat(tmp: Path, suggested: str = "") -> Seat:
    return Seat(results=tmp / "results.sqlite3", workshop="2026-11-27 K7Q2",
                suggested_name=suggested, config_dir=tmp / "seat", server_pid=0)


async def test_the_name_is_asked_first_in_the_interface_language(tmp_path: Path) -> None:
    app = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang="ru", workshop=seat(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ParticipantScreen))
        box = app.screen.query_one("#participant-box")
        assert box.border_title == "Ваше имя"


async def test_the_name_question_hides_the_library_instead_of_dimming_it(tmp_path: Path) -> None:
    # A see-through screen has the library behind it drawn again, dimmed, on every frame.
    app = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang="en", workshop=seat(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ParticipantScreen))
        assert app.screen.styles.background.a == 1


async def test_an_empty_name_is_not_taken(tmp_path: Path) -> None:
    app = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang="en", workshop=seat(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ParticipantScreen))
        await pilot.press("space", "enter")
        assert isinstance(app.screen, ParticipantScreen)
        assert "Please type your name." in str(app.screen.query_one("#participant-error")
                                               .render())


async def test_a_suggested_name_is_offered_and_remembered(tmp_path: Path) -> None:
    app = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang="en",
                    workshop=seat(tmp_path, "Grace Hopper"))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ParticipantScreen))
        assert app.screen.query_one(Input).value == "Grace Hopper"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await app.workers.wait_for_complete()
    assert app.participant == "Grace Hopper"
    assert load_name(tmp_path / "seat") == "Grace Hopper"


async def test_speech_stays_off_in_a_workshop_and_says_why(tmp_path: Path) -> None:
    app = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang="en", speech=FakeBackend(),
                    settings=Settings(speech=True), workshop=seat(tmp_path, "Ada"))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ParticipantScreen))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await pilot.press("ctrl+s")
        assert not app.voice.wanted
        notes = [n.message for n in told(app)]
        assert "Speech is off in a workshop: it would play on the trainer's computer." in notes


async def ada_plays_a_call(tmp: Path) -> None:
    """Ada gives her (suggested) name and plays the dentist call calmly to its debrief; her
    own store is ``tmp / "own.sqlite3"``, the workshop's ``tmp / "results.sqlite3"``."""
    app = build_app(tmp, library_dirs=[FIXTURES], ui_lang="en", scenario=dentist(),
                    workshop=seat(tmp, "Ada"), store_path=tmp / "own.sqlite3")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ParticipantScreen))
        await pilot.press("enter")
        await play(pilot, app, "calm")
        await app.workers.wait_for_complete()


async def test_a_finished_call_is_recorded_under_the_participants_name(tmp_path: Path) -> None:
    await ada_plays_a_call(tmp_path)
    [attempt] = results.attempts(tmp_path / "results.sqlite3")
    assert attempt["participant"] == "Ada"
    assert attempt["scenario_id"] == "test-en-dentist"
    assert attempt["workshop"] == "2026-11-27 K7Q2"
    assert attempt["front_end"] == "web"


async def test_the_participants_own_store_keeps_the_call_without_the_workshop(
        tmp_path: Path) -> None:
    await ada_plays_a_call(tmp_path)
    [own] = results.attempts(tmp_path / "own.sqlite3")
    assert (own["participant"], own["workshop"]) == ("Ada", "")


async def test_a_workshop_asks_only_the_name_and_the_palette_still_sets_gender(
        tmp_path: Path) -> None:
    started: list[bool] = []  # start-up is over just before a first start would ask
    app = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang="en", ask_gender=True,
                    workshop=seat(tmp_path, "Ada"), on_started=lambda: started.append(True))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ParticipantScreen))
        await pilot.press("enter")
        await until(pilot, lambda: bool(started) and isinstance(app.screen, LibraryScreen))
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        app.action_ask_gender()
        await until(pilot, lambda: isinstance(app.screen, GenderScreen))


async def test_a_seats_settings_are_kept_in_its_own_folder_whatever_the_environment(
        tmp_path: Path) -> None:
    # One process may hold several seats: the folder the environment names is no one's.
    app = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang="en", workshop=seat(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ParticipantScreen))
        app.action_toggle_theme()
        await app.workers.wait_for_complete()
    assert load_settings(tmp_path / "seat" / SETTINGS_NAME).theme == "light"
    assert not settings_path().exists()


async def test_an_app_that_leaves_signals_to_its_process_sets_no_handler(tmp_path: Path) -> None:
    before = signal.getsignal(signal.SIGTERM)
    app = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang="en", workshop=seat(tmp_path),
                    own_signals=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ParticipantScreen))
        assert signal.getsignal(signal.SIGTERM) is before
