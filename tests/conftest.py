"""Shared fixtures for the core tests: real files, real processes, the repo's own scenarios."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.paths import MINIMAL, REFERENCE
from tests.support.processes import RunTutor, run_tutor_process
from tests.support.stores import BACKENDS, NewStore, new_stores

# Caches (the scenario catalog, the analyzer's build) go to a fresh folder per test run, never
# to the developer's own ~/.cache.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="tutor-test-cache-")
atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], ignore_errors=True)

@pytest.fixture
def run_tutor() -> RunTutor:
    """``run_tutor(*args, input=None, env=None)`` -> CompletedProcess, cwd at the repo root."""
    return run_tutor_process


@pytest.fixture(params=BACKENDS)
def new_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[NewStore]:
    """``new_store()`` -> where a fresh attempt store goes; a test that asks for it runs once
    on SQLite and once on PostgreSQL (see ``tests.support.stores``)."""
    with new_stores(request.param, tmp_path) as new:
        yield new


@pytest.fixture
def store_at(new_store: NewStore) -> str | Path:
    """Where this test's attempt store goes, on each backend in turn."""
    return new_store()


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
