"""What to practise next: the learner's record against every call's closing annotations.

Worked out by the app's worker after the first frame (``tutor.tui.startup``): it reads every
call file once and the attempt store, and brings ``tutor.practice_next`` with it. Plain
Python: no Textual.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from tutor.safe_text import for_terminal
from tutor.tui.loading import read_progress
from tutor.tui.records import Records

if TYPE_CHECKING:
    from tutor.practice_next import Suggestion


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
