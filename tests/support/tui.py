"""Shared helpers for the TUI tests: isolated apps and the two playing policies."""

from __future__ import annotations

import math
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from textual.app import App
from textual.notifications import Notification, Notifications
from textual.pilot import Pilot
from textual.widgets import Input

from tutor.dialogue import Call, Phase
from tutor.play.paths import pick
from tutor.scenario.model import Scenario, Step
from tutor.tui import AppOptions, make_app
from tutor.tui.app import TutorApp
from tutor.tui.screens.call import CallScreen
from tutor.tui.screens.debrief import DebriefScreen
from tutor.tui.screens.library import LibraryScreen

HERE = Path(__file__).resolve().parents[1] / "tui"
FIXTURES = HERE / "scenarios"
MARKUP = HERE / "markup"
#: Simulated seconds per real second: every pause of a call passes within one clock tick.
FAST = 1000.0


def build_app(tmp: Path, **options: Any) -> TutorApp:
    """An app whose reports stay inside ``tmp`` (attempts go to the test's own
    ``TUTOR_DATA_DIR``); ``options`` as in ``AppOptions``.

    Unless a test sets ``patience``, the other side never minds silence: at ``FAST`` a tick
    between two keys is minutes of simulated silence.
    """
    if "library_dirs" in options:
        options["library_dirs"] = tuple(options["library_dirs"])
    options.setdefault("ask_gender", False)  # the first-start question has tests of its own
    options.setdefault("patience", math.inf)
    app = make_app(AppOptions(reports_dir=tmp / "reports", **options))
    _keep_toasts(app)
    return app


_TOASTS: WeakKeyDictionary[App[Any], list[Notification]] = WeakKeyDictionary()


def _keep_toasts(app: App[Any]) -> None:
    kept = _TOASTS[app] = []
    shown = app._notifications
    add = shown.add

    def keep(notification: Notification) -> Notifications:
        kept.append(notification)
        return add(notification)

    shown.add = keep  # type: ignore[method-assign]


def told(app: App[Any]) -> list[Notification]:
    """Every toast an app from ``build_app`` has shown, in order, those gone included.

    Textual's own list drops a toast once its timeout has passed, and a busy machine can take
    longer than that between the toast and the test's look at it: a test that asks what was
    said asks here.
    """
    return _TOASTS[app]


def said(app: App[Any], words: str) -> list[str]:
    """The messages of the toasts ``app`` has shown (``told``) that hold ``words``."""
    return [n.message for n in told(app) if words in n.message]


def stored_attempts(scenario_id: str | None = None) -> list[dict[str, Any]]:
    """The attempts in the test's own store (``TUTOR_DATA_DIR``), newest first."""
    from tutor.store import open_store

    with open_store() as store:
        return store.attempts(scenario_id)


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
        def turn_or_end(s: CallScreen = screen) -> bool:
            return s.call.phase in (Phase.LEARNER_TURN, Phase.FAREWELL_PENDING, Phase.ENDED) \
                or not isinstance(app.screen, CallScreen)

        await until(pilot, turn_or_end)
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
            def moved_on(s: Step = step, c: Call = call) -> bool:
                return c.step is not s or c.phase is not Phase.LEARNER_TURN

            await until(pilot, moved_on)
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


#: Six attempts of the fixture calls, a day apart, getting better at most principles and
#: never at warmth (the weakest, so "practise next" is stable): enough to show a trend.
HISTORY_VERDICTS = ("missed", "missed", "partly", "partly", "met", "met")


def seed_history(count: int = 6) -> None:
    """Fill the test's own store with ``count`` attempts at fixed dates (UTC)."""
    from datetime import UTC, datetime, timedelta

    from tutor.store import open_store

    start = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)
    attempts = []
    for n in range(count):
        improving = HISTORY_VERDICTS[n % len(HISTORY_VERDICTS)]
        ended = start + timedelta(days=n)
        verdicts = {"pace": improving, "last_word": improving, "warmth": "missed",
                    "thanks": "met" if n % 2 else "partly"}
        points = {"met": 10, "partly": 5, "missed": 0}
        scenario = ("test-en-dentist", "test-ru-courier")[n % 2]
        total = 40 + 10 * (n % 7)  # 40 to 100, again and again
        attempts.append({
            "id": f"seeded-{n}", "scenario_id": scenario, "lang": scenario[5:7],
            "started_at": (ended - timedelta(minutes=2)).isoformat(),
            "ended_at": ended.isoformat(), "front_end": ("tui", "plain", "run")[n % 3],
            "transcript": [
                {"speaker": "other", "text": "Anything else I can do for you?", "at": 0.0,
                 "duration": 1.5, "pace": "calm"},
                {"speaker": "learner", "text": "No, that's all. Bye!", "at": 2.0,
                 "duration": 1.0, "pace": "rushed", "met": [], "broke": ["warmth"]},
            ],
            "hung_up_by": "learner", "total": total, "pass_mark": 70, "passed": total >= 70,
            "principles": [{"id": p, "verdict": v, "points": points[v], "max": 10,
                            "message": f"Seeded reason for {p}.", "better": None}
                           for p, v in verdicts.items()],
            "summary": "A seeded attempt.", "other_name": "Dr Reed",
        })
    with open_store() as store:
        store.add_many(attempts)
