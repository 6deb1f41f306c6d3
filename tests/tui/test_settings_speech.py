"""Speech starts off, is remembered between runs with the theme, and explains itself once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.tui import FIXTURES, build_app, dentist, library_ready, until
from tutor import cli
from tutor.locale import text
from tutor.settings import Settings, load_settings
from tutor.speech import FakeBackend, SilentBackend
from tutor.speech.reasons import unavailable
from tutor.speech.types import AvailabilityCode
from tutor.tui import AppOptions
from tutor.tui.app import LIGHT, TutorApp

NO_SOUND = unavailable(AvailabilityCode.NO_AUDIO_DEVICE)


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TUTOR_CONFIG_DIR", str(tmp_path / "cfg"))
    return tmp_path / "cfg" / "settings.json"


def _notes(app: TutorApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every notification the app shows (its message text)."""
    seen: list[str] = []
    real = app.notify

    def record(message: str, **kwargs: Any) -> None:
        seen.append(message)
        real(message, **kwargs)

    monkeypatch.setattr(app, "notify", record)
    return seen


async def _library(pilot: Any, app: TutorApp) -> None:
    await library_ready(pilot, app)


async def test_speech_is_off_by_default_and_nothing_is_written(tmp_path: Path,
                                                                config: Path) -> None:
    fake = FakeBackend()
    app = build_app(tmp_path, library_dirs=[FIXTURES], speech=fake)
    async with app.run_test(size=(80, 24)) as pilot:
        await _library(pilot, app)
        assert not app.voice.wanted and not app.voice.enabled
        await app.workers.wait_for_complete()
    assert not config.exists()


async def test_speech_and_theme_are_remembered(tmp_path: Path, config: Path) -> None:
    app = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang="en", speech=FakeBackend())
    async with app.run_test(size=(80, 24)) as pilot:
        await _library(pilot, app)
        await pilot.press("ctrl+s", "ctrl+t")
        assert app.voice.enabled and app.theme == LIGHT
        await app.workers.wait_for_complete()
    assert json.loads(config.read_text("utf-8"))["speech"] is True
    assert load_settings() == Settings(speech=True, theme="light")

    again = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang="en", speech=FakeBackend())
    async with again.run_test(size=(80, 24)) as pilot:
        await _library(pilot, again)
        assert again.voice.enabled and again.theme == LIGHT
        await pilot.press("ctrl+s")  # off again, and remembered as off
        assert not again.voice.enabled
        await again.workers.wait_for_complete()
    assert load_settings() == Settings(speech=False, theme="light")


async def test_speech_option_turns_it_on_and_is_saved(tmp_path: Path, config: Path) -> None:
    fake = FakeBackend()
    app = build_app(tmp_path, library_dirs=[FIXTURES], speech=fake, speech_on=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await _library(pilot, app)
        assert app.voice.enabled
        await app.workers.wait_for_complete()
    assert load_settings().speech is True


def test_cli_speech_option_reaches_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    class Dummy:
        def run(self) -> None:
            seen["ran"] = True

    def fake_make_app(options: AppOptions) -> Dummy:
        seen["speech_on"] = options.speech_on
        return Dummy()

    monkeypatch.setattr("tutor.tui.make_app", fake_make_app)
    monkeypatch.setattr(cli, "_has_terminal", lambda: True)
    assert cli.main(["--speech"]) == 0
    assert seen["speech_on"] is True and seen["ran"]
    assert cli.main([]) == 0
    assert seen["speech_on"] is None  # the remembered choice decides


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_unavailable_speech_says_why_once(tmp_path: Path, config: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                lang: str) -> None:
    fake = FakeBackend(availability=NO_SOUND)
    app = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang=lang, speech=fake)
    notes = _notes(app, monkeypatch)
    why = NO_SOUND.message(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await _library(pilot, app)
        await pilot.press("ctrl+s")
        assert notes == [why]
        assert app.voice.wanted and not app.voice.enabled
        await pilot.press("ctrl+s", "ctrl+s")  # off, then on again: no second lecture
        assert notes.count(why) == 1
        assert len(notes) == 3
        assert fake.calls == []
        await app.workers.wait_for_complete()


async def test_remembered_speech_without_sound_says_so_in_one_short_line_at_start(
        tmp_path: Path, config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No backend given: the app looks for one in a worker, as it does for a real user.
    monkeypatch.setattr("tutor.speech.create_backend", lambda: SilentBackend(NO_SOUND))
    app = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang="ru", speech_on=True)
    notes = _notes(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await _library(pilot, app)
        await app.workers.wait_for_complete()
        await until(pilot, lambda: bool(notes))
        assert notes == [text("ru", "ui.speech_silent")]
        assert "\n" not in notes[0] and len(notes[0]) < 80
        assert isinstance(app.voice.backend, SilentBackend)
        await pilot.press("ctrl+s", "ctrl+s")  # asked for again: now the reason, in full
        assert notes[-1] == NO_SOUND.message("ru")


async def test_a_remembered_interface_language_is_used_without_ui_lang(tmp_path: Path) -> None:
    app = build_app(tmp_path, library_dirs=[FIXTURES], settings=Settings(ui_lang="ru"))
    async with app.run_test(size=(80, 24)) as pilot:
        library = await library_ready(pilot, app)
        assert library.lang == "ru"
        assert app.call_lang(dentist()) == "ru"  # an English call, in the chosen language


async def test_ui_lang_wins_over_the_remembered_language(tmp_path: Path) -> None:
    app = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang="en",
                    settings=Settings(ui_lang="ru"))
    async with app.run_test(size=(80, 24)) as pilot:
        library = await library_ready(pilot, app)
        assert library.lang == "en"


async def test_an_unknown_remembered_language_is_ignored(tmp_path: Path) -> None:
    app = build_app(tmp_path, library_dirs=[FIXTURES], settings=Settings(ui_lang="xx"))
    assert app.ui_lang is None
    assert app.call_lang(dentist()) == dentist().lang
