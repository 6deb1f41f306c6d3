"""Escape sequences in scenario text reach the app's screen as visible text, never as escapes.

Textual passes ESC and BEL in a widget's text straight to the terminal, so the app shows the
``for_terminal`` form of every scenario it lists or plays.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import pytest

from tests.support.tui import FAST, build_app, library_ready, until
from tests.tui.test_tmux import TMUX, TUTOR, Term
from tutor.scenario import sources
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
        # Once drawn: a look at the screen in the same tick as the filter can precede its layout.
        await until(pilot, lambda: "Hostile\\x1b]0;pwned\\x07" in drawn(app))
        assert_inert(drawn(app))


async def test_a_call_shows_lines_with_escapes_as_text(tmp_path: Path) -> None:
    scenario = sources.find("hostile-call", [HOSTILE_DIR])
    app = build_app(tmp_path, scenario=scenario, ui_lang="en", speed=FAST)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, CallScreen)
                    and bool(app.screen.call.transcript))
        await until(pilot, lambda: "Hello\\x1b[2J" in drawn(app))
        assert_inert(drawn(app))


@pytest.mark.skipif(TMUX is None or not TUTOR.exists(),
                    reason="needs tmux and the installed tutor script")
def test_the_real_terminal_keeps_its_title(tmp_path: Path) -> None:
    # On a tmux server of its own: on the shared one, another test run ending the last session
    # there takes the server down under this one.
    term = Term(f"tutor-safe-{uuid.uuid4().hex[:8]}", tmp_path / "tmux.sock")
    command = (f"env TUTOR_CONFIG_DIR={tmp_path / 'config'} TUTOR_DATA_DIR={tmp_path / 'data'} "
               f"LANG=en_US.UTF-8 {TUTOR} "
               f"--ui-lang en --scenarios {HOSTILE_DIR}")
    subprocess.run([*term.tmux, "new-session", "-d", "-s", term.name, "-x", "120", "-y", "30",
                    command], check=True, env={**os.environ, "TERM": "xterm-256color"})
    try:
        term.wait_for("Hostile\\x1b]0;pwned")
        title = subprocess.run([*term.tmux, "display", "-p", "-t", term.name, "#{pane_title}"],
                               check=True, capture_output=True, text=True).stdout
        assert "pwned" not in title
    finally:
        subprocess.run([*term.tmux, "kill-server"], check=False, capture_output=True)
