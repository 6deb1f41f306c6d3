"""Running tutor as a separate process, the way a user starts it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from tests.support.paths import REPO

RunTutor = Callable[..., "subprocess.CompletedProcess[str]"]


def tutor_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The test process's environment without a trainer folder, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k != "TUTOR_SCENARIOS"}
    env["PYTHONPATH"] = str(REPO)
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra or {})
    return env


def run_tutor_process(
    *args: str | Path,
    input: str | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path = REPO,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m tutor ARGS`` the way a user would, and capture what it prints."""
    return subprocess.run(
        [sys.executable, "-m", "tutor", *map(str, args)],
        input=input,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=tutor_env(env),
        cwd=cwd,
        timeout=timeout,
    )
