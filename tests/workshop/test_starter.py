"""The session starter: apps forked from one process that imported the app once, each with
its own environment, descriptors and process group, and none outliving the starter."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import pytest

from tests.support.paths import FIXTURES
from tests.support.processes import tutor_env
from tests.workshop.helpers import (
    APP,
    APP_ENV,
    ORPHAN_LIMIT,
    alive,
    children,
    cmdline,
    process_state,
    screen_until,
    seat,
    start_workshop,
    still_alive,
)
from tutor.workshop.probe import Participant
from tutor.workshop.seat import save_name
from tutor.workshop.starter import Starter, starter_argv, supported

pytestmark = pytest.mark.skipif(not supported(), reason="the session starter is Linux only")

async def test_the_starter_is_ready_once_it_has_imported_the_app(starter: Starter) -> None:
    assert starter.running
    assert starter.process is not None
    assert cmdline(starter.process.pid) == list(starter_argv(APP))


async def test_each_forked_app_has_its_own_environment_and_settings_folder(
        starter: Starter, tmp_path: Path) -> None:
    save_name(tmp_path / "ada", "Ada")
    save_name(tmp_path / "grace", "Grace")
    ada = await starter.fork_app(seat(tmp_path, "ada"))
    grace = await starter.fork_app(seat(tmp_path, "grace"))
    try:
        # Each suggests the name from its own folder (the link gave none).
        assert "Grace" not in await screen_until(ada, "Ada")
        assert "Ada" not in await screen_until(grace, "Grace")
    finally:
        for app in (ada, grace):
            app.stdin.close()
            await asyncio.wait_for(app.wait(), ORPHAN_LIMIT)


async def test_a_forked_app_is_the_starters_child_in_a_process_group_of_its_own(
        starter: Starter, tmp_path: Path) -> None:
    app = await starter.fork_app(seat(tmp_path, "seat"))
    try:
        await screen_until(app, "Who is practising?")
        assert starter.process is not None
        assert children(starter.process.pid) == [app.pid]
        assert os.getpgid(app.pid) == app.pid  # the server can kill its group as one
        assert not app.ended
    finally:
        app.stdin.close()
        await asyncio.wait_for(app.wait(), ORPHAN_LIMIT)
    assert app.ended


async def test_a_forked_app_leaves_tls_out(starter: Starter, tmp_path: Path) -> None:
    # It talks to the server through pipes only; TLS would cost each session its set-up.
    app = await starter.fork_app(seat(tmp_path, "seat"))
    try:
        await screen_until(app, "Who is practising?")
        libraries = Path(f"/proc/{app.pid}/maps").read_text()
        assert "/_ssl." not in libraries
        assert "libssl" not in libraries
    finally:
        app.stdin.close()
        await asyncio.wait_for(app.wait(), ORPHAN_LIMIT)


async def test_when_the_starter_dies_its_apps_end(starter: Starter, tmp_path: Path) -> None:
    app = await starter.fork_app(seat(tmp_path, "seat"))
    await screen_until(app, "Who is practising?")
    assert starter.process is not None
    os.kill(starter.process.pid, signal.SIGKILL)  # its stdin stays open: only the guard ends it
    try:
        await asyncio.wait_for(app.wait(), ORPHAN_LIMIT)
    finally:
        if alive(app.pid):
            os.killpg(app.pid, signal.SIGKILL)


async def test_a_stopped_starter_exits_and_a_new_one_is_started_on_demand(
        starter: Starter, tmp_path: Path) -> None:
    first = starter.process
    assert first is not None
    await starter.stop(5.0)
    assert first.returncode is not None and not starter.running
    await starter.ensure_running()
    assert starter.process is not None and starter.process.pid != first.pid
    app = await starter.fork_app(seat(tmp_path, "seat"))
    try:
        await screen_until(app, "Who is practising?")
    finally:
        app.stdin.close()
        await asyncio.wait_for(app.wait(), ORPHAN_LIMIT)


async def test_sigkill_of_the_server_leaves_neither_the_starter_nor_its_apps(
        tmp_path: Path) -> None:
    workshop = start_workshop(tmp_path)
    try:
        async with Participant(workshop.join_url) as one:
            await one.wait_for("Who is practising?")
            starter = workshop.starter_pid()
            assert starter is not None  # the app was forked, not exec'd
            [app] = workshop.app_pids()
            state = process_state(app)
            assert state is not None and state[1] == starter
            os.kill(workshop.process.pid, signal.SIGKILL)
            workshop.process.wait()
            assert await still_alive([app, starter]) == []
    finally:
        workshop.stop()


async def test_the_starter_reads_the_librarys_cards_before_anyone_joins(tmp_path: Path) -> None:
    # Else the first apps to join a new calls folder would each validate every file at once.
    calls = tmp_path / "calls"
    calls.mkdir()
    (calls / "minimal.yaml").write_text((FIXTURES / "minimal.yaml").read_text("utf-8"), "utf-8")
    cache = tmp_path / "cache"
    running = Starter(starter_argv((*APP, "--scenarios", str(calls))),
                      tutor_env({**APP_ENV, "XDG_CACHE_HOME": str(cache)}))
    await running.ensure_running()
    try:
        assert str((calls / "minimal.yaml").resolve()) in \
            (cache / "tutor" / "catalog.json").read_text("utf-8")
    finally:
        await running.stop(5.0)
