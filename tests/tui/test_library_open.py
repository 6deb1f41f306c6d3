"""Opening a call from the library reads its file at that moment, off the UI thread."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import OptionList

from tests.support.tui import FIXTURES, build_app, library_ready, told, until
from tutor.tui.screens.call import CallScreen
from tutor.tui.screens.library import LibraryScreen


async def test_enter_opens_the_highlighted_call(tmp_path: Path) -> None:
    app = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await library_ready(pilot, app)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CallScreen))


async def test_a_file_broken_after_listing_is_reported_and_the_library_stays(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "calls"
    folder.mkdir()
    for source in FIXTURES.glob("*.yaml"):
        shutil.copy(source, folder / source.name)
    app = build_app(tmp_path, library_dirs=[folder], ui_lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await until(pilot, lambda: isinstance(screen, LibraryScreen) and screen.loaded)
        assert isinstance(screen, LibraryScreen)
        index, card = next((i, c) for i, c in enumerate(screen.shown)
                           if Path(c.path).parent == folder)
        screen.query_one("#scenarios", OptionList).highlighted = index
        Path(card.path).write_text("id: [unclosed\n", "utf-8")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await until(pilot, lambda: bool(told(app)))
        notes = told(app)
        assert any(card.path in str(n.message) for n in notes)
        assert app.screen is screen
