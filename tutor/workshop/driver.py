"""The app's end of the browser link: Textual's web driver, made to die with its server.

Textual's ``WebDriver`` reads the server's packets from stdin and writes frames to stdout. When
the server dies its input thread just ends, and the app runs on, drawing into a closed pipe,
for good. Two guards end it instead:

- the kernel sends SIGTERM when the parent (the server) dies (``PR_SET_PDEATHSIG``, Linux),
  checked against the server's pid in case it died before the guard was set;
- the end of stdin asks the app to exit, and a watchdog ends the process if that exit is
  stuck on the closed pipe (``give_up``; an app that shares its process with others ends
  only itself, ``tutor.workshop.host``).

The server selects this driver through ``$TEXTUAL_DRIVER`` (``tutor.workshop.seat``).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
from typing import Any

from textual import messages
from textual.app import App
from textual.drivers.web_driver import WebDriver

from tutor.workshop.seat import seat_from_env

#: Seconds the app has to close on its own once its server is gone.
EXIT_GRACE = 2.0
_PR_SET_PDEATHSIG = 1


def die_with_parent(expected_parent: int) -> None:
    """Have the kernel send SIGTERM when the parent process dies (Linux only); if the parent
    is already not ``expected_parent`` (it died first), send it now."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if expected_parent and os.getppid() != expected_parent:
        os.kill(os.getpid(), signal.SIGTERM)


def _exit_now() -> None:
    os._exit(0)  # the pipe to the server is gone: there is nothing left to flush or show


class WorkshopDriver(WebDriver):
    """``WebDriver`` that ends the app when the server that started it is gone."""

    def __init__(self, app: App[Any], *, debug: bool = False, mouse: bool = True,
                 size: tuple[int, int] | None = None) -> None:
        super().__init__(app, debug=debug, mouse=mouse, size=size)
        self.input_lost = False  # the server closed the input before the app had exited
        self.watch_server()

    def watch_server(self) -> None:
        """Arrange for the app to end with the server that started it."""
        seat = seat_from_env()
        die_with_parent(seat.server_pid if seat is not None else 0)

    def run_input_thread(self) -> None:
        """Read the server's packets; when they stop without the app stopping, exit."""
        super().run_input_thread()
        if not self.exit_event.is_set():  # input closed under a running app: no server
            self.input_lost = True
            watchdog = threading.Timer(EXIT_GRACE, self.give_up)
            watchdog.daemon = True
            watchdog.start()
            self._app.post_message(messages.ExitApp())

    def give_up(self) -> None:
        """End an app that has not closed within EXIT_GRACE of losing its server (a thread
        calls this): here, by ending its process."""
        _exit_now()
