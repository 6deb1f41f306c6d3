"""Everything the full-screen app is started with: one record, built by the CLI and the tests.

Plain Python: the CLI builds it before Textual is imported. A plain class, not a dataclass:
it is on the way to the first frame, and a dataclass of this many fields costs more to create
at import than the rest of the module (see ``tutor.tui.startup``).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.practice import Practice
    from tutor.scenario.model import Scenario
    from tutor.settings import Settings
    from tutor.signals.types import SignalDetector
    from tutor.speech.types import SpeechBackend
    from tutor.tui.loading import LibraryData
    from tutor.workshop.seat import Seat


class AppOptions:
    """How to start the app. Every option has a default that suits a learner's own run.

    Read-only by convention: the app reads it once, when it is made.
    """

    __slots__ = ("ask_gender", "detector", "library_dirs", "on_started", "own_signals",
                 "patience", "practice", "preload", "reports_dir", "scenario", "settings",
                 "speech", "speech_on", "speed", "store_path", "theme", "ui_lang", "watch",
                 "workshop")

    def __init__(
        self,
        *,
        library_dirs: tuple[Path, ...] = (),
        ui_lang: str | None = None,
        speed: float = 1.0,
        patience: float | None = None,
        scenario: Scenario | None = None,
        practice: Practice | None = None,
        watch: Path | None = None,
        speech_on: bool | None = None,
        preload: Future[LibraryData] | None = None,
        on_started: Callable[[], object] | None = None,
        workshop: Seat | None = None,
        ask_gender: bool = True,
        own_signals: bool = True,
        speech: SpeechBackend | None = None,
        detector: SignalDetector | None = None,
        reports_dir: Path | None = None,
        store_path: Path | None = None,
        settings: Settings | None = None,
        theme: str | None = None,
    ) -> None:
        self.library_dirs = library_dirs  # trainers' folders, beside the bundled calls
        self.ui_lang = ui_lang  # --ui-lang; None: the settings, else each call's own language
        self.speed = speed  # the call clock runs this many times faster (demos, tests)
        self.patience = patience  # --patience: overrides each call's; math.inf: never
        self.scenario = scenario  # open this call at once (``tutor play ID``)
        self.practice = practice  # how to play that call (``--from``, ``--seed``)
        self.watch = watch  # live preview: follow this call file as it is saved
        self.speech_on = speech_on  # overrides the remembered choice (and is remembered)
        self.preload = preload  # a library read already under way
        self.on_started = on_started  # called once start-up is over
        self.workshop = workshop  # served to a browser by ``tutor workshop``: its seat
        # Ask the learner's gender on the first start (a setting records that it was asked);
        # tests of other screens turn it off.
        self.ask_gender = ask_gender
        # SIGTERM/SIGHUP end this app (``tutor.tui.lifecycle``); off where one process holds
        # several apps and handles the signals for all of them (``tutor.workshop.host``).
        self.own_signals = own_signals
        # Test seams: each None means "the real thing".
        self.speech = speech  # the backend to speak with; found on first use
        self.detector = detector  # the line analyzer; built in a worker
        self.reports_dir = reports_dir  # where the debrief exports reports
        self.store_path = store_path  # the attempt store (tutor.store); None: the learner's own
        self.settings = settings  # remembered choices; read from tutor.settings
        self.theme = theme  # a Textual theme, overriding the remembered one
