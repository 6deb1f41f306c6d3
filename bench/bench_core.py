"""Core speed: validation throughput, `tutor list` start-up, `tutor check` throughput, evaluation.

Every figure is printed with a baseline measured in the same run, so the ratios hold on any
machine:
- validation of 1,000 generated scenario files vs composing the same YAML with no checks;
- `tutor list` start-up vs `python -c "import yaml"`;
- `tutor check` over 10,000 mixed lines (process included) vs `cat`-like echo in Python;
- evaluating a whole closing vs playing the call that produced it.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import yaml
from common import ROOT, compile_tutor, median_seconds, python, run_process

from tutor.dialogue import Call
from tutor.feedback import evaluate
from tutor.play.paths import play as best_path
from tutor.scenario import sources
from tutor.scenario.loader import check_file
from tutor.signals import build_detector

FILES = 1000
LINES = 10_000


def generate(folder: Path, count: int = FILES) -> list[Path]:
    """``count`` scenario files: the bundled ones, each given fresh ids, cycled."""
    bundled = sorted((ROOT / "scenarios").rglob("*.yaml"))
    paths = []
    for n in range(count):
        source = bundled[n % len(bundled)]
        text = source.read_text("utf-8").replace("\nid: ", f"\nid: gen{n}-", 1)
        path = folder / f"s{n:04}.yaml"
        path.write_text(text, "utf-8")
        paths.append(path)
    return paths


def bench_validation() -> None:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(Path(tmp))
        bad = [p for p in paths if check_file(p)[1]]
        assert not bad, f"generated files should be valid: {bad[:1]}"

        def validate_all() -> None:
            for path in paths:
                check_file(path)

        def compose_all() -> None:
            # Results are dropped as we go: keeping 1,000 node trees alive would time the GC.
            for path in paths:
                yaml.compose(path.read_text("utf-8"), Loader=loader)

        full = median_seconds(validate_all, 3)
        compose = median_seconds(compose_all, 3)
    print(f"validate: {FILES / full:,.0f} files/s on one core "
          f"(goal >= 500); {full / compose:.2f}x the time of composing the YAML alone")


def bench_list_startup() -> None:
    compile_tutor()
    base = median_seconds(lambda: run_process(python("-c", "import yaml")), 9)
    listing = median_seconds(lambda: run_process(python("-m", "tutor", "list")), 9)
    print(f"tutor list start-up: {listing * 1000:.0f} ms vs {base * 1000:.0f} ms for "
          f"'import yaml' = {listing / base:.2f}x (goal <= 2.0x)")

    def cold() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            run_process(python("-m", "tutor", "list"), env={**os.environ, "XDG_CACHE_HOME": tmp})

    first = median_seconds(cold, 5)
    print(f"tutor list, first run (no catalog cache): {first * 1000:.0f} ms = "
          f"{first / base:.2f}x 'import yaml'")


def mixed_lines() -> str:
    samples = [
        "Thank you so much, it was a pleasure talking to you. Goodbye!",
        "Спасибо большое, было очень приятно пообщаться. До свидания!",
        "OK, uh-huh, yep, bye.",
        "Ага, угу, всё, давайте, пока.",
        "I'll email you the invitation today, see you Tuesday at 11:00.",
        "Пришлю приглашение на почту сегодня, ждём вас во вторник в 11:00.",
        "Is there anything else I can help you with?",
        "Могу ли я ещё чем-нибудь вам помочь?",
        "No thanks, I'm not interested.",
        "The weather is lovely today and the parking is at the back.",
    ]
    return "\n".join(samples[i % len(samples)] for i in range(LINES)) + "\n"


def bench_check() -> None:
    text = mixed_lines()
    echo = "import sys\nfor line in sys.stdin: sys.stdout.write(line)"
    base = median_seconds(lambda: run_process(python("-c", echo), stdin=text), 3)
    full = median_seconds(
        lambda: run_process(python("-m", "tutor", "check", "--json", "-"), stdin=text), 3)
    print(f"tutor check: {LINES / full:,.0f} lines/s including start-up (goal >= 10,000); "
          f"{full / base:.1f}x the time of echoing the lines in Python")


def bench_evaluate() -> None:
    scenario = sources.find("recruiter-call-en")
    analyzer = build_detector(sources.scenario_dirs())

    def play() -> Call:
        return best_path(Call(scenario, analyzer), "best")

    call = play()
    runs = 200
    start = time.perf_counter()
    for _ in range(runs):
        evaluate(call)
    evaluation = (time.perf_counter() - start) / runs
    start = time.perf_counter()
    for _ in range(runs):
        play()
    playing = (time.perf_counter() - start) / runs
    print(f"evaluate a closing: {evaluation * 1000:.2f} ms (goal <= 5 ms); "
          f"{evaluation / playing:.2f}x the time of playing the call")


def main() -> None:
    """Print every core figure."""
    bench_validation()
    bench_list_startup()
    bench_check()
    bench_evaluate()


if __name__ == "__main__":
    main()
