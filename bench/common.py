"""Helpers shared by the bench scripts: medians and running the tutor in a subprocess."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_seconds(run: Callable[[], object], repeat: int,
                   clock: Callable[[], float] = time.perf_counter) -> float:
    """The median time of ``repeat`` calls of ``run``: wall time, or ``clock``'s (e.g. CPU)."""
    times = []
    for _ in range(repeat):
        start = clock()
        run()
        times.append(clock() - start)
    return statistics.median(times)


def run_process(args: Sequence[str], stdin: str | None = None,
                env: dict[str, str] | None = None, timeout: float | None = None) -> None:
    """Run a command to completion, failing loudly if it fails (or outlasts ``timeout``)."""
    subprocess.run(args, input=stdin, text=True, check=True, cwd=ROOT, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout)


def python(*args: str) -> list[str]:
    """A command line running this interpreter."""
    return [sys.executable, *args]
