"""A workshop under load: 30 raw-socket participants join at once and each plays a call;
the same for one participant in the same run, so the figures compare on this machine.

Measured per participant with ``tutor.workshop.probe`` (no browser): the first screen (socket
opened -> the name question drawn), key-to-frame (a letter of the name typed -> drawn back),
and the memory of each app process at its debrief (RSS, and USS: what the process alone uses).
Goals from the issue: first screen worst <= 4 s, key-to-frame p95 <= 400 ms, RSS per session
<= 40 MiB.

Run: ``python bench/bench_workshop.py [--crowd N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tutor.workshop.probe import Participant

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"
MIB = 1024 * 1024


@dataclass(frozen=True)
class Figures:
    """One round: N participants at once."""

    participants: int
    first_screen: list[float]
    key_to_frame: list[float]
    rss: list[int]
    uss: list[int]

    def p95(self) -> float:
        """The 95th percentile of key-to-frame."""
        return statistics.quantiles(self.key_to_frame, n=20)[-1]


def memory(pid: int) -> tuple[int, int]:
    """(RSS, USS) of a process in bytes, from /proc."""
    rss = uss = 0
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, value = line.partition(":")
        if name == "Rss":
            rss = int(value.split()[0]) * 1024
        elif name in ("Private_Clean", "Private_Dirty"):
            uss += int(value.split()[0]) * 1024
    return rss, uss


def children(pid: int) -> list[int]:
    """The app processes of the server ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


async def one(join_url: str, number: int, at_debrief: asyncio.Barrier
              ) -> tuple[float, Participant]:
    async with Participant(join_url) as person:
        await person.wait_for("Who is practising?", timeout=120)
        first_screen = time.perf_counter() - person.connected_at
        await person.join(f"Participant {number:02d}")
        await person.play("minimal", timeout=180)
        await at_debrief.wait()  # memory is read while every app is at its debrief
        await at_debrief.wait()
        return first_screen, person


async def round_of(join_url: str, server: int, count: int) -> Figures:
    at_debrief = asyncio.Barrier(count + 1)
    people = [asyncio.create_task(one(join_url, n, at_debrief)) for n in range(count)]
    await at_debrief.wait()
    used = [memory(pid) for pid in children(server)]
    await at_debrief.wait()
    done = await asyncio.gather(*people)
    return Figures(count, [first for first, _ in done],
                   [t for _, p in done for t in p.key_to_frame],
                   [rss for rss, _ in used], [uss for _, uss in used])


def show(figures: Figures) -> None:
    print(f"{figures.participants:>3} participant(s): first screen median "
          f"{statistics.median(figures.first_screen):.2f} s, worst "
          f"{max(figures.first_screen):.2f} s; key-to-frame p50 "
          f"{statistics.median(figures.key_to_frame) * 1000:.0f} ms, p95 "
          f"{figures.p95() * 1000:.0f} ms; per session RSS "
          f"{statistics.median(figures.rss) / MIB:.1f} MiB, USS "
          f"{statistics.median(figures.uss) / MIB:.1f} MiB", flush=True)


def start(tmp: Path, crowd: int) -> tuple[subprocess.Popen[str], str]:
    calls = tmp / "calls"
    calls.mkdir()
    shutil.copy(MINIMAL, calls)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TUTOR_CONFIG_DIR": str(tmp / "trainer")}
    env.pop("TUTOR_SCENARIOS", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "tutor", "--speed", "20", "--scenarios", str(calls), "workshop",
         "--port", "0", "--no-dashboard", "--max", str(crowd), "--db",
         str(tmp / "results.sqlite3")],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=tmp, env=env)
    assert server.stdout is not None
    first = server.stdout.readline()
    assert first.startswith("Join: "), first
    return server, first.split(" ", 1)[1].strip()


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--crowd", type=int, default=30, help="participants at once (30)")
    crowd = parser.parse_args().crowd
    with tempfile.TemporaryDirectory(prefix="tutor-bench-workshop-") as folder:
        server, join_url = start(Path(folder), crowd)
        try:
            alone = await round_of(join_url, server.pid, 1)
            show(alone)
            many = await round_of(join_url, server.pid, crowd)
            show(many)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(30)
    worst = max(many.first_screen)
    print(f"ratios {crowd}/1: first screen worst x{worst / max(alone.first_screen):.1f}, "
          f"key-to-frame p95 x{many.p95() / alone.p95():.1f}, RSS per session "
          f"x{statistics.median(many.rss) / statistics.median(alone.rss):.2f}")
    print(f"goals: first screen worst {worst:.2f} s (<= 4), key-to-frame p95 "
          f"{many.p95() * 1000:.0f} ms (<= 400), RSS per session "
          f"{statistics.median(many.rss) / MIB:.1f} MiB (<= 40)")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
