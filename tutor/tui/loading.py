"""Reading the library in a background thread that starts before the first screen exists.

Start-up is dominated by importing Textual; reading scenario cards in parallel with it takes
that work off the path to a drawn list, and off the UI thread. Plain Python: no Textual.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from tutor.safe_text import terminal_safe
from tutor.scenario.cards import Card
from tutor.scenario.sources import Origin, list_scenarios
from tutor.scores import load_scores


@dataclass(frozen=True, slots=True)
class LibraryData:
    """What the loader found: valid scenarios' cards, how many files were broken, best scores."""

    scenarios: tuple[Card, ...]
    broken: int
    scores: dict[str, int]
    origins: dict[str, Origin] = field(default_factory=dict)  # by id; bundled when missing


def read_library(library_dirs: Sequence[Path], scores_file: Path | None) -> LibraryData:
    """The scenario cards (cached, see ``tutor.scenario.cards``) and best scores (blocking)."""
    found = list_scenarios(library_dirs)
    # The cards are shown on screen: escape sequences in their text are shown, not obeyed.
    return LibraryData(terminal_safe(found.cards), len(found.broken), load_scores(scores_file),
                       found.origins)


def load_in_background(library_dirs: Sequence[Path],
                       scores_file: Path | None) -> Future[LibraryData]:
    """Start ``read_library`` on a daemon thread; the future holds its result or error."""
    future: Future[LibraryData] = Future()

    def run() -> None:
        try:
            future.set_result(read_library(library_dirs, scores_file))
        except BaseException as exc:
            future.set_exception(exc)

    threading.Thread(target=run, name="tutor-library", daemon=True).start()
    return future
