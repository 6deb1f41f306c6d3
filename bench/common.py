"""Helpers shared by the bench scripts: medians and running the tutor in a subprocess."""

from __future__ import annotations

import compileall
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def compile_tutor() -> None:
    """Byte-compile the tutor's own modules, as pip does for an installed package's.

    With ``PYTHONDONTWRITEBYTECODE`` set no run writes them, so every timed start would
    compile our source (the edited files, at least) while the libraries it is compared
    with load theirs compiled.
    """
    compileall.compile_dir(ROOT / "tutor", quiet=1)


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
