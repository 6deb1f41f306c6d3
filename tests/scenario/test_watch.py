"""Live preview's file watch: a save is seen once; a missing file is no change."""

from __future__ import annotations

import os
from pathlib import Path

from tutor.scenario.watch import FileWatch


def _save(path: Path, text: str, mtime_ns: int) -> None:
    path.write_text(text, "utf-8")
    os.utime(path, ns=(mtime_ns, mtime_ns))  # set, not waited for: no clock in the test


def test_a_save_is_seen_once(tmp_path: Path) -> None:
    path = tmp_path / "call.yaml"
    _save(path, "id: a\n", 1_000_000_000)
    watch = FileWatch(path)
    assert not watch.changed()
    _save(path, "id: ab\n", 2_000_000_000)
    assert watch.changed()
    assert not watch.changed()


def test_a_save_of_the_same_size_is_seen_by_its_time(tmp_path: Path) -> None:
    path = tmp_path / "call.yaml"
    _save(path, "id: a\n", 1_000_000_000)
    watch = FileWatch(path)
    _save(path, "id: b\n", 1_000_000_001)
    assert watch.changed()


def test_a_file_that_goes_missing_is_no_change_until_it_is_back(tmp_path: Path) -> None:
    path = tmp_path / "call.yaml"
    _save(path, "id: a\n", 1_000_000_000)
    watch = FileWatch(path)
    path.unlink()
    assert not watch.changed()
    _save(path, "id: abc\n", 3_000_000_000)
    assert watch.changed()
