"""Time the line analyzer on 10,000 mixed Russian/English lines.

Prints lines per second and the ratio against ``str.casefold`` over the same lines in the same
run, so the figure can be compared across machines. Run: ``python bench/bench_signals.py``.
"""

from __future__ import annotations

import importlib
import os
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import cast

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from tutor.signals import Analyzer  # noqa: E402

N_LINES = 10_000
# The test lines are the corpus; these wrap them the way people pad their speech.
PREFIXES = ("", "", "", "Ok, ", "Well, ", "Right, so ", "Ну, ", "Так, ", "Ага, ", "Oh ")
SUFFIXES = ("", "", "", " Bye!", " Thanks.", " Спасибо.", " Пока.", " Have a nice day!", "...")


def corpus_lines() -> list[str]:
    """Every line from the two signal test files (positives and negatives)."""
    lines: list[str] = []
    for name in ("tests.signals.test_en", "tests.signals.test_ru"):
        module = importlib.import_module(name)
        for table in (module.POSITIVE, module.NEGATIVE):
            tables = cast(dict[str, list[str]], table)
            for group in tables.values():
                lines.extend(group)
    return lines


def make_lines(n: int, seed: int = 7) -> list[str]:
    """``n`` lines: corpus lines cycled, with random padding and case variations."""
    rng = random.Random(seed)
    base = corpus_lines()
    out: list[str] = []
    for i in range(n):
        line = rng.choice(PREFIXES) + base[i % len(base)] + rng.choice(SUFFIXES)
        if rng.random() < 0.1:
            line = line.upper()
        out.append(line)
    return out


def time_it(func: Callable[[str], object], lines: Iterable[str], repeat: int = 3) -> float:
    """Best wall time over ``repeat`` passes."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for line in lines:
            func(line)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    """Run the benchmark and print the figures."""
    lines = make_lines(N_LINES)
    # Cold: an empty build cache (every cue parsed); warm: the cache that build left behind.
    with tempfile.TemporaryDirectory() as tmp:
        saved = os.environ.get("XDG_CACHE_HOME")
        os.environ["XDG_CACHE_HOME"] = tmp
        try:
            t0 = time.perf_counter()
            Analyzer()
            cold = time.perf_counter() - t0
            re.purge()  # re keeps compiled patterns: the warm build must compile its own
            t0 = time.perf_counter()
            analyzer = Analyzer()
            build = time.perf_counter() - t0
        finally:
            if saved is None:
                del os.environ["XDG_CACHE_HOME"]
            else:
                os.environ["XDG_CACHE_HOME"] = saved
    analyzer.analyze("warm-up, thanks")
    seconds = time_it(analyzer.analyze, lines)
    baseline = time_it(str.casefold, lines)
    print(f"analyzer built in {build * 1000:.1f} ms ({cold * 1000:.1f} ms with no build cache)")
    print(
        f"{len(lines)} lines in {seconds * 1000:.1f} ms: {len(lines) / seconds:,.0f} lines/s, "
        f"{seconds / len(lines) * 1e6:.1f} us/line"
    )
    print(
        f"str.casefold baseline: {len(lines) / baseline:,.0f} lines/s; "
        f"analyzer is {seconds / baseline:.0f}x slower"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
