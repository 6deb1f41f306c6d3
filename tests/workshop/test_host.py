"""Session hosts: a few participants' apps in one process, each kept apart from the others:
its own seat, its own pipes, its own end; one that stops reading stalls no one else."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import select
import signal
import socket
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Literal

import pytest
from textual_serve.app_service import AppService

from tests.workshop.helpers import (
    ORPHAN_LIMIT,
    alive,
    children,
    drawn_until,
    screen_until,
    seat,
    start_workshop,
    still_alive,
)
from tutor.store.places import STORE_NAME
from tutor.workshop.host import REFUSED, SESSIONS_PER_HOST, TAKEN, Outlet
from tutor.workshop.probe import Participant
from tutor.workshop.starter import ForkedApp, Starter, supported
from tutor.workshop.zygote import OPEN_HOSTS, HostLink

pytestmark = pytest.mark.skipif(not supported(), reason="session hosts are Linux only")


async def session(starter: Starter, tmp_path: Path, name: str) -> ForkedApp:
    """A session of seat ``name``, drawn as far as the name question."""
    app = await starter.fork_app(seat(tmp_path, name))
    await screen_until(app, "Who is practising?")
    return app


async def send(app: ForkedApp, kind: Literal[b"D", b"M"], payload: bytes) -> None:
    app.stdin.write(AppService.encode_packet(kind, payload))
    await app.stdin.drain()


async def end_all(*apps: ForkedApp) -> None:
    for app in apps:
        app.stdin.close()
    for app in apps:
        if not app.ended:
            await asyncio.wait_for(app.wait(), ORPHAN_LIMIT)


@contextlib.asynccontextmanager
async def one_host(starter: Starter, tmp_path: Path, *seats: str
                   ) -> AsyncIterator[list[ForkedApp]]:
    """Sessions of ``seats``, each drawn, all in one host; ended afterwards. The starter
    deals sessions out over OPEN_HOSTS hosts in turn, so others sit between them."""
    apps: list[ForkedApp] = []
    beside: list[ForkedApp] = []
    try:
        for number, name in enumerate(seats):
            if number:
                for other in range(OPEN_HOSTS - 1):
                    beside.append(await session(starter, tmp_path, f"{name}-beside-{other}"))
            apps.append(await session(starter, tmp_path, name))
        assert len({app.pid for app in apps}) == 1
        yield apps
    finally:
        await end_all(*apps, *beside)


async def test_sessions_are_dealt_out_over_the_open_hosts_none_taking_more_than_its_share(
        starter: Starter, tmp_path: Path) -> None:
    apps = [await session(starter, tmp_path, f"seat{n}")
            for n in range(OPEN_HOSTS * SESSIONS_PER_HOST + 1)]
    try:
        hosts = [app.pid for app in apps]
        # People who join together start on every core ...
        assert len(set(hosts[:OPEN_HOSTS])) == OPEN_HOSTS
        # ... and no process holds more of them than a host takes.
        assert max(hosts.count(host) for host in hosts) == SESSIONS_PER_HOST
        assert starter.process is not None
        assert sorted(children(starter.process.pid)) == sorted(set(hosts))
    finally:
        await end_all(*apps)


async def test_sessions_in_one_host_each_keep_their_name_and_attempts_in_their_own_seat(
        starter: Starter, tmp_path: Path) -> None:
    async with one_host(starter, tmp_path, "ada", "grace") as apps:
        for app, name in zip(apps, ("Ada", "Grace"), strict=True):
            await send(app, b"D", name.encode())
            await drawn_until(app, name)
            await send(app, b"D", b"\r")  # named: the app keeps it in the seat's folder
            await drawn_until(app, "Speech is off in a workshop")
    for folder, name in (("ada", "Ada"), ("grace", "Grace")):
        # The name, and the attempt store the library reads its scores from: the seat's own,
        # though the process's environment names no seat at all.
        assert (tmp_path / folder / "participant.txt").read_text("utf-8") == f"{name}\n"
        assert (tmp_path / folder / STORE_NAME).is_file()


async def test_a_session_whose_input_closes_ends_alone(starter: Starter, tmp_path: Path) -> None:
    async with one_host(starter, tmp_path, "leaving", "staying") as (leaving, staying):
        assert await leaving.let_go(ORPHAN_LIMIT)
        assert alive(staying.pid) and not staying.ended
        await send(staying, b"D", b"Zoe")
        await drawn_until(staying, "Zoe")


async def test_a_session_that_is_not_read_does_not_hold_up_the_others(
        starter: Starter, tmp_path: Path) -> None:
    async with one_host(starter, tmp_path, "stuck", "other") as (stuck, other):
        # Its browser stops reading, and it keeps drawing: whole frames of a huge window,
        # far more than a pipe and the server's buffer hold.
        for step in range(24):
            await send(stuck, b"M", json.dumps(
                {"type": "resize", "width": 300 + step % 2, "height": 100}).encode())
            await asyncio.sleep(0.05)
        await send(other, b"D", b"Kim")
        await drawn_until(other, "Kim")


async def test_a_host_that_has_taken_its_share_ends_with_its_last_session(
        starter: Starter, tmp_path: Path) -> None:
    apps = [await session(starter, tmp_path, f"seat{n}")
            for n in range(OPEN_HOSTS * SESSIONS_PER_HOST)]
    hosts = [app.pid for app in apps]
    full = {host for host in hosts if hosts.count(host) == SESSIONS_PER_HOST}
    assert full  # the starter deals out sessions until a host has taken its share
    await end_all(*apps)
    assert await still_alive(full) == []


async def test_when_a_host_dies_its_sessions_end_and_the_next_session_gets_a_new_host(
        starter: Starter, tmp_path: Path) -> None:
    lost = await session(starter, tmp_path, "lost")
    os.kill(lost.pid, signal.SIGKILL)
    await asyncio.wait_for(lost.wait(), ORPHAN_LIMIT)  # the server sees the session end
    async with one_host(starter, tmp_path, "next") as (following,):
        assert following.pid != lost.pid


async def test_an_app_that_fails_says_why_on_its_own_error_pipe_and_its_neighbours_go_on(
        starter: Starter, tmp_path: Path) -> None:
    async with one_host(starter, tmp_path, "failing", "fine") as (failing, fine):
        # A size that is no number reaches the app's loop and fails there (Textual's own
        # web driver takes it as it comes; our server never sends one).
        await send(failing, b"M", json.dumps(
            {"type": "resize", "width": "wide", "height": 30}).encode())
        await asyncio.wait_for(failing.wait(), ORPHAN_LIMIT)
        said = (await asyncio.wait_for(failing.stderr.read(), ORPHAN_LIMIT)).decode()
        assert "TypeError" in said
        await send(fine, b"D", b"Ann")
        await drawn_until(fine, "Ann")
        assert (await asyncio.wait_for(fine.stderr.read(0), 1)) == b""


async def test_sigterm_to_a_host_ends_every_app_in_it(starter: Starter, tmp_path: Path) -> None:
    async with one_host(starter, tmp_path, "one", "two") as apps:
        os.kill(apps[0].pid, signal.SIGTERM)
        for app in apps:
            await asyncio.wait_for(app.wait(), ORPHAN_LIMIT)
        assert await still_alive([apps[0].pid]) == []


async def test_a_participant_whose_app_dies_is_disconnected_and_frees_the_seat(
        tmp_path: Path) -> None:
    workshop = start_workshop(tmp_path, max_sessions=1)
    try:
        async with Participant(workshop.join_url) as person:
            await person.wait_for("Who is practising?")
            (host,) = workshop.app_pids()
            os.kill(host, signal.SIGKILL)
            await person.wait_closed()
        async with Participant(workshop.join_url) as next_person:  # the only seat is free
            await next_person.wait_for("Who is practising?")
    finally:
        workshop.stop()


async def test_output_the_pipe_cannot_take_waits_and_goes_once_it_is_read() -> None:
    read_end, write_end = os.pipe()
    broken: list[bool] = []
    outlet = Outlet(write_end, asyncio.get_running_loop(), lambda: broken.append(True))
    chunk = b"x" * 100_000
    try:
        for _ in range(5):  # about eight times a pipe's buffer, and no write blocks
            outlet.write(chunk)
        assert outlet.waiting > 0
        received = bytearray()
        while len(received) < 5 * len(chunk):
            await asyncio.sleep(0.01)  # the loop sends what waits as the pipe empties
            received += os.read(read_end, 1 << 20)
        assert received == chunk * 5 and outlet.waiting == 0 and not broken
    finally:
        await outlet.close()
        os.close(read_end)


async def test_output_past_the_limit_gives_the_session_up() -> None:
    read_end, write_end = os.pipe()
    broken: list[bool] = []
    outlet = Outlet(write_end, asyncio.get_running_loop(), lambda: broken.append(True),
                    limit=200_000)
    try:
        for _ in range(10):
            outlet.write(b"x" * 100_000)
        await asyncio.sleep(0)  # the news reaches the loop
        await asyncio.sleep(0)
        assert broken == [True]
        assert outlet.waiting == 0  # nothing more is kept for a reader who is not there
    finally:
        await outlet.close()
        os.close(read_end)


async def test_output_to_a_closed_pipe_gives_the_session_up() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    broken: list[bool] = []
    outlet = Outlet(write_end, asyncio.get_running_loop(), lambda: broken.append(True))
    outlet.write(b"frame")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    assert broken == [True]
    await outlet.close()


def linked_host(timeout: float = 5.0) -> tuple[HostLink, socket.socket]:
    """The starter's link to a host, and the host's end of it, played by the test."""
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    ours.settimeout(timeout)
    return HostLink(os.getpid(), ours), theirs


def answer_when_asked(theirs: socket.socket, answer: bytes | None) -> threading.Thread:
    """The host's side: wait for the request, then answer it, or (None) die unread."""

    def host() -> None:
        select.select([theirs], [], [])
        if answer is not None:
            theirs.recv(64)
            theirs.send(answer)
        theirs.close()

    thread = threading.Thread(target=host)
    thread.start()
    return thread


@pytest.mark.parametrize(("answer", "taken"), [(TAKEN, True), (REFUSED, False), (None, False)])
def test_a_session_counts_as_handed_over_only_when_the_host_says_it_took_it(
        answer: bytes | None, taken: bool) -> None:
    # None: the host dies with the request unread, which a starter sees as a reset.
    link, theirs = linked_host()
    host = answer_when_asked(theirs, answer)
    try:
        assert link.hand_over(b"{}", []) is taken
        assert link.left == SESSIONS_PER_HOST - taken
    finally:
        host.join()
        link.socket.close()


def test_a_host_that_does_not_answer_in_time_is_an_error_not_a_refusal() -> None:
    # It may still take the session later, so no other host may be given it.
    link, theirs = linked_host(timeout=0.2)
    try:
        with pytest.raises(TimeoutError):
            link.hand_over(b"{}", [])
    finally:
        theirs.close()
        link.socket.close()
