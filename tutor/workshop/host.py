"""A session host: one process that runs several participants' apps side by side.

Why: an app process is about 45 MiB of RSS however little it draws, most of it the session
starter's imported code and objects, which a fork maps in full into each child, and the
pages of the libraries it loads. A Textual app is a set of asyncio tasks; several run in one
event loop as they would alone (Textual's own tests run apps that way), so a host holding
``SESSIONS_PER_HOST`` of them pays for that base once, not once per participant.

What keeps the apps of one host apart:

- each has its own seat (``tutor.workshop.seat``), read from its request rather than from
  the process's environment, and the app names its settings and store files from it;
- each has its own pipes to the server: its input is read by its own thread, and its output
  never blocks the loop the others share (``Outlet``): a browser that stops reading costs only
  its own session, which is dropped once ``OUTPUT_LIMIT`` bytes wait for it;
- the end of its input ends only its app (``SessionDriver.give_up``), and the end of its
  ``alive`` pipe tells the server that this session, not the process, is over.

A crash of the process still ends every app in it; a host takes ``SESSIONS_PER_HOST``
sessions in its life and then no more, so that is the most one fault costs.

Signals: SIGTERM, SIGHUP and SIGINT ask every app to exit, and the process ends after
``EXIT_GRACE`` even if one does not; the kernel sends SIGTERM when the starter dies.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import selectors
import signal
import socket
import sys
import threading
import traceback
from argparse import Namespace
from collections.abc import Callable, Iterator, Sequence
from threading import Event
from typing import Any, cast

from rich.console import Console
from textual.app import App
from textual.driver import Driver
from textual.drivers._input_reader import InputReader

from tutor.cli import app_options, parse_args
from tutor.tui import make_app
from tutor.workshop.driver import EXIT_GRACE, WorkshopDriver
from tutor.workshop.seat import seat_from_env
from tutor.workshop.starter import REQUEST_MAX, SESSION_FDS, close_fds, read_request

#: Sessions one host takes in its life. More would save a little more memory per session;
#: fewer would lose fewer sessions to one fault and share a core between fewer of them.
SESSIONS_PER_HOST = 3
#: Bytes of output a session may have waiting for the server before it is given up.
OUTPUT_LIMIT = 8 * 1024 * 1024
#: Seconds a finished session's last frames may take to reach the server.
FLUSH_LIMIT = 2.0
#: What a host answers the starter for each session: taken, or refused (it is stopping).
TAKEN = b"taken"
REFUSED = b"refused"
#: What ends every app of the host.
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


class Outlet:
    """A session's output pipe, written from the app's loop and its input thread without
    ever blocking: what the pipe cannot take now waits here and goes as soon as it can."""

    def __init__(self, fd: int, loop: asyncio.AbstractEventLoop,
                 on_broken: Callable[[], object], limit: int = OUTPUT_LIMIT) -> None:
        os.set_blocking(fd, False)
        self.fd = fd
        self.limit = limit  # bytes that may wait; past them the pipe is given up
        self._loop = loop
        self._on_broken = on_broken  # called on the loop once, when the pipe cannot go on
        self._lock = threading.Lock()
        self._pending = bytearray()
        self._watching = False  # a flush is asked for or under way
        self._registered = False  # the loop watches the pipe for us
        self._closed = False
        self._drained = asyncio.Event()
        self._drained.set()

    def write(self, data: bytes) -> None:
        """Send ``data`` (from any thread), or keep it until the pipe can take it."""
        with self._lock:
            if self._closed:
                return
            if not self._pending:
                try:
                    data = data[os.write(self.fd, data):]
                except BlockingIOError:
                    pass
                except OSError:  # the server has closed its end
                    self._break()
                    return
                if not data:
                    return
            self._pending += data
            if len(self._pending) > self.limit:
                self._break()
            elif not self._watching:
                self._watching = True
                self._drained.clear()
                self._loop.call_soon_threadsafe(self._watch)

    @property
    def waiting(self) -> int:
        """Bytes written that the pipe has not taken yet."""
        with self._lock:
            return len(self._pending)

    def _break(self) -> None:
        self._closed = True
        self._pending.clear()
        self._loop.call_soon_threadsafe(self._stop_watching)
        self._loop.call_soon_threadsafe(self._on_broken)

    def _watch(self) -> None:
        with self._lock:
            if self._closed or self._registered:
                return
            self._registered = True
        self._loop.add_writer(self.fd, self._flush)

    def _stop_watching(self) -> None:
        with self._lock:
            registered = self._unwatch()
        if registered:
            self._loop.remove_writer(self.fd)

    def _unwatch(self) -> bool:
        """With the lock held: no flush under way any more. True if the loop watches the
        pipe for us, which the caller then stops (only a writer this outlet added is
        removed: once the pipe is closed its number may already be another session's)."""
        self._watching = False
        registered, self._registered = self._registered, False
        self._drained.set()
        return registered

    def _flush(self) -> None:
        with self._lock:
            try:
                del self._pending[:os.write(self.fd, self._pending)]
            except BlockingIOError:
                return
            except OSError:
                self._break()
                return
            if self._pending:
                return
            # Under the same hold that found it empty: a write from another thread after it
            # finds no flush under way and asks for one.
            registered = self._unwatch()
        if registered:
            self._loop.remove_writer(self.fd)

    async def close(self, flush: bool = True) -> None:
        """Let what waits go (within FLUSH_LIMIT, if ``flush``), then close the pipe. On the
        loop."""
        if flush:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._drained.wait(), FLUSH_LIMIT)
        with self._lock:
            self._closed = True
        self._stop_watching()
        os.close(self.fd)


