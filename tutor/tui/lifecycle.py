"""SIGTERM and SIGHUP end the app the way Ctrl+Q does.

Python's default for both is to die at once: Textual never leaves the alternate screen nor
turns mouse reporting off, and the speech player, in a session of its own, plays on with its
WAV in a temporary folder. Asking the app to exit instead runs its normal shutdown, which
restores the terminal and closes speech (``TutorApp.on_unmount``).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from typing import Any

from textual.app import App

#: The signals a terminal session's end (SIGHUP) or ``kill`` (SIGTERM) sends.
EXIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def exit_on_signals(app: App[Any]) -> None:
    """From now on, SIGTERM and SIGHUP make ``app`` exit cleanly. Call on the app's loop."""
    loop = asyncio.get_running_loop()
    for signum in EXIT_SIGNALS:
        # The handler runs on the loop, between callbacks: exit() is safe there. The return
        # code is the shell's convention for "ended by signal N".
        with contextlib.suppress(RuntimeError, ValueError):  # not the main thread: leave it
            loop.add_signal_handler(signum, app.exit, None, 128 + signum)
