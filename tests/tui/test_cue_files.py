"""A trainer's cue file with a mistake: the app says where it is and keeps running."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import OptionList

from tests.support.tui import FIXTURES, build_app, dentist, library_ready, said, told, until
from tutor.tui.screens.call import CallScreen
from tutor.tui.screens.library import LibraryScreen


def _folder(tmp_path: Path, cues: str) -> Path:
    folder = tmp_path / "calls"
    shutil.copytree(FIXTURES, folder)
    (folder / "signals").mkdir()
    (folder / "signals" / "en.yaml").write_text(cues, "utf-8")
    return folder


BAD = "signals:\n  next_steps:\n    pairs: [{first: [a], second: [b], within: abc}]\n"


async def test_a_call_opened_at_start_shows_the_problem_instead(tmp_path: Path) -> None:
    folder = _folder(tmp_path, BAD)
    app = build_app(tmp_path, library_dirs=[folder], ui_lang="en", scenario=dentist())
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: bool(said(app, "en.yaml:3:47: 'within' must be a whole number")))
        assert not isinstance(app.screen, CallScreen)
        assert app.is_running


async def test_a_call_picked_in_the_library_shows_the_problem_and_the_library_stays(
        tmp_path: Path) -> None:
    folder = _folder(tmp_path, BAD)
    app = build_app(tmp_path, library_dirs=[folder], ui_lang="ru")
    async with app.run_test(size=(100, 30)) as pilot:
        await library_ready(pilot, app)
        app.screen.query_one("#scenarios", OptionList).focus()
        await pilot.press("enter")
        await until(pilot, lambda: bool(said(app, "'within' must be a whole number")))
        assert any("В файле фраз-сигналов ошибка" in n.title for n in told(app))
        assert isinstance(app.screen, LibraryScreen)
