"""A real ``tutor workshop`` process for the workshop tests, and a look at its children."""

from __future__ import annotations

import asyncio
import contextlib
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.paths import MINIMAL
from tests.support.processes import tutor_env
from tutor.workshop.probe import strip_escapes
from tutor.workshop.seat import seat_env
from tutor.workshop.starter import MODULE as STARTER
from tutor.workshop.starter import ForkedApp

CODE = "K7Q2"
#: A participant's app, started as the server starts it.
APP = (sys.executable, "-m", "tutor")
#: Textual's variables, read when it is imported: the session starter has them already.
APP_ENV = {"TEXTUAL_FPS": "60", "TEXTUAL_COLOR_SYSTEM": "truecolor", "TERM_PROGRAM": "textual",
           "TEXTUAL_DRIVER": "tutor.workshop.driver:WorkshopDriver"}
#: The call clock runs this many times faster, so a whole call takes seconds.
SPEED = 20.0
#: What the issue allows an orphaned app, in seconds.
ORPHAN_LIMIT = 5.0


@dataclass
class Workshop:
    """A running workshop server (started by :func:`start_workshop`)."""

    process: subprocess.Popen[str]
    join_url: str
    db: Path
    calls: Path
    lines: queue.Queue[str] = field(default_factory=queue.Queue)

    @property
    def base(self) -> str:
        """http://127.0.0.1:PORT"""
        return self.join_url.split("/?", 1)[0]

    def expected_argv(self) -> list[str]:
        """The command line the apps run with, as the trainer's options make it, word for
        word: the session starter's, whose forks the apps are."""
        return [sys.executable, "-m", STARTER, "--scenarios", str(self.calls.resolve()),
                "--speed", repr(SPEED)]

    def starter_pid(self) -> int | None:
        """The session starter (the server's child the apps are forked from), if running."""
        found = [pid for pid in children(self.process.pid) if STARTER in cmdline(pid)]
        return found[0] if found else None

    def app_pids(self) -> list[int]:
        """The app processes the server has started: forked by its session starter, or
        (without one) its own children."""
        starter = self.starter_pid()
        own = [pid for pid in children(self.process.pid) if pid != starter]
        return own + (children(starter) if starter is not None else [])

    def wait_for_line(self, text: str, timeout: float = 20.0) -> str:
        """The first line the server logs that contains ``text``."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                break
            if text in line:
                return line
        raise AssertionError(f"the server never logged {text!r}")

    def logged(self) -> list[str]:
        """The lines the server has logged since they were last read, without waiting."""
        lines = []
        with contextlib.suppress(queue.Empty):
            while True:
                lines.append(self.lines.get_nowait())
        return lines

    def stop(self) -> None:
        """Ctrl+C's signal, then wait; kill if it does not go."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def seat(tmp: Path, folder: str) -> dict[str, str]:
    """A participant's whole environment, seat folder ``tmp/folder``, no name in the link
    (the app suggests the name saved in the seat's folder, if any)."""
    return {**tutor_env(APP_ENV),
            **seat_env(results=tmp / "results.sqlite3", workshop="w", seat_dir=tmp / folder,
                       name="", server_pid=os.getpid()),
            "COLUMNS": "100", "ROWS": "30"}


def start_workshop(tmp: Path, *options: str, max_sessions: int = 3,
                   env: dict[str, str] | None = None) -> Workshop:
    """``tutor --scenarios CALLS workshop --port 0 --no-dashboard`` in ``tmp``, running; the
    only extra call is the minimal one, found by searching 'minimal'."""
    calls = tmp / "calls"
    calls.mkdir(exist_ok=True)
    shutil.copy(MINIMAL, calls / "minimal.yaml")
    db = tmp / "results.sqlite3"
    argv = [sys.executable, "-m", "tutor", "--speed", str(SPEED), "--scenarios", str(calls),
            "workshop", "--port", "0", "--no-dashboard", "--db", str(db), "--code", CODE,
            "--max", str(max_sessions), *options]
    process = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
        cwd=tmp, env=tutor_env({"TUTOR_CONFIG_DIR": str(tmp / "trainer"),
                                "HOME": str(tmp / "home"), **(env or {})}))
    assert process.stdout is not None
    workshop = Workshop(process, "", db, calls)
    stdout = process.stdout

    def pump() -> None:
        for line in stdout:
            workshop.lines.put(line.rstrip("\n"))

    threading.Thread(target=pump, daemon=True).start()
    join = workshop.wait_for_line("Join: ")
    workshop.join_url = join.split("Join: ", 1)[1].strip()
    return workshop


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` and that are not zombies, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            state = process_state(int(entry.name))
            if state is not None and state[1] == pid and state[0] != "Z":
                found.append(int(entry.name))
    return found


def process_state(pid: int) -> tuple[str, int] | None:
    """(state letter, parent pid) of a process, or None when it is gone."""
    try:
        stat = (Path("/proc") / str(pid) / "stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()  # the name, in parentheses, may hold spaces
    return fields[0], int(fields[1])


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie has ended, it only waits to be reaped)."""
    state = process_state(pid)
    return state is not None and state[0] != "Z"


def cmdline(pid: int) -> list[str]:
    """A process's argv, exactly ([] once it is gone)."""
    try:
        raw = (Path("/proc") / str(pid) / "cmdline").read_bytes()
    except OSError:
        return []
    return raw.decode().split("\0")[:-1]


async def still_alive(pids: Iterable[int], limit: float = ORPHAN_LIMIT) -> list[int]:
    """Those of ``pids`` still alive once they have all ended or ``limit`` seconds passed."""
    deadline = time.monotonic() + limit
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    return [pid for pid in pids if alive(pid)]


async def _frames_until(app: ForkedApp, text: str) -> str:
    drawn = ""
    while text not in drawn:
        kind = await app.stdout.readexactly(1)
        size = int.from_bytes(await app.stdout.readexactly(4), "big")
        payload = await app.stdout.readexactly(size)
        if kind == b"D":
            drawn += strip_escapes(payload.decode("utf-8", "replace"))
    return drawn


async def drawn_until(app: ForkedApp, text: str, timeout: float = 10.0) -> str:
    """Read the app's frames (past its first screen) until ``text`` is drawn; what was."""
    return await asyncio.wait_for(_frames_until(app, text), timeout)


async def screen_until(app: ForkedApp, text: str, timeout: float = 30.0) -> str:
    """Read a new app's packets until ``text`` is drawn; everything drawn so far."""

    async def read() -> str:
        assert await app.stdout.readline() == b"__GANGLION__\n"
        return await _frames_until(app, text)

    return await asyncio.wait_for(read(), timeout)