class PipeReader(InputReader):
    """Textual's input reader on a session's own input pipe rather than the process's
    stdin."""

    def __init__(self, fd: int, timeout: float = 0.1) -> None:
        # InputReader's own __init__ would watch stdin; the same fields, another descriptor.
        self._fileno = fd
        self.timeout = timeout
        self._selector = selectors.DefaultSelector()
        self._selector.register(fd, selectors.EVENT_READ)
        self._exit_event = Event()

    def __iter__(self) -> Iterator[bytes]:
        """Input until the pipe's end or ``close``; then the selector is let go."""
        try:
            yield from super().__iter__()
        finally:
            self._selector.close()


class SessionDriver(WorkshopDriver):
    """The web driver of one app among several in a host: its own pipes, not the process's
    stdin and stdout, and an end that is its own."""

    def __init__(self, app: App[Any], *, session: Session, debug: bool = False,
                 mouse: bool = True, size: tuple[int, int] | None = None) -> None:
        self.session = session
        super().__init__(app, debug=debug, mouse=mouse, size=size or session.size)
        self.fileno = session.outlet.fd
        self._write = session.outlet.write  # type: ignore[assignment]
        self._input_reader._selector.close()  # type: ignore[attr-defined]  # on stdin, unread
        self._input_reader = PipeReader(session.input)

    def watch_server(self) -> None:
        """The host watches the starter for all its apps (``die_with_parent``)."""

    def start_application_mode(self) -> None:
        """Textual's start, whose signal handlers would end only this app; the host's
        handlers, which end all, are put back."""
        super().start_application_mode()
        self.session.host.take_signals()

    def give_up(self) -> None:
        """End this app, not the process: its server link has gone and it did not close."""
        self.session.give_up()


class Session:
    """One participant's app in a host: its request, its pipes and its task."""

    def __init__(self, host: Host, env: dict[str, str], fds: Sequence[int]) -> None:
        self.host = host
        self.env = env
        self.input, output, errors, self.alive = fds
        self.outlet = Outlet(output, host.loop, self.give_up)
        self.app: App[Any] | None = None
        self.task: asyncio.Task[None] | None = None
        self.driver: SessionDriver | None = None
        self.abandoned = False
        self.closing = False
        # Owns the error pipe: closed with it when the session ends.
        self._errors_file = open(errors, "w", encoding="utf-8", errors="replace")  # noqa: SIM115

    @property
    def size(self) -> tuple[int, int]:
        """The terminal size the server asked for at the start."""
        try:
            return int(self.env.get("COLUMNS", "80")), int(self.env.get("ROWS", "24"))
        except ValueError:
            return 80, 24

    def _driver(self, app: App[Any], **options: Any) -> Driver:
        self.driver = SessionDriver(app, session=self, **options)
        return self.driver

    async def run(self) -> None:
        """Run the app until it exits, then close the session's pipes."""
        try:
            seat = seat_from_env(self.env)
            if seat is None:
                self.report("tutor: a session without a complete workshop seat\n")
                return
            app = make_app(app_options(self.host.args, seat, own_signals=False))
            app.driver_class = cast(type[Driver], self._driver)  # Textual only calls it
            # Textual shows an app's fatal error on its error console, stderr by default:
            # here that is every app's, so each has its own, its session's error pipe.
            app.error_console = Console(file=self._errors_file, markup=False,
                                        highlight=False)
            self.app = app
            await app.run_async()
            if app.return_code:
                self.report(f"tutor: the app ended with code {app.return_code}\n")
        except Exception:  # one app's fault is its own session's end, not the host's
            self.report(traceback.format_exc())
        finally:
            # Textual points sys.stdout and sys.stderr at an app while it runs and back at
            # what they were when it started, which, with apps ending in another order than
            # they started, may be an app that has gone.
            sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
            self.closing = True  # a give-up from now on has nothing left to cancel
            await asyncio.shield(self._close())

    def report(self, text: str) -> None:
        """Write ``text`` to the session's error pipe, which the server shows."""
        with contextlib.suppress(OSError, ValueError):
            self._errors_file.write(text)
            self._errors_file.flush()

    def exit(self) -> None:
        """Ask the app to exit as Ctrl+Q would. On the loop."""
        if self.app is not None:
            self.app.exit()

    def give_up(self) -> None:
        """End the app at once (from any thread): its link to the server is gone."""
        self.abandoned = True  # so nothing waits for the server to read its last frames
        task = self.task
        if task is not None and not self.closing:
            self.host.loop.call_soon_threadsafe(self._cancel, task)

    def _cancel(self, task: asyncio.Task[None]) -> None:
        if not self.closing:
            task.cancel()

    async def _close(self) -> None:
        driver = self.driver
        if driver is not None:
            driver.exit_event.set()
            driver._input_reader.close()  # ours: a PipeReader
            if driver._key_thread.is_alive():
                await asyncio.to_thread(driver._key_thread.join, 1.0)
        # Its last frames are worth waiting for only if someone is still reading.
        lost = self.abandoned or (driver is not None and driver.input_lost)
        await self.outlet.close(flush=not lost)
        with contextlib.suppress(OSError, ValueError):
            self._errors_file.close()
        for fd in (self.input, self.alive):  # the alive pipe's end: we are done
            with contextlib.suppress(OSError):
                os.close(fd)
        self.host.ended(self)


