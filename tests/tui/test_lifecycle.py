"""Signals once the app's loop has closed: they end the process as they would without the app."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from tutor.tui.lifecycle import EXIT_SIGNALS

AFTER_THE_APP = """
import asyncio, sys, time
from textual.app import App
from tutor.tui.lifecycle import exit_on_signals

async def main() -> None:
    exit_on_signals(App())

asyncio.run(main())  # the loop is closed from here on
print("closed", flush=True)
time.sleep(60)
"""


@pytest.mark.parametrize("signum", EXIT_SIGNALS)
def test_a_signal_after_the_loop_has_closed_ends_the_process_by_default(
        signum: signal.Signals) -> None:
    proc = subprocess.Popen([sys.executable, "-c", AFTER_THE_APP], stdout=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == "closed\n"
        proc.send_signal(signum)
        assert proc.wait(timeout=60) == -signum
    finally:
        proc.kill()
        proc.wait()
