"""Does speech slow the keys down? Key-to-screen latency with speech on vs off, same run.

For each repetition a call is opened and brought to the learner's turn, where the other
side's line has just started: with speech on, a slow engine is still "saying" it (by default
a FakeBackend taking ``--line-ms`` per line on its own thread; ``--real`` uses the real
backend with a silent player, if this machine has an engine). Then a choice key is pressed
through Textual's Pilot and the clock stops when the learner's line is on screen. Rounds of
both modes alternate so drift hits both alike. The times fall on steps of about 20 ms (the
app's refresh ticks), so a median jumps a whole step from one run to the next; the ratio is
taken between trimmed means (the middle 80% of presses), which do not. Goal: <= 1.2x.

Run: ``python bench/bench_speech_keys.py [--reps N] [--line-ms MS] [--real]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, no install

from textual.pilot import Pilot

from tutor.dialogue import Phase
from tutor.scenario import sources
from tutor.scenario.model import Scenario
from tutor.settings import Settings
from tutor.speech import FakeBackend, SpeechBackend
from tutor.tui import AppOptions, make_app
from tutor.tui.app import TutorApp
from tutor.tui.messages import StartCall
from tutor.tui.screens.call import CallScreen
from tutor.tui.widgets.transcript import TurnLine

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "tui" / "scenarios"
SCENARIO_ID = "test-en-dentist"
GOAL = 1.2
TIMEOUT = 10.0


async def _until(pilot: Pilot[None], ready: object) -> None:
    """Let the app run until ``ready()`` holds."""
    assert callable(ready)
    deadline = time.monotonic() + TIMEOUT
    while not ready():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        await pilot.pause()


async def _fresh_turn(pilot: Pilot[None], app: TutorApp, scenario: Scenario,
                      previous: CallScreen | None) -> CallScreen:
    """Open the call anew and bring it to the learner's first turn."""
    if previous is not None:
        app.post_message(StartCall(scenario))
    await _until(pilot, lambda: isinstance(app.screen, CallScreen) and app.screen is not previous
                 and app.screen.is_mounted)
    screen = app.screen
    assert isinstance(screen, CallScreen)
    while screen.call.phase is not Phase.LEARNER_TURN:
        screen.skip_to_next_event()
        await pilot.pause()
    await pilot.pause()  # the other side's line is drawn (and, with speech on, being said)
    return screen


async def _measure(scenario: Scenario, backend: SpeechBackend | None, speech_on: bool,
                   reps: int, busy: list[bool]) -> list[float]:
    """Seconds from pressing "1" to the learner's line on screen, ``reps`` times.

    ``busy`` gets, per press, whether the backend was still speaking when the key went in.
    """
    app = make_app(AppOptions(scenario=scenario, speed=0.0, speech=backend, speech_on=speech_on,
                              settings=Settings(), library_dirs=(FIXTURES,),
                              store_path=Path(tempfile.mkdtemp()) / "attempts.sqlite3"))
    samples: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        screen: CallScreen | None = None
        for _ in range(reps):
            screen = await _fresh_turn(pilot, app, scenario, screen)
            if backend is not None and speech_on:
                busy.append(backend.speaking)
            before = len(screen.query(TurnLine))
            current = screen
            start = time.perf_counter()
            await pilot.press("1")
            await _until(pilot, lambda s=current, n=before: len(s.query(TurnLine)) > n)
            samples.append(time.perf_counter() - start)
        app.exit()
    return samples


def trimmed_mean(times: list[float], cut: float = 0.1) -> float:
    """The mean of ``times`` without the lowest and highest ``cut`` of them."""
    ordered = sorted(times)
    drop = int(len(ordered) * cut)
    return statistics.mean(ordered[drop:len(ordered) - drop] or ordered)


def _real_backend() -> SpeechBackend | None:
    from tutor.speech import ThreadedBackend
    from tutor.speech.probe import EngineChoice, choose_engine
    from tutor.speech.reasons import available

    choice = choose_engine()
    if not isinstance(choice, EngineChoice):
        print(f"real backend unavailable: {choice.message('en')}", file=sys.stderr)
        return None
    noop = shutil.which("true")
    player = [noop] if noop else [sys.executable, "-c", "pass"]
    return ThreadedBackend(choice.factory, player, available(choice.name, player[0]))


async def _run(reps: int, rounds: int, line_ms: float, real: bool) -> int:
    scenario = sources.find(SCENARIO_ID, [FIXTURES])
    on: list[float] = []
    off: list[float] = []
    busy: list[bool] = []
    backend: SpeechBackend | None = _real_backend() if real else None
    name = "real backend, silent player" if backend is not None else \
        f"FakeBackend, {line_ms:.0f} ms per line on a timer thread"
    per_round = max(1, reps // rounds)
    try:
        await _measure(scenario, None, False, 3, [])  # warm up imports and caches
        for _ in range(rounds):
            speaker = backend or FakeBackend(delay=line_ms / 1000)
            on += await _measure(scenario, speaker, True, per_round, busy)
            if backend is None:
                speaker.close()
            off += await _measure(scenario, None, False, per_round, [])
    finally:
        if backend is not None:
            backend.close()
    mean_on, mean_off = trimmed_mean(on), trimmed_mean(off)
    ratio = mean_on / mean_off
    print(f"speech: {name}; {len(on)} presses per mode; "
          f"{sum(busy)}/{len(busy)} pressed while a line was being said")
    for label, times, mean in (("OFF", off, mean_off), ("ON ", on, mean_on)):
        print(f"speech {label}  trimmed mean {mean * 1e3:7.2f} ms   median "
              f"{statistics.median(times) * 1e3:7.2f} ms   max {max(times) * 1e3:7.2f} ms")
    verdict = "OK" if ratio <= GOAL else "TOO SLOW"
    print(f"ratio ON/OFF (trimmed mean key-to-screen): {ratio:.2f}x (goal <= {GOAL}x): "
          f"{verdict}")
    return 0 if ratio <= GOAL else 1


def main(argv: list[str] | None = None) -> int:
    """Measure both modes and print the medians and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--reps", type=int, default=60, help="key presses per mode")
    parser.add_argument("--rounds", type=int, default=4, help="alternating rounds per mode")
    parser.add_argument("--line-ms", type=float, default=200.0,
                        help="how long the fake engine takes per line")
    parser.add_argument("--real", action="store_true",
                        help="use the real speech backend (silent player) if available")
    args = parser.parse_args(argv)
    # Never read or write the user's settings.
    os.environ["TUTOR_CONFIG_DIR"] = tempfile.mkdtemp(prefix="tutor-bench-")
    return asyncio.run(_run(args.reps, args.rounds, args.line_ms, args.real))


if __name__ == "__main__":
    raise SystemExit(main())
