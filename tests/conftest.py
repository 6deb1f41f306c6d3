"""Shared fixtures for the core tests: real files, real processes, the repo's own scenarios."""

from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import ClassVar

import pytest

from tutor.signals.types import Lang, LineAnalysis, Signal, Span

# Caches (the scenario catalog, the analyzer's build) go to a fresh folder per test run, never
# to the developer's own ~/.cache.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="tutor-test-cache-")
atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], ignore_errors=True)

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MALFORMED = FIXTURES / "malformed"
MINIMAL = FIXTURES / "minimal.yaml"
# A frozen copy of the first bundled call, so these tests do not move when it is edited.
REFERENCE = REPO / "tests" / "fixtures" / "reference-call.yaml"

class MarkerDetector:
    """Finds signals by capital markers: BYE is a goodbye, THX a thanks. Nothing else.

    Engine tests route typed lines with it, so their outcome never depends on the analyzer.
    """

    MARKERS: ClassVar[dict[str, Signal]] = {"BYE": "goodbye", "THX": "thanks"}

    def analyze(self, text: str, lang: Lang | None = None) -> LineAnalysis:
        spans = [Span(signal, m.start(), m.end(), m.group())
                 for marker, signal in self.MARKERS.items()
                 for m in [re.search(marker, text)] if m]
        return LineAnalysis(text, lang or "en", tuple(s.signal for s in spans), tuple(spans))


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


@pytest.fixture
def run_tutor() -> RunTutor:
    """``run_tutor(*args, input=None, env=None)`` -> CompletedProcess, cwd at the repo root."""
    return run_tutor_process


@pytest.fixture
def minimal_scenario() -> str:
    """The text of the smallest valid scenario (``tests/fixtures/minimal.yaml``)."""
    return MINIMAL.read_text("utf-8")


@pytest.fixture
def reference_text() -> str:
    """The text of the reference scenario."""
    return REFERENCE.read_text("utf-8")


@pytest.fixture(autouse=True)
def _no_trainer_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process tests see only the bundled scenarios unless a test adds a folder."""
    monkeypatch.delenv("TUTOR_SCENARIOS", raising=False)


@pytest.fixture(autouse=True)
def _own_config_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Settings read and written by a test stay in its own folder, never the user's."""
    monkeypatch.setenv("TUTOR_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture(autouse=True)
def _own_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Attempts recorded by a test (and the processes it runs) stay in its own folder."""
    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path / "data"))
