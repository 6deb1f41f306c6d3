"""``tutor play --plain`` in a real terminal (a pty): what was typed ahead is not said."""

from __future__ import annotations

import contextlib
import os
import pty
import select
import subprocess
import sys
import time

from tests.support.paths import REFERENCE, REPO
from tests.support.processes import tutor_env


class PtyRun:
    """``python -m tutor ARGS`` with a pseudo-terminal on stdin, stdout and stderr."""

    def __init__(self, *args: str) -> None:
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen([sys.executable, "-m", "tutor", *args], stdin=slave,
                                     stdout=slave, stderr=slave, cwd=REPO, env=tutor_env(),
                                     close_fds=True)
        os.close(slave)
        self.out = ""
        self.seen = 0  # output before this has been waited for already

    def read_until(self, text: str, timeout: float = 30.0) -> str:
        """Wait for ``text`` to appear after what earlier calls waited for (so a second
        prompt is not mistaken for the first), and return all the output so far."""
        # Another process writes the terminal: polling its output is the only way to watch it.
        deadline = time.monotonic() + timeout
        while (found := self.out.find(text, self.seen)) < 0:
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never came; got:\n{self.out}")
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    self.out += os.read(self.master, 4096).decode("utf-8", "replace")
                except OSError:  # the child has gone
                    return self.out
        self.seen = found + len(text)
        return self.out

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def finish(self) -> str:
        with contextlib.suppress(AssertionError):  # read everything up to the end
            self.read_until("\0", timeout=10)
        self.proc.wait(timeout=10)
        os.close(self.master)
        return self.out


def test_a_line_typed_before_its_options_were_shown_is_dropped_and_the_learner_told() -> None:
    run = PtyRun("play", str(REFERENCE), "--plain")
    run.read_until("> ")
    run.type("1\n")
    run.read_until("2. It's an analyst job")
    run.read_until("> ")
    run.type("2\n1\n")  # "1" answers a question that has not been asked yet
    run.read_until("Could you come in on Tuesday at eleven?")
    out = run.read_until("typed before the options were shown are dropped")
    run.type("/quit\n")
    out = run.finish()
    assert "Yes, Tuesday at eleven works for me." not in out  # the unseen "1" was never said
    assert out.count("are dropped") == 1
