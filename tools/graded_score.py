"""How the feedback engine agrees with the hand-graded closings (``tools/graded.py``).

Each graded closing is played with its script and evaluated. Two figures:

- broken principles: a principle the grader judged broken should get the verdict ``missed``;
  precision and recall over every (closing, principle) pair;
- order: Spearman's rank correlation between the bands (ties share their average rank) and the
  totals.

``python -m tools.graded_score`` prints both, and with ``--verbose`` every disagreement.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

from tools.graded import BANDS, GradedClosing, bundled_scenarios, load_closings
from tutor.dialogue import Call
from tutor.feedback import Evaluation, evaluate
from tutor.play.script import parse_script, play_script
from tutor.scenario.model import Scenario
from tutor.signals.analyzer import default_analyzer


@dataclass(frozen=True, slots=True)
class Graded:
    """One closing with its hand grade and what the tool made of it."""

    closing: GradedClosing
    evaluation: Evaluation

    @property
    def missed(self) -> set[str]:
        """Principles the tool judged missed."""
        return {r.principle for r in self.evaluation.principles if r.verdict == "missed"}


@dataclass(frozen=True, slots=True)
class Agreement:
    """The figures over the whole set."""

    precision: float
    recall: float
    spearman: float
    graded: tuple[Graded, ...]


def play(closing: GradedClosing, scenario: Scenario) -> Evaluation:
    """Play one closing's script on its call and evaluate it."""
    call = Call(scenario, default_analyzer())
    play_script(call, parse_script("\n".join(closing.script), name=closing.id), closing.id)
    return evaluate(call)


def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, ties sharing the average of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def spearman(a: Sequence[float], b: Sequence[float]) -> float:
    """Spearman's rank correlation (Pearson's on the ranks, so ties are handled)."""
    ra, rb = ranks(a), ranks(b)
    n = len(ra)
    ma, mb = sum(ra) / n, sum(rb) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb, strict=True))
    va = sum((x - ma) ** 2 for x in ra) ** 0.5
    vb = sum((y - mb) ** 2 for y in rb) ** 0.5
    return cov / (va * vb) if va and vb else 0.0


def agreement() -> Agreement:
    """Play every graded closing and compare the tool with the hand grades."""
    closings, problems = load_closings()
    if problems:
        raise ValueError("\n".join(problems))
    scenarios = bundled_scenarios()
    graded = tuple(Graded(c, play(c, scenarios[c.scenario])) for c in closings)
    tp = sum(len(g.missed & set(g.closing.broken)) for g in graded)
    fp = sum(len(g.missed - set(g.closing.broken)) for g in graded)
    fn = sum(len(set(g.closing.broken) - g.missed) for g in graded)
    band_order = list(BANDS)[::-1]  # poor first: a higher index is a better band
    return Agreement(
        precision=tp / (tp + fp) if tp + fp else 1.0,
        recall=tp / (tp + fn) if tp + fn else 1.0,
        spearman=spearman([band_order.index(g.closing.band) for g in graded],
                          [g.evaluation.total for g in graded]),
        graded=graded,
    )


def main(argv: Sequence[str]) -> int:
    """Print the figures; ``--verbose`` lists each closing the tool disagrees with."""
    result = agreement()
    print(f"broken principles: precision {result.precision:.3f}, recall {result.recall:.3f}; "
          f"Spearman (bands vs totals) {result.spearman:.3f}")
    if "--verbose" in argv:
        for g in result.graded:
            low, high = BANDS[g.closing.band]
            broken = set(g.closing.broken)
            in_band = low <= g.evaluation.total <= high
            if g.missed != broken or not in_band:
                print(f"{g.closing.id}: band {g.closing.band} total {g.evaluation.total}; "
                      f"extra {sorted(g.missed - broken)} lacking {sorted(broken - g.missed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
