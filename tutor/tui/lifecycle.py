"""SIGTERM and SIGHUP end the app the way Ctrl+Q does.

Python's default for both is to die at once: Textual never leaves the alternate screen nor
turns mouse reporting off, and the speech player, in a session of its own, plays on with its
WAV in a temporary folder. Asking the app to exit instead runs its normal shutdown, which
restores the terminal and closes speech (``TutorApp.on_unmount``).

That shutdown writes to the terminal. When the terminal has stopped reading (a stalled SSH
link, a frozen emulator) Textual's writer thread blocks on it and the shutdown waits forever,
leaving a process behind after the hang-up. So a signal also arms a watchdog: if the app has
not gone within ``SHUTDOWN_GRACE`` seconds, it closes speech and ends the process itself.

The handler is Python's own (``signal.signal``), which hands the exit to the app's loop with
``call_soon_threadsafe``, rather than ``loop.add_signal_handler``: that one checks each signal
against the whole set of valid ones, built anew as enum members at every call, which costs
more than the rest of this on the way to the first frame (``tutor.tui.startup``).
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
    Once the loop is closed, the signals end the process as they would by default.
    """
    loop = asyncio.get_running_loop()

    def on_signal(signum: int, _frame: object) -> None:
        if loop.is_closed():  # the app has gone: what the signal would have done without it
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        # Run on the loop, between callbacks: exit() is safe there, not in a signal handler.
        loop.call_soon_threadsafe(_exit, app, cleanup, signum)

    for signum in EXIT_SIGNALS:
        with contextlib.suppress(ValueError):  # not the main thread: leave the signals alone
            signal.signal(signum, on_signal)
            signal.siginterrupt(signum, False)  # system calls resume after it, as asyncio's do


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
