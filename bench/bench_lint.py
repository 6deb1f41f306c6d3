"""Lint speed: the whole of `tutor lint` (validation plus the walk of every path) per call.

The goal is at least 50 bundled-size calls a second, fast enough to run on every save. The
baseline, measured in the same run on the same files, is validation alone (`tutor validate`'s
work), so the ratio says what the walk adds on any machine. On a shared machine wall time
swings with the load, so the CPU time this process spent is printed beside it, and the load.
The walk scores thousands of paths, so the evaluation figure of `bench_core` closes the report.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from bench_core import bench_evaluate, generate
from common import median_seconds

from tutor.authoring.lint import lint
from tutor.scenario.loader import check_file
from tutor.scenario.sources import scenario_dirs
from tutor.signals import build_detector

#: Calls linted per run: the bundled ones cycled under fresh ids (no id clashes to report).
CALLS = 110
#: Bundled-size calls a second that make lint fast enough to run on save.
GOAL = 50


def main() -> None:
    """Print calls/second for lint and validation, their ratio, and whether the goal is met."""
    analyzer = build_detector(scenario_dirs())
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(Path(tmp), CALLS)
        lint(paths[:2], detector=analyzer)  # warm the analyzer's caches, as an editor's would be

        def validate_all() -> None:
            for path in paths:
                check_file(path)

        def lint_all() -> None:
            reports = lint(paths, detector=analyzer)
            assert all(r.walk is not None for r in reports)

        load = os.getloadavg()[0]
        base = median_seconds(validate_all, 3)
        full = median_seconds(lint_all, 3)
        base_cpu = median_seconds(validate_all, 3, time.process_time)
        full_cpu = median_seconds(lint_all, 3, time.process_time)
    rate = len(paths) / full
    print(f"lint (validate + walk every path): {rate:,.0f} calls/s "
          f"({len(paths) / full_cpu:,.0f} per CPU second); validate alone: "
          f"{len(paths) / base:,.0f} calls/s ({len(paths) / base_cpu:,.0f} per CPU second); "
          f"lint takes {full / base:.1f}x the time of validation ({full_cpu / base_cpu:.1f}x "
          f"in CPU time); load average {load:.1f} at the start")
    print(f"goal >= {GOAL} calls/s: {'met' if rate >= GOAL else 'NOT met'}")
    bench_evaluate()


if __name__ == "__main__":
    main()
