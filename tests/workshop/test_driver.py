"""An app whose server is gone does not live on: after SIGKILL of the server, its apps end."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

from tests.workshop.helpers import alive, start_workshop
from tutor.workshop.probe import Participant

#: What the issue allows an orphaned app, in seconds.
ORPHAN_LIMIT = 5.0


async def test_after_sigkill_of_the_server_no_app_process_is_left(tmp_path: Path) -> None:
    workshop = start_workshop(tmp_path)
    try:
        async with Participant(workshop.join_url) as one, Participant(workshop.join_url) as two:
            await one.wait_for("Who is playing?")
            await two.wait_for("Who is playing?")
            apps = workshop.app_pids()
            assert len(apps) == 2
            os.kill(workshop.process.pid, signal.SIGKILL)
            workshop.process.wait()
            deadline = time.monotonic() + ORPHAN_LIMIT
            while any(alive(pid) for pid in apps) and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            assert [pid for pid in apps if alive(pid)] == []
    finally:
        workshop.stop()
