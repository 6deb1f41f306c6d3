"""Start-up of the TUI against a minimal Textual app, measured in the same run.

Time: from just before the process starts to the moment the library's list is drawn (the app
writes the wall-clock time to ``$TUTOR_EXIT_WHEN_READY`` and exits). Memory: peak RSS of each
child process (``os.wait4``). Each app runs in its own pseudo-terminal, as it would for a user.
Goals: time <= 1.3x and RSS <= 1.5x the minimal app's. The two apps take turns, so a busy
moment on the machine slows both. The tutor's own modules are byte-compiled first
(``common.compile_tutor``), as pip does for Textual's when it installs them.

Run: ``python bench/bench_tui_startup.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from common import compile_tutor

ROOT = Path(__file__).resolve().parents[1]

MINIMAL = """
import os, time
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, OptionList

class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList("one", "two")
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(self.ready)

    def ready(self) -> None:
        with open(os.environ["TUTOR_EXIT_WHEN_READY"], "w") as out:
            out.write(f"{time.time()}\\n")
        self.exit()

Minimal().run()
"""


@dataclass(frozen=True)
class Sample:
    """One start-up: seconds to ready, and peak resident memory in KiB."""

    seconds: float
    rss_kib: int


def _drain(fd: int) -> None:
    # The app blocks if nobody reads what it draws.
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass


def run_once(argv: list[str], env: dict[str, str]) -> Sample:
    """Start ``argv`` in a 100x30 pseudo-terminal and wait for its ready marker."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    with tempfile.TemporaryDirectory() as tmp:
        marker = Path(tmp) / "ready"
        child_env = {**os.environ, **env, "TUTOR_EXIT_WHEN_READY": str(marker),
                     "TUTOR_CONFIG_DIR": tmp, "TUTOR_DATA_DIR": tmp, "TERM": "xterm-256color"}
        reader = threading.Thread(target=_drain, args=(master,), daemon=True)
        reader.start()
        start = time.time()
        proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=child_env,
                                cwd=ROOT, start_new_session=True)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        os.close(slave)
        os.close(master)
        if proc.returncode != 0 or not marker.exists():
            raise RuntimeError(f"{argv} exited with {proc.returncode} before it was ready")
        ready = float(marker.read_text().strip())
    return Sample(ready - start, int(usage.ru_maxrss))


def medians(samples: list[Sample]) -> tuple[float, int]:
    """Median seconds and median peak RSS (KiB) of some start-ups."""
    return (statistics.median(s.seconds for s in samples),
            int(statistics.median(s.rss_kib for s in samples)))


def main() -> int:
    """Measure both apps in turns (one warm-up each) and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=15,
                        help="start-ups of each app (the medians are compared)")
    args = parser.parse_args()
    python = sys.executable
    compile_tutor()
    minimal_argv = [python, "-c", MINIMAL]
    # Started as `make run` starts it: the installed console script.
    script = Path(python).with_name("tutor")
    launcher = [str(script)] if script.exists() else [python, "-m", "tutor"]
    tutor_argv = [*launcher, "--ui-lang", "en"]
    # A card cache of its own, filled by the warm-up run: the user's may hold the cards of
    # every checkout and trainer's folder they ever listed, and other runs may rewrite it.
    with tempfile.TemporaryDirectory() as cache:
        tutor_env = {"XDG_CACHE_HOME": cache}
        run_once(minimal_argv, {})  # warm the file cache so the first measured run is fair
        run_once(tutor_argv, tutor_env)
        base: list[Sample] = []
        app: list[Sample] = []
        for _ in range(args.runs):  # taking turns, so a busy spell on the machine hits both
            base.append(run_once(minimal_argv, {}))
            app.append(run_once(tutor_argv, tutor_env))
    base_t, base_rss = medians(base)
    app_t, app_rss = medians(app)
    time_ratio, rss_ratio = app_t / base_t, app_rss / base_rss
    print(f"minimal textual app: {base_t * 1000:7.1f} ms  {base_rss / 1024:6.1f} MiB")
    print(f"tutor library      : {app_t * 1000:7.1f} ms  {app_rss / 1024:6.1f} MiB")
    print(f"ratio              : {time_ratio:7.2f}x time (goal <= 1.3)  "
          f"{rss_ratio:.2f}x RSS (goal <= 1.5)")
    pairs = sorted(a.seconds / b.seconds for a, b in zip(app, base, strict=True))
    print(f"time ratio of each pair of runs: {pairs[0]:.2f}x to {pairs[-1]:.2f}x "
          f"(median {statistics.median(pairs):.2f}x, {len(pairs)} pairs)")
    return 0  # figures to read, not a test: timings vary with the machine's load


if __name__ == "__main__":
    sys.exit(main())
