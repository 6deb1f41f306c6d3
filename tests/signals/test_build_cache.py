"""The build cache (``tutor/signals/build_cache.py``) may only save time, never change a result."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.signals.test_golden import _actual, _rows
from tutor.signals import Analyzer
from tutor.signals.build_cache import cache_file


@pytest.fixture(autouse=True)
def private_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return cache_file()


def test_cold_and_warm_builds_reproduce_the_golden_results(private_cache: Path) -> None:
    rows = _rows()[::3]
    cold = Analyzer()
    assert private_cache.is_file()
    warm = Analyzer()
    for analyzer in (cold, warm):
        assert [row for row in rows if _actual(analyzer, row) != row] == []


def test_a_warm_build_does_not_rewrite_the_cache(private_cache: Path) -> None:
    Analyzer()
    os.utime(private_cache, ns=(1, 1))
    Analyzer()
    assert private_cache.stat().st_mtime_ns == 1


@pytest.mark.parametrize("junk", ["", "{not json", "[]", '{"key": "old"}'])
def test_a_damaged_or_stale_cache_is_ignored(private_cache: Path, junk: str) -> None:
    private_cache.parent.mkdir(parents=True)
    private_cache.write_text(junk, "utf-8")
    assert Analyzer().analyze("Thanks, bye!").signals == ("thanks", "goodbye")
    json.loads(private_cache.read_text("utf-8"))  # replaced by a sound one


def test_wrong_cached_values_are_derived_again(private_cache: Path) -> None:
    Analyzer()
    data = json.loads(private_cache.read_text("utf-8"))
    data["literals"] = {pattern: 42 for pattern in data["literals"]}
    private_cache.write_text(json.dumps(data), "utf-8")
    assert Analyzer().analyze("Thanks, bye!").signals == ("thanks", "goodbye")


def test_an_edited_trainer_file_is_read_again(tmp_path: Path) -> None:
    signals = tmp_path / "trainer" / "signals"
    signals.mkdir(parents=True)
    path = signals / "en.yaml"
    path.write_text("signals:\n  goodbye:\n    match: ['\\bvale\\b']\n", "utf-8")
    assert Analyzer(extra_dirs=[tmp_path / "trainer"]).analyze("Vale!").has("goodbye")
    path.write_text("signals:\n  goodbye:\n    match: ['\\bvaleto\\b']\n", "utf-8")
    trained = Analyzer(extra_dirs=[tmp_path / "trainer"])
    assert not trained.analyze("Vale!").has("goodbye")
    assert trained.analyze("Valeto!").has("goodbye")


def test_an_unwritable_cache_is_no_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", "utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where the folder should be
    assert Analyzer().analyze("Thanks!").has("thanks")


def test_a_warm_start_in_a_new_process_does_not_rewrite_the_cache(private_cache: Path) -> None:
    # Each process hashes strings differently: nothing built may depend on set order.
    def build(seed: str) -> None:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", "from tutor.signals import Analyzer; Analyzer()"],
                       check=True, env=env)

    build("1")
    before = private_cache.stat().st_mtime_ns
    build("2")
    assert private_cache.stat().st_mtime_ns == before
