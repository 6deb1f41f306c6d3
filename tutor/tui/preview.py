"""Live preview (``tutor play FILE --watch``): the call on screen follows its file as it is saved.

A thread worker looks at the file a few times a second (``tutor.scenario.watch``) and loads it
again when it changes. A sound file replaces the call on screen by a new call of it, replayed
up to where the learner was (``tutor.play.replay``); a file with problems shows them over the
call, with file, line and column, until a save fixes them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from textual.app import App
from textual.worker import get_current_worker

from tutor.dialogue import Call
from tutor.locale import Lang, text
from tutor.play.replay import Replay, moves_of, replay
from tutor.scenario.loader import check_file
from tutor.scenario.model import Scenario
from tutor.scenario.problems import Problem
from tutor.scenario.watch import POLL_SECONDS, FileWatch
from tutor.signals.types import SignalDetector
from tutor.tui.screens.call import CallScreen
from tutor.tui.screens.problems import ProblemsScreen

#: Opens a call of a scenario (already as played) on screen, going on from ``call`` when given.
OpenCall = Callable[[Scenario, Call | None], None]
#: The scenario as the app plays it (its text made safe, the learner's gender, --patience).
AsPlayed = Callable[[Scenario], Scenario]


class LivePreview:
    """Watches one call file for the app and keeps the call on screen in step with it."""

    def __init__(self, app: App[Any], path: Path, lang_of: Callable[[Scenario | None], Lang],
                 detector: Callable[[], SignalDetector], open_call: OpenCall,
                 as_played: AsPlayed) -> None:
        self.app = app
        self.path = path
        self.lang_of = lang_of  # the interface language of a call (None: none loaded yet)
        self.detector = detector
        self.open_call = open_call
        # The replay must play the call the learner is in: with the file's own patience in place
        # of --patience, a learner slower than the file allows would find, after a save, that
        # the other side had hung up on them where they never did.
        self.as_played = as_played
        self._last: Scenario | None = None  # the last sound load

    @property
    def lang(self) -> Lang:
        """The interface language of the call last loaded."""
        return self.lang_of(self._last)

    def start(self, scenario: Scenario | None) -> None:
        """Start watching; with no ``scenario`` loaded yet, load the file at once."""
        self._last = scenario
        self.app.run_worker(partial(self._poll, load_now=scenario is None), thread=True,
                            exclusive=True, group="watch", exit_on_error=False)

    def _poll(self, load_now: bool) -> None:
        watch = FileWatch(self.path)
        worker = get_current_worker()
        if load_now:
            self.app.call_from_thread(self.reloaded, *check_file(self.path))
        while not worker.is_cancelled:  # the app cancels its workers as it closes
            time.sleep(POLL_SECONDS)
            if watch.changed():
                scenario, problems = check_file(self.path)  # file work: here, off the UI
                self.app.call_from_thread(self.reloaded, scenario, problems)

    # --- on the UI thread -----------------------------------------------------------------

    def reloaded(self, scenario: Scenario | None, problems: list[Problem]) -> None:
        """Show what the latest save holds: its problems, or the call going on from here."""
        if scenario is None:
            self.show_problems(problems)
            return
        self._last = scenario
        while isinstance(self.app.screen, ProblemsScreen) or (
                self._call_screen() is not None and not isinstance(self.app.screen, CallScreen)):
            self.app.pop_screen()  # the problems, and the map or help over the call
        screen = self.app.screen
        played = self.as_played(scenario)
        if not isinstance(screen, CallScreen):
            self.open_call(played, None)
            return
        again = replay(played, self.detector(), moves_of(screen.call), until=screen.clock)
        self.open_call(played, again.call)
        self.app.notify(self._told(again), timeout=3)

    def show_problems(self, problems: list[Problem]) -> None:
        """The problems over whatever is on screen, or in place of those shown before."""
        if isinstance(self.app.screen, ProblemsScreen):
            self.app.screen.show(problems)
        else:
            self.app.push_screen(ProblemsScreen(self.lang, self.path, problems))

    def _call_screen(self) -> CallScreen | None:
        return next((s for s in self.app.screen_stack if isinstance(s, CallScreen)), None)

    def _told(self, again: Replay) -> str:
        if again.complete:
            return text(self.lang, "ui.preview_reloaded", file=self.path.name)
        return text(self.lang, "ui.preview_stopped", file=self.path.name,
                    applied=again.applied, moves=again.moves, step=again.stopped_at or "")
