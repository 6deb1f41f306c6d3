"""The command palette speaks the interface's language and offers only the tutor's commands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.command import CommandInput, CommandList, CommandPalette
from textual.pilot import Pilot

from tests.support.tui import open_library, until
from tutor.tui.widgets.key_footer import KeyFooter


async def _open_palette(pilot: Pilot[None], app: App[Any]) -> CommandPalette:
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(app.screen, CommandPalette))
    palette = app.screen
    assert isinstance(palette, CommandPalette)
    commands = palette.query_one(CommandList)
    await until(pilot, lambda: commands.option_count > 0)
    return palette


def _prompts(palette: CommandPalette) -> list[str]:
    commands = palette.query_one(CommandList)
    return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]


async def test_the_palette_asks_and_lists_in_russian(tmp_path: Path) -> None:
    async with open_library(tmp_path, ui_lang="ru") as (pilot, library):
        palette = await _open_palette(pilot, library.app)
        assert palette.query_one(CommandInput).placeholder == "Найти команду или звонок…"
        prompts = " ".join(_prompts(palette))
        assert "Показать клавиши" in prompts and "Выйти из tutor" in prompts


async def test_the_palette_has_no_english_system_commands(tmp_path: Path) -> None:
    async with open_library(tmp_path, ui_lang="ru") as (pilot, library):
        prompts = " ".join(_prompts(await _open_palette(pilot, library.app)))
        for english in ("Keys", "Screenshot", "Maximize", "Quit the application"):
            assert english not in prompts


async def test_the_footer_names_the_palette_key_in_the_screens_language(
        tmp_path: Path) -> None:
    async with open_library(tmp_path, ui_lang="ru") as (pilot, library):
        footer = library.query_one(KeyFooter)
        await until(pilot, lambda: any(k.key == "ctrl+p" for k in footer.shown or ()))
        (palette_key,) = [k for k in footer.shown or () if k.key == "ctrl+p"]
        assert palette_key.description == "команды"
