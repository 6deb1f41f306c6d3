"""How the screens look at 80x24, in English and Russian (fixture calls, frozen clock)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.support.tui import FIXTURES, build_app, library_ready, seed_history, until
from tutor.dialogue import Phase
from tutor.scenario import sources
from tutor.tui.screens.call import CallScreen
from tutor.tui.screens.debrief import DebriefScreen
from tutor.tui.screens.progress import ProgressScreen

SIZE = (80, 24)
CALLS = {"en": "test-en-dentist", "ru": "test-ru-courier"}


@pytest.fixture(autouse=True)
def only_fixture_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bundled calls change as authors work; the pictures use fixed fixture calls."""
    monkeypatch.setattr("tutor.scenario.sources.bundled_dir", lambda: FIXTURES)


def _app(tmp: Path, lang: str, **kwargs: Any) -> Any:
    # speed 0: the clock only moves when the test says so, so the timer is the same each run.
    return build_app(tmp, ui_lang=lang, speed=0.0, **kwargs)


async def _to_turn(pilot: Pilot[None]) -> CallScreen:
    screen = pilot.app.screen
    assert isinstance(screen, CallScreen)
    while screen.call.phase not in (Phase.LEARNER_TURN, Phase.ENDED):
        screen.skip_to_next_event()
        await pilot.pause()
    # Let the other party finish their line, as a learner listening would.
    last = screen.call.transcript[-1]
    screen.advance(max(0.0, last.at + last.duration - screen.clock))
    await pilot.pause()
    return screen


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_library(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    app = _app(tmp_path, lang)

    async def loaded(pilot: Pilot[None]) -> None:
        await library_ready(pilot, app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=loaded)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_call_in_closing(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    scenario = sources.find(CALLS[lang])
    app = _app(tmp_path, lang, scenario=scenario)

    async def closing(pilot: Pilot[None]) -> None:
        await until(pilot, lambda: isinstance(app.screen, CallScreen))
        await _to_turn(pilot)
        await pilot.press("1")
        screen = await _to_turn(pilot)
        assert screen.call.in_closing

    assert snap_compare(app, terminal_size=SIZE, run_before=closing)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_debrief(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    scenario = sources.find(CALLS[lang])
    app = _app(tmp_path, lang, scenario=scenario)

    async def debrief(pilot: Pilot[None]) -> None:
        await until(pilot, lambda: isinstance(app.screen, CallScreen))
        await _to_turn(pilot)
        await pilot.press("1")
        await _to_turn(pilot)
        await pilot.press("2")  # the rushed line: the debrief has misses to show
        screen = app.screen
        assert isinstance(screen, CallScreen)
        await pilot.press("ctrl+g")
        await until(pilot, lambda: isinstance(app.screen, DebriefScreen))
        await app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=debrief)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_progress(snap_compare: Any, tmp_path: Path, lang: str,
                  monkeypatch: pytest.MonkeyPatch) -> None:
    # Dates are shown in local time: the picture is taken in UTC whatever the machine's zone.
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    seed_history()
    app = _app(tmp_path, lang)

    async def progress(pilot: Pilot[None]) -> None:
        await library_ready(pilot, app)
        await until(pilot, lambda: app.next_plan is not None)
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, ProgressScreen) and app.screen.ready)
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=SIZE, run_before=progress)
    finally:
        monkeypatch.undo()
        time.tzset()
