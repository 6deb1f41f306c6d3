"""One participant's app as the server drives it (``SessionService``), in this process: the
exec fallback, and the queue that keeps thirty apps from starting at once."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual_serve.download_manager import DownloadManager

from tests.support.processes import tutor_env
from tests.workshop.helpers import APP, APP_ENV, alive, cmdline, seat
from tutor.workshop.server import SessionService
from tutor.workshop.starter import Starter, starter_argv

QUESTION = b"Who is practising?"


class Screen:
    """What one app has drawn, as the browser would get it."""

    def __init__(self, name: str, events: list[str]) -> None:
        self.name = name
        self.events = events
        self.frames: list[bytes] = []

    async def write(self, data: bytes) -> None:
        if not self.frames:
            self.events.append(f"{self.name} drawn")
        self.frames.append(data)

    @property
    def drawn(self) -> bytes:
        return b"".join(self.frames)


async def _ignore(*_: object) -> None:
    return None


class RecordedService(SessionService):
    """A session that notes when its app process is opened."""

    events: list[str]
    name: str

    async def _open_app_process(self, width: int = 80, height: int = 24
                                ) -> asyncio.subprocess.Process:
        self.events.append(f"{self.name} opened")
        return await super()._open_app_process(width, height)


def service(tmp: Path, name: str, events: list[str], slots: asyncio.Semaphore | None = None,
            starter: Starter | None = None) -> tuple[RecordedService, Screen]:
    screen = Screen(name, events)
    made = RecordedService(APP, seat(tmp, name), starter, slots, write_bytes=screen.write,
                           write_str=_ignore, close=_ignore, download_manager=DownloadManager())
    made.events, made.name = events, name
    return made, screen


async def test_without_a_running_starter_the_app_is_execd_from_the_fixed_argv(
        tmp_path: Path) -> None:
    stopped = Starter(starter_argv(APP), tutor_env(APP_ENV))  # never started
    app, screen = service(tmp_path, "ada", [], starter=stopped)
    await app.start(100, 30)
    try:
        assert app.pid is not None
        assert cmdline(app.pid) == list(APP)
        while QUESTION not in screen.drawn:
            await asyncio.sleep(0.05)
    finally:
        await app.stop()
    assert not alive(app.pid)


async def test_start_returns_once_the_app_has_drawn(tmp_path: Path) -> None:
    app, screen = service(tmp_path, "ada", [])
    await app.start(100, 30)
    try:
        assert screen.frames
    finally:
        await app.stop()


async def test_with_one_start_slot_the_next_app_opens_only_once_the_first_has_drawn(
        tmp_path: Path) -> None:
    events: list[str] = []
    slots = asyncio.Semaphore(1)
    ada, _ = service(tmp_path, "ada", events, slots)
    grace, _ = service(tmp_path, "grace", events, slots)
    try:
        await asyncio.gather(ada.start(100, 30), grace.start(100, 30))
    finally:
        await asyncio.gather(ada.stop(), grace.stop())
    assert events == ["ada opened", "ada drawn", "grace opened", "grace drawn"]
