"""Start-up: the few tricks that bring the library on screen fast, each said here once.

The goal is measured by ``bench/bench_tui_startup.py``: the tutor's library is drawn within
1.3 times the start-up of a minimal Textual app. What it takes:

- The CLI reads the library in a thread (``tutor.tui.loading``) while it imports Textual,
  which is most of start-up; the list is there for the first frame.
- ``paused_collector``: start-up builds a great many objects (Textual's modules, the first
  screen) and frees almost none, so the cyclic collector would only scan them again and
  again. It is off until the library is on screen.
- The early read takes only what the first frame shows: cards, broken files and where each
  call comes from (``origins`` resolves only trainers' files). The record (the attempt
  store, which brings sqlite3) is read by the library's worker after the first frame. While
  Textual is imported, any Python the reader runs holds the lock the import needs.
- What the first frame does not show is not imported for it: working out what to practise
  next lives in ``tutor.tui.next_plan``, imported by the worker that plans after the first
  frame; the practise-next line and the verdict widget name their types only for type
  checking, so the feedback package, progress and practise-next arrive with that worker. The
  participant's name screen is imported only in a workshop. The practise-next line itself
  is mounted when the first plan arrives, and the library imports the call's own-line
  widget only when a key is typed into its search box. (Each module and each dataclass on
  the way to the first frame costs a fraction of a millisecond; they add up.)
- Records read on the way to the first frame are plain classes with ``__slots__``, not
  dataclasses: ``AppOptions``, ``Seat``, ``LibraryData``, ``News``, ``Notice``, ``Unread``,
  ``KeySpec`` and ``Settings`` (a value with its own ``replace``). A dataclass compiles
  and runs generated source for its methods when its module is imported (``slots=True``
  builds the class a second time), several times the cost of the rest of a small module; a
  hand-written ``__init__`` comes compiled in the ``.pyc``. Elsewhere dataclasses stay the
  rule. For the same reason the cue folder's name (``CUE_FOLDER``) lives in
  ``tutor.scenario.sources``: listing the library does not import ``tutor.signals``.
- Listing the library (``tutor.scenario.sources`` and ``cards``) walks the folders with
  ``os.scandir`` and works on path strings: a ``Path`` for every entry (the calls'
  transcript folders included) and a resolve for every file were most of the listing's
  cost. Cards are keyed by absolute path; only a trainer's file is resolved, to tell whether
  it lies in the bundled folder.
- SIGTERM and SIGHUP are caught with ``signal.signal`` (``tutor.tui.lifecycle``):
  ``loop.add_signal_handler`` builds the set of valid signals as enum members at each call.
- Every start (the app's and the headless commands') reads ``tutor.locale``,
  ``tutor.scenario.cards`` and ``tutor.scenario.sources``. They have no ``from __future__
  import annotations``: with it, ``typing.NamedTuple`` compiles each field's annotation as
  source text, which cost more than everything else in those modules. ``tutor.safe_text``
  keeps its Markdown patterns as strings that ``re`` compiles on the first report.
- ``Startup.first_frame``: the analyzer is warmed up, the record read and the next call
  planned only after the first frame, so that they do not compete with it. The bench's
  ready marker (``$TUTOR_EXIT_WHEN_READY``) is written at that moment and the app exits
  without starting any of them: the bench measures start-up, not a race between the exit
  and the work that follows it.
- ``STARTUP_LIMIT``: if the library never shows (a folder that cannot be read), start-up
  still ends, and with it the pause of the collector.

Plain Python: no Textual.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

#: When set, the app writes the wall-clock time to this file once the library is drawn, then
#: exits (the start-up benchmark reads it).
READY_ENV = "TUTOR_EXIT_WHEN_READY"

#: Seconds after which start-up counts as over even if the library has not shown yet.
STARTUP_LIMIT = 3.0


@contextmanager
def paused_collector() -> Iterator[Callable[[], None]]:
    """Turn the cyclic collector off; yield the callback that turns it back on.

    Pass the callback as the app's ``on_started``; the collector is on again on the way out
    in any case, even if the app fails.
    """
    gc.disable()
    try:
        yield gc.enable
    finally:
        gc.enable()


def ready_marker() -> Path | None:
    """The file named by ``$TUTOR_EXIT_WHEN_READY``, if set."""
    value = os.environ.get(READY_ENV)
    return Path(value) if value else None


class Startup:
    """The app's side of start-up: ``on_started`` is called once, when start-up is over."""

    def __init__(self, on_started: Callable[[], object] | None) -> None:
        self._on_started = on_started

    def first_frame(self) -> bool:
        """The library is drawn. True when the app should exit (the bench's marker is set)."""
        marker = ready_marker()
        if marker is not None:
            marker.write_text(f"{time.time()}\n", "utf-8")  # wall clock, read by the bench
        return marker is not None

    def over(self) -> None:
        """Start-up has ended (the library is drawn, or STARTUP_LIMIT passed); only once."""
        callback, self._on_started = self._on_started, None
        if callback is not None:
            callback()
