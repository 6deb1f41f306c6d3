"""Scenario and typed text with markup-like brackets is shown literally and never raises."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from textual.screen import Screen
from textual.widgets import Input, OptionList, Static

from tests.support.tui import FAST, MARKUP, build_app, library_ready, play, until
from tutor.scenario import sources
from tutor.tui.screens.call import CallScreen

SCENARIO = sources.find("test-markup", [MARKUP])


def _screen_text(screen: Screen[Any]) -> str:
    return "\n".join(str(widget.content) for widget in screen.query(Static))


async def test_library_shows_brackets_literally(tmp_path: Path) -> None:
    app = build_app(tmp_path, library_dirs=[MARKUP], ui_lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        library = await library_ready(pilot, app)
        await pilot.press("slash", *"markup")
        await until(pilot, lambda: [s.id for s in library.shown] == ["test-markup"])
        text = _screen_text(library)
        assert "Summary with [b]tags[/b], a stray [/x]" in text
        assert "Role [/x] of [b]you" in text
        options = cast(OptionList, library.query_one("#scenarios"))
        assert "[b]Bold[/b] title [/x]" in str(options.get_option_at_index(0).prompt)
        # The palette lists scenario titles too: searching for this one must not raise.
        await pilot.press("ctrl+p")
        await pilot.press(*"bold")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and app.screen is library


async def test_call_and_debrief_show_brackets_literally(tmp_path: Path) -> None:
    app = build_app(tmp_path, scenario=SCENARIO, speed=FAST)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, CallScreen))
        call = app.screen
        assert isinstance(call, CallScreen)
        await until(pilot, lambda: bool(cast(OptionList, call.query_one("#choices")).option_count))
        text = _screen_text(call)
        assert "Line [/x] with [b]markup[/b] and [link=x]" in text
        assert "Rushed [/b] line" in text and "rushed" in text
        assert "Goal [link=x] with [@click=app.quit]a click[/]" in text
        choices = cast(OptionList, call.query_one("#choices"))
        assert "Choice [/x] one [b]" in str(choices.get_option_at_index(0).prompt)
        await pilot.press("1")
        await until(pilot, lambda: call.query_one("#typed", Input).display)
        assert "Prompt [/x] [b]type here" in _screen_text(call)
        box = call.query_one("#typed", Input)
        box.value = "Thanks [/x] so much [b], goodbye [link=x]!"
        await pilot.press("enter")
        debrief = await play(pilot, app, "calm")
        text = _screen_text(debrief)
        assert "Thanks [/x] so much [b], goodbye [link=x]!" in text
        assert "Farewell [/x] [b]bye" in text
