"""A workshop under load: 30 raw-socket participants join at once and each plays a call;
the same for one participant in the same run, so the figures compare on this machine.

Measured per participant with ``tutor.workshop.probe`` (no browser): the first screen (socket
opened -> the name question drawn), key-to-frame (a letter of the name typed -> drawn back),
and the memory of each app process at its debrief. Apps run a few to a process in session
hosts (``tutor.workshop.host``) forked from one session starter (``tutor.workshop.zygote``),
whose pages they share, so the memory is given three ways: RSS (every page a process maps,
shared ones in full), PSS (shared pages split between their sharers) and USS (pages only that
process has). Per session: the app processes' RSS added up (and once more with the server's
and the starter's) and divided by the participants, and, the cost to the machine, the PSS of
all the workshop's processes per participant. Goals from the issue: first screen worst <= 4 s,
key-to-frame p95 <= 400 ms, RSS per session <= 40 MiB.

Run: ``python bench/bench_workshop.py [--crowd N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from tutor.workshop.probe import Participant
from tutor.workshop.starter import MODULE as STARTER

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"
MIB = 1024 * 1024


@dataclass(frozen=True)
class Usage:
    """One process's CPU time, and its memory in bytes from ``/proc/PID/smaps_rollup``: RSS
    counts every page it maps, PSS splits each shared page between the processes sharing it,
    USS is the pages only it has (what ending it would give back)."""

    rss: int
    pss: int
    uss: int
    cpu: float  # seconds of CPU it has used so far

    @classmethod
    def of(cls, pid: int) -> Usage:
        """What process ``pid`` uses now."""
        fields: dict[str, int] = {}
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
            name, _, value = line.partition(":")
            fields[name] = int(value.split()[0]) * 1024
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = int(stat[11]) + int(stat[12])  # utime + stime
        return cls(fields["Rss"], fields["Pss"],
                   fields["Private_Clean"] + fields["Private_Dirty"],
                   ticks / os.sysconf("SC_CLK_TCK"))


@dataclass(frozen=True)
class Figures:
    """One round: N participants at once."""

    participants: int
    first_screen: list[float]
    key_to_frame: list[float]
    processes: list[Usage]  # each app process, read while every app is at its debrief
    starter: Usage | None  # the process the app processes are forked from, if any
    server: Usage  # the web server itself

    def p95(self) -> float:
        """The 95th percentile of key-to-frame."""
        return percentile(self.key_to_frame, 95)

    def median(self, field: str) -> float:
        """The median over the app processes of one memory figure, in MiB."""
        return float(statistics.median(getattr(m, field) for m in self.processes)) / MIB

    def per_session(self, field: str, everything: bool = False) -> float:
        """MiB of one memory figure per participant: the app processes' sum (with the
        server's and the starter's if ``everything``), divided by the participants. A host
        runs several sessions; RSS counts shared pages in full in each process, so as a
        sum it is an upper bound of what the sessions cost."""
        counted = [*self.processes, *((self.server, *filter(None, [self.starter]))
                                      if everything else ())]
        return float(sum(getattr(m, field) for m in counted)) / self.participants / MIB

    def share(self) -> float:
        """MiB each session costs the machine: the PSS of every workshop process (server,
        starter, app processes), divided by the participants."""
        return self.per_session("pss", everything=True)


def percentile(values: list[float], pct: int) -> float:
    """The ``pct``-th percentile (inclusive method: the largest value at 100)."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def descendants(pid: int) -> dict[int, int]:
    """Every living process below ``pid``, with its parent."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                parents[int(entry.name)] = int(fields[1])
    found: dict[int, int] = {}
    wanted = {pid}
    while wanted:
        below = {child: parent for child, parent in parents.items() if parent in wanted}
        found.update(below)
        wanted = set(below)
    return found


def is_starter(pid: int) -> bool:
    """True for the session starter (its apps, forked from it, show its command line too)."""
    with contextlib.suppress(OSError):
        return STARTER in Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
    return False


async def one(join_url: str, number: int, at_debrief: asyncio.Barrier
              ) -> tuple[float, Participant]:
    try:
        async with Participant(join_url) as person:
            await person.wait_for("Who is practising?", timeout=120)
            first_screen = time.perf_counter() - person.connected_at
            await person.join(f"Participant {number:02d}")
            await person.play("minimal", timeout=180)
            await at_debrief.wait()  # memory is read while every app is at its debrief
            await at_debrief.wait()
            return first_screen, person
    except BaseException:
        await at_debrief.abort()  # no one waits for a participant who will not come
        raise


async def round_of(join_url: str, server: int, count: int) -> Figures:
    at_debrief = asyncio.Barrier(count + 1)
    people = [asyncio.create_task(one(join_url, n, at_debrief)) for n in range(count)]
    try:
        await at_debrief.wait()
    except asyncio.BrokenBarrierError:
        await asyncio.gather(*people)  # raises what went wrong for the first who failed
        raise
    processes = descendants(server)
    starters = [pid for pid, parent in processes.items() if parent == server and is_starter(pid)]
    apps = [Usage.of(pid) for pid in processes if pid not in starters]
    starter = Usage.of(starters[0]) if starters else None
    itself = Usage.of(server)
    await at_debrief.wait()
    done = await asyncio.gather(*people)
    return Figures(count, [first for first, _ in done],
                   [t for _, p in done for t in p.key_to_frame], apps, starter, itself)


def show(figures: Figures) -> None:
    starter = (f"; starter RSS {figures.starter.rss / MIB:.1f} MiB" if figures.starter
               else "")
    print(f"{figures.participants:>3} at once: first screen median "
          f"{statistics.median(figures.first_screen):.2f} s, worst "
          f"{max(figures.first_screen):.2f} s; key-to-frame p50 "
          f"{percentile(figures.key_to_frame, 50) * 1000:.0f} ms, p95 "
          f"{figures.p95() * 1000:.0f} ms (n={len(figures.key_to_frame)}); "
          f"{len(figures.processes)} app processes, each RSS {figures.median('rss'):.1f} MiB, "
          f"USS {figures.median('uss'):.1f} MiB (medians); per session RSS "
          f"{figures.per_session('rss'):.1f} MiB (with the server and starter "
          f"{figures.per_session('rss', everything=True):.1f}), all processes' PSS per session "
          f"{figures.share():.1f} MiB{starter}; CPU per session to its debrief "
          f"{sum(m.cpu for m in figures.processes) / figures.participants:.2f} s", flush=True)


def verdict(name: str, value: float, limit: float, unit: str) -> bool:
    """Print one goal's figure against its limit; True when it is met."""
    met = value <= limit
    print(f"  {'PASS' if met else 'FAIL'} {name}: {value:.2f} {unit} (goal <= {limit:g})")
    return met


