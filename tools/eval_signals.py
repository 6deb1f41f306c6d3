"""Accuracy of the line analyzer on held-out end-of-call lines, per language and signal.

Reads ``tests/fixtures/signals_heldout_<lang>.tsv`` (the tuning part) by default; ``--final``
reads the untouched ``..._final.tsv`` part instead, ``--all`` both. Each file holds one line a
row: the text, a tab, the comma-separated signals it carries (maybe none); ``#`` rows are
comments. Prints precision, recall and F1 per signal and overall (micro-averaged);
``--verbose`` also lists every miss (FN) and false alarm (FP).

It measures accuracy, not speed, so it lives in ``tools/`` rather than ``bench/``.

Run: ``python tools/eval_signals.py [--final | --all] [--lang CODE] [--verbose]``.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from tutor.signals import SIGNALS, Analyzer, Lang, Signal  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
# Every language with a labelled tuning file.
LANGS: tuple[Lang, ...] = tuple(
    sorted(p.stem.removeprefix("signals_heldout_") for p in FIXTURES.glob("signals_heldout_*.tsv")
           if not p.stem.endswith("_final"))
)


@dataclass(frozen=True)
class Example:
    text: str
    signals: frozenset[Signal]
    where: str


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load(path: Path) -> list[Example]:
    """The labelled lines of one TSV file; unknown signal names are an error."""
    examples = []
    for number, raw in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        text, sep, labels = raw.partition("\t")
        if not sep:
            raise SystemExit(f"{path.name}:{number}: no tab between text and signals")
        names = {name.strip() for name in labels.split(",") if name.strip()}
        unknown = names - set(SIGNALS)
        if unknown:
            raise SystemExit(f"{path.name}:{number}: unknown signal(s) {sorted(unknown)}")
        examples.append(Example(text, frozenset(cast(set[Signal], names)), f"{path.name}:{number}"))
    return examples


def evaluate(analyzer: Analyzer, lang: Lang, examples: list[Example]) -> dict[str, Score]:
    """Scores per signal, plus ``"ALL"`` micro-averaged over the six."""
    scores = {name: Score() for name in (*SIGNALS, "ALL")}
    for example in examples:
        got = set(analyzer.analyze(example.text, lang).signals)
        for signal in SIGNALS:
            want = signal in example.signals
            have = signal in got
            for name in (signal, "ALL"):
                score = scores[name]
                score.tp += want and have
                score.fp += have and not want
                score.fn += want and not have
            if want != have:
                kind = "FN" if want else "FP"
                scores[signal].errors.append(f"{kind} {signal:<10} {example.text!r}")
    return scores


def report(lang: Lang, examples: list[Example], scores: dict[str, Score], verbose: bool) -> None:
    print(f"[{lang}] {len(examples)} lines")
    print(f"  {'signal':<11}{'P':>6}{'R':>6}{'F1':>6}{'TP':>5}{'FP':>4}{'FN':>4}")
    for name, s in scores.items():
        print(
            f"  {name:<11}{s.precision:6.2f}{s.recall:6.2f}{s.f1:6.2f}{s.tp:5d}{s.fp:4d}{s.fn:4d}"
        )
    if verbose:
        for name in SIGNALS:
            for error in scores[name].errors:
                print(f"    {error}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    part = parser.add_mutually_exclusive_group()
    part.add_argument("--final", action="store_true", help="the untouched final third")
    part.add_argument("--all", action="store_true", help="tuning and final parts together")
    parser.add_argument("--lang", choices=LANGS, action="append", help="only this language")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses")
    args = parser.parse_args(argv)
    suffixes = ["", "_final"] if args.all else ["_final"] if args.final else [""]
    analyzer = Analyzer()
    for lang in args.lang or LANGS:
        examples: list[Example] = []
        for suffix in suffixes:
            examples += load(FIXTURES / f"signals_heldout_{lang}{suffix}.tsv")
        report(lang, examples, evaluate(analyzer, lang, examples), args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
