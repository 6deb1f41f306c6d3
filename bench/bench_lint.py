"""Lint speed: the whole of `tutor lint` (validation plus the walk of every path) per call.

The goal is at least 50 bundled-size calls a second, fast enough to run on every save. The
baseline, measured in the same run on the same files, is validation alone (`tutor validate`'s
work), so the ratio says what the walk adds on any machine.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench_core import generate
from common import median_seconds

from tutor.authoring.lint import lint
from tutor.scenario.loader import check_file
from tutor.scenario.sources import scenario_dirs
from tutor.signals import build_detector

#: Calls linted per run: the bundled ones cycled under fresh ids (no id clashes to report).
CALLS = 110


def main() -> None:
    """Print calls/second for lint and validation, and their ratio."""
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

        base = median_seconds(validate_all, 3)
        full = median_seconds(lint_all, 3)
    print(f"lint (validate + walk every path): {len(paths) / full:,.0f} calls/s "
          f"(goal >= 50); validate alone: {len(paths) / base:,.0f} calls/s; "
          f"lint takes {full / base:.1f}x the time of validation")


if __name__ == "__main__":
    main()
