"""Attempt store speed, each figure against a baseline measured in the same run:
- recording one attempt (p95 of 300, each its own transaction) vs an INSERT of the same row
  as one JSON text into a bare table with no index, on a file set up the same way (WAL,
  synchronous=NORMAL), so the ratio is the cost of checking the attempt, its verdict rows
  and its indexes (goal: p95 <= 5 ms);
- `tutor stats` on 10,000 attempts vs `tutor list` (goal <= 2x);
- the app's progress screen with 10,000 attempts vs with 10: from opening it to the frames
  that show its trends and list of attempts, headless (`App.run_test`), the median of
  several openings, the two stores taken in turns (goal <= 1.5x); beside it, for
  information, the same ratio in CPU time, which a busy machine disturbs far less.

Each figure is printed with its goal and whether it is met, and the machine's load average
beside them (the figures are only comparable within one run). Every wait is bounded: a step
that does not finish in time is reported as a failure, never waited on for ever. Exits 1
when a goal is missed or a step failed.
"""

from __future__ import annotations

import asyncio
import faulthandler
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from common import median_seconds, python, run_process
from textual.worker import WorkerCancelled

from tutor.store import open_store

if TYPE_CHECKING:
    from textual.app import App
    from textual.pilot import Pilot

    from tutor.tui.screens.progress import ProgressScreen

T = TypeVar("T")

RECORDS = 300
ATTEMPTS = 10_000
PRINCIPLES = ("pace", "last_word", "warmth", "offer_help", "person_first", "next_steps",
              "thanks")
START = datetime(2026, 1, 1, tzinfo=UTC)
#: The goals of issue 15: seconds, then ratios.
RECORD_GOAL = 0.005
STATS_GOAL = 2.0
SCREEN_GOAL = 1.5
#: No single step may take longer than this, in seconds (a command, a wait for the app).
WAIT_LIMIT = 60.0
#: The whole bench is stopped (with every thread's stack) after this many seconds.
TOTAL_LIMIT = 900


def attempt(n: int) -> dict[str, Any]:
    """A realistic attempt: a dozen turns, seven verdicts."""
    ended = START + timedelta(minutes=n)
    return {
        "scenario_id": f"call-{n % 12}", "file_hash": "sha256:" + "0" * 16, "lang": "en",
        "started_at": (ended - timedelta(minutes=2)).isoformat(), "ended_at": ended.isoformat(),
        "front_end": "tui", "hung_up_by": "other", "total": n % 101, "pass_mark": 70,
        "passed": n % 101 >= 70, "hints_used": 0, "seed": n,
        "transcript": [{"speaker": "learner" if t % 2 else "other",
                        "text": "Thank you so much, that's everything for today.", "at": t * 3.5}
                       for t in range(12)],
        "principles": [{"id": p, "verdict": ("met", "partly", "missed")[(n + i) % 3],
                        "points": 10 - 5 * ((n + i) % 3), "max": 10}
                       for i, p in enumerate(PRINCIPLES)],
    }


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def verdict(met: bool) -> str:
    return "pass" if met else "FAIL"


def bench_record(folder: Path) -> bool:
    store = open_store(folder / "attempts.sqlite3")
    bare = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    bare.execute("PRAGMA journal_mode = WAL")
    bare.execute("PRAGMA synchronous = NORMAL")
    bare.execute("CREATE TABLE attempt (id TEXT, scenario_id TEXT, body TEXT)")
    ours, ours_cpu, theirs = [], [], []
    for n in range(RECORDS):
        row = attempt(n)
        start, cpu = time.perf_counter(), time.thread_time()
        store.add(row)
        ours.append(time.perf_counter() - start)
        ours_cpu.append(time.thread_time() - cpu)
        start = time.perf_counter()
        bare.execute("INSERT INTO attempt VALUES (?, ?, ?)",
                     (str(n), row["scenario_id"], json.dumps(row)))
        theirs.append(time.perf_counter() - start)
    store.close()
    bare.close()
    met = p95(ours) <= RECORD_GOAL
    print(f"recording an attempt: p95 {p95(ours) * 1000:.2f} ms (goal <= "
          f"{RECORD_GOAL * 1000:.0f} ms): {verdict(met)}; median "
          f"{statistics.median(ours) * 1000:.2f} ms; a bare INSERT of the same row: p95 "
          f"{p95(theirs) * 1000:.2f} ms = {p95(ours) / p95(theirs):.2f}x", flush=True)
    # The rest of the wall time is waiting: for the disk (a checkpoint now and then, or
    # writes held back while the machine has much to write) or for a core.
    print(f"  the same in CPU time: p95 {p95(ours_cpu) * 1000:.2f} ms", flush=True)
    return met


