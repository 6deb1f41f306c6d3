"""Shared helpers for the TUI tests: isolated apps and the two playing policies."""

from __future__ import annotations

import math
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from tutor.dialogue import Phase
from tutor.play.paths import pick
from tutor.scenario.model import Scenario
from tutor.tui import AppOptions, make_app
from tutor.tui.app import TutorApp
from tutor.tui.screens.call import CallScreen
from tutor.tui.screens.debrief import DebriefScreen
from tutor.tui.screens.library import LibraryScreen

HERE = Path(__file__).parent
FIXTURES = HERE / "scenarios"
MARKUP = HERE / "markup"
#: Simulated seconds per real second: every pause of a call passes within one clock tick.
FAST = 1000.0


def build_app(tmp: Path, **options: Any) -> TutorApp:
    """An app whose scores and reports stay inside ``tmp``; ``options`` as in ``AppOptions``.

    Unless a test sets ``patience``, the other side never minds silence: at ``FAST`` a tick
    between two keys is minutes of simulated silence.
    """
    if "library_dirs" in options:
        options["library_dirs"] = tuple(options["library_dirs"])
    options.setdefault("patience", math.inf)
    return make_app(AppOptions(scores_file=tmp / "scores.json", reports_dir=tmp / "reports",
                               **options))


async def until(pilot: Pilot[None], ready: Callable[[], bool], timeout: float = 10.0) -> None:
    """Let the app run until ``ready()`` holds (no fixed sleeps: each pause yields to it)."""
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause()


@asynccontextmanager
async def open_library(tmp: Path, ui_lang: str = "en", size: tuple[int, int] = (100, 30),
                       **kwargs: object) -> AsyncIterator[tuple[Pilot[None], LibraryScreen]]:
    """The app on its library of test calls, once the list is shown."""
    app = build_app(tmp, library_dirs=[FIXTURES], ui_lang=ui_lang, **kwargs)
    async with app.run_test(size=size) as pilot:
        yield pilot, await library_ready(pilot, app)


async def library_ready(pilot: Pilot[None], app: TutorApp) -> LibraryScreen:
    """Wait until the app shows its library with the list read; return that screen."""
    await until(pilot, lambda: isinstance(app.screen, LibraryScreen) and app.screen.loaded)
    library = app.screen
    assert isinstance(library, LibraryScreen)
    return library


def dentist() -> Scenario:
    """The small English fixture call most screen tests open directly."""
    from tutor.scenario import sources

    return sources.find("test-en-dentist", [FIXTURES])


async def learner_turn(pilot: Pilot[None], app: TutorApp) -> CallScreen:
    """Wait until the open call asks the learner for a line; return its screen."""
    await until(pilot, lambda: isinstance(app.screen, CallScreen)
                and app.screen.call.phase is Phase.LEARNER_TURN)
    screen = app.screen
    assert isinstance(screen, CallScreen)
    return screen


def call_screen(app: TutorApp) -> CallScreen | None:
    screen = app.screen
    return screen if isinstance(screen, CallScreen) else None


async def play(pilot: Pilot[None], app: TutorApp, style: str) -> DebriefScreen:
    """Play the open call to its end in ``style`` ('calm' or 'rushed'); return the debrief."""
    await until(pilot, lambda: isinstance(app.screen, (CallScreen, DebriefScreen)))
    while isinstance(app.screen, CallScreen):
        screen = app.screen
        call = screen.call
        await until(pilot, lambda s=screen: s.call.phase in (
            Phase.LEARNER_TURN, Phase.FAREWELL_PENDING, Phase.ENDED)
            or not isinstance(app.screen, CallScreen))
        if not isinstance(app.screen, CallScreen):
            break
        if call.phase is Phase.LEARNER_TURN:
            step = call.step
            await pilot.pause()
            if style == "rushed":
                # A learner who hangs up at once: no simulated time may pass between their
                # last line and the hang-up, so the clock stops until we see the phase.
                screen.speed = 0.0
            # The same moves as the headless tests and `tutor run --path`.
            move = pick(step, "best" if style == "calm" else "rushed", call.scenario.lang)
            if move.choice is not None:
                await pilot.press(str(move.choice))
            else:
                assert move.text is not None
                box = screen.query_one("#typed", Input)
                box.focus()
                box.value = move.text
                await pilot.press("enter")
            await until(pilot, lambda s=step, c=call: c.step is not s or
                        c.phase is not Phase.LEARNER_TURN)
            if call.phase is Phase.FAREWELL_PENDING and style == "rushed":
                await pilot.press("ctrl+g")
                await until(pilot, lambda: not isinstance(app.screen, CallScreen))
                break
            screen.speed = FAST
        elif call.phase is Phase.FAREWELL_PENDING and style == "rushed":
            await pilot.press("ctrl+g")
            await until(pilot, lambda: not isinstance(app.screen, CallScreen))
        else:
            await until(pilot, lambda: not isinstance(app.screen, CallScreen))
    await app.workers.wait_for_complete()
    await until(pilot, lambda: isinstance(app.screen, DebriefScreen))
    assert isinstance(app.screen, DebriefScreen)
    return app.screen


def scenario_ids(scenarios: list[Scenario]) -> list[str]:
    return [s.id for s in scenarios]
