"""The server's side of the session starter (``tutor.workshop.zygote``): start it, ask it for
an app, watch that app end, stop it.

Why a starter: each app imported Textual and the tutor from scratch, about a quarter of a
second of CPU and 30 MiB of its own memory, so thirty participants joining at once queued for
the CPU for seconds. The starter imports the app once; each app is a fork of it that shares
those pages and starts drawing at once.

The protocol, over a ``SOCK_SEQPACKET`` socket that is the starter's stdin: the starter says
``READY`` once it has imported the app. Then one request per app: the app's environment as
JSON, with three file descriptors attached (the app's stdin, stdout and stderr); the answer
is the app's pid, with a pidfd for it attached, through which the server sees it end (the app
is the starter's child, not the server's). Linux only (``supported``); elsewhere the server
execs each app itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import sys
from collections.abc import Mapping, Sequence

from tutor.workshop.seat import SERVER_PID_ENV

#: File descriptors a request carries: the app's stdin, stdout and stderr, in that order.
STDIO = 3
#: The longest request (an environment) the starter reads.
REQUEST_MAX = 256 * 1024
#: Seconds the server waits for the starter to answer a request.
ANSWER_LIMIT = 30.0
#: What the starter says once it has imported the app.
READY = b"ready"
#: This module, as ``python -m`` runs it.
MODULE = "tutor.workshop.zygote"


def supported() -> bool:
    """True where sessions can be forked from a starter (Linux, with pidfds)."""
    return sys.platform.startswith("linux") and hasattr(os, "pidfd_open")


def starter_argv(app_argv: Sequence[str]) -> tuple[str, ...]:
    """The starter's command line for an app started as ``PYTHON -m tutor OPTIONS``."""
    python, _, _, *options = app_argv
    return (python, "-m", MODULE, *options)


class StarterGone(Exception):
    """The starter did not answer (it died, or never started): exec the app instead."""


class ForkedApp:
    """An app forked by the starter, as the server drives it: its pipes and its end.

    It is not the server's child, so it is watched through a pidfd rather than waited for.
    """

    def __init__(self, pid: int, pidfd: int | None, stdin: asyncio.StreamWriter,
                 stdout: asyncio.StreamReader, stderr: asyncio.StreamReader) -> None:
        self.pid = pid
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self._ended = asyncio.Event()
        self._pidfd = pidfd
        if pidfd is None:  # it was gone before the starter could watch it
            self._on_end()
        else:
            asyncio.get_running_loop().add_reader(pidfd, self._on_end)

    def _on_end(self) -> None:
        if self._pidfd is not None:
            asyncio.get_running_loop().remove_reader(self._pidfd)
            os.close(self._pidfd)
            self._pidfd = None
        # Its output pipes close at their end of file; its input is ours to close.
        self.stdin.close()
        self._ended.set()

    @property
    def ended(self) -> bool:
        """True once the app's process is gone."""
        return self._ended.is_set()

    async def wait(self) -> None:
        """Wait until the app's process is gone."""
        await self._ended.wait()


class Starter:
    """The server's handle on the starter process: start it, ask it for apps, stop it."""

    def __init__(self, argv: Sequence[str], env: Mapping[str, str]) -> None:
        self.argv = tuple(argv)
        self.env = {**env, SERVER_PID_ENV: str(os.getpid())}
        self.process: asyncio.subprocess.Process | None = None
        self._control: socket.socket | None = None
        self._lock = asyncio.Lock()  # one request at a time on the socket
        self._starting = asyncio.Lock()  # one starter at a time, however many join at once

    async def ensure_running(self) -> None:
        """Start the starter process unless it runs, and wait until it has imported the app
        (a starter that stopped answering is killed first). Raises OSError if it cannot."""
        async with self._starting:
            if not self.running:
                await self._start()

    async def _start(self) -> None:
        old = self.process
        if old is not None and old.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                old.kill()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self.process = await asyncio.create_subprocess_exec(
                *self.argv, stdin=theirs.fileno(), stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.DEVNULL, env=self.env,
                # Out of the trainer's process group: Ctrl+C stops the server, which then
                # stops every app in order, rather than killing the starter under them.
                start_new_session=True)
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        ours.settimeout(ANSWER_LIMIT)
        self._control = ours
        try:  # ready once it has imported the app: the first participant waits no longer
            said = await asyncio.to_thread(ours.recv, len(READY))
        except OSError:
            said = b""
        if said != READY:
            self._drop()

    @property
    def running(self) -> bool:
        """True while the starter process is there to ask."""
        return (self._control is not None and self.process is not None
                and self.process.returncode is None)

    async def fork_app(self, env: Mapping[str, str]) -> ForkedApp:
        """A new app with environment ``env``, forked by the starter. Raises StarterGone."""
        loop = asyncio.get_running_loop()
        stdin_r, stdin_w = os.pipe()
        stdout_r, stdout_w = os.pipe()
        stderr_r, stderr_w = os.pipe()
        try:
            async with self._lock:
                pid, pidfd = await asyncio.to_thread(
                    self._ask, json.dumps(dict(env)).encode(), (stdin_r, stdout_w, stderr_w))
        except BaseException:
            for fd in (stdin_w, stdout_r, stderr_r):
                os.close(fd)
            raise
        finally:
            for fd in (stdin_r, stdout_w, stderr_w):  # the app's ends are the app's now
                os.close(fd)
        stdout = await _reader(loop, stdout_r)
        stderr = await _reader(loop, stderr_r)
        transport, protocol = await loop.connect_write_pipe(
            asyncio.streams.FlowControlMixin, os.fdopen(stdin_w, "wb", buffering=0))
        stdin = asyncio.StreamWriter(transport, protocol, None, loop)
        return ForkedApp(pid, pidfd, stdin, stdout, stderr)

    def _ask(self, request: bytes, fds: tuple[int, int, int]) -> tuple[int, int | None]:
        control = self._control
        if control is None:
            raise StarterGone("the session starter is not running")
        try:
            socket.send_fds(control, [request], list(fds))
            answer, got, _, _ = socket.recv_fds(control, 64, 1)
        except OSError as exc:  # also a timeout
            self._drop()
            raise StarterGone(f"the session starter did not answer ({exc})") from None
        if not answer:
            for fd in got:
                os.close(fd)
            self._drop()
            raise StarterGone("the session starter has gone")
        pid = int(answer)
        if pid <= 0:
            raise StarterGone("the session starter refused the request")
        return pid, (got[0] if got else None)

    def _drop(self) -> None:
        if self._control is not None:
            self._control.close()
            self._control = None

    async def stop(self, grace: float) -> None:
        """Close the control socket (the starter exits on it); kill it after ``grace`` s."""
        self._drop()
        process = self.process
        if process is None or process.returncode is not None:
            return
        try:
            await asyncio.wait_for(process.wait(), grace)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()


async def _reader(loop: asyncio.AbstractEventLoop, fd: int) -> asyncio.StreamReader:
    reader = asyncio.StreamReader(limit=2 ** 16, loop=loop)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader, loop=loop),
                                 os.fdopen(fd, "rb", buffering=0))
    return reader
