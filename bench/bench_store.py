"""Attempt store speed, each figure against a baseline measured in the same run:
- recording one attempt (p95 of 300, each its own transaction) vs an INSERT of the same row
  as one JSON text into a bare table with no index, on a file set up the same way (WAL,
  synchronous=NORMAL), so the ratio is the cost of checking the attempt, its verdict rows
  and its indexes (goal: p95 <= 5 ms);
- `tutor stats` on 10,000 attempts vs `tutor list` (goal <= 2x);
- the app's progress screen with 10,000 attempts vs with 10: from opening it to its trends
  and list of attempts on screen, headless (`App.run_test`), median of several openings
  (goal <= 1.5x).
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from common import median_seconds, python, run_process

from tutor.store import open_store

RECORDS = 300
ATTEMPTS = 10_000
PRINCIPLES = ("pace", "last_word", "warmth", "offer_help", "person_first", "next_steps",
              "thanks")
START = datetime(2026, 1, 1, tzinfo=UTC)


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


def bench_record(folder: Path) -> None:
    store = open_store(folder / "attempts.sqlite3")
    bare = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    bare.execute("PRAGMA journal_mode = WAL")
    bare.execute("PRAGMA synchronous = NORMAL")
    bare.execute("CREATE TABLE attempt (id TEXT, scenario_id TEXT, body TEXT)")
    ours, theirs = [], []
    for n in range(RECORDS):
        row = attempt(n)
        start = time.perf_counter()
        store.add(row)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        bare.execute("INSERT INTO attempt VALUES (?, ?, ?)",
                     (str(n), row["scenario_id"], json.dumps(row)))
        theirs.append(time.perf_counter() - start)
    store.close()
    bare.close()
    print(f"recording an attempt: p95 {p95(ours) * 1000:.2f} ms (goal <= 5 ms), median "
          f"{statistics.median(ours) * 1000:.2f} ms; a bare INSERT of the same row: p95 "
          f"{p95(theirs) * 1000:.2f} ms = {p95(ours) / p95(theirs):.2f}x")


def bench_stats(folder: Path) -> None:
    env = {**os.environ, "TUTOR_DATA_DIR": str(folder / "big"),
           "TUTOR_CONFIG_DIR": str(folder / "config")}
    with open_store(folder / "big" / "attempts.sqlite3") as store:
        store.add_many([attempt(n) for n in range(ATTEMPTS)])
    listing = median_seconds(lambda: run_process(python("-m", "tutor", "list"), env=env), 7)
    stats = median_seconds(lambda: run_process(python("-m", "tutor", "stats"), env=env), 7)
    print(f"tutor stats on {ATTEMPTS:,} attempts: {stats * 1000:.0f} ms vs "
          f"{listing * 1000:.0f} ms for 'tutor list' = {stats / listing:.2f}x (goal <= 2.0x)")


async def _open_progress(store: Path, openings: int) -> float:
    """The median seconds from pushing the progress screen to its data being shown."""
    from tutor.settings import Settings
    from tutor.tui import AppOptions, make_app
    from tutor.tui.screens.library import LibraryScreen
    from tutor.tui.screens.progress import ProgressScreen

    app = make_app(AppOptions(store_path=store, ui_lang="en", settings=Settings()))
    times = []
    async with app.run_test(size=(80, 24)) as pilot:
        while not (isinstance(app.screen, LibraryScreen) and app.screen.loaded):
            await pilot.pause()
        await app.workers.wait_for_complete()  # the store is open, the plan worked out
        for _ in range(openings):
            screen = ProgressScreen("en", app.records, {})
            start = time.perf_counter()
            await app.push_screen(screen)
            while not screen.ready:
                await pilot.pause(0.001)
            await pilot.pause()  # the frame with the data in it
            times.append(time.perf_counter() - start)
            app.pop_screen()
            await pilot.pause()
    return statistics.median(times)


def bench_progress_screen(folder: Path) -> None:
    few, many = folder / "few.sqlite3", folder / "many.sqlite3"
    with open_store(few) as store:
        store.add_many([attempt(n) for n in range(10)])
    with open_store(many) as store:
        store.add_many([attempt(n) for n in range(ATTEMPTS)])
    # Taken in turns, so a busy moment of a shared machine falls on both sides alike.
    smalls, larges = [], []
    for _ in range(3):
        smalls.append(asyncio.run(_open_progress(few, 5)))
        larges.append(asyncio.run(_open_progress(many, 5)))
    small, large = statistics.median(smalls), statistics.median(larges)
    print(f"progress screen ready: {large * 1000:.0f} ms with {ATTEMPTS:,} attempts vs "
          f"{small * 1000:.0f} ms with 10 = {large / small:.2f}x (goal <= 1.5x)")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        bench_record(Path(tmp))
        bench_stats(Path(tmp))
        bench_progress_screen(Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
