"""Attempts survive what real machines do: a writer killed mid-write, many writers at once."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tests.store.attempts import make_attempt
from tests.support.paths import REPO
from tests.support.processes import tutor_env
from tutor.store import open_store

# Adds attempts, printing each id only after its commit returned ("acknowledged"). The store
# comes by environment: a database URL would show its password on a command line.
WRITER = textwrap.dedent("""
    import os, sys
    from tests.store.attempts import make_attempt
    from tutor.store import open_store

    store = open_store(os.environ["TUTOR_TEST_STORE"])
    print("ready", flush=True)
    for n in range(int(sys.argv[1])):
        print(store.add(make_attempt(scenario_id=f"call-{n % 3}")), flush=True)
""")


def _writer(db: str | Path, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(count)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=REPO, env=tutor_env({"TUTOR_TEST_STORE": str(db)}))


def _acknowledged(output: str) -> set[str]:
    # A line cut by the kill was never acknowledged; only whole ids count.
    return {line for line in output.split("\n")[:-1] if len(line) == 32}


def _stored(db: Path) -> tuple[str, set[str]]:
    conn = sqlite3.connect(db)
    try:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        return check, {r[0] for r in conn.execute("SELECT id FROM attempt")}
    finally:
        conn.close()


def _fork_writer(db: Path) -> tuple[int, int]:
    """A forked child adding attempts for ever (forked, so 100 of them need not each import
    Python anew); it writes each id to a pipe after its commit. Returns (pid, read end)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(read)
            store = open_store(db)
            os.write(write, b"ready\n")
            while True:
                os.write(write, store.add(make_attempt()).encode() + b"\n")
        finally:
            os._exit(1)
    os.close(write)
    return pid, read


def _read_all(fd: int) -> str:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks).decode()


def test_killing_a_writer_100_times_loses_no_acknowledged_attempt(tmp_path: Path) -> None:
    db = tmp_path / "attempts.sqlite3"
    rng = random.Random(15)
    acknowledged: set[str] = set()
    for _ in range(100):
        pid, fd = _fork_writer(db)
        assert os.read(fd, 6) == b"ready\n"
        # Kill it at a random point of its next few writes (it never ends on its own).
        time.sleep(rng.uniform(0.0, 0.03))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        acknowledged |= _acknowledged(_read_all(fd))
        check, stored = _stored(db)
        assert check == "ok"
        assert acknowledged <= stored
    assert len(acknowledged) > 100  # the kills really came while attempts were being written


def test_30_writers_at_once_all_land(store_at: str | Path) -> None:
    writers = [_writer(store_at, 10) for _ in range(30)]  # all open a store not made yet
    acknowledged: set[str] = set()
    for child in writers:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        acknowledged |= _acknowledged(out)
    if isinstance(store_at, Path):
        assert _stored(store_at) == ("ok", acknowledged)
    with open_store(store_at) as store:
        stored = {a["id"] for a in store.attempts()}
        stats = store.stats()
    assert len(acknowledged) == 300 and stored == acknowledged
    # Every writer's verdicts were counted once: 300 attempts met the pace principle.
    (pace,) = (p for p in stats.principles if p.principle == "pace")
    assert sum(c.attempts for c in stats.calls) == 300 and pace.met == 300
