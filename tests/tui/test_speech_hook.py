"""The call screen speaks the other party's lines and falls silent on hang-up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.tui import FAST, FIXTURES, build_app, play, until
from tutor.dialogue import Phase
from tutor.scenario import sources
from tutor.speech import FakeBackend
from tutor.tui.screens.call import CallScreen
from tutor.tui.widgets.transcript import TurnLine

SCENARIO = sources.find("test-en-dentist", [FIXTURES])


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


async def _turn_while_speaking(pilot: Any, app: Any) -> CallScreen:
    """Run the call to the learner's first turn while the other side's line is still 'said'."""
    await until(pilot, lambda: isinstance(app.screen, CallScreen))
    screen = app.screen
    assert isinstance(screen, CallScreen)
    while screen.call.phase is not Phase.LEARNER_TURN:
        screen.skip_to_next_event()
        await pilot.pause()
    return screen


async def test_choice_key_acts_at_once_while_a_line_is_spoken(tmp_path: Path) -> None:
    fake = FakeBackend(delay=2.0)  # a slow engine: every line takes two seconds to "say"
    app = build_app(tmp_path, scenario=SCENARIO, speed=0.0, speech=fake, speech_on=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _turn_while_speaking(pilot, app)
        assert fake.speaking
        shown = len(screen.query(TurnLine))
        await pilot.press("1")
        await pilot.pause()
        # The choice is on screen while the slow line is still being said: the key did not
        # wait for speech (no wall-clock figure, which a busy machine would break).
        assert len(screen.query(TurnLine)) == shown + 1
        assert fake.speaking
        assert screen.call.transcript[-1].speaker == "learner"


async def test_hang_up_stops_the_voice_at_once(tmp_path: Path) -> None:
    fake = FakeBackend(delay=5.0)
    app = build_app(tmp_path, scenario=SCENARIO, speed=0.0, speech=fake, speech_on=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await _turn_while_speaking(pilot, app)
        assert fake.speaking
        stops = fake.stop_count
        await pilot.press("ctrl+g")
        assert fake.stop_count > stops and not fake.speaking
        await until(pilot, lambda: not isinstance(app.screen, CallScreen))


async def test_a_russian_call_is_voiced_in_russian_at_each_lines_pace(tmp_path: Path) -> None:
    scenario = sources.find("hurried-client-ru")
    fake = FakeBackend()
    app = build_app(tmp_path, scenario=scenario, speed=FAST, speech=fake, speech_on=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await play(pilot, app, "calm")
    assert fake.calls and all(c.lang == "ru" for c in fake.calls)
    authored = {line.text: line.pace for step in scenario.steps.values() for line in step.other}
    spoken = [c for c in fake.calls if c.text in authored]
    assert spoken and all(c.pace == authored[c.text] for c in spoken)
    assert any(c.pace == "rushed" for c in spoken)
