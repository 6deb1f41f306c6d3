"""The server's side of the session starter (``tutor.workshop.zygote``): start it, ask it for
an app, watch that app end, stop it.

Why a starter: each app imported Textual and the tutor from scratch, about a quarter of a
second of CPU and 30 MiB of its own memory, so thirty participants joining at once queued for
the CPU for seconds. The starter imports the app once and forks session hosts from it
(``tutor.workshop.host``), each of which runs a few participants' apps side by side.

The protocol, over a ``SOCK_SEQPACKET`` socket that is the starter's stdin: the starter says
``READY`` once it has imported the app. Then one request per session: the app's environment
as JSON, with four file descriptors attached (``SESSION_FDS``: the app's stdin, stdout and
stderr, and the write end of a pipe that closes when the session is over, through which the
server sees it end); the answer is the pid of the host that runs it. Linux only
(``supported``); elsewhere the server execs each app itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import sys
from collections.abc import Iterable, Mapping, Sequence

from tutor.workshop.seat import SERVER_PID_ENV

#: File descriptors a request carries, in this order: the app's stdin, stdout and stderr,
#: and the write end of its ``alive`` pipe, which closes when the session is over.
SESSION_FDS = 4
#: The longest request (an environment) the starter reads.
REQUEST_MAX = 256 * 1024
#: Seconds the server waits for the starter to answer a request.
ANSWER_LIMIT = 30.0
#: What the starter says once it has imported the app.
READY = b"ready"
#: This module, as ``python -m`` runs it.
MODULE = "tutor.workshop.zygote"


def read_request(message: bytes, fds: Sequence[int]) -> dict[str, str] | None:
    """A request's environment, or None if it is not one our server sends."""
    try:
        env = json.loads(message)
    except ValueError:
        return None
    if (isinstance(env, dict) and len(fds) == SESSION_FDS
            and all(isinstance(k, str) and isinstance(v, str) for k, v in env.items())):
        return env
    return None


def close_fds(fds: Iterable[int]) -> None:
    """Close each of ``fds``."""
    for fd in fds:
        os.close(fd)


def supported() -> bool:
    """True where sessions can be run by a starter's hosts (Linux: ``PR_SET_PDEATHSIG``)."""
    return sys.platform.startswith("linux")


def starter_argv(app_argv: Sequence[str]) -> tuple[str, ...]:
    """The starter's command line for an app started as ``PYTHON -m tutor OPTIONS``."""
    python, _, _, *options = app_argv
    return (python, "-m", MODULE, *options)


class StarterGone(Exception):
    """The starter did not answer (it died, or never started): exec the app instead."""


class ForkedApp:
    """A session run by the starter's apps, as the server drives it: its pipes and its end.

    Its process is a session host (``tutor.workshop.host``) that may run other sessions too,
    so its end is not the process's: it is the end of the session's ``alive`` pipe, which the
    host closes when the app has gone (and the kernel, if the host dies).
    """

    def __init__(self, pid: int, alive: int, stdin: asyncio.StreamWriter,
                 stdout: asyncio.StreamReader, stderr: asyncio.StreamReader) -> None:
        self.pid = pid  # the host's: shared with the other sessions it runs
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self._ended = asyncio.Event()
        self._alive: int | None = alive
        asyncio.get_running_loop().add_reader(alive, self._on_end)

    def _on_end(self) -> None:  # nothing is ever written: readable means its end
        if self._alive is not None:
            asyncio.get_running_loop().remove_reader(self._alive)
            os.close(self._alive)
            self._alive = None
        # Its output pipes close at their end of file; its input is ours to close.
        self.stdin.close()
        self._ended.set()

    @property
    def ended(self) -> bool:
        """True once the session is over."""
        return self._ended.is_set()

    async def wait(self) -> None:
        """Wait until the session is over."""
        await self._ended.wait()

    async def let_go(self, grace: float) -> bool:
        """Close the app's input, which ends it (and only it) within its host's grace;
        True if the session ended within ``grace`` seconds."""
        self.stdin.close()
        try:
            await asyncio.wait_for(self.wait(), grace)
        except TimeoutError:
            return False
        return True


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
        """A new session with environment ``env``, run by one of the starter's hosts.
        Raises StarterGone."""
        loop = asyncio.get_running_loop()
        pipes = [os.pipe() for _ in range(SESSION_FDS)]
        (stdin_r, stdin_w), (stdout_r, stdout_w), (stderr_r, stderr_w), (alive_r, alive_w) = pipes
        theirs = (stdin_r, stdout_w, stderr_w, alive_w)
        try:
            async with self._lock:
                pid = await asyncio.to_thread(self._ask, json.dumps(dict(env)).encode(), theirs)
        except BaseException:
            close_fds((stdin_w, stdout_r, stderr_r, alive_r))
            raise
        finally:
            close_fds(theirs)  # the host's ends are the host's now
        stdout = await _reader(loop, stdout_r)
        stderr = await _reader(loop, stderr_r)
        transport, protocol = await loop.connect_write_pipe(
            asyncio.streams.FlowControlMixin, os.fdopen(stdin_w, "wb", buffering=0))
        stdin = asyncio.StreamWriter(transport, protocol, None, loop)
        return ForkedApp(pid, alive_r, stdin, stdout, stderr)

    def _ask(self, request: bytes, fds: tuple[int, ...]) -> int:
        control = self._control
        if control is None:
            raise StarterGone("the session starter is not running")
        try:
            socket.send_fds(control, [request], list(fds))
            answer = control.recv(64)
        except OSError as exc:  # also a timeout
            self._drop()
            raise StarterGone(f"the session starter did not answer ({exc})") from None
        if not answer:
            self._drop()
            raise StarterGone("the session starter has gone")
        pid = int(answer)
        if pid <= 0:
            raise StarterGone("the session starter refused the request")
        return pid

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
