"""Reading the library in a background thread that starts before the first screen exists.

Start-up is dominated by importing Textual; reading scenario cards and the learner's record
in parallel with it takes that work off the path to a drawn list, and off the UI thread.
Plain Python: no Textual.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.safe_text import terminal_safe
from tutor.scenario.cards import Card
from tutor.scenario.sources import Origin, list_scenarios
from tutor.tui.records import Records

if TYPE_CHECKING:
    from tutor.progress import CallProgress, Progress


class LibraryData:
    """What the loader found: valid scenarios' cards, how many files were broken, and the
    learner's record (None when the attempt store cannot be read).

    A plain class: the loader runs beside Textual's import, on the way to the first frame
    (see ``tutor.tui.startup``).
    """

    __slots__ = ("broken", "origins", "progress", "scenarios")

    def __init__(self, scenarios: tuple[Card, ...], broken: int, progress: Progress | None = None,
                 origins: dict[str, Origin] | None = None) -> None:
        self.scenarios = scenarios
        self.broken = broken
        self.progress = progress
        # Where each call comes from, by id; a call missing here is a bundled one.
        self.origins: dict[str, Origin] = {} if origins is None else origins

    @property
    def calls(self) -> dict[str, CallProgress]:
        """Attempts, best and last score per scenario id."""
        return {} if self.progress is None else {c.scenario_id: c for c in self.progress.calls}

    @property
    def scores(self) -> dict[str, int]:
        """The best score per scenario id, over every front end."""
        return {sid: c.best for sid, c in self.calls.items()}


def read_progress(records: Records | None) -> Progress | None:
    """The learner's progress from the attempt store; None when it cannot be read."""
    if records is None:  # the CLI's early read: the store's imports would slow Textual's
        return None
    from tutor.store import StoreError

    store = records.store()
    if store is None:
        return None
    try:
        return store.stats()
    except StoreError:
        return None


def read_library(library_dirs: Sequence[Path], records: Records | None) -> LibraryData:
    """The scenario cards (cached, see ``tutor.scenario.cards``) and the record (blocking)."""
    found = list_scenarios(library_dirs)
    # The cards are shown on screen: escape sequences in their text are shown, not obeyed.
    return LibraryData(terminal_safe(found.cards), len(found.broken), read_progress(records),
                       found.origins)


def load_in_background(library_dirs: Sequence[Path],
                       records: Records | None) -> Future[LibraryData]:
    """Start ``read_library`` on a daemon thread; the future holds its result or error."""
    future: Future[LibraryData] = Future()

    def run() -> None:
        try:
            future.set_result(read_library(library_dirs, records))
        except BaseException as exc:
            future.set_exception(exc)

    threading.Thread(target=run, name="tutor-library", daemon=True).start()
    return future