def bench_stats(folder: Path) -> bool:
    env = {**os.environ, "TUTOR_DATA_DIR": str(folder / "big"),
           "TUTOR_CONFIG_DIR": str(folder / "config")}
    with open_store(folder / "big" / "attempts.sqlite3") as store:
        store.add_many([attempt(n) for n in range(ATTEMPTS)])

    def timed(command: str) -> float:
        return median_seconds(lambda: run_process(python("-m", "tutor", command), env=env,
                                                  timeout=WAIT_LIMIT), 1)

    listings, stats = in_turns(7, lambda: timed("list"), lambda: timed("stats"))
    return report_ratio(f"tutor stats on {ATTEMPTS:,} attempts", statistics.median(stats),
                        statistics.median(listings), "for 'tutor list'", STATS_GOAL)


def in_turns(rounds: int, base: Callable[[], T], ours: Callable[[], T]) -> tuple[list[T], list[T]]:
    """Two measures taken in turns, so that a busy moment of a shared machine falls on both
    alike: the samples of each."""
    bases, ourses = [], []
    for _ in range(rounds):
        bases.append(base())
        ourses.append(ours())
    return bases, ourses


def report_ratio(what: str, ours: float, base: float, baseline: str, goal: float | None,
                 unit: str = "ms") -> bool:
    """Print one ratio with its goal and verdict (a ratio with no goal is for information);
    whether the goal is met."""
    met = goal is None or ours / base <= goal
    judged = "" if goal is None else f" (goal <= {goal}x): {verdict(met)}"
    print(f"{what}: {ours * 1000:.0f} {unit} vs {base * 1000:.0f} {unit} {baseline} = "
          f"{ours / base:.2f}x{judged}", flush=True)
    return met


class BenchStuck(Exception):
    """The app did not reach a state the bench waits for within :data:`WAIT_LIMIT`."""


async def _until(pilot: Pilot[None], ready: Callable[[], bool], what: str) -> None:
    """Let the app run until ``ready()`` holds; a clear failure after WAIT_LIMIT seconds.

    It polls with a plain sleep: ``Pilot.pause`` would also make the screen draw a frame at
    every poll, a cost the app never pays on its own, and one that grows with the wait.
    """
    deadline = time.monotonic() + WAIT_LIMIT
    while not ready():
        if time.monotonic() > deadline:
            raise BenchStuck(f"waited {WAIT_LIMIT:g} s for {what}; the app shows "
                             f"{type(pilot.app.screen).__name__}")
        await asyncio.sleep(0.001)


async def _within(step: Awaitable[T], what: str) -> T:
    """The result of ``step``; a clear failure if it takes more than WAIT_LIMIT seconds."""
    try:
        return await asyncio.wait_for(step, WAIT_LIMIT)
    except TimeoutError:
        raise BenchStuck(f"waited {WAIT_LIMIT:g} s for {what}") from None


async def _workers_done(app: App[None]) -> None:
    """Wait for the app's workers to end; one cancelled for a newer one counts as ended."""
    ends = await _within(asyncio.gather(*(w.wait() for w in app.workers),
                                        return_exceptions=True), "the app's workers")
    for end in ends:
        if isinstance(end, BaseException) and not isinstance(end, WorkerCancelled):
            raise end