class Host:
    """The process's sessions and the control socket the starter sends them on."""

    def __init__(self, control: socket.socket, args: Namespace,
                 loop: asyncio.AbstractEventLoop) -> None:
        self.control: socket.socket | None = control
        self.args = args
        self.loop = loop
        self.sessions: set[Session] = set()
        self.done = asyncio.Event()
        self.stopping = False

    def take_signals(self) -> None:
        """SIGTERM, SIGHUP and SIGINT end every app of this host. On the loop."""
        for signum in STOP_SIGNALS:
            self.loop.add_signal_handler(signum, self.stop)

    def listen(self) -> None:
        """Start taking sessions from the control socket."""
        assert self.control is not None
        self.control.setblocking(False)
        self.loop.add_reader(self.control.fileno(), self._take)

    def _take(self) -> None:
        control = self.control
        if control is None:
            return
        try:
            message, fds, _, _ = socket.recv_fds(control, REQUEST_MAX, SESSION_FDS)
        except BlockingIOError:
            return
        except OSError:
            message, fds = b"", []
        if not message:  # the starter has no more sessions for us
            close_fds(fds)
            self.loop.remove_reader(control.fileno())
            control.close()
            self.control = None
            self._check_done()
            return
        env = None if self.stopping else read_request(message, fds)
        with contextlib.suppress(OSError):  # the starter waits for this before it answers
            control.send(REFUSED if env is None else TAKEN)
        if env is None:
            close_fds(fds)
            return
        try:
            for fd in fds:
                os.set_inheritable(fd, False)  # nothing the app starts holds a session open
            session = Session(self, env, fds)
        except OSError:  # a descriptor we cannot use: the session ends before it starts
            for fd in fds:
                with contextlib.suppress(OSError):
                    os.close(fd)
            return
        self.sessions.add(session)
        session.task = self.loop.create_task(session.run())

    def stop(self) -> None:
        """Ask every app to exit; end the process if they have not within EXIT_GRACE."""
        self.stopping = True
        watchdog = threading.Timer(EXIT_GRACE, os._exit, args=(0,))
        watchdog.daemon = True
        watchdog.start()
        for session in list(self.sessions):
            session.exit()
        self._check_done()

    def ended(self, session: Session) -> None:
        """``session`` has closed its pipes."""
        self.sessions.discard(session)
        self._check_done()

    def _check_done(self) -> None:
        if not self.sessions and (self.control is None or self.stopping):
            self.done.set()


async def _serve(control: socket.socket, app_argv: Sequence[str]) -> None:
    host = Host(control, parse_args(list(app_argv)), asyncio.get_running_loop())
    host.take_signals()
    host.listen()
    await host.done.wait()


def run_host(control: socket.socket, app_argv: Sequence[str]) -> int:
    """The host process's life (forked by the starter): take sessions from ``control`` and
    run them until the starter sends no more and the last has ended. Returns 0."""
    # Textual's web driver sets up a reader on stdin before ours replaces it, and /dev/null
    # cannot be watched: stdin becomes a pipe no one writes to, held open while we run.
    quiet, keep = os.pipe()
    os.dup2(quiet, 0)
    os.close(quiet)
    try:
        asyncio.run(_serve(control, app_argv))
    finally:
        os.close(keep)
    return 0
