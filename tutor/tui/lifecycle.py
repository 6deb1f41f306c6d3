"""SIGTERM and SIGHUP end the app the way Ctrl+Q does.

Python's default for both is to die at once: Textual never leaves the alternate screen nor
turns mouse reporting off, and the speech player, in a session of its own, plays on with its
WAV in a temporary folder. Asking the app to exit instead runs its normal shutdown, which
restores the terminal and closes speech (``TutorApp.on_unmount``).

That shutdown writes to the terminal. When the terminal has stopped reading (a stalled SSH
link, a frozen emulator) Textual's writer thread blocks on it and the shutdown waits forever,
leaving a process behind after the hang-up. So a signal also arms a watchdog: if the app has
not gone within ``SHUTDOWN_GRACE`` seconds, it closes speech and ends the process itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Callable
from typing import Any

from textual.app import App

#: The signals a terminal session's end (SIGHUP) or ``kill`` (SIGTERM) sends.
EXIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
#: Seconds a clean shutdown may take after a signal before the watchdog ends the process.
SHUTDOWN_GRACE = 3.0


def exit_on_signals(app: App[Any], cleanup: Callable[[], None] = lambda: None) -> None:
    """From now on, SIGTERM and SIGHUP make ``app`` exit cleanly. Call on the app's loop.

    ``cleanup`` is what must happen even when the clean shutdown hangs (e.g. stop speech).
    """
    loop = asyncio.get_running_loop()
    for signum in EXIT_SIGNALS:
        # The handler runs on the loop, between callbacks: exit() is safe there.
        with contextlib.suppress(RuntimeError, ValueError):  # not the main thread: leave it
            loop.add_signal_handler(signum, _exit, app, cleanup, signum)


def _exit(app: App[Any], cleanup: Callable[[], None], signum: int) -> None:
    code = 128 + signum  # the shell's convention for "ended by signal N"
    watchdog = threading.Timer(SHUTDOWN_GRACE, _force_exit, args=(cleanup, code))
    watchdog.daemon = True  # a shutdown that ends in time ends the process with it
    watchdog.start()
    app.exit(None, code)


def _force_exit(cleanup: Callable[[], None], code: int) -> None:
    with contextlib.suppress(Exception):  # ending the process matters more than a clean-up
        cleanup()
    os._exit(code)