async def _open_progress(store: Path, openings: int) -> tuple[float, float]:
    """The median seconds, wall and CPU, from pushing the progress screen to its data being
    shown, over ``openings`` openings in one run of the app."""
    from tutor.settings import Settings
    from tutor.tui import AppOptions, make_app
    from tutor.tui.screens.library import LibraryScreen
    from tutor.tui.screens.progress import ProgressScreen

    # A learner who has started the app before: no first-start question over the library.
    app = make_app(AppOptions(store_path=store, ui_lang="en",
                              settings=Settings(gender_asked=True)))
    walls, cpus = [], []
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, LibraryScreen) and app.screen.loaded,
                     "the library")
        await _workers_done(app)  # the store is open, the practise-next plan worked out
        for _ in range(openings):
            wall, cpu = await _time_opening(pilot, ProgressScreen("en", app.records, {}))
            walls.append(wall)
            cpus.append(cpu)
            app.pop_screen()
            await _until(pilot, lambda: isinstance(app.screen, LibraryScreen),
                         "the library again")
            # Back on it, the library reads its calls and scores again: let that finish, so
            # that it does not run into the next opening.
            await _workers_done(app)
            await _within(app.screen.wait_for_refresh(), "the library's next frame")
    return statistics.median(walls), statistics.median(cpus)


async def _time_opening(pilot: Pilot[None], screen: ProgressScreen) -> tuple[float, float]:
    """Seconds, wall and CPU (every thread of this process), from pushing ``screen`` to the
    frames that show its data: the frame drawn once the data is in, and the next (a table
    measures the rows it was given when it is next idle, and may draw again)."""
    wall, cpu = time.perf_counter(), time.process_time()
    await pilot.app.push_screen(screen)
    await _until(pilot, lambda: screen.ready, "the progress screen's data")
    for _ in range(2):
        await _within(screen.wait_for_refresh(), "the progress screen's next frame")
    return time.perf_counter() - wall, time.process_time() - cpu


def bench_progress_screen(folder: Path) -> bool:
    few, many = folder / "few.sqlite3", folder / "many.sqlite3"
    with open_store(few) as store:
        store.add_many([attempt(n) for n in range(10)])
    with open_store(many) as store:
        store.add_many([attempt(n) for n in range(ATTEMPTS)])
    smalls, larges = in_turns(7, lambda: asyncio.run(_open_progress(few, 7)),
                              lambda: asyncio.run(_open_progress(many, 7)))
    met = report_ratio(f"progress screen ready with {ATTEMPTS:,} attempts",
                       statistics.median(w for w, _ in larges),
                       statistics.median(w for w, _ in smalls), "with 10", SCREEN_GOAL)
    # The work done, which other processes on the machine barely change: what the wall
    # time would show on a quiet one.
    report_ratio("  the same in CPU time", statistics.median(c for _, c in larges),
                 statistics.median(c for _, c in smalls), "with 10", None, unit="ms CPU")
    return met


def load() -> str:
    return "load average " + " ".join(f"{n:.2f}" for n in os.getloadavg())


def main() -> int:
    faulthandler.dump_traceback_later(TOTAL_LIMIT, exit=True)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # The app run in this process keeps to the bench's own folders too.
        os.environ["TUTOR_DATA_DIR"] = str(folder / "data")
        os.environ["TUTOR_CONFIG_DIR"] = str(folder / "config")
        print(f"before: {load()}", flush=True)
        for bench in (bench_record, bench_stats, bench_progress_screen):
            try:
                results.append(bench(folder))
            except (BenchStuck, subprocess.SubprocessError) as exc:
                print(f"{bench.__name__}: FAIL, {exc}", flush=True)
                results.append(False)
        print(f"after: {load()}", flush=True)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