#: The server's last lines (an app's error output goes there), shown if a round fails.
server_log: collections.deque[str] = collections.deque(maxlen=40)


def start(tmp: Path, crowd: int) -> tuple[subprocess.Popen[str], str]:
    calls = tmp / "calls"
    calls.mkdir()
    shutil.copy(MINIMAL, calls)
    # Caches of its own, as on a trainer's machine: the shared ~/.cache/tutor of a machine
    # that runs tests holds the cards of every checkout and changes under the bench.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TUTOR_CONFIG_DIR": str(tmp / "trainer"),
           "XDG_CACHE_HOME": str(tmp / "cache")}
    env.pop("TUTOR_SCENARIOS", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "tutor", "--speed", "20", "--scenarios", str(calls), "workshop",
         "--port", "0", "--no-dashboard", "--max", str(crowd), "--db",
         str(tmp / "results.sqlite3")],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=tmp, env=env)
    assert server.stdout is not None
    first = server.stdout.readline()
    assert first.startswith("Join: "), first
    # Measured from when the server says it serves (its app loaded), as a trainer would
    # hand out the link; reading on also keeps its log from filling the pipe.
    for line in server.stdout:
        if "serving" in line:
            break
    threading.Thread(target=server_log.extend, args=(server.stdout,), daemon=True).start()
    return server, first.split(" ", 1)[1].strip()


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--crowd", type=int, default=30, help="participants at once (30)")
    crowd = parser.parse_args().crowd
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory(prefix="tutor-bench-workshop-") as folder:
        server, join_url = start(Path(folder), crowd)
        try:
            alone = await round_of(join_url, server.pid, 1)
            show(alone)
            many = await round_of(join_url, server.pid, crowd)
            show(many)
        except BaseException:
            print("the server's last lines:", *server_log, sep="\n", file=sys.stderr)
            raise
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(30)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    worst = max(many.first_screen)
    print(f"{crowd} vs 1: first screen worst x{worst / max(alone.first_screen):.1f}, "
          f"key-to-frame p95 x{many.p95() / alone.p95():.1f}, RSS per session "
          f"x{many.per_session('rss') / alone.per_session('rss'):.2f}, PSS per session "
          f"x{many.share() / alone.share():.2f}")
    print(f"goals ({crowd} at once):")
    met = [verdict("first screen worst", worst, 4.0, "s"),
           verdict("key-to-frame p95", many.p95() * 1000, 400, "ms"),
           verdict("RSS per session (the app processes' RSS, shared pages counted in full, "
                   "/ participants)", many.per_session("rss"), 40, "MiB"),
           verdict("RSS per session, every workshop process counted (server and starter too)",
                   many.per_session("rss", everything=True), 40, "MiB"),
           verdict("PSS per session (every process's PSS / participants)", many.share(), 40,
                   "MiB")]
    print(f"{sum(met)} of {len(met)} goals met")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
