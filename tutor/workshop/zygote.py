"""The session starter: one process that has imported the app once and forks the processes
that run the sessions, so that thirty people joining at once do not each import Textual.

Started by the server (``python -m tutor.workshop.zygote APP-OPTIONS``, exec'd, no shell) with
the environment every app shares. It imports the app and everything a call needs, freezes
those objects out of the cyclic collector (a collection would write to every page the
sessions share) and waits on its control socket, its stdin. There are no threads and no
event loop in it at any time: a fork copies only the thread that calls it.

One request, one ``SOCK_SEQPACKET`` message from the server: the session's environment as
JSON, with four file descriptors attached (``tutor.workshop.starter.SESSION_FDS``). The
starter passes it on to one of its open session hosts (``tutor.workshop.host``): it keeps
``OPEN_HOSTS`` of them open, one per core, each the leader of a process group of its own,
and gives each session to the one with the most room, so that people joining together start
on every core; a host that has taken its ``SESSIONS_PER_HOST`` gets no more. The starter
waits for the host's word that it has taken the session: a host that died, even while the
request was on its way, never says it, and the session goes to a new host. The reply is the
pid of the host that runs it.

Memory, measured (Python 3.11, Textual 8): a process's RSS counts every page of the starter's
own memory (a fork copies the page table) and each page of a shared library it touches: a
process with one app reads about 38 MiB at the name question and 46 at the debrief, of which
about 30 is the starter's objects and code, 9 the pages of libpython, libc, SQLite and the
like, and 7 the app's own screens, styles and rendered lines. Only the last grows with each
app a host runs, which is why a host runs several. An exec'd app: 58 MiB RSS.

Lifetimes: the starter dies with the server (``PR_SET_PDEATHSIG``), each host dies with the
starter, and the kernel reaps the hosts (``SIGCHLD`` ignored), so no app outlives the server.
Linux only; elsewhere the server execs each app as before.
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
import os
import signal
import socket
from collections.abc import Sequence

from rich.cells import cell_len

from tutor.cli import parse_args
from tutor.scenario.sources import list_scenarios, scenario_dirs
from tutor.signals import build_detector
from tutor.tui.next_plan import call_facts
from tutor.workshop.driver import die_with_parent
from tutor.workshop.host import SESSIONS_PER_HOST, TAKEN, run_host
from tutor.workshop.seat import SERVER_PID_ENV
from tutor.workshop.starter import READY, REQUEST_MAX, SESSION_FDS, close_fds, read_request

#: Hosts taking sessions at once: new sessions go to the one with the most room, so that
#: people joining together start on every core.
OPEN_HOSTS = max(1, os.cpu_count() or 1)
#: Seconds a host may take to accept a session before the starter forks another.
HAND_OVER_LIMIT = 5.0

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


def _requests(control: socket.socket) -> tuple[bytes, list[int]] | None:
    """The next well-formed request; None once the server has closed the socket."""
    while True:
        message, fds, _, _ = socket.recv_fds(control, REQUEST_MAX, SESSION_FDS)
        if not message:
            close_fds(fds)
            return None
        if read_request(message, fds) is not None:
            return message, fds
        close_fds(fds)  # not from our server: nothing to start
        control.send(b"0")


class HostLink:
    """A session host this starter forked, as the starter sees it: its socket, and how many
    more sessions it takes."""

    __slots__ = ("left", "pid", "socket")

    def __init__(self, pid: int, link: socket.socket) -> None:
        self.pid = pid
        self.socket = link
        self.left = SESSIONS_PER_HOST

    def hand_over(self, message: bytes, fds: Sequence[int]) -> bool:
        """Send it a session and wait for its word that it has it. False if it has not (it
        has died, even while the request was on its way): another host may run the session.
        Raises OSError if it does not answer in time: it may still take the session later,
        so no other host can, and this one is given no more."""
        try:
            socket.send_fds(self.socket, [message], list(fds))
        except OSError:  # its end is closed: it has died
            return False
        try:
            answer = self.socket.recv(64)
        except TimeoutError:  # alive but stuck: the caller's to handle
            raise
        except OSError:  # reset: it died with the request unread
            return False
        if answer != TAKEN:  # refused, or its end closed first: it has died
            return False
        self.left -= 1
        return True


def _fork_host(control: socket.socket, request_fds: Sequence[int],
               siblings: Sequence[socket.socket], starter: int) -> HostLink:
    """A new host process; in the child, a ``HostLink`` with pid 0 and the child's socket.
    Raises OSError when no process can be made."""
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    # Nothing buffered may be written twice, once by each process.
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        pid = os.fork()
    except OSError:
        ours.close()
        theirs.close()
        raise
    if pid:
        theirs.close()
        ours.settimeout(HAND_OVER_LIMIT)  # a host too stuck to take a session gets no more
        return HostLink(pid, ours)
    # The host holds only its own socket: a copy of the server's control socket or of the
    # request's pipes would keep them open after the starter or the session is done with them.
    ours.close()
    control.close()
    for sibling in siblings:  # held here, another host would never see its starter finish
        sibling.close()
    close_fds(request_fds)  # the starter sends them again, over our socket
    die_with_parent(starter)  # from the first moment, not only once a driver is up
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # an app may wait for children of its own
    os.setsid()  # a process group of its own, which the server can kill as one
    return HostLink(0, theirs)


def serve(control: socket.socket, app_options: Sequence[str]) -> int:
    """Hand each request to the open host with the most room, forking one while fewer than
    OPEN_HOSTS are open, until the server closes the socket. Returns the exit code: the
    starter's (0) once the socket closes, or in a forked host the host's."""
    starter = os.getpid()
    hosts: list[HostLink] = []
    while (request := _requests(control)) is not None:
        message, fds = request
        answer = b"0"
        host: HostLink | None = None
        try:
            for _ in range(2):  # the host may have died since its last session: a new one
                if len(hosts) < OPEN_HOSTS:
                    host = _fork_host(control, fds, [h.socket for h in hosts], starter)
                    if host.pid == 0:  # the new host: the request's pipes are closed here
                        fds = []
                        break
                    hosts.append(host)
                host = max(hosts, key=lambda h: h.left)
                if host.hand_over(message, fds):
                    answer = str(host.pid).encode()
                    break
                host.socket.close()
                hosts.remove(host)
                host = None
        except OSError:  # no process could be made, or a host is stuck: the server starts
            if host is not None:  # this session on its own; the next gets a new host
                host.socket.close()
                hosts.remove(host)
                host = None
        finally:
            close_fds(fds)
        if host is not None and host.pid == 0:
            return run_host(host.socket, app_options)
        control.send(answer)
        for full in [h for h in hosts if h.left <= 0]:
            full.socket.close()  # it runs the sessions it has and then ends
            hosts.remove(full)
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
