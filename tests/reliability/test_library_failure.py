"""A library that cannot be read says so; it never shows "Loading calls…" for ever."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from tests.support.paths import MINIMAL
from tests.support.tui import FIXTURES, build_app, library_ready, told, until
from tutor.tui import loading
from tutor.tui.screens import library
from tutor.tui.screens.library import LibraryScreen


def _unreadable(*_: object) -> loading.LibraryData:
    raise OSError(5, "Input/output error")


async def test_a_failed_read_is_shown_instead_of_loading(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # Both reads fail: the early one started with the app, and the screen's own retry.
    monkeypatch.setattr(loading, "read_library", _unreadable)
    monkeypatch.setattr(library, "read_library", _unreadable)
    app = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: bool(told(app)))
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert not screen.query_one("#scenarios", OptionList).loading
        detail = str(screen.query_one("#detail", Static).content)
        assert "Input/output error" in detail
        assert "Loading" not in detail
        assert any("Input/output error" in n.message for n in told(app))


async def test_one_file_past_a_limit_leaves_the_rest_of_the_library(tmp_path: Path) -> None:
    folder = tmp_path / "calls"
    folder.mkdir()
    for source in FIXTURES.glob("*.yaml"):
        shutil.copy(source, folder / source.name)
    (folder / "huge.yaml").write_text(
        MINIMAL.read_text("utf-8") + "rubric:\n  pass_mark: " + "9" * 5000 + "\n", "utf-8")
    app = build_app(tmp_path, library_dirs=[folder], ui_lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await library_ready(pilot, app)
        assert screen.data.broken == 1
        assert {Path(card.path).parent for card in screen.shown} >= {folder}
