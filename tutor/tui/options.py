"""Everything the full-screen app is started with: one record, built by the CLI and the tests.

Plain Python: the CLI builds it before Textual is imported.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
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


@dataclass(frozen=True)
class AppOptions:
    """How to start the app. Every field has a default that suits a learner's own run."""

    library_dirs: tuple[Path, ...] = ()  # trainers' folders, beside the bundled calls
    ui_lang: str | None = None  # --ui-lang; None: the settings, else each call's own language
    speed: float = 1.0  # the call clock runs this many times faster (demos, tests)
    patience: float | None = None  # --patience: overrides each call's; math.inf: never
    scenario: Scenario | None = None  # open this call at once (``tutor play ID``)
    practice: Practice | None = None  # how to play that call (``--from``, ``--seed``)
    watch: Path | None = None  # live preview: follow this call file as it is saved
    speech_on: bool | None = None  # overrides the remembered choice (and is remembered)
    preload: Future[LibraryData] | None = None  # a library read already under way
    on_started: Callable[[], object] | None = None  # called once start-up is over
    workshop: Seat | None = None  # served to a browser by ``tutor workshop``: its seat
    # Ask the learner's gender on the first start (a setting records that it was asked);
    # tests of other screens turn it off.
    ask_gender: bool = True
    # Test seams: each None means "the real thing".
    speech: SpeechBackend | None = None  # the backend to speak with; found on first use
    detector: SignalDetector | None = None  # the line analyzer; built in a worker
    reports_dir: Path | None = None  # where the debrief exports reports
    store_path: Path | None = None  # the attempt store (tutor.store); None: the learner's own
    settings: Settings | None = None  # remembered choices; read from tutor.settings
    theme: str | None = None  # a Textual theme, overriding the remembered one
