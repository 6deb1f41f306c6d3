"""An app whose server is gone does not live on: after SIGKILL of the server, its apps end."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.support.processes import tutor_env
from tests.workshop.helpers import ORPHAN_LIMIT, alive, start_workshop, still_alive
from tutor.workshop.host import SESSIONS_PER_HOST
from tutor.workshop.probe import Participant
from tutor.workshop.seat import seat_env


async def test_after_sigkill_of_the_server_no_app_process_is_left(tmp_path: Path) -> None:
    workshop = start_workshop(tmp_path, max_sessions=SESSIONS_PER_HOST + 1)
    try:
        async with contextlib.AsyncExitStack() as stack:
            # One more than a host takes: more than one app process, whatever the cores.
            for _ in range(SESSIONS_PER_HOST + 1):
                participant = await stack.enter_async_context(Participant(workshop.join_url))
                await participant.wait_for("Who is practising?")
            apps = workshop.app_pids()
            assert len(apps) >= 2
            starter = workshop.starter_pid()
            if starter is not None:  # the process the apps were forked from goes too
                apps.append(starter)
            os.kill(workshop.process.pid, signal.SIGKILL)
            workshop.process.wait()
            assert await still_alive(apps) == []
    finally:
        workshop.stop()


def test_an_app_whose_input_ends_exits_even_while_its_parent_lives(tmp_path: Path) -> None:
    # The parent here (this test) stays alive: only the end of stdin can end the app.
    env = tutor_env(seat_env(results=tmp_path / "r.sqlite3", workshop="w",
                             seat_dir=tmp_path / "seat", name="Ada", server_pid=os.getpid()))
    app = subprocess.Popen([sys.executable, "-m", "tutor"], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    try:
        assert app.stdout is not None and app.stdin is not None
        assert app.stdout.readline() == b"__GANGLION__\n"  # the web driver is talking
        app.stdin.close()
        assert app.wait(ORPHAN_LIMIT) == 0
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()


def test_an_app_whose_parent_is_killed_exits_even_with_its_input_open(tmp_path: Path) -> None:
    # A parent that starts the app and is then killed, while this test keeps the app's
    # stdin open and reads its stdout: only the parent-death guard can end the app.
    stdin_r, stdin_w = os.pipe()
    stdout_r, stdout_w = os.pipe()
    env = tutor_env(seat_env(results=tmp_path / "r.sqlite3", workshop="w",
                             seat_dir=tmp_path / "seat", name="Ada", server_pid=0))
    parent_code = (
        "import os, subprocess, sys, time\n"
        "env = dict(os.environ, TUTOR_WORKSHOP_SERVER=str(os.getpid()))\n"
        f"app = subprocess.Popen([sys.executable, '-m', 'tutor'], stdin={stdin_r}, "
        f"stdout={stdout_w}, stderr=subprocess.DEVNULL, env=env, pass_fds=({stdin_r}, "
        f"{stdout_w}))\n"
        "print(app.pid, flush=True)\n"
        "time.sleep(600)\n")
    parent = subprocess.Popen([sys.executable, "-c", parent_code], stdout=subprocess.PIPE,
                              env=env, pass_fds=(stdin_r, stdout_w), text=True)
    os.close(stdin_r)
    os.close(stdout_w)
    assert parent.stdout is not None
    app = int(parent.stdout.readline())
    try:
        with os.fdopen(stdout_r, "rb") as output:
            assert output.readline() == b"__GANGLION__\n"
            parent.kill()
            parent.wait()
            deadline = time.monotonic() + ORPHAN_LIMIT
            while alive(app) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert not alive(app)
    finally:
        os.close(stdin_w)
        if alive(app):
            os.kill(app, signal.SIGKILL)
