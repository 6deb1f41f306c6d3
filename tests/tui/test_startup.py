"""Start-up: the app says once when the library is up, and the CLI's pause of the collector ends."""

from __future__ import annotations

import gc
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest

from tests.support.tui import FIXTURES, build_app, until
from tutor import cli
from tutor.tui import startup
from tutor.tui.loading import LibraryData


async def test_the_start_hook_runs_once_when_the_library_is_on_screen(tmp_path: Path) -> None:
    calls: list[bool] = []
    app = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang="en",
                    on_started=lambda: calls.append(app.screen.loaded))  # type: ignore[has-type]
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: bool(calls))
        for _ in range(5):
            await pilot.pause()
        assert calls == [True]


async def test_the_start_hook_still_runs_when_the_library_never_shows(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(startup, "STARTUP_LIMIT", 0.05)
    never: Future[LibraryData] = Future()  # a read that does not finish
    calls: list[str] = []
    app = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang="en", preload=never,
                    on_started=lambda: calls.append("started"))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: bool(calls))
        assert not app.screen.loaded  # type: ignore[attr-defined]
    assert calls == ["started"]


def test_the_cli_pauses_the_collector_only_until_the_app_has_started(
        monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    class App:
        def __init__(self, on_started: Any) -> None:
            self.on_started = on_started

        def run(self) -> None:
            seen["while starting"] = gc.isenabled()
            self.on_started()
            seen["once started"] = gc.isenabled()

    monkeypatch.setattr("tutor.tui.make_app", lambda options: App(options.on_started))
    monkeypatch.setattr(cli, "_has_terminal", lambda: True)
    assert cli.main([]) == 0
    assert seen == {"while starting": False, "once started": True}
    assert gc.isenabled()


def test_the_collector_is_back_on_even_when_the_app_fails(
        monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        def run(self) -> None:
            raise RuntimeError("the terminal went away")

    monkeypatch.setattr("tutor.tui.make_app", lambda options: Broken())
    monkeypatch.setattr(cli, "_has_terminal", lambda: True)
    with pytest.raises(RuntimeError):
        cli.main([])
    assert gc.isenabled()
