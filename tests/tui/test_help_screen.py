"""The help screen lists every key; in a narrow terminal its descriptions wrap beside the keys."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.support.tui import open_library, until
from tutor.tui.screens.help import HelpScreen


async def test_help_descriptions_wrap_beside_their_keys(tmp_path: Path) -> None:
    async with open_library(tmp_path, size=(50, 30)) as (pilot, library):
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(library.app.screen, HelpScreen))
        await pilot.pause()
        help_screen = library.app.screen
        keys = list(help_screen.query(".keys").results(Static))
        texts = list(help_screen.query(".what").results(Static))
        assert len(keys) == len(texts) == len(library.help_rows())
        assert len({t.region.x for t in texts}) == 1  # one column, right of the keys
        assert all(t.region.x > k.region.right - 1 for k, t in zip(keys, texts, strict=True))
        assert any(t.region.height > 1 for t in texts)  # long ones wrap, none is cut off
        assert all(t.region.right <= help_screen.size.width for t in texts)
