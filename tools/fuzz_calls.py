"""Fuzz the bundled calls: random mutants through real ``tutor`` processes.

Each mutant is one bundled call with one to three mutations (a line deleted, duplicated or
swapped; a value replaced by a huge number, a long text, control characters, a YAML tag, a
backtracking pattern; indentation broken; the file cut short). Every mutant goes through
``tutor validate``, ``tutor run`` (a random script, or a --path) and ``tutor play --plain`` (random
stdin). A run fails on a traceback, an exit code other than 0 or 1, or a process still running
after the timeout. Fixed seeds: ``--seed S`` and a mutant's number reproduce it exactly, and
``--keep DIR`` writes the failing mutants out.

    python tools/fuzz_calls.py --mutants 1000 --jobs 2
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "scenarios"

#: Values a trainer's file (or a careless paste) can put where a scalar belongs.
HOSTILE = (
    "9" * 5000,
    "-" + "9" * 40,
    "1e999",
    ".inf",
    "-.nan",
    "0x" + "f" * 200,
    "x" * 5000,
    '"\\e]0;pwned\\a\\e[2J"',
    '"\\x1b]52;c;aGk=\\x07"',
    '"\\0\\x7f\\u009b"',
    "!!python/object/apply:os.system ['true']",
    "!!binary aGVsbG8=",
    "!custom value",
    "&anchor value",
    "*anchor",
    "'(a+)+$'",
    "'a{99999999999}'",
    "'" + "(" * 1000 + "a" + ")" * 1000 + "'",
    "'[z-a]'",
    "[" * 200 + "]" * 200,
    "{" * 50,
    "~",
    "yes",
    "''",
    "[]",
    "{}",
    "[1, 2, 3]",
    "{text: 1}",
    "2024-01-01",
    "end",
    "'[/bold]markup[red]'",
    "|\n  block",
    ">-",
    "\t",
    "ё" * 300,
    "'\\U0001F600' ",
)

Mutation = Callable[[list[str], random.Random], list[str]]


def _line(lines: list[str], rng: random.Random) -> int:
    return rng.randrange(len(lines)) if lines else 0


def _delete(lines: list[str], rng: random.Random) -> list[str]:
    if lines:
        del lines[_line(lines, rng)]
    return lines


def _duplicate(lines: list[str], rng: random.Random) -> list[str]:
    if lines:
        i = _line(lines, rng)
        lines.insert(i, lines[i])
    return lines


def _swap(lines: list[str], rng: random.Random) -> list[str]:
    if len(lines) > 1:
        i, j = _line(lines, rng), _line(lines, rng)
        lines[i], lines[j] = lines[j], lines[i]
    return lines


def _scalar(lines: list[str], rng: random.Random) -> list[str]:
    """Replace the value after ``key:`` (or a list item's) with a hostile one."""
    candidates = [i for i, line in enumerate(lines) if ": " in line or line.lstrip()[:2] == "- "]
    if candidates:
        i = rng.choice(candidates)
        line = lines[i]
        cut = line.index(": ") + 2 if ": " in line else line.index("- ") + 2
        lines[i] = line[:cut] + rng.choice(HOSTILE)
    return lines


def _indent(lines: list[str], rng: random.Random) -> list[str]:
    if lines:
        i = _line(lines, rng)
        line = lines[i]
        lines[i] = rng.choice([" " * rng.randint(1, 3) + line, line.lstrip(), "\t" + line,
                               line[rng.randint(1, 3):] if line.startswith("   ") else line])
    return lines


def _truncate(lines: list[str], rng: random.Random) -> list[str]:
    text = "\n".join(lines)
    return text[: rng.randrange(len(text) + 1)].split("\n") if text else lines


def _deepen(lines: list[str], rng: random.Random) -> list[str]:
    """Nest a value many levels deep, by indentation rather than brackets."""
    i = _line(lines, rng)
    depth = rng.choice([45, 200, 1000])
    nested = [" " * (2 * d) + f"k{d}:" for d in range(depth)]
    return [*lines[:i], *nested, *lines[i:]]


MUTATIONS: tuple[Mutation, ...] = (_delete, _duplicate, _swap, _scalar, _scalar, _scalar,
                                   _indent, _truncate, _deepen)


def bundled_calls() -> list[Path]:
    """Every bundled call file, in a fixed order."""
    return sorted(BUNDLED.rglob("*.yaml"))


def mutate(text: str, rng: random.Random) -> str:
    """``text`` with one to three random mutations."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        lines = rng.choice(MUTATIONS)(lines, rng)
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Mutant:
    """One mutated call: its number, where it came from, its text."""

    number: int
    source: Path
    text: str


def mutants(count: int, seed: int) -> Iterator[Mutant]:
    """``count`` mutants of the bundled calls; mutant ``n`` depends only on ``seed`` and ``n``."""
    calls = bundled_calls()
    texts = [path.read_text("utf-8") for path in calls]
    for number in range(count):
        rng = random.Random(f"{seed}:{number}")
        index = rng.randrange(len(calls))
        yield Mutant(number, calls[index], mutate(texts[index], rng))


def random_script(rng: random.Random) -> str:
    """A ``tutor run --script`` of sensible and silly actions."""
    actions = []
    for _ in range(rng.randint(0, 12)):
        actions.append(rng.choice([
            f"choose {rng.randint(-1, 4)}",
            f"choose {rng.choice(['9' * 5000, 'x', '1.5', ''])}",
            f"say {rng.choice(['Thank you, goodbye!', 'a' * 40 + '!', 'x' * 5000, 'ок, пока'])}",
            f"wait {rng.choice(['0.5', '3', '1e308', 'nan', '-1', '9' * 400])}",
            "hang up",
            "# a comment",
            rng.choice(["", "dance", "\x1b[2J", "say"]),
        ]))
    return "\n".join(actions) + "\n"


def random_stdin(rng: random.Random) -> str:
    """What a learner (or a cat walking over the keyboard) types into ``play --plain``."""
    lines = []
    for _ in range(rng.randint(0, 15)):
        lines.append(rng.choice([
            str(rng.randint(0, 4)), "", "", "/wait", f"/wait {rng.choice(['2', '1e308', 'nan'])}",
            "/hangup", "/help", "/nope", "9" * 5000, "Thank you so much, bye!", "x" * 3000,
            "\x1b]0;pwned\x07", "/quit" if rng.random() < 0.1 else "1",
        ]))
    return "\n".join(lines) + "\n"


@dataclass(frozen=True, slots=True)
class Failure:
    """A process that misbehaved on a mutant."""

    mutant: int
    command: str
    why: str

    def format(self) -> str:
        """One line for the report."""
        return f"mutant {self.mutant}: tutor {self.command}: {self.why}"


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "TUTOR_SCENARIOS"}
    env.update(PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8", TUTOR_CONFIG_DIR=str(home),
               XDG_CACHE_HOME=str(home / "cache"))
    return env


def tutor(args: Sequence[str], stdin: str, workdir: Path,
          timeout: float) -> subprocess.CompletedProcess[str]:
    """``python -m tutor ARGS`` from this checkout, with its state inside ``workdir``."""
    return subprocess.run([sys.executable, "-m", "tutor", *args], input=stdin,
                          capture_output=True, text=True, encoding="utf-8", errors="replace",
                          env=_env(workdir), cwd=workdir, timeout=timeout)


def check_mutant(mutant: Mutant, workdir: Path, seed: int, timeout: float) -> list[Failure]:
    """Run ``validate``, ``run`` and ``play --plain`` on ``mutant``; what went wrong."""
    rng = random.Random(f"{seed}:{mutant.number}:input")
    path = workdir / f"mutant-{mutant.number}.yaml"
    path.write_text(mutant.text, "utf-8")
    run = (["run", str(path), "--path", rng.choice(["best", "rushed"])] if rng.random() < 0.3
           else ["run", str(path), "--script", "-", "--no-record"])
    commands: list[tuple[list[str], str]] = [
        (["validate", str(path)], ""),
        (run, random_script(rng)),
        (["play", str(path), "--plain"], random_stdin(rng)),
    ]
    failures = []
    for args, stdin in commands:
        shown = " ".join(a if a != str(path) else path.name for a in args)
        try:
            result = tutor(args, stdin, workdir, timeout)
        except subprocess.TimeoutExpired:
            failures.append(Failure(mutant.number, shown, f"still running after {timeout:g} s"))
            continue
        output = result.stdout + result.stderr
        if "Traceback (most recent call last)" in output:
            last = output.rstrip().splitlines()[-1][:200]
            failures.append(Failure(mutant.number, shown, f"traceback: {last}"))
        elif result.returncode not in (0, 1):
            failures.append(Failure(mutant.number, shown, f"exit code {result.returncode}"))
    path.unlink()
    return failures


def fuzz(count: int, seed: int, jobs: int, timeout: float,
         keep: Path | None = None) -> list[Failure]:
    """Check ``count`` mutants with ``jobs`` in parallel; every failure found."""
    with tempfile.TemporaryDirectory(prefix="tutor-fuzz-") as tmp:
        workdir = Path(tmp)
        # A run where every process fails to start would find nothing: check that one works.
        sound = tutor(["validate", str(bundled_calls()[0])], "", workdir, 60)
        if sound.returncode != 0:
            raise RuntimeError(f"tutor does not run here: {sound.stderr[-500:]}")
        all_mutants = list(mutants(count, seed))
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            found = pool.map(lambda m: check_mutant(m, workdir, seed, timeout), all_mutants)
            failures = [failure for batch in found for failure in batch]
    if keep is not None and failures:
        keep.mkdir(parents=True, exist_ok=True)
        for number in {f.mutant for f in failures}:
            (keep / f"mutant-{number}.yaml").write_text(all_mutants[number].text, "utf-8")
    return failures


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: fuzz, print a summary, exit 1 if anything failed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mutants", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--keep", type=Path, help="write failing mutants into this folder")
    args = parser.parse_args(argv)
    failures = fuzz(args.mutants, args.seed, args.jobs, args.timeout, args.keep)
    for failure in failures:
        print(failure.format())
    print(f"{args.mutants} mutants (seed {args.seed}), {3 * args.mutants} processes: "
          f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
