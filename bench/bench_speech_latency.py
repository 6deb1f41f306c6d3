"""How long does ``speak()`` keep the caller? Real backend vs FakeBackend, same run.

The real backend must only queue: its call time should be of the same order as the fake's
(microseconds), whatever synthesis costs. Also reports how long a line takes to be ready
(synthesis + a no-op player) so the queueing figure can be read against real work.

Run: ``python bench/bench_speech_latency.py [--calls N]`` (needs espeak-ng; plays no sound).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, no install

from tutor.speech import FakeBackend, Pace, SpeechBackend, ThreadedBackend
from tutor.speech.probe import EngineChoice, choose_engine
from tutor.speech.reasons import available

LINES = (
    ("Алло, добрый день! Чем могу помочь?", "ru"),
    ("Thanks for calling, have a good evening.", "en"),
)


def _time_calls(backend: SpeechBackend, calls: int) -> list[float]:
    """Seconds each ``speak()`` call took to return to the caller."""
    samples = []
    for i in range(calls):
        text, lang = LINES[i % len(LINES)]
        pace: Pace = "rushed" if i % 2 else "calm"
        start = time.perf_counter()
        backend.speak(text, lang, pace)
        samples.append(time.perf_counter() - start)
    return samples


def _time_to_done(backend: SpeechBackend) -> float:
    """Seconds from ``speak()`` to ``on_done`` for one line (synthesis + player)."""
    done = threading.Event()
    start = time.perf_counter()
    backend.speak(*LINES[0], on_done=done.set)
    if not done.wait(60):
        raise TimeoutError("line did not finish within 60 s")
    return time.perf_counter() - start


def _summary(name: str, samples: list[float]) -> str:
    us = sorted(s * 1e6 for s in samples)
    p95 = us[min(len(us) - 1, int(len(us) * 0.95))]
    return (
        f"{name:<14} median {statistics.median(us):8.1f} us   p95 {p95:8.1f} us   "
        f"max {us[-1]:8.1f} us   (n={len(us)})"
    )


def _measure(make: Callable[[], SpeechBackend], calls: int) -> tuple[list[float], float]:
    backend = make()
    try:
        ready = _time_to_done(backend)  # also warms up: thread and engine started
        samples = _time_calls(backend, calls)
        backend.stop()
    finally:
        backend.close()
    return samples, ready


def main(argv: list[str] | None = None) -> int:
    """Print call-time statistics for both backends and the real/fake ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--calls", type=int, default=200, help="speak() calls per backend")
    args = parser.parse_args(argv)

    choice = choose_engine()
    if not isinstance(choice, EngineChoice):
        print(f"bench_speech_latency: {choice.message('en')}", file=sys.stderr)
        return 1
    noop = shutil.which("true")
    player = [noop] if noop else [sys.executable, "-c", "pass"]  # measure, don't play aloud

    def make_real() -> SpeechBackend:
        return ThreadedBackend(choice.factory, player, available(choice.name, player[0]))

    real, real_ready = _measure(make_real, args.calls)
    fake, _ = _measure(FakeBackend, args.calls)
    ratio = statistics.median(real) / statistics.median(fake)
    print(f"engine: {choice.name}; player: {player[0]} (no sound)")
    print(_summary("real backend", real))
    print(_summary("FakeBackend", fake))
    print(f"ratio real/fake (median speak() return time): {ratio:.2f}x")
    print(f"real line ready (speak -> on_done, synthesis + no-op player): {real_ready:.3f} s")
    worst_ms = max(real) * 1e3
    verdict = "non-blocking" if worst_ms < 5.0 else "BLOCKING"
    print(f"verdict: {verdict} (slowest real speak() returned in {worst_ms:.2f} ms)")
    return 0 if verdict == "non-blocking" else 1


if __name__ == "__main__":
    raise SystemExit(main())
