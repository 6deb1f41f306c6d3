"""Escape sequences in scenario text reach the app's screen as visible text, never as escapes.

Textual passes ESC and BEL in a widget's text straight to the terminal, so the app shows the
``for_terminal`` form of every scenario it lists or plays.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.tui.helpers import FAST, build_app, library_ready, until
from tutor.library import Library
from tutor.tui.app import TutorApp
from tutor.tui.screens.call import CallScreen

HOSTILE_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"


def drawn(app: TutorApp) -> str:
    """Every character the app would write for its current screen."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def assert_inert(text: str) -> None:
    for control in ("\x1b", "\x07", "\x9b"):
        assert control not in text, f"{control!r} drawn on screen:\n{text!r}"


async def test_the_library_shows_a_title_with_escapes_as_text(tmp_path: Path) -> None:
    app = build_app(tmp_path, library_dirs=[HOSTILE_DIR], ui_lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        library = await library_ready(pilot, app)
        await pilot.press("slash", *"hostile")
        await until(pilot, lambda: [s.id for s in library.shown] == ["hostile-call"])
        await pilot.pause()
        screen = drawn(app)
        assert_inert(screen)
        assert "Hostile\\x1b]0;pwned\\x07" in screen


async def test_a_call_shows_lines_with_escapes_as_text(tmp_path: Path) -> None:
    scenario = Library.load([HOSTILE_DIR]).find("hostile-call")
    app = build_app(tmp_path, scenario=scenario, ui_lang="en", speed=FAST)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, CallScreen)
                    and bool(app.screen.call.transcript))
        await _settle(pilot)
        screen = drawn(app)
        assert_inert(screen)
        assert "Hello\\x1b[2J" in screen


async def _settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.pause()
