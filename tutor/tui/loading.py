"""Reading the library in a background thread that starts before the first screen exists.

Start-up is dominated by importing Textual; reading scenario cards and the learner's record
in parallel with it takes that work off the path to a drawn list, and off the UI thread.
Plain Python: no Textual.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from tutor.safe_text import for_terminal, terminal_safe
from tutor.scenario.cards import Card
from tutor.scenario.sources import Origin, list_scenarios
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
    origins: dict[str, Origin] = field(default_factory=dict)  # by id; bundled when missing

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


class CallFacts(NamedTuple):
    """What "practise next" needs of one call, kept while its file does not change."""

    id: str
    title: str
    lang: str
    path: Path
    tests: dict[str, int]  # closing lines per principle (tutor.practice_next.closing_tests)


#: Per scenario file: its (mtime, size) when read, and its facts (None: it does not load).
_FACTS: dict[Path, tuple[tuple[int, int], CallFacts | None]] = {}
_FACTS_LOCK = threading.Lock()


def call_facts(library_dirs: Sequence[Path]) -> list[CallFacts]:
    """Every sound call's facts, one per id in listing order; a file is read in full only
    when it is new or changed since the last time (each read costs a YAML parse)."""
    from tutor.practice_next import closing_tests
    from tutor.scenario.loader import check_file
    from tutor.scenario.sources import files_in, one_per_id, scenario_dirs

    found = []
    with _FACTS_LOCK:
        for path in files_in(scenario_dirs(library_dirs)):
            try:
                info = path.stat()
            except OSError:
                continue
            stamp = (info.st_mtime_ns, info.st_size)
            seen = _FACTS.get(path)
            if seen is None or seen[0] != stamp:
                scenario = check_file(path)[0]
                facts = None if scenario is None else CallFacts(
                    scenario.id, for_terminal(scenario.title), scenario.lang, path,
                    closing_tests(scenario))
                seen = _FACTS[path] = (stamp, facts)
            if seen[1] is not None:
                found.append(seen[1])
    return one_per_id(found)


def plan_next(library_dirs: Sequence[Path], records: Records | None,
              lang: str | None) -> NextPlan:
    """Work out what to practise next from the record and the calls' closing annotations
    (``tutor.practice_next``; blocking, so in a worker). Before the first attempt there is
    nothing to suggest or name, and no call file is read."""
    from tutor.practice_next import suggest

    progress = read_progress(records)
    if progress is None or not progress.attempts:
        return NextPlan(None, {}, {}, {})
    calls = call_facts(library_dirs)
    tests = {c.id: c.tests for c in calls}
    return NextPlan(suggest(progress, calls, tests, lang), tests,
                    {c.id: c.path for c in calls}, {c.id: c.title for c in calls})
