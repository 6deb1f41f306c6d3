"""The session starter: one process that has imported the app once and forks a session for
each participant, so that thirty people joining at once do not each import Textual.

Started by the server (``python -m tutor.workshop.zygote APP-OPTIONS``, exec'd, no shell) with
the environment every app shares. It imports the app and everything a call needs, freezes
those objects out of the cyclic collector (a collection would write to every page the
sessions share) and waits on its control socket, its stdin. There are no threads and no
event loop in it at any time: a fork copies only the thread that calls it.

One request, one ``SOCK_SEQPACKET`` message from the server: the session's environment as
JSON, with three file descriptors attached (the app's stdin, stdout and stderr). The starter
forks; the child takes those descriptors and that environment, becomes the leader of a
session of its own and runs ``tutor APP-OPTIONS`` as ``python -m tutor`` would. The reply
carries the child's pid and a pidfd for it, through which the server sees it end.

Memory, measured (Python 3.11, Textual 8): an app's RSS counts every page of the starter's
own memory (a fork copies the page table) and each page of a shared library it touches, so
it reads about 38 MiB at the name question and 46 at the debrief; what it costs the machine
is its PSS, about 26 MiB with thirty running. Of that 46, about 30 is the starter's objects
and code (CPython 3.11 writes each object's reference count, and quickens bytecode in place,
so an app copies the pages of those it uses), 7 its own screens, styles and rendered lines,
and 9 the pages of libpython, libc, SQLite and the like. An exec'd app: 58 MiB RSS.

Lifetimes: the starter dies with the server (``PR_SET_PDEATHSIG``, as the apps do), each
session dies with the starter, and the kernel reaps the sessions (``SIGCHLD`` ignored), so no
app outlives the server. Linux only; elsewhere the server execs each app as before.
"""

# ruff: noqa: E402  (``ssl`` is kept out before anything imports asyncio; see below)
from __future__ import annotations

import sys

# An app talks to the server through pipes and never over TLS, yet asyncio imports ``ssl``
# whenever it can, and with it OpenSSL's set-up: about 1 MiB of every session's memory. A
# missing ``ssl`` is a case asyncio (and psycopg's binary driver) already handles.
sys.modules.setdefault("ssl", None)  # type: ignore[arg-type]

import contextlib
import gc
import importlib
import json
import os
import signal
import socket
from collections.abc import Mapping, Sequence

from rich.cells import cell_len

from tutor.cli import main as run_app
from tutor.cli import parse_args
from tutor.scenario.sources import list_scenarios, scenario_dirs
from tutor.signals import build_detector
from tutor.tui.next_plan import call_facts
from tutor.workshop.driver import die_with_parent
from tutor.workshop.seat import SERVER_PID_ENV
from tutor.workshop.starter import READY, REQUEST_MAX, STDIO

#: What a session uses, imported once here instead of once per participant: the app, the
#: screens of a whole call, the analyzer, the store, the record of an attempt and the web
#: driver, and what Textual itself imports only once a screen is drawn or a worker runs.
#: A module an app imports for itself costs each participant its code and, the first time,
#: the pages of the library it loads (OpenSSL's, for ``hashlib``): about 1 MiB per session.
PRELOAD = ("tutor.cli", "tutor.tui", "tutor.tui.app", "tutor.tui.screens.participant",
           "tutor.tui.screens.library", "tutor.tui.screens.call", "tutor.tui.screens.debrief",
           "tutor.tui.screens.help", "tutor.workshop.driver", "tutor.signals",
           "tutor.store.sqlite", "tutor.feedback.evaluator", "tutor.scenario.loader",
           "tutor.dialogue", "tutor.session", "tutor.export", "tutor.report",
           "tutor.locale.en", "tutor.locale.ru", "textual.drivers.web_driver",
           "textual.drivers.headless_driver", "textual.pilot", "textual.scrollbar",
           "textual.layouts.factory", "textual.layouts.horizontal", "textual.layouts.stream",
           "concurrent.futures.thread")


def _preload(app_options: Sequence[str]) -> None:
    """Import what every app imports, and do once the work each would repeat whose result
    is kept while its files are unchanged: each call's facts (a YAML parse per call,
    ``tutor.tui.next_plan.call_facts``), the analyzer (``build_detector`` hands each app
    this one, in pages they all share) and the library's cards (validated once into the
    cards cache, rather than by each of the first apps at once when the folder is new)."""
    for name in PRELOAD:
        importlib.import_module(name)
    cell_len("я")  # Rich loads its table of character widths at the first non-ASCII text
    # Only a head start: a folder or cue file that fails here fails in the app, which says so.
    with contextlib.suppress(Exception, SystemExit):
        library = parse_args(list(app_options)).scenarios
        call_facts(library)
        build_detector(scenario_dirs(library))
        list_scenarios(library)


def _requests(control: socket.socket) -> tuple[dict[str, str], list[int]] | None:
    """The next well-formed request; None once the server has closed the socket."""
    while True:
        message, fds, _, _ = socket.recv_fds(control, REQUEST_MAX, STDIO)
        if not message:
            for fd in fds:
                os.close(fd)
            return None
        try:
            env = json.loads(message)
        except ValueError:
            env = None
        if (isinstance(env, dict) and len(fds) == STDIO
                and all(isinstance(k, str) and isinstance(v, str) for k, v in env.items())):
            return env, fds
        for fd in fds:  # not from our server: nothing to start
            os.close(fd)
        control.send(b"0")


def _become_app(control: socket.socket, env: Mapping[str, str], fds: Sequence[int],
                starter: int) -> None:
    """In the forked child: the app's descriptors, environment and session, nothing else."""
    die_with_parent(starter)  # from the first moment, not only once the driver is up
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the app may wait for children of its own
    control.close()
    os.setsid()  # a process group of its own, which the server can kill as one
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    for fd in fds:
        if fd > 2:
            os.close(fd)
    os.environ.clear()
    os.environ.update(env)
    os.environ[SERVER_PID_ENV] = str(starter)  # its parent, which the driver watches


def serve(control: socket.socket, app_options: Sequence[str]) -> int:
    """Fork an app for each request until the server closes the socket. Returns the exit
    code: the starter's (0) once the socket closes, or in a forked child the app's."""
    starter = os.getpid()
    while (request := _requests(control)) is not None:
        env, fds = request
        # Nothing buffered may be written twice, once by each process.
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            pid = os.fork()
        except OSError:  # no memory or processes left: this app is refused, the rest go on
            pid = -1
        if pid == 0:
            _become_app(control, env, fds, starter)
            return run_app(list(app_options))
        for fd in fds:
            os.close(fd)
        if pid < 0:
            control.send(b"0")
            continue
        try:
            pidfd: list[int] = [os.pidfd_open(pid)]
        except OSError:  # ended already (and reaped), or no descriptor left: not watched
            pidfd = []
        try:
            socket.send_fds(control, [str(pid).encode()], pidfd)
        finally:
            for fd in pidfd:
                os.close(fd)
    return 0


def main(argv: Sequence[str]) -> int:
    """The starter process: ``python -m tutor.workshop.zygote APP-OPTIONS``."""
    # The control socket is stdin; stdin proper is nothing, so no app inherits the socket.
    control = socket.socket(fileno=os.dup(0))
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    server = os.environ.get(SERVER_PID_ENV, "")
    die_with_parent(int(server) if server.isdigit() else 0)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the apps
    _preload(argv)
    gc.freeze()  # out of the collector's reach: the apps share these pages unwritten
    control.send(READY)
    code = serve(control, argv)
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
