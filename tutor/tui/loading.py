"""Reading the library in a background thread that starts before the first screen exists.

Start-up is dominated by importing Textual; reading scenario cards and the learner's record
in parallel with it takes that work off the path to a drawn list, and off the UI thread.
Plain Python: no Textual.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.safe_text import for_terminal, terminal_safe
from tutor.scenario.cards import Card
from tutor.scenario.sources import list_scenarios
from tutor.tui.records import Records

if TYPE_CHECKING:
    from tutor.practice_next import Suggestion
    from tutor.progress import CallProgress, Progress


@dataclass(frozen=True, slots=True)
class LibraryData:
    """What the loader found: valid scenarios' cards, how many files were broken, and the
    learner's record (None when the attempt store cannot be read)."""

    scenarios: tuple[Card, ...]
    broken: int
    progress: Progress | None = None

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
    from tutor.store import StoreError

    store = records.store() if records is not None else None
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
    return LibraryData(terminal_safe(found.cards), len(found.broken), read_progress(records))


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


@dataclass(frozen=True, slots=True)
class NextPlan:
    """What to practise next, and what the library needs to sort calls by it."""

    suggestion: Suggestion | None  # None until something has been judged
    tests: dict[str, dict[str, int]]  # per scenario id: closing lines per principle
    paths: dict[str, Path]  # each scenario's file
    titles: dict[str, str]  # each scenario's title, safe to show

    def path(self) -> Path | None:
        """The file of the suggested call, if there is one."""
        suggestion = self.suggestion
        if suggestion is None or suggestion.scenario_id is None:
            return None
        return self.paths.get(suggestion.scenario_id)


def plan_next(library_dirs: Sequence[Path], records: Records | None,
              lang: str | None) -> NextPlan:
    """Read every call in full and the record, and work out what to practise next
    (``tutor.practice_next``; blocking, so in a worker)."""
    from tutor.practice_next import closing_tests, suggest
    from tutor.scenario.sources import load_all

    scenarios = [s for s in load_all(library_dirs) if s.source is not None]
    tests = {s.id: closing_tests(s) for s in scenarios}
    progress = read_progress(records)
    suggestion = suggest(progress, scenarios, tests, lang) if progress is not None else None
    return NextPlan(suggestion, tests, {s.id: s.source for s in scenarios if s.source},
                    {s.id: for_terminal(s.title) for s in scenarios})
