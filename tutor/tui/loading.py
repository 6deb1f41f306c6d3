"""Reading the library in a background thread that starts before the first screen exists.

Start-up is dominated by importing Textual; reading scenario files in parallel with it takes
that work off the path to a drawn list, and off the UI thread. Plain Python: no Textual.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from tutor.catalog import Card
from tutor.safe_text import terminal_safe


@dataclass(frozen=True, slots=True)
class LibraryData:
    """What the loader found: valid scenarios' cards, how many files were broken, best scores."""

    scenarios: tuple[Card, ...]
    broken: int
    scores: dict[str, int]


def read_library(library_dirs: Sequence[Path], scores_file: Path | None) -> LibraryData:
    """Read the catalog of scenario files and the scores file (blocking).

    The catalog validates only files that changed since it was last written, so a start-up
    usually reads one small JSON file instead of every scenario.
    """
    from tutor.catalog import catalog, listing
    from tutor.library import scenario_dirs
    from tutor.scores import load_scores

    cards = catalog(scenario_dirs(library_dirs))
    broken = sum(1 for card in cards if not card.valid)
    # The cards are shown on screen: escape sequences in their text are shown, not obeyed.
    return LibraryData(terminal_safe(tuple(listing(cards))), broken, load_scores(scores_file))


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

