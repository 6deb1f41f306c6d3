"""``tutor.tui.startup``: the collector's pause and the bench's ready marker, on their own."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from tutor.tui.startup import READY_ENV, Startup, paused_collector


def test_the_collector_is_paused_until_the_callback_runs() -> None:
    with paused_collector() as started:
        assert not gc.isenabled()
        started()
        assert gc.isenabled()
    assert gc.isenabled()


def test_the_collector_is_back_on_when_the_block_fails() -> None:
    with pytest.raises(RuntimeError), paused_collector():
        raise RuntimeError("the app failed")
    assert gc.isenabled()


def test_on_started_runs_once_however_often_start_up_ends() -> None:
    calls: list[str] = []
    startup = Startup(lambda: calls.append("started"))
    startup.over()
    startup.over()
    assert calls == ["started"]


def test_the_first_frame_writes_the_marker_and_asks_to_exit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = tmp_path / "ready"
    monkeypatch.setenv(READY_ENV, str(marker))
    assert Startup(None).first_frame()
    assert float(marker.read_text("utf-8")) > 0


def test_without_the_marker_the_app_carries_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(READY_ENV, raising=False)
    assert not Startup(None).first_frame()
