"""The call screen speaks the other party's lines and falls silent on hang-up."""

from __future__ import annotations

from pathlib import Path

from tests.tui.helpers import FAST, FIXTURES, build_app, play, until
from tutor.library import Library
from tutor.speech import FakeBackend
from tutor.tui.screens.call import CallScreen

SCENARIO = Library.load([FIXTURES]).find("test-en-dentist")


async def test_lines_spoken_and_stopped(tmp_path: Path) -> None:
    fake = FakeBackend()
    app = build_app(tmp_path, scenario=SCENARIO, speed=FAST, speech=fake, speech_on=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await play(pilot, app, "rushed")
        spoken = [c.text for c in fake.calls]
        assert spoken[:2] == ["Hello, Jordan speaking.",
                              "Sure. Thursday afternoon would suit me better."]
        assert all(c.lang == "en" for c in fake.calls)
        assert fake.calls[0].hints.gender == "female"
        assert fake.stop_count >= 1  # hang-up silences the line in progress
    assert fake.closed


async def test_speech_key_toggles(tmp_path: Path) -> None:
    fake = FakeBackend()
    app = build_app(tmp_path, scenario=SCENARIO, speed=0.0, speech=fake, speech_on=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, CallScreen))
        await pilot.press("ctrl+s")
        assert not app.voice.enabled
        screen = app.screen
        assert isinstance(screen, CallScreen)
        screen.skip_to_next_event()
        await pilot.pause()
        assert fake.calls == []
        await pilot.press("ctrl+s")
        assert app.voice.enabled
