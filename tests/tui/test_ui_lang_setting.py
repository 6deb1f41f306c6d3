"""The settings file's interface language is used when the command line names none."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from tests.support.tui import FIXTURES, build_app, library_ready
from tutor.settings import Settings


async def test_the_settings_language_is_the_interface_language(tmp_path: Path) -> None:
    app = build_app(tmp_path, library_dirs=[FIXTURES], settings=Settings(ui_lang="ru"))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await library_ready(pilot, app)
        assert screen.lang == "ru"
        assert screen.query_one("#scenarios", OptionList).border_title == "Звонки для тренировки"


async def test_the_command_line_language_wins_over_the_settings(tmp_path: Path) -> None:
    app = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang="en",
                    settings=Settings(ui_lang="ru"))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await library_ready(pilot, app)
        assert screen.lang == "en"


async def test_an_unknown_language_in_the_settings_falls_back_to_the_system_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    app = build_app(tmp_path, library_dirs=[FIXTURES], settings=Settings(ui_lang="xx"))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await library_ready(pilot, app)
        assert screen.lang == "ru"
